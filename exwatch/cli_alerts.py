"""`exwatch alerts list|preview|send|retry`, and the alert step `exwatch run` takes after its crawl."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import click

from exwatch.cli import (
    EXIT_PARTIAL,
    ConfigurationError,
    RunFailed,
    cli,
    db_option,
    format_table,
    notify_options,
    translate_errors,
)

REQUIRED_TAGS = ("new_case", "escalation", "update", "health")
LIST_HEADERS = ["id", "case_id", "person", "stage", "kind", "status", "attempts", "created_at", "next_attempt_at",
                "sent_at", "last_error", "superseded_reason"]


def build_notifier(notify_urls, apprise_config, *, digest: bool = False, required: bool = False):
    """The configured Notifier, None when nothing is configured (alerts stay queued); exit 2 when it is wrong."""
    from alerts.delivery import Notifier, NotifierConfigError, split_urls

    urls = split_urls(notify_urls)
    if not urls and not apprise_config:
        if required:
            raise ConfigurationError("no notification service: give --notify URL, EXWATCH_NOTIFY or --apprise-config")
        return None
    try:
        notifier = Notifier.from_options(urls, str(apprise_config) if apprise_config else None)
        notifier.check(tag if not (digest and tag == "update") else "digest" for tag in REQUIRED_TAGS)
    except NotifierConfigError as exc:
        raise ConfigurationError(str(exc)) from exc
    return notifier


def retry_policy(max_attempts: int, retry_after: float):
    from alerts.outbox import RetryPolicy

    return RetryPolicy(max_attempts=max_attempts, base_seconds=retry_after)


def send_step(db_path: Path, notifier, *, dry_run: bool, digest: bool, policy, now: datetime | None = None):
    """Deliver (or, dry, render) every due alert; returns the DeliveryReport. Exit 2 on a config error."""
    from alerts.delivery import NotifierConfigError
    from alerts.send import send_due_alerts
    from exwatch.store.db import open_db

    db = open_db(db_path)
    try:
        report = send_due_alerts(db, notifier, now=now or datetime.now(timezone.utc), dry_run=dry_run,
                                 policy=policy, digest=digest)
    except NotifierConfigError as exc:
        raise ConfigurationError(str(exc)) from exc
    finally:
        db.close()
    if dry_run:
        for rendered in report.rendered:
            click.echo(f"--- would send ({rendered.tag}) ---\n{rendered.message.title}\n\n{rendered.message.text}\n")
    return report


@dataclass
class AfterCrawl:
    """What the alert and health steps after a crawl did; `ok` False makes `exwatch run` exit 1."""

    alerts: object | None  # alerts.send.DeliveryReport; None when another run held the lock
    health: object | None  # exwatch.health.HealthReport
    summary: str | None = None  # the alerts part of the run's one summary line

    @property
    def ok(self) -> bool:
        alerts_ok = self.alerts is None or self.alerts.ok
        health_ok = self.health is None or (not self.health.alerts_failed and not self.health.error)
        return alerts_ok and health_ok


def after_crawl(
    db_path: Path, notifier, run_id: int | None, *, dry_run: bool, digest: bool, policy, thresholds=None
) -> AfterCrawl:
    """`exwatch run`'s last step: deliver due alerts, then source health alerts."""
    from exwatch.health import check_health
    from exwatch.lock import RunLocked, run_lock
    from exwatch.store.db import open_db

    now = datetime.now(timezone.utc)
    try:
        with run_lock(db_path):
            report = send_step(db_path, notifier, dry_run=dry_run, digest=digest, policy=policy, now=now)
            db = open_db(db_path)
            try:
                health = check_health(db, None if dry_run else notifier, now=now, run_id=run_id, thresholds=thresholds)
            finally:
                db.close()
    except RunLocked:
        # Another run started since our crawl ended: its own send step delivers what we queued.
        return AfterCrawl(None, None, "alerts: another run holds the lock and will send the due alerts")
    if health.error:
        click.echo(f"health alerts not sent: {health.error}", err=True)
    # Nothing configured and nothing queued: nothing to say.
    said = notifier is not None or dry_run or report.pending
    return AfterCrawl(report, health, alert_summary(report, notifier, dry_run=dry_run) if said else None)


def alert_summary(report, notifier, *, dry_run: bool) -> str:
    if dry_run:
        return f"alerts: {len(report.rendered)} message(s) rendered, none sent (--dry-run)"
    return report.summary(notifier_configured=notifier is not None)


@cli.group()
def alerts() -> None:
    """The alerts outbox: what was queued, sent, failed; send or retry by hand."""


@alerts.command("list")
@db_option
@click.option("--status", "statuses", multiple=True,
              type=click.Choice(["pending", "sending", "sent", "failed", "dead", "dismissed", "superseded"]),
              help="Only alerts in this status (repeatable).")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@translate_errors
def list_alerts(db_path: Path, statuses: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Alerts, newest first, with their delivery state."""
    from exwatch.store.db import open_db

    db = open_db(db_path, read_only=True)
    where = f"where a.status in ({','.join('?' * len(statuses))})" if statuses else ""
    cursor = db.execute(
        f"""select a.id, a.case_id, p.name as person, a.stage, a.previous_stage, a.kind, a.status, a.attempts,
                   a.created_at, a.next_attempt_at, a.sent_at, a.last_error, a.run_id, a.superseded_by,
                   a.superseded_reason
            from alerts a left join cases c on c.id = a.case_id left join people p on p.id = c.person_id
            {where} order by a.id desc limit ?""",
        [*statuses, limit],
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    db.close()
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_table(rows, LIST_HEADERS))


@alerts.command()
@db_option
@click.option("--format", "form", type=click.Choice(["text", "telegram", "email"]), default="text", show_default=True,
              help="Which rendering to show.")
@click.option("--digest-updates", is_flag=True, envvar="EXWATCH_DIGEST_UPDATES", help="Preview updates as the digest.")
@translate_errors
def preview(db_path: Path, form: str, digest_updates: bool) -> None:
    """Show the messages the next send would deliver, without sending or changing anything."""
    from alerts.send import send_due_alerts
    from exwatch.store.db import open_db

    db = open_db(db_path, read_only=True)
    report = send_due_alerts(db, None, now=datetime.now(timezone.utc), dry_run=True, digest=digest_updates)
    db.close()
    if not report.rendered:
        click.echo("no alert is due")
    for rendered in report.rendered:
        message = rendered.message
        body = {"text": message.text, "telegram": message.telegram or message.text, "email": message.html}[form]
        click.echo(f"--- case {rendered.case_id} ({rendered.tag}): {message.title} ---\n{body}\n")


@alerts.command()
@db_option
@notify_options
@click.option("--dry-run", is_flag=True, help="Render the due alerts, send nothing.")
@translate_errors
def send(db_path: Path, notify_urls, apprise_config, digest_updates: bool, max_attempts: int, retry_after: float,
         dry_run: bool) -> None:
    """Deliver every due alert now (exit 1 if some delivery failed, 2 if the notifier config is wrong)."""
    from exwatch.lock import run_lock

    notifier = None if dry_run else build_notifier(notify_urls, apprise_config, digest=digest_updates, required=True)
    with run_lock(db_path):
        report = send_step(db_path, notifier, dry_run=dry_run, digest=digest_updates,
                           policy=retry_policy(max_attempts, retry_after))
    click.echo(alert_summary(report, notifier, dry_run=dry_run))
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


@alerts.command()
@db_option
@click.argument("alert_ids", nargs=-1, type=int)
@translate_errors
def retry(db_path: Path, alert_ids: tuple[int, ...]) -> None:
    """Queue failed and dead alerts (all, or the given ids) again with a fresh set of attempts."""
    from alerts import outbox
    from exwatch.store.db import open_db

    db = open_db(db_path)
    count = outbox.retry(db, list(alert_ids) or None)
    db.close()
    if alert_ids and count < len(alert_ids):
        raise RunFailed(f"{count} of {len(alert_ids)} alert(s) queued again; the others are not failed or dead")
    click.echo(f"{count} alert(s) queued again; the next run or `exwatch alerts send` delivers them")

