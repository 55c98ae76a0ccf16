"""Gather what one case's alert needs from the store into an `AlertMessage` (read-only)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from alerts.message import AlertMessage, Source, StageNews
from alerts.rules import message_kind
from nlp.types import Stage

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "countries.jsonl"
# Transfer ordered or done: sending the person back now would breach non-refoulement if they seek asylum.
RETURN_RANK = Stage.EXTRADITION_ORDERED.rank
ASYLUM_STAGES = (Stage.ASYLUM_SOUGHT.value, Stage.ASYLUM_GRANTED.value)
MAX_SOURCES = 8
MAX_SPELLINGS = 6


def compose(db: Database, case_id: int, alert_rows: list[dict]) -> AlertMessage:
    case = _one(db, "select * from cases where id = ?", [case_id])
    if case is None:
        raise LookupError(f"alert for case {case_id}, which is not in the store")
    person = _one(db, "select * from people where id = ?", [case["person_id"]]) or {"name": "(unknown person)"}
    aliases = _spellings(db, case["person_id"])
    news = tuple(sorted((_news(db, row) for row in alert_rows), key=_stage_order))
    top = _headline(news, case["stage"])
    first = min(alert_rows, key=lambda row: row["id"])
    return AlertMessage(
        case_id=case_id,
        kind=message_kind(row["kind"] for row in alert_rows).value,
        person=person["name"],
        latin_names=tuple(a for a in aliases if not _is_cyrillic(a)),
        cyrillic_names=tuple(a for a in aliases if _is_cyrillic(a)),
        host=country_name(case.get("host_country")),
        destination=country_name(case.get("destination_country")),
        stage=case["stage"],
        previous_stage=None if first["kind"] == "new_case" else first["previous_stage"],
        news=news,
        event_date=top.date if top else None,
        evidence=top.evidence if top else None,
        sources=tuple(_sources(db, case_id)),
        source_count=_source_count(db, case),
        non_refoulement=_non_refoulement(db, case),
        alert_ids=tuple(row["id"] for row in alert_rows),
    )


def _spellings(db: Database, person_id: int) -> list[str]:
    """Spellings articles used; generated transliterations only fill in a missing script."""
    rows = _all(db, "select * from aliases where person_id = ? order by id", [person_id])
    seen = [r["alias"] for r in rows if r.get("origin") in (None, "article", "analyst")]
    generated = [r["alias"] for r in rows if r["alias"] not in seen]
    for script in (False, True):
        if not any(_is_cyrillic(a) == script for a in seen):
            seen += [a for a in generated if _is_cyrillic(a) == script][:1]
    return _without_partial_names(seen)[:MAX_SPELLINGS]


def _without_partial_names(names: list[str]) -> list[str]:
    """'Sadykov' adds nothing next to 'Timur Sadykov'."""
    words = [set(n.casefold().split()) for n in names]
    return [n for n, w in zip(names, words) if not any(w < other for other in words)]


def _news(db: Database, row: dict) -> StageNews:
    event = _one(db, "select date, evidence from events where id = ?", [row["event_id"]]) or {}
    return StageNews(row["stage"], row["previous_stage"], row["kind"], event.get("date"), event.get("evidence"))


def _stage_order(news: StageNews) -> tuple:
    # The ladder first, in order; side stages (asylum, refusal, release) after it.
    rank = Stage(news.stage).rank
    return (rank is None, rank or 0, news.date or "")


def _headline(news: tuple[StageNews, ...], case_stage: str | None) -> StageNews | None:
    """The news whose date and evidence the alert shows: the case's current stage if it is new, else the
    highest new rung of the ladder, else the latest side stage."""
    for item in news:
        if item.stage == case_stage:
            return item
    ranked = [n for n in news if Stage(n.stage).rank is not None]
    return ranked[-1] if ranked else (news[-1] if news else None)


def _sources(db: Database, case_id: int) -> list[Source]:
    rows = _all(
        db,
        """select es.source, es.url, min(es.added_at) as added from event_sources es
           join events e on e.id = es.event_id where e.case_id = ?
           group by es.url order by added, es.url""",
        [case_id],
    )
    if not rows:  # a store without corroboration rows: the articles the events came from
        rows = _all(
            db,
            """select a.source, a.url from events e join articles a on a.id = e.article_id
               where e.case_id = ? group by a.url order by min(e.id)""",
            [case_id],
        )
    return [Source(r["source"] or "", r["url"]) for r in rows[:MAX_SOURCES] if r["url"]]


def _source_count(db: Database, case: dict) -> int:
    if case.get("source_count"):
        return int(case["source_count"])
    row = db.execute(
        """select count(distinct a.source) from events e join articles a on a.id = e.article_id
           where e.case_id = ?""",
        [case["id"]],
    ).fetchone()
    return row[0] if row else 0


def _non_refoulement(db: Database, case: dict) -> bool:
    """Transfer ordered or done while the person seeks (or holds) asylum."""
    rank = Stage(case["stage"]).rank if case.get("stage") else None
    if rank is None or rank < RETURN_RANK:
        return False
    row = db.execute(
        """select 1 from events where person_id = ? and stage in (?, ?)
           and (case_id = ? or case_id is null) limit 1""",
        [case["person_id"], *ASYLUM_STAGES, case["id"]],
    ).fetchone()
    return row is not None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names = {}
    with COUNTRIES_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                entry = json.loads(line)
                names[entry["code"]] = entry["en"]["country"][0]
    return names


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    name = _country_names().get(code)
    return f"{name} ({code})" if name else code


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _one(db: Database, sql: str, params: list) -> dict | None:
    found = _all(db, sql, params)
    return found[0] if found else None


def _all(db: Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]
