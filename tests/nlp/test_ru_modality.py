"""What a Russian article asserts, and what it only fears, expects or denies."""
import datetime as dt

import pytest

from nlp.ru.pipeline import build_ru_pipeline
from nlp.types import Stage


@pytest.fixture(scope="module")
def nlp():
    return build_ru_pipeline()


def stages(nlp, text):
    doc = nlp.make_doc(text)
    doc._.exwatch_published = dt.date(2025, 3, 12)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {e.stage for e in doc._.exwatch_events}


@pytest.mark.parametrize("text", [
    "Родственники опасаются, что Вадима Белова из Казахстана тоже могут выдать России.",
    "Вадиму Белову из Казахстана грозит выдача России.",
    "Казахстан решил не выдавать России Вадима Белова.",
    "Адвокаты добиваются, чтобы Вадима Белова из Казахстана не экстрадировали в Россию.",
])
def test_no_transfer_is_asserted(nlp, text):
    assert not stages(nlp, text) & {Stage.TRANSFERRED, Stage.EXTRADITION_ORDERED}


def test_asking_for_asylum_is_seeking_it_but_not_asking_is_not(nlp):
    asked = "Вадим Белов попросил убежища в Германии, Россия требует его выдачи."
    assert Stage.ASYLUM_SOUGHT in stages(nlp, asked)
    not_asked = "Вадим Белов из России не успел подать заявление на убежище в Германии."
    assert Stage.ASYLUM_SOUGHT not in stages(nlp, not_asked)
    maybe = "Вадим Белов из России, вероятно, попросит убежища в Германии."
    assert Stage.ASYLUM_SOUGHT not in stages(nlp, maybe)


def test_refusing_is_not_transferring(nlp):
    found = stages(nlp, "Суд в Ереване отказал России в экстрадиции Вадима Белова.")
    assert Stage.EXTRADITION_REFUSED in found and Stage.TRANSFERRED not in found


@pytest.mark.parametrize("text", [
    "Вадима Белова из Казахстана выдадут России на следующей неделе.",
    "Вадим Белов из Казахстана будет выдан России.",
    "Прокуратура Казахстана сообщила Вадиму Белову, что его экстрадируют в Россию.",
])
def test_a_future_hand_over_announces_a_decision(nlp, text):
    found = stages(nlp, text)
    assert Stage.EXTRADITION_ORDERED in found and Stage.TRANSFERRED not in found


def test_a_request_awaited_is_not_a_request(nlp):
    awaited = "Суд арестовал Вадима Белова на 40 суток до получения запроса об экстрадиции из России."
    assert Stage.EXTRADITION_REQUESTED not in stages(nlp, awaited)
    received = "Суд арестовал Вадима Белова после получения запроса об экстрадиции из России."
    assert Stage.EXTRADITION_REQUESTED in stages(nlp, received)
