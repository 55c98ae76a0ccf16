"""Discovers articles through sitemaps: indexes, gzip, Google News sitemaps.

Only entries newer than a window (`EXWATCH_SITEMAP_WINDOW_DAYS`, by `news:publication_date`
or `lastmod`) are fetched: a sitemap may list years of pages.
"""
from __future__ import annotations

from datetime import timedelta

from scrapy.utils.gz import gunzip

from exwatch.config import Source
from spiders.base import SourcesSpider
from spiders.parsing import FeedError, parse_sitemap


class SitemapsSpider(SourcesSpider):
    name = "sitemaps"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.window = timedelta(days=crawler.settings.getfloat("EXWATCH_SITEMAP_WINDOW_DAYS"))
        spider.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        return spider

    @property
    def cutoff(self) -> str:
        return (self.now - self.window).isoformat(timespec="seconds")

    def owns_retries(self, source: Source) -> bool:
        return not source.feeds  # the feeds spider retries for sources that have both

    async def start(self):
        for request in self.retry_requests():
            yield request
        for source in self.sources:
            for url in source.sitemaps:
                yield self.feed_request(url, source, "sitemap", self.parse_sitemap)

    def parse_sitemap(self, response, source: Source):
        if response.status == 304:
            self.crawler.stats.inc_value("exwatch/feeds/not_modified")
            yield self.feed_status(response, source)
            return
        try:
            sitemap = parse_sitemap(self.sitemap_body(response), response.url)
        except FeedError as exc:
            self.logger.warning("Sitemap %s of %s is unusable: %s", response.url, source.name, exc)
            yield self.feed_error(response, source, str(exc))
            return
        self.crawler.stats.inc_value("exwatch/feeds/fetched")
        yield self.feed_status(response, source, entries=len(sitemap.children) + len(sitemap.entries))
        for child in sitemap.children:
            if self.is_recent(child.newest_date, undated=True):
                yield self.feed_request(child.url, source, "sitemap", self.parse_sitemap)
        for entry in sitemap.entries:
            if self.is_recent(entry.newest_date, undated=False):
                yield self.article_request(entry.url, source, entry.news_published or entry.lastmod)
            else:
                self.crawler.stats.inc_value("exwatch/sitemaps/outside_window")

    def is_recent(self, date: str | None, *, undated: bool) -> bool:
        """Undated child sitemaps are followed; undated pages are not (a sitemap may hold years)."""
        return undated if date is None else date >= self.cutoff

    def sitemap_body(self, response) -> bytes:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                return gunzip(body, max_size=self.maxsize)
            except (OSError, EOFError, ValueError) as exc:  # ValueError: over max_size
                raise FeedError(f"unusable gzip: {exc or type(exc).__name__}") from exc
        return body
