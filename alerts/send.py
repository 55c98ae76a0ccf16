"""After the crawl: turn due outbox rows into messages, deliver them, record the outcome.

One message per case and send step, carrying every new stage of that case (DESIGN.md:
"one run sends at most one alert per case"). With `digest=True`, update-only messages wait
for one daily digest (tag `digest`) instead of going out one by one.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from alerts import corrections, outbox, render
from alerts.compose import compose
from alerts.delivery import Bodies, Notifier, NotifierConfigError
from alerts.message import AlertMessage
from alerts.outbox import RetryPolicy, iso

logger = logging.getLogger(__name__)

DIGEST_TAG = "digest"


@dataclass
class Rendered:
    case_id: int
    tag: str
    message: Bodies
    alert_ids: tuple[int, ...]


@dataclass
class DeliveryReport:
    sent: int = 0  # messages delivered
    failed: int = 0  # messages that failed and will be retried
    dead: int = 0  # messages whose rows ran out of attempts
    pending: int = 0  # messages left queued (no notifier, or waiting for the digest)
    recovered: int = 0  # rows a killed run left half-sent, queued once more
    rendered: list[Rendered] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.dead == 0

    def summary(self, *, notifier_configured: bool = True) -> str:
        if not notifier_configured:
            return f"alerts: {self.pending} pending (no notifier configured: --notify or EXWATCH_NOTIFY)"
        parts = [f"{self.sent} sent", f"{self.failed} failed", f"{self.dead} dead", f"{self.pending} pending"]
        if self.recovered:
            parts.append(f"{self.recovered} resent after an interrupted run")
        return "alerts: " + ", ".join(parts)


def bodies(msg: AlertMessage) -> Bodies:
    subject, text, html = render.email(msg)
    return Bodies(title=subject, text=text, html=html, telegram=render.telegram_html(msg))


def send_due_alerts(
    db: Database,
    notifier: Notifier | None,
    *,
    now: datetime,
    dry_run: bool = False,
    policy: RetryPolicy = RetryPolicy(),
    digest: bool = False,
) -> DeliveryReport:
    """Deliver every due alert; with no notifier they stay pending, with `dry_run` they are only rendered."""
    report = DeliveryReport()
    at = iso(now)
    if not dry_run:
        report.recovered = len(outbox.recover_interrupted(db, at=at))
        corrections.settle_merged_cases(db)
        outbox.dismiss_for_dismissed_cases(db)
    held_updates: list[tuple[AlertMessage, list[dict]]] = []
    for case_id, group in outbox.due(db, now).items():
        msg = compose(db, case_id, group)
        if digest and msg.kind == "update":
            held_updates.append((msg, group))
            continue
        rendered = Rendered(case_id, msg.kind, bodies(msg), msg.alert_ids)
        if dry_run or notifier is None:
            report.rendered.append(rendered)
            report.pending += 1
            continue
        _deliver(db, notifier, rendered, group, now=now, policy=policy, report=report)
    if held_updates:
        _digest(db, notifier, held_updates, now=now, dry_run=dry_run, policy=policy, report=report)
    return report


def _deliver(db, notifier: Notifier, rendered: Rendered, group: list[dict], *, now, policy, report) -> None:
    ids = list(rendered.alert_ids)
    skip = outbox.delivered_to(group)
    if not outbox.claim(db, ids, at=iso(now)):
        logger.info("alert for case %s is being sent by another process", rendered.case_id)
        return
    try:
        outcome = notifier.deliver(rendered.message, tag=rendered.tag, skip=skip)
    except NotifierConfigError:
        outbox.release(db, ids)
        raise
    except Exception as exc:  # a plugin bug must not strand the rows in 'sending'
        outcome = None
        error = notifier.redact(f"{type(exc).__name__}: {exc}")
    if outcome is not None and outcome.ok:
        outbox.mark_sent(db, ids, at=iso(now), delivered_to=sorted(outcome.delivered))
        report.sent += 1
        logger.info("alert for case %s delivered (%s)", rendered.case_id, rendered.tag)
        return
    if outcome is not None:
        error = outcome.error or "delivery failed"
    outbox.mark_failed(
        db, ids, now=now, error=error, policy=policy, delivered_to=sorted(outcome.delivered) if outcome else []
    )
    dead = any(r["status"] == "dead" for r in outbox.rows(db, f"id in ({','.join('?' * len(ids))})", ids))
    report.dead += dead
    report.failed += not dead
    logger.warning("alert for case %s not delivered: %s", rendered.case_id, error)


def _digest(db, notifier, held, *, now: datetime, dry_run: bool, policy, report: DeliveryReport) -> None:
    """At most one digest per UTC day: the first send step of a day takes every held update."""
    last = db.execute("select max(sent_at) from alerts where kind = 'update' and status = 'sent'").fetchone()[0]
    day = iso(now)[:10]
    if last and last[:10] >= day:
        report.pending += len(held)
        return
    messages = [m for m, _ in held]
    subject, text, html = render.digest(messages, day=day)
    ids = tuple(i for m in messages for i in m.alert_ids)
    rendered = Rendered(0, DIGEST_TAG, Bodies(title=subject, text=text, html=html), ids)
    if dry_run or notifier is None:
        report.rendered.append(rendered)
        report.pending += len(held)
        return
    _deliver(db, notifier, rendered, [r for _, g in held for r in g], now=now, policy=policy, report=report)
