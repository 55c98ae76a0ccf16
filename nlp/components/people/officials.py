"""Who is an official: judges, prosecutors, ministers, lawyers, spokespeople, bylined authors.

The events component never makes an official the subject of an event, so a prosecutor who
"requested the extradition" is not reported as the person extradited. A role word counts
before the name ("Prosecutor General Ivan Petrov") or in a comma-closed apposition
("Petrov, the deputy minister,"); "former" and the like undo it ("a former police officer").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# How far back before a name a title may start: "Director of Public Prosecution Eva-Marie",
# "a judge of the Kentron district court, Lilit Mkrtchyan".
MAX_TITLE_WORDS = 8
# How far back before a role word a "former"-like prefix may stand: "former Belarusian police officer".
MAX_PREFIX_WORDS = 3


class Officials:
    def __init__(self, words: dict[str, frozenset[str]]):
        self.words = words

    def is_official(self, span: Span) -> bool:
        """A title or role word right before the name, or in apposition to it."""
        if _is_byline(span):
            return True  # "By Aliya Serikbayeva": the author, never a subject
        if any(t.lower_ in self.words.get("leader_surname", ()) for t in span):
            return True  # "songs mocking Alexander Lukashenko": a head of state, not a case
        return self.has_role(span, "official")

    def is_soft_role(self, span: Span) -> bool:
        """'Daniyar Sarsenbayev, a coordinator of the banned movement': a role dissidents hold too."""
        return self.has_role(span, "soft_official")

    def has_role(self, span: Span, kind: str) -> bool:
        titled = self.title_before(span, kind)
        if titled is not None:
            return titled
        root = span.root
        if root.dep_ == "appos" and self.is_official_noun(root.head, kind):
            return True
        for child in root.children:
            if child.dep_ == "appos" and self.is_official_noun(child, kind) and _closed_by_punctuation(child):
                return True
        return False

    def title_before(self, span: Span, kind: str = "official") -> bool | None:
        """Walking back over the title words before the name: True at an office, False at a
        former one ("former police officer X"), None when no role word comes first."""
        doc = span.doc
        i, steps = span.start - 1, 0
        while i >= 0 and steps < MAX_TITLE_WORDS and doc[i].sent == span.sent:
            token = doc[i]
            if token.lower_ in self.words.get(kind, ()):
                if token.lower_ in self.words["always_official"]:
                    return True
                return not self.former_role(doc, i)
            # "Director of Public Prosecution Eva-Marie Persson": a title's "of" phrase and a
            # hyphenated first name are crossed
            title_word = token.lower_ in ("of", "the", "in", "for", "at") and steps > 0  # "lawyer in Kazakhstan,"
            joined = token.text == "-" and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
            if token.lower_ in self.words["subject_noun"] or (
                    token.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "PART") and not title_word):
                break
            if token.is_punct and token.text != "," and not joined:
                break
            i, steps = i - 1, steps + 1
        return None

    def former_role(self, doc: Doc, i: int) -> bool:
        """'a former Belarusian police officer', 'opposition leader': the role word's own
        modifiers, up to three words back, make it no office."""
        for j in range(i - 1, max(i - 1 - MAX_PREFIX_WORDS, -1), -1):
            if doc[j].lower_ in self.words["not_official_prefix"]:
                return True
            if doc[j].pos_ not in ("ADJ", "NOUN", "PROPN", "PART") or doc[j].lower_ in ("a", "an", "the"):
                return False
        return False

    def is_official_noun(self, noun: Token, kind: str = "official") -> bool:
        """'the prosecutor', but not 'the former prosecutor'."""
        lemma = noun.lemma_.lower()
        if lemma not in self.words.get(kind, ()):
            return False
        if lemma in self.words["always_official"]:
            return True
        return not any(c.lower_ in self.words["not_official_prefix"] for c in noun.children)


def _closed_by_punctuation(noun: Token) -> bool:
    """An apposition set off by commas ("X, a former minister, said"), not a misparse."""
    end = max(t.i for t in noun.subtree if not t.is_space) + 1
    # a byline line "Caroline Hawley, BBC diplomatic correspondent" ends at the line break
    return end >= len(noun.doc) or noun.doc[end].is_punct or noun.doc[end].is_space


def _is_byline(span: Span) -> bool:
    """'By <name>' at the start of a line."""
    doc = span.doc
    by = span.start - 1
    if by < 0 or doc[by].lower_ != "by":
        return False
    return by == 0 or doc[by - 1].is_space or "\n" in doc[by - 1].whitespace_
