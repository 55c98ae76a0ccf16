"""The analyze API: prefilter short-cut, batching in order, language choice, title handling."""
import datetime as dt

import pytest

from nlp.api import analyze, analyze_many, detect_language, full_text
from nlp.types import Analysis


def test_irrelevant_article_is_not_parsed(en_nlp):
    a = analyze("The central bank raised rates on Tuesday.", published=dt.date(2025, 1, 1))
    assert isinstance(a, Analysis) and a.relevant is False and a.events == [] and a.people == []


def test_analyze_many_keeps_input_order(en_nlp):
    texts = [
        "The weather was mild in Astana on Monday.",
        "Turkey deported Uzbek blogger Dilshod Karimov to Tashkent on Monday.",
        "Football results from the weekend.",
        "Kyrgyz police detained Russian journalist Artyom Solovtsov on Monday at the request of Moscow.",
    ]
    records = [{"text": t, "published": dt.date(2025, 3, 5), "language": "en"} for t in texts]
    results = list(analyze_many(records, batch_size=2))
    assert [r.relevant for r in results] == [False, True, False, True]
    assert results[1].events[0].person == "Dilshod Karimov"
    assert results[3].events[0].person == "Artyom Solovtsov"


def test_analyze_many_accepts_tuples(en_nlp):
    (result,) = analyze_many([("Turkey deported Uzbek blogger Dilshod Karimov.", "", None, "en")])
    assert result.events and result.events[0].date is None


def test_language_detection():
    assert detect_language("Суд в Бишкеке отказал в экстрадиции", None) == "ru"
    assert detect_language("Суд в Бишкеке отказал в экстрадиции", "xx") == "ru"
    assert detect_language("A court in Bishkek refused", "de") == "en"
    assert detect_language("A court in Bishkek refused", "en") == "en"


def test_title_is_prepended_once():
    assert full_text("Body text.", "Headline") == "Headline\n\nBody text."
    assert full_text("Headline\n\nBody text.", "Headline") == "Headline\n\nBody text."
    assert full_text("Body text.", "") == "Body text."


def test_people_contract_in_json(en_nlp):
    a = analyze("Kazakhstan extradited Russian activist Oleg Petrov to Russia.", published=dt.date(2025, 3, 5))
    payload = a.to_json()
    assert payload["people"][0] == {"name": "Oleg Petrov", "role": "subject"}
    assert payload["events"][0]["stage"] == "transferred"


@pytest.mark.slow
def test_worker_processes_give_the_same_analyses(en_nlp):
    texts = ["Turkey deported Uzbek blogger Dilshod Karimov to Tashkent on Monday."] * 12
    records = [{"text": t, "published": dt.date(2025, 3, 5), "language": "en"} for t in texts]
    one = [a.to_json() for a in analyze_many(records, n_process=1, batch_size=4)]
    two = [a.to_json() for a in analyze_many(records, n_process=2, batch_size=4)]
    assert one == two and one[0]["events"][0]["date"] == "2025-03-03"
