"""`exwatch_ru_events`: people and extradition events of a Russian article.

match triggers -> drop hypothetical ones -> find each one's subject -> stage adjustments
(a charge before the hand-over is `wanted`) -> one event per (person, stage), dated by the
first mention that gives a date -> every event of a person shares the case's countries.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.dates import find_dates
from nlp.extensions import register_extensions
from nlp.ru.anaphoric_dates import resolve_anaphoric_dates
from nlp.ru.lexicon import (
    MODALITY_FILE,
    ROLES_FILE,
    TRIGGERS_FILE,
    date_anaphora,
    lemma_set,
    trigger_patterns,
)
from nlp.ru.modality import ASSERTED, FUTURE, modality
from nlp.ru.people import People, Person, resolve_people
from nlp.ru.places import PlaceVotes, choose, country_tokens, locations, sentence_places
from nlp.ru.clauses import belongs_with
from nlp.ru.subjects import SubjectFinder, role_marked_people
from nlp.ru.triggers import TriggerMatch, find_triggers
from nlp.types import DatePrecision, EventMention, PersonMention, Role, Stage


# Cues that do not cancel a pattern marked `ignore_modality`: asking, trying and intending
# to get asylum is seeking it; a negation or a "may" still cancels.
EXEMPTABLE_CUES = ("intent", "demand", "fear", "threat", "against")


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



class RussianEventExtractor:
    def __init__(self, nlp: Language, name: str, triggers_file: str, modality_file: str, roles_file: str):
        register_extensions()
        self.name = name
        self.patterns = trigger_patterns(triggers_file)
        self.cues = lemma_set(modality_file)
        self.exempt_cues = lemma_set(modality_file, kinds=EXEMPTABLE_CUES)
        self.role_lemmas = lemma_set(roles_file, exclude=("possessor",))
        self.possessor_lemmas = lemma_set(roles_file, kinds=("possessor",))

    def __call__(self, doc: Doc) -> Doc:
        if not doc._.exwatch_relevant:
            doc._.exwatch_people, doc._.exwatch_events = [], []
            return doc
        people = resolve_people(doc)
        excluded = role_marked_people(doc, people, self.role_lemmas)
        finder = SubjectFinder(doc, people, excluded, self.possessor_lemmas)
        state = self._walk(doc, people, finder)
        doc._.exwatch_events = _consolidate(state)
        doc._.exwatch_people = _people(people, doc._.exwatch_events)
        return doc

    def _stage(self, doc: Doc, match: TriggerMatch) -> Stage | None:
        """The stage the trigger asserts: its own, the announced one of a future form
        ("её экстрадируют"), or None when it is only feared, possible or denied."""
        mood = modality(doc, match, self.cues, self.exempt_cues)
        if mood == ASSERTED:
            return match.pattern.stage
        if mood == FUTURE:
            return match.pattern.if_future
        return None

    def _walk(self, doc: Doc, people: People, finder: SubjectFinder) -> ArticleState:
        state = ArticleState()
        countries = country_tokens(doc)
        dates = _date_tokens(doc)
        matches = find_triggers(doc, self.patterns)
        for match in matches:  # countries count even where the event itself does not
            state.places.add(sentence_places(match, match.pattern.stage, countries))
        stages = {id(m): self._stage(doc, m) for m in matches}
        asserted = [m for m in matches if stages[id(m)] is not None]
        finder.unlock_arguments(asserted)
        for match in asserted:
            stage = stages[id(match)]
            sent = doc[match.anchor].sent
            places = sentence_places(match, stage, countries)
            subjects = finder.subjects(match) or _carried_over(state, sent, people)
            date = _event_date(doc, match, dates)
            where = locations(match, countries)
            for person in subjects:
                state.events.append(RawEvent(person, stage, match, sent, places, *date, where))
            if subjects:
                state.last_subjects, state.last_sent_start = subjects, sent.start
                if len(subjects) > 1:
                    finder.last_group = list(subjects)
        for event in state.events:
            stage = _adjusted_stage(event, state.events, state.places)
            if stage is not event.stage:
                event.stage = stage
                event.places = sentence_places(event.match, stage, countries)
        return state


def _carried_over(state: ArticleState, sent: Span, people: People) -> list[Person]:
    """A trigger with nobody named ("апелляцию отклонили в марте") continues the sentence
    before, or its own sentence, when they were about one person and this one names nobody."""
    if state.last_sent_start is None or len(state.last_subjects) != 1:
        return []
    if any(people.at(t.i) for t in sent):
        return []
    if state.last_sent_start == sent.start or _only_space_between(sent, state.last_sent_start):
        return list(state.last_subjects)
    return []


def _only_space_between(sent: Span, last_start: int) -> bool:
    """True when the last subject's sentence is the one right before this one."""
    doc = sent.doc
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i >= 0 and doc[i].sent.start == last_start


def _adjusted_stage(event: RawEvent, events: list[RawEvent], article: PlaceVotes) -> Stage:
    """A charge or an arrest is `wanted`/`detained` before the hand-over and `prosecuted`
    after it: by dates when both are known, else by where it happens (the host or the
    destination of the case), else by the order of telling."""
    pattern = event.match.pattern
    if not (pattern.before_transfer or pattern.after_transfer):
        return event.stage
    transfers = [e for e in events if e.person is event.person and e.stage is Stage.TRANSFERRED]
    after = bool(transfers) and _after_transfer(event, transfers, article)
    if after:
        return pattern.after_transfer or pattern.stage
    return pattern.before_transfer or pattern.stage


def _after_transfer(event: RawEvent, transfers: list[RawEvent], article: PlaceVotes) -> bool:
    transfer_dates = sorted(e.date for e in transfers if e.date)
    if event.date and transfer_dates:
        return _not_before(event.date, transfer_dates[0])
    host, destination = choose(PlaceVotes(), article)
    here = event.locations
    if destination in here and host not in here:
        return True
    if host in here and destination not in here:
        return False
    return any(e.match.start < event.match.start for e in transfers)


def _not_before(value: str, reference: str) -> bool:
    """Compare dates of any precision on their common prefix ("2025-04" vs "2025-04-01")."""
    length = min(len(value), len(reference))
    return value[:length] >= reference[:length]


def _date_tokens(doc: Doc) -> list[tuple[Token, str, DatePrecision]]:
    found = []
    mentions = find_dates(doc.text, published=doc._.exwatch_published, language="ru")
    mentions = [*mentions, *resolve_anaphoric_dates(doc.text, mentions, date_anaphora())]
    for mention in mentions:
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is not None and mention.value:
            found.append((span.root, mention.value, mention.precision))
    return found


def _event_date(doc: Doc, match: TriggerMatch, dates) -> tuple[str | None, DatePrecision | None]:
    """The nearest date that belongs with the trigger (see `nlp.ru.clauses`)."""
    sent = doc[match.anchor].sent
    best, best_distance = (None, None), None
    for token, value, precision in dates:
        if not (sent.start <= token.i < sent.end):
            continue
        if not belongs_with(doc, token, match.tokens, match.anchor):
            continue
        distance = min(abs(token.i - i) for i in match.tokens)
        if best_distance is None or distance < best_distance:
            best, best_distance = (value, precision), distance
    return best


def _consolidate(state: ArticleState) -> list[EventMention]:
    """One event per (person, stage), reported by its first mention and dated by the
    earliest date any mention gives: the court's order, not the appeal that upheld it."""
    first: dict[tuple[int, Stage], RawEvent] = {}
    earliest: dict[tuple[int, Stage], RawEvent] = {}
    for event in state.events:
        key = (id(event.person), event.stage)
        first.setdefault(key, event)
        if event.date and (key not in earliest or _earlier(event.date, earliest[key].date)):
            earliest[key] = event
    result = []
    for key, event in first.items():
        event = earliest.get(key, event)
        person_votes = PlaceVotes()
        for other in state.events:
            if other.person is event.person:
                person_votes.add(other.places)
        host, destination = choose(person_votes, state.places)
        if host is None and destination is None:
            continue  # no second country anywhere: a domestic arrest, not an extradition
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


def _earlier(value: str, reference: str) -> bool:
    return not _not_before(value, reference)


def _people(people: People, events: list[EventMention]) -> list[PersonMention]:
    subjects = {event.person for event in events}
    return [
        PersonMention(
            name=person.name,
            role=Role.SUBJECT if person.name in subjects else Role.OTHER,
            variants=person.variants,
        )
        for person in people.persons
    ]


@Language.factory(
    "exwatch_ru_events",
    default_config={"triggers_file": TRIGGERS_FILE, "modality_file": MODALITY_FILE, "roles_file": ROLES_FILE},
    # doc._.exwatch_published is read too, but set by the caller before the pipeline runs.
    requires=["doc.ents", "token.lemma", "token.dep"],
    assigns=["doc._.exwatch_people", "doc._.exwatch_events"],
)
def make_ru_events(nlp: Language, name: str, triggers_file: str, modality_file: str,
                   roles_file: str) -> RussianEventExtractor:
    return RussianEventExtractor(nlp, name, triggers_file, modality_file, roles_file)
