"""Is a Russian trigger asserted, or only feared, threatened, demanded or denied?
("может быть выдан", "грозит экстрадиция", "опасается депортации", "не выдал")."""
from __future__ import annotations

from spacy.tokens import Doc

from nlp.ru.triggers import TriggerMatch

CUE_WINDOW = 3
HEAD_STEPS = 2


def is_asserted(doc: Doc, match: TriggerMatch, cues: frozenset[str]) -> bool:
    if match.pattern.ignore_modality:
        return True
    sent = doc[match.anchor].sent
    before = [t for t in doc[max(sent.start, match.start - CUE_WINDOW):match.start] if not t.is_space]
    if any(_lemma(t) in cues for t in before):
        return False
    token = doc[match.anchor]
    for _ in range(HEAD_STEPS):
        if token.head.i == token.i:
            break
        token = token.head
        if _lemma(token) in cues or any(_lemma(c) in cues and c.dep_ in ("advmod", "aux") for c in token.children):
            return False
    # "не" attached to the trigger itself ("не был выдан", "решил не выдавать").
    return not any(_lemma(c) == "не" for c in doc[match.anchor].children)


def _lemma(token) -> str:
    return token.lemma_.lower()
