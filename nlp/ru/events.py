"""`exwatch_ru_events`: people and extradition events of a Russian article.

match triggers (`triggers`) -> drop the feared, possible and denied ones (`modality`) ->
find whom each happens to (`subjects`), when (`event_dates`) and where (`places`) -> a
charge before the hand-over is `wanted`, one event per (person, stage), dated by the earliest
date given, and every event of a person shares the case's countries (`cases`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.extensions import register_extensions
from nlp.ru.cases import ArticleState, RawEvent, adjusted_stage, consolidate
from nlp.ru.event_dates import date_tokens, event_date
from nlp.ru.lexicon import MODALITY_FILE, ROLES_FILE, TRIGGERS_FILE, lemma_set, trigger_patterns
from nlp.ru.modality import ASSERTED, FUTURE, modality
from nlp.ru.people import People, Person, resolve_people
from nlp.ru.places import PlaceVotes, choose, country_tokens, locations, sentence_places
from nlp.ru.subjects import SubjectFinder, role_marked_people
from nlp.ru.triggers import TriggerMatch, find_triggers
from nlp.types import EventMention, PersonMention, Role, Stage


# Cues that do not cancel a pattern marked `ignore_modality`: asking, trying and intending
# to get asylum is seeking it; a negation or a "may" still cancels.
EXEMPTABLE_CUES = ("intent", "demand", "fear", "threat", "against")


class RussianEventExtractor:
    def __init__(self, nlp: Language, name: str, triggers_file: str, modality_file: str, roles_file: str):
        register_extensions()
        self.name = name
        self.patterns = trigger_patterns(triggers_file)
        self.cues = lemma_set(modality_file)
        self.exempt_cues = lemma_set(modality_file, kinds=EXEMPTABLE_CUES)
        self.role_lemmas = lemma_set(roles_file, exclude=("possessor",))
        self.relative_lemmas = lemma_set(roles_file, kinds=("relative",))
        self.possessor_lemmas = lemma_set(roles_file, kinds=("possessor",))

    def __call__(self, doc: Doc) -> Doc:
        if not doc._.exwatch_relevant:
            doc._.exwatch_people, doc._.exwatch_events = [], []
            return doc
        people = resolve_people(doc)
        excluded = role_marked_people(doc, people, self.role_lemmas)
        relatives = role_marked_people(doc, people, self.relative_lemmas)
        finder = SubjectFinder(doc, people, excluded, self.possessor_lemmas, relatives)
        state = self._walk(doc, people, finder)
        doc._.exwatch_events = consolidate(state)
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
        dates = date_tokens(doc)
        matches = find_triggers(doc, self.patterns)
        for match in matches:  # countries count even where the event itself does not
            state.places.add(sentence_places(match, match.pattern.stage, countries))
        stages = {id(m): self._stage(doc, m) for m in matches}
        asserted = [m for m in matches if stages[id(m)] is not None]
        _, destination = choose(PlaceVotes(), state.places)
        finder.unlock_arguments(asserted, destination, countries)
        for match in asserted:
            stage = stages[id(match)]
            sent = doc[match.anchor].sent
            places = sentence_places(match, stage, countries)
            subjects = finder.subjects(match)
            if not subjects and not finder.blocked:
                subjects = _carried_over(state, sent, people) or finder.answering(match)
            date = event_date(doc, match, dates)
            where = locations(match, countries)
            for person in subjects:
                state.events.append(RawEvent(person, stage, match, sent, places, *date, where))
            finder.known.update(id(person) for person in subjects)
            if subjects:
                state.last_subjects, state.last_sent_start = subjects, sent.start
                if len(subjects) > 1:
                    finder.last_group = list(subjects)
        adjusted = [(event, adjusted_stage(event, state.events, state.places)) for event in state.events]
        state.events = [event for event, stage in adjusted if stage is not None]
        for event, stage in adjusted:
            if stage is not None and stage is not event.stage:
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
