"""Which person a name is: one `Person` per individual, however often and however fully named.

"Solovtsov" then "Artyom Solovtsov" are one person, who keeps the fuller name; a bare
surname two people share ("Karataş" of Selim and of Ayşe) goes to the one talked about most.
"""
from __future__ import annotations

from spacy.tokens import Span

from nlp.components.people.gender import Gender
from nlp.components.people.index import Mention, PeopleIndex, Person
from nlp.components.people.names import strip_possessive
from nlp.components.people.officials import Officials


class NameLinker:
    def __init__(self, gender: Gender, officials: Officials):
        self.gender = gender
        self.officials = officials

    def add_name(self, index: PeopleIndex, span: Span) -> Person:
        """Record a name mention, creating its person or updating the one it names."""
        words = tuple(strip_possessive(t.text) for t in span)
        person = find_person(index, words, span.start)
        if person is None:
            person = Person(key=len(index.people), tokens=words)
            index.people.append(person)
        elif len(words) > len(person.tokens):
            person.tokens = words
        person.variants.add(span.text)
        person.gender = person.gender or self.gender.of_name(span)
        person.official = person.official or self.officials.is_official(span)
        person.soft_role = person.soft_role or self.officials.is_soft_role(span)
        index.add_mention(Mention(span.start, span.end, person.key, "name"))
        return person


def find_person(index: PeopleIndex, words: tuple[str, ...], position: int) -> Person | None:
    """The person already in `index` that the name `words` (at token `position`) names."""
    lower = tuple(w.lower() for w in words)
    if len(lower) > 1:
        for person in index.people:
            theirs = person.lower_tokens
            if theirs == lower:
                return person
            # "Solovtsov" seen first, "Artyom Solovtsov" now: the same person, fuller name.
            if len(theirs) == 1 and theirs[0] == lower[-1]:
                return person
            if len(theirs) > 1 and theirs[0] == lower[0] and theirs[-1] == lower[-1]:
                return person
        return None
    candidates = [p for p in index.people if lower[0] in p.lower_tokens]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    return most_mentioned(index, candidates, position)


def most_mentioned(index: PeopleIndex, candidates: list[Person], position: int) -> Person:
    """An ambiguous surname ("Karataş" of Selim or Ayşe) is the most talked-about bearer."""
    counts = {p.key: 0 for p in candidates}
    for mention in index.mentions:
        if mention.person in counts and mention.start < position:
            counts[mention.person] += 1
    non_official = [p for p in candidates if not p.official] or candidates
    return max(non_official, key=lambda p: (counts[p.key], -p.key))
