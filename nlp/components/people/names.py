"""Is this span a person's name? Cleaning the NER's PERSON spans, and the word tests that
every name finder shares.

The small English NER tags titles ("President"), possessives ("Orazov's"), paragraph labels
("Contact:"), acronyms ("FSB") and places ("Shirak province") as people; `NameCleaner.clean`
trims a span to the name inside it or rejects it.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

# A longer span is a phrase the NER ran together, not one name.
MAX_NAME_TOKENS = 4


class NameCleaner:
    def __init__(self, words: dict[str, frozenset[str]], is_place: Callable[[str], bool]):
        self.words = words
        self.is_place = is_place

    def clean(self, span: Span) -> Span | None:
        """Strip titles and possessives; None when the span is not a plausible name."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].lower_ in self.words["title"] or not doc[start].is_alpha
                               or (end - start > 1 and _opening_gerund(doc[start]))):
            start += 1
        while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
            end -= 1
        if start >= end or end - start > MAX_NAME_TOKENS:
            return None
        tokens = doc[start:end]
        first_names = self.words.get("first_name", ()) if end - start > 1 else ()
        if any((t.lower_ in self.words["not_name"] and not (t.i == start and t.lower_ in first_names))
               or t.lower_ in self.words["org_word"] for t in tokens):
            return None  # ("Islam Dzhabrailov" is a name; "Islam" alone is not)
        if end - start == 1 and _is_label(doc[start]):
            return None  # "Background: in 2019 ...", "Contact:": a paragraph label
        if any(len(t.text) > 1 and t.text.isupper() for t in tokens):
            return None  # an acronym: "CBP", "FSB"
        if not all(looks_like_name_word(t.text) for t in tokens):
            return None
        if len(tokens) == 1 and (self.is_place(tokens.text) or _destination_word(doc[start])):
            return None
        if end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end].lower_ in self.words["org_word"]:
            return None  # "Shirak province", "Nubarashen detention centre": a place or a body named after it
        if start > 0 and self.is_missed_first_name(doc[start - 1]) and end - start < MAX_NAME_TOKENS:
            return doc[start - 1:end]  # "Akmal Rustamov" with only "Rustamov" tagged
        return tokens

    def is_missed_first_name(self, token: Token) -> bool:
        """An untagged proper noun right before a name that is no title, role or place (nor a
        capitalised gerund opening a sentence: "Deporting Davlatov would ...")."""
        if _opening_gerund(token):
            return False
        if token.lower_ in self.words.get("first_name", ()) and looks_like_name_word(token.text):
            return not token.ent_type_ or token.ent_type_ == "PERSON"  # "Ilya" the tagger called AUX
        return (token.pos_ == "PROPN" and not token.ent_type_ and looks_like_name_word(token.text)
                and token.lower_ not in self.words["title"] and token.lower_ not in self.words["not_name"]
                and token.lower_ not in self.words["official"] and not self.is_place(token.text))


def looks_like_name_word(text: str) -> bool:
    """Capitalised letters, with the hyphens, apostrophes and dots names carry."""
    text = strip_possessive(text)
    return bool(text) and text[0].isupper() and all(c.isalpha() or c in "-'’." for c in text)


def strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def name_like_noun(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside an entity ("Poltavets" tagged a plural NNPS)."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.ent_type_ not in ("", "DATE", "TIME") and token.text[:1].isupper()


# "a ferry to Bari", "custody in Büren": one word after "in"/"at" or a preposition of travel is a place
TRAVEL_PREPOSITIONS = ("to", "from", "via", "in", "at", "for")
TRAVEL_HEADS = ("ferry", "flight", "plane", "bus", "train", "boat", "ship", "route", "trip", "journey", "ticket",
                "fly", "travel", "sail", "drive", "head", "move", "leave", "board", "depart", "arrive", "return",
                "relocate", "emigrate", "flee", "go", "come", "transit")


def _destination_word(token: Token) -> bool:
    """A single word the NER called a person that stands as a place: "custody in Büren",
    "a ferry to Bari"."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in TRAVEL_PREPOSITIONS:
        return False
    return prep.lower_ in ("in", "at") or prep.head.lemma_.lower() in TRAVEL_HEADS


def _opening_gerund(token: Token) -> bool:
    """'"Deporting Davlatov would ...': a capitalised -ing word opening a sentence or a quote."""
    if not token.lower_.endswith("ing"):
        return False
    return token.i == 0 or bool(token.is_sent_start) or token.nbor(-1).is_quote or token.nbor(-1).is_punct


def _is_label(token: Token) -> bool:
    doc = token.doc
    line_start = token.i == 0 or doc[token.i - 1].is_space or "\n" in doc[token.i - 1].whitespace_
    return line_start and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
