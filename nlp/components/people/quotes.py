"""'I', 'me', 'my' inside a quotation: the person quoted.

News quotes subjects in the first person ("'The week after my arrest I applied for asylum
here,' Pronin said"), so an event told in a quote belongs to its speaker. The speaker is the
subject of a reporting verb outside the quotation marks: after the closing mark ('..., he
said'), before the opening one ('Pronin said: "..."'), or in the sentence just before a quote
that opens a sentence of its own ('Pronin said he had not expected it. "I ..."'). A lawyer or
official speaking keeps "I" unresolved, so "my client" talk never makes them a subject.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.components.people.index import Mention, PeopleIndex, Person

FIRST_PERSON = ("i", "me", "my", "myself", "mine")
REPORTING_VERBS = ("say", "tell", "add", "recall", "explain", "write", "insist", "continue", "told", "recount",
                   "describe", "complain", "remember")
OPENING_MARKS = ('"', "“", "«", "„")
CLOSING_MARKS = ('"', "”", "»", "“")
# How far after a quote's last word its attribution may stand: '," he told reporters.'
ATTRIBUTION_WINDOW = 12


def quoted_regions(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indices inside each pair of quotation marks, within a paragraph."""
    regions, opened = [], None
    for token in doc:
        if "\n" in token.text or "\n" in token.whitespace_:
            opened = None  # an unclosed mark ends with its paragraph
            continue
        if opened is None and token.text in OPENING_MARKS:
            opened = token.i
        elif opened is not None and token.text in CLOSING_MARKS:
            if token.i - opened > 1:
                regions.append((opened + 1, token.i - 1))
            opened = None
    return regions


class QuoteSpeakers:
    def add(self, doc: Doc, index: PeopleIndex) -> None:
        regions = quoted_regions(doc)
        for first, last in regions:
            speaker = speaker_of(doc, index, first, last, regions)
            if speaker is None or speaker.official:
                continue
            for token in doc[first:last + 1]:
                if token.lower_ in FIRST_PERSON and token.i not in index.by_token:
                    index.add_mention(Mention(token.i, token.i + 1, speaker.key, "pronoun"))


def speaker_of(doc: Doc, index: PeopleIndex, first: int, last: int,
               regions: list[tuple[int, int]]) -> Person | None:
    inside = {i for a, b in regions for i in range(a - 1, b + 2)}
    after = [t for t in doc[last + 2:min(len(doc), last + 2 + ATTRIBUTION_WINDOW)] if t.i not in inside]
    after = _until_sentence_end(after)
    person = _reporting_subject(index, after)
    if person is not None:
        return person
    opening = doc[first - 1]
    before = [t for t in opening.sent if t.i < opening.i and t.i not in inside]
    person = _reporting_subject(index, before)
    if person is not None or before or opening.sent.start == 0:
        return person
    previous = doc[opening.sent.start - 1].sent
    return _reporting_subject(index, [t for t in previous if t.i not in inside])


def _until_sentence_end(tokens: list[Token]) -> list[Token]:
    kept = []
    for token in tokens:
        if token.text in (".", "!", "?") or "\n" in token.whitespace_:
            break
        kept.append(token)
    return kept


def _reporting_subject(index: PeopleIndex, tokens: list[Token]) -> Person | None:
    words = {t.i for t in tokens}
    for token in tokens:
        if token.lemma_.lower() not in REPORTING_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in words:
                person = index.at(child)
                if person is not None:
                    return person
    return None
