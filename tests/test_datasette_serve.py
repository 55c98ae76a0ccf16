"""`exwatch serve`: Datasette over the store, read-only, on the address asked for."""
from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from benchmarks.generate_store import generate_store
from exwatch.cli import cli
from exwatch.serve import datasette_arguments
from exwatch.store.db import open_db
from tests.support.browser import ServedStore


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serve")
    db_path = workdir / "watch.db"
    generate_store(db_path, articles=800, cases=40, seed=3, now=datetime.now(timezone.utc))
    server = ServedStore(db_path, workdir).start()
    yield server
    server.stop()


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_cases_table_is_served_with_its_description(served):
    with urllib.request.urlopen(served.url(f"/{served.database}/cases"), timeout=30) as response:
        page = response.read().decode()
    assert "One row per person, host country and destination country" in page
    rows = get_json(served.url(f"/{served.database}/cases.json?_shape=array&_size=max"))
    assert len(rows) == 40


def test_a_canned_query_answers_over_http(served):
    rows = get_json(served.url(f"/{served.database}/open_cases_by_stage.json?_shape=array"))
    db = sqlite3.connect(served.db_path)
    open_cases = db.execute("select count(*) from cases where status = 'open'").fetchone()[0]
    db.close()
    assert len(rows) == open_cases >= 1
    assert {"person", "stage", "host_country", "destination_country"} <= rows[0].keys()


def test_articles_are_searchable_in_full_text(served):
    db = sqlite3.connect(served.db_path)
    surname = db.execute("select name from people order by id limit 1").fetchone()[0].split()[-1]
    db.close()
    rows = get_json(served.url(f"/{served.database}/articles.json?_shape=array&_search={urllib.parse.quote(surname)}"))
    assert rows and all(surname in row["title"] + row["text"] for row in rows)


def test_sql_cannot_write_to_the_served_store(served):
    sql = urllib.parse.quote("insert into people (name, created_at) values ('intruder', 'now')")
    with pytest.raises(urllib.error.HTTPError):
        get_json(served.url(f"/{served.database}.json?sql={sql}"))
    db = sqlite3.connect(served.db_path)
    assert db.execute("select count(*) from people where name = 'intruder'").fetchone()[0] == 0
    db.close()


def test_the_server_sees_rows_a_writer_adds_while_it_runs(served):
    """Read-only, not immutable: an analyst browsing during a crawl sees the crawl's new rows."""
    db = open_db(served.db_path)
    db["people"].insert({"name": "Latecomer Person", "created_at": "2026-01-01T00:00:00+00:00"})
    db.close()
    rows = get_json(served.url(f"/{served.database}/people.json?_shape=array&name=Latecomer+Person"))
    assert [row["name"] for row in rows] == ["Latecomer Person"]


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db"), "--port", "8999"])
    assert result.exit_code == 2
    assert "no such database" in result.output


def test_serve_refuses_a_database_with_pending_migrations(tmp_path):
    db = open_db(tmp_path / "old.db", migrate=False)
    db.execute("create table placeholder (id integer)")
    db.close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "old.db"), "--port", "8999"])
    assert result.exit_code == 2
    assert "exwatch migrate" in result.output


def test_datasette_arguments_listen_where_asked_and_can_be_immutable(tmp_path):
    arguments = datasette_arguments(tmp_path / "x.db", tmp_path / "m.json", host="127.0.0.1", port=9999)
    assert arguments[:2] == ["serve", str(tmp_path / "x.db")]
    assert arguments[arguments.index("--port") + 1] == "9999"
    assert arguments[arguments.index("--host") + 1] == "127.0.0.1"
    frozen = datasette_arguments(tmp_path / "x.db", tmp_path / "m.json", host="127.0.0.1", port=1, immutable=True)
    assert frozen[1:3] == ["--immutable", str(tmp_path / "x.db")]
