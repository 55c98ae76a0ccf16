"""Cron-readiness, end to end: `--max-duration` stops a slow crawl in time and keeps what it fetched,
`--quiet` keeps the log to warnings and the summary, every log line carries a timestamp and a
level, and the README's crontab line is a valid schedule of a valid command."""
import re
import shlex
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from exwatch.cli import cli
from tests.conftest import make_runner
from tests.support.pages import article_html, rss
from tests.support.site import LocalSite

README = Path(__file__).resolve().parents[1] / "README.md"
ARTICLES = 30
PAGE_SECONDS = 1.5  # every article page takes this long to answer
MAX_DURATION = 3
FAST = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=0",
    "-s", "EXWATCH_NLP_ENABLED=0",
    "-s", "EXWATCH_EXTRACT_WORKERS=1",
    "-s", "CONCURRENT_REQUESTS=2",  # 30 pages x 1.5 s / 2 = 22.5 s for the whole crawl
]
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: ")


class SlowSite(LocalSite):
    """The local test site, with pages that answer only after a pause."""

    def __init__(self):
        self.delays: dict[str, float] = {}
        super().__init__()

    def _handler(self):
        site = self

        class SlowHandler(super()._handler()):
            def do_GET(self):
                time.sleep(site.delays.get(self.path, 0))
                super().do_GET()

        return SlowHandler


def article_path(i: int) -> str:
    return f"/news/{i}.html"


def build_site(site: SlowSite) -> None:
    for i in range(ARTICLES):
        words = " ".join(f"w{i}x{j}" for j in range(120))  # distinct texts: no near-duplicates
        site.add(article_path(i), article_html(f"Story {i}", f"Story {i} of the slow outlet. {words}"))
        site.delays[article_path(i)] = PAGE_SECONDS
    links = [(f"Story {i}", site.url(article_path(i))) for i in range(ARTICLES)]
    site.add("/feed.xml", rss(links), content_type="application/rss+xml")
    site.add("/broken.xml", "<rss><channel><item><title>unterminated", content_type="application/rss+xml")


def write_sources(path: Path, site: SlowSite) -> None:
    path.write_text(
        f"""
[[source]]
name = "Slow Herald"
feeds = ["{site.url('/feed.xml')}"]
language = "en"

[[source]]
name = "Broken Outlet"
feeds = ["{site.url('/broken.xml')}"]
language = "en"
""",
        encoding="utf-8",
    )


def rows(db_path, sql):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def article_hits(site) -> dict[str, int]:
    return {path: n for path, n in site.hits.items() if path.startswith("/news/")}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """A run stopped by --max-duration on a slow site, then a quiet run on the same site at full speed."""
    workdir = tmp_path_factory.mktemp("cron")
    site = SlowSite().start()
    build_site(site)
    write_sources(workdir / "sources.toml", site)
    db_path = workdir / "exwatch.db"
    run = make_runner(workdir)
    common = ["--db", db_path, "--sources", workdir / "sources.toml", *FAST]
    began = time.monotonic()
    stopped = run("run", *common, "--max-duration", MAX_DURATION)
    stopped_seconds = time.monotonic() - began
    hits_first = article_hits(site)
    site.delays.clear()
    site.reset_hits()
    quiet = run("run", *common, "--quiet")
    yield {"site": site, "db": db_path, "stopped": stopped, "seconds": stopped_seconds, "hits_first": hits_first,
           "hits_second": article_hits(site), "quiet": quiet}
    site.stop()


def test_max_duration_stops_the_crawl_in_time(two_runs):
    stopped = two_runs["stopped"]
    assert stopped.returncode == 1, stopped.stderr
    # The whole crawl needs 22.5 s of downloads; the stop comes after 3 s, plus the pages in flight.
    assert two_runs["seconds"] < 15, stopped.stderr
    assert 0 < len(two_runs["hits_first"]) < ARTICLES
    [first] = rows(two_runs["db"], "select * from runs order by id limit 1")
    assert first["status"] == "timeout"
    assert first["finished"] is not None
    seconds = (datetime.fromisoformat(first["finished"]) - datetime.fromisoformat(first["started"])).total_seconds()
    assert seconds <= MAX_DURATION + PAGE_SECONDS + 5


def test_every_article_fetched_before_the_stop_is_stored(two_runs):
    site, db_path = two_runs["site"], two_runs["db"]
    stored = {r["url"] for r in rows(db_path, "select url from articles where run_id = 1")}
    assert stored == {site.url(path) for path in two_runs["hits_first"]}
    [first] = rows(db_path, "select * from runs order by id limit 1")
    assert first["articles_new"] == len(stored)


def test_the_next_run_fetches_the_rest_and_nothing_twice(two_runs):
    site, db_path = two_runs["site"], two_runs["db"]
    assert set(two_runs["hits_second"]).isdisjoint(two_runs["hits_first"])
    assert len(two_runs["hits_first"]) + len(two_runs["hits_second"]) == ARTICLES
    assert rows(db_path, "select count(*) as n from articles")[0]["n"] == ARTICLES
    second = rows(db_path, "select * from runs order by id")[1]
    assert second["status"] == "partial"  # the broken outlet still fails; the crawl itself completed


def test_every_log_line_has_a_timestamp_and_a_level(two_runs):
    stderr = two_runs["stopped"].stderr
    lines = stderr.splitlines()
    records = [line for line in lines if LOG_LINE.match(line)]
    assert len(records) >= 5
    # Multi-line records (settings dumps) continue a record; nothing may come before the first.
    assert LOG_LINE.match(lines[0]), f"unformatted output before the first log record: {lines[0]!r}"
    raw_warnings = [line for line in lines if re.match(r"^\S+\.py:\d+: \w*Warning: ", line)]
    assert raw_warnings == [], "a Python warning went to stderr without timestamp and level"
    assert any(" INFO scrapy.core.engine: Closing spider (closespider_timeout)" in line for line in records)


def test_quiet_logs_only_warnings_errors_and_the_summary(two_runs):
    quiet = two_runs["quiet"]
    assert quiet.returncode == 1  # the broken outlet
    levels = [LOG_LINE.match(line).group(1) for line in quiet.stderr.splitlines() if LOG_LINE.match(line)]
    assert "WARNING" in levels  # the broken feed is still reported
    assert not {"DEBUG", "INFO"} & set(levels), quiet.stderr
    assert any("Broken Outlet" in line and " WARNING " in line for line in quiet.stderr.splitlines())
    # Standard output: the run's summary line first, then at most a line each for alerts and health.
    lines = quiet.stdout.splitlines()
    assert re.match(r"exwatch run 2: 2 sources \(1 failed\), \d+ new articles", lines[0]), quiet.stdout
    assert len(lines) <= 3 and not any(LOG_LINE.match(line) for line in lines), quiet.stdout


# ---- the documented crontab line ----------------------------------------------------------------

CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")
SHELL_OPERATORS = {">", ">>", "2>&1", "&&", "||", "|", ";"}


def crontab_lines(text: str) -> list[str]:
    blocks = re.findall(r"```(?:cron|crontab)\n(.*?)```", text, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip() and not line.startswith("#")]


def exwatch_run_args(command: str) -> list[str]:
    tokens = shlex.split(command)
    start = next(i for i, t in enumerate(tokens) if t.endswith("exwatch") and tokens[i + 1] == "run") + 2
    end = next((i for i in range(start, len(tokens)) if tokens[i] in SHELL_OPERATORS), len(tokens))
    return tokens[start:end]


def test_readme_documents_a_valid_crontab_line_for_exwatch_run():
    lines = [line for line in crontab_lines(README.read_text(encoding="utf-8")) if "exwatch run" in line]
    assert lines, "README.md has no ```cron block with an `exwatch run` line"
    for line in lines:
        fields = line.split(None, 5)
        assert all(CRON_FIELD.match(f) for f in fields[:5]), f"not a cron schedule: {line}"
        args = exwatch_run_args(fields[5])
        context = cli.commands["run"].make_context("run", list(args))  # unknown options raise here
        assert context.params["quiet"] is True
        max_duration = context.params["max_duration"]
        every = re.fullmatch(r"\*/(\d+)", fields[0])
        assert max_duration, "a cron run needs --max-duration"
        if every:  # the run stops before the next one is due
            assert max_duration < int(every.group(1)) * 60


def test_crontab_check_rejects_what_it_should():
    assert crontab_lines("```cron\n# comment\n*/15 * * * * exwatch run\n```") == ["*/15 * * * * exwatch run"]
    assert not CRON_FIELD.match("every")
    assert exwatch_run_args("cd /x && .venv/bin/exwatch run --quiet >> log 2>&1") == ["--quiet"]
