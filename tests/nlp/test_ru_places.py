"""Host and destination countries of Russian events."""
import datetime as dt

import pytest

from nlp.ru.pipeline import build_ru_pipeline
from nlp.types import Stage


@pytest.fixture(scope="module")
def nlp():
    return build_ru_pipeline()


def countries(nlp, text, person, stage):
    doc = nlp.make_doc(text)
    doc._.exwatch_published = dt.date(2025, 3, 12)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for event in doc._.exwatch_events:
        if event.person == person and event.stage == stage:
            return event.host_country, event.destination_country
    raise AssertionError(f"no {stage.value} for {person}: {doc._.exwatch_events}")


@pytest.mark.parametrize("text, person, stage, expected", [
    ("Казахстан выдал России Игоря Лаптева.", "Игорь Лаптев", Stage.TRANSFERRED, ("KZ", "RU")),
    ("Власти Кыргызстана передали российской стороне Игоря Лаптева.", "Игорь Лаптев",
     Stage.TRANSFERRED, ("KG", "RU")),
    ("Игоря Лаптева задержали в Ереване по запросу Генпрокуратуры России.", "Игорь Лаптев",
     Stage.DETAINED, ("AM", "RU")),
    ("Суд Бишкека отказал Генпрокуратуре России в экстрадиции Игоря Лаптева.", "Игорь Лаптев",
     Stage.EXTRADITION_REFUSED, ("KG", "RU")),
    ("Генпрокуратура Беларуси направила в Польшу запрос о выдаче Игоря Лаптева.", "Игорь Лаптев",
     Stage.EXTRADITION_REQUESTED, ("PL", "BY")),
    ("Игоря Лаптева депортировали из Таиланда в Россию.", "Игорь Лаптев", Stage.TRANSFERRED, ("TH", "RU")),
    ("Казахстанский суд санкционировал экстрадицию российского активиста Игоря Лаптева.",
     "Игорь Лаптев", Stage.EXTRADITION_ORDERED, ("KZ", "RU")),
    ("Игоря Лаптева, который живёт в Белграде, МВД России объявило в розыск.", "Игорь Лаптев",
     Stage.WANTED, ("RS", "RU")),
    ("Министр юстиции Черногории подписал решение о выдаче России Игоря Лаптева, которого в Москве "
     "обвиняют в мошенничестве.", "Игорь Лаптев", Stage.EXTRADITION_ORDERED, ("ME", "RU")),
])
def test_countries_by_how_they_attach(nlp, text, person, stage, expected):
    assert countries(nlp, text, person, stage) == expected


def test_a_case_fills_its_gaps_from_the_persons_other_events(nlp):
    text = ("Игоря Лаптева задержали в Алматы по запросу России. "
            "Суд санкционировал его экстрадицию в феврале.")
    assert countries(nlp, text, "Игорь Лаптев", Stage.EXTRADITION_ORDERED) == ("KZ", "RU")
