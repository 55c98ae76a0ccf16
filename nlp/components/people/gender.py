"""Gender, "m", "f" or None (unknown), so that "she" and "the mother" skip the men.

A name's gender comes from the words around it ("X, his brother", "Mr X"), else from the
name itself: a first name ending in -a, a surname ending in -ova or -ov. Unknown is common and is
compatible with either (`index.compatible_gender`).
"""
from __future__ import annotations

from spacy.tokens import Span, Token


class Gender:
    def __init__(self, words: dict[str, frozenset[str]]):
        self.words = words

    def of_name(self, span: Span) -> str | None:
        doc = span.doc
        root = span.root
        related = [root.head] if root.dep_ == "appos" else []
        related += [c for c in root.children if c.dep_ in ("appos", "compound")]
        for word in related:
            gender = self.of_noun(word)
            if gender is not None:
                return gender
        if span.start > 0:
            before = doc[span.start - 1].lower_
            if before in self.words["male_title"]:
                return "m"
            if before in self.words["female_title"]:
                return "f"
        return self.of_name_words([t.lower_ for t in span])

    def of_name_words(self, words: list[str]) -> str | None:
        """The name's own endings; None when they disagree ("Maria Ivanov")."""
        first, last = words[0], words[-1]
        votes = []
        if len(words) > 1:
            # first names in -a are mostly women's, bar a listed few (Nikita, Mustafa)
            if first.endswith("a") and first not in self.words["male_a_name"]:
                votes.append("f")
        if len(words) > 1 or not votes:
            if any(last.endswith(s) for s in self.words["female_surname_suffix"]):
                votes.append("f")
            elif any(last.endswith(s) for s in self.words["male_surname_suffix"]):
                votes.append("m")
        if votes and all(v == votes[0] for v in votes):
            return votes[0]
        return None

    def of_noun(self, token: Token) -> str | None:
        """'brother', 'wife': a gendered person noun."""
        if token.lower_ in self.words["male_noun"]:
            return "m"
        if token.lower_ in self.words["female_noun"]:
            return "f"
        return None

    def of_pronoun(self, token: Token) -> str | None:
        if token.lower_ in self.words["male_pronoun"]:
            return "m"
        if token.lower_ in self.words["female_pronoun"]:
            return "f"
        return None
