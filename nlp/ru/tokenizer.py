"""A spaCy tokenizer that splits Russian text the way natasha's models were trained
(razdel: "из-под", "Санкт-Петербург" stay whole), and marks sentence starts."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.ru.segment import sentence_spans, tokenize


class RazdelTokenizer:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        sent_starts: list[bool] = []
        cursor = 0
        for sent_start, sent_end in sentence_spans(text):
            first = True
            for token in tokenize(text[sent_start:sent_end]):
                start, end = sent_start + token.start, sent_start + token.stop
                _add_gap(text[cursor:start], words, spaces, sent_starts)
                words.append(text[start:end])
                spaces.append(False)
                sent_starts.append(first)
                first = False
                cursor = end
        _add_gap(text[cursor:], words, spaces, sent_starts)
        if sent_starts:
            sent_starts[0] = True
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)

    # spaCy serialises tokenizers with the pipeline; this one has no state to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "RazdelTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "RazdelTokenizer":
        return self


def _add_gap(gap: str, words: list[str], spaces: list[bool], sent_starts: list[bool]) -> None:
    """Whitespace between tokens: one space rides on the previous token, the rest is a token."""
    if not gap:
        return
    if words and gap.startswith(" ") and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        sent_starts.append(False)


@spacy.registry.tokenizers("exwatch.ru_razdel_tokenizer.v1")
def create_razdel_tokenizer():
    def make(nlp):
        return RazdelTokenizer(nlp.vocab)

    return make
