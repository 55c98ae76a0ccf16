"""Analysts' people merge and split against the alerts outbox: each stage sent once, never lost.

Real SQLite files, the real `exwatch people merge|split` and `exwatch alerts send` commands, and a
real json:// receiver on 127.0.0.1.
"""
import json

import pytest
from click.testing import CliRunner

from alerts import outbox
from exwatch.cli import cli
from exwatch.store import open_db
from tests.test_cases import AT, event, report

SADYKOV, MISSPELT = "Timur Sadykov", "T. Sadikov-Ulan"  # the NLP made two people of one


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "exwatch.db"
    db = open_db(path)
    for name in ("Steppe Herald", "Caucasus Ledger"):
        db["sources"].insert({"name": name, "enabled": 1})
    db.close()
    return path


def queue(db_path, article_id, *events, run_id=1, source="Steppe Herald"):
    """Store one article and queue its alerts, as a crawl run's store step does."""
    db = open_db(db_path)
    with db.atomic():
        for change in report(db, article_id, *events, source=source):
            outbox.enqueue(db, change, run_id=run_id, at=AT)
    db.close()


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def send(db_path, receiver):
    result = invoke("alerts", "send", "--db", db_path, "--notify", receiver.url())
    assert result.exit_code == 0, result.output
    return result.output


def merge(db_path, keep, other):
    result = invoke("people", "merge", keep, other, "--db", db_path)
    assert result.exit_code == 0, result.output
    return result.output


def alerts(db_path):
    db = open_db(db_path)
    rows = outbox.rows(db)
    db.close()
    return sorted(rows, key=lambda r: r["id"])


def person_ids(db_path):
    db = open_db(db_path)
    found = {r["name"]: r["id"] for r in db["people"].rows}
    db.close()
    return found


def case_ids(db_path):
    db = open_db(db_path)
    found = {r["id"]: (r["person_id"], r["status"]) for r in db["cases"].rows}
    db.close()
    return found


def test_merge_moves_pending_alerts_and_send_delivers_each_stage_once(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "detained"))
    queue(db_path, "a2", event(MISSPELT, "extradition_ordered"))
    ids = person_ids(db_path)
    output = merge(db_path, ids[SADYKOV], ids[MISSPELT])
    assert "1 moved to the surviving case, 0 superseded" in output
    [(case_id, (person, status))] = case_ids(db_path).items()  # the emptied case had nothing to keep
    assert (person, status) == (ids[SADYKOV], "open")

    assert "1 sent, 0 failed" in send(db_path, receiver)
    [post] = receiver.posts
    assert post["title"] == f"New case: {SADYKOV}, extradition ordered"
    assert "New in this alert: detained, extradition ordered" in post["message"]
    assert [(r["case_id"], r["stage"], r["kind"], r["status"]) for r in alerts(db_path)] == [
        (case_id, "detained", "new_case", "sent"), (case_id, "extradition_ordered", "new_case", "sent"),
    ]
    assert "0 sent" in send(db_path, receiver) and len(receiver.posts) == 1


def test_a_stage_both_cases_queued_is_sent_once_and_the_other_row_superseded(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "detained"))
    queue(db_path, "a2", event(MISSPELT, "detained"), source="Caucasus Ledger")
    ids = person_ids(db_path)
    assert "0 moved to the surviving case, 1 superseded" in merge(db_path, ids[SADYKOV], ids[MISSPELT])

    send(db_path, receiver)
    assert [p["title"] for p in receiver.posts] == [f"New case: {SADYKOV}, detained"]
    kept, gone = alerts(db_path)
    assert kept["status"] == "sent"
    assert (gone["status"], gone["superseded_by"], gone["sent_at"]) == ("superseded", kept["id"], None)
    assert f"person {ids[MISSPELT]} merged into person {ids[SADYKOV]}" in gone["superseded_reason"]
    # The superseded row keeps its emptied case, now the kept person's, as history.
    assert case_ids(db_path)[gone["case_id"]] == (ids[SADYKOV], "merged")
    listed = json.loads(invoke("alerts", "list", "--db", db_path, "--status", "superseded", "--json").output)
    assert [(r["id"], r["person"], r["superseded_by"]) for r in listed] == [(gone["id"], SADYKOV, kept["id"])]
    assert "0 sent" in send(db_path, receiver) and len(receiver.posts) == 1


def test_sent_history_stays_and_only_new_news_goes_out_as_an_escalation(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "detained"))
    queue(db_path, "a2", event(MISSPELT, "wanted"))
    send(db_path, receiver)  # two new cases: Sadykov detained, the misspelt one wanted
    queue(db_path, "a3", event(MISSPELT, "detained"), run_id=2)
    queue(db_path, "a4", event(MISSPELT, "transferred"), run_id=2)
    sent_before = [r for r in alerts(db_path) if r["status"] == "sent"]
    assert len(sent_before) == 2 and len(receiver.posts) == 2

    ids = person_ids(db_path)
    assert "1 moved to the surviving case, 1 superseded" in merge(db_path, ids[SADYKOV], ids[MISSPELT])
    send(db_path, receiver)

    assert [p["title"] for p in receiver.posts[2:]] == [f"Escalation: {SADYKOV}, transferred"]
    assert "Stage: transferred (was: detained)" in receiver.posts[2]["message"]
    rows = {r["id"]: r for r in alerts(db_path)}
    assert [rows[r["id"]] for r in sent_before] == sent_before  # history untouched
    by_stage = {(r["stage"], r["run_id"]): r for r in rows.values()}
    assert by_stage[("detained", 2)]["status"] == "superseded"  # Sadykov's detention was already sent
    assert by_stage[("detained", 2)]["superseded_by"] == by_stage[("detained", 1)]["id"]
    assert (by_stage[("transferred", 2)]["kind"], by_stage[("transferred", 2)]["status"]) == ("escalation", "sent")
    assert "0 sent" in send(db_path, receiver) and len(receiver.posts) == 3


def test_a_lower_stage_than_monitors_were_sent_is_superseded_as_no_news(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "extradition_ordered"))
    send(db_path, receiver)
    queue(db_path, "a2", event(MISSPELT, "wanted"), run_id=2)
    ids = person_ids(db_path)
    merge(db_path, ids[SADYKOV], ids[MISSPELT])
    assert "0 sent" in send(db_path, receiver) and len(receiver.posts) == 1
    wanted = alerts(db_path)[-1]
    assert wanted["status"] == "superseded" and "already reported extradition_ordered" in wanted["superseded_reason"]


def test_a_delivery_under_way_during_the_merge_that_fails_is_moved_by_the_next_send(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "detained"))
    queue(db_path, "a2", event(MISSPELT, "extradition_ordered"))
    db = open_db(db_path)
    misspelt_row = outbox.rows(db, "stage = 'extradition_ordered'")[0]
    assert outbox.claim(db, [misspelt_row["id"]], at=AT)  # another process is sending it ...
    db.close()
    ids = person_ids(db_path)
    merge(db_path, ids[SADYKOV], ids[MISSPELT])  # ... so the merge leaves it where it is
    db = open_db(db_path)
    outbox.release(db, [misspelt_row["id"]])  # ... and that delivery came to nothing
    db.close()
    assert alerts(db_path)[1]["case_id"] == misspelt_row["case_id"]

    send(db_path, receiver)
    [post] = receiver.posts
    assert post["title"] == f"New case: {SADYKOV}, extradition ordered"
    assert {(r["case_id"], r["status"]) for r in alerts(db_path)} == {(alerts(db_path)[0]["case_id"], "sent")}


def test_merging_in_a_dismissed_case_does_not_revive_its_alerts(db_path, receiver):
    queue(db_path, "a1", event(SADYKOV, "detained"))
    queue(db_path, "a2", event(MISSPELT, "transferred"))
    ids = person_ids(db_path)
    misspelt_case = next(c for c, (p, _) in case_ids(db_path).items() if p == ids[MISSPELT])
    assert invoke("cases", "dismiss", misspelt_case, "--reason", "not him", "--db", db_path).exit_code == 0
    merge(db_path, ids[SADYKOV], ids[MISSPELT])
    send(db_path, receiver)
    assert len(receiver.posts) == 1 and "New in this alert" not in receiver.posts[0]["message"]  # detained only
    assert [(r["stage"], r["status"]) for r in alerts(db_path)] == [("detained", "sent"), ("transferred", "dismissed")]


def test_one_article_naming_both_spellings_alerts_once_after_the_merge(db_path, receiver):
    # The merge drops the second person's copy of the event; its alert must follow the copy kept.
    queue(db_path, "a1", event(SADYKOV, "detained"), event("Timur Sadikoff", "detained"))
    ids = person_ids(db_path)
    merge(db_path, ids[SADYKOV], ids["Timur Sadikoff"])
    send(db_path, receiver)
    assert [p["title"] for p in receiver.posts] == [f"New case: {SADYKOV}, detained"]
    db = open_db(db_path)
    dangling = db.execute("select count(*) from alerts where event_id not in (select id from events)").fetchone()[0]
    db.close()
    assert dangling == 0 and [r["status"] for r in alerts(db_path)] == ["sent", "superseded"]


def test_split_sends_the_split_off_news_once_about_the_new_person(db_path, receiver):
    queue(db_path, "a1", event("Ivan Ivanov", "detained"))
    queue(db_path, "a2", event("Ivan Ivanov", "transferred"), source="Caucasus Ledger")
    [person] = person_ids(db_path).values()
    result = invoke("people", "split", person, "--article", "a2", "--name", "Ivan Ivanov (journalist)", "--db", db_path)
    assert result.exit_code == 0, result.output

    send(db_path, receiver)
    assert sorted(p["title"] for p in receiver.posts) == [
        "New case: Ivan Ivanov (journalist), transferred", "New case: Ivan Ivanov, detained",
    ]
    rows = alerts(db_path)
    assert {r["status"] for r in rows} == {"sent"} and len({r["case_id"] for r in rows}) == 2
    assert "0 sent" in send(db_path, receiver) and len(receiver.posts) == 2


def test_a_split_that_empties_a_case_takes_its_unsent_alerts_along(db_path, receiver):
    queue(db_path, "a1", event("Ivan Ivanov", "detained"))
    [person] = person_ids(db_path).values()
    assert invoke("people", "split", person, "--article", "a1", "--db", db_path).exit_code == 0
    [(case_id, (new_person, status))] = case_ids(db_path).items()
    assert new_person != person and status == "open"
    send(db_path, receiver)
    assert len(receiver.posts) == 1 and [(r["case_id"], r["status"]) for r in alerts(db_path)] == [(case_id, "sent")]
