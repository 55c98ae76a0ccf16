"""The people of one article, and which tokens refer to which of them.

`PeopleIndex` is what the `exwatch_people` component builds and the events component reads
(`doc._.exwatch_people_index`): the people (`Person`, fullest name seen), every mention of
them by name, pronoun or role noun (`Mention`), the groups "them" or "both men" stand for,
and name-like spans the NER labelled something else, kept aside until an event needs a person.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

@dataclass
class Person:
    key: int  # position in PeopleIndex.people
    tokens: tuple[str, ...]  # the fullest name's words as written
    gender: str | None = None  # "m", "f" or None
    official: bool = False
    # a role dissidents hold too (editor, coordinator): a subject only as an event's named argument
    soft_role: bool = False
    variants: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def lower_tokens(self) -> tuple[str, ...]:
        return tuple(t.lower() for t in self.tokens)


@dataclass(frozen=True)
class Mention:
    start: int  # token indices, end exclusive
    end: int
    person: int
    kind: str  # "name", "pronoun" or "nominal"


@dataclass
class PeopleIndex:
    people: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # kept in text order
    # token index -> key of the person the mention covering it refers to
    by_token: dict[int, int] = field(default_factory=dict)
    # token index -> person keys, for "them", "both men", "the couple" after "X and Y"
    groups: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # token index -> (start, end, words) of name-like spans the NER gave another label
    latent: dict[int, tuple[int, int, tuple[str, ...]]] = field(default_factory=dict)

    def add_mention(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: m.start)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention.person

    def person(self, key: int) -> Person:
        return self.people[key]

    def people_key(self, name: str) -> int | None:
        return next((p.key for p in self.people if p.name == name), None)

    def at(self, token: Token) -> Person | None:
        """The person a token refers to, looking through appositions and relative pronouns."""
        key = self.by_token.get(token.i)
        if key is not None:
            return self.people[key]
        if token.lower_ in ("who", "whom", "that") and token.head.dep_ == "relcl":
            return self.at(token.head.head)
        if token.dep_ in ("appos", "compound") and token.head.i in self.by_token:
            return self.people[self.by_token[token.head.i]]
        if token.tag_ in ("NNS", "NNPS"):
            return None  # "Gülen suspects", "Tajik men": a group, not the named person
        for child in token.children:
            if child.dep_ in ("compound", "appos", "flat", "nmod") and child.i in self.by_token:
                return self.people[self.by_token[child.i]]
        return self.recover(token)

    def recover(self, token: Token) -> Person | None:
        """A name the NER labelled ORG or GPE, claimed now because an event needs a person."""
        span = self.latent.get(token.i)
        if span is None:
            return None
        start, end, words = span
        lower = tuple(w.lower() for w in words)
        person = next((p for p in self.people if p.lower_tokens == lower or
                       (len(p.tokens) == 1 and p.lower_tokens[0] == lower[-1]) or
                       (len(lower) == 1 and lower[0] in p.lower_tokens)), None)
        if person is None:
            person = Person(key=len(self.people), tokens=words)
            self.people.append(person)
        elif len(words) > len(person.tokens):
            person.tokens = words
        person.variants.add(" ".join(words))
        self.add_mention(Mention(start, end, person.key, "name"))
        return person

    def topic_before(self, index: int, gender: str | None = None) -> Person | None:
        """The most recently mentioned non-official person before token `index`."""
        for mention in reversed(self.mentions):
            if mention.start >= index:
                continue
            person = self.people[mention.person]
            if person.official or person.soft_role or not compatible_gender(person.gender, gender):
                continue
            return person
        return None


def compatible_gender(a: str | None, b: str | None) -> bool:
    """Unknown gender (None) agrees with either: most names give no clue."""
    return a is None or b is None or a == b
