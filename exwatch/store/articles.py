"""Articles, the URLs they were reached by, and duplicates."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from exwatch.urls import canonicalize_url, url_hash

_WHITESPACE = re.compile(r"\s+")


def text_hash(text: str) -> str:
    """Hash of the text with case and spacing folded: re-wrapped copies of one story collide."""
    folded = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    id: str
    url: str
    source: str
    title: str | None
    text: str
    authors: list[str]
    published: str | None
    modified: str | None
    language: str | None
    fetched_at: str
    run_id: int | None = None
    html: str | None = None
    relevant: bool | None = None

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)


def known_url_hashes(db: Database) -> set[str]:
    """Every URL hash already stored or recorded as a duplicate: loaded once per crawl."""
    known = {row[0] for row in db.execute("select url_hash from article_urls")}
    known.update(row[0] for row in db.execute("select url_hash from duplicates"))
    return known


def article_id_for_url(db: Database, url: str) -> str | None:
    row = db.execute("select article_id from article_urls where url_hash = ?", [url_hash(url)]).fetchone()
    return row[0] if row else None


def article_id_for_text(db: Database, text: str) -> str | None:
    row = db.execute("select id from articles where text_hash = ? limit 1", [text_hash(text)]).fetchone()
    return row[0] if row else None


def insert_article(db: Database, article: StoredArticle, *, also_reached_by: tuple[str, ...] = ()) -> None:
    """Store one article and every URL it was reached by, in one transaction."""
    with db.atomic():
        db["articles"].insert(
            {
                "id": article.id,
                "url": article.url,
                "source": article.source,
                "title": article.title,
                "text": article.text,
                "authors": json.dumps(article.authors, ensure_ascii=False),
                "published": article.published,
                "modified": article.modified,
                "language": article.language,
                "text_hash": article.text_hash,
                "fetched_at": article.fetched_at,
                "run_id": article.run_id,
                "relevant": None if article.relevant is None else int(article.relevant),
                "html": article.html,
            },
            ignore=True,
        )
        remember_urls(db, article.id, (article.url, *also_reached_by))


def remember_urls(db: Database, article_id: str, urls: tuple[str, ...]) -> None:
    rows = {url_hash(u): {"url_hash": url_hash(u), "url": canonicalize_url(u), "article_id": article_id} for u in urls if u}
    db["article_urls"].insert_all(rows.values(), ignore=True)


def record_duplicate(
    db: Database, *, url: str, source: str, duplicate_of: str, fetched_at: str, similarity: float = 1.0
) -> None:
    db["duplicates"].insert(
        {
            "url_hash": url_hash(url),
            "url": canonicalize_url(url),
            "source": source,
            "duplicate_of": duplicate_of,
            "similarity": similarity,
            "fetched_at": fetched_at,
        },
        replace=True,
    )


class BadSearchQuery(ValueError):
    pass


def search(db: Database, query: str, *, limit: int = 20, raw: bool = False) -> list[dict]:
    """Full-text search over titles and texts, best match first.

    Every word must appear; with `raw`, the query is FTS5 syntax (`OR`, `NOT`, `NEAR`,
    prefixes like `экстрадиц*`, "quoted phrases")."""
    # Rank and cut inside FTS5 first (its `rank` is bm25), then join only the rows shown.
    sql = """
        with best as (
            select rowid, rank, snippet(articles_fts, 1, '[', ']', ' … ', 12) as snippet
            from articles_fts where articles_fts match :query order by rank limit :limit
        )
        select articles.id, articles.url, articles.source, articles.title, articles.published, best.snippet
        from best join articles on articles.rowid = best.rowid
        order by best.rank
    """
    try:
        return _rows(db, sql, {"query": query if raw else db.quote_fts(query), "limit": limit})
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax error" in str(exc):
            raise BadSearchQuery(f"not a valid full-text query: {query!r} ({exc})") from exc
        raise


def _rows(db: Database, sql: str, params) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
