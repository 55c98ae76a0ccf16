"""Pages fetched but not stored: transient failures to retry, non-articles to skip."""
from __future__ import annotations

from sqlite_utils import Database

from exwatch.urls import canonicalize_url, url_hash


def record_page_outcome(
    db: Database, *, url: str, source: str, outcome: str, reason: str, retryable: bool, at: str
) -> None:
    db.execute(
        """insert into page_outcomes (url_hash, url, source, outcome, reason, retryable, attempts, first_seen, last_attempt)
           values (:url_hash, :url, :source, :outcome, :reason, :retryable, 1, :at, :at)
           on conflict(url_hash) do update set outcome = excluded.outcome, reason = excluded.reason,
             retryable = excluded.retryable, attempts = page_outcomes.attempts + 1, last_attempt = excluded.last_attempt""",
        {
            "url_hash": url_hash(url),
            "url": canonicalize_url(url),
            "source": source,
            "outcome": outcome,
            "reason": reason,
            "retryable": int(retryable),
            "at": at,
        },
    )


def clear_page_outcomes(db: Database, urls: tuple[str, ...]) -> None:
    for url in urls:
        db.execute("delete from page_outcomes where url_hash = ?", [url_hash(url)])


def settled_url_hashes(db: Database, *, max_attempts: int) -> set[str]:
    """Pages not to fetch again: not articles, permanent failures, or out of retries."""
    cursor = db.execute(
        "select url_hash from page_outcomes where retryable = 0 or attempts >= ?", [max_attempts]
    )
    return {row[0] for row in cursor}


def pages_to_retry(db: Database, *, max_attempts: int) -> list[tuple[str, str]]:
    """(url, source) of pages whose last failure was transient and that have retries left."""
    cursor = db.execute(
        "select url, source from page_outcomes where retryable = 1 and attempts < ? order by first_seen",
        [max_attempts],
    )
    return [(url, source) for url, source in cursor]
