"""Per-feed crawl state: validators for conditional GET, last success and last error."""
from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class FeedState:
    etag: str | None = None
    last_modified: str | None = None


def feed_states(db: Database) -> dict[str, FeedState]:
    """Validators of every feed, loaded once per crawl."""
    return {
        url: FeedState(etag, last_modified)
        for url, etag, last_modified in db.execute("select url, etag, last_modified from feeds")
    }


def record_feed_success(
    db: Database,
    *,
    url: str,
    source: str,
    kind: str,
    at: str,
    status: int,
    etag: str | None,
    last_modified: str | None,
) -> None:
    previous = _existing(db, url)
    if status == 304:
        # Not modified: the stored validators still hold.
        etag = etag or previous.get("etag")
        last_modified = last_modified or previous.get("last_modified")
    db["feeds"].upsert(
        {
            "url": url,
            "source": source,
            "kind": kind,
            "etag": etag,
            "last_modified": last_modified,
            "last_fetched": at,
            "last_status": status,
            "last_success": at,
            "consecutive_failures": 0,
        },
        pk="url",
    )


def record_feed_failure(db: Database, *, url: str, source: str, kind: str, at: str, error: str, status: int | None) -> None:
    previous = _existing(db, url)
    db["feeds"].upsert(
        {
            "url": url,
            "source": source,
            "kind": kind,
            "last_fetched": at,
            "last_status": status,
            "last_error": error,
            "last_error_at": at,
            "consecutive_failures": (previous.get("consecutive_failures") or 0) + 1,
        },
        pk="url",
    )


def _existing(db: Database, url: str) -> dict:
    cursor = db.execute("select * from feeds where url = ?", [url])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else {}
