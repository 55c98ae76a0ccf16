"""Exports: fixed columns in every format, filters, and an Atom feed that feed readers accept."""
import csv
import io
import json
from datetime import datetime, timezone

import feedparser
import pytest
from click.testing import CliRunner

from exwatch.cli import cli
from exwatch.export import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    PEOPLE_COLUMNS,
    atom_feed,
    case_rows,
    entry_id,
    event_rows,
    export_table,
    feed_entries,
    people_rows,
    rfc3339,
)
from exwatch.store.db import open_db

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
HOSTILE = 'Said "<script>alert(1)</script>" & left\x0b\x00 — Ёлка'


def build_store(path):
    """Two people with cases (one dismissed), an official merely named, events over two days."""
    db = open_db(path)
    db["sources"].insert_all([{"name": "Herald", "enabled": 1}, {"name": "Mirror", "enabled": 1}])
    db["people"].insert_all([
        {"id": 1, "name": "Yulia Yemelyanova", "created_at": "2026-02-01T10:00:00+00:00"},
        {"id": 2, "name": "Ivan Petrov", "created_at": "2026-02-20T10:00:00+00:00"},
        {"id": 3, "name": "Kassym-Jomart Tokayev", "created_at": "2026-02-01T10:00:00+00:00"},
    ])
    db["aliases"].insert_all([
        {"person_id": 1, "alias": "Yulia Yemelyanova", "normalized": "yulia yemelyanova", "script": "latin"},
        {"person_id": 1, "alias": "Юлия Емельянова", "normalized": "юлия емельянова", "script": "cyrillic"},
        {"person_id": 2, "alias": "Ivan Petrov", "normalized": "ivan petrov", "script": "latin"},
    ])
    articles = [
        ("a1", "https://herald.example/1", "Herald", "2026-02-01"),
        ("a2", "https://herald.example/2", "Herald", "2026-02-10"),
        ("a3", "https://mirror.example/3", "Mirror", "2026-02-20"),
    ]
    db["articles"].insert_all(
        {"id": i, "url": u, "source": s, "title": f"Title {i}", "text": "text", "published": p,
         "fetched_at": f"{p}T08:00:00+00:00"} for i, u, s, p in articles
    )
    db["cases"].insert_all([
        {"id": 10, "person_id": 1, "host_country": "KZ", "destination_country": "RU", "stage": "extradition_ordered",
         "stage_rank": 4, "status": "open", "first_seen": "2026-02-01T10:00:00+00:00",
         "updated_at": "2026-02-10T10:00:00+00:00", "source_count": 2, "event_count": 3},
        {"id": 11, "person_id": 2, "host_country": "TR", "destination_country": "RU", "stage": "detained",
         "stage_rank": 2, "status": "dismissed", "dismissed_reason": "not a person",
         "dismissed_at": "2026-02-21T10:00:00+00:00", "first_seen": "2026-02-20T10:00:00+00:00",
         "updated_at": "2026-02-21T10:00:00+00:00", "source_count": 1, "event_count": 1},
    ])
    events = [
        (100, "a1", 1, 10, "detained", 2, "2025-12", "month", "She was detained in Almaty.", "2026-02-01T10:00:00+00:00"),
        (101, "a2", 1, 10, "detained", 2, "2025-12-03", "day", "Detained on 3 December.", "2026-02-10T10:00:00+00:00"),
        (102, "a2", 1, 10, "extradition_ordered", 4, "2026-02", "month", HOSTILE, "2026-02-10T10:00:00+00:00"),
        (103, "a3", 2, 11, "detained", 2, None, None, "Petrov was held.", "2026-02-20T10:00:00+00:00"),
    ]
    db["events"].insert_all(
        {"id": i, "article_id": a, "person_id": p, "person_name": "Yulia Yemelyanova" if p == 1 else "Ivan Petrov",
         "case_id": c, "stage": s, "stage_rank": r, "host_country": "KZ" if c == 10 else "TR",
         "destination_country": "RU", "date": d, "date_precision": dp, "evidence": ev, "created_at": at}
        for i, a, p, c, s, r, d, dp, ev, at in events
    )
    db["event_sources"].insert_all([
        {"event_id": 102, "article_id": "a2", "source": "Herald", "url": "https://herald.example/2", "added_at": "x"},
        {"event_id": 102, "article_id": "a2", "source": "Mirror", "url": "https://mirror.example/copy-of-2",
         "added_at": "2026-02-11T10:00:00+00:00"},
    ])
    db["mentions"].insert({"article_id": "a1", "person_id": 3, "name": "Kassym-Jomart Tokayev", "role": "other"})
    return db


@pytest.fixture
def store(tmp_path):
    db = build_store(tmp_path / "export.db")
    yield db
    db.close()


def test_cases_are_open_ones_unless_dismissed_are_asked_for(store):
    rows = list(case_rows(store))
    assert [r["case_id"] for r in rows] == [10]
    assert rows[0]["person_name"] == "Yulia Yemelyanova" and rows[0]["latest_event_date"] == "2026-02"
    assert [r["case_id"] for r in case_rows(store, include_dismissed=True)] == [10, 11]
    assert all(tuple(r) == CASE_COLUMNS for r in case_rows(store, include_dismissed=True))


def test_events_carry_every_url_that_reported_them_own_article_first(store):
    rows = {r["event_id"]: r for r in event_rows(store)}
    assert set(rows) == {100, 101, 102}  # 103 belongs to a dismissed case
    assert rows[102]["source_urls"] == ["https://herald.example/2", "https://mirror.example/copy-of-2"]
    assert rows[100]["source_urls"] == ["https://herald.example/1"]
    assert (rows[102]["case_id"], rows[102]["stage"], rows[102]["date"], rows[102]["date_precision"]) == (
        10, "extradition_ordered", "2026-02", "month")


def test_since_keeps_rows_new_or_changed_from_then(store):
    assert [r["event_id"] for r in event_rows(store, since="2026-02-05")] == [101, 102]
    assert [r["case_id"] for r in case_rows(store, since="2026-02-11")] == []
    assert [r["person_id"] for r in people_rows(store, since="2026-02-15", include_dismissed=True)] == [2]


def test_people_are_those_with_events_unless_mentioned_ones_are_asked_for(store):
    rows = list(people_rows(store))
    assert [r["person_id"] for r in rows] == [1, 2]
    assert rows[0]["aliases"] == ["Yulia Yemelyanova", "Юлия Емельянова"]
    assert (rows[0]["case_count"], rows[0]["event_count"], rows[0]["highest_stage"]) == (1, 3, "extradition_ordered")
    assert rows[1]["case_count"] == 0  # its only case is dismissed
    assert [r["person_id"] for r in people_rows(store, include_mentioned=True)] == [1, 2, 3]


@pytest.mark.parametrize("table,columns", [("cases", CASE_COLUMNS), ("events", EVENT_COLUMNS),
                                           ("people", PEOPLE_COLUMNS)])
def test_every_format_has_the_same_columns_and_rows(store, table, columns):
    outputs = {}
    for fmt in ("csv", "json", "jsonl"):
        out = io.StringIO()
        count = export_table(store, table, fmt, out)
        outputs[fmt] = (out.getvalue(), count)
    csv_rows = list(csv.DictReader(io.StringIO(outputs["csv"][0])))
    json_rows = json.loads(outputs["json"][0])
    jsonl_rows = [json.loads(line) for line in outputs["jsonl"][0].splitlines()]
    assert outputs["csv"][0].splitlines()[0] == ",".join(columns)
    assert [tuple(r) for r in json_rows] == [columns] * len(json_rows)
    assert json_rows == jsonl_rows
    assert len(csv_rows) == len(json_rows) == outputs["csv"][1] > 0
    # CSV cells are the JSON values as text: lists joined, nothing lost.
    for c_row, j_row in zip(csv_rows, json_rows):
        for column in columns:
            value = j_row[column]
            expected = {"aliases": "; ", "source_urls": " "}.get(column, "").join(value) if isinstance(value, list) \
                else "" if value is None else str(value)
            assert c_row[column] == expected


def test_empty_export_is_still_valid(tmp_path):
    db = open_db(tmp_path / "empty.db")
    out = io.StringIO()
    assert export_table(db, "events", "json", out) == 0
    assert json.loads(out.getvalue()) == []
    out = io.StringIO()
    export_table(db, "cases", "csv", out)
    assert out.getvalue().strip() == ",".join(CASE_COLUMNS)


def test_feed_has_one_entry_per_case_and_stage_and_readers_accept_it(store):
    document = atom_feed(feed_entries(store), now=NOW, feed_url="https://watch.example/feed.xml")
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    ids = [e.id for e in parsed.entries]
    assert ids == [entry_id(10, "extradition_ordered"), entry_id(10, "detained")]  # newest first; no dismissed case
    assert all(i.startswith("tag:") for i in ids)
    ordered, detained = parsed.entries
    assert ordered.title == "Yulia Yemelyanova: extradition ordered (KZ → RU)"
    assert ordered.updated == "2026-02-10T10:00:00Z"
    assert detained.updated == "2026-02-01T10:00:00Z"  # when the stage was first seen, not the later report
    assert ordered.link == "https://herald.example/2"
    assert [l.href for l in ordered.links] == ["https://herald.example/2", "https://mirror.example/copy-of-2"]
    assert parsed.feed.updated == "2026-02-10T10:00:00Z"
    assert any(l.rel == "self" and l.href == "https://watch.example/feed.xml" for l in parsed.feed.links)


def test_untrusted_text_is_escaped_and_characters_xml_cannot_carry_are_dropped(store):
    document = atom_feed(feed_entries(store), now=NOW)
    assert b"<script>" not in document
    parsed = feedparser.parse(document)
    assert not parsed.bozo
    summary = parsed.entries[0].summary
    assert 'Said "<script>alert(1)</script>" & left — Ёлка' in summary


def test_entry_ids_are_stable_across_exports_and_new_reports(store, tmp_path):
    before = [e.id for e in feedparser.parse(atom_feed(feed_entries(store), now=NOW)).entries]
    store["events"].insert({"id": 104, "article_id": "a3", "person_id": 1, "case_id": 10, "stage": "transferred",
                            "stage_rank": 5, "person_name": "Yulia Yemelyanova", "created_at": "2026-02-25T10:00:00+00:00"})
    after = [e.id for e in feedparser.parse(atom_feed(feed_entries(store), now=NOW)).entries]
    assert after == [entry_id(10, "transferred")] + before
    assert [e.case_id for e in feed_entries(store, since="2026-02-20")] == [10]
    assert [e.stage for e in feed_entries(store, limit=1)] == ["transferred"]


def test_an_empty_feed_is_dated_now_and_still_valid(tmp_path):
    db = open_db(tmp_path / "empty.db")
    parsed = feedparser.parse(atom_feed(feed_entries(db), now=NOW))
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated == "2026-03-01T12:00:00Z"


@pytest.mark.parametrize("stored,expected", [
    ("2026-02-10T10:00:00+00:00", "2026-02-10T10:00:00Z"),
    ("2026-02-10T13:00:00+03:00", "2026-02-10T10:00:00Z"),
    ("2026-02-10T10:00:00", "2026-02-10T10:00:00Z"),
    ("2026-02-10", "2026-02-10T00:00:00Z"),
])
def test_times_in_the_feed_are_rfc3339_utc(stored, expected):
    assert rfc3339(stored) == expected


def test_cli_writes_each_export_to_a_file(store, tmp_path):
    db_path = tmp_path / "export.db"
    runner = CliRunner()
    out = tmp_path / "events.jsonl"
    result = runner.invoke(cli, ["export", "events", "--db", str(db_path), "--format", "jsonl", "--out", str(out),
                                 "--since", "2026-02-05T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["event_id"] for line in out.read_text(encoding="utf-8").splitlines()] == [101, 102]
    result = runner.invoke(cli, ["export", "cases", "--db", str(db_path), "--include-dismissed"])
    assert result.exit_code == 0 and len(list(csv.DictReader(io.StringIO(result.output)))) == 2


def test_cli_refuses_a_bad_since_and_a_database_behind_the_schema(store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "cases", "--db", str(tmp_path / "export.db"), "--since", "last week"])
    assert result.exit_code == 2 and "ISO 8601" in result.output
    old = tmp_path / "old.db"
    open_db(old, migrate=False).close()
    result = runner.invoke(cli, ["export", "people", "--db", str(old)])
    assert result.exit_code == 2 and "exwatch migrate" in result.output


def test_feed_from_the_installed_command(store, tmp_path, run_exwatch):
    out = tmp_path / "feed.xml"
    result = run_exwatch("export", "feed", "--db", tmp_path / "export.db", "--out", out, "--limit", "1")
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo and [e.id for e in parsed.entries] == [entry_id(10, "extradition_ordered")]
