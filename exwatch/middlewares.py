"""Small Scrapy middlewares: incremental crawling, conditional GET, retry backoff."""
from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured

from exwatch.store import articles as stored_articles
from exwatch.store import feeds as stored_feeds
from exwatch.store import pages as stored_pages
from exwatch.store.db import open_db
from exwatch.urls import url_hash

logger = logging.getLogger(__name__)

ARTICLE_META = "exwatch_article"
FEED_META = "exwatch_feed"


class SkipStoredArticles:
    """Drops requests for article pages whose URL is already stored (after canonicalisation)."""

    def __init__(self, db_path: str, stats, max_attempts: int = 3):
        self.db_path = db_path
        self.stats = stats
        self.max_attempts = max_attempts
        self.known: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("EXWATCH_INCREMENTAL_ENABLED"):
            raise NotConfigured("EXWATCH_INCREMENTAL_ENABLED is off")
        middleware = cls(
            crawler.settings.get("EXWATCH_DB"), crawler.stats, crawler.settings.getint("EXWATCH_PAGE_RETRY_RUNS")
        )
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider=None) -> None:
        db = open_db(self.db_path, read_only=True)
        try:
            self.known = stored_articles.known_url_hashes(db)
            self.known |= stored_pages.settled_url_hashes(db, max_attempts=self.max_attempts)
        finally:
            db.close()

    def is_known(self, request) -> bool:
        if not (isinstance(request, Request) and request.meta.get(ARTICLE_META)):
            return False
        if url_hash(request.url) in self.known:
            self.stats.inc_value("exwatch/articles/known")
            return True
        return False

    def process_spider_output(self, response, result, spider=None):
        for entry in result:
            if not self.is_known(entry):
                yield entry

    async def process_spider_output_async(self, response, result, spider=None):
        async for entry in result:
            if not self.is_known(entry):
                yield entry

    def process_start_requests(self, start_requests, spider=None):
        for request in start_requests:
            if not self.is_known(request):
                yield request

    async def process_start(self, start):
        async for request in start:
            if not self.is_known(request):
                yield request


class ConditionalFeedRequests:
    """Sends a feed's stored ETag and Last-Modified, so an unchanged feed costs one 304."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.states: dict[str, stored_feeds.FeedState] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("EXWATCH_CONDITIONAL_GET_ENABLED"):
            raise NotConfigured("EXWATCH_CONDITIONAL_GET_ENABLED is off")
        middleware = cls(crawler.settings.get("EXWATCH_DB"))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider=None) -> None:
        db = open_db(self.db_path, read_only=True)
        try:
            self.states = stored_feeds.feed_states(db)
        finally:
            db.close()

    def process_request(self, request, spider=None):
        if not request.meta.get(FEED_META):
            return None
        state = self.states.get(request.url)
        if state is None:
            return None
        if state.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = state.etag
        if state.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = state.last_modified
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, waiting base * 2**(attempt-1) seconds (or Retry-After) first."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("EXWATCH_RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("EXWATCH_RETRY_BACKOFF_MAX", 60.0)

    def backoff_delay(self, retry_request: Request, response=None) -> float:
        attempt = retry_request.meta.get("retry_times", 1)
        delay = self.backoff_base * 2 ** (attempt - 1)
        retry_after = _retry_after_seconds(response)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.backoff_max)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_request = self._retry(request, f"HTTP {response.status}")
        if retry_request is None:
            return response
        await asyncio.sleep(self.backoff_delay(retry_request, response))
        return retry_request

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry_request = self._retry(request, exception)
        if retry_request is None:
            return None
        await asyncio.sleep(self.backoff_delay(retry_request))
        return retry_request


def _retry_after_seconds(response) -> float | None:
    if response is None:
        return None
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        from datetime import datetime, timezone

        return max(0.0, (parsedate_to_datetime(text) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None
