"""Analysts' commands: `serve` (Datasette over the store) and `report` (one HTML page)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import click

from exwatch.cli import cli, db_option, translate_errors


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--immutable", is_flag=True, help="Treat the file as frozen (faster; only for a copy no crawl writes to).")
@translate_errors
def serve(db_path: Path, host: str, port: int, immutable: bool) -> None:
    """Browse the store in Datasette, read-only, with table descriptions and canned queries."""
    from exwatch.serve import serve as run_datasette

    click.echo(f"Serving {db_path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_datasette(db_path, host=host, port=port, immutable=immutable)


@cli.command()
@db_option
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write.")
@click.option("--days", default=30, show_default=True, type=click.IntRange(min=1),
              help="List escalations queued in this many days.")
@click.option("--cases", "timeline_cases", default=15, show_default=True, type=click.IntRange(min=1),
              help="Timelines of this many recently updated cases.")
@translate_errors
def report(db_path: Path, out_path: Path, days: int, timeline_cases: int) -> None:
    """Write a self-contained HTML report: cases by stage and country, escalations, timelines."""
    from exwatch.report import collect_report, render_report
    from exwatch.store.db import open_db

    now = datetime.now(timezone.utc).replace(microsecond=0)
    db = open_db(db_path, read_only=True)
    try:
        data = collect_report(db, generated_at=now.isoformat(), since=(now - timedelta(days=days)).isoformat(),
                              timelines=timeline_cases)
    finally:
        db.close()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_report(data), encoding="utf-8")
    click.echo(f"{out_path}: {len(data.escalations)} escalation(s), {data.totals['open cases']} open case(s)")
