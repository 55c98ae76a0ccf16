"""'the activist', 'the 34-year-old', 'a Chechen man': role nouns that stand for a named person.

A definite role noun is the person earlier introduced with that noun ("blogger X ... the
blogger") when only one was, else the most recent non-official person of a compatible
gender. An indefinite one in the lede ("A Chechen man who says he fled ...") is the first
person named after it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.components.people.gender import Gender
from nlp.components.people.index import Mention, PeopleIndex, Person

# How far (in tokens) the lede's "a man" may be from the name that introduces him.
LEDE_NAME_WINDOW = 120
# Determiners that make a role noun someone new or no one: "another activist", "no blogger".
NOT_DEFINITE = ("a", "an", "another", "no", "every", "any")


class NominalMentions:
    def __init__(self, words: dict[str, frozenset[str]], gender: Gender):
        self.words = words
        self.gender = gender

    def add_lede_nominal(self, doc: Doc, index: PeopleIndex) -> None:
        """'A Chechen man who says he fled ...' in the lede is the first person named after it."""
        first_name = min((m.start for m in index.mentions), default=None)
        for token in doc:
            if first_name is not None and token.i >= first_name:
                return
            # "a Chechen": a nationality used as a noun is a role noun too
            nationality = token.ent_type_ == "NORP" and token.pos_ != "ADJ"
            role_noun = token.lower_ in self.words["subject_noun"] or nationality
            if not role_noun or token.tag_ in ("NNS", "NNPS") or token.dep_ == "compound":
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            following = [m for m in index.mentions if m.start > token.i and m.kind == "name"]
            if (following and following[0].start - token.i < LEDE_NAME_WINDOW
                    and not index.person(following[0].person).official
                    and len(index.person(following[0].person).tokens) > 1):
                index.add_mention(Mention(token.i, token.i + 1, following[0].person, "nominal"))
            return  # only the first indefinite role noun of the lede

    def add(self, doc: Doc, index: PeopleIndex) -> None:
        """Definite role nouns anywhere: 'the blogger', 'his brother', 'the 34-year-old'."""
        described = self.descriptions(doc, index)
        for token in doc:
            if token.i in index.by_token or not self.is_definite_role_noun(token):
                continue
            gender = self.gender.of_noun(token)
            person = described_before(index, described, token) or index.topic_before(token.i, gender)
            if person is not None:
                index.add_mention(Mention(token.i, token.i + 1, person.key, "nominal"))

    def descriptions(self, doc: Doc, index: PeopleIndex) -> dict[int, set[str]]:
        """Role nouns written with a name: "video blogger X", "X, a blogger" -> {"blogger"}."""
        described: dict[int, set[str]] = {}
        for mention in index.mentions:
            if mention.kind != "name":
                continue
            span = doc[mention.start:mention.end]
            nouns = [t for t in doc[max(mention.start - 3, 0):mention.start] if t.sent == span.sent]
            nouns += [c for c in span.root.children if c.dep_ == "appos"]
            if span.root.dep_ == "appos":
                nouns.append(span.root.head)
            words = {t.lower_ for t in nouns if t.lower_ in self.words["subject_noun"]}
            if words:
                described.setdefault(mention.person, set()).update(words)
        return described

    def is_definite_role_noun(self, token: Token) -> bool:
        lower = token.lower_
        if not (lower in self.words["subject_noun"] or lower.endswith("year-old") or _age_noun(token)):
            return False
        if token.tag_ in ("NNS", "NNPS") or token.dep_ == "compound":
            return False  # "activists", "the activist group": not one person
        return any(c.dep_ in ("det", "poss") and c.lower_ not in NOT_DEFINITE for c in token.children)


def described_before(index: PeopleIndex, described: dict[int, set[str]], token: Token) -> Person | None:
    """'The blogger' is the person introduced as a blogger, when only one was."""
    keys = {key for key, words in described.items()
            if token.lower_ in words and not index.person(key).official
            and any(m.person == key and m.start < token.i for m in index.mentions)}
    return index.person(keys.pop()) if len(keys) == 1 else None


def _age_noun(token: Token) -> bool:
    """'the 34-year-old', which the tokenizer splits into 34 - year - old."""
    doc = token.doc
    return (token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-"
            and doc[token.i - 2].lower_ in ("year", "years"))
