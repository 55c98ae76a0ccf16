"""The README's main command: the offline demo finds what data/demo/EXPECTED.md says it should."""
import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
NOT_ARTICLES = {"listing", "consent_wall", "unavailable"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from tests.conftest import make_runner

    workdir = tmp_path_factory.mktemp("demo")
    db_path = workdir / "demo.db"
    result = make_runner(workdir)("demo", "--db", db_path, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Cases found (9," in result.stdout
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    yield conn, result
    conn.close()


def expected_pages() -> dict:
    return json.loads((DEMO / "expected_pages.json").read_text())


def expected_cases() -> list[dict]:
    return json.loads((DEMO / "expected_cases.json").read_text())


def test_demo_site_is_consistent():
    spec = importlib.util.spec_from_file_location("check_site", DEMO / "authoring" / "check_site.py")
    check_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_site)
    assert check_site.main() == 0


def test_every_article_is_stored_and_every_non_article_dropped(demo_db):
    conn, result = demo_db
    pages = expected_pages()
    originals = [p for p, v in pages.items() if v["kind"] not in NOT_ARTICLES and "duplicate_of" not in v]
    copies = {p: v["duplicate_of"] for p, v in pages.items() if "duplicate_of" in v}
    stored = {row["url"].split("/data/demo/", 1)[1] for row in conn.execute("select url from articles")}
    # A syndicated story is stored once; the copy fetched second (either may come first) is
    # recorded as a near-duplicate of the one stored.
    duplicates = {
        frozenset((row["url"].split("/data/demo/", 1)[1], row["original"].split("/data/demo/", 1)[1]))
        for row in conn.execute("select d.url, a.url as original from duplicates d join articles a on a.id = d.duplicate_of")
    }
    assert duplicates == {frozenset(pair) for pair in copies.items()}
    copies_stored = {p for pair in duplicates for p in pair} & stored
    assert stored - copies_stored == set(originals) - set(copies.values())
    run = conn.execute("select * from runs").fetchone()
    assert run["status"] == "ok" and run["sources_failed"] == 0
    assert run["articles_new"] == len(originals) and run["articles_duplicate"] == len(copies)
    assert run["articles_dropped"] == len(pages) - len(originals) - len(copies)
    languages = {row["url"].split("/data/demo/", 1)[1]: row["language"] for row in conn.execute("select url, language from articles")}
    assert all(languages[p] == pages[p]["language"] for p in stored)


def test_events_match_the_invented_cases(demo_db):
    conn, _ = demo_db
    cases = expected_cases()
    person_of = {alias: case["person"] for case in cases for alias in [case["person"], *case["aliases"]]}
    found: dict[str, set[str]] = {}
    strangers = []
    for row in conn.execute("select person_name, stage, host_country, destination_country from events"):
        person = person_of.get(row["person_name"])
        if person is None:
            strangers.append(row["person_name"])
            continue
        found.setdefault(person, set()).add(row["stage"])
    assert not strangers, f"events for people who are in no case: {strangers}"
    expected = {(c["person"], s) for c in cases for s in c["stages"]}
    allowed = expected | {(c["person"], s) for c in cases for s in c["optional_stages"]}
    got = {(p, s) for p, stages in found.items() for s in stages}
    assert not got - allowed, f"stages no article reports: {sorted(got - allowed)}"
    recall = len(got & expected) / len(expected)
    assert recall >= 0.9, f"recall {recall:.2f}; missed {sorted(expected - got)}"


def test_not_subjects_never_get_events(demo_db):
    conn, _ = demo_db
    names = {row[0] for row in conn.execute("select person_name from events")}
    not_subjects = {n for case in expected_cases() for n in case.get("not_subjects", [])}
    assert not names & not_subjects
