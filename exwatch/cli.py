"""The `exwatch` command line: a thin click layer over the library.

Exit codes: 0 all good; 1 the run finished but some sources (or deliveries) failed, or
another run holds the lock; 2 usage or configuration error.
"""
from __future__ import annotations

import functools
import json
import logging
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click

from exwatch.paths import DEFAULT_DB, DEFAULT_SOURCES, DEMO_DB, DEMO_SOURCES

EXIT_OK, EXIT_PARTIAL, EXIT_CONFIG = 0, 1, 2


class ConfigurationError(click.ClickException):
    """A bad sources file, setting or database: exit code 2."""

    exit_code = EXIT_CONFIG


class RunFailed(click.ClickException):
    exit_code = EXIT_PARTIAL


def db_option(func):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        envvar="EXWATCH_DB",
        show_default="data/exwatch.db in the project folder",
        help="SQLite database file (env EXWATCH_DB).",
    )(func)


def sources_option(func):
    return click.option(
        "--sources",
        "sources_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_SOURCES,
        envvar="EXWATCH_SOURCES",
        show_default="data/sources.toml in the project folder",
        help="Sources file (env EXWATCH_SOURCES).",
    )(func)


def set_option(func):
    return click.option(
        "--set",
        "-s",
        "overrides",
        multiple=True,
        metavar="NAME=VALUE",
        help="Override a Scrapy or EXWATCH_* setting for this run (repeatable).",
    )(func)


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--set")
        overrides[name.strip()] = value.strip()
    return overrides


def max_duration_option(func):
    return click.option(
        "--max-duration",
        "max_duration",
        type=click.IntRange(min=1),
        default=None,
        metavar="SECONDS",
        help="Stop the crawl cleanly after this many seconds and keep what it has stored.",
    )(func)


def quiet_option(func):
    return click.option("--quiet", "-q", is_flag=True, help="Only warnings, errors and the summary line.")(func)


def translate_errors(func):
    """Library exceptions become one readable line and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from exwatch.config import ConfigError
        from exwatch.lock import RunLocked
        from exwatch.store.db import DatabaseLocked, StoreError, store_error

        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            raise ConfigurationError(str(exc)) from exc
        except (RunLocked, DatabaseLocked) as exc:
            raise RunFailed(str(exc)) from exc
        except StoreError as exc:
            raise ConfigurationError(str(exc)) from exc
        except sqlite3.OperationalError as exc:
            error = store_error(kwargs.get("db_path", "database"), exc)
            raise (RunFailed if isinstance(error, DatabaseLocked) else ConfigurationError)(str(error)) from exc

    return wrapper


def setup_logging(quiet: bool = False) -> None:
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S",
        stream=sys.stderr,
    )


@click.group()
@click.version_option(package_name="extradition-watch")
def cli() -> None:
    """Extradition Watch: crawl news, find extradition cases, alert monitors."""


@cli.command()
@db_option
@translate_errors
def migrate(db_path: Path) -> None:
    """Create the database or bring it to the latest schema."""
    from exwatch.store.db import open_db, pending_migrations

    db = open_db(db_path, migrate=False)
    pending = pending_migrations(db)
    db.close()
    open_db(db_path).close()
    click.echo(f"{db_path}: applied {len(pending)} migration(s)" + (f": {', '.join(pending)}" if pending else ""))


def notify_options(func):
    """--notify, --apprise-config, --digest-updates, --max-attempts, --retry-after: `run` and `alerts send`."""
    options = [
        click.option("--notify", "notify_urls", multiple=True, envvar="EXWATCH_NOTIFY", metavar="APPRISE_URL",
                     help="Send alerts here (repeatable; env EXWATCH_NOTIFY, whitespace or comma separated)."),
        click.option("--apprise-config", "apprise_config", type=click.Path(dir_okay=False, path_type=Path),
                     envvar="EXWATCH_APPRISE_CONFIG",
                     help="Apprise YAML config whose tags route alerts (env EXWATCH_APPRISE_CONFIG)."),
        click.option("--digest-updates", is_flag=True, envvar="EXWATCH_DIGEST_UPDATES",
                     help="Send update alerts as one daily digest (tag 'digest') instead of one by one."),
        click.option("--max-attempts", type=click.IntRange(min=1), default=8, show_default=True,
                     envvar="EXWATCH_ALERTS_MAX_ATTEMPTS", help="Failed deliveries before an alert is dead."),
        click.option("--retry-after", "retry_after", type=click.FloatRange(min=0), default=600, show_default=True,
                     envvar="EXWATCH_ALERTS_RETRY_SECONDS", metavar="SECONDS",
                     help="Wait before the first retry of a failed alert; doubles each time, at most 12 h."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@db_option
@sources_option
@click.option("--source", "source_names", multiple=True, help="Only this source (repeatable).")
@set_option
@max_duration_option
@notify_options
@click.option("--dry-run", is_flag=True, help="Crawl and store, then print the alerts that are due; send nothing.")
@quiet_option
@translate_errors
def run(
    db_path: Path,
    sources_path: Path,
    source_names: tuple[str, ...],
    overrides,
    max_duration: int | None,
    notify_urls: tuple[str, ...],
    apprise_config: Path | None,
    digest_updates: bool,
    max_attempts: int,
    retry_after: float,
    dry_run: bool,
    quiet: bool,
) -> None:
    """Crawl every enabled source, extract, analyse and store, then send the due alerts; print a summary."""
    from exwatch.cli_alerts import after_crawl, build_notifier, retry_policy

    # A wrong notifier fails here, before minutes of crawling; none at all just leaves alerts queued.
    from exwatch.crawl import crawl_settings
    from exwatch.health import HealthThresholds

    notifier = build_notifier(notify_urls, apprise_config, digest=digest_updates)
    settings = {**parse_overrides(overrides), **_duration_settings(max_duration)}
    result = _crawl(db_path, sources_path, source_names, settings, quiet, echo=False)
    thresholds = HealthThresholds.from_settings(crawl_settings(db_path, settings))
    outcome = after_crawl(db_path, notifier, result.run_id, dry_run=dry_run, digest=digest_updates,
                          policy=retry_policy(max_attempts, retry_after), thresholds=thresholds)
    # One line for cron logs: the crawl, then what became of the alerts.
    click.echo(format_summary(result) + (f"; {outcome.summary}" if outcome.summary else ""))
    exit_for(result, outcome)


@cli.command()
@db_option
@sources_option
@click.option("--source", "source_names", multiple=True, required=True, help="Source name (repeatable).")
@set_option
@max_duration_option
@quiet_option
@translate_errors
def crawl(
    db_path: Path, sources_path: Path, source_names: tuple[str, ...], overrides, max_duration: int | None, quiet: bool
) -> None:
    """Crawl only the named source(s), enabled or not."""
    settings = {**parse_overrides(overrides), **_duration_settings(max_duration)}
    exit_for(_crawl(db_path, sources_path, source_names, settings, quiet))


def _duration_settings(max_duration: int | None) -> dict:
    # Scrapy's own timeout closes each spider like a finished crawl: pipelines flush and store.
    return {"CLOSESPIDER_TIMEOUT": max_duration} if max_duration else {}


@cli.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEMO_DB,
    show_default="data/demo.db in the project folder",
    help="Database for the demo; it is recreated on every demo run.",
)
@quiet_option
@translate_errors
def demo(db_path: Path, quiet: bool) -> None:
    """Crawl the offline demo outlets (data/demo/) into a fresh database and show what was found."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    # The demo's articles are dated 2025: open the sitemap window wide enough to take them all.
    result = _crawl(db_path, DEMO_SOURCES, (), {"EXWATCH_SITEMAP_WINDOW_DAYS": 36500}, quiet)
    click.echo(demo_report(db_path))
    exit_for(result)


def demo_report(db_path: Path) -> str:
    from exwatch.store.cases import list_cases
    from exwatch.store.db import open_db

    db = open_db(db_path, read_only=True)
    cases = sorted(list_cases(db), key=lambda c: (-(c["stage_rank"] or 0), c["person"]))
    events = db.execute("select count(*) from events").fetchone()[0]
    pending = db.execute("select count(*) from alerts where status = 'pending'").fetchone()[0]
    db.close()
    headers = ["id", "person", "host_country", "destination_country", "stage", "event_count", "source_count"]
    titles = {"host_country": "host", "destination_country": "destination", "event_count": "events",
              "source_count": "outlets"}
    return (
        f"\nCases found ({len(cases)}, from {events} events; {pending} alerts queued):\n"
        + format_table(cases, headers, titles)
        + f"\n\nDatabase: {db_path}\nNext: exwatch cases show ID --db {db_path}  |  exwatch serve --db {db_path}"
        + f"  |  exwatch report --db {db_path} --out report.html"
    )


def _crawl(
    db_path: Path, sources_path: Path, source_names: tuple[str, ...], overrides: dict, quiet: bool, *, echo: bool = True
):
    from exwatch.config import enabled_sources, find_source, load_sources
    from exwatch.crawl import run_crawl
    from exwatch.lock import run_lock

    all_sources = load_sources(sources_path)
    chosen = [find_source(all_sources, n) for n in source_names] if source_names else enabled_sources(all_sources)
    if not chosen:
        raise ConfigurationError(f"{sources_path}: no enabled source to crawl")
    with run_lock(db_path):
        display = {"LOG_LEVEL": "WARNING"} if quiet else {"EXWATCH_PROGRESS_ENABLED": sys.stderr.isatty()}
        result = run_crawl(db_path, chosen, all_sources=all_sources, overrides={**display, **overrides})
    if echo:
        click.echo(format_summary(result))
    return result


def exit_for(result, alerts=None) -> None:
    """Exit 1 when the crawl was partial or some alert (or health alert) was not delivered."""
    if result.summary.status in ("interrupted", "timeout", "partial") or result.failed_sources:
        sys.exit(EXIT_PARTIAL)
    if alerts is not None and not alerts.ok:
        sys.exit(EXIT_PARTIAL)


def format_summary(result) -> str:
    s = result.summary
    events = s.counts.get("exwatch/events/new", 0)
    return (
        f"exwatch run {result.run_id}: {s.sources_total} sources ({s.sources_failed} failed), "
        f"{s.articles_new} new articles, {s.articles_duplicate} duplicates, {s.articles_known} already known, "
        f"{s.articles_dropped} not articles, {s.pages_failed} pages failed, {s.feeds_not_modified} feeds unchanged, "
        f"{events} new events in {result.seconds:.1f}s"
    )


@cli.command()
@db_option
@sources_option
@click.option("--days", default=7, show_default=True, help="Count articles fetched in this many days.")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@translate_errors
def sources(db_path: Path, sources_path: Path, days: int, as_json: bool) -> None:
    """Each source with its last success, last error and recent articles."""
    from exwatch.config import load_sources
    from exwatch.store.db import open_db
    from exwatch.store.sources import source_health, sync_sources

    configured = load_sources(sources_path)
    db = open_db(db_path)
    now = datetime.now(timezone.utc)
    sync_sources(db, configured, at=now.isoformat(timespec="seconds"))
    configured_names = {s.name for s in configured}
    rows = [r for r in source_health(db, since=(now - timedelta(days=days)).isoformat()) if r["name"] in configured_names]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    headers = ["name", "enabled", "last_success", "last_error_at", "consecutive_failures", "articles_recent", "last_error"]
    click.echo(format_table(rows, headers, {"articles_recent": f"articles_{days}d"}))


@cli.command()
@db_option
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--raw", is_flag=True, help="QUERY is FTS5 syntax: OR, NOT, NEAR, prefix*, \"phrases\".")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@translate_errors
def search(db_path: Path, query: str, limit: int, raw: bool, as_json: bool) -> None:
    """Full-text search over article titles and texts; without --raw every word must appear."""
    from exwatch.store.articles import BadSearchQuery
    from exwatch.store.articles import search as search_articles
    from exwatch.store.db import open_db

    try:
        rows = search_articles(open_db(db_path, read_only=True), query, limit=limit, raw=raw)
    except BadSearchQuery as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(rows, ["published", "source", "title", "url", "snippet"]))


@cli.command("settings")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def show_settings(as_json: bool) -> None:
    """Every EXWATCH_* setting and environment variable, with its default."""
    from exwatch.options import ENVIRONMENT, SETTINGS

    rows = [{"kind": "setting", **vars(s)} for s in SETTINGS] + [{"kind": "environment", **vars(s)} for s in ENVIRONMENT]
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    for row in rows:
        click.echo(f"{row['name']} ({row['kind']}, default: {row['default']})\n    {row['help']}")


def format_table(rows: list[dict], headers: list[str], titles: dict[str, str] | None = None) -> str:
    titles = titles or {}
    cells = [[_cell(r.get(h)) for h in headers] for r in rows]
    names = [titles.get(h, h) for h in headers]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def main() -> None:
    cli(prog_name="exwatch")


# Each module adds its commands to `cli` when imported: one line per module, kept last so
# that `exwatch.cli.cli` is complete for whoever imports it (the console script, tests).
from exwatch import cli_nlp  # noqa: E402,F401
from exwatch import cli_export  # noqa: E402,F401
from exwatch import cli_analysts  # noqa: E402,F401
from exwatch import cli_status  # noqa: E402,F401
from exwatch import cli_alerts  # noqa: E402,F401
from exwatch import cli_cases  # noqa: E402,F401
