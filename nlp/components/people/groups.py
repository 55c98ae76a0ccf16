"""'them', 'both men', 'the couple': references to two or more named people at once.

Kept on `PeopleIndex.groups` (token index -> person keys) so an event whose subject is
"them" happens to each of the people named together.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.components.people.index import PeopleIndex

# A group reference more sentences after the coordinated names is too far to trust.
MAX_GROUP_SENTENCES = 5


def add_group_references(doc: Doc, index: PeopleIndex, pair_nouns: frozenset[str] = frozenset()) -> None:
    """'Orazov and Hojayev were detained ... orders against them': the last named pair."""
    last_group, last_sentence = None, None
    for token in doc:
        if token.i in index.by_token and any(c.dep_ == "cc" for c in token.children):
            people = _coordinated_people(index, token)
            if len(people) > 1:
                last_group, last_sentence = people, token.sent.start
        elif last_group and is_group_reference(token):
            sentences_back = len({t.sent.start for t in doc[last_sentence:token.i + 1]})
            if sentences_back <= MAX_GROUP_SENTENCES:
                index.groups[token.i] = last_group
            elif is_counted_pair(token):
                add_recent_pair(doc, index, token, pair_nouns)
        elif is_counted_pair(token):
            add_recent_pair(doc, index, token, pair_nouns)


def _coordinated_people(index: PeopleIndex, token: Token) -> tuple[int, ...]:
    """The non-official people named in 'X and Y' (or 'X, Y and Z') headed by `token`."""
    members = {index.by_token[token.i]}
    members |= {index.by_token[c.i] for c in token.children
                if c.dep_ in ("conj", "nmod") and c.i in index.by_token}
    members |= {index.by_token[c.i] for c in token.conjuncts if c.i in index.by_token}
    return tuple(sorted(k for k in members if not index.person(k).official))


def is_counted_pair(token: Token) -> bool:
    """'both brothers', 'the two men', 'the couple'."""
    if token.lower_ in ("couple", "pair") and any(c.lower_ == "the" for c in token.children):
        return True
    return token.tag_ == "NNS" and any(c.lower_ in ("both", "two") for c in token.children)


def add_recent_pair(doc: Doc, index: PeopleIndex, token: Token, pair_nouns: frozenset[str] = frozenset()) -> None:
    """'Firuz Nazarov ..., while his brother Jamshed Nazarov ... Both brothers were detained':
    the two people named in the sentence before or this one, when exactly two are."""
    start = token.sent.start
    earliest = doc[start - 1].sent.start if start > 0 else start
    named = _named_between(index, earliest, token.i)
    if len(named) != 2 and token.lemma_.lower() in pair_nouns:
        # "Both men were detained on 12 January" closing a story about two people named apart
        # (not "held two small demonstrations")
        named = [k for k in _named_between(index, 0, token.i) if len(index.person(k).tokens) > 1]
    if len(named) == 2:
        index.groups[token.i] = tuple(sorted(named))


def _named_between(index: PeopleIndex, start: int, end: int) -> list[int]:
    named = []
    for mention in index.mentions:
        if start <= mention.start < end and mention.kind == "name":
            person = index.person(mention.person)
            if not person.official and person.key not in named:
                named.append(person.key)
    return named


def is_group_reference(token: Token) -> bool:
    lower = token.lower_
    if lower in ("them", "both", "couple", "pair"):
        return True
    return token.tag_ == "NNS" and any(c.lower_ in ("both", "two") for c in token.children)
