"""NLP fixtures: the English pipeline is built once per test session (the model loads once)."""
import datetime as dt

import pytest


@pytest.fixture(scope="session")
def en_nlp():
    from nlp.pipeline import get_pipeline

    return get_pipeline("en")


@pytest.fixture(scope="session")
def analyze_en(en_nlp):
    """analyze(text) for English with a fixed publication date (never the wall clock)."""
    from nlp.api import analyze

    def run(text, published=dt.date(2025, 3, 5), title=""):  # a Wednesday
        return analyze(text, title=title, published=published, language="en")

    return run


def pairs(analysis):
    return {(e.person, e.stage.value) for e in analysis.events}
