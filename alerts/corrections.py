"""What an analyst's people merge or split does to the outbox: an unsent alert follows its event.

A merge or split moves events from one case to another. Each unsent row (pending, failed or dead)
of the old case whose event now lives in another case goes there too, so its news is delivered
once, about the case it belongs to now:

- the new case already has a row for that stage (sent, queued or otherwise): the old row becomes
  'superseded', never sent, with `superseded_by` (the row that carries the news) and a reason;
- otherwise the row moves, judged again as news of the new case: part of the case's first alert
  (new_case) while monitors have been told nothing about its events, else by the alert rules
  against the highest stage they were told (escalation or update; a stage that is no news
  after all is superseded too).

Sent rows stay with the old case as history (a case emptied by the correction is kept as
'merged' for them). Rows of a dismissed case are dismissed, not moved: the dismissal stands.
Rows being sent at that moment are left alone; if that delivery fails, the send step moves them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from alerts.rules import AlertKind, alert_kind
from exwatch.records import CaseChange
from nlp.types import Stage

MOVABLE = "('pending', 'failed', 'dead')"  # not sent, and not settled by an analyst or a merge


@dataclass
class Followed:
    moved: list[int] = field(default_factory=list)  # alert ids now on the event's new case
    superseded: list[int] = field(default_factory=list)

    def add(self, other: Followed) -> None:
        self.moved += other.moved
        self.superseded += other.superseded


def follow_events(db: Database, case_id: int, *, why: str) -> Followed:
    """Move or supersede the unsent rows of `case_id` whose events an analyst moved to other cases.

    `why` names the correction in the reason recorded on superseded rows."""
    done = Followed()
    if _status(db, case_id) == "dismissed":
        db.execute(
            f"update alerts set status = 'dismissed', next_attempt_at = null where case_id = ? and status in {MOVABLE}",
            [case_id],
        )
        return done
    for row in _rows(
        db,
        f"""select a.*, e.case_id as event_case from alerts a join events e on e.id = a.event_id
            where a.case_id = ? and a.status in {MOVABLE} and e.case_id is not null and e.case_id != a.case_id
            order by a.id""",
        [case_id],
    ):
        _follow(db, row, row["event_case"], why=why, done=done)
    return done


def _follow(db: Database, row: dict, target: int, *, why: str, done: Followed) -> None:
    holder = _rows(db, "select id, status from alerts where case_id = ? and stage = ?", [target, row["stage"]])
    if holder:
        # UNIQUE(case_id, stage): the new case has had this news already, or will have it once.
        reason = f"{why}: case {target} has this stage in alert {holder[0]['id']} ({holder[0]['status']})"
        supersede(db, row["id"], reason=reason, by=holder[0]["id"])
        done.superseded.append(row["id"])
        return
    told = told_stage(db, target)
    kind = _judge(row, target, told)
    if kind is None:
        supersede(db, row["id"], reason=f"{why}: no news for case {target}, which already reported {told}")
        done.superseded.append(row["id"])
        return
    db.execute(
        "update alerts set case_id = ?, kind = ?, previous_stage = ? where id = ?",
        [target, kind.value, None if kind is AlertKind.NEW_CASE else told, row["id"]],
    )
    done.moved.append(row["id"])


def _judge(row: dict, target: int, told: str | None) -> AlertKind | None:
    """The row's kind as news of case `target`, or None when the rules want no alert for it."""
    if told is None:
        return AlertKind.NEW_CASE  # monitors know nothing of this case yet: its first alert
    change = CaseChange(case_id=target, event_id=row["event_id"], article_id=row["article_id"], stage=row["stage"],
                        previous_stage=told, case_is_new=False, person_is_new=False)
    # Judged as news whatever the case's status: rows of a dismissed case are dismissed at send time.
    return alert_kind(change, {"status": "open"})


def told_stage(db: Database, case_id: int) -> str | None:
    """The highest stage monitors were sent about this case's events, whichever case the alert was on."""
    stages = [
        stage
        for (stage,) in db.execute(
            """select distinct a.stage from alerts a join events e on e.id = a.event_id
               where e.case_id = ? and a.status = 'sent'""",
            [case_id],
        ).fetchall()
    ]
    return max(stages, key=lambda s: (Stage(s).rank or 0, s)) if stages else None


def supersede(db: Database, alert_id: int, *, reason: str, by: int | None = None) -> None:
    db.execute(
        """update alerts set status = 'superseded', superseded_by = ?, superseded_reason = ?, next_attempt_at = null
           where id = ?""",
        [by, reason, alert_id],
    )


def settle_merged_cases(db: Database) -> Followed:
    """The send step's sweep: unsent rows still on a merged case (a delivery that was under way
    during the merge and failed, a dead row queued again, an older store) follow their events;
    a row whose event is in no case any more is superseded, so no row waits forever."""
    done = Followed()
    merged = [c for (c,) in db.execute(
        """select distinct a.case_id from alerts a join cases c on c.id = a.case_id
            where c.status = 'merged' and a.status in ('pending', 'failed')"""
    ).fetchall()]
    with db.atomic():
        for case_id in merged:
            done.add(follow_events(db, case_id, why=f"case {case_id} was merged"))
            for (alert_id,) in db.execute(
                "select id from alerts where case_id = ? and status in ('pending', 'failed')", [case_id]
            ).fetchall():
                supersede(db, alert_id, reason=f"case {case_id} was merged and the event it reported is in no case")
                done.superseded.append(alert_id)
    return done


def _status(db: Database, case_id: int) -> str | None:
    row = db.execute("select status from cases where id = ?", [case_id]).fetchone()
    return row[0] if row else None


def _rows(db: Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]
