"""Step 2: is this page already stored, under its canonical URL, with the same text, or nearly?

Near-duplicates: another outlet's copy whose MinHash similarity reaches the setting
EXWATCH_NEAR_DUPLICATE_THRESHOLD (default exwatch.store.neardup.THRESHOLD, 0.3; measured in
benchmarks/near_duplicates.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exwatch.records import ArticleItem
from exwatch.store import articles as stored
from exwatch.store import neardup
from exwatch.store.db import open_db
from exwatch.urls import url_hash
from pipelines import shared


@dataclass
class RunMemory:
    """Pages of this run not yet committed by the store step, seen by every spider's dedup step."""

    ids_by_text: dict[str, str] = field(default_factory=dict)  # text hash -> article id
    ids_this_run: set[str] = field(default_factory=set)
    signatures: neardup.PendingSignatures = field(default_factory=neardup.PendingSignatures)


class DedupPipeline:
    """Marks duplicates and near-duplicates (`item.duplicate_of`); the store step records them
    (near-duplicates as one more source of the original's events) and drops them."""

    def __init__(self, db_path: str, *, threshold: float = neardup.THRESHOLD, run_id: int | None = None):
        self.db_path = db_path
        self.threshold = threshold
        self.run_key = ("dedup", str(db_path), run_id)
        self.db = None
        self.near = None
        self.memory = RunMemory()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            settings.get("EXWATCH_DB"),
            threshold=settings.getfloat("EXWATCH_NEAR_DUPLICATE_THRESHOLD", neardup.THRESHOLD),
            run_id=settings.getint("EXWATCH_RUN_ID") or None,
        )

    def open_spider(self) -> None:
        self.db = open_db(self.db_path, read_only=True)
        self.memory = shared.acquire(self.run_key, RunMemory)
        self.near = neardup.NearDuplicateIndex(self.db, threshold=self.threshold, pending=self.memory.signatures)

    def close_spider(self) -> None:
        shared.release(self.run_key)
        if self.db is not None:
            self.db.close()

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.not_article:
            return item
        url = item.canonical_url or item.url
        item.article_id = url_hash(url)
        item.text_hash = stored.text_hash(item.text or "")
        if item.article_id in self.memory.ids_this_run:
            item.duplicate_of = item.article_id
        else:
            item.duplicate_of = (
                stored.article_id_for_url(self.db, url)
                or self.memory.ids_by_text.get(item.text_hash)
                or stored.article_id_for_text(self.db, item.text or "")
                or self.near_duplicate_of(item)
            )
        if item.duplicate_of is None:
            self.memory.ids_this_run.add(item.article_id)
            self.memory.ids_by_text[item.text_hash] = item.article_id
        return item

    def near_duplicate_of(self, item: ArticleItem) -> str | None:
        """Another outlet's copy of a story already stored or met earlier in this run."""
        values = neardup.signature(item.text or "")
        match = self.near.find(values, source=item.source)
        if match is None:
            self.near.add(item.article_id, values, source=item.source)
            return None
        return match.article_id
