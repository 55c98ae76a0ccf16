"""Build cases in a real migrated store, as the store step would, for the alert tests."""
from __future__ import annotations

from nlp.types import Stage

from exwatch.records import CaseChange
from exwatch.store.db import open_db

AT = "2025-06-01T12:00:00+00:00"


def new_store(path):
    return open_db(path)


def add_article(db, article_id: str, *, source: str = "Steppe Herald", url: str | None = None) -> str:
    db["sources"].insert({"name": source, "enabled": 1}, pk="name", ignore=True)
    db["articles"].insert(
        {"id": article_id, "url": url or f"https://example.org/{article_id}", "source": source, "title": article_id,
         "text": "text", "fetched_at": AT},
        pk="id",
        ignore=True,
    )
    return article_id


def add_person(db, name: str, *spellings: str) -> int:
    person_id = db["people"].insert({"name": name, "created_at": AT}).last_pk
    for alias in (name, *spellings):
        script = "cyrillic" if any("\u0400" <= c <= "\u04ff" for c in alias) else "latin"
        db["aliases"].insert({"person_id": person_id, "alias": alias, "normalized": alias.lower(), "script": script})
    return person_id


def add_case(db, person_id: int, *, host="KZ", destination="RU", stage="detained", status="open") -> int:
    return db["cases"].insert(
        {"person_id": person_id, "host_country": host, "destination_country": destination, "stage": stage,
         "stage_rank": Stage(stage).rank, "status": status, "first_seen": AT, "updated_at": AT,
         "source_count": 0, "event_count": 0}
    ).last_pk


def add_event(db, case_id: int, article_id: str, stage: str, *, date="2025-02-10", evidence=None) -> tuple[int, str | None]:
    """Store one event of the case, raise the case's stage like the store does; returns (event id, previous stage)."""
    case = db["cases"].get(case_id)
    person = db["people"].get(case["person_id"])
    event_id = db["events"].insert(
        {"article_id": article_id, "person_id": case["person_id"], "person_name": person["name"], "stage": stage,
         "stage_rank": Stage(stage).rank, "host_country": case["host_country"],
         "destination_country": case["destination_country"], "date": date,
         "evidence": evidence or f"{person['name']} was {stage.replace('_', ' ')}.", "created_at": AT, "case_id": case_id}
    ).last_pk
    article = db["articles"].get(article_id)
    db["event_sources"].insert(
        {"event_id": event_id, "article_id": article_id, "source": article["source"], "url": article["url"], "added_at": AT},
        ignore=True,
    )
    previous = case["stage"]
    rank, old_rank = Stage(stage).rank, case["stage_rank"]
    sources = db.execute(
        "select count(distinct es.source) from event_sources es join events e on e.id = es.event_id where e.case_id = ?",
        [case_id],
    ).fetchone()[0]
    updates = {"source_count": sources, "event_count": case["event_count"] + 1}
    if rank is not None and (old_rank is None or rank > old_rank):
        updates.update(stage=stage, stage_rank=rank)
    db["cases"].update(case_id, updates)
    return event_id, previous


def change(db, case_id: int, article_id: str, stage: str, *, new: bool = False, **event) -> CaseChange:
    event_id, previous = add_event(db, case_id, article_id, stage, **event)
    return CaseChange(
        case_id=case_id, event_id=event_id, article_id=article_id, stage=stage,
        previous_stage=None if new else previous, case_is_new=new, person_is_new=new,
    )
