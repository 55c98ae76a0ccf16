"""'he', 'her', 'him': which person a third-person pronoun refers to.

A simple Hobbs-like search: back through the pronoun's sentence, then up to three sentences
before it, preferring the mention highest in the parse tree. Officials are never antecedents
(the events component must not hand an event to the judge), and gender must agree.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.components.people.gender import Gender
from nlp.components.people.index import Mention, PeopleIndex, Person, compatible_gender

# The pronoun's own sentence and up to three before it.
SENTENCES_SEARCHED = 4


class PronounMentions:
    def __init__(self, gender: Gender):
        self.gender = gender

    def add(self, doc: Doc, index: PeopleIndex) -> None:
        for token in doc:
            gender = self.gender.of_pronoun(token)
            if gender is None:
                continue
            person = antecedent(doc, index, token, gender)
            if person is not None:
                index.add_mention(Mention(token.i, token.i + 1, person.key, "pronoun"))


def antecedent(doc: Doc, index: PeopleIndex, pronoun: Token, gender: str) -> Person | None:
    """Earlier in the pronoun's sentence, then sentence by sentence backwards: the person in
    subject position first, else the first one named. An object pronoun never points to
    the subject of its own verb ("Ayşe reported him missing")."""
    governor = _adverbial_governor_subject(index, pronoun, gender)
    if governor is not None:
        return governor
    sentence = pronoun.sent
    excluded = _own_subject_tokens(pronoun)
    for _ in range(SENTENCES_SEARCHED):
        candidates = []
        for mention in index.mentions:
            if not (sentence.start <= mention.start < sentence.end) or mention.start >= pronoun.i:
                continue
            if mention.start in excluded:
                continue
            person = index.person(mention.person)
            if person.official or not compatible_gender(person.gender, gender):
                continue
            candidates.append((mention, person))
        if candidates:
            return min(candidates, key=lambda item: _rank(doc, item[0], sentence, pronoun))[1]
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
    return _protagonist(index, pronoun, gender)


def _protagonist(index: PeopleIndex, pronoun: Token, gender: str) -> Person | None:
    """After a stretch of sentences naming nobody ("The hearings dragged on. The ruling came
    in October. ..."), a news story's 'he' is its protagonist: the person named most often
    so far, if no one else is named as often."""
    counts: dict[int, int] = {}
    for mention in index.mentions:
        if mention.start >= pronoun.i:
            continue
        person = index.person(mention.person)
        if not person.official and compatible_gender(person.gender, gender):
            counts[person.key] = counts.get(person.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return index.person(ranked[0][0])


def _own_subject_tokens(pronoun: Token) -> set[int]:
    """The tokens of the subject of the verb an object pronoun depends on."""
    excluded = set()
    if pronoun.dep_ in ("dobj", "dative", "pobj"):
        verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                excluded.update(t.i for t in child.subtree)
    return excluded


def _rank(doc: Doc, mention: Mention, sentence: Span, pronoun: Token) -> tuple[int, int]:
    """Hobbs-like: the mention highest in the tree (subjects a step higher), then the latest
    in the pronoun's own sentence, the earliest in earlier ones."""
    span = doc[mention.start:mention.end]
    depth = _depth(span.root) - (1 if _in_subject(span) else 0)
    order = -mention.start if sentence == pronoun.sent else mention.start
    return depth, order


def _adverbial_governor_subject(index: PeopleIndex, pronoun: Token, gender: str) -> Person | None:
    """'Jamshed walked free after prosecutors declined to hand HIM over': an object pronoun
    in an adverbial clause is the named subject of the clause it modifies."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return None
    node, steps = pronoun, 0
    while node.dep_ != "advcl" and node.head != node and steps < 6:
        node, steps = node.head, steps + 1
    if node.dep_ != "advcl":
        return None
    for child in node.head.children:
        person = index.at(child) if child.dep_ in ("nsubj", "nsubjpass") else None
        if person is not None and not person.official and compatible_gender(person.gender, gender):
            return person
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _in_subject(span: Span) -> bool:
    """The span is a subject, or hangs off one as apposition, compound or conjunct."""
    node = span.root
    while node.dep_ in ("appos", "compound", "conj") and node.head != node:
        node = node.head
    return node.dep_ in ("nsubj", "nsubjpass")
