"""Which date expression of a sentence belongs to which trigger.

A date belongs to the trigger its phrase hangs from ("detained him ON MONDAY"); the climb
stops at relative clauses, so "an activist who took part in the 2020 protests" does not
date the extradition. A date that hangs from no trigger goes to a sentence's only trigger.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from nlp.types import DatePrecision

MAX_CLIMB = 10


def sentence_dates(sent: Span, published, language: str) -> list[tuple[Span, str, DatePrecision]]:
    """(token span, value, precision) for each date expression of a sentence."""
    from nlp.dates import find_dates

    found = []
    anchor, anchor_precision = _previous_date(sent, published, language)
    for mention in find_dates(sent.text, published=published, language=language, anchor=anchor,
                              anchor_precision=anchor_precision):
        span = sent.doc.char_span(sent.start_char + mention.start_char, sent.start_char + mention.end_char,
                                  alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, mention.value, mention.precision))
    return found + scene_dates(sent, published, language)


LOOK_BACK_SENTENCES = 3
SCENE_MAX_TOKENS = 15


def scene_dates(sent: Span, published, language: str) -> list[tuple[Span, str, DatePrecision]]:
    """Dates of the short sentence before (else after) `sent` that only sets the time: "It came
    in October: [the ministry had granted him refugee status]", "[Germany has granted him
    asylum.] The office issued the decision in August." They date triggers of `sent` that have
    no date of their own (see `assign_dates`)."""
    from nlp.dates import find_dates, load_lexicon

    lexicon = load_lexicon(language)
    verbs = lexicon.scene_verbs()
    if not verbs:
        return []
    copula = (lexicon.words("scene_copula"), lexicon.words("scene_copula_subject"))
    for neighbour, looks_back in ((next(_previous_sentences(sent, 1), None), False), (_next_sentence(sent), True)):
        if neighbour is None or len(neighbour) > SCENE_MAX_TOKENS:
            continue
        if not looks_back and any(t.lower_ in lexicon.shift_words() for t in sent):
            continue  # "It began in February. Police LATER detained him": another time
        # "That was in early September." points back only: it dates the sentence before it
        if not (_is_scene(neighbour.root, verbs) or (looks_back and _is_copula_scene(neighbour.root, *copula))):
            continue
        found = []
        for mention in find_dates(neighbour.text, published=published, language=language):
            span = sent.doc.char_span(neighbour.start_char + mention.start_char,
                                      neighbour.start_char + mention.end_char, alignment_mode="expand")
            if span is not None and len(span) and _attachment(span.root) == neighbour.root:
                found.append((span, mention.value, mention.precision))
        if found:
            return found[:1]
    return []


def _is_copula_scene(root: Token, verbs: frozenset[str], subjects: frozenset[str]) -> bool:
    return root.lemma_.lower() in verbs and any(
        child.dep_ == "nsubj" and child.lower_ in subjects for child in root.children)


def _is_scene(root: Token, verbs: dict[str, frozenset[str]]) -> bool:
    lemma = root.lemma_.lower()
    if lemma not in verbs:
        return False
    objects = verbs[lemma]
    # "issued the decision in August", "The decision was signed on 15 October"
    return not objects or any(child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in objects
                              for child in root.children)


def _next_sentence(sent: Span) -> Span | None:
    doc, end = sent.doc, sent.end
    while end < len(doc):
        following = doc[end].sent
        if following.text.strip():
            return following
        end = following.end
    return None


def _previous_date(sent: Span, published, language: str):
    """The date that "The next day", "two days later", "the same month" count from: the last
    exact day of the nearest earlier sentence that has a date, else its last date of any
    precision ("The trouble started in February. ... He applied the same month")."""
    from nlp.dates import find_dates, load_lexicon, normalise

    since = load_lexicon(language).forms("since")
    for previous in _previous_sentences(sent, LOOK_BACK_SENTENCES):
        mentions = [m for m in find_dates(previous.text, published=published, language=language)
                    if normalise(m.text).split(" ", 1)[0] not in since]  # "since 2022" is no moment
        if not mentions:
            continue
        days = [m for m in mentions if m.precision == DatePrecision.DAY]
        last = days[-1] if days else mentions[-1]
        return _start_of(last.value), last.precision
    return None, DatePrecision.DAY


def _start_of(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _previous_sentences(sent: Span, count: int):
    """Up to `count` non-blank sentences before `sent`, nearest first (a paragraph break is a
    "sentence" of its own and does not count)."""
    doc, start, seen = sent.doc, sent.start, 0
    while start > 0 and seen < count:
        previous = doc[start - 1].sent
        start = previous.start
        if previous.text.strip():
            seen += 1
            yield previous


def assign_dates(dates, anchors: dict[int, list[int]], report_words=frozenset()) -> dict[int, tuple[str, DatePrecision]]:
    """anchors: match number -> its token indices (trigger, target). Returns match number -> date.
    A date on a reporting verb ("said on Thursday") dates the report, not the event."""
    if not anchors:
        return {}
    owner_of_token = {i: number for number, tokens in anchors.items() for i in tokens}
    owned: dict[int, list[tuple[int, str, DatePrecision]]] = {}
    loose = []
    own_sentence = _sentence_of(dates, anchors)
    scene = [(value, precision) for span, value, precision in dates if not _inside(span, own_sentence)]
    dates = [date for date in dates if _inside(date[0], own_sentence)]
    states = {number for number, tokens in anchors.items() if _is_present_state(dates, tokens)}
    for span, value, precision in dates:
        if _dates_a_report(span.root, report_words, owner_of_token):
            continue
        owner, distance = _subject_of_scene_verb(span.root, owner_of_token)
        if owner is None:
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
    if scene:  # "It came in October: the ministry had granted him refugee status"
        for number in anchors:
            result.setdefault(number, scene[0])
    for number in states:  # "on Tuesday fined him, but he remains in custody": no date but "since"
        if number in result and not _is_since(dates, result[number]):
            del result[number]
    return result


PRESENT_TAGS = ("VBZ", "VBP")


def _is_present_state(dates, tokens: list[int]) -> bool:
    """"remains in custody", "is (being) held": a state now, which started at an earlier time."""
    if not dates:
        return False
    from nlp.dates import LANGUAGES, load_lexicon

    doc = dates[0][0].doc
    states = set().union(*(load_lexicon(language).words("state_verb") for language in LANGUAGES))
    for token in (doc[i] for i in tokens):
        if token.lemma_.lower() in states and token.tag_ in PRESENT_TAGS:
            return True
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if (token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in auxiliaries)
                and any(c.lemma_ == "be" and c.tag_ in PRESENT_TAGS for c in auxiliaries)):
            return True
    return False


def _is_since(dates, chosen) -> bool:
    """Whether the date chosen for a state is its start ("since 15 March")."""
    from nlp.dates import LANGUAGES, load_lexicon

    since = set().union(*(load_lexicon(language).forms("since") for language in LANGUAGES))
    for span, value, precision in dates:
        if (value, precision) == chosen and span.text.lower().split(" ", 1)[0] in since:
            return True
    return False


def _sentence_of(dates, anchors: dict[int, list[int]]) -> Span | None:
    if not dates:
        return None
    first = next(iter(anchors.values()))[0]
    return dates[0][0].doc[first].sent


def _inside(span: Span, sent: Span | None) -> bool:
    return sent is None or sent.start <= span.start < sent.end


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


def _is_dating(node: Token) -> bool:
    """"in a letter DATED 15 October": the participle only dates its noun, so the climb goes on."""
    from nlp.dates import LANGUAGES, load_lexicon

    return node.dep_ == "acl" and any(
        node.lemma_.lower() in load_lexicon(language).words("dating_participle") for language in LANGUAGES)


def _is_offence(node: Token) -> bool:
    """"charged with organising protests IN 2020": the act under "with"/"for"/"over" is the
    offence, and its date is not the charge's."""
    from nlp.dates import LANGUAGES, load_lexicon

    return node.dep_ == "pcomp" and any(
        node.head.lower_ in load_lexicon(language).words("offence_preposition") for language in LANGUAGES)


def _subject_of_scene_verb(token: Token, owner_of_token: dict[int, int]):
    """"The arrest came on 3 February": the date of "came" is the date of its subject."""
    from nlp.dates import LANGUAGES, load_lexicon

    verb = _attachment(token)
    scene = any(load_lexicon(language).scene_verbs().get(verb.lemma_.lower()) == frozenset()
                for language in LANGUAGES)
    if scene:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in owner_of_token:
                return owner_of_token[child.i], 1
    return None, None


def _climb_to_owner(token: Token, owner_of_token: dict[int, int]):
    node, steps = token, 0
    while steps <= MAX_CLIMB:
        if node.i in owner_of_token:
            return owner_of_token[node.i], steps
        if _is_offence(node):
            return None, None
        if (node.dep_ in ("relcl", "acl", "appos") and not _is_dating(node)) or node.head == node:
            return None, (steps if node.head == node else None)
        node, steps = node.head, steps + 1
    return None, None
