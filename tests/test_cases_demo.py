"""The demo crawl ends with one case per invented person, one person per name in both scripts.

One real `exwatch demo` run (NLP included, about 15 s) shared by the module."""
import json
import sqlite3
from pathlib import Path

import pytest

from exwatch.store.names import name_key

EXPECTED = Path(__file__).resolve().parent.parent / "data/demo/expected_cases.json"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from tests.conftest import make_runner

    workdir = tmp_path_factory.mktemp("demo")
    result = make_runner(workdir)("demo", "--db", workdir / "demo.db", "--quiet", timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    conn = sqlite3.connect(workdir / "demo.db")
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def expected_cases():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def cases_of_person(conn, spellings):
    """The cases of whoever has one of these spellings (every person that does)."""
    marks = ", ".join("?" for _ in spellings)
    return [dict(r) for r in conn.execute(
        f"""select c.*, c.person_id from cases c
            where c.person_id in (select person_id from aliases where alias in ({marks}))""",
        list(spellings),
    )]


@pytest.mark.parametrize("expected", expected_cases(), ids=lambda e: e["person"])
def test_each_invented_person_has_one_case(demo_db, expected):
    full_names = [a for a in expected["aliases"] if len(a.split()) > 1]
    cases = cases_of_person(demo_db, full_names)
    assert len({c["person_id"] for c in cases}) == 1, f"{expected['person']} is split over several people: {cases}"
    assert len(cases) == 1, f"{expected['person']} has {len(cases)} cases: {cases}"
    [case] = cases
    assert (case["host_country"], case["destination_country"]) == (expected["host_country"], expected["destination_country"])


def test_people_in_english_and_russian_articles_have_both_spellings(demo_db):
    checked = 0
    for expected in expected_cases():
        [person_id] = {c["person_id"] for c in cases_of_person(demo_db, expected["aliases"])}
        spellings = {r[0] for r in demo_db.execute("select alias from aliases where person_id = ?", [person_id])}
        seen = {r[0] for r in demo_db.execute("select distinct name from mentions where person_id = ?", [person_id])}
        scripts = {"cyrillic" if any("а" <= ch.lower() <= "я" for ch in s) else "latin" for s in seen}
        assert seen <= spellings
        if scripts == {"cyrillic", "latin"}:
            checked += 1
            latin = {s for s in spellings if s.isascii() and len(s.split()) > 1}
            cyrillic = {s for s in spellings if not s.isascii() and len(s.split()) > 1}
            assert any(name_key(a) == name_key(b) for a in latin for b in cyrillic)
    assert checked >= 4  # Sadykov, Kholodov, Marozau, Lisitsyna are reported in both languages


def test_the_syndicated_story_is_a_near_duplicate_not_a_second_article(demo_db):
    [pair] = [e["syndicated"][0] for e in expected_cases() if e.get("syndicated")]
    rows = demo_db.execute(
        "select url from articles where " + " or ".join("url like ?" for _ in pair), [f"%{p}" for p in pair]
    ).fetchall()
    assert len(rows) == 1
    [duplicate] = demo_db.execute("select * from duplicates").fetchall()
    assert any(duplicate["url"].endswith(p) for p in pair)
    kholodov = cases_of_person(demo_db, ["Denis Kholodov"])[0]
    assert kholodov["source_count"] == 3  # two wire copies and the Russian follow-up
