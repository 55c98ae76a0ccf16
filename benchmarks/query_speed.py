"""Canned-query speed: every Datasette canned query on a store of 100,000 articles and 5,000 cases.

    .venv/bin/python benchmarks/query_speed.py [--db FILE] [--articles 100000] [--cases 5000] [--runs 7]

Builds the store with benchmarks/generate_store.py (or uses --db), then times each canned query
of data/datasette/metadata.yml twice: in SQLite directly (read-only, as Datasette opens it), and
through Datasette itself (its JSON endpoint, in-process, no network). Prints the median and
slowest of --runs runs after one warm-up, and exits 1 when a median is over --limit-ms (200).
"""
from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from benchmarks.generate_store import generate_store  # noqa: E402
from exwatch.serve import METADATA_DATABASE, datasette_arguments, load_metadata, metadata_for  # noqa: E402


def sample_parameters(connection: sqlite3.Connection) -> dict[str, list[dict[str, str]]]:
    """Realistic parameter sets per query: all fields blank, and the filters an analyst would type."""
    surname = connection.execute("select name from people order by id limit 1").fetchone()[0].split()[-1]
    cyrillic = connection.execute("select alias from aliases where script = 'cyrillic' limit 1").fetchone()[0]
    return {
        "open_cases_by_stage": [{}, {"stage": "detained"}, {"host_country": "kz"}],
        "escalations_last_7_days": [{}, {"days": "30"}],
        "person": [{"name": surname}, {"name": cyrillic.split()[-1][:5]}],
        "events_per_host_country_per_month": [{}, {"host_country": "KZ"}],
        "failing_or_silent_sources": [{}],
        "search_articles": [{"q": surname}, {"q": "extradition OR court"}],
    }


def timed(function, runs: int) -> tuple[list[float], int]:
    rows = function()  # warm-up: the first run pays for reading pages into the cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = function()
        times.append((time.perf_counter() - started) * 1000)
    return times, rows


def sqlite_runner(connection: sqlite3.Connection, sql: str, params: dict):
    return lambda: len(connection.execute(sql, params).fetchall())


def datasette_runner(datasette, database: str, name: str, params: dict):
    path = f"/{database}/{name}.json?_shape=array&" + urllib.parse.urlencode(params)

    async def fetch() -> int:
        response = await datasette.client.get(path)
        assert response.status_code == 200, f"{path}: HTTP {response.status_code} {response.text[:300]}"
        return len(response.json())

    return lambda: asyncio.run(fetch())


def print_page_times(datasette, database: str, connection: sqlite3.Connection, runs: int) -> None:
    """For information: whole HTML pages an analyst opens first (facets, counts, rendering)."""
    surname = connection.execute("select name from people order by id limit 1").fetchone()[0].split()[-1]
    paths = [f"/{database}/cases", f"/{database}/events", f"/{database}/alerts", f"/{database}/articles",
             f"/{database}/articles?_search={urllib.parse.quote(surname)}", f"/{database}/open_cases_by_stage"]

    def page(path: str):
        async def fetch() -> int:
            response = await datasette.client.get(path)
            assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
            return len(response.text)

        return lambda: asyncio.run(fetch())

    print(f"\n{'HTML page':<60} {'median/max ms':>16}")
    for path in paths:
        times, _ = timed(page(path), runs)
        print(f"{path:<60} {statistics.median(times):>7.1f} / {max(times):>6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: generate one in a temporary folder)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--limit-ms", type=float, default=200.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="exwatch-query-speed-") as directory:
        db_path = args.db
        if db_path is None:
            db_path = Path(directory) / "exwatch.db"
            started = time.perf_counter()
            counts = generate_store(db_path, articles=args.articles, cases=args.cases, seed=1)
            print(f"generated {counts['articles']:,} articles, {counts['cases']:,} cases, {counts['events']:,} events, "
                  f"{counts['alerts']:,} alerts in {time.perf_counter() - started:.1f} s")
        return measure(db_path, args.runs, args.limit_ms)


def measure(db_path: Path, runs: int, limit_ms: float) -> int:
    from datasette.app import Datasette

    metadata = metadata_for(db_path, load_metadata())
    queries = load_metadata()["databases"][METADATA_DATABASE]["queries"]
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    # The settings `exwatch serve` uses (suggest_facets off and the rest).
    arguments = datasette_arguments(db_path, db_path, host="127.0.0.1", port=0)
    settings = {arguments[i + 1]: arguments[i + 2] for i, a in enumerate(arguments) if a == "--setting"}
    datasette = Datasette([str(db_path)], metadata=metadata,
                          settings={k: int(v) if v.isdigit() else v == "on" for k, v in settings.items()})
    slow = []
    print(f"{'query':<36} {'parameters':<28} {'rows':>5} {'sqlite median/max ms':>21} {'datasette median/max ms':>24}")
    for name, parameter_sets in sample_parameters(connection).items():
        declared = queries[name].get("params", [])
        for given in parameter_sets:
            params = {param: given.get(param, "") for param in declared}
            direct, rows = timed(sqlite_runner(connection, queries[name]["sql"], params), runs)
            served, served_rows = timed(datasette_runner(datasette, db_path.stem, name, given), runs)
            assert served_rows == rows, f"{name}: Datasette gave {served_rows} rows, SQLite {rows}"
            label = ", ".join(f"{k}={v}" for k, v in given.items()) or "(all blank)"
            print(f"{name:<36} {label[:28]:<28} {rows:>5} {statistics.median(direct):>11.1f} / {max(direct):>7.1f} "
                  f"{statistics.median(served):>13.1f} / {max(served):>7.1f}")
            if max(statistics.median(direct), statistics.median(served)) > limit_ms:
                slow.append(f"{name} ({label})")
    print_page_times(datasette, db_path.stem, connection, runs)
    connection.close()
    if slow:
        print(f"over {limit_ms:.0f} ms: {', '.join(slow)}")
        return 1
    print(f"every canned query answered within {limit_ms:.0f} ms (median of {runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
