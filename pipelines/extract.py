"""Step 1: main text, title, authors, dates and language from the page's HTML."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from scrapy import signals

from exwatch import extraction
from exwatch.records import ArticleItem
from exwatch.urls import canonicalize_url
from pipelines.drops import ExtractionFailed

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, *, stats, min_text_chars: int = 300, workers: int = 2):
        self.stats = stats
        self.min_text_chars = min_text_chars
        self.workers = workers
        self.pool: Executor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(
            stats=crawler.stats,
            min_text_chars=crawler.settings.getint("EXWATCH_MIN_TEXT_CHARS"),
            workers=crawler.settings.getint("EXWATCH_EXTRACT_WORKERS"),
        )
        crawler.signals.connect(pipeline.shutdown, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        if self.workers > 0:
            # forkserver: a clean child, not a fork of a process running a reactor and threads.
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))

    def shutdown(self, spider=None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    async def process_item(self, item):
        if not isinstance(item, ArticleItem):
            return item
        try:
            extracted = await self.extract(item)
        except extraction.NotAnArticle as exc:
            # The store step remembers the page (so it is not fetched again) and drops it.
            self.stats.inc_value(f"exwatch/articles/dropped/{exc.reason}")
            item.not_article = exc.reason
            return item
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the crawl
            self.stats.inc_value("exwatch/articles/dropped/extract-error")
            logger.error("Extraction failed for %s: %r", item.url, exc)
            raise ExtractionFailed(f"{item.url}: extraction failed: {exc!r}") from exc
        item.title = extracted.title
        item.text = extracted.text
        item.authors = list(extracted.authors)
        item.published = extracted.published or _date_part(item.feed_published)
        item.modified = extracted.modified
        item.language = extracted.language or item.source_language
        item.canonical_url = canonicalize_url(extracted.canonical_url) if extracted.canonical_url else None
        return item

    async def extract(self, item: ArticleItem):
        job = partial(
            extraction.extract_article,
            item.body,
            item.url,
            encoding=item.encoding,
            default_language=item.source_language,
            min_text_chars=self.min_text_chars,
        )
        if self.pool is None:
            return job()
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, job)
        except BrokenProcessPool:
            # A worker died (out of memory on a hostile page?): start a fresh pool for the rest.
            self.shutdown()
            self.open_spider()
            raise


def _date_part(value: str | None) -> str | None:
    return value[:10] if value else None
