"""`exwatch status`: recent runs with durations and alert counts, and each source's health."""
import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from exwatch.cli import cli
from exwatch.cli_status import status_overview
from exwatch.health import HealthThresholds, check_health
from exwatch.store.db import open_db

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def iso(moment):
    return moment.isoformat(timespec="seconds")


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "status.db"
    db = open_db(path)
    db["sources"].insert_all([
        {"name": "Good", "enabled": 1, "added_at": iso(T0 - timedelta(days=30))},
        {"name": "Down", "enabled": 1, "added_at": iso(T0 - timedelta(days=30))},
    ])
    db["feeds"].insert_all([
        {"url": "https://good.example/feed", "source": "Good", "last_success": iso(T0), "consecutive_failures": 0},
        {"url": "https://down.example/feed", "source": "Down", "last_success": iso(T0 - timedelta(days=3)),
         "last_error": "HTTP 503", "last_error_at": iso(T0), "consecutive_failures": 4},
    ])
    db["articles"].insert({"id": "a1", "url": "https://good.example/1", "source": "Good", "text": "t",
                           "fetched_at": iso(T0 - timedelta(days=2))})
    for run_id, minutes, status, new in [(1, 3, "ok", 5), (2, 10, "timeout", 2), (3, None, "running", 0)]:
        started = T0 + timedelta(hours=run_id)
        db["runs"].insert({"id": run_id, "started": iso(started), "status": status, "articles_new": new,
                           "articles_duplicate": run_id, "pages_failed": 1,
                           "finished": iso(started + timedelta(minutes=minutes)) if minutes else None})
    db["people"].insert({"id": 1, "name": "A"})
    db["cases"].insert_all([{"id": i, "person_id": 1, "stage": "detained", "first_seen": "x", "updated_at": "x"}
                            for i in (1, 2, 3, 4)])
    db["alerts"].insert_all([
        {"case_id": 1, "stage": "detained", "kind": "new_case", "status": "sent", "created_at": "x", "run_id": 1},
        {"case_id": 2, "stage": "detained", "kind": "new_case", "status": "sent", "created_at": "x", "run_id": 1},
        {"case_id": 3, "stage": "detained", "kind": "new_case", "status": "failed", "created_at": "x", "run_id": 2},
        {"case_id": 4, "stage": "detained", "kind": "new_case", "status": "pending", "created_at": "x", "run_id": 2},
    ])
    check_health(db, None, now=T0 + timedelta(hours=3), run_id=3, thresholds=HealthThresholds(failed_runs=3))
    db.close()
    return path


def test_overview_of_runs_newest_first_with_duration_and_alerts(db_path):
    db = open_db(db_path, read_only=True)
    overview = status_overview(db, now=T0 + timedelta(hours=4), run_count=5)
    runs = overview["runs"]
    assert [r["id"] for r in runs] == [3, 2, 1]
    assert [r["seconds"] for r in runs] == [None, 600.0, 180.0]
    assert [(r["alerts_sent"], r["alerts_pending"], r["alerts_failed"]) for r in runs] == [(0, 0, 0), (0, 1, 1),
                                                                                        (2, 0, 0)]
    assert runs[1]["status"] == "timeout" and runs[2]["articles_new"] == 5 and runs[0]["articles_failed"] == 1
    assert overview["outbox"] == {"failed": 1, "pending": 1, "sent": 2}
    assert [r["id"] for r in status_overview(db, now=T0, run_count=1)["runs"]] == [3]


def test_overview_of_sources_with_failures_silence_and_incidents(db_path):
    db = open_db(db_path, read_only=True)
    sources = {s["name"]: s for s in status_overview(db, now=T0 + timedelta(hours=4), run_count=5)["sources"]}
    assert sources["Down"]["consecutive_failures"] == 4 and sources["Down"]["incident"] == "failing"
    assert sources["Good"]["incident"] == "" and sources["Good"]["last_article_at"] == iso(T0 - timedelta(days=2))
    assert sources["Good"]["days_silent"] == pytest.approx(2.2, abs=0.05)
    assert sources["Good"]["last_success"] == iso(T0)


def test_status_command_prints_tables_and_json(db_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["status", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Last runs:" in result.output and "timeout" in result.output
    assert "Down" in result.output and "failing" in result.output
    assert "Open incidents: 1. Alert outbox: 1 failed, 1 pending, 2 sent." in result.output
    assert "  Down: failing since 2026-03-01T15:00:00+00:00: 4 runs in a row failed; last error: HTTP 503" in result.output
    as_json = json.loads(runner.invoke(cli, ["status", "--db", str(db_path), "--json", "--runs", "2"]).output)
    assert [r["id"] for r in as_json["runs"]] == [3, 2]
    assert [(i["source"], i["kind"]) for i in as_json["incidents"]] == [("Down", "failing")]


def test_status_of_a_missing_database_is_a_configuration_error(tmp_path):
    result = CliRunner().invoke(cli, ["status", "--db", str(tmp_path / "nothing.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_status_from_the_installed_command(db_path, run_exwatch):
    result = run_exwatch("status", "--db", db_path, "--json")
    assert result.returncode == 0, result.stderr
    overview = json.loads(result.stdout)
    assert [r["status"] for r in overview["runs"]] == ["running", "timeout", "ok"]
    assert {s["name"] for s in overview["sources"]} == {"Good", "Down"}
