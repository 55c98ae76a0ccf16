"""Cases: one person in one host country wanted by one destination country.

A case's stage is the highest-ranked stage of its events (DESIGN.md "Stages"); side stages
(asylum_sought, asylum_granted, extradition_refused, released) never raise it, and stand as the
stage only while the case has no ranked event at all.

Events whose article leaves a country unknown (null host or destination):
- they join a case of the same person whose known countries agree (each known field equal, or
  null in the case). With several such cases, the most recently updated one wins: an article
  that leaves out the host usually continues the story most recently in the news.
- with none, they open a case with the unknown field null. A later event that names the
  country fills the null in (unless that would make a second case with the same countries),
  so "Денис Холодов, wanted by RU" followed by "Denis Kholodov, detained in KG for RU" is one case.
Dismissed cases keep collecting events (history stays complete); the alert rules skip them.
Cases emptied by an analyst's merge or split are deleted, or kept as status 'merged' when an
alert still refers to them (their unsent alerts have followed their events: alerts/corrections.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from nlp.types import Stage

OPEN, DISMISSED, MERGED = "open", "dismissed", "merged"


class CaseNotFound(LookupError):
    pass


@dataclass(frozen=True)
class CaseKey:
    person_id: int
    host_country: str | None
    destination_country: str | None


def case_for_event(db: Database, key: CaseKey, *, at: str) -> tuple[int, bool]:
    """The id of the case an event with these countries belongs to, and whether it was created now."""
    candidates = compatible_cases(db, key)
    exact = [c for c in candidates if (c["host_country"], c["destination_country"]) == (key.host_country, key.destination_country)]
    if exact:
        return exact[0]["id"], False
    if candidates:
        chosen = candidates[0]
        _fill_in(db, chosen, key)
        return chosen["id"], False
    case_id = db["cases"].insert(
        {
            "person_id": key.person_id,
            "host_country": key.host_country,
            "destination_country": key.destination_country,
            "stage": None,
            "stage_rank": None,
            "status": OPEN,
            "first_seen": at,
            "updated_at": at,
            "source_count": 0,
            "event_count": 0,
        }
    ).last_pk
    return case_id, True


def compatible_cases(db: Database, key: CaseKey) -> list[dict]:
    """The person's cases whose countries agree with the key's known ones, most recently updated first."""
    return _rows(
        db,
        """select * from cases
           where person_id = :person and status != :merged
             and (:host is null or host_country is null or host_country = :host)
             and (:dest is null or destination_country is null or destination_country = :dest)
           order by updated_at desc, id desc""",
        {"person": key.person_id, "host": key.host_country, "dest": key.destination_country, "merged": MERGED},
    )


def _fill_in(db: Database, case: dict, key: CaseKey) -> None:
    """Known countries of a later event fill the case's nulls, unless that duplicates a case."""
    host = case["host_country"] or key.host_country
    dest = case["destination_country"] or key.destination_country
    if (host, dest) == (case["host_country"], case["destination_country"]):
        return
    clash = db.execute(
        """select 1 from cases where person_id = ? and host_country is ? and destination_country is ?
             and id != ? and status != ?""",
        [key.person_id, host, dest, case["id"], MERGED],
    ).fetchone()
    if not clash:
        db.execute("update cases set host_country = ?, destination_country = ? where id = ?", [host, dest, case["id"]])


def record_event(db: Database, case_id: int, event_id: int, stage: Stage, *, at: str) -> str | None:
    """Attach a new event to its case and raise the case's stage; returns the stage before."""
    case = get_case(db, case_id)
    previous = case["stage"]
    db.execute("update events set case_id = ? where id = ?", [case_id, event_id])
    if _raises(stage, previous, case["stage_rank"]):
        db.execute("update cases set stage = ?, stage_rank = ? where id = ?", [stage.value, stage.rank, case_id])
    db.execute(
        "update cases set event_count = event_count + 1, source_count = ?, updated_at = ? where id = ?",
        [source_count(db, case_id), at, case_id],
    )
    return previous


def _raises(stage: Stage, current: str | None, current_rank: int | None) -> bool:
    if current is None:
        return True
    if stage.rank is None:
        return current_rank is None  # a side stage stands only until a ranked one arrives
    return current_rank is None or stage.rank > current_rank


def add_event_source(db: Database, event_id: int, *, article_id: str, source: str, url: str, at: str) -> bool:
    """One more article reporting this event; True if it was not recorded yet."""
    cursor = db.execute(
        "insert or ignore into event_sources (event_id, article_id, source, url, added_at) values (?, ?, ?, ?, ?)",
        [event_id, article_id, source, url, at],
    )
    return cursor.rowcount == 1


def corroborate(db: Database, article_id: str, *, source: str, url: str, at: str) -> int:
    """A near-duplicate of a stored article reports the same events: one more source for each,
    no new event, no stage change. Returns the number of events that gained the source."""
    event_ids = [row[0] for row in db.execute("select id from events where article_id = ?", [article_id])]
    added = sum(add_event_source(db, e, article_id=article_id, source=source, url=url, at=at) for e in event_ids)
    case_ids = {row[0] for row in db.execute("select distinct case_id from events where article_id = ? and case_id is not null", [article_id])}
    for case_id in case_ids:
        db.execute("update cases set source_count = ? where id = ?", [source_count(db, case_id), case_id])
    return added


def source_count(db: Database, case_id: int) -> int:
    return db.execute(
        """select count(distinct s.source) from event_sources s join events e on e.id = s.event_id
           where e.case_id = ?""",
        [case_id],
    ).fetchone()[0]


def refresh_case(db: Database, case_id: int, *, at: str) -> None:
    """Recompute a case's stage and counts from its events (after a merge or split)."""
    events = _rows(db, "select stage, stage_rank, date, id, created_at from events where case_id = ?", [case_id])
    if not events:
        _retire(db, case_id, at=at)
        return
    ranked = [e for e in events if e["stage_rank"] is not None]
    if ranked:
        top = max(ranked, key=lambda e: e["stage_rank"])
    else:
        top = max(events, key=lambda e: (e["date"] or "", e["id"]))
    db.execute(
        """update cases set stage = ?, stage_rank = ?, event_count = ?, source_count = ?, first_seen = ?,
             updated_at = ? where id = ?""",
        [top["stage"], top["stage_rank"], len(events), source_count(db, case_id),
         min(e["created_at"] for e in events), at, case_id],
    )


def _retire(db: Database, case_id: int, *, at: str) -> None:
    alerted = db["alerts"].exists() and db.execute("select 1 from alerts where case_id = ? limit 1", [case_id]).fetchone()
    if alerted:
        db.execute(
            "update cases set status = ?, event_count = 0, source_count = 0, updated_at = ? where id = ?",
            [MERGED, at, case_id],
        )
    else:
        db.execute("delete from cases where id = ?", [case_id])


def dismiss_case(db: Database, case_id: int, *, reason: str, at: str) -> dict:
    """Mark a case as not a real case: it keeps its history and never alerts again."""
    get_case(db, case_id)
    with db.atomic():
        db.execute(
            "update cases set status = ?, dismissed_reason = ?, dismissed_at = ? where id = ?",
            [DISMISSED, reason, at, case_id],
        )
        log_correction(db, "dismiss_case", {"case_id": case_id, "reason": reason}, at=at)
    return get_case(db, case_id)


def reopen_case(db: Database, case_id: int, *, at: str) -> dict:
    get_case(db, case_id)
    with db.atomic():
        db.execute(
            "update cases set status = ?, dismissed_reason = null, dismissed_at = null where id = ?", [OPEN, case_id]
        )
        log_correction(db, "reopen_case", {"case_id": case_id}, at=at)
    return get_case(db, case_id)


def get_case(db: Database, case_id: int) -> dict:
    rows = _rows(db, "select * from cases where id = ?", [case_id])
    if not rows:
        raise CaseNotFound(f"no case with id {case_id}")
    return rows[0]


def list_cases(
    db: Database,
    *,
    stages: tuple[str, ...] = (),
    country: str | None = None,
    since: str | None = None,
    status: str | None = OPEN,
) -> list[dict]:
    """Cases with their person's name, most recently updated first.

    `country` matches host or destination; `since` keeps cases updated at or after it (ISO date
    or timestamp); `status=None` lists every status."""
    where, params = ["1"], {}
    if stages:
        where.append(f"c.stage in ({', '.join(f':stage{i}' for i in range(len(stages)))})")
        params.update({f"stage{i}": s for i, s in enumerate(stages)})
    if country:
        where.append("(c.host_country = :country or c.destination_country = :country)")
        params["country"] = country.upper()
    if since:
        where.append("c.updated_at >= :since")
        params["since"] = since
    if status:
        where.append("c.status = :status")
        params["status"] = status
    return _rows(
        db,
        f"""select c.id, p.name as person, c.person_id, c.host_country, c.destination_country, c.stage,
                   c.stage_rank, c.status, c.event_count, c.source_count, c.first_seen, c.updated_at,
                   c.dismissed_reason
            from cases c join people p on p.id = c.person_id
            where {' and '.join(where)}
            order by c.updated_at desc, c.id desc""",
        params,
    )


def case_history(db: Database, case_id: int) -> list[dict]:
    """The case's events in stage order, each with its evidence and the outlets reporting it."""
    return _rows(
        db,
        """select e.id as event_id, e.stage, e.stage_rank, e.date, e.date_precision, e.person_name,
                  e.host_country, e.destination_country, e.evidence, e.article_id, a.url, a.source,
                  a.published, count(distinct s.source) as source_count,
                  group_concat(distinct s.url) as urls
           from events e
           left join articles a on a.id = e.article_id
           left join event_sources s on s.event_id = e.id
           where e.case_id = ?
           group by e.id
           order by coalesce(e.date, substr(a.published, 1, 10), ''), coalesce(e.stage_rank, 0), e.id""",
        [case_id],
    )


def log_correction(db: Database, action: str, detail: dict, *, at: str) -> None:
    db["corrections"].insert({"action": action, "detail": json.dumps(detail, ensure_ascii=False), "at": at})


def _rows(db: Database, sql: str, params) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
