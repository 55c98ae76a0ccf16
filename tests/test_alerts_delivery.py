"""Delivery through Apprise to real receivers on 127.0.0.1: HTTP (json://) and SMTP (mailto://)."""
import logging
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from alerts import outbox
from alerts.delivery import Notifier, NotifierConfigError
from alerts.outbox import RetryPolicy
from alerts.send import send_due_alerts
from tests.support.alert_cases import AT, add_article, add_case, add_person, change, new_store
from tests.support.receivers import JsonReceiver, SmtpReceiver

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def smtp():
    server = SmtpReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path):
    store = new_store(tmp_path / "exwatch.db")
    yield store
    store.close()


def queue_case(db, name="Yulia Yemelyanova", *stages, cyrillic="Юлия Емельянова"):
    """A new case whose first article reports `stages`; returns the case id."""
    stages = stages or ("wanted", "detained")
    case = add_case(db, add_person(db, name, cyrillic), stage=stages[0])
    article = add_article(db, f"{name}-1", url=f"https://steppe.example/{len(name)}")
    for number, stage in enumerate(stages):
        outbox.enqueue(db, change(db, case, article, stage, new=number == 0), run_id=1, at=AT)
    return case


def test_notify_reaches_the_http_receiver(receiver):
    notifier = Notifier.from_options([receiver.url()])
    assert notifier.notify("Title", "Body text") is True
    assert [(p["title"], p["message"]) for p in receiver.posts] == [("Title", "Body text")]


def test_notify_false_when_the_receiver_fails(receiver):
    notifier = Notifier.from_options([receiver.url()])
    receiver.status = 500
    assert notifier.notify("Title", "Body") is False
    receiver.stop()
    assert notifier.notify("Title", "Body") is False


@pytest.mark.parametrize("urls", [["notaservice://x"], ["json://"], []])
def test_bad_or_missing_urls_are_configuration_errors(urls):
    with pytest.raises(NotifierConfigError):
        Notifier.from_options(urls)


def test_bad_config_files_are_configuration_errors(tmp_path):
    with pytest.raises(NotifierConfigError, match="cannot read"):
        Notifier.from_options([], str(tmp_path / "missing.yml"))
    broken = tmp_path / "broken.yml"
    broken.write_text("urls: [ {{{", encoding="utf-8")
    with pytest.raises(NotifierConfigError, match="no valid notification service"):
        Notifier.from_options([], str(broken))


def tagged_config(tmp_path, escalations: JsonReceiver, updates: JsonReceiver) -> str:
    path = tmp_path / "apprise.yml"
    path.write_text(
        textwrap.dedent(
            f"""
            version: 1
            urls:
              - {escalations.url('/urgent')}:
                  - tag: new_case, escalation
              - {updates.url('/digest')}:
                  - tag: update, digest
            """
        ),
        encoding="utf-8",
    )
    return str(path)


def test_config_tags_route_alerts(tmp_path, receiver):
    updates = JsonReceiver().start()
    try:
        notifier = Notifier.from_options([], tagged_config(tmp_path, receiver, updates))
        notifier.check(["new_case", "escalation", "update"])
        with pytest.raises(NotifierConfigError, match="health"):
            notifier.check(["health"])
        assert notifier.notify("Escalated", "x", tag="escalation") is True
        assert notifier.notify("Asylum", "y", tag="update") is True
        with pytest.raises(NotifierConfigError):
            notifier.notify("Nobody", "z", tag="health")  # Apprise matched nothing
        assert [p["title"] for p in receiver.posts] == ["Escalated"]
        assert [p["title"] for p in updates.posts] == ["Asylum"]
    finally:
        updates.stop()


def test_example_config_parses():
    notifier = Notifier.from_options([], str(PROJECT_DIR / "data" / "apprise.example.yml"))
    notifier.check(["new_case", "escalation", "update", "digest"])


def test_one_message_per_case_then_nothing(db, receiver):
    first = queue_case(db, "Yulia Yemelyanova", "wanted", "detained")
    second = queue_case(db, "Timur Sadykov", "detained", cyrillic="Тимур Садыков")
    notifier = Notifier.from_options([receiver.url()])
    report = send_due_alerts(db, notifier, now=NOW)
    assert (report.sent, report.failed, report.pending) == (2, 0, 0)
    titles = sorted(p["title"] for p in receiver.posts)
    assert titles == ["New case: Timur Sadykov, detained", "New case: Yulia Yemelyanova, detained"]
    yulia = next(p["message"] for p in receiver.posts if "Yulia" in p["title"])
    assert "New in this alert: wanted, detained" in yulia and "Юлия Емельянова" in yulia
    assert {r["case_id"]: r["status"] for r in outbox.rows(db)} == {first: "sent", second: "sent"}
    again = send_due_alerts(db, notifier, now=NOW + timedelta(hours=1))
    assert (again.sent, len(receiver.posts)) == (0, 2)


def test_email_alert_has_headers_and_both_parts(db, smtp):
    queue_case(db, "Yulia Yemelyanova", "extradition_ordered")
    notifier = Notifier.from_options([smtp.mailto(to="monitor@example.org", sender="exwatch@example.org")])
    assert send_due_alerts(db, notifier, now=NOW).sent == 1
    (mail,) = smtp.wait(1)
    message = mail["message"]
    assert mail["to"] == ["monitor@example.org"]
    assert message["Subject"] == "New case: Yulia Yemelyanova, extradition ordered"
    assert "exwatch@example.org" in message["From"] and message["To"] == "monitor@example.org"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html_text = message.get_body(preferencelist=("html",)).get_content()
    assert "Yulia Yemelyanova" in text and "Kazakhstan (KZ)" in text and "<" not in text
    assert "<table>" in html_text and "Юлия Емельянова" in html_text and "https://steppe.example/" in html_text


def test_failed_delivery_is_retried_with_backoff_and_sent_once(db, receiver):
    queue_case(db)
    notifier = Notifier.from_options([receiver.url()])
    receiver.status = 503
    policy = RetryPolicy(max_attempts=3, base_seconds=600)
    report = send_due_alerts(db, notifier, now=NOW, policy=policy)
    assert (report.sent, report.failed) == (0, 1)
    rows = outbox.rows(db)
    assert [(r["status"], r["attempts"]) for r in rows] == [("failed", 1), ("failed", 1)]
    assert "503" in rows[0]["last_error"] and "json://***" in rows[0]["last_error"]
    receiver.status = 200
    assert send_due_alerts(db, notifier, now=NOW + timedelta(minutes=5), policy=policy).sent == 0  # backing off
    assert send_due_alerts(db, notifier, now=NOW + timedelta(minutes=10), policy=policy).sent == 1
    assert send_due_alerts(db, notifier, now=NOW + timedelta(hours=5), policy=policy).sent == 0
    assert len(receiver.posts) == 1
    assert {(r["status"], r["attempts"]) for r in outbox.rows(db)} == {("sent", 2)}


def test_dead_letter_after_max_attempts(db, receiver):
    queue_case(db)
    notifier = Notifier.from_options([receiver.url()])
    receiver.status = 500
    policy = RetryPolicy(max_attempts=2, base_seconds=0)
    assert send_due_alerts(db, notifier, now=NOW, policy=policy).failed == 1
    assert send_due_alerts(db, notifier, now=NOW, policy=policy).dead == 1
    assert send_due_alerts(db, notifier, now=NOW, policy=policy).dead == 0  # dead rows are not tried again
    assert outbox.rows(db)[0]["status"] == "dead"


def test_a_service_that_got_the_message_is_not_sent_it_again(db, receiver):
    flaky = JsonReceiver(status=500).start()
    try:
        queue_case(db)
        notifier = Notifier.from_options([receiver.url(), flaky.url()])
        policy = RetryPolicy(base_seconds=0)
        assert send_due_alerts(db, notifier, now=NOW, policy=policy).failed == 1
        flaky.status = 200
        assert send_due_alerts(db, notifier, now=NOW, policy=policy).sent == 1
        assert (len(receiver.posts), len(flaky.posts)) == (1, 1)
    finally:
        flaky.stop()


def test_no_notifier_leaves_alerts_pending_and_dry_run_sends_nothing(db, receiver):
    queue_case(db)
    report = send_due_alerts(db, None, now=NOW)
    assert report.pending == 1 and "no notifier" in report.summary(notifier_configured=False)
    dry = send_due_alerts(db, Notifier.from_options([receiver.url()]), now=NOW, dry_run=True)
    assert dry.pending == 1 and "Yulia Yemelyanova" in dry.rendered[0].message.telegram
    assert receiver.posts == [] and outbox.rows(db)[0]["status"] == "pending"


def test_dismissed_case_is_not_sent(db, receiver):
    case = queue_case(db)
    db["cases"].update(case, {"status": "dismissed"})
    assert send_due_alerts(db, Notifier.from_options([receiver.url()]), now=NOW).sent == 0
    assert receiver.posts == [] and outbox.rows(db)[0]["status"] == "dismissed"


def test_updates_wait_for_a_daily_digest(db, receiver):
    case = add_case(db, add_person(db, "Olga Lisitsyna"), stage="detained")
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "extradition_refused"), run_id=1, at=AT)
    notifier = Notifier.from_options([receiver.url()])
    assert send_due_alerts(db, notifier, now=NOW, digest=True).sent == 1
    assert receiver.posts[0]["title"].startswith("Extradition Watch digest 2025-06-01")
    other = add_case(db, add_person(db, "Pavel Morozov"), stage="detained")
    outbox.enqueue(db, change(db, other, article, "released"), run_id=2, at=AT)
    held = send_due_alerts(db, notifier, now=NOW + timedelta(hours=2), digest=True)
    assert (held.sent, held.pending) == (0, 1)  # one digest a day
    assert send_due_alerts(db, notifier, now=NOW + timedelta(days=1), digest=True).sent == 1
    assert "Pavel Morozov" in receiver.posts[1]["message"]


def test_secrets_never_reach_logs_or_the_database(db, receiver, caplog, tmp_path):
    token, password, key = "S3cr3tT0kenXYZ", "pw-9f8e7d6c", "Qk3yQk3yQk3y"
    url = f"json://bot:{password}@127.0.0.1:{receiver.port}/hook/{token}?+X-Api-Key={key}"
    queue_case(db)
    receiver.status = 500
    with caplog.at_level(logging.DEBUG):
        notifier = Notifier.from_options([url])
        send_due_alerts(db, notifier, now=NOW, policy=RetryPolicy(base_seconds=0))
        receiver.stop()  # now a connection error, whose message names the host and path
        send_due_alerts(db, notifier, now=NOW, policy=RetryPolicy(base_seconds=0))
    assert receiver.headers == [] and outbox.rows(db)[0]["last_error"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "json://***" in logged or "***" in logged  # something was said, redacted
    dump = "\n".join(db.conn.iterdump())
    for secret in (token, password, key):
        assert secret not in logged
        assert secret not in dump


def test_a_run_killed_between_sending_and_marking_repeats_at_most_once(tmp_path, receiver):
    """The crash is real: a subprocess exits (os._exit) after Apprise delivered and before the row is marked."""
    db_path = tmp_path / "exwatch.db"
    db = new_store(db_path)
    queue_case(db)
    db.close()
    script = textwrap.dedent(
        f"""
        import os
        from datetime import datetime, timezone
        from alerts import outbox, send
        from alerts.delivery import Notifier
        from exwatch.store.db import open_db

        def crash(*args, **kwargs):
            os._exit(9)

        outbox.mark_sent = crash
        outbox.mark_failed = crash
        send.send_due_alerts(open_db({str(db_path)!r}), Notifier.from_options([{receiver.url()!r}]),
                             now=datetime(2025, 6, 1, tzinfo=timezone.utc))
        """
    )
    crashed = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert crashed.returncode == 9, crashed.stderr
    assert len(receiver.posts) == 1
    db = new_store(db_path)
    assert {r["status"] for r in outbox.rows(db)} == {"sending"}
    notifier = Notifier.from_options([receiver.url()])
    report = send_due_alerts(db, notifier, now=NOW)
    assert (report.recovered, report.sent) == (2, 1)  # both rows of the one message
    assert len(receiver.posts) == 2  # the one repeat: we cannot know the first one arrived
    assert send_due_alerts(db, notifier, now=NOW + timedelta(days=1)).sent == 0
    assert len(receiver.posts) == 2
    assert {(r["status"], r["interrupted"], r["attempts"]) for r in outbox.rows(db)} == {("sent", 1, 2)}
    db.close()


def test_split_urls_keeps_commas_inside_a_url():
    from alerts.delivery import split_urls

    assert split_urls(["json://a.example/x, mailto://u:p@h?to=a@x.org,b@x.org  tgram://t/c", ""]) == [
        "json://a.example/x", "mailto://u:p@h?to=a@x.org,b@x.org", "tgram://t/c",
    ]


def test_preview_leaves_out_dismissed_cases(db):
    case = queue_case(db)
    db["cases"].update(case, {"status": "dismissed"})
    assert send_due_alerts(db, None, now=NOW, dry_run=True).rendered == []
