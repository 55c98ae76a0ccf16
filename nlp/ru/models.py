"""natasha's models, loaded once per process (they ship inside the natasha package,
so nothing is downloaded)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from natasha import (
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    NewsSyntaxParser,
)


@dataclass(frozen=True)
class NatashaModels:
    morph_tagger: NewsMorphTagger
    syntax_parser: NewsSyntaxParser
    ner_tagger: NewsNERTagger


@lru_cache(maxsize=1)
def natasha_models() -> NatashaModels:
    embedding = NewsEmbedding()
    return NatashaModels(
        morph_tagger=NewsMorphTagger(embedding),
        syntax_parser=NewsSyntaxParser(embedding),
        ner_tagger=NewsNERTagger(embedding),
    )


@lru_cache(maxsize=1)
def morph_vocab() -> MorphVocab:
    """pymorphy2 dictionaries with natasha's UD tag names (lemmas, name inflection)."""
    return MorphVocab()
