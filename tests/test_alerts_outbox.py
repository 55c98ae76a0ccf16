"""The outbox: unique per (case, stage), backoff, dead letters, interrupted deliveries."""
from datetime import datetime, timedelta, timezone

import pytest

from alerts import outbox
from alerts.outbox import RetryPolicy, iso
from tests.support.alert_cases import AT, add_article, add_case, add_person, change, new_store

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    store = new_store(tmp_path / "exwatch.db")
    yield store
    store.close()


@pytest.fixture
def case(db):
    person = add_person(db, "Yulia Yemelyanova", "Юлия Емельянова")
    return add_case(db, person, stage="wanted")


def test_enqueue_once_per_case_and_stage(db, case):
    article = add_article(db, "a1")
    first = change(db, case, article, "wanted", new=True)
    assert outbox.enqueue(db, first, run_id=1, at=AT) is True
    assert outbox.enqueue(db, first, run_id=2, at=AT) is False  # the same change again
    again = change(db, case, add_article(db, "a2", source="Other"), "wanted")
    assert outbox.enqueue(db, again, run_id=2, at=AT) is False  # the same stage from another article
    rows = outbox.rows(db)
    assert [(r["stage"], r["kind"], r["status"], r["run_id"]) for r in rows] == [("wanted", "new_case", "pending", 1)]


def test_lower_rank_is_not_queued_but_escalation_and_update_are(db, case):
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "wanted", new=True), run_id=1, at=AT)
    assert outbox.enqueue(db, change(db, case, article, "extradition_ordered"), run_id=2, at=AT)
    assert not outbox.enqueue(db, change(db, case, article, "detained"), run_id=2, at=AT)
    assert outbox.enqueue(db, change(db, case, article, "asylum_sought"), run_id=2, at=AT)
    assert [(r["stage"], r["kind"]) for r in outbox.rows(db)] == [
        ("wanted", "new_case"), ("extradition_ordered", "escalation"), ("asylum_sought", "update"),
    ]


def test_dismissed_case_is_never_queued_and_pending_rows_are_dropped(db, case):
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "wanted", new=True), run_id=1, at=AT)
    db["cases"].update(case, {"status": "dismissed"})
    assert not outbox.enqueue(db, change(db, case, article, "transferred"), run_id=1, at=AT)
    assert outbox.dismiss_for_dismissed_cases(db) == 1
    assert outbox.due(db, NOW) == {}


def test_due_groups_every_unsent_row_of_a_case(db, case):
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "wanted", new=True), run_id=1, at=AT)
    outbox.enqueue(db, change(db, case, article, "detained"), run_id=1, at=AT)
    other = add_case(db, add_person(db, "Timur Sadykov"), stage="detained")
    outbox.enqueue(db, change(db, other, article, "detained", new=True), run_id=1, at=AT)
    groups = outbox.due(db, NOW)
    assert {k: [r["stage"] for r in v] for k, v in groups.items()} == {case: ["wanted", "detained"], other: ["detained"]}


def test_backoff_then_dead_letter(db, case):
    policy = RetryPolicy(max_attempts=3, base_seconds=60, max_seconds=100)
    outbox.enqueue(db, change(db, case, add_article(db, "a1"), "wanted", new=True), run_id=1, at=AT)
    (row,) = outbox.rows(db)
    now, delays = NOW, []
    for _ in range(3):
        assert list(outbox.due(db, now)) == [case]
        outbox.claim(db, [row["id"]], at=iso(now))
        outbox.mark_failed(db, [row["id"]], now=now, error="HTTP 500", policy=policy)
        (row,) = outbox.rows(db)
        if row["status"] == "failed":
            next_at = datetime.fromisoformat(row["next_attempt_at"])
            delays.append((next_at - now).total_seconds())
            assert outbox.due(db, next_at - timedelta(seconds=1)) == {}  # not before its time
            now = next_at
    assert delays == [60, 100]  # 60, then 120 capped at 100
    assert (row["status"], row["attempts"], row["last_error"], row["next_attempt_at"]) == ("dead", 3, "HTTP 500", None)
    assert outbox.due(db, now + timedelta(days=1)) == {}
    assert outbox.retry(db) == 1
    assert outbox.rows(db)[0]["status"] == "pending" and outbox.rows(db)[0]["attempts"] == 0


def test_mark_sent_records_time_and_services(db, case):
    outbox.enqueue(db, change(db, case, add_article(db, "a1"), "wanted", new=True), run_id=1, at=AT)
    (row,) = outbox.rows(db)
    outbox.claim(db, [row["id"]], at=AT)
    outbox.mark_sent(db, [row["id"]], at=iso(NOW), delivered_to=["k2", "k1"])
    (row,) = outbox.rows(db)
    assert (row["status"], row["sent_at"], row["delivered_to"], row["attempts"]) == ("sent", iso(NOW), '["k1", "k2"]', 1)
    assert outbox.due(db, NOW) == {}


def test_interrupted_delivery_is_resent_once_then_dead(db, case):
    outbox.enqueue(db, change(db, case, add_article(db, "a1"), "wanted", new=True), run_id=1, at=AT)
    (row,) = outbox.rows(db)
    outbox.claim(db, [row["id"]], at=AT)  # ... and the process dies here
    assert outbox.due(db, NOW) == {}  # 'sending' is not due until recovered
    assert len(outbox.recover_interrupted(db, at=AT)) == 1
    assert [r["id"] for r in outbox.due(db, NOW)[case]] == [row["id"]]
    outbox.claim(db, [row["id"]], at=AT)  # the repeat dies as well
    outbox.recover_interrupted(db, at=AT)
    (row,) = outbox.rows(db)
    assert row["status"] == "dead" and "interrupted twice" in row["last_error"]


def test_release_undoes_a_claim(db, case):
    outbox.enqueue(db, change(db, case, add_article(db, "a1"), "wanted", new=True), run_id=1, at=AT)
    (row,) = outbox.rows(db)
    outbox.claim(db, [row["id"]], at=AT)
    outbox.release(db, [row["id"]])
    (row,) = outbox.rows(db)
    assert (row["status"], row["attempts"]) == ("pending", 0)


def test_a_claim_is_all_or_nothing(db, case):
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "wanted", new=True), run_id=1, at=AT)
    outbox.enqueue(db, change(db, case, article, "detained"), run_id=1, at=AT)
    first, second = (r["id"] for r in outbox.rows(db))
    assert outbox.claim(db, [second], at=AT)  # another process got there first
    assert not outbox.claim(db, [first, second], at=AT)
    assert [(r["status"], r["attempts"]) for r in outbox.rows(db)] == [("pending", 0), ("sending", 1)]


def test_a_new_case_carries_the_lower_stages_its_run_found(db, case):
    article = add_article(db, "a1")
    assert outbox.enqueue(db, change(db, case, article, "detained", new=True), run_id=1, at=AT)
    assert outbox.enqueue(db, change(db, case, article, "wanted"), run_id=1, at=AT)  # same run, lower rung
    assert [(r["stage"], r["kind"]) for r in outbox.rows(db)] == [("detained", "new_case"), ("wanted", "new_case")]
    # The case had reached 'detained' when 'wanted' came, but a new case has no previous stage.
    assert [r["previous_stage"] for r in outbox.rows(db)] == [None, None]
    # In a later run the same kind of news is old news.
    other = add_case(db, add_person(db, "Timur Sadykov"), stage="detained")
    assert outbox.enqueue(db, change(db, other, article, "detained", new=True), run_id=1, at=AT)
    assert not outbox.enqueue(db, change(db, other, article, "wanted"), run_id=2, at=AT)
