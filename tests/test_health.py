"""Source health incidents: opened, closed, alerted once each way, retried when delivery fails."""
from datetime import datetime, timedelta, timezone

import pytest

from exwatch.health import FAILING, SILENT, HealthThresholds, alert_message, check_health, incidents, source_states
from exwatch.store.db import open_db

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def iso(moment):
    return moment.isoformat(timespec="seconds")


class RecordingNotifier:
    """Stands in for alerts.delivery.Notifier (same `notify` signature): answers from a script."""

    def __init__(self, answers=None):
        self.answers = list(answers or [])
        self.sent = []

    def notify(self, title, body, *, tag=None, body_format="text"):
        self.sent.append({"title": title, "body": body, "tag": tag})
        return self.answers.pop(0) if self.answers else True


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "health.db")
    yield database
    database.close()


def add_source(db, name, *, added=T0 - timedelta(days=30), enabled=True):
    db["sources"].insert({"name": name, "enabled": int(enabled), "added_at": iso(added), "updated_at": iso(added)})


def feed_outcome(db, source, *, ok, at, url=None, error="HTTP 503"):
    """One run's outcome for the source's feed, as the store pipeline records it."""
    from exwatch.store.feeds import record_feed_failure, record_feed_success

    url = url or f"https://{source.lower().replace(' ', '-')}.example/feed"
    if ok:
        record_feed_success(db, url=url, source=source, kind="feed", at=iso(at), status=200, etag=None, last_modified=None)
    else:
        record_feed_failure(db, url=url, source=source, kind="feed", at=iso(at), error=error, status=503)


def add_article(db, source, *, at):
    n = db.execute("select count(*) from articles").fetchone()[0]
    db["articles"].insert({"id": f"a{n}", "url": f"https://x.example/{n}", "source": source, "text": "t",
                           "fetched_at": iso(at)})


def test_a_source_failing_n_runs_in_a_row_opens_one_incident_and_alerts_once(db):
    add_source(db, "Broken")
    add_article(db, "Broken", at=T0)
    notifier = RecordingNotifier()
    thresholds = HealthThresholds(failed_runs=3, silent_days=7)
    reports = []
    for run in range(5):
        at = T0 + timedelta(hours=run)
        feed_outcome(db, "Broken", ok=False, at=at, error="HTTP 503 Service Unavailable")
        reports.append(check_health(db, notifier, now=at, run_id=run + 1, thresholds=thresholds))
    assert [len(r.opened) for r in reports] == [0, 0, 1, 0, 0]
    [incident] = incidents(db)
    assert incident.kind == FAILING and incident.source == "Broken" and incident.closed_at is None
    assert incident.opened_at == iso(T0 + timedelta(hours=2))
    assert len(notifier.sent) == 1
    assert notifier.sent[0]["tag"] == "health"
    assert "Broken" in notifier.sent[0]["title"] and "HTTP 503 Service Unavailable" in notifier.sent[0]["body"]


def test_recovery_closes_the_incident_and_alerts_once(db):
    add_source(db, "Broken")
    add_article(db, "Broken", at=T0)
    notifier = RecordingNotifier()
    thresholds = HealthThresholds(failed_runs=2)
    for run, ok in enumerate([False, False, True, True]):
        at = T0 + timedelta(hours=run)
        feed_outcome(db, "Broken", ok=ok, at=at)
        report = check_health(db, notifier, now=at, run_id=run + 1, thresholds=thresholds)
        if run == 2:
            assert [i.source for i in report.closed] == ["Broken"]
    [incident] = incidents(db)
    assert incident.closed_at == iso(T0 + timedelta(hours=2))
    assert incident.alerted_open_at and incident.alerted_close_at
    assert [m["title"] for m in notifier.sent] == ["exwatch health: Broken is failing", "exwatch health: Broken recovered"]


def test_a_failed_delivery_is_retried_after_the_next_run_and_marked_only_on_success(db):
    add_source(db, "Broken")
    add_article(db, "Broken", at=T0)
    notifier = RecordingNotifier(answers=[False, True])
    thresholds = HealthThresholds(failed_runs=1)
    feed_outcome(db, "Broken", ok=False, at=T0)
    first = check_health(db, notifier, now=T0, run_id=1, thresholds=thresholds)
    assert (first.alerts_sent, first.alerts_failed, first.alerts_pending) == (0, 1, 1)
    assert incidents(db)[0].alerted_open_at is None
    feed_outcome(db, "Broken", ok=False, at=T0 + timedelta(hours=1))
    second = check_health(db, notifier, now=T0 + timedelta(hours=1), run_id=2, thresholds=thresholds)
    assert (second.alerts_sent, second.alerts_failed, second.alerts_pending) == (1, 0, 0)
    assert incidents(db)[0].alerted_open_at == iso(T0 + timedelta(hours=1))
    assert len(incidents(db)) == 1


def test_without_a_notifier_incidents_are_recorded_and_stay_owed(db):
    add_source(db, "Broken")
    add_article(db, "Broken", at=T0)
    feed_outcome(db, "Broken", ok=False, at=T0)
    report = check_health(db, None, now=T0, run_id=1, thresholds=HealthThresholds(failed_runs=1))
    assert len(report.opened) == 1 and report.alerts_pending == 1
    notifier = RecordingNotifier()
    check_health(db, notifier, now=T0 + timedelta(hours=1), run_id=2, thresholds=HealthThresholds(failed_runs=1))
    assert len(notifier.sent) == 1


def test_an_incident_that_closed_before_anyone_was_told_sends_no_recovery(db):
    add_source(db, "Flaky")
    add_article(db, "Flaky", at=T0)
    thresholds = HealthThresholds(failed_runs=1)
    feed_outcome(db, "Flaky", ok=False, at=T0)
    check_health(db, RecordingNotifier(answers=[False]), now=T0, run_id=1, thresholds=thresholds)
    feed_outcome(db, "Flaky", ok=True, at=T0 + timedelta(hours=1))
    notifier = RecordingNotifier()
    report = check_health(db, notifier, now=T0 + timedelta(hours=1), run_id=2, thresholds=thresholds)
    assert notifier.sent == [] and report.alerts_pending == 0
    assert incidents(db)[0].closed_at is not None


def test_a_source_without_new_articles_for_n_days_goes_silent_and_recovers_with_one(db):
    add_source(db, "Quiet")
    feed_outcome(db, "Quiet", ok=True, at=T0)
    add_article(db, "Quiet", at=T0)
    notifier = RecordingNotifier()
    thresholds = HealthThresholds(silent_days=7)
    day6 = check_health(db, notifier, now=T0 + timedelta(days=6), run_id=1, thresholds=thresholds)
    assert day6.opened == []
    day8 = check_health(db, notifier, now=T0 + timedelta(days=8), run_id=2, thresholds=thresholds)
    assert [(i.source, i.kind) for i in day8.opened] == [("Quiet", SILENT)]
    check_health(db, notifier, now=T0 + timedelta(days=9), run_id=3, thresholds=thresholds)
    add_article(db, "Quiet", at=T0 + timedelta(days=10))
    day10 = check_health(db, notifier, now=T0 + timedelta(days=10), run_id=4, thresholds=thresholds)
    assert [(i.source, i.kind) for i in day10.closed] == [("Quiet", SILENT)]
    assert [m["title"] for m in notifier.sent] == [
        "exwatch health: Quiet has gone silent", "exwatch health: Quiet recovered"]


def test_a_duplicate_from_the_source_is_a_sign_of_life(db):
    add_source(db, "Wire")
    add_article(db, "Wire", at=T0 - timedelta(days=20))
    db["duplicates"].insert({"url_hash": "h", "url": "https://wire.example/copy", "source": "Wire",
                             "duplicate_of": "a0", "similarity": 1.0, "fetched_at": iso(T0 - timedelta(days=1))})
    [state] = source_states(db, now=T0)
    assert state.last_article_at == iso(T0 - timedelta(days=1))
    assert state.days_silent == pytest.approx(1.0)


def test_a_source_that_never_yielded_an_article_is_silent_from_when_it_was_added(db):
    add_source(db, "New", added=T0 - timedelta(days=2))
    add_source(db, "Old", added=T0 - timedelta(days=9))
    report = check_health(db, None, now=T0, run_id=1, thresholds=HealthThresholds(silent_days=7))
    assert [(i.source, i.kind) for i in report.opened] == [("Old", SILENT)]
    assert "since it was added" in report.opened[0].detail


def test_disabled_sources_raise_nothing_and_their_open_incidents_close(db):
    add_source(db, "Paused", added=T0 - timedelta(days=30))
    check_health(db, None, now=T0, run_id=1)
    assert len(incidents(db, open_only=True)) == 1
    db["sources"].update("Paused", {"enabled": 0})
    report = check_health(db, None, now=T0 + timedelta(hours=1), run_id=2)
    assert len(report.closed) == 1 and incidents(db, open_only=True) == []


def test_a_failing_source_is_not_also_reported_silent(db):
    add_source(db, "Down", added=T0 - timedelta(days=30))
    for run in range(3):
        feed_outcome(db, "Down", ok=False, at=T0 + timedelta(hours=run))
    report = check_health(db, None, now=T0 + timedelta(hours=3), run_id=1)
    assert [i.kind for i in report.opened] == [FAILING]


def test_thresholds_come_from_settings_with_defaults():
    assert HealthThresholds.from_settings({}) == HealthThresholds(3, 7.0)
    custom = HealthThresholds.from_settings({"EXWATCH_HEALTH_FAILED_RUNS": "5", "EXWATCH_HEALTH_SILENT_DAYS": "2.5"})
    assert custom == HealthThresholds(5, 2.5)


def test_recovery_message_names_the_period(db):
    add_source(db, "Down")
    add_article(db, "Down", at=T0)
    feed_outcome(db, "Down", ok=False, at=T0)
    check_health(db, None, now=T0, run_id=1, thresholds=HealthThresholds(failed_runs=1))
    feed_outcome(db, "Down", ok=True, at=T0 + timedelta(hours=5))
    [closed] = check_health(db, None, now=T0 + timedelta(hours=5), run_id=2,
                            thresholds=HealthThresholds(failed_runs=1)).closed
    title, body = alert_message(closed, opening=False)
    assert title == "exwatch health: Down recovered"
    assert iso(T0) in body and iso(T0 + timedelta(hours=5)) in body and "was failing" in body


def test_the_report_describes_itself_in_one_line(db):
    add_source(db, "Down")
    add_article(db, "Down", at=T0)
    feed_outcome(db, "Down", ok=False, at=T0)
    report = check_health(db, RecordingNotifier(answers=[False]), now=T0, run_id=1,
                          thresholds=HealthThresholds(failed_runs=1))
    assert report.describe() == "health: 1 incident(s) opened, 0 closed (Down failing); alerts 0 sent, 1 failed, 1 owed"
