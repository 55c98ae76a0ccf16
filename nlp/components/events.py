"""`exwatch_events`: extradition-type events, their subject, countries and date.

match: stage triggers (DependencyMatcher) -> subjects (people index) -> modality;
story: "charged" becomes prosecuted after the person's transfer, wanted before; a
detention on arrival after a transfer is prosecution; one event per (person, stage),
the best-dated mention winning; countries: one host/destination pair per person, voted
over the article; set_annotations: `doc._.exwatch_events`, roles in `doc._.exwatch_people`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.components.case_countries import CaseBallot, CountryVoter
from nlp.components.event_dates import assign_dates, sentence_dates
from nlp.components.lexicon import word_sets
from nlp.components.modality import ModalityChecker
from nlp.components.people import PeopleIndex, people_mentions, register_people_extension
from nlp.components.prefilter import RelevanceLexicon
from nlp.components.subjects import people_for
from nlp.components.triggers import TriggerFinder, TriggerMatch
from nlp.types import DatePrecision, EventMention, Stage

# Stages only a case between two states has; an arrest, a charge or a release alone may be domestic.
CROSS_BORDER_STAGES = {"extradition_requested", "extradition_ordered", "transferred", "extradition_refused",
                       "asylum_sought", "asylum_granted"}
# A trigger's dependents that are clauses of their own: their places are not the trigger's.
OTHER_CLAUSES = ("advcl", "relcl", "ccomp", "conj", "npadvmod", "parataxis")
# Stages whose later mentions are further steps of one procedure, not new events.
FIRST_STEP_STAGES = {"extradition_ordered", "prosecuted"}
PRECISION_RANK = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1, None: 0}


@dataclass
class Found:
    """One asserted trigger for one person, before the article-level story is applied."""

    person: int
    stage: str
    match: TriggerMatch
    date: str | None = None
    precision: DatePrecision | None = None
    # a detention on arrival made prosecution: its date is the handover's, used only when no
    # other step of the prosecution is dated (guideline: the arrest does not date the event)
    on_arrival: bool = False
    # the person was the trigger's own argument, not the topic person it fell back to
    explicit: bool = True

    @property
    def position(self) -> int:
        return self.match.trigger.i


class EventExtractor:
    def __init__(self, triggers: TriggerFinder, modality: ModalityChecker, voter: CountryVoter,
                 story_words: dict[str, frozenset[str]], relevance: RelevanceLexicon, language: str = "en"):
        self.relevance = relevance
        self.triggers = triggers
        self.modality = modality
        self.voter = voter
        self.story_words = story_words
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        events, subjects = self.match(doc)
        self.set_annotations(doc, events, subjects)
        return doc

    # ------------------------------------------------------------------ match
    def match(self, doc: Doc) -> tuple[list[EventMention], set[int]]:
        index: PeopleIndex = doc._.exwatch_people_index or PeopleIndex()
        if not doc._.exwatch_relevant:
            return [], set()
        matches = self.triggers(doc)
        ballot = CaseBallot()
        found: list[Found] = []
        by_sentence: dict[int, list[TriggerMatch]] = defaultdict(list)
        for match in matches:
            by_sentence[match.trigger.sent.start].append(match)
        for sent_matches in by_sentence.values():
            sent = sent_matches[0].trigger.sent
            found += self.sentence_events(doc, sent, sent_matches, index, ballot)
        found = self.apply_story(found, doc)
        found = self.arrests_in_destination(found, doc, ballot)
        found = [f for f in found if not index.person(f.person).official]
        named = {f.person for f in found if f.explicit}
        found = [f for f in found if not index.person(f.person).soft_role or f.person in named]
        events = self.deduplicate(found, index, ballot, strong=self.relevance.has_strong_term(doc.text))
        return events, {index.people_key(e.person) for e in events}

    def sentence_events(self, doc: Doc, sent: Span, matches: list[TriggerMatch], index: PeopleIndex,
                        ballot: CaseBallot) -> list[Found]:
        found, people_of_match = [], {}
        for number, match in enumerate(matches):
            people, explicit = people_for(match, index)
            people_of_match[number] = people
            stage = match.rule.stage
            if self.is_order_not_to(match):
                stage = "extradition_refused"  # "ordered that he must not be deported"
            elif not self.modality.is_asserted(match.trigger, match.target, _undoing_nothing(match)):
                continue
            for person in people:
                found.append(Found(person.key, stage, match, explicit=explicit))
        self.vote_countries(doc, sent, matches, people_of_match, index, ballot)
        self.date_events(doc, sent, matches, found)
        return found

    def is_order_not_to(self, match: TriggerMatch) -> bool:
        return (match.rule.stage in ("extradition_ordered", "extradition_refused") and match.trigger != match.target
                and (match.rule.stage == "extradition_ordered" or match.rule.negated_target)
                and self.modality.is_negated(match.target)
                and self.modality.is_asserted(match.trigger, match.trigger))

    def vote_countries(self, doc, sent, matches, people_of_match, index, ballot) -> None:
        stages_at = {}
        for match in matches:
            stage = match.rule.stage
            if self.is_order_not_to(match):
                stage = "extradition_refused"
            elif self.modality.is_negated(match.trigger) or self.modality.is_negated(match.target):
                continue
            stages_at[match.target.i] = stage
            stages_at[match.trigger.i] = stage
        if not stages_at:
            return
        owner = {m.trigger.i: n for n, m in enumerate(matches)} | {m.target.i: n for n, m in enumerate(matches)}
        for mention in country_spans(doc, sent, self.language):
            vote = self.voter.votes(mention, stages_at, lambda t: index.at(t) is not None)
            if vote is None:
                continue
            number = _owner_match(mention, owner)
            if number is None:
                keys = {p.key for people in people_of_match.values() for p in people}
            else:
                keys = {p.key for p in people_of_match[number]}
            ballot.add(keys, vote)

    def date_events(self, doc, sent, matches, found: list[Found]) -> None:
        if not found:
            return
        dates = sentence_dates(sent, doc._.exwatch_published, self.language)
        if not dates:
            return
        anchors = {n: [m.trigger.i, m.target.i] for n, m in enumerate(matches)}
        chosen = assign_dates(dates, anchors, self.modality.report)
        for number, match in enumerate(matches):
            # "on Monday rejected the request and ordered his release": conjoined verbs share the date
            if number not in chosen and match.trigger.dep_ == "conj":
                for other, candidate in enumerate(matches):
                    if other in chosen and candidate.trigger == match.trigger.head:
                        chosen[number] = chosen[other]
                        break
        for item in found:
            number = matches.index(item.match)
            if number in chosen:
                item.date, item.precision = chosen[number]

    # ------------------------------------------------------------------ story
    def apply_story(self, found: list[Found], doc: Doc) -> list[Found]:
        transfers: dict[int, list[Found]] = defaultdict(list)
        for item in found:
            if item.stage == "transferred":
                transfers[item.person].append(item)
        arrival = self.story_words["arrival"]
        seizure = self.story_words.get("seizure", frozenset())
        # "seized by men in plain clothes and flown to Bishkek": the seizure is the abduction
        found = [item for item in found if not (
            item.stage == "detained" and item.match.trigger.lemma_.lower() in seizure
            and any(t.match.trigger.sent == item.match.trigger.sent for t in transfers[item.person]))]
        for item in found:
            sent_words = {t.lower_ for t in item.match.trigger.sent}
            after_transfer = any(self.is_after(item, t) for t in transfers[item.person])
            on_arrival = bool(sent_words & arrival)
            if item.stage == "charged":
                item.stage = "prosecuted" if transfers[item.person] and (after_transfer or on_arrival) else "wanted"
            elif item.stage == "detained" and transfers[item.person] and (
                    (on_arrival and not any(self.dated_before(item, t) for t in transfers[item.person]))
                    or any(self.dated_after(item, t) for t in transfers[item.person])):
                item.stage = "prosecuted"
                item.on_arrival = True
            elif item.stage == "detained" and any(_conjoined_after(item, t) for t in transfers[item.person]):
                item.stage = "prosecuted"  # "was put on a flight ... and detained at Vnukovo airport"
                item.on_arrival = True
        return found

    def arrests_in_destination(self, found: list[Found], doc: Doc, ballot: CaseBallot) -> list[Found]:
        """'deported him to Tajikistan on 14 March, and security officers arrested him the same
        day in Khujand': an arrest placed in the destination state after a transfer is prosecution."""
        transferred = {f.person for f in found if f.stage == "transferred"}
        keys = tuple(sorted({f.person for f in found}))
        for item in found:
            if item.stage != "detained" or item.person not in transferred:
                continue
            host, destination = ballot.case_of(item.person, tuple(k for k in keys if k != item.person))
            codes = self.places_of(item)
            if destination is not None and destination in codes and host not in codes:
                item.stage = "prosecuted"
        return found

    def places_of(self, item: Found) -> set[str]:
        """Countries the trigger's own clause names ("arrested him ... in Khujand")."""
        sent = item.match.trigger.sent
        trigger = item.match.trigger
        clause = set(t.i for t in trigger.subtree)
        for child in trigger.children:
            if child.dep_ in OTHER_CLAUSES:  # "days after he went missing in the Georgian capital"
                clause -= {t.i for t in child.subtree}
        return {span.label_ for span in country_spans(sent.doc, sent, self.language)
                if span.root.i in clause and self.is_location(span)}

    @staticmethod
    def is_location(span: Span) -> bool:
        """'in Khujand', 'at Dushanbe airport' (not 'to Tajikistan', not 'Uzbek prosecutors')."""
        root = span.root
        if root.dep_ == "compound" and root.head.lemma_.lower() in ("court", "prison", "jail", "airport", "police"):
            return True  # "a Baku court remanded him", "at Vnukovo airport"
        while root.dep_ == "compound" and root.head != root:
            root = root.head
        return root.dep_ == "pobj" and root.head.lower_ in ("in", "at")

    @staticmethod
    def dated_before(item: Found, transfer: Found) -> bool:
        """"detained in November, days after arriving" is no arrest on the way back."""
        return _date_order(item.date, transfer.date) < 0

    @staticmethod
    def dated_after(item: Found, transfer: Found) -> bool:
        """Later at the precision both dates share: March is not after "this year"."""
        return _date_order(item.date, transfer.date) > 0

    @staticmethod
    def is_after(item: Found, transfer: Found) -> bool:
        if item.date and transfer.date:
            return item.date >= transfer.date[: len(item.date)]
        same_sentence = item.match.trigger.sent == transfer.match.trigger.sent
        return item.position > transfer.position or same_sentence

    # ------------------------------------------------------------------ output
    def deduplicate(self, found: list[Found], index: PeopleIndex, ballot: CaseBallot,
                    strong: bool = True) -> list[EventMention]:
        best: dict[tuple[int, str], Found] = {}
        for item in found:
            key = (item.person, item.stage)
            current = best.get(key)
            if current is None or _better_dated(item, current):
                best[key] = item
        keys = tuple(sorted({f.person for f in found}))
        cases = {key: ballot.case_of(key, tuple(k for k in keys if k != key)) for key in keys}
        cross_border = {item.person for item in best.values() if item.stage in CROSS_BORDER_STAGES}
        events = []
        for item in sorted(best.values(), key=lambda f: f.position):
            host, destination = cases[item.person]
            if not strong and (destination is None or destination == host):
                continue  # an arrest with no foreign state and no extradition word: local crime news
            if item.person not in cross_border and (destination is None or host == destination):
                continue  # "his brother was arrested in Tashkent last year": one country, no case
            if item.person not in cross_border and self.at_home(item, host, destination):
                continue  # "his younger brother was detained in Grozny": at home, not abroad
            if self.is_host_trial(item, host, destination):
                continue
            events.append(EventMention(
                person=index.person(item.person).name,
                stage=Stage(item.stage),
                host_country=host,
                destination_country=destination,
                date=item.date,
                date_precision=item.precision,
                evidence=" ".join(item.match.trigger.sent.text.split()),
            ))
        return events

    def at_home(self, item: Found, host: str | None, destination: str | None) -> bool:
        """An arrest or release its own clause places in the destination state only."""
        if item.stage not in ("detained", "released") or destination is None:
            return False
        codes = self.places_of(item)
        return destination in codes and host not in codes

    def is_host_trial(self, item: Found, host: str | None, destination: str | None) -> bool:
        """'A court in Bishkek sentenced local blogger X': a charge or verdict placed in the host
        country is a domestic trial there, not the destination state's wanted listing."""
        if item.match.rule.stage != "charged" or item.stage != "wanted" or host is None:
            return False
        sent = item.match.trigger.sent
        spans = country_spans(sent.doc, sent, self.language)
        court = {t.i for c in item.match.trigger.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
        if host in {span.label_ for span in spans if span.root.i in court}:
            return True  # "a Bishkek court sentenced ...", whatever else the sentence names
        codes = {span.label_ for span in spans}
        return host in codes and destination not in codes

    def set_annotations(self, doc: Doc, events: list[EventMention], subjects: set[int]) -> None:
        doc._.exwatch_events = events
        index = doc._.exwatch_people_index
        doc._.exwatch_people = people_mentions(index, subjects) if index is not None else []


def country_spans(doc: Doc, sent: Span, language: str) -> list[Span]:
    from nlp.countries import find_mentions

    spans = []
    for mention in find_mentions(sent.text, language):
        span = doc.char_span(sent.start_char + mention.start_char, sent.start_char + mention.end_char,
                             label=mention.code, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def _owner_match(mention: Span, owner: dict[int, int]) -> int | None:
    node, steps = mention.root, 0
    while steps < 12:
        if node.i in owner:
            return owner[node.i]
        if node.head == node:
            return None
        node, steps = node.head, steps + 1
    return None


@Language.factory(
    "exwatch_events",
    default_config={
        "triggers": "en_triggers.jsonl",
        "modality": "en_modality.jsonl",
        "country_cues": "en_countries_cues.jsonl",
        "people": "en_people.jsonl",
        "story": "en_story.jsonl",
        "prefilter": "en_prefilter.jsonl",
        "language": "en",
    },
    requires=["doc._.exwatch_people_index", "doc._.exwatch_relevant", "token.dep", "token.lemma"],
    assigns=["doc._.exwatch_events", "doc._.exwatch_people"],
)
def make_events(nlp: Language, name: str, triggers: str, modality: str, country_cues: str, people: str,
                story: str, prefilter: str, language: str) -> EventExtractor:
    register_people_extension()
    cue_words = word_sets(country_cues) | {"people_noun": word_sets(people)["people_noun"]}
    return EventExtractor(
        TriggerFinder.load(nlp.vocab, triggers),
        ModalityChecker.load(modality),
        CountryVoter(cue_words),
        word_sets(story),
        RelevanceLexicon.load(prefilter),
        language=language,
    )


# A claim turned down was still made: "an application for refugee status ... was rejected".
REJECTION_VERBS = frozenset({"reject", "deny", "refuse", "dismiss", "decline", "turn"})


def _undoing_nothing(match: TriggerMatch) -> frozenset[str]:
    if match.rule.stage == "asylum_sought" and match.trigger.pos_ == "NOUN":
        return REJECTION_VERBS
    return frozenset()


def _better_dated(item: Found, current: Found) -> bool:
    """The more precise date wins; a dated step of its own beats an arrival's borrowed date.
    A procedure told step by step (ordered, upheld, signed; charged, remanded, sentenced)
    is dated by its first step, as the annotation guidelines date it."""
    if item.date and current.date and item.on_arrival != current.on_arrival:
        return current.on_arrival
    if item.stage in FIRST_STEP_STAGES and _date_order(item.date, current.date) != 0:
        return _date_order(item.date, current.date) < 0
    return PRECISION_RANK[item.precision] > PRECISION_RANK[current.precision]


def _date_order(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 comparing ISO dates at the precision both share ("2025-03" vs "2025" is 0);
    0 when either is missing."""
    if not (a and b):
        return 0
    shared = min(len(a), len(b))
    return (a[:shared] > b[:shared]) - (a[:shared] < b[:shared])


def _conjoined_after(item: Found, transfer: Found) -> bool:
    """The detention verb is coordinated after the transfer verb: "was put on a flight to
    Moscow and detained at the airport"."""
    verb = item.match.trigger
    return verb.dep_ == "conj" and verb.head == transfer.match.trigger and verb.i > transfer.match.trigger.i
