"""Find the trigger patterns of `ru_triggers.jsonl` in a parsed doc, by lemma, so that
"задержан", "задержали" and "задержание" need one line each at most."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from nlp.ru.lexicon import TriggerPattern

PLACE_WINDOW = 3  # "доставили в Челябинск": the place follows within this many tokens
NOT_WITH_WINDOW = 3


@dataclass(frozen=True)
class TriggerMatch:
    pattern: TriggerPattern
    tokens: tuple[int, ...]  # doc token indices, one per pattern word

    @property
    def anchor(self) -> int:
        return self.tokens[self.pattern.anchor]

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


def find_triggers(doc: Doc, patterns: tuple[TriggerPattern, ...]) -> list[TriggerMatch]:
    """Non-overlapping matches in text order; a longer pattern beats one it overlaps."""
    candidates = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        for pattern in patterns:
            for match in _matches(words, pattern):
                if _acceptable(doc, sent, match):
                    candidates.append(match)
    candidates.sort(key=lambda m: (-len(m.tokens), m.start))
    chosen: list[TriggerMatch] = []
    used: set[int] = set()
    for match in candidates:
        if used.isdisjoint(match.tokens):
            chosen.append(match)
            used.update(match.tokens)
    return sorted(chosen, key=lambda m: m.start)


def _matches(words: list, pattern: TriggerPattern):
    lemmas = [t.lemma_.lower() for t in words]
    for first, lemma in enumerate(lemmas):
        if lemma not in pattern.words[0]:
            continue
        positions = [first]
        for alternatives in pattern.words[1:]:
            nxt = _next(lemmas, positions[-1] + 1, alternatives, pattern.window)
            if nxt is None:
                break
            positions.append(nxt)
        else:
            yield TriggerMatch(pattern, tuple(words[p].i for p in positions))


def _next(lemmas: list[str], start: int, alternatives: frozenset[str], window: int) -> int | None:
    for position in range(start, min(start + window + 1, len(lemmas))):
        if lemmas[position] in alternatives:
            return position
    return None


def _acceptable(doc: Doc, sent: Span, match: TriggerMatch) -> bool:
    if match.pattern.context and not any(t.lemma_.lower() in match.pattern.context for t in _context(doc, sent, match)):
        return False
    after = doc[match.end:min(match.end + NOT_WITH_WINDOW, sent.end)]
    if match.pattern.not_with and any(t.lemma_.lower() in match.pattern.not_with for t in after):
        return False
    if match.pattern.needs_place:
        window = doc[match.end:min(match.end + PLACE_WINDOW, sent.end)]
        return any(t.ent_type_ == "LOC" for t in window)
    return True


def _context(doc: Doc, sent: Span, match: TriggerMatch) -> Span:
    """The sentence, and with `context_before` the sentence before it too ("— Россия
    запрашивала вашу экстрадицию? — Да, запрос пришёл")."""
    if not match.pattern.context_before:
        return sent
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[doc[i].sent.start:sent.end] if i >= 0 else sent
