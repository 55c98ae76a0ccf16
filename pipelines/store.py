"""Step 4: write articles, duplicates, feed outcomes, people and events to the store.

Each new event resolves its case in the article's transaction, and its `CaseChange` goes to
`on_case_change(db, change, run_id=..., at=...)` in that same transaction (by default
`alerts.outbox.enqueue`, which queues an alert when the rules want one), so an article is never
stored without its alerts or the reverse. A duplicate or near-duplicate adds its outlet as one
more source of the original's events: no new event, no case change, no alert.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone

from exwatch.records import ArticleItem, CaseChange, FeedStatus, PageFailure
from exwatch.store import articles as stored
from exwatch.store import cases as stored_cases
from exwatch.store import feeds as stored_feeds
from exwatch.store import neardup
from exwatch.store import pages as stored_pages
from exwatch.store import people as stored_people
from exwatch.store.db import open_db
from pipelines import shared
from pipelines.drops import DuplicateArticle, NotAnArticle

logger = logging.getLogger(__name__)

OnCaseChange = Callable[..., object]  # (db, change: CaseChange, *, run_id: int | None, at: str)


def queue_alert(db, change: CaseChange, *, run_id: int | None, at: str) -> bool:
    """The default `on_case_change`: the alerts outbox, imported only when a case changes."""
    from alerts.outbox import enqueue

    return enqueue(db, change, run_id=run_id, at=at)


class StorePipeline:
    def __init__(
        self,
        *,
        db_path: str,
        stats,
        run_id: int | None = None,
        keep_html: bool = False,
        on_case_change: OnCaseChange = queue_alert,
        clock: Callable[[], str] | None = None,
    ):
        self.db_path = db_path
        self.stats = stats
        self.run_id = run_id
        self.keep_html = keep_html
        self.on_case_change = on_case_change
        self.clock = clock or _now
        self.db = None
        self.run_key = ("store-waiting", str(db_path), run_id)
        # Duplicates whose original is still in an NLP step (not stored yet): original id -> items.
        # Shared with the other spider's store step, which may be the one storing the original.
        self.waiting: dict[str, list[ArticleItem]] = {}

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
        self.waiting = shared.acquire(self.run_key, dict)

    def close_spider(self) -> None:
        if self.db is None:
            return
        if shared.release(self.run_key):
            self.store_leftover_duplicates()
        self.db.close()

    def store_leftover_duplicates(self) -> None:
        for original, items in list(self.waiting.items()):
            for item in items:
                if self._is_stored(original):
                    self._record_duplicate(item)
                    continue
                # The original never reached the store (dropped or failed): keep this copy itself.
                logger.warning("%s: the article it duplicates (%s) was not stored; storing it", item.url, original)
                item.duplicate_of = None
                self.store_article(item)
        self.waiting.clear()

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
        self.stats.inc_value("exwatch/articles/duplicate")
        if not self._is_stored(item.duplicate_of):
            self.waiting.setdefault(item.duplicate_of, []).append(item)
            return
        self._record_duplicate(item)

    def _record_duplicate(self, item: ArticleItem) -> None:
        with self.db.atomic():
            stored_pages.clear_page_outcomes(self.db, _urls_of(item))
            if stored.article_id_for_url(self.db, item.canonical_url or item.url) == item.duplicate_of:
                # Same page under another address: remember the address, so it is not fetched again.
                stored.remember_urls(self.db, item.duplicate_of, _urls_of(item))
                return
            similarity = self._similarity(item)
            for url in _urls_of(item):
                stored.record_duplicate(
                    self.db, url=url, source=item.source, duplicate_of=item.duplicate_of,
                    fetched_at=item.fetched_at, similarity=similarity,
                )
            # Another outlet running the same story corroborates its events.
            stored_cases.corroborate(
                self.db, item.duplicate_of, source=item.source, url=item.canonical_url or item.url, at=self.clock()
            )
        if similarity < 1.0:
            self.stats.inc_value("exwatch/articles/near_duplicate")

    def _is_stored(self, article_id: str) -> bool:
        return self.db.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None

    def _similarity(self, item: ArticleItem) -> float:
        original_hash = self.db.execute("select text_hash from articles where id = ?", [item.duplicate_of]).fetchone()[0]
        if original_hash == stored.text_hash(item.text or ""):
            return 1.0
        mine, theirs = neardup.signature(item.text or ""), neardup.load_signature(self.db, item.duplicate_of)
        if mine is None or theirs is None:
            return 0.0  # not measurable here; the dedup step judged it a copy
        return round(min(neardup.similarity(mine, theirs), 0.999), 3)

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
        at = self.clock()
        with self.db.atomic():
            stored.insert_article(self.db, article, also_reached_by=_urls_of(item))
            stored_pages.clear_page_outcomes(self.db, _urls_of(item))
            neardup.save_signature(self.db, article.id, neardup.signature(article.text))
            if item.analysis:
                result = stored_people.store_analysis(self.db, article.id, item.analysis, at=at)
                self.stats.inc_value("exwatch/events/new", result.new_events)
                for change in result.changes:
                    self.stats.inc_value("exwatch/cases/new" if change.case_is_new else "exwatch/cases/changed")
                    if self.on_case_change(self.db, change, run_id=self.run_id, at=at):
                        self.stats.inc_value("exwatch/alerts/queued")
        self.stats.inc_value("exwatch/articles/new")
        for duplicate in self.waiting.pop(article.id, []):
            self._record_duplicate(duplicate)


def _urls_of(item: ArticleItem) -> tuple[str, ...]:
    return tuple(u for u in (item.canonical_url, item.url, item.requested_url) if u)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
