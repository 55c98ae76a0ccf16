"""What both discovery spiders share: sources in, article requests and feed outcomes out."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

import scrapy
from scrapy.http import TextResponse
from twisted.python.failure import Failure

from exwatch.config import Source
from exwatch.middlewares import ARTICLE_META, FEED_META
from exwatch.records import ArticleItem, FeedStatus, PageFailure
from exwatch.store import pages as stored_pages
from exwatch.store.db import open_db
from exwatch.urls import canonicalize_url


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SourcesSpider(scrapy.Spider):
    """Base for spiders that crawl a list of `Source`s. Subclasses define `start()`."""

    def __init__(self, sources: list[Source] = (), now: datetime | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sources = list(sources)
        self.now = now or utc_now()
        # Filled as the crawl goes: what the run summary reports.
        self.failed_sources: dict[str, list[str]] = defaultdict(list)
        self.page_errors: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.article_maxsize = crawler.settings.getint("EXWATCH_ARTICLE_MAXSIZE")
        spider.db_path = crawler.settings.get("EXWATCH_DB")
        spider.page_retry_runs = crawler.settings.getint("EXWATCH_PAGE_RETRY_RUNS")
        return spider

    def owns_retries(self, source: Source) -> bool:
        """Whether this spider re-requests the source's failed pages (one spider per source does)."""
        raise NotImplementedError

    def retry_requests(self):
        """Pages that failed transiently in earlier runs: tried again, a few runs at most."""
        by_name = {s.name: s for s in self.sources if self.owns_retries(s)}
        if not by_name or not self.db_path:
            return
        db = open_db(self.db_path, read_only=True)
        try:
            pending = stored_pages.pages_to_retry(db, max_attempts=self.page_retry_runs)
        finally:
            db.close()
        for url, source_name in pending:
            if source_name in by_name:
                self.crawler.stats.inc_value("exwatch/pages/retried")
                yield self.article_request(url, by_name[source_name])

    def timestamp(self) -> str:
        return utc_now().isoformat(timespec="seconds")

    def feed_request(self, url: str, source: Source, kind: str, callback) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.feed_failed,
            meta={FEED_META: True, "exwatch_kind": kind, "handle_httpstatus_list": [304], **_local_file_meta(url)},
            cb_kwargs={"source": source},
            dont_filter=True,
        )

    def article_request(self, url: str, source: Source, published: str | None = None) -> scrapy.Request:
        url = canonicalize_url(url) if url.startswith("http") else url
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            meta={ARTICLE_META: True, "download_maxsize": self.article_maxsize, **_local_file_meta(url)},
            cb_kwargs={"source": source, "feed_published": published},
        )

    def feed_status(self, response, source: Source, **fields) -> FeedStatus:
        return FeedStatus(
            url=response.request.url if response.request else response.url,
            source=source.name,
            kind=response.meta.get("exwatch_kind", "feed"),
            fetched_at=self.timestamp(),
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            **fields,
        )

    def feed_error(self, response, source: Source, error: str) -> FeedStatus:
        self.failed_sources[source.name].append(f"{response.url}: {error}")
        self.crawler.stats.inc_value("exwatch/feeds/failed")
        return FeedStatus(
            url=response.request.url if response.request else response.url,
            source=source.name,
            kind=response.meta.get("exwatch_kind", "feed"),
            fetched_at=self.timestamp(),
            status=response.status,
            error=error,
        )

    def feed_failed(self, failure: Failure):
        request = failure.request
        source: Source = request.cb_kwargs["source"]
        error = describe_failure(failure)
        self.failed_sources[source.name].append(f"{request.url}: {error}")
        self.crawler.stats.inc_value("exwatch/feeds/failed")
        self.logger.warning("Feed %s of %s failed: %s", request.url, source.name, error)
        yield FeedStatus(
            url=request.url,
            source=source.name,
            kind=request.meta.get("exwatch_kind", "feed"),
            fetched_at=self.timestamp(),
            status=_failure_status(failure),
            error=error,
        )

    def parse_article(self, response, source: Source, feed_published: str | None = None):
        redirects = response.meta.get("redirect_urls") or []
        yield ArticleItem(
            url=response.url,
            body=response.body,
            source=source.name,
            fetched_at=self.timestamp(),
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            source_language=source.language,
            feed_published=feed_published,
            requested_url=redirects[0] if redirects else None,
        )

    def article_failed(self, failure: Failure):
        request = failure.request
        error = describe_failure(failure)
        if "robots.txt" in error:
            self.crawler.stats.inc_value("exwatch/pages/robots_forbidden")
            return
        source = request.cb_kwargs["source"].name
        self.crawler.stats.inc_value("exwatch/pages/failed")
        self.page_errors.append({"source": source, "url": request.url, "error": error})
        self.logger.info("Article %s failed: %s", request.url, error)
        yield PageFailure(
            url=request.url, source=source, fetched_at=self.timestamp(), error=error, retryable=is_transient(failure)
        )


def _local_file_meta(url: str) -> dict:
    """Local files (the offline demo) need no politeness delay: they get a slot of their own."""
    if url.startswith("file:"):
        return {"download_slot": LOCAL_FILES_SLOT, "autothrottle_dont_adjust_delay": True}
    return {}


LOCAL_FILES_SLOT = "exwatch-local-files"


def describe_failure(failure: Failure) -> str:
    """One readable line for a download failure."""
    from scrapy.spidermiddlewares.httperror import HttpError

    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    message = str(failure.value) or failure.type.__name__
    return f"{failure.type.__name__}: {message}".splitlines()[0][:300]


def is_transient(failure: Failure) -> bool:
    """Worth another try on a later run: server errors and network trouble, not 404s or size limits."""
    from scrapy.exceptions import IgnoreRequest

    status = _failure_status(failure)
    if status is not None:
        return status >= 500 or status in (408, 429)
    if failure.check(IgnoreRequest):
        return False  # robots.txt, a decompression bomb
    return "max size" not in str(failure.value)


def _failure_status(failure: Failure) -> int | None:
    response = getattr(failure.value, "response", None)
    return getattr(response, "status", None)


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
