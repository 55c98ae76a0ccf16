"""Analysts' corrections of who is who: merge two people, split spellings or articles off one.

Cases and events follow the people: a merge moves every case of the second person to the first
(joining a case with the same countries when the first person has one); a split moves the chosen
spellings' or articles' mentions and events to a new person, whose cases keep the countries of
the cases they came from. Unsent alerts follow their events to the new case, or are superseded
when it already has that stage (alerts/corrections.py); sent ones stay with their old case as
history. Every correction is logged in `corrections`.
"""
from __future__ import annotations

from sqlite_utils import Database

from alerts.corrections import Followed, follow_events
from exwatch.store import cases as stored_cases
from exwatch.store.names import normalize_name


class PersonNotFound(LookupError):
    pass


class BadCorrection(ValueError):
    """The correction asked for cannot be made; the message says why."""


def get_person(db: Database, person_id: int) -> dict:
    row = db.execute("select id, name, created_at from people where id = ?", [person_id]).fetchone()
    if not row:
        raise PersonNotFound(f"no person with id {person_id}")
    return dict(zip(("id", "name", "created_at"), row))


def merge_people(db: Database, keep_id: int, other_id: int, *, at: str) -> dict:
    """Fold person `other_id` into `keep_id`: spellings, mentions, events and cases; returns the kept person,
    with `alerts`: the ids of unsent alerts moved to a surviving case and of those superseded."""
    if keep_id == other_id:
        raise BadCorrection("cannot merge a person with itself")
    keep, other = get_person(db, keep_id), get_person(db, other_id)
    with db.atomic():
        db.execute(
            """insert or ignore into aliases (person_id, alias, normalized, script, origin, name_key, surname_key)
               select ?, alias, normalized, script, origin, name_key, surname_key from aliases where person_id = ?""",
            [keep_id, other_id],
        )
        db.execute("delete from aliases where person_id = ?", [other_id])
        _move_mentions(db, other_id, keep_id)
        touched, emptied = _move_cases(db, other_id, keep_id)
        _move_events(db, other_id, keep_id)
        followed = _follow_alerts(db, emptied, why=f"person {other_id} merged into person {keep_id}")
        for case_id in touched:
            stored_cases.refresh_case(db, case_id, at=at)
        # Cases kept as 'merged' for their alert history belong to the kept person now.
        db.execute("update cases set person_id = ? where person_id = ?", [keep_id, other_id])
        db.execute("delete from people where id = ?", [other_id])
        detail = {"kept": keep, "merged": other, "alerts": vars(followed)}
        stored_cases.log_correction(db, "merge_people", detail, at=at)
    return {**get_person(db, keep_id), "alerts": vars(followed)}


def _move_cases(db: Database, from_id: int, to_id: int) -> tuple[set[int], list[int]]:
    """Give `to_id` the cases of `from_id`, joining a case with the same countries when it has one.

    Returns the cases to refresh and those emptied into another case."""
    touched, emptied = set(), []
    for case in _rows(db, "select * from cases where person_id = ? and status != ?", [from_id, stored_cases.MERGED]):
        target = _same_countries_case(db, to_id, case)
        if target is None:
            db.execute("update cases set person_id = ? where id = ?", [to_id, case["id"]])
            target = case["id"]
        else:
            db.execute("update events set case_id = ? where case_id = ?", [target, case["id"]])
            emptied.append(case["id"])
            touched.add(case["id"])
        touched.add(target)
    return touched, emptied


def _follow_alerts(db: Database, case_ids, *, why: str) -> Followed:
    """Unsent alerts of these cases follow their moved events, so each stage is still sent once."""
    followed = Followed()
    for case_id in sorted(case_ids):
        followed.add(follow_events(db, case_id, why=why))
    return followed


def split_person(
    db: Database,
    person_id: int,
    *,
    aliases: tuple[str, ...] = (),
    articles: tuple[str, ...] = (),
    name: str | None = None,
    at: str,
) -> dict:
    """Move some spellings (with the mentions and events that use them) and/or every mention and
    event in some articles from a person to a new one; returns the new person."""
    person = get_person(db, person_id)
    if not aliases and not articles:
        raise BadCorrection("say what to split off: at least one alias or article")
    known = {a for (a,) in db.execute("select alias from aliases where person_id = ?", [person_id])}
    missing = [a for a in aliases if a not in known]
    if missing:
        raise BadCorrection(f"person {person_id} has no alias {', '.join(map(repr, missing))} (see `exwatch people show {person_id}`)")
    spellings = {normalize_name(a) for a in aliases}

    def chosen(row: dict) -> bool:
        return normalize_name(row["name"]) in spellings or row["article_id"] in articles

    mentions = [m for m in _rows(db, "select article_id, name from mentions where person_id = ?", [person_id]) if chosen(m)]
    events = [
        e for e in _rows(db, "select id, case_id, article_id, person_name as name from events where person_id = ?", [person_id])
        if chosen(e)
    ]
    if not aliases and not mentions and not events:
        raise BadCorrection(f"person {person_id} is not mentioned in {', '.join(articles)}")
    with db.atomic():
        new_id = db["people"].insert({"name": name or (aliases[0] if aliases else person["name"]), "created_at": at}).last_pk
        for alias in aliases:
            db.execute("update aliases set person_id = ? where person_id = ? and alias = ?", [new_id, person_id, alias])
        for mention in mentions:
            db.execute(
                "update mentions set person_id = ? where person_id = ? and article_id = ?",
                [new_id, person_id, mention["article_id"]],
            )
        touched, old_cases = set(), set()
        for event in events:
            if event["case_id"] is not None:
                old_case = stored_cases.get_case(db, event["case_id"])
                new_case = _same_countries_case(db, new_id, old_case) or _copy_case(db, new_id, old_case)
                db.execute("update events set case_id = ? where id = ?", [new_case, event["id"]])
                touched.update({old_case["id"], new_case})
                old_cases.add(old_case["id"])
            db.execute("update events set person_id = ? where id = ?", [new_id, event["id"]])
        followed = _follow_alerts(db, old_cases, why=f"person {new_id} split off person {person_id}")
        for case_id in touched:
            stored_cases.refresh_case(db, case_id, at=at)
        stored_cases.log_correction(
            db, "split_person",
            {"from": person, "new_person_id": new_id, "aliases": list(aliases), "articles": list(articles),
             "alerts": vars(followed)},
            at=at,
        )
    return get_person(db, new_id)


def _move_mentions(db: Database, from_id: int, to_id: int) -> None:
    db.execute(
        """insert or ignore into mentions (article_id, person_id, name, role)
           select article_id, ?, name, role from mentions where person_id = ?""",
        [to_id, from_id],
    )
    db.execute("delete from mentions where person_id = ?", [from_id])


def _move_events(db: Database, from_id: int, to_id: int) -> None:
    """Re-own events; one the target already has (same article and stage) gives it its sources and goes."""
    for event in _rows(db, "select id, article_id, stage from events where person_id = ?", [from_id]):
        twin = db.execute(
            "select id from events where person_id = ? and article_id = ? and stage = ?",
            [to_id, event["article_id"], event["stage"]],
        ).fetchone()
        if twin:
            db.execute(
                """insert or ignore into event_sources (event_id, article_id, source, url, added_at)
                   select ?, article_id, source, url, added_at from event_sources where event_id = ?""",
                [twin[0], event["id"]],
            )
            db.execute("delete from event_sources where event_id = ?", [event["id"]])
            # Alerts about the event now report its twin (and follow it to its case).
            db.execute("update alerts set event_id = ? where event_id = ?", [twin[0], event["id"]])
            db.execute("delete from events where id = ?", [event["id"]])
        else:
            db.execute("update events set person_id = ? where id = ?", [to_id, event["id"]])


def _same_countries_case(db: Database, person_id: int, case: dict) -> int | None:
    row = db.execute(
        """select id from cases where person_id = ? and host_country is ? and destination_country is ?
             and status != ? and id != ? order by id limit 1""",
        [person_id, case["host_country"], case["destination_country"], stored_cases.MERGED, case["id"]],
    ).fetchone()
    return row[0] if row else None


def _copy_case(db: Database, person_id: int, case: dict) -> int:
    """A new case for the split-off person, with the countries (and dismissal) of the old one."""
    fields = {k: case[k] for k in ("host_country", "destination_country", "status", "dismissed_reason", "dismissed_at", "first_seen", "updated_at")}
    return db["cases"].insert({**fields, "person_id": person_id, "event_count": 0, "source_count": 0}).last_pk


def _rows(db: Database, sql: str, params) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
