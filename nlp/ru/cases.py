"""From trigger-level events to the article's events: a charge or an arrest on the right
side of the hand-over, one event per (person, stage), and one host/destination pair per
person (the case)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span

from nlp.ru.event_dates import earlier, not_before
from nlp.ru.lexicon import CROSS_BORDER_FILE, relevance_stems
from nlp.ru.people import Person
from nlp.ru.places import PlaceVotes, choose
from nlp.ru.triggers import TriggerMatch
from nlp.types import DatePrecision, EventMention, Stage


@dataclass
class RawEvent:
    person: Person
    stage: Stage
    match: TriggerMatch
    sent: Span
    places: PlaceVotes
    date: str | None = None
    precision: DatePrecision | None = None
    locations: set[str] = field(default_factory=set)  # countries it happens in


@dataclass
class ArticleState:
    """What the extractor has learnt so far while walking one article in order."""

    events: list[RawEvent] = field(default_factory=list)
    places: PlaceVotes = field(default_factory=PlaceVotes)
    last_subjects: list[Person] = field(default_factory=list)
    last_sent_start: int | None = None



def adjusted_stage(event: RawEvent, events: list[RawEvent], article: PlaceVotes) -> Stage | None:
    """A charge or an arrest is `wanted`/`detained` before the hand-over and `prosecuted`
    after it: by dates when both are known, else by where it happens (the host or the
    destination of the case), else by the order of telling. None for a charge or trial in
    the host country, which is not this case's."""
    pattern = event.match.pattern
    if not (pattern.before_transfer or pattern.after_transfer):
        return event.stage
    host, destination = choose(PlaceVotes(), article)
    if pattern.before_transfer and host in event.locations and destination not in event.locations:
        return None  # "осуждённых в Бишкеке за драку": the host's own case, not the destination's
    transfers = [e for e in events if e.person is event.person and e.stage is Stage.TRANSFERRED]
    after = bool(transfers) and _after_transfer(event, transfers, article)
    if after is None:
        return pattern.stage
    if after:
        return pattern.after_transfer or pattern.stage
    return pattern.before_transfer or pattern.stage


def _after_transfer(event: RawEvent, transfers: list[RawEvent], article: PlaceVotes) -> bool | None:
    """None when nothing tells: a date in the same month as the hand-over ("задержали в
    начале марта" beside a deportation on 19 March) and no place; the trigger's own stage
    then stands (an arrest is `detained`, a charge `prosecuted`)."""
    if _held_now(event):
        return True
    # the most exact date first: "9 июля" tells more than "на прошлой неделе" (July)
    transfer_dates = sorted((e.date for e in transfers if e.date), key=lambda d: (-len(d), d))
    same_period = False
    if event.date and transfer_dates:
        if not _same_period(event.date, transfer_dates[0]):
            return not_before(event.date, transfer_dates[0])
        same_period = True
    host, destination = choose(PlaceVotes(), article)
    here = event.locations
    if destination in here and host not in here:
        return True
    if host in here and destination not in here:
        return False
    if same_period:
        return None
    told_before = [e for e in transfers if e.match.start < event.match.start]
    if told_before and all(_is_headline(e.sent) for e in told_before) and _long_before_publication(event):
        return False
    return bool(told_before)


# Verbs of being held: in the present tense, after a hand-over told as past, the person is
# held where they were sent ("находится в СИЗО в Душанбе").
STATE_LEMMAS = {"находиться", "содержаться", "оставаться"}


def _held_now(event: RawEvent) -> bool:
    verb = event.sent.doc[event.match.start]
    return verb.lemma_.lower() in STATE_LEMMAS and verb.morph.get("Tense") == ["Pres"] \
        and verb.morph.get("VerbForm") == ["Fin"]


NEWS_DAYS = 31  # a hand-over the headline announces happened within this many days of publication


def _long_before_publication(event: RawEvent) -> bool:
    """"В декабре прошлого года его задержали" under a headline of June: the headline's
    hand-over is the news, so an arrest months before publication came before it."""
    published = event.sent.doc._.exwatch_published
    if not event.date or published is None:
        return False
    last = _period_end(event.date)
    return last is not None and (published - last).days > NEWS_DAYS


def _period_end(value: str) -> dt.date | None:
    """The last day of "2024", "2024-12" or "2024-12-05"."""
    parts = [int(part) for part in value.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        year, month = parts[0], parts[1] if len(parts) == 2 else 12
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    except (ValueError, IndexError):
        return None


def _is_headline(sent: Span) -> bool:
    """The article's first line when it has no final stop: a headline tells the news of the
    day, and the story then goes back to what came before it."""
    if sent.start != 0:
        return False
    text = sent.text.rstrip()
    line_break = "\n" in (sent.text[len(text):] + sent.doc.text[sent.end_char:sent.end_char + 1])
    return bool(text) and not text.endswith((".", "!", "?", "…")) and line_break


def _same_period(value: str, reference: str) -> bool:
    """"2025-03" and "2025-03-19": one contains the other, so the order is unknown."""
    return len(value) != len(reference) and (value.startswith(reference) or reference.startswith(value))


def consolidate(state: ArticleState) -> list[EventMention]:
    """One event per (person, stage), reported by its first mention and dated by the
    earliest date any mention gives: the court's order, not the appeal that upheld it."""
    first: dict[tuple[int, Stage], RawEvent] = {}
    earliest: dict[tuple[int, Stage], RawEvent] = {}
    for event in state.events:
        key = (id(event.person), event.stage)
        first.setdefault(key, event)
        if event.date and (key not in earliest or earlier(event.date, earliest[key].date)):
            earliest[key] = event
    result = []
    for key, event in first.items():
        event = earliest.get(key, event)
        person_votes = PlaceVotes()
        for other in state.events:
            if other.person is event.person:
                person_votes.add(other.places)
        host, destination = choose(person_votes, state.places)
        if not _is_cross_border(event.person, host, destination, state.events):
            continue
        if event.stage in ASYLUM_STAGES:
            host = _asylum_country(event.person, state.events, destination) or host
        result.append(EventMention(
            person=event.person.name,
            stage=event.stage,
            host_country=host,
            destination_country=destination,
            date=event.date,
            date_precision=event.precision,
            evidence=event.sent.text.strip(),
        ))
    return result


ASYLUM_STAGES = {Stage.ASYLUM_SOUGHT, Stage.ASYLUM_GRANTED}


def _asylum_country(person: Person, events: list[RawEvent], destination: str | None) -> str | None:
    """"получил статус беженца в Германии" after a release in Armenia: protection sought or
    granted in a third country has that country as its host; the one country the person's
    asylum events happen in."""
    places = {code for e in events if e.person is person and e.stage in ASYLUM_STAGES
              for code in e.locations if code != destination}
    return places.pop() if len(places) == 1 else None


# Stages that only an extradition-type case has; an arrest, a charge or a release may be
# purely domestic news.
CROSS_BORDER_STAGES = {Stage.EXTRADITION_REQUESTED, Stage.EXTRADITION_ORDERED, Stage.TRANSFERRED,
                       Stage.EXTRADITION_REFUSED, Stage.ASYLUM_SOUGHT, Stage.ASYLUM_GRANTED}


def _is_cross_border(person: Person, host: str | None, destination: str | None, events: list[RawEvent]) -> bool:
    """Two countries, or a stage that implies two: otherwise a domestic arrest or trial
    ("Бхутто освобождена из-под домашнего ареста"), not a case."""
    if any(e.person is person and e.stage in CROSS_BORDER_STAGES for e in events):
        return True
    return bool(host and destination) and _extradition_story(events)


def _extradition_story(events: list[RawEvent]) -> bool:
    if not events:
        return False
    text = events[0].sent.doc.text.lower()
    return any(stem in text for stem in relevance_stems(CROSS_BORDER_FILE))
