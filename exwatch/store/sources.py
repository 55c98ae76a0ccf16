"""The `sources` table mirrors sources.toml, so analysts can join on it; and each source's health."""
from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from exwatch.config import Source


def sync_sources(db: Database, sources: Iterable[Source], *, at: str) -> None:
    rows = [
        {
            "name": s.name,
            "homepage": s.homepage,
            "feeds": json.dumps(list(s.feeds)),
            "sitemaps": json.dumps(list(s.sitemaps)),
            "language": s.language,
            "country": s.country,
            "enabled": int(s.enabled),
            "updated_at": at,
        }
        for s in sources
    ]
    with db.atomic():
        db["sources"].upsert_all(rows, pk="name")
        # Only a source seen for the first time gets its added_at: silence is counted from it.
        db.execute("update sources set added_at = :at where added_at is null", {"at": at})


SOURCE_HEALTH_SQL = """
select
  s.name,
  s.enabled,
  s.added_at,
  max(f.last_success) as last_success,
  max(f.last_error_at) as last_error_at,
  (select f2.last_error from feeds f2 where f2.source = s.name and f2.last_error_at is not null
     order by f2.last_error_at desc limit 1) as last_error,
  coalesce(max(f.consecutive_failures), 0) as consecutive_failures,
  (select count(*) from articles a where a.source = s.name and a.fetched_at >= :since) as articles_recent,
  (select max(a.fetched_at) from articles a where a.source = s.name) as last_article_at,
  (select max(d.fetched_at) from duplicates d where d.source = s.name) as last_duplicate_at
from sources s left join feeds f on f.source = s.name
group by s.name order by s.name
"""


def source_health(db: Database, *, since: str) -> list[dict]:
    """Each source with its last success, last error, consecutive failures of its worst feed,
    articles fetched since `since`, and when it last yielded an article (or a copy of one)."""
    cursor = db.execute(SOURCE_HEALTH_SQL, {"since": since})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
