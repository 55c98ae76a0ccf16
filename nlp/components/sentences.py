"""`exwatch_line_breaks`: a line break ends a sentence.

Titles, datelines and paragraphs have no final full stop; without this the parser glues
a headline onto the first sentence of the body. Runs before the parser, which keeps
sentence starts that are already set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[int]:
        """Indices of the first token after each line break."""
        starts = []
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                starts.append(token.i + 1)
        return starts

    def set_annotations(self, doc: Doc, starts: list[int]) -> None:
        for i in starts:
            doc[i].is_sent_start = True


@Language.factory("exwatch_line_breaks", assigns=["token.is_sent_start"], requires=[])
def make_line_breaks(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer()
