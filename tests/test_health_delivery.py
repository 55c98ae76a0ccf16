"""Health alerts through the real Notifier and Apprise, to a json:// receiver on 127.0.0.1."""
from datetime import datetime, timedelta, timezone

import pytest

from alerts.delivery import Notifier
from exwatch.health import HealthThresholds, check_health, incidents
from exwatch.store.db import open_db
from exwatch.store.feeds import record_feed_failure, record_feed_success
from tests.support.receivers import JsonReceiver

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ONE_FAILURE = HealthThresholds(failed_runs=1)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "health.db")
    database["sources"].insert({"name": "Broken", "enabled": 1, "added_at": T0.isoformat()})
    yield database
    database.close()


def fail(db, at):
    record_feed_failure(db, url="https://broken.example/feed", source="Broken", kind="feed", at=at.isoformat(),
                        error="HTTP 503", status=503)


def recover(db, at):
    record_feed_success(db, url="https://broken.example/feed", source="Broken", kind="feed", at=at.isoformat(),
                        status=200, etag=None, last_modified=None)


def test_opening_and_recovery_reach_a_plain_notification_url_once_each(db, receiver):
    notifier = Notifier.from_options([receiver.url()])
    fail(db, T0)
    first = check_health(db, notifier, now=T0, run_id=1, thresholds=ONE_FAILURE)
    fail(db, T0 + timedelta(hours=1))
    check_health(db, notifier, now=T0 + timedelta(hours=1), run_id=2, thresholds=ONE_FAILURE)
    recover(db, T0 + timedelta(hours=2))
    check_health(db, notifier, now=T0 + timedelta(hours=2), run_id=3, thresholds=ONE_FAILURE)
    assert first.alerts_sent == 1
    assert [p["title"] for p in receiver.posts] == ["exwatch health: Broken is failing",
                                                    "exwatch health: Broken recovered"]
    assert "HTTP 503" in receiver.posts[0]["message"]


def test_a_receiver_that_is_down_leaves_the_alert_owed_until_it_is_back(db, receiver):
    notifier = Notifier.from_options([receiver.url()])
    receiver.status = 500
    fail(db, T0)
    down = check_health(db, notifier, now=T0, run_id=1, thresholds=ONE_FAILURE)
    assert (down.alerts_sent, down.alerts_failed, down.alerts_pending) == (0, 1, 1)
    assert incidents(db)[0].alerted_open_at is None
    receiver.status = 200
    fail(db, T0 + timedelta(hours=1))
    back = check_health(db, notifier, now=T0 + timedelta(hours=1), run_id=2, thresholds=ONE_FAILURE)
    assert (back.alerts_sent, back.alerts_pending) == (1, 0)
    assert len(receiver.posts) == 1


def test_a_config_routes_health_alerts_by_their_tag(db, tmp_path):
    health, cases = JsonReceiver().start(), JsonReceiver().start()
    try:
        config = tmp_path / "apprise.yml"
        config.write_text(f"urls:\n  - {health.url()}:\n    - tag: health\n  - {cases.url()}:\n    - tag: new_case\n",
                          encoding="utf-8")
        fail(db, T0)
        check_health(db, Notifier.from_options([], str(config)), now=T0, run_id=1, thresholds=ONE_FAILURE)
        assert len(health.posts) == 1 and cases.posts == []
    finally:
        health.stop()
        cases.stop()


def test_no_service_for_the_health_tag_is_reported_and_nothing_is_marked(db, receiver, tmp_path):
    config = tmp_path / "apprise.yml"
    config.write_text(f"urls:\n  - {receiver.url()}:\n    - tag: new_case\n", encoding="utf-8")
    fail(db, T0)
    report = check_health(db, Notifier.from_options([], str(config)), now=T0, run_id=1, thresholds=ONE_FAILURE)
    assert report.error and "health" in report.error
    assert report.alerts_pending == 1 and receiver.posts == []
