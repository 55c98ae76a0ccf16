"""Event dates in Russian articles, including dates that point back."""
import datetime as dt

from nlp.dates import DateMention
from nlp.ru.anaphoric_dates import resolve_anaphoric_dates
from nlp.ru.lexicon import date_anaphora
from nlp.ru.pipeline import build_ru_pipeline
from nlp.types import DatePrecision, Stage


def mention(text, phrase, value, precision):
    start = text.index(phrase)
    return DateMention(start, start + len(phrase), phrase, value, precision)


def test_same_day_takes_the_last_date_before_it():
    text = "Его задержали 21 октября. Суд в тот же день постановил выдворить его."
    dates = [mention(text, "21 октября", "2024-10-21", DatePrecision.DAY)]
    (found,) = resolve_anaphoric_dates(text, dates, date_anaphora())
    assert (found.value, found.precision) == ("2024-10-21", DatePrecision.DAY)
    assert text[found.start_char:found.end_char] == "в тот же день"


def test_same_month_keeps_only_the_month_and_needs_an_antecedent():
    text = "В октябре 2022 года он приехал. Заявление он подал в том же месяце."
    dates = [mention(text, "В октябре 2022 года", "2022-10", DatePrecision.MONTH)]
    (found,) = resolve_anaphoric_dates(text, dates, date_anaphora())
    assert (found.value, found.precision) == ("2022-10", DatePrecision.MONTH)
    assert resolve_anaphoric_dates("В тот же день его отпустили.", [], date_anaphora()) == []


def test_event_dates_come_from_their_own_clause():
    nlp = build_ru_pipeline()
    doc = nlp.make_doc("Власти Грузии выдали России Семёна Попова, который уехал из Москвы осенью 2022 года. "
                       "Попова задержали 2 февраля в Тбилиси. Суд в тот же день санкционировал его экстрадицию.")
    doc._.exwatch_published = dt.date(2025, 3, 12)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    dates = {e.stage: e.date for e in doc._.exwatch_events}
    assert dates[Stage.TRANSFERRED] is None  # "осенью 2022 года" is when he left
    assert dates[Stage.DETAINED] == "2025-02-02"
    assert dates[Stage.EXTRADITION_ORDERED] == "2025-02-02"


def test_next_day_adds_a_day_only_to_a_day():
    text = "6 июня её посадили на рейс. На следующий день суд арестовал её. В мае её задержали, на следующий день отпустили."
    dates = [mention(text, "6 июня", "2025-06-06", DatePrecision.DAY),
             mention(text, "В мае", "2025-05", DatePrecision.MONTH)]
    found = resolve_anaphoric_dates(text, dates, date_anaphora())
    assert [(f.value, f.precision) for f in found] == [("2025-06-07", DatePrecision.DAY)]


def test_a_date_in_the_same_stretch_of_text_dates_the_trigger_even_if_misparsed():
    nlp = build_ru_pipeline()
    doc = nlp.make_doc("Марата Исмаилова задержали в аэропорту Тбилиси 3 декабря по запросу "
                       "Следственного комитета России, который обвиняет его в распространении «фейков».")
    doc._.exwatch_published = dt.date(2025, 2, 14)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    (detained,) = [e for e in doc._.exwatch_events if e.stage is Stage.DETAINED]
    assert detained.date == "2024-12-03"


def test_a_stage_retold_with_a_finer_date_of_the_same_time_takes_the_finer_date():
    from nlp.ru.event_dates import earlier

    assert earlier("2025-07-09", "2025-07")  # "на прошлой неделе" ... "9 июля"
    assert earlier("2025-06", "2025-07")
    assert not earlier("2025-07", "2025-07-09")  # a coarser retelling does not replace the day
    assert not earlier("2025-08-01", "2025-07")
    assert not earlier("2025-07-09", "2025-07-09")


def ru_events(text, published):
    nlp = build_ru_pipeline()
    doc = nlp.make_doc(text)
    doc._.exwatch_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {e.stage: e.date for e in doc._.exwatch_events}


def test_the_next_sentence_dates_the_decision_it_names():
    text = ("Генеральная прокуратура России приняла решение об экстрадиции в Узбекистан Шерзода Каримова. "
            "Решение было подписано 15 октября, рассказала его адвокат.")
    assert ru_events(text, dt.date(2024, 10, 22))[Stage.EXTRADITION_ORDERED] == "2024-10-15"
    # a date of something else in the next sentence does not date the decision
    other = text.replace("Решение было подписано 15 октября", "Адвокат приехала в Казань 15 октября")
    assert ru_events(other, dt.date(2024, 10, 22))[Stage.EXTRADITION_ORDERED] is None


def test_a_next_sentence_that_only_tells_the_time_dates_the_event():
    published = dt.date(2025, 10, 16)  # a Thursday
    text = "Казахстан выдал России программиста Дениса Шилова. Это произошло в понедельник, сообщила его жена."
    assert ru_events(text, published)[Stage.TRANSFERRED] == "2025-10-13"
    text = "Суд Астаны отказал в экстрадиции в Россию программиста Дениса Шилова. Решение суд вынес во вторник."
    assert ru_events(text, published)[Stage.EXTRADITION_REFUSED] == "2025-10-14"
    # a decision sentence does not date an event that is no decision
    text = "Казахстан выдал России программиста Дениса Шилова. Решение суд вынес во вторник."
    assert ru_events(text, published)[Stage.TRANSFERRED] is None
