"""Feed, sitemap and autodiscovery parsing on saved fixtures."""
import gzip
from pathlib import Path

import pytest

from spiders.parsing import FeedError, find_feed_links, parse_feed, parse_sitemap

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_rss2_items_with_link_or_permalink_guid():
    entries = parse_feed(read("rss2.xml"), "https://steppe.example/rss")
    assert [e.url for e in entries] == [
        "https://steppe.example/news/activist-detained",  # tracking parameters dropped
        "https://steppe.example/news/hearing-postponed",  # from a permalink guid
    ]
    assert entries[0].title == "Activist detained at Almaty airport"
    assert entries[0].published == "2025-03-03T09:20:00+00:00"  # RFC 2822, converted to UTC
    assert entries[1].published == "2025-03-02T08:00:00+00:00"  # dc:date


def test_rss1_rdf():
    [entry] = parse_feed(read("rss1.rdf"), "https://rights.example/rss")
    assert entry.url == "https://rights.example/2025/deported"
    assert entry.published == "2025-02-11T07:00:00+00:00"


def test_atom_alternate_links_resolved_against_xml_base():
    entries = parse_feed(read("atom.xml"), "https://vestnik.example/atom.xml")
    assert [e.url for e in entries] == [
        "https://vestnik.example/ru/2025/04/vydacha.html",
        "https://vestnik.example/ru/2025/04/norel.html",
    ]
    assert entries[0].title == "Казахстан выдал России уклониста"
    assert entries[0].published == "2025-04-03T03:30:00+00:00"


def test_sitemap_index_lists_children_with_dates():
    sitemap = parse_sitemap(read("sitemap-index.xml"), "https://ledger.example/sitemap.xml")
    assert not sitemap.entries
    assert [c.url for c in sitemap.children] == [
        "https://ledger.example/sitemaps/news.xml.gz",
        "https://ledger.example/sitemaps/archive-2019.xml",
        "https://ledger.example/sitemaps/undated.xml",
    ]
    assert sitemap.children[1].lastmod == "2019-12-31T00:00:00+00:00"
    assert sitemap.children[2].lastmod is None


def test_google_news_sitemap_from_gzip():
    body = gzip.decompress(read("news-sitemap.xml.gz"))
    sitemap = parse_sitemap(body, "https://ledger.example/sitemaps/news.xml.gz")
    first, second, third = sitemap.entries
    assert first.news_published == "2025-03-04T05:15:00+00:00"
    assert first.title == "Deserter held in Yerevan"
    assert first.newest_date == first.news_published
    assert second.lastmod == "2025-01-10T00:00:00+00:00" and second.news_published is None
    assert third.newest_date is None


@pytest.mark.parametrize("name", ["billion-laughs.xml", "xxe.xml"])
def test_entity_declarations_are_refused(name):
    with pytest.raises(FeedError, match="entities"):
        parse_feed(read(name), "https://evil.example/feed")


def test_malformed_feed_is_an_error_that_names_the_problem():
    with pytest.raises(FeedError, match="not well-formed"):
        parse_feed(read("malformed.xml"), "https://outlet.example/feed")


def test_a_stray_ampersand_does_not_lose_the_feed():
    [entry] = parse_feed(read("recoverable.xml"), "https://outlet.example/feed")
    assert entry.url == "https://outlet.example/news/1"


@pytest.mark.parametrize("body", [b"", b"   ", b"<html><body>Not a feed</body></html>", b"\x00\x01\x02garbage"])
def test_non_feeds_are_errors(body):
    with pytest.raises(FeedError):
        parse_feed(body, "https://outlet.example/feed")


def test_html_is_not_a_sitemap():
    with pytest.raises(FeedError, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>", "https://outlet.example/sitemap.xml")


def test_feed_autodiscovery_from_homepage():
    links = find_feed_links(read("homepage.html"), "https://outlet.example/")
    assert links == ["https://outlet.example/rss/all.xml", "https://outlet.example/atom"]
