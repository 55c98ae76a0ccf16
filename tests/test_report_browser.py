"""The HTML report, written by the real command and rendered by headless Chromium."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from html import unescape

import pytest

from benchmarks.generate_store import generate_store
from tests.support.browser import OUTPUT_DIR, Chromium, assert_real_png, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def test_report_renders_charts_escalations_and_timelines_in_chromium(tmp_path, run_exwatch):
    db_path = tmp_path / "exwatch.db"
    generate_store(db_path, articles=800, cases=40, seed=9, now=datetime.now(timezone.utc))
    db = sqlite3.connect(db_path)
    # A hostile name must show as text, never run.
    db.execute("update people set name = '<script>document.title=\"owned\"</script> Ivanov' where id = 1")
    db.commit()
    recent_people = [row[0] for row in db.execute(
        "select p.name from cases c join people p on p.id = c.person_id where c.status = 'open' "
        "order by c.updated_at desc, c.id desc limit 15")]
    db.close()
    out = tmp_path / "report.html"

    result = run_exwatch("report", "--db", db_path, "--out", out)
    assert result.returncode == 0, result.stderr

    chromium = Chromium()
    dom = chromium.dump_dom(out.as_uri())
    assert "<title>Extradition Watch report" in dom  # the injected script did not run
    assert dom.count("<svg") == 4 and dom.count("<rect") >= 6 and "<circle" in dom
    text = unescape(dom)
    assert all(name in text for name in recent_people)  # every timeline is labelled
    assert "<script>document.title" not in dom  # the name is text in the page, not an element
    assert_real_png(chromium.screenshot(out.as_uri(), OUTPUT_DIR / "report.png", height=2400))
