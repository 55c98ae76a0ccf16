"""Datasette in real headless Chromium: the cases page and a canned query show the cases.

Screenshots are kept in test-output/browser/ for a human to look at.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from html import unescape

import pytest

from benchmarks.generate_store import generate_store
from exwatch.paths import DATA_DIR
from tests.support.browser import OUTPUT_DIR, Chromium, ServedStore, assert_real_png, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def case_people(db_path) -> list[str]:
    """The names of the people of every open case, as the store has them."""
    db = sqlite3.connect(db_path)
    names = [row[0] for row in db.execute(
        "select p.name from cases c join people p on p.id = c.person_id where c.status = 'open' order by c.id")]
    db.close()
    return names


def assert_page_shows_cases(chromium: Chromium, served: ServedStore, path: str, screenshot: str) -> str:
    names = case_people(served.db_path)
    assert names, "the store has no open case to show"
    dom = unescape(chromium.dump_dom(served.url(path)))
    missing = [name for name in names if name not in dom]
    assert not missing, f"{path} does not show {missing}"
    assert_real_png(chromium.screenshot(served.url(path), OUTPUT_DIR / screenshot))
    return dom


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("browser")
    db_path = workdir / "watch.db"
    generate_store(db_path, articles=400, cases=12, seed=11, now=datetime.now(timezone.utc))
    server = ServedStore(db_path, workdir).start()
    yield server
    server.stop()


def test_cases_page_renders_every_case_in_chromium(generated):
    assert_page_shows_cases(Chromium(), generated, f"/{generated.database}/cases", "datasette-cases.png")


def test_open_cases_canned_query_renders_every_case_in_chromium(generated):
    assert_page_shows_cases(Chromium(), generated, f"/{generated.database}/open_cases_by_stage",
                            "datasette-open-cases-by-stage.png")


@pytest.mark.slow
def test_after_the_demo_the_cases_page_and_a_canned_query_show_the_demo_cases(tmp_path, run_exwatch):
    """The demo crawl end to end, then what an analyst sees first in the browser."""
    db_path = tmp_path / "demo.db"
    demo = run_exwatch("demo", "--db", db_path, "--quiet", timeout=600)
    assert demo.returncode == 0, demo.stderr[-3000:]
    server = ServedStore(db_path, tmp_path).start()
    try:
        chromium = Chromium()
        assert_page_shows_cases(chromium, server, "/demo/cases", "datasette-demo-cases.png")
        dom = assert_page_shows_cases(chromium, server, "/demo/open_cases_by_stage", "datasette-demo-open-cases.png")
    finally:
        server.stop()
    expected = json.loads((DATA_DIR / "demo" / "expected_cases.json").read_text(encoding="utf-8"))
    not_shown = [case["person"] for case in expected if not any(alias in dom for alias in case["aliases"])]
    assert not not_shown, f"demo cases missing from the open cases query: {not_shown}"
