"""Is a Russian trigger asserted, or only feared, threatened, demanded or denied?
("может быть выдан", "грозит экстрадиция", "опасается депортации", "не выдал")."""
from __future__ import annotations

from spacy.tokens import Doc

from nlp.ru.clauses import CLAUSE_DEPS
from nlp.ru.triggers import TriggerMatch

CUE_WINDOW = 3
HEAD_STEPS = 2
NEGATION_STEPS = 4
FUTURE_AUX = {"буду", "будешь", "будет", "будем", "будете", "будут"}  # natasha tags them Pres


ASSERTED, FUTURE, NOT_ASSERTED = "asserted", "future", "not asserted"


def is_asserted(doc: Doc, match: TriggerMatch, cues: frozenset[str],
                exempt: frozenset[str] = frozenset()) -> bool:
    return modality(doc, match, cues, exempt) == ASSERTED


def modality(doc: Doc, match: TriggerMatch, cues: frozenset[str], exempt: frozenset[str] = frozenset()) -> str:
    """NOT_ASSERTED when a cue governs the trigger, stands just before it or between its
    words, or a negation sits above it in its clause; FUTURE for "выдадут", "будет выдан";
    else ASSERTED. Patterns marked `ignore_modality` (asking for asylum is itself an
    attempt) ignore the `exempt` cues."""
    if match.pattern.ignore_modality:
        cues = cues - exempt
    sent = doc[match.anchor].sent
    before = [t for t in doc[max(sent.start, match.start - CUE_WINDOW):match.end]
              if not t.is_space and t.i not in match.tokens]
    if any(_lemma(t) in cues for t in before) or _has_phrase_cue(before, cues):
        return NOT_ASSERTED
    token = doc[match.anchor]
    chain = [token]
    for _ in range(HEAD_STEPS):
        if token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
        if _lemma(token) in cues or any(_lemma(c) in cues and c.dep_ in ("advmod", "aux") for c in token.children):
            return NOT_ASSERTED
    if _negated(doc[match.anchor]):
        return NOT_ASSERTED
    if any(_is_future(t) for t in chain[:2] if t.pos_ in ("VERB", "AUX")):
        return FUTURE
    return ASSERTED


def _has_phrase_cue(tokens, cues: frozenset[str]) -> bool:
    """Two-word cues, written as two lemmas with a space ("до получение": "под стражу до
    получения запроса об экстрадиции" awaits the request)."""
    return any(second.i == first.i + 1 and f"{_lemma(first)} {_lemma(second)}" in cues
               for first, second in zip(tokens, tokens[1:]))


def _is_future(token) -> bool:
    if "Fut" in token.morph.get("Tense"):
        return True
    return any(c.dep_ in ("aux", "aux:pass") and (c.lower_ in FUTURE_AUX or "Fut" in c.morph.get("Tense"))
               for c in token.children)


def _negated(token) -> bool:
    """"не" on the trigger or on a word above it in its clause: "не был выдан", "решил не
    выдавать", "не успел подать заявление на убежище"."""
    for _ in range(NEGATION_STEPS):
        if any(_lemma(c) == "не" for c in token.children):
            return True
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


def _lemma(token) -> str:
    return token.lemma_.lower()
