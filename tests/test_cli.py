"""The command line as cron and analysts use it: exit codes, messages, the run lock."""
import fcntl
import json
import os
import pty
import sqlite3
import subprocess

from tests.conftest import exwatch_executable
from tests.support.pages import article_html, long_text, rss
from tests.test_crawl import FAST


def test_config_error_is_one_line_and_exit_code_2(tmp_path, run_exwatch):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "Outlet"\nfeeds = ["htp:/broken"]\nlanguage = "en"\ncolour = "red"\n')
    result = run_exwatch("run", "--sources", sources, "--db", tmp_path / "x.db")
    assert result.returncode == 2
    message = result.stderr.strip().splitlines()
    assert len(message) == 1, result.stderr
    assert str(sources) in message[0] and 'source "Outlet"' in message[0]
    assert "Traceback" not in result.stderr


def test_missing_sources_file_exit_code_2(tmp_path, run_exwatch):
    result = run_exwatch("run", "--sources", tmp_path / "nope.toml", "--db", tmp_path / "x.db")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_sources_file_from_the_environment(tmp_path, run_exwatch):
    sources = tmp_path / "env-sources.toml"
    sources.write_text('[[source]]\nname = "Env Outlet"\nhomepage = "https://env.example/"\nlanguage = "en"\n')
    result = run_exwatch("sources", "--json", env={"EXWATCH_SOURCES": str(sources), "EXWATCH_DB": str(tmp_path / "e.db")})
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["name"] == "Env Outlet" and row["last_success"] is None
    assert (tmp_path / "e.db").exists()


def test_second_overlapping_run_exits_at_once(tmp_path, run_exwatch):
    db_path = tmp_path / "x.db"
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "Outlet"\nfeeds = ["https://outlet.example/feed"]\nlanguage = "en"\n')
    with open(f"{db_path}.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running `exwatch run` holds
        held.write("pid 4242")
        held.flush()
        result = run_exwatch("run", "--sources", sources, "--db", db_path, timeout=30)
    assert result.returncode == 1
    assert "another exwatch run" in result.stderr and "pid 4242" in result.stderr


def test_locked_database_is_a_clear_error_and_nothing_is_half_written(tmp_path, run_exwatch):
    db_path = tmp_path / "x.db"
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "Outlet"\nhomepage = "https://outlet.example/"\nlanguage = "en"\n')
    assert run_exwatch("migrate", "--db", db_path).returncode == 0
    holder = sqlite3.connect(db_path)
    holder.execute("begin exclusive")
    try:
        result = run_exwatch("run", "--db", db_path, "--sources", sources, env={"EXWATCH_DB_BUSY_TIMEOUT_MS": "200"})
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert "locked by another process" in result.stderr
    assert "Traceback" not in result.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from runs").fetchone()[0] == 0


def test_migrate_reports_what_it_applied(tmp_path, run_exwatch):
    first = run_exwatch("migrate", "--db", tmp_path / "x.db")
    second = run_exwatch("migrate", "--db", tmp_path / "x.db")
    assert first.returncode == second.returncode == 0
    assert "m001_sources_feeds_runs" in first.stdout
    assert "applied 0 migration(s)" in second.stdout


def test_run_then_sources_and_search(site, tmp_path, run_exwatch):
    site.add("/a.html", article_html("Deserter detained in Yerevan", long_text("Armenian police detained a deserter")))
    site.add("/feed.xml", rss([("a", site.url("/a.html"))]), content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Outlet"\nfeeds = ["{site.url("/feed.xml")}"]\nlanguage = "en"\n'
                       '[[source]]\nname = "Off"\nhomepage = "https://off.example/"\nlanguage = "en"\nenabled = false\n')
    db_path = tmp_path / "x.db"

    run = run_exwatch("run", "--sources", sources, "--db", db_path, "--quiet", *FAST)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1 and "1 sources (0 failed), 1 new articles" in run.stdout
    assert " INFO " not in run.stderr  # --quiet
    assert "\r" not in run.stderr  # no progress line when stderr is not a terminal

    listing = run_exwatch("sources", "--sources", sources, "--db", db_path, "--json")
    rows = {r["name"]: r for r in json.loads(listing.stdout)}
    assert rows["Outlet"]["last_success"] and rows["Outlet"]["articles_recent"] == 1
    assert rows["Off"]["enabled"] == 0

    found = run_exwatch("search", "deserter", "--db", db_path, "--json")
    assert [r["url"] for r in json.loads(found.stdout)] == [site.url("/a.html")]


def test_progress_line_only_on_a_terminal(site, tmp_path):
    site.add("/a.html", article_html("Deserter detained in Yerevan", long_text("Armenian police detained a deserter")))
    site.add("/feed.xml", rss([("a", site.url("/a.html"))]), content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Outlet"\nfeeds = ["{site.url("/feed.xml")}"]\nlanguage = "en"\n')
    controller, terminal = pty.openpty()
    try:
        run = subprocess.run(
            [exwatch_executable(), "run", "--sources", sources, "--db", tmp_path / "x.db", *FAST],
            stderr=terminal, stdout=subprocess.PIPE, text=True, timeout=120, cwd=tmp_path,
        )
        os.close(terminal)
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(controller)
    assert run.returncode == 0
    assert b"\rexwatch: pages" in seen and b"new 1" in seen


def test_user_agent_names_the_project_and_the_contact_url(site, tmp_path, run_exwatch):
    site.add("/a.html", article_html("Deserter detained in Yerevan", long_text("Armenian police detained a deserter")))
    site.add("/feed.xml", rss([("a", site.url("/a.html"))]), content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Outlet"\nfeeds = ["{site.url("/feed.xml")}"]\nlanguage = "en"\n')
    contact = "mailto:monitors@rights.example"
    run = run_exwatch("run", "--sources", sources, "--db", tmp_path / "x.db", *FAST, "-s", f"EXWATCH_CONTACT_URL={contact}")
    assert run.returncode == 0, run.stderr
    agents = {headers.get("User-Agent") for _, headers in site.requests}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("ExtraditionWatch/") and f"+{contact}" in agent
    assert {"/robots.txt", "/feed.xml", "/a.html"} <= {path for path, _ in site.requests}
