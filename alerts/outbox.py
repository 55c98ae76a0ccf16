"""The alerts outbox: every alert is a row before it is a message.

Lifecycle of a row (one per case and stage, UNIQUE(case_id, stage)):

    pending --claim--> sending --mark_sent--> sent
                          |---mark_failed--> failed (retried after a backoff) ... --> dead
    pending/failed --case dismissed--> dismissed          dead/failed --retry()--> pending
    pending/failed/dead --people merge or split--> moved to the event's new case, or superseded
                                                   (alerts/corrections.py)

A delivery claims its rows (status 'sending', committed) before Apprise is called and marks
them after. If the process dies in between, the next send step finds rows still 'sending':
it cannot know whether the receiver got the message, so it sends it ONCE more
(`interrupted` counts this); a row interrupted a second time goes to 'dead' with a message
instead of looping. So a kill between sending and marking costs at most one repeat, and an
alert is never silently lost.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from alerts.rules import AlertKind, AlertRules, alert_kind
from exwatch.records import CaseChange

UNSENT = "('pending', 'failed')"  # SQL list of the statuses still to send
STATUSES = ("pending", "sending", "sent", "failed", "dead", "dismissed", "superseded")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff between attempts; dead-letter after `max_attempts`."""

    max_attempts: int = 8
    base_seconds: float = 600.0
    max_seconds: float = 12 * 3600.0

    def delay(self, attempts: int) -> timedelta:
        return timedelta(seconds=min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1)))


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def enqueue(db: Database, change: CaseChange, *, run_id: int | None, at: str, rules: AlertRules = AlertRules()) -> bool:
    """Queue an alert for this change if the rules want one; False when not wanted or already queued."""
    case = _case_row(db, change.case_id)
    kind = alert_kind(change, case, rules)
    if kind is None and case and case.get("status") != "dismissed" and _new_in_this_run(db, change.case_id, run_id):
        # The case's first alert has not gone out yet: it carries every stage this run found,
        # a lower rung too (an article reporting the detention and, after it, the wanted listing).
        kind = AlertKind.NEW_CASE
    if kind is None:
        return False
    # A new case has no previous stage, whatever order this run's articles came in.
    previous_stage = None if kind is AlertKind.NEW_CASE else change.previous_stage
    cursor = db.execute(
        """insert or ignore into alerts (case_id, stage, previous_stage, kind, status, event_id, article_id,
             attempts, interrupted, created_at, run_id)
           values (?, ?, ?, ?, 'pending', ?, ?, 0, 0, ?, ?)""",
        [change.case_id, change.stage, previous_stage, kind.value, change.event_id, change.article_id,
         at, run_id],
    )
    return cursor.rowcount == 1


def _new_in_this_run(db: Database, case_id: int, run_id: int | None) -> bool:
    if run_id is None:
        return False
    row = db.execute(
        "select 1 from alerts where case_id = ? and kind = 'new_case' and status = 'pending' and run_id = ? limit 1",
        [case_id, run_id],
    ).fetchone()
    return row is not None


def _case_row(db: Database, case_id: int) -> dict | None:
    cursor = db.execute("select * from cases where id = ?", [case_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def rows(db: Database, where: str = "1", params: list | tuple = ()) -> list[dict]:
    cursor = db.execute(f"select * from alerts where {where} order by case_id, id", list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def recover_interrupted(db: Database, *, at: str) -> list[dict]:
    """Rows a dead run left in 'sending': due again once, dead the second time. Returns them."""
    stranded = rows(db, "status = 'sending'")
    with db.atomic():
        for row in stranded:
            if row["interrupted"]:
                db.execute(
                    "update alerts set status = 'dead', claimed_at = null, last_error = ? where id = ?",
                    ["delivery interrupted twice between sending and recording; check the receiver", row["id"]],
                )
            else:
                db.execute(
                    """update alerts set status = 'pending', claimed_at = null, interrupted = 1, next_attempt_at = null,
                         last_error = 'run interrupted during delivery: sending once more' where id = ?""",
                    [row["id"]],
                )
    return stranded


def release(db: Database, ids: list[int]) -> None:
    """Undo a claim when nothing was attempted (a configuration error before any service ran)."""
    with db.atomic():
        for alert_id in ids:
            db.execute(
                """update alerts set status = case when attempts > 1 then 'failed' else 'pending' end,
                     attempts = attempts - 1, claimed_at = null where id = ? and status = 'sending'""",
                [alert_id],
            )


def dismiss_for_dismissed_cases(db: Database) -> int:
    """Unsent alerts of cases an analyst dismissed are never sent."""
    cursor = db.execute(
        f"""update alerts set status = 'dismissed', next_attempt_at = null
            where status in {UNSENT} and case_id in (select id from cases where status = 'dismissed')"""
    )
    return cursor.rowcount


def due(db: Database, now: datetime) -> dict[int, list[dict]]:
    """Every unsent row of each case that has a row due now, grouped by case (one message each).

    A merged case has no events left to tell: the send step moves its rows first (alerts/corrections.py)."""
    due_cases = [
        r[0]
        for r in db.execute(
            f"""select distinct case_id from alerts where status in {UNSENT}
                and (next_attempt_at is null or next_attempt_at <= ?)
                and case_id not in (select id from cases where status in ('dismissed', 'merged')) order by case_id""",
            [iso(now)],
        ).fetchall()
    ]
    grouped: dict[int, list[dict]] = {}
    for case_id in due_cases:
        grouped[case_id] = rows(db, f"case_id = ? and status in {UNSENT}", [case_id])
    return grouped


def claim(db: Database, ids: list[int], *, at: str) -> bool:
    """Record that a delivery of these rows is starting; committed before Apprise is called.

    False (and nothing claimed) when another process claimed or sent one of them meanwhile.
    """
    try:
        with db.atomic():
            for alert_id in ids:
                claimed = db.execute(
                    f"""update alerts set status = 'sending', claimed_at = ?, attempts = attempts + 1
                        where id = ? and status in {UNSENT}""",
                    [at, alert_id],
                ).rowcount
                if not claimed:
                    raise _AlreadyClaimed(alert_id)
    except _AlreadyClaimed:
        return False
    return True


class _AlreadyClaimed(Exception):
    """Rolls back a partial claim."""


def mark_sent(db: Database, ids: list[int], *, at: str, delivered_to: list[str] | None = None) -> None:
    with db.atomic():
        for alert_id in ids:
            db.execute(
                """update alerts set status = 'sent', sent_at = ?, claimed_at = null, next_attempt_at = null,
                     last_error = null, delivered_to = ? where id = ?""",
                [at, json.dumps(sorted(delivered_to or [])), alert_id],
            )


def mark_failed(
    db: Database,
    ids: list[int],
    *,
    now: datetime,
    error: str,
    policy: RetryPolicy = RetryPolicy(),
    delivered_to: list[str] | None = None,
) -> None:
    """A failed attempt: retry after a backoff, or 'dead' once the row has used all its attempts."""
    with db.atomic():
        for row in rows(db, f"id in ({','.join('?' * len(ids))})", ids):
            dead = row["attempts"] >= policy.max_attempts
            db.execute(
                """update alerts set status = ?, claimed_at = null, last_error = ?, next_attempt_at = ?,
                     delivered_to = ? where id = ?""",
                [
                    "dead" if dead else "failed",
                    error,
                    None if dead else iso(now + policy.delay(row["attempts"])),
                    json.dumps(sorted(delivered_to or [])),
                    row["id"],
                ],
            )


def delivered_to(group: list[dict]) -> set[str]:
    """Services that already received this case's message in an earlier, partly failed attempt."""
    keys: set[str] = set()
    for row in group:
        keys.update(json.loads(row["delivered_to"] or "[]"))
    return keys


def retry(db: Database, ids: list[int] | None = None, *, statuses=("failed", "dead")) -> int:
    """Make failed or dead rows due at once, with a fresh set of attempts. Returns how many."""
    where = f"status in ({','.join('?' * len(statuses))})"
    params: list = list(statuses)
    if ids:
        where += f" and id in ({','.join('?' * len(ids))})"
        params += list(ids)
    cursor = db.execute(
        f"update alerts set status = 'pending', attempts = 0, interrupted = 0, next_attempt_at = null where {where}",
        params,
    )
    return cursor.rowcount
