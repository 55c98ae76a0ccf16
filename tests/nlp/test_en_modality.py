"""Modality: feared, conditional, negated and urged events are not facts (hand-built parses)."""
import pytest
import spacy
from spacy.tokens import Doc

from nlp.components.modality import ModalityChecker


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def checker():
    return ModalityChecker.load("en_modality.jsonl")


def parsed(vocab, rows):
    words, heads, deps, lemmas, pos = zip(*rows)
    return Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), lemmas=list(lemmas), pos=list(pos))


def test_plain_passive_is_asserted(vocab, checker):
    doc = parsed(vocab, [("He", 2, "nsubjpass", "he", "PRON"), ("was", 2, "auxpass", "be", "AUX"),
                         ("deported", 2, "ROOT", "deport", "VERB")])
    assert checker.is_asserted(doc[2], doc[2])


def test_may_be_extradited_is_not(vocab, checker):
    doc = parsed(vocab, [("He", 3, "nsubjpass", "he", "PRON"), ("may", 3, "aux", "may", "AUX"),
                         ("be", 3, "auxpass", "be", "AUX"), ("extradited", 3, "ROOT", "extradite", "VERB")])
    assert not checker.is_asserted(doc[3], doc[3])


def test_not_detained_is_not(vocab, checker):
    doc = parsed(vocab, [("Police", 3, "nsubj", "police", "NOUN"), ("have", 3, "aux", "have", "AUX"),
                         ("not", 3, "neg", "not", "PART"), ("detained", 3, "ROOT", "detain", "VERB"),
                         ("her", 3, "dobj", "she", "PRON")])
    assert not checker.is_asserted(doc[3], doc[3])


def test_urged_not_to_hand_over_is_not(vocab, checker):
    doc = parsed(vocab, [("Groups", 1, "nsubj", "group", "NOUN"), ("urged", 1, "ROOT", "urge", "VERB"),
                         ("Kyrgyzstan", 1, "dobj", "Kyrgyzstan", "PROPN"), ("to", 4, "aux", "to", "PART"),
                         ("hand", 1, "xcomp", "hand", "VERB"), ("him", 4, "dobj", "he", "PRON"),
                         ("over", 4, "prt", "over", "ADP")])
    assert not checker.is_asserted(doc[4], doc[4])


def test_fear_of_deportation_is_not(vocab, checker):
    doc = parsed(vocab, [("Lawyers", 1, "nsubj", "lawyer", "NOUN"), ("fear", 1, "ROOT", "fear", "VERB"),
                         ("he", 4, "nsubjpass", "he", "PRON"), ("was", 4, "auxpass", "be", "AUX"),
                         ("deported", 1, "ccomp", "deport", "VERB")])
    assert not checker.is_asserted(doc[4], doc[4])


def test_reporting_verb_does_not_block(vocab, checker):
    doc = parsed(vocab, [("Police", 1, "nsubj", "police", "NOUN"), ("said", 1, "ROOT", "say", "VERB"),
                         ("he", 4, "nsubjpass", "he", "PRON"), ("was", 4, "auxpass", "be", "AUX"),
                         ("detained", 1, "ccomp", "detain", "VERB")])
    assert checker.is_asserted(doc[4], doc[4])


def test_conditional_if_is_not(vocab, checker):
    doc = parsed(vocab, [("If", 3, "mark", "if", "SCONJ"), ("he", 3, "nsubjpass", "he", "PRON"),
                         ("is", 3, "auxpass", "be", "AUX"), ("sent", 6, "advcl", "send", "VERB"),
                         ("back", 3, "advmod", "back", "ADV"), ("he", 6, "nsubj", "he", "PRON"),
                         ("faces", 6, "ROOT", "face", "VERB"), ("prison", 6, "dobj", "prison", "NOUN")])
    assert not checker.is_asserted(doc[3], doc[3])
