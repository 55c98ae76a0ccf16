"""Source health: incidents when a source keeps failing or goes silent, and their alerts.

After each run `check_health` looks at every enabled source, opens an incident when one
fails `failed_runs` runs in a row (its worst feed's consecutive failures) or yields no new
article for `silent_days`, and closes it when that stops. Each incident is alerted once when
it opens and once when it closes, through the notifier's `health` tag; an alert that is not
delivered is tried again after the next run.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from exwatch.store.sources import source_health

logger = logging.getLogger(__name__)

HEALTH_TAG = "health"
FAILING, SILENT = "failing", "silent"


@dataclass(frozen=True)
class HealthThresholds:
    failed_runs: int = 3  # EXWATCH_HEALTH_FAILED_RUNS
    silent_days: float = 7.0  # EXWATCH_HEALTH_SILENT_DAYS

    @classmethod
    def from_settings(cls, settings) -> HealthThresholds:
        """From Scrapy settings (or any mapping with `get`); missing names keep the defaults."""
        failed_runs = settings.get("EXWATCH_HEALTH_FAILED_RUNS")
        silent_days = settings.get("EXWATCH_HEALTH_SILENT_DAYS")
        return cls(
            failed_runs=cls.failed_runs if failed_runs in (None, "") else int(failed_runs),
            silent_days=cls.silent_days if silent_days in (None, "") else float(silent_days),
        )


@dataclass(frozen=True)
class SourceState:
    """What health knows about one source at one moment."""

    name: str
    enabled: bool
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    consecutive_failures: int
    last_article_at: str | None  # newest article or near-copy of one fetched from it
    days_silent: float | None  # since that article, or since the source was added


@dataclass(frozen=True)
class Incident:
    id: int
    source: str
    kind: str
    opened_at: str
    closed_at: str | None
    detail: str
    alerted_open_at: str | None
    alerted_close_at: str | None


@dataclass
class HealthReport:
    sources: list[SourceState]
    opened: list[Incident] = field(default_factory=list)
    closed: list[Incident] = field(default_factory=list)
    alerts_sent: int = 0
    alerts_failed: int = 0
    alerts_pending: int = 0  # incident alerts still owed after this check
    error: str | None = None  # the notifier's configuration problem, if any

    def describe(self) -> str:
        """One line for the run's output."""
        changes = [f"{i.source} {i.kind}" for i in self.opened] + [f"{i.source} recovered" for i in self.closed]
        line = f"health: {len(self.opened)} incident(s) opened, {len(self.closed)} closed"
        line += f" ({', '.join(changes)})" if changes else ""
        line += f"; alerts {self.alerts_sent} sent, {self.alerts_failed} failed, {self.alerts_pending} owed"
        return line + (f"; {self.error}" if self.error else "")


def check_health(
    db: Database,
    notifier,
    *,
    now: datetime,
    run_id: int | None,
    thresholds: HealthThresholds | None = None,
) -> HealthReport:
    """Open and close incidents for `now`, then deliver the alerts they owe (none when `notifier` is None)."""
    thresholds = thresholds or HealthThresholds()
    states = source_states(db, now=now)
    at = iso(now)
    with db.atomic():
        opened, closed = update_incidents(db, states, thresholds, at=at, run_id=run_id)
    report = HealthReport(sources=states, opened=opened, closed=closed)
    if notifier is not None:
        deliver_alerts(db, notifier, at=at, report=report)
    report.alerts_pending = len(owed_alerts(db))
    return report


def source_states(db: Database, *, now: datetime) -> list[SourceState]:
    rows = source_health(db, since=iso(now - timedelta(days=1)))
    return [_state(row, now) for row in rows]


def _state(row: dict, now: datetime) -> SourceState:
    last_article = max(filter(None, [row["last_article_at"], row["last_duplicate_at"]]), default=None, key=parse_time)
    silent_since = last_article or row["added_at"]
    return SourceState(
        name=row["name"],
        enabled=bool(row["enabled"]),
        last_success=row["last_success"],
        last_error=row["last_error"],
        last_error_at=row["last_error_at"],
        consecutive_failures=row["consecutive_failures"] or 0,
        last_article_at=last_article,
        days_silent=(now - parse_time(silent_since)).total_seconds() / 86400 if silent_since else None,
    )


def problems(state: SourceState, thresholds: HealthThresholds) -> dict[str, str]:
    """The incidents this state calls for, kind -> what to tell the monitors."""
    if not state.enabled:
        return {}
    if state.consecutive_failures >= thresholds.failed_runs:
        return {FAILING: f"{state.consecutive_failures} runs in a row failed; last error: {state.last_error or 'unknown'}"}
    # A failing source is silent too; the failure is the news, so silence is only told alone.
    if state.days_silent is not None and state.days_silent >= thresholds.silent_days:
        since = f"since {state.last_article_at}" if state.last_article_at else "since it was added"
        return {SILENT: f"no new article for {state.days_silent:.1f} days ({since})"}
    return {}


def update_incidents(
    db: Database, states: list[SourceState], thresholds: HealthThresholds, *, at: str, run_id: int | None
) -> tuple[list[Incident], list[Incident]]:
    open_now = {(i.source, i.kind): i for i in incidents(db, open_only=True)}
    opened, closed = [], []
    wanted = {(s.name, kind): detail for s in states for kind, detail in problems(s, thresholds).items()}
    for (source, kind), detail in wanted.items():
        if (source, kind) not in open_now:
            db.execute(
                """insert into health_incidents (source, kind, opened_at, detail, opened_run_id)
                   values (?, ?, ?, ?, ?)""",
                [source, kind, at, detail, run_id],
            )
            opened.append((source, kind))
    for key, incident in open_now.items():
        if key not in wanted:
            db.execute(
                "update health_incidents set closed_at = ?, closed_run_id = ? where id = ?", [at, run_id, incident.id]
            )
            closed.append(key)
    by_key = {(i.source, i.kind): i for i in incidents(db, since=at)}
    return [by_key[k] for k in opened], [by_key[k] for k in closed]


def incidents(db: Database, *, open_only: bool = False, since: str | None = None) -> list[Incident]:
    """Incidents, newest first: all, only open ones, or those opened or closed at/after `since`."""
    sql = "select * from health_incidents"
    params: list = []
    if open_only:
        sql += " where closed_at is null"
    elif since:
        sql += " where opened_at >= ? or closed_at >= ?"
        params = [since, since]
    return _incidents(db, sql + " order by opened_at desc, id desc", params)


def owed_alerts(db: Database) -> list[tuple[Incident, bool]]:
    """(incident, is_opening) for every alert not yet delivered. An incident that closed before
    its opening was ever told is not told at all: its recovery would be news of nothing."""
    rows = _incidents(
        db,
        """select * from health_incidents
           where (closed_at is null and alerted_open_at is null)
              or (closed_at is not null and alerted_open_at is not null and alerted_close_at is null)
           order by id""",
        [],
    )
    return [(i, i.closed_at is None) for i in rows]


def deliver_alerts(db: Database, notifier, *, at: str, report: HealthReport) -> None:
    from alerts.delivery import NotifierConfigError

    for incident, opening in owed_alerts(db):
        title, body = alert_message(incident, opening=opening)
        try:
            delivered = notifier.notify(title, body, tag=HEALTH_TAG)
        except NotifierConfigError as exc:
            # Nothing would reach anyone: keep every alert owed and say why once.
            report.error = str(exc)
            logger.warning("Health alerts not sent: %s", exc)
            return
        if delivered is True:
            column = "alerted_open_at" if opening else "alerted_close_at"
            db.execute(f"update health_incidents set {column} = ? where id = ?", [at, incident.id])
            report.alerts_sent += 1
        else:
            report.alerts_failed += 1
            logger.warning("Health alert for %s (%s) not delivered; retried after the next run", incident.source,
                           incident.kind)


def alert_message(incident: Incident, *, opening: bool) -> tuple[str, str]:
    what = {FAILING: "is failing", SILENT: "has gone silent"}[incident.kind]
    if opening:
        return f"exwatch health: {incident.source} {what}", f"{incident.source}: {incident.detail}\nSince {incident.opened_at}."
    return (
        f"exwatch health: {incident.source} recovered",
        f"{incident.source} {what.replace('is ', 'was ').replace('has gone', 'had gone')} "
        f"from {incident.opened_at} to {incident.closed_at}: {incident.detail}",
    )


def _incidents(db: Database, sql: str, params: list) -> list[Incident]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    fields = Incident.__dataclass_fields__
    return [Incident(**{k: v for k, v in zip(names, row) if k in fields}) for row in cursor.fetchall()]


def parse_time(value: str) -> datetime:
    """An ISO 8601 time from the store; one without a zone is UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


# ---- What `exwatch status` shows -------------------------------------------------------------

RECENT_RUNS_SQL = """
select r.id, r.started, r.finished, r.status, r.sources_total, r.sources_failed,
       r.articles_new, r.articles_duplicate, r.pages_failed as articles_failed,
       (select count(*) from alerts a where a.run_id = r.id and a.status = 'sent') as alerts_sent,
       (select count(*) from alerts a where a.run_id = r.id and a.status in ('pending', 'sending')) as alerts_pending,
       (select count(*) from alerts a where a.run_id = r.id and a.status in ('failed', 'dead')) as alerts_failed
from runs r order by r.id desc limit :limit
"""


def recent_runs(db: Database, *, limit: int = 5) -> list[dict]:
    """The last runs, newest first, with their duration and the alerts each queued, by status now."""
    cursor = db.execute(RECENT_RUNS_SQL, {"limit": limit})
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    for row in rows:
        finished = row["finished"]
        row["seconds"] = (parse_time(finished) - parse_time(row["started"])).total_seconds() if finished else None
    return rows


def outbox_totals(db: Database) -> dict[str, int]:
    """Alerts in the outbox by status, whatever run queued them."""
    return dict(db.execute("select status, count(*) from alerts group by status order by status").fetchall())
