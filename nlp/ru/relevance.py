"""`exwatch_ru_relevance`: a cheap first look, so that an article about something else
skips natasha (the expensive part) and the event search."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.ru.lexicon import RELEVANCE_FILE, relevance_stems


def is_relevant(text: str, stems: tuple[str, ...]) -> bool:
    lower = text.lower()
    return any(stem in lower for stem in stems)


class RussianRelevanceFilter:
    def __init__(self, nlp: Language, name: str, stems_file: str = RELEVANCE_FILE):
        register_extensions()
        self.name = name
        self.stems = relevance_stems(stems_file)

    def __call__(self, doc: Doc) -> Doc:
        doc._.exwatch_relevant = is_relevant(doc.text, self.stems)
        if not doc._.exwatch_relevant:
            doc._.exwatch_people = []
            doc._.exwatch_events = []
        return doc


@Language.factory(
    "exwatch_ru_relevance",
    default_config={"stems_file": RELEVANCE_FILE},
    assigns=["doc._.exwatch_relevant"],
)
def make_ru_relevance(nlp: Language, name: str, stems_file: str) -> RussianRelevanceFilter:
    return RussianRelevanceFilter(nlp, name, stems_file)
