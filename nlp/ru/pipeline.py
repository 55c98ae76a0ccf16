"""The Russian spaCy pipeline: razdel tokens, relevance prefilter, natasha, events."""
from __future__ import annotations

import spacy
from spacy.language import Language

from nlp.extensions import register_extensions
from nlp.ru import events, natasha_component, relevance  # noqa: F401  (factory registration)
from nlp.ru.tokenizer import RazdelTokenizer

PIPE_NAMES = ("exwatch_ru_relevance", "exwatch_natasha", "exwatch_ru_events")


def build_ru_pipeline() -> Language:
    """A fresh `ru` Language; natasha's models are shared by every pipeline in the process."""
    register_extensions()
    nlp = spacy.blank("ru")
    nlp.tokenizer = RazdelTokenizer(nlp.vocab)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp
