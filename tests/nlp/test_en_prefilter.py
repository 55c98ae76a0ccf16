"""The relevance prefilter: a lexicon check on raw text, no model needed."""
import pytest
import spacy

from nlp.components.prefilter import RelevanceLexicon


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("exwatch_prefilter")
    return nlp


@pytest.mark.parametrize("text", [
    "Kazakhstan extradited the activist to Russia.",
    "The blogger was deported from Turkey on Monday.",
    "She applied for asylum in Germany.",
    "He was put on the federal wanted list.",
    "Police detained him at the request of Russian prosecutors.",
    "Rights groups urged Kyrgyzstan not to hand Solovtsov over.",
])
def test_relevant_texts_pass(blank, text):
    assert blank(text)._.exwatch_relevant is True


@pytest.mark.parametrize("text", [
    "The central bank raised interest rates by half a point on Tuesday.",
    "Police detained two men after a football match.",  # one weak cue is not enough
    "The new stadium opens in April.",
])
def test_irrelevant_texts_are_dropped(blank, text):
    assert blank(text)._.exwatch_relevant is False


def test_score_counts_each_term_once():
    lexicon = RelevanceLexicon.load("en_prefilter.jsonl")
    assert lexicon.score("detained, detained and detained again") == 1
    assert lexicon.is_relevant("detained at the request of Moscow")


def test_prefilter_needs_no_parse(blank):
    doc = blank("He was extradited.")
    assert doc._.exwatch_relevant and not doc.has_annotation("DEP")
