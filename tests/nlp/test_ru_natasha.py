"""`exwatch_natasha`: natasha's NER, morphology and syntax on spaCy tokens."""
import pytest
import spacy

from nlp.ru import natasha_component  # noqa: F401  (registers the factory)
from nlp.ru.pipeline import build_ru_pipeline
from nlp.ru.tokenizer import RazdelTokenizer


@pytest.fixture(scope="module")
def nlp():
    return build_ru_pipeline()


def annotate(nlp, text):
    doc = nlp.make_doc(text)
    return nlp.get_pipe("exwatch_natasha")(doc)


def test_people_and_places_become_entities(nlp):
    doc = annotate(nlp, "Юлию Емельянову задержали в Алматы по запросу России.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Юлию Емельянову", "PER") in ents
    assert ("Алматы", "LOC") in ents and ("России", "LOC") in ents


def test_tokens_get_lemmas_morphology_and_a_tree(nlp):
    doc = annotate(nlp, "Её задержали в Бишкеке. Суд отказал в экстрадиции.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["задержали"] == "задержать" and lemmas["экстрадиции"] == "экстрадиция"
    assert doc[3].morph.get("Case") == ["Loc"]  # Бишкеке
    assert [sum(1 for t in sent if t.dep_ == "ROOT") for sent in doc.sents] == [1, 1]
    for token in doc:  # every head chain reaches the root of its own sentence
        assert token.sent.root in [token, *token.ancestors]


def test_sentences_stay_as_the_tokenizer_split_them(nlp):
    text = "Это уже не первый случай: в августе из Казахстана экстрадировали Дениса Пименова."
    doc = annotate(nlp, text)
    assert len(list(doc.sents)) == len(list(nlp.make_doc(text).sents))


def test_entities_never_run_over_a_line_break_or_include_symbols(nlp):
    doc = annotate(nlp, "Суд оставил в силе решение о выдаче активистки Зуевой\nОпубликовано: 18 декабря 2024\n\n🔹 Абакарова задержали в Душанбе.")
    for ent in doc.ents:
        assert "\n" not in ent.text
        assert ent.text[0].isalnum() and ent.text[-1].isalnum()


def test_works_with_the_blank_russian_tokenizer_too():
    nlp = spacy.blank("ru")
    nlp.add_pipe("exwatch_natasha")
    doc = nlp("Дарью Колесникову освободили в зале суда.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PER"] == [("Дарью Колесникову", "PER")]


def test_irrelevant_doc_is_left_alone(nlp):
    doc = nlp.make_doc("Иван Петров открыл пекарню в Казани.")
    doc._.exwatch_relevant = False
    doc = nlp.get_pipe("exwatch_natasha")(doc)
    assert doc.ents == () and all(t.lemma_ == "" for t in doc)


def test_pipeline_order_satisfies_every_requirement(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values())
    assert nlp.pipe_names[0] == "exwatch_ru_relevance"


def test_custom_tokenizer_does_not_need_pymorphy3():
    nlp = spacy.blank("ru")
    nlp.tokenizer = RazdelTokenizer(nlp.vocab)
    assert [t.text for t in nlp("из-под стражи")] == ["из-под", "стражи"]
