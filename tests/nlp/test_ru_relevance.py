"""The cheap prefilter that spares irrelevant Russian articles the natasha pass."""
import datetime as dt

import pytest

from nlp.ru.lexicon import relevance_stems
from nlp.ru.pipeline import build_ru_pipeline
from nlp.ru.relevance import is_relevant


@pytest.mark.parametrize("text", [
    "Активиста экстрадировали в Россию.",
    "Суд отказал в выдаче блогера.",
    "Его задержали в аэропорту.",
    "Она попросила убежища в Германии.",
    "Уклониста депортировали из Казахстана.",
    "Его объявили в розыск.",
])
def test_extradition_vocabulary_is_relevant(text):
    assert is_relevant(text, relevance_stems())


@pytest.mark.parametrize("text", [
    "В Алматы открылся новый театр.",
    "Курс рубля снова упал.",
    "",
])
def test_other_news_is_not(text):
    assert not is_relevant(text, relevance_stems())


def test_irrelevant_article_gets_empty_results_without_entities():
    nlp = build_ru_pipeline()
    doc = nlp.make_doc("Иван Петров открыл пекарню в Казани.")
    doc._.exwatch_published = dt.date(2025, 1, 1)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.exwatch_relevant is False
    assert doc._.exwatch_people == [] and doc._.exwatch_events == []
    assert doc.ents == ()
