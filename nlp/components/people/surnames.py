"""Later mentions of a known person by a word of their name that the NER did not tag.

"Artyom Solovtsov ... Solovtsov said": the NER often misses the bare surname or labels it a
place (GPE). Every capitalised word of a known name becomes a name mention of that person,
widened over the rest of the name when it is written in full.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from nlp.components.people.index import Mention, PeopleIndex, Person
from nlp.components.people.linking import most_mentioned
from nlp.components.people.names import looks_like_name_word
from nlp.components.people.officials import Officials


class SurnameMentions:
    def __init__(self, words: dict[str, frozenset[str]], is_place: Callable[[str], bool], officials: Officials):
        self.words = words
        self.is_place = is_place
        self.officials = officials

    def add(self, doc: Doc, index: PeopleIndex) -> None:
        """Name words the NER missed or mislabelled ("Solovtsov" as GPE) after the full name."""
        known = _known_name_words(index)
        for token in doc:
            if token.i in index.by_token or token.lower_ not in known or not token.text[:1].isupper():
                continue
            candidates = known[token.lower_]
            person = candidates[0] if len(candidates) == 1 else most_mentioned(index, candidates, token.i)
            start, end = self.widen(doc, index, person, token.i)
            person.variants.add(doc[start:end].text)
            person.official = person.official or self.officials.is_official(doc[start:end])
            index.add_mention(Mention(start, end, person.key, "name"))

    def widen(self, doc: Doc, index: PeopleIndex, person: Person, i: int) -> tuple[int, int]:
        """The span of the name around word `i`, over the rest of the name when it is written
        in full ("Artyom Solovtsov"); a one-word name gains the untagged first name written
        before it this time."""
        start, end = i, i + 1
        while start > 0 and doc[start - 1].lower_ in person.lower_tokens and doc[start - 1].i not in index.by_token:
            start -= 1
        if (len(person.tokens) == 1 and start > 0 and doc[start - 1].i not in index.by_token
                and doc[start - 1].pos_ == "PROPN" and looks_like_name_word(doc[start - 1].text)
                and doc[start - 1].lower_ not in self.words["title"] and not self.is_place(doc[start - 1].text)):
            start -= 1
            person.tokens = (doc[start].text,) + person.tokens
        while end < len(doc) and doc[end].lower_ in person.lower_tokens and doc[end].i not in index.by_token:
            end += 1
        return start, end


def _known_name_words(index: PeopleIndex) -> dict[str, list[Person]]:
    """Each word of every name so far -> the people whose name has it."""
    known: dict[str, list[Person]] = {}
    for person in index.people:
        for word in person.lower_tokens:
            if len(word) > 2:  # "al", "de", initials: too short to stand for one person
                known.setdefault(word, []).append(person)
    return known
