"""Pure parsing helpers for feeds, sitemaps and feed autodiscovery: bytes in, records out.

XML is parsed from the downloaded body with entity expansion and network access off;
a document that declares entities is refused outright (billion laughs, XXE).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree, html

from exwatch.urls import canonicalize_url


class FeedError(Exception):
    """The document is not a usable feed or sitemap; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None  # ISO 8601
    news_published: str | None = None
    title: str | None = None

    @property
    def newest_date(self) -> str | None:
        dates = [d for d in (self.news_published, self.lastmod) if d]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: either an index of child sitemaps or a set of page entries."""

    children: tuple[SitemapEntry, ...] = ()
    entries: tuple[SitemapEntry, ...] = ()


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}


def parse_xml(body: bytes, *, recover: bool = False) -> etree._Element:
    if not body or not body.strip():
        raise FeedError("empty document")
    if _ENTITY_DECLARATION.search(body[:65536]):
        raise FeedError("document declares XML entities; refused (entity expansion is unsafe)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=recover, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise FeedError("not well-formed XML: no root element")
    return root


def _local(tag) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element, name: str):
    return [c for c in element if _local(c.tag) == name]


def _text(element, *names: str) -> str | None:
    for name in names:
        for child in _children(element, name):
            value = (child.text or "").strip()
            if value:
                return value
    return None


def parse_date(value: str | None) -> str | None:
    """RFC 2822 (RSS) or ISO 8601 (Atom, sitemaps) to ISO 8601 in UTC; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, links resolved against `base_url`.

    Real feeds are often slightly broken (a stray `&`): a feed that is not well-formed is
    parsed again leniently, and refused only if that yields no entry either.
    """
    try:
        return _feed_entries(parse_xml(body), base_url)
    except FeedError as strict_error:
        try:
            entries = _feed_entries(parse_xml(body, recover=True), base_url)
        except FeedError:
            raise strict_error from None
        if not entries:
            raise strict_error from None
        return entries


def _feed_entries(root, base_url: str) -> list[FeedEntry]:
    kind = _local(root.tag)
    if kind == "rss":
        channel = next(iter(_children(root, "channel")), None)
        items = _children(channel, "item") if channel is not None else []
        entries = [_rss_entry(item, base_url) for item in items]
    elif kind == "rdf":
        entries = [_rss_entry(item, base_url) for item in _children(root, "item")]
    elif kind == "feed":
        entries = [_atom_entry(entry, base_url) for entry in _children(root, "entry")]
    else:
        raise FeedError(f"not an RSS or Atom feed (root element <{kind}>)")
    return [e for e in entries if e is not None]


def _rss_entry(item, base_url: str) -> FeedEntry | None:
    link = _text(item, "link") or _permalink_guid(item) or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    if not link:
        return None
    return FeedEntry(
        url=_absolute(base_url, link),
        title=_text(item, "title"),
        published=parse_date(_text(item, "pubdate", "date", "published")),
    )


def _permalink_guid(item) -> str | None:
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() != "false" and (guid.text or "").strip().startswith(("http", "/")):
            return guid.text.strip()
    return None


def _atom_entry(entry, base_url: str) -> FeedEntry | None:
    links = _children(entry, "link")
    chosen = next((l for l in links if l.get("rel", "alternate") == "alternate" and l.get("href")), None)
    if chosen is None:
        return None
    base = entry.base or base_url
    return FeedEntry(
        url=_absolute(base, chosen.get("href")),
        title=_text(entry, "title"),
        published=parse_date(_text(entry, "published", "updated", "issued")),
    )


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """A sitemap index (children) or URL set (entries), with Google News dates when given."""
    try:
        root = parse_xml(body)
    except FeedError:
        root = parse_xml(body, recover=True)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return Sitemap(children=tuple(_sitemap_entry(s, base_url) for s in _children(root, "sitemap") if _text(s, "loc")))
    if kind == "urlset":
        return Sitemap(entries=tuple(_sitemap_entry(u, base_url) for u in _children(root, "url") if _text(u, "loc")))
    raise FeedError(f"not a sitemap (root element <{kind}>)")


def _sitemap_entry(element, base_url: str) -> SitemapEntry:
    news = next(iter(_children(element, "news")), None)
    return SitemapEntry(
        url=_absolute(base_url, _text(element, "loc")),
        lastmod=parse_date(_text(element, "lastmod")),
        news_published=parse_date(_text(news, "publication_date")) if news is not None else None,
        title=_text(news, "title") if news is not None else None,
    )


def find_feed_links(body: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a homepage advertises with `<link rel="alternate" type="application/rss+xml">`."""
    try:
        document = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    urls = []
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().strip() in _FEED_TYPES and link.get("href"):
            url = _absolute(base_url, link.get("href"))
            if url not in urls:
                urls.append(url)
    return urls


def _absolute(base_url: str, link: str) -> str:
    url = urljoin(base_url, link.strip())
    return canonicalize_url(url) if url.startswith(("http://", "https://")) else url
