"""The analysts' HTML report: the right numbers, every value escaped, nothing fetched from outside."""
from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from benchmarks.generate_store import generate_store
from exwatch.cli import cli
from exwatch.report import collect_report, event_day, month_ticks, render_report
from exwatch.store.db import open_db

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
SINCE = (NOW - timedelta(days=14)).isoformat()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "exwatch.db"
    generate_store(path, articles=1_600, cases=80, seed=5, now=NOW)
    return path


@pytest.fixture
def store(generated, tmp_path):
    """A private copy, so a test may change rows."""
    path = tmp_path / "exwatch.db"
    shutil.copy(generated, path)
    db = open_db(path)
    yield db
    db.close()


def report_of(db, **options):
    return collect_report(db, generated_at=NOW.isoformat(), since=SINCE, **options)


def test_cases_by_stage_and_host_count_every_open_case(store):
    data = report_of(store)
    open_cases = store.execute("select count(*) from cases where status = 'open'").fetchone()[0]
    assert sum(count for _, count in data.cases_by_stage) == open_cases == data.totals["open cases"]
    by_host = dict(store.execute("select host_country, count(*) from cases where status = 'open' group by 1").fetchall())
    assert dict(data.cases_by_host) == dict(sorted(by_host.items(), key=lambda kv: -kv[1])[:15])
    ranks = [["wanted", "detained", "extradition_requested", "extradition_ordered", "transferred",
              "prosecuted"].index(stage) for stage, _ in data.cases_by_stage]
    assert ranks == sorted(ranks)


def test_escalations_are_the_latest_new_cases_and_step_ups_since_the_date(store):
    data = report_of(store, escalations=10)
    expected = store.execute(
        "select count(*) from alerts where kind in ('new_case', 'escalation') and created_at >= ?", [SINCE]
    ).fetchone()[0]
    assert data.escalation_count == expected > 10
    assert len(data.escalations) == 10
    times = [item.alerted_at for item in data.escalations]
    assert times == sorted(times, reverse=True) and min(times) >= SINCE
    assert sum(count for _, count in data.escalations_by_host) == expected


def test_each_escalation_carries_its_evidence_and_every_reporting_outlet(store):
    item = report_of(store).escalations[0]
    event_id, evidence = store.execute(
        "select e.id, e.evidence from alerts a join events e on e.id = a.event_id where a.case_id = ? and a.stage = ?",
        [item.case_id, item.stage],
    ).fetchone()
    urls = {r[0] for r in store.execute("select url from event_sources where event_id = ?", [event_id])}
    assert item.evidence == evidence
    assert {link.url for link in item.links} == urls


def test_timelines_follow_the_most_recently_updated_cases_in_date_order(store):
    data = report_of(store, timelines=5)
    recent = [r[0] for r in store.execute(
        "select id from cases where status = 'open' order by updated_at desc, id desc limit 5")]
    assert [timeline.case_id for timeline in data.timelines] == recent
    for timeline in data.timelines:
        count = store.execute("select count(*) from events where case_id = ?", [timeline.case_id]).fetchone()[0]
        assert len(timeline.events) == count
        days = [event.day for event in timeline.events]
        assert days == sorted(days)


def test_the_page_shows_names_counts_and_one_svg_chart_per_view(store):
    data = report_of(store)
    page = render_report(data)
    assert page.count("<svg") == 4  # by stage, by host, escalations by host, timelines
    for item in data.escalations:
        assert item.person in page
    assert f"{data.escalation_count:,} new case(s) and escalation(s)" in page
    HTMLParser().feed(page)  # well-formed enough to parse


def test_the_page_is_self_contained(store):
    page = render_report(report_of(store))
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe)\b", page, re.I)
    assert not re.search(r"\bsrc\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_names_evidence_and_links_from_the_store_are_escaped(store):
    item = report_of(store).escalations[0]
    person_id = store.execute("select person_id from cases where id = ?", [item.case_id]).fetchone()[0]
    store.execute("update people set name = ? where id = ?", ["<script>alert('name')</script>", person_id])
    store.execute("update events set evidence = ? where case_id = ?", ['He said "<img src=x onerror=alert(1)>"', item.case_id])
    store.execute("update event_sources set url = 'javascript:alert(' || rowid || ')', source = '<b>Outlet</b>' "
                  "where event_id in (select id from events where case_id = ?)", [item.case_id])
    store.conn.commit()
    page = render_report(report_of(store))
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"href=['\"]?javascript:", page, re.I)
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in page


def test_an_empty_store_gives_a_page_that_says_so(tmp_path):
    db = open_db(tmp_path / "empty.db")
    page = render_report(report_of(db))
    db.close()
    assert "No new cases or escalations in this period." in page
    assert "No cases yet." in page


@pytest.mark.parametrize(
    ("event_date", "created_at", "expected"),
    [("2025-02-11", "2026-01-01T00:00:00+00:00", date(2025, 2, 11)),
     ("2025-02", "2026-01-01T00:00:00+00:00", date(2025, 2, 1)),
     ("2025", "2026-01-01T00:00:00+00:00", date(2025, 1, 1)),
     (None, "2026-01-05T10:00:00+00:00", date(2026, 1, 5)),
     ("2025-13-40", "2026-01-05T10:00:00+00:00", date(2026, 1, 5))],
)
def test_event_day_places_partial_dates_at_their_first_day(event_date, created_at, expected):
    assert event_day(event_date, created_at) == expected


def test_month_ticks_are_month_starts_within_the_range_and_thinned():
    assert month_ticks(date(2025, 1, 15), date(2025, 4, 2)) == [date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    ticks = month_ticks(date(2023, 1, 1), date(2025, 12, 31), most=8)
    assert len(ticks) <= 8 and ticks[0] == date(2023, 1, 1)


def test_report_command_writes_the_page(generated, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(cli, ["report", "--db", str(generated), "--out", str(out), "--days", "3650"])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(generated)
    escalations = db.execute("select count(*) from alerts where kind in ('new_case', 'escalation')").fetchone()[0]
    db.close()
    assert f"{escalations:,} new case(s) and escalation(s)" in out.read_text()
    assert "25 escalation(s)" in result.output


def test_report_command_on_a_missing_database_is_a_configuration_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "no such database" in result.output
    assert not (tmp_path / "r.html").exists()


def test_an_undated_event_is_placed_when_its_article_was_published_and_drawn_hollow(store):
    case_id = report_of(store, timelines=1).timelines[0].case_id
    store.execute("update events set date = null where case_id = ?", [case_id])
    store.execute("update articles set published = '2024-05-06' where id in "
                  "(select article_id from events where case_id = ?)", [case_id])
    store.conn.commit()
    timeline = report_of(store, timelines=1).timelines[0]
    assert {(event.day, event.dated) for event in timeline.events} == {(date(2024, 5, 6), False)}
    assert "fill='#fff' stroke=" in render_report(report_of(store, timelines=1))


def test_report_runs_as_the_installed_command_from_anywhere(generated, tmp_path, run_exwatch):
    out = tmp_path / "report.html"
    result = run_exwatch("report", "--db", generated, "--out", out, "--cases", "3")
    assert result.returncode == 0, result.stderr
    assert out.read_text().count("<circle") >= 3
