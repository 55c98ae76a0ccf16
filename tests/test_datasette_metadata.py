"""The Datasette metadata: complete for the live schema, and canned queries that answer right.

The canned queries run here through sqlite3 exactly as Datasette runs them (named parameters,
empty strings for fields left blank) on a store made by benchmarks/generate_store.py.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from benchmarks.generate_store import generate_store
from exwatch.serve import METADATA_DATABASE, database_name, load_metadata, metadata_for
from exwatch.store.db import open_db

METADATA = load_metadata()
SECTION = METADATA["databases"][METADATA_DATABASE]
QUERIES = SECTION["queries"]


def live_schema(tmp_path) -> dict[str, list[str]]:
    """Every table analysts see in a freshly migrated store, with its columns (FTS internals aside)."""
    db = open_db(tmp_path / "schema.db")
    virtual = [t.name for t in db.tables if (t.schema or "").upper().startswith("CREATE VIRTUAL TABLE")]
    schema = {
        table.name: [column.name for column in table.columns]
        for table in db.tables
        if table.name not in virtual and not any(table.name.startswith(v + "_") for v in virtual)
        and not table.name.startswith("sqlite_")
    }
    db.close()
    return schema


def test_every_table_and_column_of_the_schema_is_described(tmp_path):
    tables = SECTION["tables"]
    undescribed = []
    for table, columns in live_schema(tmp_path).items():
        if not (tables.get(table) or {}).get("description"):
            undescribed.append(table)
        described = (tables.get(table) or {}).get("columns") or {}
        undescribed += [f"{table}.{column}" for column in columns if not described.get(column)]
    assert not undescribed, f"add to data/datasette/metadata.yml: {', '.join(undescribed)}"


def test_no_description_of_a_table_or_column_that_does_not_exist(tmp_path):
    schema = live_schema(tmp_path)
    stale = []
    for table, meta in SECTION["tables"].items():
        if table not in schema:
            stale.append(table)
            continue
        stale += [f"{table}.{column}" for column in (meta.get("columns") or {}) if column not in schema[table]]
    assert not stale, f"described but not in the schema: {', '.join(stale)}"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_declares_exactly_its_named_parameters(name):
    query = QUERIES[name]
    used = set(re.findall(r"(?<!:):([a-z_]+)", query["sql"]))
    assert used == set(query.get("params", [])), name
    assert query.get("title") and query.get("description"), name


def test_metadata_follows_the_served_file_name(tmp_path):
    served = metadata_for(tmp_path / "demo.db", METADATA)
    assert database_name(tmp_path / "demo.db") == "demo"
    assert served["databases"]["demo"]["queries"].keys() == QUERIES.keys()
    assert METADATA_DATABASE not in served["databases"]


# ---- the canned queries, answering on a generated store -----------------------------------

NOW = datetime.now(timezone.utc).replace(microsecond=0)  # the queries compare with SQLite's 'now'


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "exwatch.db"
    generate_store(path, articles=2_400, cases=150, seed=7, now=NOW)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def canned(store, query: str, **params) -> list[dict]:
    """Run a canned query as Datasette does: every declared parameter, blank when not given."""
    values = {param: "" for param in QUERIES[query].get("params", [])}
    values.update(params)
    return [dict(row) for row in store.execute(QUERIES[query]["sql"], values)]


def test_open_cases_by_stage_lists_every_open_case_furthest_first(store):
    rows = canned(store, "open_cases_by_stage")
    expected = {r[0] for r in store.execute("select id from cases where status = 'open'")}
    assert {row["case_id"] for row in rows} == expected
    ranks = [row["stage_rank"] for row in rows]
    assert ranks == sorted(ranks, reverse=True)


def test_open_cases_by_stage_filters_by_stage_and_host(store):
    stage, host = store.execute("select stage, host_country from cases where status = 'open' limit 1").fetchone()
    rows = canned(store, "open_cases_by_stage", stage=stage, host_country=host.lower())
    expected = store.execute(
        "select count(*) from cases where status = 'open' and stage = ? and host_country = ?", [stage, host]
    ).fetchone()[0]
    assert len(rows) == expected >= 1
    assert {(row["stage"], row["host_country"]) for row in rows} == {(stage, host)}


@pytest.mark.parametrize("days", ["", "3", "30"])
def test_escalations_are_the_new_cases_and_step_ups_alerted_within_the_days(store, days):
    rows = canned(store, "escalations_last_7_days", days=days)
    cutoff = NOW - timedelta(days=int(days or 7))
    expected = {
        (r["case_id"], r["stage"])
        for r in store.execute("select case_id, stage, kind, created_at from alerts")
        if r["kind"] in ("new_case", "escalation") and datetime.fromisoformat(r["created_at"]) >= cutoff
    }
    assert expected, "the generator should put escalations in every window"
    assert {(row["case_id"], row["stage"]) for row in rows} == expected
    assert all(row["evidence"] and row["url"].startswith("https://") for row in rows)


def test_person_query_finds_every_spelling_and_event_from_a_cyrillic_fragment(store):
    person_id, cyrillic = store.execute(
        "select person_id, alias from aliases where script = 'cyrillic' order by person_id limit 1"
    ).fetchone()
    surname = cyrillic.split()[-1]
    rows = [row for row in canned(store, "person", name=surname[:-1]) if row["person_id"] == person_id]
    aliases = {r[0] for r in store.execute("select alias from aliases where person_id = ?", [person_id])}
    events = store.execute("select count(*) from events where person_id = ?", [person_id]).fetchone()[0]
    assert len(rows) == events >= 1
    assert set(rows[0]["aliases"].split(" | ")) == aliases
    assert canned(store, "person", name="") == []


def test_events_per_host_country_per_month_add_up_to_all_events(store):
    rows = canned(store, "events_per_host_country_per_month")
    assert sum(row["events"] for row in rows) == store.execute("select count(*) from events").fetchone()[0]
    assert all(re.fullmatch(r"\d{4}-\d{2}", row["month"]) for row in rows)
    host = rows[0]["host_country"]
    only = canned(store, "events_per_host_country_per_month", host_country=host)
    assert {row["host_country"] for row in only} == {host}


def test_failing_or_silent_sources_are_those_with_failing_feeds_or_no_recent_article(store):
    cutoff = NOW - timedelta(days=7)
    expected = set()
    for source in store.execute("select name from sources where enabled"):
        name = source["name"]
        failures = store.execute("select max(consecutive_failures) from feeds where source = ?", [name]).fetchone()[0]
        latest = store.execute("select max(fetched_at) from articles where source = ?", [name]).fetchone()[0]
        if failures or latest is None or datetime.fromisoformat(latest) < cutoff:
            expected.add(name)
    rows = canned(store, "failing_or_silent_sources")
    assert expected, "the generator should make some feeds fail"
    assert {row["name"] for row in rows} == expected
    assert all(row["problem"] == ("failing" if row["consecutive_failures"] else "silent") for row in rows)


def test_search_articles_finds_a_person_by_full_text(store):
    person_name = store.execute("select name from people order by id limit 1").fetchone()[0]
    surname = person_name.split()[-1]
    rows = canned(store, "search_articles", q=surname)
    containing = store.execute(
        "select count(*) from articles where title like ? or text like ?", [f"%{surname}%"] * 2
    ).fetchone()[0]
    assert len(rows) == min(containing, 100) >= 1
    assert all(surname.lower() in (row["title"] + row["snippet"]).lower() for row in rows)
    ids = [row["id"] for row in rows]  # the generator numbers articles in the order it stores them
    assert ids == sorted(ids, reverse=True), "latest stored first"
