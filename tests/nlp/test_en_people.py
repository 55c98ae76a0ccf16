"""People resolution on hand-built docs (no model): names, titles, officials, pronouns."""
import pytest
import spacy
from spacy.tokens import Doc, Span

from nlp.components.lexicon import word_sets
from nlp.components.people import PeopleResolver


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def resolver():
    places = {"russia", "kazakhstan", "moscow", "astana", "russian"}
    return PeopleResolver(word_sets("en_people.jsonl"), is_place=lambda term: term.lower() in places)


def make_doc(vocab, rows, persons):
    """rows: (word, head, dep, pos, tag); persons: (start, end) PERSON spans."""
    words, heads, deps, pos, tags = zip(*rows)
    doc = Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags))
    doc.ents = [Span(doc, start, end, label="PERSON") for start, end in persons]
    return doc


def test_surname_and_pronoun_resolve_to_full_name(vocab, resolver):
    rows = [("Yulia", 1, "compound", "PROPN", "NNP"), ("Yemelyanova", 2, "nsubj", "PROPN", "NNP"),
            ("fled", 2, "ROOT", "VERB", "VBD"), (".", 2, "punct", "PUNCT", "."),
            ("Police", 5, "nsubj", "NOUN", "NNS"), ("detained", 5, "ROOT", "VERB", "VBD"),
            ("her", 5, "dobj", "PRON", "PRP"), ("and", 5, "cc", "CCONJ", "CC"),
            ("Yemelyanova", 9, "nsubj", "PROPN", "NNP"), ("appealed", 5, "conj", "VERB", "VBD")]
    doc = make_doc(vocab, rows, [(0, 2)])  # two roots: two sentences
    index = resolver.match(doc)
    assert [p.name for p in index.people] == ["Yulia Yemelyanova"]
    assert index.at(doc[6]).name == "Yulia Yemelyanova"  # her
    assert index.at(doc[8]).name == "Yulia Yemelyanova"  # surname only


def test_titles_are_stripped_and_officials_marked(vocab, resolver):
    rows = [("President", 2, "compound", "PROPN", "NNP"), ("Sadyr", 2, "compound", "PROPN", "NNP"),
            ("Japarov", 3, "nsubj", "PROPN", "NNP"), ("spoke", 3, "ROOT", "VERB", "VBD")]
    doc = make_doc(vocab, rows, [(0, 3)])
    (person,) = resolver.match(doc).people
    assert person.name == "Sadyr Japarov" and person.official


def test_lawyer_in_apposition_is_official(vocab, resolver):
    rows = [("His", 1, "poss", "PRON", "PRP$"), ("lawyer", 6, "nsubj", "NOUN", "NN"), (",", 1, "punct", "PUNCT", ","),
            ("Elmira", 4, "compound", "PROPN", "NNP"), ("Toktosunova", 1, "appos", "PROPN", "NNP"),
            (",", 1, "punct", "PUNCT", ","), ("said", 6, "ROOT", "VERB", "VBD")]
    doc = make_doc(vocab, rows, [(3, 5)])
    (person,) = resolver.match(doc).people
    assert person.official and person.gender == "f"


def test_ner_mistakes_and_place_names_are_not_people(vocab, resolver):
    rows = [("Related", 1, "amod", "ADJ", "JJ"), ("Articles", 1, "ROOT", "NOUN", "NNS"),
            ("Astana", 3, "nsubj", "PROPN", "NNP"), ("said", 3, "ROOT", "VERB", "VBD")]
    doc = make_doc(vocab, rows, [(0, 2), (2, 3)])
    assert resolver.match(doc).people == []


def test_age_apposition_finds_a_name_the_ner_missed(vocab, resolver):
    rows = [("Orazov", 4, "nsubjpass", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","), ("36", 0, "appos", "NUM", "CD"),
            (",", 0, "punct", "PUNCT", ","), ("was", 4, "ROOT", "AUX", "VBD")]
    doc = make_doc(vocab, rows, [])
    assert [p.name for p in resolver.match(doc).people] == ["Orazov"]


@pytest.mark.parametrize("words, gender", [
    (("Nina", "Sarkisova"), "f"), (("Artyom", "Solovtsov"), "m"), (("Nikita", "Voronov"), "m"), (("Li", "Wei"), None)])
def test_gender_from_name_forms(vocab, resolver, words, gender):
    rows = [(words[0], 1, "compound", "PROPN", "NNP"), (words[1], 1, "ROOT", "PROPN", "NNP")]
    doc = make_doc(vocab, rows, [(0, 2)])
    assert resolver.gender_of(doc[0:2]) == gender
