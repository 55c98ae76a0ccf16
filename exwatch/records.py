"""Typed records that travel through the crawl: Scrapy items are these dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field

from nlp.types import Analysis, DatePrecision, EventMention, PersonMention, Role, Stage

__all__ = [
    "ArticleItem",
    "CaseChange",
    "FeedStatus",
    "PageFailure",
    "Analysis",
    "DatePrecision",
    "EventMention",
    "PersonMention",
    "Role",
    "Stage",
]


@dataclass
class ArticleItem:
    """One fetched article page; each pipeline step fills its part."""

    # set by the spider
    url: str
    body: bytes
    source: str
    fetched_at: str  # ISO 8601 UTC
    encoding: str | None = None  # from the HTTP headers or the page
    source_language: str | None = None
    feed_published: str | None = None  # the date the feed or sitemap gave, if any
    requested_url: str | None = None  # before redirects
    # set by the extract step
    canonical_url: str | None = None
    title: str | None = None
    text: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    # set by the dedup step
    article_id: str | None = None
    text_hash: str | None = None
    not_article: str | None = None  # why the extract step found no article here
    duplicate_of: str | None = None  # id of the stored article with the same text
    # set by the language step
    analysis: Analysis | None = None


@dataclass
class FeedStatus:
    """The outcome of fetching one feed or sitemap; the store keeps it per URL."""

    url: str
    source: str
    kind: str  # feed | sitemap | homepage
    fetched_at: str
    status: int | None = None  # HTTP status, 304 for not modified
    etag: str | None = None
    last_modified: str | None = None
    entries: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class PageFailure:
    """An article page that could not be fetched; transient failures are retried next run."""

    url: str
    source: str
    fetched_at: str
    error: str
    retryable: bool


@dataclass(frozen=True)
class CaseChange:
    """A stored event that changed a case: the store resolves it, the alert rules judge it."""

    case_id: int
    event_id: int
    article_id: str
    stage: str
    previous_stage: str | None  # the case's stage before this event; None for a new case
    case_is_new: bool
    person_is_new: bool  # no earlier case of this person anywhere
