"""`exwatch cases` and `exwatch people`: what the analysts read and correct."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click

from exwatch.cli import cli, db_option, format_table, translate_errors
from nlp.types import Stage

CASE_COLUMNS = ["id", "person", "host_country", "destination_country", "stage", "status", "event_count",
                "source_count", "first_seen", "updated_at"]
HISTORY_COLUMNS = ["date", "stage", "person_name", "host_country", "destination_country", "source_count", "source",
                   "evidence", "url"]
PEOPLE_COLUMNS = ["id", "name", "cases", "aliases"]
_RELATIVE = re.compile(r"^(\d+)([dhw])$")


def format_option(func):
    return click.option(
        "--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
        help="Output format.",
    )(func)


def emit(rows: list[dict], columns: list[str], output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(format_table(rows, columns))


def parse_since(value: str | None, now: datetime | None = None) -> str | None:
    """An ISO date or timestamp as given, or "7d" / "12h" / "2w" back from now, as an ISO timestamp."""
    if not value:
        return None
    relative = _RELATIVE.match(value.strip())
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2)
        delta = {"h": timedelta(hours=amount), "d": timedelta(days=amount), "w": timedelta(weeks=amount)}[unit]
        return ((now or datetime.now(timezone.utc)) - delta).isoformat(timespec="seconds")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date (2025-06-01), a timestamp or an age like 7d, got {value!r}", param_hint="--since")
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _open(db_path: Path, *, read_only: bool = True):
    from exwatch.store.db import open_db

    return open_db(db_path, read_only=read_only)


@cli.group(invoke_without_command=True)
@db_option
@click.option("--stage", "stages", multiple=True, type=click.Choice([s.value for s in Stage]),
              help="Only cases at this stage (repeatable).")
@click.option("--country", help="Only cases with this host or destination country (ISO code, e.g. KZ).")
@click.option("--since", help="Only cases updated since: a date (2025-06-01), a timestamp, or an age (7d, 12h).")
@click.option("--status", type=click.Choice(["open", "dismissed", "all"]), default="open", show_default=True)
@format_option
@click.pass_context
@translate_errors
def cases(ctx, db_path: Path, stages, country, since, status, output_format) -> None:
    """Cases (person x host country x destination country) with their current stage.

    Without a subcommand, lists cases, most recently updated first."""
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand is not None:
        return
    from exwatch.store.cases import list_cases

    rows = list_cases(
        _open(db_path), stages=stages, country=country, since=parse_since(since), status=None if status == "all" else status
    )
    emit(rows, CASE_COLUMNS, output_format)


def _case_db(ctx, db_path):
    # `--db` may come before the subcommand (on the group) or after it.
    return db_path if db_path is not None else ctx.obj["db_path"]


@cases.command("show")
@click.argument("case_id", type=int)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None, envvar="EXWATCH_DB",
              help="SQLite database file (env EXWATCH_DB).")
@format_option
@click.pass_context
@translate_errors
def cases_show(ctx, case_id: int, db_path, output_format) -> None:
    """One case and its history: every event with date, evidence and sources."""
    from exwatch.store.cases import CaseNotFound, case_history, get_case

    db = _open(_case_db(ctx, db_path))
    try:
        case = get_case(db, case_id)
    except CaseNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    person = db.execute("select name from people where id = ?", [case["person_id"]]).fetchone()[0]
    history = case_history(db, case_id)
    if output_format == "json":
        click.echo(json.dumps({**case, "person": person, "history": history}, indent=2, ensure_ascii=False))
        return
    if output_format == "csv":
        emit(history, HISTORY_COLUMNS, "csv")
        return
    status = case["status"] + (f" ({case['dismissed_reason']})" if case["dismissed_reason"] else "")
    click.echo(
        f"Case {case_id}: {person}, held in {case['host_country'] or '?'}, wanted by {case['destination_country'] or '?'}\n"
        f"Stage: {case['stage']}   Status: {status}   Events: {case['event_count']}   Sources: {case['source_count']}\n"
        f"First seen {case['first_seen']}, updated {case['updated_at']}\n"
    )
    click.echo(format_table(history, HISTORY_COLUMNS))


@cases.command("dismiss")
@click.argument("case_id", type=int)
@click.option("--reason", required=True, help="Why this is not a real case (kept with the case).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None, envvar="EXWATCH_DB",
              help="SQLite database file (env EXWATCH_DB).")
@click.pass_context
@translate_errors
def cases_dismiss(ctx, case_id: int, reason: str, db_path) -> None:
    """Mark a case as false: it keeps its history and never alerts again."""
    from exwatch.store.cases import CaseNotFound, dismiss_case

    if not reason.strip():
        raise click.BadParameter("give a reason", param_hint="--reason")
    try:
        case = dismiss_case(_open(_case_db(ctx, db_path), read_only=False), case_id, reason=reason.strip(), at=_now())
    except CaseNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"case {case['id']} dismissed: {case['dismissed_reason']}")


@cases.command("reopen")
@click.argument("case_id", type=int)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None, envvar="EXWATCH_DB",
              help="SQLite database file (env EXWATCH_DB).")
@click.pass_context
@translate_errors
def cases_reopen(ctx, case_id: int, db_path) -> None:
    """Undo a dismissal: the case alerts again on its next change."""
    from exwatch.store.cases import CaseNotFound, reopen_case

    try:
        case = reopen_case(_open(_case_db(ctx, db_path), read_only=False), case_id, at=_now())
    except CaseNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"case {case['id']} reopened")


@cli.group()
def people() -> None:
    """People and their spellings: list, show, and correct who is who (merge, split)."""


@people.command("list")
@db_option
@click.option("--name", "name_filter", help="Only people with a spelling containing this text.")
@click.option("--with-cases", is_flag=True, help="Only people with at least one case.")
@format_option
@translate_errors
def people_list(db_path: Path, name_filter, with_cases: bool, output_format) -> None:
    """Every person with their case count and spellings."""
    from exwatch.store.people_view import list_people

    emit(list_people(_open(db_path), name=name_filter, with_cases=with_cases), PEOPLE_COLUMNS, output_format)


@people.command("show")
@click.argument("person_id", type=int)
@db_option
@format_option
@translate_errors
def people_show(person_id: int, db_path: Path, output_format) -> None:
    """One person: spellings, cases, and the articles that mention them."""
    from exwatch.store.people_edits import PersonNotFound
    from exwatch.store.people_view import person_details

    try:
        details = person_details(_open(db_path), person_id)
    except PersonNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    if output_format == "json":
        click.echo(json.dumps(details, indent=2, ensure_ascii=False))
        return
    if output_format == "csv":
        emit(details["mentions"], ["article_id", "name", "role", "source", "published", "url"], "csv")
        return
    click.echo(f"Person {details['id']}: {details['name']}\n\nSpellings:")
    click.echo(format_table(details["aliases"], ["alias", "script", "origin"]))
    click.echo("\nCases:")
    click.echo(format_table(details["cases"], ["id", "host_country", "destination_country", "stage", "status", "event_count"]))
    click.echo("\nMentioned in:")
    click.echo(format_table(details["mentions"], ["article_id", "name", "role", "source", "published", "url"]))


@people.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_id", type=int)
@db_option
@translate_errors
def people_merge(keep_id: int, other_id: int, db_path: Path) -> None:
    """Merge person OTHER_ID into KEEP_ID: spellings, mentions, events and cases move over.

    Unsent alerts follow their events: each stage is still sent once, now about the surviving case."""
    from exwatch.store.people_edits import BadCorrection, PersonNotFound, merge_people

    try:
        kept = merge_people(_open(db_path, read_only=False), keep_id, other_id, at=_now())
    except (PersonNotFound, BadCorrection) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"person {other_id} merged into {kept['id']} ({kept['name']})")
    moved, superseded = len(kept["alerts"]["moved"]), len(kept["alerts"]["superseded"])
    if moved or superseded:
        click.echo(f"unsent alerts: {moved} moved to the surviving case, {superseded} superseded "
                   "(see `exwatch alerts list --status superseded`)")


@people.command("split")
@click.argument("person_id", type=int)
@click.option("--alias", "aliases", multiple=True,
              help="A spelling to move to the new person, with every mention and event that uses it (repeatable).")
@click.option("--article", "articles", multiple=True,
              help="An article id whose mentions and events of this person move to the new person (repeatable).")
@click.option("--name", help="Display name of the new person (default: the first --alias).")
@db_option
@translate_errors
def people_split(person_id: int, aliases, articles, name, db_path: Path) -> None:
    """Split spellings and/or articles off PERSON_ID into a new person; their cases follow.

    Example: exwatch people split 12 --alias "Ivan Ivanov" --alias "Иван Иванов"
    """
    from exwatch.store.people_edits import BadCorrection, PersonNotFound, split_person

    try:
        new = split_person(
            _open(db_path, read_only=False), person_id, aliases=aliases, articles=articles, name=name, at=_now()
        )
    except (PersonNotFound, BadCorrection) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"new person {new['id']} ({new['name']}) split off person {person_id}")
