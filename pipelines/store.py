"""Step 4: write articles, duplicates, feed outcomes, people and events to the store."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from exwatch.records import ArticleItem, FeedStatus, PageFailure
from exwatch.store import articles as stored
from exwatch.store import feeds as stored_feeds
from exwatch.store import pages as stored_pages
from exwatch.store import people as stored_people
from exwatch.store.db import open_db
from pipelines.drops import DuplicateArticle, NotAnArticle

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, *, db_path: str, stats, run_id: int | None = None, keep_html: bool = False):
        self.db_path = db_path
        self.stats = stats
        self.run_id = run_id
        self.keep_html = keep_html
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            db_path=settings.get("EXWATCH_DB"),
            stats=crawler.stats,
            run_id=settings.getint("EXWATCH_RUN_ID") or None,
            keep_html=settings.getbool("EXWATCH_KEEP_HTML"),
        )

    def open_spider(self) -> None:
        self.db = open_db(self.db_path, migrate=False)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item):
        if isinstance(item, FeedStatus):
            self.store_feed_status(item)
            return item
        if isinstance(item, PageFailure):
            self.store_page_failure(item)
            return item
        if not isinstance(item, ArticleItem):
            return item
        if item.not_article:
            self.store_not_article(item)
            raise NotAnArticle(f"{item.url}: not an article ({item.not_article})", log_level="DEBUG")
        if item.duplicate_of:
            self.store_duplicate(item)
            raise DuplicateArticle(f"{item.url}: duplicate of article {item.duplicate_of}", log_level="DEBUG")
        self.store_article(item)
        return item

    def store_feed_status(self, status: FeedStatus) -> None:
        fields = dict(url=status.url, source=status.source, kind=status.kind, at=status.fetched_at, status=status.status)
        with self.db.atomic():
            if status.ok:
                stored_feeds.record_feed_success(self.db, etag=status.etag, last_modified=status.last_modified, **fields)
            else:
                stored_feeds.record_feed_failure(self.db, error=status.error, **fields)

    def store_page_failure(self, failure: PageFailure) -> None:
        with self.db.atomic():
            stored_pages.record_page_outcome(
                self.db, url=failure.url, source=failure.source, outcome="failed", reason=failure.error,
                retryable=failure.retryable, at=failure.fetched_at,
            )

    def store_not_article(self, item: ArticleItem) -> None:
        with self.db.atomic():
            for url in _urls_of(item):
                stored_pages.record_page_outcome(
                    self.db, url=url, source=item.source, outcome="not-article", reason=item.not_article,
                    retryable=False, at=item.fetched_at,
                )

    def store_duplicate(self, item: ArticleItem) -> None:
        with self.db.atomic():
            stored_pages.clear_page_outcomes(self.db, _urls_of(item))
            if stored.article_id_for_url(self.db, item.canonical_url or item.url) == item.duplicate_of:
                # Same page under another address: remember the address, so it is not fetched again.
                stored.remember_urls(self.db, item.duplicate_of, _urls_of(item))
            else:
                for url in _urls_of(item):
                    stored.record_duplicate(
                        self.db, url=url, source=item.source, duplicate_of=item.duplicate_of, fetched_at=item.fetched_at
                    )
        self.stats.inc_value("exwatch/articles/duplicate")

    def store_article(self, item: ArticleItem) -> None:
        article = stored.StoredArticle(
            id=item.article_id,
            url=item.canonical_url or item.url,
            source=item.source,
            title=item.title,
            text=item.text or "",
            authors=item.authors,
            published=item.published,
            modified=item.modified,
            language=item.language,
            fetched_at=item.fetched_at,
            run_id=self.run_id,
            html=item.body.decode(item.encoding or "utf-8", "replace") if self.keep_html else None,
            relevant=item.analysis.relevant if item.analysis else None,
        )
        with self.db.atomic():
            stored.insert_article(self.db, article, also_reached_by=_urls_of(item))
            stored_pages.clear_page_outcomes(self.db, _urls_of(item))
            if item.analysis:
                new_events = stored_people.store_analysis(self.db, article.id, item.analysis, at=_now())
                self.stats.inc_value("exwatch/events/new", new_events)
        self.stats.inc_value("exwatch/articles/new")


def _urls_of(item: ArticleItem) -> tuple[str, ...]:
    return tuple(u for u in (item.canonical_url, item.url, item.requested_url) if u)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
