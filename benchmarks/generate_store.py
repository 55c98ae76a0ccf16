"""Generate a large, realistic-shaped store for benchmarks: articles, people, cases, alerts.

The database is created through `open_db` (so through the migrations, whatever the schema has
grown to) and filled with invented but coherent rows: every case has a ladder of events, each
event an article and its corroborating reports, each new stage an outbox alert.

    .venv/bin/python benchmarks/generate_store.py /tmp/bench.db --articles 100000 --cases 5000

From Python (other benchmarks import this module):

    from benchmarks.generate_store import generate_store
    counts = generate_store("/tmp/bench.db", articles=100_000, cases=5_000, seed=1)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from exwatch.store.db import open_db  # noqa: E402
from exwatch.store.names import name_key, normalize_name, script_of, surname_key  # noqa: E402
from nlp.types import Stage  # noqa: E402

# The tables (and the columns of them) this generator fills: the shared schema contract.
CONTRACT = {
    "cases": {"id", "person_id", "host_country", "destination_country", "stage", "stage_rank", "status",
              "dismissed_reason", "dismissed_at", "first_seen", "updated_at", "source_count", "event_count"},
    "event_sources": {"event_id", "article_id", "source", "url", "added_at"},
    "alerts": {"id", "case_id", "stage", "kind", "status", "attempts", "last_error", "created_at",
               "next_attempt_at", "sent_at", "run_id"},
    "events": {"case_id"},
}

# Syllables with a Latin and a Cyrillic spelling, so every invented name has both scripts.
SYLLABLES = [
    ("ka", "ка"), ("ro", "ро"), ("mi", "ми"), ("na", "на"), ("vo", "во"), ("le", "ле"), ("sa", "са"),
    ("ti", "ти"), ("bo", "бо"), ("du", "ду"), ("ze", "зе"), ("ga", "га"), ("po", "по"), ("ri", "ри"),
    ("ma", "ма"), ("lu", "лу"), ("de", "де"), ("so", "со"), ("ya", "я"), ("shi", "ши"),
]
MALE_ENDINGS = [("ov", "ов"), ("in", "ин"), ("sky", "ский"), ("enko", "енко")]
FIRST_NAMES = [("Ivan", "Иван"), ("Yulia", "Юлия"), ("Pavel", "Павел"), ("Anna", "Анна"), ("Oleg", "Олег"),
               ("Maria", "Мария"), ("Sergei", "Сергей"), ("Elena", "Елена"), ("Dmitry", "Дмитрий"),
               ("Olga", "Ольга"), ("Artem", "Артём"), ("Daria", "Дарья")]
HOSTS = ["KZ", "KG", "TR", "AE", "AM", "GE", "RS", "TH", "UZ", "MN", "VN", "ME", "CY", "DE", "PL"]
DESTINATIONS = ["RU", "RU", "RU", "BY", "TJ", "UZ", "TM", "AZ", "CN"]
LADDER = [s for s in Stage if s.rank is not None]
SIDE_STAGES = [s for s in Stage if s.rank is None]
FILLER = ("the court said on Monday that officials from the ministry had confirmed reports about the case "
          "while lawyers and rights groups urged the government to respect international obligations and "
          "journalists asked questions about the hearing the statement the appeal the border the police "
          "the embassy the prosecutor the decision the protest the family the detention centre").split()


class SchemaNotReady(RuntimeError):
    """The migrated schema lacks a table or column of the contract (a migration has not landed yet)."""


@dataclass
class Generated:
    """Rows collected in memory, then written in batches."""

    articles: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    event_sources: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)


def generate_store(
    path: str | Path,
    *,
    articles: int = 100_000,
    cases: int = 5_000,
    seed: int = 0,
    now: datetime | None = None,
    sources: int = 30,
    overwrite: bool = False,
) -> dict[str, int]:
    """Create the database at `path` and fill it; returns the row count of every table filled.

    Times are spread over the year before `now` (default: the current time), alerts and
    escalations densest in the last weeks, so "last 7 days" queries find rows.
    """
    path = Path(path)
    if path.exists():
        if not overwrite:
            raise FileExistsError(f"{path} exists; pass overwrite=True (or --overwrite) to replace it")
        for leftover in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))]:
            leftover.unlink(missing_ok=True)
    if articles < cases * 8:
        raise ValueError("need at least eight articles per case (events and their corroborating reports)")
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    rng = random.Random(seed)
    db = open_db(path)
    check_schema(db)
    source_rows = make_sources(rng, sources, now)
    feed_rows = make_feeds(rng, source_rows, now)
    run_rows = make_runs(now)
    rows = Generated()
    make_articles(rng, rows, articles, source_rows, run_rows, now)
    make_cases(rng, rows, cases, run_rows, now)
    with db.conn:
        db["sources"].insert_all(source_rows)
        db["feeds"].insert_all(feed_rows)
        db["runs"].insert_all(run_rows)
        for table in ("articles", "people", "aliases", "mentions", "cases", "events", "event_sources", "alerts"):
            db[table].insert_all(only_columns(db, table, getattr(rows, table)), batch_size=2_000)
    counts = {table: db[table].count for table in
              ("sources", "feeds", "runs", "articles", "people", "aliases", "mentions", "events", "cases",
               "event_sources", "alerts")}
    db.execute("ANALYZE")
    db.close()
    return counts


def check_schema(db) -> None:
    for table, columns in CONTRACT.items():
        if not db[table].exists():
            raise SchemaNotReady(f"table {table!r} is not in the migrated schema yet")
        missing = columns - set(db[table].columns_dict)
        if missing:
            raise SchemaNotReady(f"table {table!r} lacks column(s) {', '.join(sorted(missing))}")


def only_columns(db, table: str, rows: list[dict]):
    """Rows cut to the table's columns: extras beyond the contract are filled only where they exist."""
    columns = set(db[table].columns_dict)
    return ({key: value for key, value in row.items() if key in columns} for row in rows)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def make_sources(rng: random.Random, count: int, now: datetime) -> list[dict]:
    rows = []
    for number in range(count):
        name = f"Outlet {number + 1:02d}"
        domain = f"outlet{number + 1:02d}.example"
        rows.append({
            "name": name,
            "homepage": f"https://{domain}/",
            "feeds": json.dumps([f"https://{domain}/feed"]),
            "sitemaps": json.dumps([f"https://{domain}/sitemap.xml"]),
            "language": rng.choice(["en", "en", "ru"]),
            "country": rng.choice(HOSTS + ["RU", "US", "GB"]),
            "enabled": 1,
            "updated_at": iso(now - timedelta(days=30)),
        })
    return rows


def make_feeds(rng: random.Random, source_rows: list[dict], now: datetime) -> list[dict]:
    """Two feeds per source; some fail now, some have been silent for weeks."""
    rows = []
    for source in source_rows:
        for kind, url in (("feed", json.loads(source["feeds"])[0]), ("sitemap", json.loads(source["sitemaps"])[0])):
            health = rng.random()
            last_success = now - timedelta(hours=rng.randint(1, 6))
            row = {"url": url, "source": source["name"], "kind": kind, "etag": None, "last_modified": None,
                   "last_fetched": iso(now - timedelta(minutes=rng.randint(5, 60))), "last_status": 200,
                   "last_success": iso(last_success), "last_error": None, "last_error_at": None,
                   "consecutive_failures": 0}
            if health < 0.1:  # failing
                row.update(last_status=503, last_error="HTTP 503", last_error_at=row["last_fetched"],
                           consecutive_failures=rng.randint(1, 20),
                           last_success=iso(now - timedelta(days=rng.randint(1, 10))))
            elif health < 0.2:  # silent: answers, but nothing new for weeks
                row.update(last_status=304, last_success=iso(now - timedelta(days=rng.randint(8, 60))))
            rows.append(row)
    return rows


def make_runs(now: datetime) -> list[dict]:
    """One run every six hours over the last 120 days."""
    rows = []
    for number in range(120 * 4):
        started = now - timedelta(hours=6 * (120 * 4 - number))
        rows.append({"id": number + 1, "started": iso(started), "finished": iso(started + timedelta(minutes=4)),
                     "status": "ok", "sources_total": 30, "sources_failed": 0, "articles_new": 0,
                     "articles_duplicate": 0, "articles_known": 0, "articles_dropped": 0, "pages_failed": 0,
                     "feeds_not_modified": 0, "counts": "{}", "errors": "[]"})
    return rows


def run_at(run_rows: list[dict], moment: datetime) -> int:
    """The run that would have fetched something at `moment` (the first run, for older times)."""
    first = datetime.fromisoformat(run_rows[0]["started"])
    index = int((moment - first).total_seconds() // (6 * 3600))
    return run_rows[max(0, min(index, len(run_rows) - 1))]["id"]


def make_articles(rng, rows: Generated, count: int, source_rows, run_rows, now: datetime) -> None:
    for number in range(count):
        source = rng.choice(source_rows)
        fetched = now - timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        words = rng.choices(FILLER, k=rng.randint(40, 120))
        rows.articles.append({
            "id": f"a{number:07d}",
            "url": f"{source['homepage']}news/{number}",
            "source": source["name"],
            "title": " ".join(rng.choices(FILLER, k=7)).capitalize(),
            "text": " ".join(words).capitalize() + ".",
            "published": fetched.date().isoformat(),
            "language": source["language"],
            "fetched_at": iso(fetched),
            "run_id": run_at(run_rows, fetched),
            "relevant": 0,
        })


def invented_name(rng: random.Random) -> tuple[str, str]:
    first_latin, first_cyrillic = rng.choice(FIRST_NAMES)
    parts = rng.sample(SYLLABLES, 2) + [rng.choice(MALE_ENDINGS)]
    surname_latin = "".join(p[0] for p in parts).capitalize()
    surname_cyrillic = "".join(p[1] for p in parts).capitalize()
    return f"{first_latin} {surname_latin}", f"{first_cyrillic} {surname_cyrillic}"


def make_cases(rng, rows: Generated, count: int, run_rows, now: datetime) -> None:
    """People, their cases, the events of each case with reporting articles, and the alerts."""
    articles = rows.articles
    article_order = list(range(len(articles)))
    rng.shuffle(article_order)
    next_article = iter(article_order)
    person_id = 0
    for case_id in range(1, count + 1):
        if person_id == 0 or rng.random() > 0.1:  # one person in ten has a second case
            person_id += 1
            add_person(rng, rows, person_id, now)
        add_case(rng, rows, case_id, person_id, next_article, run_rows, now)


def add_person(rng, rows: Generated, person_id: int, now: datetime) -> None:
    latin, cyrillic = invented_name(rng)
    rows.people.append({"id": person_id, "name": latin, "created_at": iso(now - timedelta(days=365))})
    spellings = [latin, cyrillic, latin.replace("ya", "ia").replace("Yu", "Iu")]
    for spelling in dict.fromkeys(spellings):
        rows.aliases.append({"person_id": person_id, "alias": spelling, "normalized": normalize_name(spelling),
                             "script": script_of(spelling), "origin": "article", "name_key": name_key(spelling),
                             "surname_key": surname_key(spelling)})


def add_case(rng, rows: Generated, case_id: int, person_id: int, next_article, run_rows, now: datetime) -> None:
    person = rows.people[person_id - 1]["name"]
    host = rng.choice(HOSTS)
    destination = rng.choice([country for country in DESTINATIONS if country != host])
    top = rng.choices(range(1, 7), weights=[20, 30, 12, 15, 13, 10])[0]
    stages = sorted(rng.sample(LADDER[:top - 1], rng.randint(0, top - 1)), key=lambda s: s.rank) + [LADDER[top - 1]]
    if rng.random() < 0.25:
        stages.append(rng.choice(SIDE_STAGES))
    # Recent cases are denser: a quarter of them moved within the last two weeks.
    last_move = now - timedelta(days=rng.uniform(0, 14) if rng.random() < 0.25 else rng.uniform(14, 330))
    first_seen = last_move - timedelta(days=rng.uniform(0, 30) * (len(stages) - 1))
    step = (last_move - first_seen) / max(1, len(stages) - 1)
    case_sources = set()
    for index, stage in enumerate(stages):
        at = first_seen + step * index
        event_id = len(rows.events) + 1
        article = rows.articles[next(next_article)]
        reports = [article] + [rows.articles[next(next_article)] for _ in range(rng.choice([0, 0, 1, 2]))]
        rows.events.append({
            "id": event_id, "article_id": article["id"], "person_id": person_id, "person_name": person,
            "stage": stage.value, "stage_rank": stage.rank, "host_country": host, "destination_country": destination,
            "date": at.date().isoformat(), "date_precision": "day",
            "evidence": f"{person} was {stage.value.replace('_', ' ')} in {host}, officials said.",
            "created_at": iso(at), "case_id": case_id,
        })
        for report in reports:
            report.update(relevant=1, fetched_at=iso(at), published=at.date().isoformat(),
                          run_id=run_at(run_rows, at), title=f"{person}: {stage.value.replace('_', ' ')}",
                          text=f"{person} {stage.value.replace('_', ' ')} {host} {destination}. " + report["text"])
            rows.mentions.append({"article_id": report["id"], "person_id": person_id, "name": person,
                                  "role": "subject"})
            rows.event_sources.append({"event_id": event_id, "article_id": report["id"], "source": report["source"],
                                       "url": report["url"], "added_at": iso(at)})
            case_sources.add(report["source"])
        previous = max((s for s in stages[:index] if s.rank is not None), key=lambda s: s.rank, default=None)
        add_alert(rng, rows, case_id, stage, index, at, run_rows, now,
                  event_id=event_id, article_id=article["id"], previous_stage=previous.value if previous else None)
    ranked = [s for s in stages if s.rank is not None]
    dismissed = rng.random() < 0.05
    rows.cases.append({
        "id": case_id, "person_id": person_id, "host_country": host, "destination_country": destination,
        "stage": ranked[-1].value, "stage_rank": ranked[-1].rank, "status": "dismissed" if dismissed else "open",
        "dismissed_reason": "not an extradition case" if dismissed else None,
        "dismissed_at": iso(last_move) if dismissed else None,
        "first_seen": iso(first_seen), "updated_at": iso(last_move),
        "source_count": len(case_sources), "event_count": len(stages),
    })


def add_alert(rng, rows: Generated, case_id: int, stage: Stage, index: int, at: datetime, run_rows, now,
              **extra) -> None:
    kind = "new_case" if index == 0 else "update" if stage.rank is None else "escalation"
    status = "sent" if now - at > timedelta(hours=6) else rng.choice(["pending", "sent", "failed"])
    rows.alerts.append({
        "case_id": case_id, "stage": stage.value, "kind": kind, "status": status,
        "attempts": 0 if status == "pending" else 1, "last_error": "HTTP 502" if status == "failed" else None,
        "created_at": iso(at), "next_attempt_at": iso(at + timedelta(minutes=15)) if status != "sent" else None,
        "sent_at": iso(at + timedelta(minutes=1)) if status == "sent" else None, "run_id": run_at(run_rows, at),
        **extra,
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate_store(args.path, articles=args.articles, cases=args.cases, seed=args.seed,
                            overwrite=args.overwrite)
    print(f"{args.path}: generated in {time.perf_counter() - started:.1f} s")
    for table, count in counts.items():
        print(f"  {table:<14} {count:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
