"""Which date expression of a sentence belongs to which trigger.

A date belongs to the trigger its phrase hangs from ("detained him ON MONDAY"); the climb
stops at relative clauses, so "an activist who took part in the 2020 protests" does not
date the extradition. A date that hangs from no trigger goes to a sentence's only trigger.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.types import DatePrecision

MAX_CLIMB = 10


def sentence_dates(sent: Span, published, language: str) -> list[tuple[Span, str, DatePrecision]]:
    """(token span, value, precision) for each date expression of a sentence."""
    from nlp.dates import find_dates

    found = []
    anchor = _previous_exact_day(sent, published, language)
    for mention in find_dates(sent.text, published=published, language=language, anchor=anchor):
        span = sent.doc.char_span(sent.start_char + mention.start_char, sent.start_char + mention.end_char,
                                  alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, mention.value, mention.precision))
    return found


def _previous_exact_day(sent: Span, published, language: str):
    """The last exact day of the sentence before, for "The next day, ..." and "two days later"."""
    import datetime as dt

    from nlp.dates import find_dates

    if sent.start == 0:
        return None
    previous = sent.doc[sent.start - 1].sent
    if not previous.text.strip() and previous.start > 0:
        previous = sent.doc[previous.start - 1].sent  # a paragraph break is a "sentence" of its own
    days = [m for m in find_dates(previous.text, published=published, language=language)
            if m.precision == DatePrecision.DAY]
    return dt.date.fromisoformat(days[-1].value) if days else None


def assign_dates(dates, anchors: dict[int, list[int]], report_words=frozenset()) -> dict[int, tuple[str, DatePrecision]]:
    """anchors: match number -> its token indices (trigger, target). Returns match number -> date.
    A date on a reporting verb ("said on Thursday") dates the report, not the event."""
    owner_of_token = {i: number for number, tokens in anchors.items() for i in tokens}
    owned: dict[int, list[tuple[int, str, DatePrecision]]] = {}
    loose = []
    for span, value, precision in dates:
        if _dates_a_report(span.root, report_words, owner_of_token):
            continue
        owner, distance = _climb_to_owner(span.root, owner_of_token)
        if owner is None:
            if distance is not None:  # climbed to the root without crossing a relative clause
                loose.append((value, precision))
                below = _nearest_below(span.root.head, anchors)
                if below is not None:  # "ruled ON TUESDAY that the extradition was inadmissible"
                    owned.setdefault(below[0], []).append((MAX_CLIMB + below[1], value, precision))
            continue
        owned.setdefault(owner, []).append((distance, value, precision))
    result = {}
    for number in anchors:
        if number in owned:
            _, value, precision = min(owned[number], key=lambda item: item[0])
            result[number] = (value, precision)
    if len(anchors) == 1 and loose and not result:
        (number,) = anchors
        result[number] = loose[0]
    return result


def _dates_a_report(token: Token, report_words, owner_of_token: dict[int, int]) -> bool:
    """"remains in custody, his wife said on Wednesday": the day is the report's even when the
    reporting verb hangs below the trigger (unless the reporting verb is itself a trigger)."""
    attached = _attachment(token)
    return attached.lemma_.lower() in report_words and attached.i not in owner_of_token


def _attachment(token: Token) -> Token:
    """The word a date phrase modifies: up through "on", "in", "last" to the verb."""
    node = token
    while node.dep_ in ("pobj", "prep", "npadvmod", "nummod", "compound", "amod", "det") and node.head != node:
        node = node.head
    return node if node != token else token.head


def _nearest_below(verb: Token, anchors: dict[int, list[int]]):
    """The match whose trigger hangs closest below `verb`, with its distance."""
    best = None
    for number, tokens in anchors.items():
        node, steps = verb.doc[tokens[0]], 0
        while node != verb and node.head != node and steps < MAX_CLIMB:
            node, steps = node.head, steps + 1
        if node == verb and (best is None or steps < best[1]):
            best = (number, steps)
    return best


def _climb_to_owner(token: Token, owner_of_token: dict[int, int]):
    node, steps = token, 0
    while steps <= MAX_CLIMB:
        if node.i in owner_of_token:
            return owner_of_token[node.i], steps
        if node.dep_ in ("relcl", "acl", "appos") or node.head == node:
            return None, (steps if node.head == node else None)
        node, steps = node.head, steps + 1
    return None, None
