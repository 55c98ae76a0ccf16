"""`exwatch export`: cases, events and people as CSV / JSON / JSONL, and the Atom feed of case updates."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click

from exwatch.cli import cli, db_option, translate_errors


def since_option(func):
    return click.option(
        "--since",
        callback=_parse_since,
        metavar="DATE",
        help="Only rows new or changed at or after this ISO 8601 date or time (UTC unless it says).",
    )(func)


def _parse_since(ctx, param, value: str | None) -> str | None:
    """A date stays a date; a time is made UTC, so that it compares with the stored times."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date or time (e.g. 2025-02-10)") from None
    if len(value) == 10:
        return moment.date().isoformat()
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def out_option(mode: str):
    return click.option(
        "--out",
        "out",
        type=click.File(mode, encoding=None if "b" in mode else "utf-8", atomic=True, lazy=True),
        default="-",
        show_default="standard output",
        help="File to write; replaced in one step, so a reader never sees half an export.",
    )


def format_option(func):
    return click.option(
        "--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), default="csv", show_default=True
    )(func)


dismissed_option = click.option(
    "--include-dismissed", is_flag=True, help="Also cases dismissed as false positives (and their events)."
)


@cli.group()
def export() -> None:
    """Export cases, events or people (CSV, JSON, JSONL), or the Atom feed of case updates."""


def open_for_reading(db_path: Path):
    """The store, read-only (a crawl may be writing), refused when its schema is behind."""
    from exwatch.cli import ConfigurationError
    from exwatch.store.db import open_db, pending_migrations

    db = open_db(db_path, read_only=True)
    pending = pending_migrations(db)
    if pending:
        db.close()
        raise ConfigurationError(f"{db_path}: the schema is behind ({', '.join(pending)}); run `exwatch migrate` first")
    return db


def _export(db_path: Path, table: str, fmt: str, out, **filters) -> None:
    from exwatch.export import export_table

    db = open_for_reading(db_path)
    try:
        export_table(db, table, fmt, out, **filters)
    finally:
        db.close()


@export.command("cases")
@db_option
@format_option
@out_option("w")
@since_option
@dismissed_option
@translate_errors
def export_cases(db_path: Path, fmt: str, out, since: str | None, include_dismissed: bool) -> None:
    """One row per case: person, countries, stage, status, counts."""
    _export(db_path, "cases", fmt, out, since=since, include_dismissed=include_dismissed)


@export.command("events")
@db_option
@format_option
@out_option("w")
@since_option
@dismissed_option
@translate_errors
def export_events(db_path: Path, fmt: str, out, since: str | None, include_dismissed: bool) -> None:
    """One row per event: case, stage, countries, date and precision, evidence, source URLs."""
    _export(db_path, "events", fmt, out, since=since, include_dismissed=include_dismissed)


@export.command("people")
@db_option
@format_option
@out_option("w")
@since_option
@dismissed_option
@click.option("--include-mentioned", is_flag=True, help="Also people merely named (officials, lawyers).")
@translate_errors
def export_people(db_path: Path, fmt: str, out, since: str | None, include_dismissed: bool,
                  include_mentioned: bool) -> None:
    """One row per person with an event: every spelling, case and event counts, highest stage."""
    _export(db_path, "people", fmt, out, since=since, include_dismissed=include_dismissed,
            include_mentioned=include_mentioned)


@export.command("feed")
@db_option
@out_option("wb")
@since_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Newest entries kept.")
@click.option("--feed-url", metavar="URL", help="Where the feed will be served (its rel=self link).")
@translate_errors
def export_feed(db_path: Path, out, since: str | None, limit: int, feed_url: str | None) -> None:
    """Atom feed of case updates: one entry per case and stage, open cases, newest first."""
    from exwatch.export import atom_feed, feed_entries

    db = open_for_reading(db_path)
    try:
        entries = feed_entries(db, since=since, limit=limit)
    finally:
        db.close()
    out.write(atom_feed(entries, now=datetime.now(timezone.utc), feed_url=feed_url))
