"""Build the spaCy pipeline of a language: a trained model plus the exwatch components.

English: exwatch_prefilter -> exwatch_line_breaks -> tok2vec, tagger, parser, lemmatizer,
ner -> exwatch_place_labels -> exwatch_people -> exwatch_events. Russian is delegated to `nlp.ru.pipeline`.
Everything up to the prefilter is cheap; `nlp.api` runs the rest only on relevant docs.
"""
from __future__ import annotations

from functools import lru_cache

import spacy

from spacy.language import Language

from nlp import components  # noqa: F401  (registers the exwatch_* factories)
from nlp.extensions import register_extensions
from nlp.models import load_model

PREFILTER_NAMES = ("exwatch_prefilter", "exwatch_ru_relevance")
LANGUAGES = ("en", "ru")


def build_pipeline(lang: str) -> Language:
    """A new pipeline for `lang` ("en" or "ru"). The trained model itself is loaded once."""
    register_extensions()
    if lang == "ru":
        return _build_russian()
    if lang != "en":
        raise ValueError(f"unsupported language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    nlp = _fresh_english_model()
    nlp.add_pipe("exwatch_prefilter", first=True)
    nlp.add_pipe("exwatch_line_breaks", after="exwatch_prefilter")
    nlp.add_pipe("exwatch_place_labels", last=True)
    nlp.add_pipe("exwatch_people", last=True)
    nlp.add_pipe("exwatch_events", last=True)
    return nlp


@lru_cache(maxsize=None)
def get_pipeline(lang: str) -> Language:
    """The shared pipeline of a language: built once per process."""
    return build_pipeline(lang)


def cheap_pipe_count(nlp: Language) -> int:
    """How many leading components run before the expensive ones (through the prefilter)."""
    for position, name in enumerate(nlp.pipe_names):
        if name in PREFILTER_NAMES:
            return position + 1
    return 0


def _fresh_english_model() -> Language:
    """A new Language sharing the cached model's vocab, tokenizer and trained components."""
    base = load_model("en")
    nlp = spacy.blank("en", vocab=base.vocab)
    nlp.tokenizer = base.tokenizer
    for name in base.pipe_names:
        nlp.add_pipe(name, source=base)
    nlp.meta.update({k: v for k, v in base.meta.items() if k in ("name", "version", "lang")})
    return nlp


def _build_russian() -> Language:
    try:
        from nlp.ru.pipeline import build_ru_pipeline
    except ImportError as error:
        raise NotImplementedError(f"the Russian pipeline (nlp.ru.pipeline) is not available: {error}") from error
    return build_ru_pipeline()
