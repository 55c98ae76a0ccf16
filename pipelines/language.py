"""Step 3: the relevance prefilter, then people and extradition events (the `nlp` package)."""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from scrapy import signals
from scrapy.exceptions import NotConfigured

from exwatch.records import ArticleItem

logger = logging.getLogger(__name__)


class LanguagePipeline:
    def __init__(self, *, stats, analyze):
        self.stats = stats
        self.analyze = analyze
        # One thread: the models are loaded once and the reactor stays free to download.
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="exwatch-nlp")

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("EXWATCH_NLP_ENABLED"):
            raise NotConfigured("EXWATCH_NLP_ENABLED is off")
        from nlp import analyze

        pipeline = cls(stats=crawler.stats, analyze=analyze)
        crawler.signals.connect(pipeline.shutdown, signal=signals.spider_closed)
        return pipeline

    def shutdown(self, spider=None) -> None:
        self.executor.shutdown(wait=True)

    async def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.not_article or item.duplicate_of or not item.text:
            return item
        loop = asyncio.get_running_loop()
        try:
            item.analysis = await loop.run_in_executor(self.executor, self.analyze_item, item)
        except Exception as exc:  # noqa: BLE001 - the article is still stored, without events
            self.stats.inc_value("exwatch/nlp/errors")
            logger.error("NLP failed for %s: %r", item.url, exc)
            return item
        self.stats.inc_value("exwatch/nlp/relevant" if item.analysis.relevant else "exwatch/nlp/irrelevant")
        self.stats.inc_value("exwatch/nlp/events", len(item.analysis.events))
        return item

    def analyze_item(self, item: ArticleItem):
        return self.analyze(
            item.text,
            title=item.title or "",
            published=_as_date(item.published),
            language=item.language or item.source_language or "en",
        )


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
