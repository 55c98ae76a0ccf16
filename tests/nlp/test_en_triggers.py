"""Stage triggers (DependencyMatcher over the JSONL patterns) on hand-built parses."""
import pytest
import spacy
from spacy.tokens import Doc

from nlp.components.triggers import TriggerFinder


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def finder(vocab):
    return TriggerFinder.load(vocab, "en_triggers.jsonl")


def parsed(vocab, rows):
    """rows: (word, head index, dep, lemma, pos)."""
    words, heads, deps, lemmas, pos = zip(*rows)
    return Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), lemmas=list(lemmas), pos=list(pos))


def found(finder, doc):
    return [(m.rule.stage, m.trigger.text, m.target.text) for m in finder(doc)]


def test_passive_extradition_is_a_transfer(vocab, finder):
    doc = parsed(vocab, [("He", 2, "nsubjpass", "he", "PRON"), ("was", 2, "auxpass", "be", "AUX"),
                         ("extradited", 2, "ROOT", "extradite", "VERB")])
    assert found(finder, doc) == [("transferred", "extradited", "extradited")]


def test_refused_to_extradite_is_a_refusal_not_a_transfer(vocab, finder):
    doc = parsed(vocab, [("The", 1, "det", "the", "DET"), ("court", 2, "nsubj", "court", "NOUN"),
                         ("refused", 2, "ROOT", "refuse", "VERB"), ("to", 4, "aux", "to", "PART"),
                         ("extradite", 2, "xcomp", "extradite", "VERB"), ("him", 4, "dobj", "he", "PRON")])
    assert found(finder, doc) == [("extradition_refused", "refused", "extradite")]


def test_approved_the_extradition_is_an_order(vocab, finder):
    doc = parsed(vocab, [("A", 1, "det", "a", "DET"), ("court", 2, "nsubj", "court", "NOUN"),
                         ("approved", 2, "ROOT", "approve", "VERB"), ("the", 4, "det", "the", "DET"),
                         ("extradition", 2, "dobj", "extradition", "NOUN"), ("of", 4, "prep", "of", "ADP"),
                         ("Lirnikov", 5, "pobj", "Lirnikov", "PROPN")])
    assert found(finder, doc) == [("extradition_ordered", "approved", "extradition")]


def test_rejected_appeal_against_extradition_is_an_order_not_a_refusal(vocab, finder):
    doc = parsed(vocab, [("Judges", 1, "nsubj", "judge", "NOUN"), ("rejected", 1, "ROOT", "reject", "VERB"),
                         ("his", 3, "poss", "his", "PRON"), ("appeal", 1, "dobj", "appeal", "NOUN"),
                         ("against", 3, "prep", "against", "ADP"), ("extradition", 4, "pobj", "extradition", "NOUN")])
    assert found(finder, doc) == [("extradition_ordered", "rejected", "appeal")]


def test_applied_for_refugee_status_is_asylum_sought(vocab, finder):
    doc = parsed(vocab, [("She", 1, "nsubj", "she", "PRON"), ("applied", 1, "ROOT", "apply", "VERB"),
                         ("for", 1, "prep", "for", "ADP"), ("refugee", 4, "compound", "refugee", "NOUN"),
                         ("status", 2, "pobj", "status", "NOUN")])
    assert found(finder, doc) == [("asylum_sought", "applied", "refugee")]


def test_put_on_wanted_list(vocab, finder):
    doc = parsed(vocab, [("He", 2, "nsubjpass", "he", "PRON"), ("was", 2, "auxpass", "be", "AUX"),
                         ("put", 2, "ROOT", "put", "VERB"), ("on", 2, "prep", "on", "ADP"),
                         ("the", 6, "det", "the", "DET"), ("wanted", 6, "amod", "want", "VERB"),
                         ("list", 3, "pobj", "list", "NOUN")])
    assert ("wanted", "put", "put") in found(finder, doc)


def test_words_without_a_trigger_match_nothing(vocab, finder):
    doc = parsed(vocab, [("Ministers", 1, "nsubj", "minister", "NOUN"), ("discussed", 1, "ROOT", "discuss", "VERB"),
                         ("migration", 1, "dobj", "migration", "NOUN")])
    assert found(finder, doc) == []
