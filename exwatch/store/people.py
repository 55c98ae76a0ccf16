"""People, their spellings, and the events that happen to them."""
from __future__ import annotations

import re
import unicodedata

from sqlite_utils import Database

from nlp.types import Analysis

_NON_LETTERS = re.compile(r"[^\w]+")


def normalize_name(name: str) -> str:
    """Case, accents, ё and punctuation folded: the key under which spellings are matched."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ё", "е"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_LETTERS.sub(" ", letters).strip()


def script_of(name: str) -> str:
    return "cyrillic" if re.search(r"[\u0400-\u04FF]", name) else "latin"


def person_id_for(db: Database, name: str, *, at: str) -> int:
    """The person known by this exact spelling, or a new one."""
    normalized = normalize_name(name)
    row = db.execute("select person_id from aliases where normalized = ? limit 1", [normalized]).fetchone()
    if row:
        return row[0]
    person_id = db["people"].insert({"name": name, "created_at": at}).last_pk
    db["aliases"].insert({"person_id": person_id, "alias": name, "normalized": normalized, "script": script_of(name)})
    return person_id


def store_analysis(db: Database, article_id: str, analysis: Analysis, *, at: str) -> int:
    """Record the people and events of one article; returns the number of new events."""
    ids: dict[str, int] = {}
    for person in analysis.people:
        ids[person.name] = person_id_for(db, person.name, at=at)
        db["mentions"].insert(
            {"article_id": article_id, "person_id": ids[person.name], "name": person.name, "role": person.role.value},
            replace=True,
        )
    new_events = 0
    for event in analysis.events:
        if not event.person:
            continue
        person_id = ids.get(event.person) or person_id_for(db, event.person, at=at)
        cursor = db.execute(
            """insert or ignore into events (article_id, person_id, person_name, stage, stage_rank,
                 host_country, destination_country, date, date_precision, evidence, created_at)
               values (:article_id, :person_id, :person_name, :stage, :stage_rank,
                 :host_country, :destination_country, :date, :date_precision, :evidence, :created_at)""",
            {
                "article_id": article_id,
                "person_id": person_id,
                "person_name": event.person,
                "stage": event.stage.value,
                "stage_rank": event.stage.rank,
                "host_country": event.host_country,
                "destination_country": event.destination_country,
                "date": event.date,
                "date_precision": event.date_precision.value if event.date_precision else None,
                "evidence": event.evidence,
                "created_at": at,
            },
        )
        new_events += cursor.rowcount
    return new_events
