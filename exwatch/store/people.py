"""People, their spellings, and the events that happen to them; each new event resolves its case.

Who is who, across articles and languages (a name as the article gives it; Russian names arrive
from nlp in the nominative):
1. the same spelling, or a standard transliteration of it (Юлия Емельянова = Yuliya Yemelyanova),
   is the same person unless the article's cases conflict: every destination country differs;
2. another spelling with the same phonetic key (Yemelianova, Emelyanova; Siarhei Marozau =
   Sergei Morozov) joins only an unambiguous candidate whose cases do not conflict with the
   article's (host and destination both compatible);
3. a surname alone ("Ivanov") joins only a person it positively agrees with: one candidate with a
   case that shares a known country with this article's event and contradicts none; a Russian
   surname in an oblique case ("Садыкову", "Емельяновой") the same way through its nominatives.
Anything else is a new person. Analysts correct mistakes with exwatch.store.people_edits.
The stage history is not used as evidence either way: articles recount earlier stages long after
(a "prosecuted" case is still reported as "detained in Almaty in February"), so no stage
contradicts a case; the countries do.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from exwatch.records import CaseChange
from exwatch.store import cases as stored_cases
from exwatch.store.names import (
    is_surname_only,
    name_key,
    nominative_candidates,
    normalize_name,
    script_of,
    surname_key,
    tokens,
    transliterations,
)
from nlp.types import Analysis, EventMention, Role

__all__ = ["normalize_name", "script_of", "store_analysis", "resolve_person", "person_id_for", "StoredAnalysis"]

Countries = tuple[str | None, str | None]  # (host, destination) of one event


@dataclass
class StoredAnalysis:
    """What storing one article's analysis did: new events, and the case change each made."""

    new_events: int = 0
    changes: list[CaseChange] = field(default_factory=list)
    people: dict[str, int] = field(default_factory=dict)  # name in the article -> person id


def store_analysis(db: Database, article_id: str, analysis: Analysis, *, at: str) -> StoredAnalysis:
    """Record the people and events of one stored article and resolve each new event's case.

    Call inside the transaction that inserted the article; alerts are the caller's business."""
    result = StoredAnalysis()
    contexts = _countries_by_person(analysis.events)
    subjects_first = sorted(analysis.people, key=lambda p: p.role != Role.SUBJECT)
    for person in subjects_first:
        person_id = resolve_person(db, person.name, contexts.get(person.name, set()), at=at, variants=person.variants)
        result.people[person.name] = person_id
        db.execute(
            "insert or ignore into mentions (article_id, person_id, name, role) values (?, ?, ?, ?)",
            [article_id, person_id, person.name, person.role.value],
        )
        if person.role == Role.SUBJECT:
            db.execute(
                "update mentions set role = ? where article_id = ? and person_id = ?",
                [Role.SUBJECT.value, article_id, person_id],
            )
    source, url = db.execute("select source, url from articles where id = ?", [article_id]).fetchone()
    had_case: dict[int, bool] = {}
    for event in analysis.events:
        if not event.person:
            continue
        person_id = result.people.get(event.person)
        if person_id is None:
            person_id = result.people[event.person] = resolve_person(
                db, event.person, contexts.get(event.person, set()), at=at
            )
        if person_id not in had_case:
            had_case[person_id] = _has_case(db, person_id)
        event_id = _insert_event(db, article_id, person_id, event, at=at)
        if event_id is None:
            continue
        result.new_events += 1
        key = stored_cases.CaseKey(person_id, event.host_country, event.destination_country)
        case_id, case_is_new = stored_cases.case_for_event(db, key, at=at)
        stored_cases.add_event_source(db, event_id, article_id=article_id, source=source, url=url, at=at)
        previous = stored_cases.record_event(db, case_id, event_id, event.stage, at=at)
        result.changes.append(
            CaseChange(
                case_id=case_id,
                event_id=event_id,
                article_id=article_id,
                stage=event.stage.value,
                previous_stage=None if case_is_new else previous,
                case_is_new=case_is_new,
                person_is_new=not had_case[person_id],
            )
        )
    return result


def _insert_event(db: Database, article_id: str, person_id: int, event: EventMention, *, at: str) -> int | None:
    """The new event's id, or None when this article already reported this stage of this person."""
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
    return cursor.lastrowid if cursor.rowcount == 1 else None


def _countries_by_person(events: list[EventMention]) -> dict[str, set[Countries]]:
    contexts: dict[str, set[Countries]] = {}
    for event in events:
        if event.person and (event.host_country or event.destination_country):
            contexts.setdefault(event.person, set()).add((event.host_country, event.destination_country))
    return contexts


def resolve_person(
    db: Database, name: str, context: set[Countries] = frozenset(), *, at: str, variants: tuple[str, ...] = ()
) -> int:
    """The person this name (with the countries of its events in this article) refers to; a new
    person when none matches. Every spelling met is added to the person's aliases."""
    person_id = _match(db, name, context)
    if person_id is None:
        inflected = _match_inflected_surname(db, name, context)
        if inflected is not None:
            return inflected  # an oblique case is no spelling: the aliases stay as they are
        person_id = db["people"].insert({"name": name, "created_at": at}).last_pk
    add_aliases(db, person_id, name, variants)
    return person_id


def _match_inflected_surname(db: Database, name: str, context: set[Countries]) -> int | None:
    """A Russian surname alone in an oblique case ("Садыкову") joins the one person whose
    nominative surname it can come from and whose case agrees."""
    keys = [surname_key(c) for c in nominative_candidates(name)]
    return _only_agreeing(db, _people_where(db, "surname_key", keys), context) if keys else None


def person_id_for(db: Database, name: str, *, at: str) -> int:
    """The person known by this name with no other context (kept for callers without events)."""
    return resolve_person(db, name, set(), at=at)


def _match(db: Database, name: str, context: set[Countries]) -> int | None:
    surname_only = is_surname_only(name)
    # The spelling itself first: after an analyst's split, its transliteration may still be another's.
    exact = _people_where(db, "normalized", [normalize_name(name)]) or _people_where(
        db, "normalized", [normalize_name(t) for t in transliterations(name)]
    )
    if exact:
        if surname_only:
            return _only_agreeing(db, exact, context)
        return _first_without_conflict(db, exact, context, strict=False)
    if surname_only:
        return _only_agreeing(db, _people_where(db, "surname_key", [surname_key(name)]), context)
    candidates = [p for p in _people_where(db, "name_key", [name_key(name)]) if _full_name_alias(db, p, name)]
    fitting = [p for p in candidates if not _conflicts(db, p, context, strict=True)]
    return fitting[0] if len(fitting) == 1 else None


def _people_where(db: Database, column: str, values: list[str]) -> list[int]:
    values = [v for v in dict.fromkeys(values) if v]
    if not values:
        return []
    marks = ", ".join("?" for _ in values)
    sql = f"select distinct person_id from aliases where {column} in ({marks}) order by person_id"  # column: ours
    return [row[0] for row in db.execute(sql, values)]


def _full_name_alias(db: Database, person_id: int, name: str) -> bool:
    """The key match came from a full-name alias, not a lone surname that happens to share it."""
    key = name_key(name)
    rows = db.execute("select alias from aliases where person_id = ? and name_key = ?", [person_id, key])
    return any(len(tokens(alias)) > 1 for (alias,) in rows)


def _first_without_conflict(db: Database, people: list[int], context: set[Countries], *, strict: bool) -> int | None:
    fitting = [p for p in people if not _conflicts(db, p, context, strict=strict)]
    agreeing = [p for p in fitting if _agrees(db, p, context)]
    return (agreeing or fitting or [None])[0]


def _only_agreeing(db: Database, people: list[int], context: set[Countries]) -> int | None:
    agreeing = [p for p in people if _agrees(db, p, context) and not _conflicts(db, p, context, strict=True)]
    return agreeing[0] if len(agreeing) == 1 else None


def _person_cases(db: Database, person_id: int) -> list[Countries]:
    rows = db.execute(
        "select host_country, destination_country from cases where person_id = ? and status != ?",
        [person_id, stored_cases.MERGED],
    )
    return [tuple(r) for r in rows]


def _conflicts(db: Database, person_id: int, context: set[Countries], *, strict: bool) -> bool:
    """The person's cases and this article's events cannot be the same story.

    strict: no case compatible in both countries; lenient (same spelling): every destination differs
    (one person may be held in one country after another, but is rarely wanted by two states)."""
    cases = _person_cases(db, person_id)
    if not cases or not context:
        return False
    fields = (0, 1) if strict else (1,)
    return not any(all(_same_or_unknown(c[i], e[i]) for i in fields) for c in cases for e in context)


def _agrees(db: Database, person_id: int, context: set[Countries]) -> bool:
    """Some case shares a known country with some event of this article and contradicts it in none."""
    for case in _person_cases(db, person_id):
        for event in context:
            compatible = all(_same_or_unknown(case[i], event[i]) for i in (0, 1))
            shared = any(case[i] is not None and case[i] == event[i] for i in (0, 1))
            if compatible and shared:
                return True
    return False


def _same_or_unknown(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _has_case(db: Database, person_id: int) -> bool:
    return db.execute("select 1 from cases where person_id = ? limit 1", [person_id]).fetchone() is not None


def add_aliases(db: Database, person_id: int, name: str, variants: tuple[str, ...] = (), *, origin: str = "article") -> None:
    """The article's spelling, its standard transliterations, and the surname forms the article
    used on their own (in the nominative: inflected Russian forms are not spellings)."""
    rows = [_alias_row(person_id, name, origin)]
    rows += [_alias_row(person_id, t, "transliteration") for t in transliterations(name)]
    own_words = tokens(name)
    for variant in variants:
        words = tokens(variant)
        # "Yemelyanova" for "Yulia Yemelyanova", not the first name alone nor an inflected form.
        if variant != name and words and set(words) <= set(own_words) and own_words[-1] in words:
            rows.append(_alias_row(person_id, variant, origin))
    db["aliases"].insert_all(rows, ignore=True)


def _alias_row(person_id: int, alias: str, origin: str) -> dict:
    return {
        "person_id": person_id,
        "alias": alias,
        "normalized": normalize_name(alias),
        "script": script_of(alias),
        "origin": origin,
        "name_key": name_key(alias),
        "surname_key": surname_key(alias),
    }
