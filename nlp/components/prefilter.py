"""`exwatch_prefilter`: a cheap relevance check that runs before the tagger and parser.

It reads only the raw text, so `nlp.api` can stop after the tokenizer for the many
articles that never mention extradition, deportation, asylum or a wanted list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.lexicon import read_jsonl
from nlp.extensions import register_extensions


@dataclass(frozen=True)
class RelevanceLexicon:
    terms: tuple[tuple[re.Pattern, int], ...]
    threshold: int

    @classmethod
    def load(cls, name: str) -> "RelevanceLexicon":
        terms, threshold = [], 2
        for row in read_jsonl(name):
            if row["kind"] == "threshold":
                threshold = int(row["value"])
            elif row["kind"] == "term":
                terms.append((re.compile(r"\b" + row["regex"], re.IGNORECASE), int(row["weight"])))
        return cls(tuple(terms), threshold)

    def score(self, text: str) -> int:
        total = 0
        for pattern, weight in self.terms:
            if pattern.search(text):
                total += weight
                if total >= self.threshold:
                    break
        return total

    def has_strong_term(self, text: str) -> bool:
        """A term that alone reaches the threshold: "extradited", "asylum", "wanted list"."""
        return any(weight >= self.threshold and pattern.search(text) for pattern, weight in self.terms)

    def is_relevant(self, text: str) -> bool:
        return self.score(text) >= self.threshold


class RelevancePrefilter:
    def __init__(self, lexicon: RelevanceLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        relevant = self.match(doc)
        self.set_annotations(doc, relevant)
        return doc

    def match(self, doc: Doc) -> bool:
        return self.lexicon.is_relevant(doc.text)

    def set_annotations(self, doc: Doc, relevant: bool) -> None:
        doc._.exwatch_relevant = relevant


@Language.factory(
    "exwatch_prefilter",
    default_config={"lexicon": "en_prefilter.jsonl"},
    assigns=["doc._.exwatch_relevant"],
    requires=[],
)
def make_prefilter(nlp: Language, name: str, lexicon: str) -> RelevancePrefilter:
    register_extensions()
    return RelevancePrefilter(RelevanceLexicon.load(lexicon))
