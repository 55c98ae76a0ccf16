"""Where names come from: the NER's PERSON spans, plus the names it missed or mislabelled.

The small English model misses names that the text itself marks as people ("Orazov, 36,",
"Kirill Obukhov, a 24-year-old contract soldier") and labels others a nationality,
organisation or place ("Zelimkhan Bisultanov" as NORP). The clear cases become names now;
the doubtful ones are kept on `PeopleIndex.latent` and only claimed when an event needs a
person there (`PeopleIndex.recover`).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span

from nlp.components.people.index import PeopleIndex
from nlp.components.people.names import NameCleaner, looks_like_name_word, name_like_noun, strip_possessive

NAME_LABELS = ("PERSON",)
# Labels the NER gives names by mistake: a span with one of these may still be a person.
LATENT_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT")


class NameFinder:
    def __init__(self, words: dict[str, frozenset[str]], is_place: Callable[[str], bool], cleaner: NameCleaner):
        self.words = words
        self.is_place = is_place
        self.cleaner = cleaner

    def candidates(self, doc: Doc) -> list[Span]:
        """Cleaned PERSON spans, then the recovered names that overlap none of them."""
        spans, covered = [], set()
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                span = self.cleaner.clean(ent)
                if span is not None:
                    spans.append(span)
                    covered.update(range(span.start, span.end))
        extra = (self.age_apposition_names(doc) + self.role_apposition_names(doc) + self.mislabelled_names(doc)
                 + self.unlabelled_names(doc))
        for span in extra:
            if not covered.intersection(range(span.start, span.end)):
                spans.append(span)
                covered.update(range(span.start, span.end))
        return spans

    def age_apposition_names(self, doc: Doc) -> list[Span]:
        """'Orazov, 36, was ...': a capitalised word or two before ', <age>,' is a person."""
        spans = []
        for token in doc[2:-1]:
            if not (token.like_num and doc[token.i - 1].text == "," and doc[token.i + 1].text == ","):
                continue
            if not token.text.isdigit() or not 14 <= int(token.text) <= 99:
                continue
            span = self.name_span_ending_at(doc, token.i - 2)
            if span is not None:
                spans.append(span)
        return spans

    def mislabelled_names(self, doc: Doc) -> list[Span]:
        """'Zelimkhan Bisultanov keeps a bag': two or three proper nouns the NER called a
        nationality (NORP) are a name when none of them is a country or demonym word; so are
        proper nouns it called an organisation or place right after a role noun ("blogger
        Pavel Orlov"), or whose last word comes back alone later ("Mahmadali Rasulov" ...
        "Rasulov"), as a surname does and an organisation's last word does not."""
        spans = []
        for ent in doc.ents:
            if ent.label_ not in LATENT_LABELS or not 2 <= len(ent) <= 3:
                continue
            if not all(t.pos_ == "PROPN" for t in ent):
                continue
            if (ent.label_ != "NORP" and not self.after_role_noun(ent) and not _surname_recurs(ent)
                    and not self.has_surname_ending(ent[-1].text)):
                continue
            span = self.plausible_latent(ent)
            if span is not None and len(span) > 1:
                spans.append(span)
        return spans

    def unlabelled_names(self, doc: Doc) -> list[Span]:
        """'Maxim Teplov was driven to the border': two or three proper nouns the NER gave no
        label at all are a name when a role noun stands before them ("imam Memet Ablimit") or
        the last one is a surname: it comes back alone later, or it has a Slavic or Central
        Asian surname ending."""
        spans, i = [], 0
        while i < len(doc):
            end = i
            while end < len(doc) and end - i < 4 and _unlabelled_name_word(doc[end]):
                end += 1
            start, after_role = i, i > 0 and self.is_role_word(doc[i - 1])
            while end - start > 2 and (self.is_role_word(doc[start]) or doc[start].lower_ in self.words["title"]):
                start, after_role = start + 1, True  # "imam Memet Ablimit", "Witness Pavel Zorin" all PROPN
            if 2 <= end - start <= 3 and doc[start].lower_ not in self.words["title"]:
                span = doc[start:end]
                if after_role or _surname_recurs(span) or self.has_surname_ending(span[-1].text):
                    cleaned = self.plausible_latent(span)
                    if cleaned is not None and len(cleaned) > 1:
                        spans.append(cleaned)
            i = max(end, i + 1)
        return spans

    def is_role_word(self, token) -> bool:
        return token.lower_ in self.words["subject_noun"] or token.lower_ in self.words["official"]

    def has_surname_ending(self, word: str) -> bool:
        word = strip_possessive(word).lower()
        endings = self.words["male_surname_suffix"] | self.words["female_surname_suffix"]
        return len(word) >= 5 and any(word.endswith(ending) for ending in endings)

    def after_role_noun(self, span: Span) -> bool:
        if span.start == 0:
            return False
        before = span.doc[span.start - 1]
        role_words = (self.words["subject_noun"], self.words["official"])
        return before.pos_ == "NOUN" and any(before.lower_ in words for words in role_words)

    def role_apposition_names(self, doc: Doc) -> list[Span]:
        """'Kirill Obukhov, a 24-year-old contract soldier': the NER missed a name that an
        apposition of a person noun describes."""
        spans = []
        for token in doc:
            if not name_like_noun(token) or token.ent_type_ == "PERSON" or token.dep_ == "compound":
                continue  # an ORG or NORP label is a NER slip when a person noun describes the word
            described = any(
                c.dep_ == "appos" and c.i > token.i and c.lower_ in self.words["subject_noun"] for c in token.children
            )
            if described:
                span = self.name_span_ending_at(doc, token.i)
                if span is not None and len(span) > 1:
                    spans.append(span)
        return spans

    def name_span_ending_at(self, doc: Doc, end_index: int) -> Span | None:
        """Up to three name-like words ending at `end_index`, if they make a plausible name."""
        start = end_index
        while (start >= 0 and end_index - start < 3 and looks_like_name_word(doc[start].text)
               and (name_like_noun(doc[start]) or doc[start].lower_ in self.words.get("first_name", ()))):
            start -= 1
        if start == end_index:
            return None
        span = doc[start + 1:end_index + 1]
        return self.plausible_latent(span)

    def plausible_latent(self, span: Span) -> Span | None:
        """The cleaned span, unless a word of it names an organisation or a place."""
        cleaned = self.cleaner.clean(span)
        if cleaned is None:
            return None
        if any(t.lower_ in self.words["org_word"] for t in cleaned):
            return None
        if any(self.is_place(t.text) for t in cleaned) or self.is_place(cleaned.text):
            return None
        return cleaned

    def add_latent_names(self, doc: Doc, index: PeopleIndex) -> None:
        """Keep other-labelled name-like spans aside: too doubtful to be people on their own."""
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS or index.by_token.keys() & set(range(ent.start, ent.end)):
                continue
            if ent.label_ not in LATENT_LABELS:
                continue
            span = self.plausible_latent(ent)
            if span is None or len(span) > 3:
                continue
            words = tuple(strip_possessive(t.text) for t in span)
            for i in range(span.start, span.end):
                index.latent[i] = (span.start, span.end, words)


def _unlabelled_name_word(token) -> bool:
    return token.pos_ == "PROPN" and token.ent_iob_ == "O" and looks_like_name_word(token.text)


def _surname_recurs(span: Span) -> bool:
    """The span's last word comes back later on its own, not after the same or another name word."""
    last = span[-1]
    for token in span.doc:
        if token.i < span.end or token.text != last.text:
            continue
        before = span.doc[token.i - 1]
        if before.text != span[-2].text and not (before.pos_ == "PROPN" and before.text[:1].isupper()):
            return True
    return False
