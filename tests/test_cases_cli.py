"""`exwatch cases` and `exwatch people` as analysts type them."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from exwatch.cli import cli
from exwatch.cli_cases import parse_since
from exwatch.store import open_db
from tests.test_cases import event, report


@pytest.fixture
def store(tmp_path):
    """A database with two people, three cases: Sadykov (KZ and KG) and Nazriev (TR)."""
    path = tmp_path / "cli.db"
    db = open_db(path)
    for name in ("Steppe Herald", "Caucasus Ledger", "Вестник"):
        db["sources"].insert({"name": name, "enabled": 1})
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ", date="2025-02-10"), at="2025-02-11T08:00:00+00:00")
    report(db, "a2", event("Тимур Садыков", "transferred", host="KZ", date="2025-06-03"), source="Вестник",
           at="2025-06-04T08:00:00+00:00")
    report(db, "a3", event("Sherzod Nazriev", "prosecuted", host="TR", destination="TJ"), at="2025-05-08T08:00:00+00:00")
    report(db, "a4", event("Timur Sadykov", "wanted", host="KG"), at="2025-01-05T08:00:00+00:00")
    db.close()
    return path


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def cases_json(store, *args):
    result = run("cases", "--db", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cases_table_lists_each_case_with_person_stage_and_countries(store):
    result = run("cases", "--db", store)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:6] == ["id", "person", "host_country", "destination_country", "stage", "status"]
    assert len(lines) == 2 + 3
    assert any("Timur Sadykov" in line and "transferred" in line and "KZ" in line for line in lines)


def test_cases_filters_by_stage_country_and_since(store):
    assert [c["person"] for c in cases_json(store, "--stage", "prosecuted")] == ["Sherzod Nazriev"]
    assert {(c["person"], c["host_country"]) for c in cases_json(store, "--country", "KZ")} == {("Timur Sadykov", "KZ")}
    assert {c["stage"] for c in cases_json(store, "--since", "2025-05-01")} == {"transferred", "prosecuted"}
    assert cases_json(store, "--stage", "released") == []


def test_cases_csv_has_a_header_and_one_row_per_case(store):
    result = run("cases", "--db", store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3 and {"id", "person", "stage", "source_count"} <= set(rows[0])


def test_cases_show_gives_the_history_with_evidence_and_sources(store):
    [case] = cases_json(store, "--country", "KZ")
    result = run("cases", "--db", store, "show", case["id"])
    assert result.exit_code == 0
    assert "Case" in result.output and "Timur Sadykov" in result.output and "Sources: 2" in result.output
    history = json.loads(run("cases", "show", case["id"], "--db", store, "--format", "json").output)["history"]
    assert [(h["date"], h["stage"], h["source"]) for h in history] == [
        ("2025-02-10", "detained", "Steppe Herald"), ("2025-06-03", "transferred", "Вестник")]


def test_dismissed_case_leaves_the_default_list(store):
    [case] = cases_json(store, "--stage", "prosecuted")
    result = run("cases", "--db", store, "dismiss", case["id"], "--reason", "a namesake, not the blogger")
    assert result.exit_code == 0 and "dismissed" in result.output
    assert cases_json(store, "--stage", "prosecuted") == []
    [dismissed] = cases_json(store, "--status", "dismissed")
    assert dismissed["dismissed_reason"] == "a namesake, not the blogger"


def test_unknown_case_and_missing_reason_are_readable_errors(store):
    result = run("cases", "--db", store, "dismiss", "999", "--reason", "x")
    assert result.exit_code == 1 and "no case with id 999" in result.output
    result = run("cases", "--db", store, "dismiss", "1")
    assert result.exit_code == 2 and "--reason" in result.output
    result = run("cases", "--db", store, "--since", "last tuesday")
    assert result.exit_code == 2 and "--since" in result.output


def test_people_list_show_merge_and_split(store):
    people = json.loads(run("people", "list", "--db", store, "--format", "json").output)
    by_name = {p["name"]: p for p in people}
    assert by_name["Timur Sadykov"]["cases"] == 2 and "Тимур Садыков" in by_name["Timur Sadykov"]["aliases"]
    sadykov = by_name["Timur Sadykov"]["id"]
    assert by_name["Sherzod Nazriev"]["cases"] == 1
    shown = json.loads(run("people", "show", sadykov, "--db", store, "--format", "json").output)
    assert {m["article_id"] for m in shown["mentions"]} == {"a1", "a2", "a4"}
    result = run("people", "split", sadykov, "--article", "a4", "--name", "Timur Sadykov (Bishkek)", "--db", store)
    assert result.exit_code == 0, result.output
    new_id = int(result.output.split()[2])
    assert {(c["person"], c["host_country"]) for c in cases_json(store, "--country", "KG")} == {("Timur Sadykov (Bishkek)", "KG")}
    result = run("people", "merge", sadykov, new_id, "--db", store)
    assert result.exit_code == 0 and f"person {new_id} merged into {sadykov}" in result.output
    assert len(cases_json(store, "--country", "KG")) == 1 and cases_json(store, "--country", "KG")[0]["person"] == "Timur Sadykov"
    assert run("people", "merge", sadykov, 999, "--db", store).exit_code == 1


def test_since_accepts_an_age():
    from datetime import datetime, timezone

    now = datetime(2025, 6, 10, 12, 0, tzinfo=timezone.utc)
    assert parse_since("7d", now) == "2025-06-03T12:00:00+00:00"
    assert parse_since("2025-06-01", now) == "2025-06-01"


def test_cases_command_as_a_subprocess(store, run_exwatch):
    result = run_exwatch("cases", "--db", store, "--format", "json", "--stage", "transferred")
    assert result.returncode == 0, result.stderr
    [case] = json.loads(result.stdout)
    assert case["person"] == "Timur Sadykov"
    result = run_exwatch("cases", "--db", store, "dismiss", case["id"], "--reason", "test")
    assert result.returncode == 0 and "dismissed" in result.stdout
