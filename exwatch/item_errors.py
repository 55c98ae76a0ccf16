"""An item that a pipeline step failed on is not lost: it is counted, reported and retried.

Scrapy logs an exception raised in `process_item` and moves on. Here the page is also recorded
as a transient failure in `page_outcomes`, so the next runs fetch it again (its feed may well
answer 304 by then), and the run is marked partial.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from scrapy import signals
from scrapy.exceptions import NotConfigured

from exwatch.records import ArticleItem
from exwatch.store import pages as stored_pages
from exwatch.store.db import open_db

logger = logging.getLogger(__name__)


class ItemErrorRecorder:
    def __init__(self, db_path: str, stats):
        self.db_path = db_path
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("EXWATCH_ITEM_ERRORS_ENABLED", True):
            raise NotConfigured
        recorder = cls(crawler.settings.get("EXWATCH_DB"), crawler.stats)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        return recorder

    def item_error(self, item, response=None, spider=None, failure=None) -> None:
        self.stats.inc_value("exwatch/items/error")
        if not isinstance(item, ArticleItem):
            return
        error = f"processing error: {failure.getErrorMessage() if failure else 'unknown'}"[:500]
        self.stats.inc_value("exwatch/pages/failed")
        if spider is not None and hasattr(spider, "page_errors"):
            spider.page_errors.append({"source": item.source, "url": item.url, "error": error})
        db = open_db(self.db_path, migrate=False)
        try:
            with db.atomic():
                stored_pages.record_page_outcome(
                    db, url=item.requested_url or item.url, source=item.source, outcome="failed", reason=error,
                    retryable=True, at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                )
        finally:
            db.close()
