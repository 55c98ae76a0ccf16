"""How fast analysts' queries answer on a large store: case listings, exports, full-text search.

Builds (or reuses) a store of 100,000 articles and 5,000 cases with `benchmarks/generate_store.py`
and prints the median milliseconds of each operation over a few repeats. Targets: a case listing
under 200 ms, a full-text search under 100 ms.

    .venv/bin/python benchmarks/export_speed.py /tmp/bench.db            # generate if missing
    .venv/bin/python benchmarks/export_speed.py /tmp/bench.db --repeat 7 --articles 100000 --cases 5000
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from benchmarks.generate_store import generate_store  # noqa: E402
from exwatch import export  # noqa: E402
from exwatch.cli_status import status_overview  # noqa: E402
from exwatch.store.articles import search  # noqa: E402
from exwatch.store.cases import list_cases  # noqa: E402
from exwatch.store.db import open_db  # noqa: E402

TARGETS_MS = {"cases: open, newest first": 200, "search": 100}
# Rare, common and very common words (the generator puts its filler words in most articles), and a name.
SEARCH_QUERIES = ["extradition", "asylum", "court appeal", "prosecutor decision"]


def operations(db, now: datetime) -> dict[str, Callable[[], object]]:
    week_ago = (now - timedelta(days=7)).isoformat(timespec="seconds")
    [name] = db.execute("select p.name from cases c join people p on p.id = c.person_id order by c.id limit 1").fetchone()
    return {
        "cases: open, newest first": lambda: list_cases(db),
        "cases: one country": lambda: list_cases(db, country="KZ"),
        "cases: updated last 7 days": lambda: list_cases(db, since=week_ago),
        "cases: every status": lambda: list_cases(db, status=None),
        "export cases csv": lambda: export.export_table(db, "cases", "csv", io.StringIO()),
        "export events jsonl": lambda: export.export_table(db, "events", "jsonl", io.StringIO()),
        "export events csv, last 7 days": lambda: export.export_table(db, "events", "csv", io.StringIO(),
                                                                      since=week_ago),
        "export people json": lambda: export.export_table(db, "people", "json", io.StringIO()),
        "export feed (50 entries)": lambda: export.atom_feed(export.feed_entries(db, limit=50), now=now),
        "status overview": lambda: status_overview(db, now=now, run_count=5),
        **{f"search {q!r}": (lambda q=q: search(db, q, limit=20)) for q in [*SEARCH_QUERIES, name]},
    }


def measure(func: Callable[[], object], repeat: int) -> float:
    func()  # warm the page cache and the statement cache
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        func()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.path.exists():
        began = time.perf_counter()
        generate_store(args.path, articles=args.articles, cases=args.cases, seed=1)
        print(f"generated {args.path} in {time.perf_counter() - began:.1f}s", file=sys.stderr)
    db = open_db(args.path, read_only=True)
    counts = {t: db.execute(f"select count(*) from [{t}]").fetchone()[0] for t in ("articles", "cases", "events")}
    print(f"store: {counts['articles']} articles, {counts['cases']} cases, {counts['events']} events")
    now = datetime.now(timezone.utc)
    failed = []
    for name, func in operations(db, now).items():
        ms = measure(func, args.repeat)
        target = next((t for prefix, t in TARGETS_MS.items() if name.startswith(prefix)), None)
        verdict = "" if target is None else f"  (target < {target} ms: {'ok' if ms < target else 'MISSED'})"
        if target is not None and ms >= target:
            failed.append(name)
        print(f"{name:<40} {ms:9.1f} ms{verdict}")
    db.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
