"""Sentence and token boundaries for Russian news text (razdel, as natasha uses).

razdel alone glues a headline, a "Опубликовано: ..." line and the first paragraph into
one sentence, which would lend the publication date to the first event; so line breaks
are boundaries first, and razdel splits sentences inside each line.
"""
from __future__ import annotations

import re

from razdel import sentenize, tokenize

_LINE = re.compile(r"[^\n]+")
# A line that ends like a sentence or a heading ends its sentence; a line that does not
# ends its sentence only when the next line starts like a new one (hard-wrapped text).
_LINE_END = re.compile(r"[.!?…:;»\"')\]]\s*$")
_NEXT_START = re.compile(r"^\s*[A-ZА-ЯЁ0-9«\"—–\-•*]")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of text between sentence-ending line breaks."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    blocks: list[tuple[int, int]] = []
    for start, end in lines:
        if blocks and _continues(text, blocks[-1], start):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    gap = text[previous[1]:start]
    if gap.count("\n") > 1:  # a blank line always separates paragraphs
        return False
    if _LINE_END.search(text[previous[0]:previous[1]]):
        return False
    return not _NEXT_START.match(text[start:start + 2])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of `text`."""
    spans = []
    for block_start, block_end in _blocks(text):
        for sent in sentenize(text[block_start:block_end]):
            spans.append((block_start + sent.start, block_start + sent.stop))
    return spans


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of razdel tokens, never crossing a sentence boundary."""
    spans = []
    for sent_start, sent_end in sentence_spans(text):
        for token in tokenize(text[sent_start:sent_end]):
            spans.append((sent_start + token.start, sent_start + token.stop))
    return spans
