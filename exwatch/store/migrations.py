"""The database schema, only ever changed by appending a migration here.

Each step is one small named function; `sqlite_utils.migrations.Migrations` records
which have run in `_sqlite_migrations`, so an older database is brought up to date
by `exwatch migrate` (and by every command that opens the store).
"""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("exwatch")


@migrations()
def m001_sources_feeds_runs(db: Database) -> None:
    db["sources"].create(
        {
            "name": str,
            "homepage": str,
            "feeds": str,  # JSON list
            "sitemaps": str,  # JSON list
            "language": str,
            "country": str,
            "enabled": int,
            "updated_at": str,
        },
        pk="name",
    )
    db["feeds"].create(
        {
            "url": str,
            "source": str,
            "kind": str,  # feed | sitemap | homepage
            "etag": str,
            "last_modified": str,
            "last_fetched": str,
            "last_status": int,
            "last_success": str,
            "last_error": str,
            "last_error_at": str,
            "consecutive_failures": int,
        },
        pk="url",
        foreign_keys=[("source", "sources", "name")],
        defaults={"consecutive_failures": 0},
    )
    db["runs"].create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "status": str,  # running | ok | partial | failed | interrupted
            "sources_total": int,
            "sources_failed": int,
            "articles_new": int,
            "articles_duplicate": int,
            "articles_known": int,
            "articles_dropped": int,
            "pages_failed": int,
            "feeds_not_modified": int,
            "counts": str,  # JSON: every exwatch/* stat of the run
            "errors": str,  # JSON list of {source, url, error}
        },
        pk="id",
    )


@migrations()
def m002_articles(db: Database) -> None:
    db["articles"].create(
        {
            "id": str,  # sha1 of the canonical URL
            "url": str,  # canonical URL
            "source": str,
            "title": str,
            "text": str,
            "authors": str,  # JSON list
            "published": str,
            "modified": str,
            "language": str,
            "text_hash": str,  # sha1 of the normalised text, for exact duplicates
            "fetched_at": str,
            "run_id": int,
            "relevant": int,  # NLP prefilter verdict; null until analysed
            "html": str,  # raw page, only with EXWATCH_KEEP_HTML
        },
        pk="id",
        foreign_keys=[("source", "sources", "name"), ("run_id", "runs", "id")],
    )
    db["articles"].create_index(["text_hash"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["source", "fetched_at"])
    # Every URL an article was reached by (requested, redirected, canonical): the crawl
    # checks this table so that no known URL is fetched twice.
    db["article_urls"].create(
        {"url_hash": str, "url": str, "article_id": str},
        pk="url_hash",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_urls"].create_index(["article_id"])
    # The same story met again under another URL: recorded, not stored twice.
    db["duplicates"].create(
        {
            "url_hash": str,
            "url": str,
            "source": str,
            "duplicate_of": str,
            "similarity": float,  # 1.0 for identical text
            "fetched_at": str,
        },
        pk="url_hash",
        foreign_keys=[("duplicate_of", "articles", "id"), ("source", "sources", "name")],
    )
    db["duplicates"].create_index(["duplicate_of"])
    db["articles"].enable_fts(
        ["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


@migrations()
def m003_people_events(db: Database) -> None:
    db["people"].create(
        {"id": int, "name": str, "created_at": str},
        pk="id",
    )
    # Every spelling of a person: the article's own, folded for matching.
    db["aliases"].create(
        {"id": int, "person_id": int, "alias": str, "normalized": str, "script": str},
        pk="id",
        foreign_keys=[("person_id", "people", "id")],
    )
    db["aliases"].create_index(["normalized"])
    db["aliases"].create_index(["person_id", "alias"], unique=True)
    # Who an article names, and in what role.
    db["mentions"].create(
        {"article_id": str, "person_id": int, "name": str, "role": str},
        pk=("article_id", "person_id"),
        foreign_keys=[("article_id", "articles", "id"), ("person_id", "people", "id")],
    )
    db["events"].create(
        {
            "id": int,
            "article_id": str,
            "person_id": int,
            "person_name": str,
            "stage": str,
            "stage_rank": int,
            "host_country": str,
            "destination_country": str,
            "date": str,
            "date_precision": str,
            "evidence": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("person_id", "people", "id")],
    )
    db["events"].create_index(["article_id", "person_id", "stage"], unique=True)
    db["events"].create_index(["person_id"])
    db["events"].create_index(["stage"])


@migrations()
def m004_page_outcomes(db: Database) -> None:
    # Pages that were fetched but not stored: failures (retried on later runs while transient)
    # and pages that are not articles (remembered, so an index page is not fetched every run).
    db["page_outcomes"].create(
        {
            "url_hash": str,
            "url": str,
            "source": str,
            "outcome": str,  # failed | not-article
            "reason": str,  # "HTTP 503", "binary", "index-page", ...
            "retryable": int,
            "attempts": int,
            "first_seen": str,
            "last_attempt": str,
        },
        pk="url_hash",
    )
    db["page_outcomes"].create_index(["retryable", "attempts"])


# Later migrations go below, in this order (each step's number fixes where it belongs):
# --- m005: cases, near-duplicates, corroborating sources ---


@migrations()
def m005_cases_near_duplicates(db: Database) -> None:
    # A case: one person in one host country wanted by one destination country (either country
    # may be null until an article names it; see exwatch/store/cases.py).
    db["cases"].create(
        {
            "id": int,
            "person_id": int,
            "host_country": str,
            "destination_country": str,
            "stage": str,  # the highest-ranked stage seen (a side stage while none is ranked)
            "stage_rank": int,
            "status": str,  # open | dismissed
            "dismissed_reason": str,
            "dismissed_at": str,
            "first_seen": str,
            "updated_at": str,
            "source_count": int,  # distinct outlets reporting any event of the case
            "event_count": int,
        },
        pk="id",
        foreign_keys=[("person_id", "people", "id")],
        defaults={"status": "open", "source_count": 0, "event_count": 0},
    )
    db["cases"].create_index(["person_id", "host_country", "destination_country"])
    db["cases"].create_index(["updated_at"])
    db["events"].add_column("case_id", int, fk="cases", fk_col="id")
    db["events"].create_index(["case_id"])
    # Every article that reports an event, near-duplicates included (their article_id is the
    # stored original's, their url and source their own).
    db["event_sources"].create(
        {"event_id": int, "article_id": str, "source": str, "url": str, "added_at": str},
        pk=("event_id", "url"),
        foreign_keys=[("event_id", "events", "id"), ("article_id", "articles", "id")],
    )
    db["event_sources"].create_index(["article_id"])
    # Spellings: where each came from, and the lossy keys that match other spellings of it.
    db["aliases"].add_column("origin", str)  # article | transliteration | analyst
    db["aliases"].add_column("name_key", str)  # exwatch.store.names.name_key
    db["aliases"].add_column("surname_key", str)
    db["aliases"].create_index(["name_key"])
    db["aliases"].create_index(["surname_key"])
    # MinHash signatures and their LSH band buckets, for near-duplicate lookup in SQL.
    db["article_signatures"].create(
        {"article_id": str, "minhash": bytes}, pk="article_id", foreign_keys=[("article_id", "articles", "id")]
    )
    db["article_bands"].create({"bucket": int, "article_id": str})
    db["article_bands"].create_index(["bucket"])
    db["article_bands"].create_index(["article_id"])
    # Analysts' corrections (merges, splits, dismissals), kept so a decision can be traced.
    db["corrections"].create(
        {"id": int, "action": str, "detail": str, "at": str},  # detail: JSON
        pk="id",
    )
    _backfill_alias_keys(db)
    _backfill_cases(db)


def _backfill_cases(db: Database) -> None:
    """Events stored before cases existed get their cases and sources (no alerts: old news),
    and old articles their signatures, so later copies of them are found."""
    from exwatch.store import cases, neardup
    from nlp.types import Stage

    events = db.execute(
        """select e.id, e.person_id, e.stage, e.host_country, e.destination_country, e.created_at, e.article_id,
                  a.source, a.url
           from events e join articles a on a.id = e.article_id order by e.id"""
    ).fetchall()
    for event_id, person_id, stage, host, destination, at, article_id, source, url in events:
        key = cases.CaseKey(person_id, host, destination)
        case_id, _ = cases.case_for_event(db, key, at=at)
        cases.add_event_source(db, event_id, article_id=article_id, source=source, url=url, at=at)
        cases.record_event(db, case_id, event_id, Stage(stage), at=at)
    for article_id, text in db.execute("select id, text from articles").fetchall():
        neardup.save_signature(db, article_id, neardup.signature(text or ""))


def _backfill_alias_keys(db: Database) -> None:
    from exwatch.store.names import name_key, surname_key

    rows = db.execute("select id, alias from aliases").fetchall()
    db.conn.executemany(
        "update aliases set name_key = ?, surname_key = ?, origin = coalesce(origin, 'article') where id = ?",
        [(name_key(alias), surname_key(alias), alias_id) for alias_id, alias in rows],
    )


# --- m006: alerts outbox ---


@migrations()
def m006_alerts_outbox(db: Database) -> None:
    # The outbox: one row per (case, stage) worth telling monitors about. The unique key makes
    # queueing the same stage twice a no-op; status and attempts record every delivery outcome.
    db["alerts"].create(
        {
            "id": int,
            "case_id": int,
            "stage": str,
            "previous_stage": str,
            "kind": str,  # new_case | escalation | update
            "status": str,  # pending | sending | sent | failed | dead | dismissed
            "event_id": int,
            "article_id": str,
            "attempts": int,
            "last_error": str,  # redacted: never an Apprise URL or token
            "created_at": str,
            "next_attempt_at": str,
            "claimed_at": str,  # set while a delivery is under way (see alerts/outbox.py)
            "interrupted": int,  # times a run died between sending and marking
            "sent_at": str,
            "delivered_to": str,  # JSON list of service keys that already have the message
            "run_id": int,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0, "interrupted": 0},
        not_null={"case_id", "stage", "kind", "status", "created_at"},
    )
    db["alerts"].create_index(["case_id", "stage"], unique=True)
    db["alerts"].create_index(["status", "next_attempt_at"])

# --- m007: source health incidents ---


@migrations()
def m007_source_health(db: Database) -> None:
    # One row per health problem of a source, from the run that saw it start to the run that
    # saw it end; the alerted_* stamps make each incident alert once when it opens and once
    # when it closes, retried on later runs until the notifier reports success.
    db["health_incidents"].create(
        {
            "id": int,
            "source": str,
            "kind": str,  # failing | silent
            "opened_at": str,
            "closed_at": str,
            "detail": str,  # what was seen when it opened: last error, days silent
            "opened_run_id": int,
            "closed_run_id": int,
            "alerted_open_at": str,
            "alerted_close_at": str,
        },
        pk="id",
    )
    # At most one open incident per source and kind.
    db.execute(
        "create unique index idx_health_incidents_open on health_incidents(source, kind) where closed_at is null"
    )
    # When a source first appeared: a source that never yielded an article is silent from then.
    db["sources"].add_column("added_at", str)
    db.execute("update sources set added_at = updated_at where added_at is null")
    # Health asks for each source's latest article and duplicate.
    db["duplicates"].create_index(["source", "fetched_at"], if_not_exists=True)


# --- m008: alerts superseded by an analyst's merge ---


@migrations()
def m008_alerts_superseded(db: Database) -> None:
    # A people merge can bring two rows announcing the same stage to one case (UNIQUE(case_id, stage)
    # keeps one): the other is 'superseded', never sent, pointing at the row that carries its news,
    # with the reason (see alerts/corrections.py).
    db["alerts"].add_column("superseded_by", int)
    db["alerts"].add_column("superseded_reason", str)
