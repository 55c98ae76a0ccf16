"""benchmarks/generate_store.py: the store the report and query benchmarks run on is coherent."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from benchmarks.generate_store import generate_store

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "exwatch.db"
    counts = generate_store(path, articles=1_200, cases=60, seed=2, now=NOW)
    connection = sqlite3.connect(path)
    yield counts, connection
    connection.close()


def test_counts_are_what_was_asked_and_reported(store):
    counts, db = store
    assert counts["articles"] == 1_200 and counts["cases"] == 60
    for table, count in counts.items():
        assert db.execute(f"select count(*) from [{table}]").fetchone()[0] == count, table


def test_each_case_agrees_with_its_events_sources_and_alerts(store):
    _, db = store
    for case_id, stage, rank, events, sources in db.execute(
        "select id, stage, stage_rank, event_count, source_count from cases"
    ).fetchall():
        assert db.execute("select count(*) from events where case_id = ?", [case_id]).fetchone()[0] == events
        assert db.execute(
            "select count(distinct s.source) from event_sources s join events e on e.id = s.event_id where e.case_id = ?",
            [case_id],
        ).fetchone()[0] == sources
        assert db.execute("select max(stage_rank) from events where case_id = ?", [case_id]).fetchone()[0] == rank
        assert db.execute("select count(*) from alerts where case_id = ?", [case_id]).fetchone()[0] == events
        assert stage in {r[0] for r in db.execute("select stage from events where case_id = ?", [case_id])}


def test_times_lie_before_now_and_foreign_keys_hold(store):
    _, db = store
    latest = db.execute("select max(created_at) from alerts").fetchone()[0]
    assert datetime.fromisoformat(latest) <= NOW
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    path = tmp_path / "exists.db"
    path.write_text("keep me")
    with pytest.raises(FileExistsError):
        generate_store(path, articles=80, cases=4)
    assert path.read_text() == "keep me"
