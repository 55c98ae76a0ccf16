"""Exports for analysts: cases, events and people as CSV, JSON or JSONL, with fixed columns.

Each `*_rows` function yields dicts whose keys are exactly its `*_COLUMNS`, in that order, in
every format; times are ISO 8601 as the store keeps them, event dates `YYYY`, `YYYY-MM` or
`YYYY-MM-DD` by their precision. List values are JSON arrays in JSON and JSONL; in CSV source
URLs are separated by spaces (a URL holds none) and aliases by "; ". `atom_feed` renders the
case updates as an Atom feed: one entry per case and stage, with a stable `tag:` id.
"""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TextIO

from sqlite_utils import Database

CASE_COLUMNS = (
    "case_id", "person_id", "person_name", "host_country", "destination_country", "stage", "stage_rank",
    "status", "first_seen", "updated_at", "latest_event_date", "event_count", "source_count",
    "dismissed_reason", "dismissed_at",
)
EVENT_COLUMNS = (
    "event_id", "case_id", "person_id", "person_name", "stage", "stage_rank", "host_country",
    "destination_country", "date", "date_precision", "evidence", "article_id", "article_url", "source",
    "published", "source_urls", "created_at",
)
PEOPLE_COLUMNS = (
    "person_id", "name", "aliases", "created_at", "case_count", "event_count", "highest_stage", "last_event_at",
)
LIST_SEPARATORS = {"aliases": "; ", "source_urls": " "}

CASES_SQL = """
select c.id as case_id, c.person_id, p.name as person_name, c.host_country, c.destination_country, c.stage,
       c.stage_rank, c.status, c.first_seen, c.updated_at,
       (select max(e.date) from events e where e.case_id = c.id) as latest_event_date,
       c.event_count, c.source_count, c.dismissed_reason, c.dismissed_at
from cases c left join people p on p.id = c.person_id
where (:since is null or c.updated_at >= :since) and (:dismissed or c.status = 'open')
order by c.id
"""

EVENTS_SQL = """
select e.id as event_id, e.case_id, e.person_id, e.person_name, e.stage, e.stage_rank, e.host_country,
       e.destination_country, e.date, e.date_precision, e.evidence, e.article_id, a.url as article_url,
       a.source, a.published,
       (select json_group_array(url) from
          (select es.url from event_sources es where es.event_id = e.id order by es.added_at, es.url)) as source_urls,
       e.created_at
from events e join articles a on a.id = e.article_id left join cases c on c.id = e.case_id
where (:since is null or e.created_at >= :since) and (:dismissed or c.status is null or c.status = 'open')
order by e.id
"""

PEOPLE_SQL = """
select p.id as person_id, p.name,
       (select json_group_array(alias) from (select alias from aliases where person_id = p.id order by alias)) as aliases,
       p.created_at,
       (select count(*) from cases c where c.person_id = p.id and (:dismissed or c.status = 'open')) as case_count,
       (select count(*) from events e where e.person_id = p.id) as event_count,
       (select e.stage from events e where e.person_id = p.id and e.stage_rank is not null
          order by e.stage_rank desc limit 1) as highest_stage,
       (select max(e.created_at) from events e where e.person_id = p.id) as last_event_at
from people p
where (:mentioned or exists (select 1 from events e where e.person_id = p.id))
  and (:since is null or p.created_at >= :since
       or exists (select 1 from events e where e.person_id = p.id and e.created_at >= :since))
order by p.id
"""


def case_rows(db: Database, *, since: str | None = None, include_dismissed: bool = False) -> Iterator[dict]:
    """One row per case (open ones unless `include_dismissed`), updated at or after `since`."""
    yield from _rows(db, CASES_SQL, {"since": since, "dismissed": include_dismissed})


def event_rows(db: Database, *, since: str | None = None, include_dismissed: bool = False) -> Iterator[dict]:
    """One row per event found at or after `since`, with every URL that reported it (its own first)."""
    for row in _rows(db, EVENTS_SQL, {"since": since, "dismissed": include_dismissed}):
        others = json.loads(row["source_urls"] or "[]")
        row["source_urls"] = list(dict.fromkeys([row["article_url"], *others]))
        yield row


def people_rows(
    db: Database, *, since: str | None = None, include_dismissed: bool = False, include_mentioned: bool = False
) -> Iterator[dict]:
    """People with at least one event (everyone named, with `include_mentioned`), new or with
    events at or after `since`."""
    params = {"since": since, "dismissed": include_dismissed, "mentioned": include_mentioned}
    for row in _rows(db, PEOPLE_SQL, params):
        row["aliases"] = json.loads(row["aliases"] or "[]")
        yield row


TABLES: dict[str, tuple[Callable[..., Iterator[dict]], tuple[str, ...]]] = {
    "cases": (case_rows, CASE_COLUMNS),
    "events": (event_rows, EVENT_COLUMNS),
    "people": (people_rows, PEOPLE_COLUMNS),
}


def write_csv(rows: Iterable[dict], columns: tuple[str, ...], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(row[c], c) for c in columns])
        count += 1
    return count


def write_json(rows: Iterable[dict], columns: tuple[str, ...], out: TextIO) -> int:
    # Streamed: one array, one object per line, never the whole export in memory.
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(rows: Iterable[dict], columns: tuple[str, ...], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n")
        count += 1
    return count


WRITERS = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}


def export_table(db: Database, table: str, fmt: str, out: TextIO, **filters) -> int:
    """Write one table's export to `out`; returns the number of rows."""
    rows_of, columns = TABLES[table]
    return WRITERS[fmt](rows_of(db, **filters), columns, out)


def _csv_cell(value, column: str):
    if column in LIST_SEPARATORS:
        return LIST_SEPARATORS[column].join(value)
    return "" if value is None else value


def _rows(db: Database, sql: str, params: dict) -> Iterator[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


# ---- Atom feed of case updates -------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
# RFC 4151 tag URIs: an authority and a date that never change, so entry ids stay stable.
DEFAULT_TAG_AUTHORITY = "extradition-watch.invalid,2025"
FEED_TITLE = "Extradition Watch: case updates"

# The first event of each (case, stage): when the stage was first seen is the entry's date.
FEED_SQL = """
with firsts as (
  select e.case_id, e.stage, min(e.id) as event_id, min(e.created_at) as reported_at
  from events e join cases c on c.id = e.case_id
  where c.status = 'open'
  group by e.case_id, e.stage
  having :since is null or min(e.created_at) >= :since
)
select f.case_id, f.stage, f.reported_at, p.name as person_name, e.person_name as reported_name,
       e.host_country, e.destination_country, e.date, e.date_precision, e.evidence,
       a.url as article_url, a.title as article_title, a.source
from firsts f
  join events e on e.id = f.event_id
  join articles a on a.id = e.article_id
  join cases c on c.id = f.case_id
  left join people p on p.id = c.person_id
order by f.reported_at desc, f.case_id desc, f.stage
limit :limit
"""

FEED_URLS_SQL = """
select a.url from events e join articles a on a.id = e.article_id
where e.case_id = :case_id and e.stage = :stage
union
select es.url from event_sources es join events e on e.id = es.event_id
where e.case_id = :case_id and e.stage = :stage
"""

# Characters XML 1.0 cannot carry at all; an article may contain them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedEntry:
    case_id: int
    stage: str
    reported_at: str
    person_name: str
    host_country: str | None
    destination_country: str | None
    date: str | None
    date_precision: str | None
    evidence: str | None
    source: str | None
    urls: tuple[str, ...]  # the first report first

    @property
    def title(self) -> str:
        countries = f" ({self.host_country or '?'} → {self.destination_country or '?'})"
        return f"{self.person_name}: {self.stage.replace('_', ' ')}{countries}"

    @property
    def summary(self) -> str:
        lines = [
            f"Stage: {self.stage.replace('_', ' ')}",
            f"Held in: {self.host_country or 'unknown'}; wanted by: {self.destination_country or 'unknown'}",
            f"Date: {self.date} ({self.date_precision})" if self.date else "Date: unknown",
        ]
        if self.evidence:
            lines.append(f"Evidence: {self.evidence}")
        lines.append("Sources: " + " ".join(self.urls))
        return "\n".join(lines)


def feed_entries(db: Database, *, since: str | None = None, limit: int = 50) -> list[FeedEntry]:
    """The newest case updates: one per case and stage, open cases only, newest first."""
    entries = []
    for row in _rows(db, FEED_SQL, {"since": since, "limit": limit}):
        first = row["article_url"]
        others = sorted(u for (u,) in db.execute(FEED_URLS_SQL, {"case_id": row["case_id"], "stage": row["stage"]}))
        entries.append(
            FeedEntry(
                case_id=row["case_id"],
                stage=row["stage"],
                reported_at=row["reported_at"],
                person_name=row["person_name"] or row["reported_name"],
                host_country=row["host_country"],
                destination_country=row["destination_country"],
                date=row["date"],
                date_precision=row["date_precision"],
                evidence=row["evidence"],
                source=row["source"],
                urls=tuple(dict.fromkeys([first, *others])),
            )
        )
    return entries


def atom_feed(
    entries: list[FeedEntry],
    *,
    now: datetime,
    feed_url: str | None = None,
    tag_authority: str = DEFAULT_TAG_AUTHORITY,
) -> bytes:
    """An Atom 1.0 document (RFC 4287) of `entries`; `now` dates an empty feed."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(_atom("feed"))
    _text(feed, "id", f"tag:{tag_authority}:feed")
    _text(feed, "title", FEED_TITLE)
    updated = max((rfc3339(e.reported_at) for e in entries), default=rfc3339(now.isoformat()))
    _text(feed, "updated", updated)
    author = ET.SubElement(feed, _atom("author"))
    _text(author, "name", "Extradition Watch")
    if feed_url:
        ET.SubElement(feed, _atom("link"), rel="self", href=_clean(feed_url), type="application/atom+xml")
    ET.SubElement(feed, _atom("generator")).text = "exwatch"
    for entry in entries:
        feed.append(_entry(entry, tag_authority))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def entry_id(case_id: int, stage: str, tag_authority: str = DEFAULT_TAG_AUTHORITY) -> str:
    return f"tag:{tag_authority}:case/{case_id}/{stage}"


def _entry(entry: FeedEntry, tag_authority: str) -> ET.Element:
    element = ET.Element(_atom("entry"))
    _text(element, "id", entry_id(entry.case_id, entry.stage, tag_authority))
    _text(element, "title", entry.title)
    _text(element, "updated", rfc3339(entry.reported_at))
    _text(element, "published", rfc3339(entry.reported_at))
    for i, url in enumerate(entry.urls):
        ET.SubElement(element, _atom("link"), rel="alternate" if i == 0 else "related", href=_clean(url))
    ET.SubElement(element, _atom("category"), term=entry.stage)
    _text(element, "summary", entry.summary).set("type", "text")
    return element


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, _atom(tag))
    child.text = _clean(text)
    return child


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def rfc3339(value: str) -> str:
    """A stored ISO time as RFC 3339 UTC (`2025-02-10T09:00:00Z`); a bare date is midnight UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
