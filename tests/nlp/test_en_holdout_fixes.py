"""Behaviours fixed after the blind hold-out run (tests/eval_holdout): hand-built sentences
on the real English model, one behaviour each; none is a sentence of the hold-out set."""
from tests.nlp.conftest import pairs


def test_coordinated_order_is_not_a_refusal(analyze_en):
    a = analyze_en("Russian blogger Pavel Orlov lives in Vienna. In May a court in Vienna dismissed his complaint "
                   "and ordered his deportation to Russia.")
    assert ("Pavel Orlov", "extradition_ordered") in pairs(a)
    assert ("Pavel Orlov", "extradition_refused") not in pairs(a)


def test_denial_of_asylum_to_someone_held_for_extradition_is_no_refusal(analyze_en):
    a = analyze_en("Kazakhstan denies refugee status to Russian activist Oleg Petrov held for extradition.")
    assert ("Oleg Petrov", "extradition_refused") not in pairs(a)


def test_name_with_a_nationality_label_is_a_person(en_nlp):
    from nlp.components.people import PeopleResolver
    from nlp.components.lexicon import word_sets

    doc = en_nlp.make_doc("Zelimkhan Bisultanov keeps a bag by the door.")
    for pipe_name, pipe in en_nlp.pipeline:
        if pipe_name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"):
            doc = pipe(doc)
    from spacy.tokens import Span
    doc.ents = [Span(doc, 0, 2, label="NORP")]
    resolver = PeopleResolver(word_sets("en_people.jsonl"))
    assert [s.text for s in resolver.mislabelled_names(doc)] == ["Zelimkhan Bisultanov"]
    doc.ents = [Span(doc, 0, 1, label="NORP")]
    assert resolver.mislabelled_names(doc) == []


def test_role_apposition_recovers_a_name_labelled_org(analyze_en):
    a = analyze_en("Kazakhstan has refused asylum to Grigory Poltavets, a Russian army deserter. "
                   "Police detained him in Astana in July.")
    assert ("Grigory Poltavets", "detained") in pairs(a)


def test_role_noun_before_a_name_labelled_org_makes_it_a_person(analyze_en):
    a = analyze_en("Russian blogger Pavel Orlov fled to Austria in 2022. "
                   "In May an Austrian court ordered his deportation to Russia.")
    assert pairs(a) == {("Pavel Orlov", "extradition_ordered")}
