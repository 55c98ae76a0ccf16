"""`exwatch status`: the last runs and each source's health, for whoever looks after the cron job."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import click

from exwatch.cli import cli, db_option, format_table, translate_errors
from exwatch.cli_export import open_for_reading

RUN_HEADERS = ["id", "started", "seconds", "status", "articles_new", "articles_duplicate", "articles_failed",
               "alerts_sent", "alerts_pending", "alerts_failed"]
RUN_TITLES = {"articles_new": "new_articles", "articles_duplicate": "duplicates", "articles_failed": "failed_pages"}
SOURCE_HEADERS = ["name", "enabled", "last_success", "consecutive_failures", "last_article_at", "days_silent",
                  "incident"]


@cli.command()
@db_option
@click.option("--runs", "run_count", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many recent runs to show.")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of tables.")
@translate_errors
def status(db_path: Path, run_count: int, as_json: bool) -> None:
    """The last runs (duration, articles, alerts) and each source's health and open incidents."""
    db = open_for_reading(db_path)
    try:
        overview = status_overview(db, now=datetime.now(timezone.utc), run_count=run_count)
    finally:
        db.close()
    click.echo(json.dumps(overview, indent=2, ensure_ascii=False) if as_json else format_overview(overview))


def status_overview(db, *, now: datetime, run_count: int) -> dict:
    from exwatch.health import incidents, outbox_totals, recent_runs, source_states

    open_incidents = incidents(db, open_only=True)
    kinds: dict[str, list[str]] = {}
    for incident in open_incidents:
        kinds.setdefault(incident.source, []).append(incident.kind)
    sources = [
        {**vars(state), "days_silent": None if state.days_silent is None else round(state.days_silent, 1),
         "incident": ", ".join(sorted(kinds.get(state.name, [])))}
        for state in source_states(db, now=now)
    ]
    return {
        "runs": recent_runs(db, limit=run_count),
        "sources": sources,
        "incidents": [vars(i) for i in open_incidents],
        "outbox": outbox_totals(db),
    }


def format_overview(overview: dict) -> str:
    runs = [{**r, "seconds": "" if r["seconds"] is None else f"{r['seconds']:.0f}"} for r in overview["runs"]]
    outbox = ", ".join(f"{n} {s}" for s, n in overview["outbox"].items()) or "empty"
    parts = [
        "Last runs:",
        format_table(runs, RUN_HEADERS, RUN_TITLES) if runs else "(no run yet)",
        "",
        "Sources:",
        format_table(overview["sources"], SOURCE_HEADERS),
        "",
        f"Open incidents: {len(overview['incidents'])}. Alert outbox: {outbox}.",
    ]
    parts += [f"  {i['source']}: {i['kind']} since {i['opened_at']}: {i['detail']}" for i in overview["incidents"]]
    return "\n".join(parts)
