"""Discovers articles through RSS and Atom feeds (and feeds advertised on a homepage)."""
from __future__ import annotations

from exwatch.config import Source
from spiders.base import SourcesSpider
from spiders.parsing import FeedError, find_feed_links, parse_feed


class FeedsSpider(SourcesSpider):
    name = "feeds"

    def owns_retries(self, source: Source) -> bool:
        return True

    async def start(self):
        for request in self.retry_requests():
            yield request
        for source in self.sources:
            for url in source.feeds:
                yield self.feed_request(url, source, "feed", self.parse_feed)
            if not source.feeds and not source.sitemaps and source.homepage:
                yield self.feed_request(source.homepage, source, "homepage", self.discover_feeds)

    def parse_feed(self, response, source: Source):
        if response.status == 304:
            self.crawler.stats.inc_value("exwatch/feeds/not_modified")
            yield self.feed_status(response, source)
            return
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            self.logger.warning("Feed %s of %s is unusable: %s", response.url, source.name, exc)
            yield self.feed_error(response, source, str(exc))
            return
        self.crawler.stats.inc_value("exwatch/feeds/fetched")
        yield self.feed_status(response, source, entries=len(entries))
        for entry in entries:
            yield self.article_request(entry.url, source, entry.published)

    def discover_feeds(self, response, source: Source):
        feeds = find_feed_links(response.body, response.url)
        if not feeds:
            yield self.feed_error(response, source, "the homepage advertises no RSS or Atom feed")
            return
        yield self.feed_status(response, source, entries=len(feeds))
        for url in feeds:
            yield self.feed_request(url, source, "feed", self.parse_feed)
