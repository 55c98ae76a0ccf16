"""Step 2: is this page already stored, under its canonical URL, with the same text, or nearly?"""
from __future__ import annotations

from exwatch.records import ArticleItem
from exwatch.store import articles as stored
from exwatch.store import neardup
from exwatch.store.db import open_db
from exwatch.urls import url_hash


class DedupPipeline:
    """Marks duplicates and near-duplicates (`item.duplicate_of`); the store step records them
    (near-duplicates as one more source of the original's events) and drops them."""

    def __init__(self, db_path: str, *, threshold: float = neardup.THRESHOLD):
        self.db_path = db_path
        self.threshold = threshold
        self.db = None
        self.near = None
        # Pages of this run not yet committed by the store step: text hash -> article id.
        self.ids_by_text: dict[str, str] = {}
        self.ids_this_run: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            crawler.settings.get("EXWATCH_DB"),
            threshold=crawler.settings.getfloat("EXWATCH_NEAR_DUPLICATE_THRESHOLD", neardup.THRESHOLD),
        )

    def open_spider(self) -> None:
        self.db = open_db(self.db_path, read_only=True)
        self.near = neardup.NearDuplicateIndex(self.db, threshold=self.threshold)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.not_article:
            return item
        url = item.canonical_url or item.url
        item.article_id = url_hash(url)
        item.text_hash = stored.text_hash(item.text or "")
        if item.article_id in self.ids_this_run:
            item.duplicate_of = item.article_id
        else:
            item.duplicate_of = (
                stored.article_id_for_url(self.db, url)
                or self.ids_by_text.get(item.text_hash)
                or stored.article_id_for_text(self.db, item.text or "")
            )
        if item.duplicate_of is None:
            item.duplicate_of = self.near_duplicate_of(item)
        if item.duplicate_of is None:
            self.ids_this_run.add(item.article_id)
            self.ids_by_text[item.text_hash] = item.article_id
        return item

    def near_duplicate_of(self, item: ArticleItem) -> str | None:
        values = neardup.signature(item.text or "")
        match = self.near.find(values, source=item.source)
        if match is None:
            self.near.add(item.article_id, values, source=item.source)
            return None
        return match.article_id
