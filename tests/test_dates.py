"""Date expressions resolved against the publication date, never the wall clock."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from nlp.dates import find_dates, parse_published, resolve_date
from nlp.types import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR

# Tuesday 4 March 2025 (dev01), Thursday 3 April 2025 (dev07).
TUE_4_MAR_2025 = dt.date(2025, 3, 4)
THU_3_APR_2025 = dt.date(2025, 4, 3)


@pytest.mark.parametrize(
    "expression, published, value, precision",
    [
        ("on Monday", TUE_4_MAR_2025, "2025-03-03", DAY),
        ("on Tuesday", TUE_4_MAR_2025, "2025-03-04", DAY),  # the day of publication
        ("last Tuesday", TUE_4_MAR_2025, "2025-02-25", DAY),
        ("on Wednesday", dt.date(2024, 9, 12), "2024-09-11", DAY),
        ("on Thursday", dt.date(2024, 7, 8), "2024-07-04", DAY),
        ("6 September", dt.date(2024, 9, 12), "2024-09-06", DAY),
        ("on 1 April", THU_3_APR_2025, "2025-04-01", DAY),
        ("on 6 April", THU_3_APR_2025, "2024-04-06", DAY),  # past preferred
        ("September 6, 2024", TUE_4_MAR_2025, "2024-09-06", DAY),
        ("the 6th of September", TUE_4_MAR_2025, "2024-09-06", DAY),
        ("Sept. 6", TUE_4_MAR_2025, "2024-09-06", DAY),
        ("2024-09-06", TUE_4_MAR_2025, "2024-09-06", DAY),
        ("September 2022", TUE_4_MAR_2025, "2022-09", MONTH),
        ("in March 2022", TUE_4_MAR_2025, "2022-03", MONTH),
        ("late January", TUE_4_MAR_2025, "2025-01", MONTH),
        ("early December", TUE_4_MAR_2025, "2024-12", MONTH),
        ("mid-February", TUE_4_MAR_2025, "2025-02", MONTH),
        ("in December", THU_3_APR_2025, "2024-12", MONTH),
        ("in March", TUE_4_MAR_2025, "2025-03", MONTH),  # this month
        ("last March", TUE_4_MAR_2025, "2024-03", MONTH),
        ("in November last year", TUE_4_MAR_2025, "2024-11", MONTH),
        ("last month", TUE_4_MAR_2025, "2025-02", MONTH),
        ("last week", dt.date(2025, 5, 21), "2025-05", MONTH),
        ("yesterday", TUE_4_MAR_2025, "2025-03-03", DAY),
        ("three days ago", TUE_4_MAR_2025, "2025-03-01", DAY),
        ("the day before yesterday", TUE_4_MAR_2025, "2025-03-02", DAY),
        ("02/18/2025", TUE_4_MAR_2025, "2025-02-18", DAY),  # dateparser, month first in English
        ("last year", TUE_4_MAR_2025, "2024", YEAR),
        ("this year", TUE_4_MAR_2025, "2025", YEAR),
        ("2022", TUE_4_MAR_2025, "2022", YEAR),
        ("since 2019", TUE_4_MAR_2025, "2019", YEAR),
        ("in the autumn of 2022", TUE_4_MAR_2025, "2022", YEAR),
        ("mid-2022", TUE_4_MAR_2025, "2022", YEAR),
        ("late 2023", TUE_4_MAR_2025, "2023", YEAR),
        ("since last summer", dt.date(2025, 5, 21), "2024", YEAR),
        ("last summer", dt.date(2025, 7, 10), "2024", YEAR),  # this summer is still on
    ],
)
def test_english_expressions(expression, published, value, precision):
    assert resolve_date(expression, published=published, language="en") == (value, precision)


@pytest.mark.parametrize(
    "expression, published, value, precision",
    [
        ("в понедельник", dt.date(2024, 11, 27), "2024-11-25", DAY),
        ("в среду", THU_3_APR_2025, "2025-04-02", DAY),
        ("в прошлую среду", dt.date(2025, 4, 2), "2025-03-26", DAY),
        ("1 апреля", THU_3_APR_2025, "2025-04-01", DAY),
        ("30 августа", dt.date(2024, 11, 27), "2024-08-30", DAY),
        ("3 апреля 2025 года", dt.date(2025, 6, 1), "2025-04-03", DAY),
        ("12.03.2024", THU_3_APR_2025, "2024-03-12", DAY),
        ("вчера", THU_3_APR_2025, "2025-04-02", DAY),
        ("в декабре", THU_3_APR_2025, "2024-12", MONTH),
        ("в феврале", THU_3_APR_2025, "2025-02", MONTH),
        ("в марте", THU_3_APR_2025, "2025-03", MONTH),
        ("в конце января", THU_3_APR_2025, "2025-01", MONTH),
        ("в ноябре прошлого года", THU_3_APR_2025, "2024-11", MONTH),
        ("в марте 2022 года", THU_3_APR_2025, "2022-03", MONTH),
        ("в прошлом месяце", THU_3_APR_2025, "2025-03", MONTH),
        ("на прошлой неделе", THU_3_APR_2025, "2025-03", MONTH),
        ("осенью 2022 года", THU_3_APR_2025, "2022", YEAR),
        ("в прошлом году", THU_3_APR_2025, "2024", YEAR),
        ("в 2023 году", THU_3_APR_2025, "2023", YEAR),
        ("летом прошлого года", THU_3_APR_2025, "2024", YEAR),
        ("прошлым летом", THU_3_APR_2025, "2024", YEAR),
        ("неделю назад", THU_3_APR_2025, "2025-03-27", DAY),
        ("месяц назад", THU_3_APR_2025, "2025-03", MONTH),
        ("в начале месяца", THU_3_APR_2025, "2025-04", MONTH),
        ("в конце прошлого месяца", THU_3_APR_2025, "2025-03", MONTH),
        ("в середине прошлого месяца", THU_3_APR_2025, "2025-03", MONTH),
    ],
)
def test_russian_expressions(expression, published, value, precision):
    assert resolve_date(expression, published=published, language="ru") == (value, precision)


def test_value_never_has_more_detail_than_its_precision():
    text = "He left in September 2022, was charged last year, detained in late January and on Monday."
    mentions = find_dates(text, published=TUE_4_MAR_2025, language="en")
    assert mentions, "expected date mentions"
    lengths = {DAY: 10, MONTH: 7, YEAR: 4}
    for mention in mentions:
        assert len(mention.value) == lengths[mention.precision], mention


def test_month_without_day_is_not_given_a_day():
    [mention] = find_dates("He was arrested in Gyumri in April.", published=dt.date(2024, 6, 19), language="en")
    assert (mention.value, mention.precision) == ("2024-04", MONTH)


def test_finds_every_date_in_a_sentence_with_spans():
    text = "Solovtsov left Russia in the autumn of 2022; a court charged him last year and he was listed in November."
    mentions = find_dates(text, published=TUE_4_MAR_2025, language="en")
    assert [(m.text, m.value) for m in mentions] == [
        ("in the autumn of 2022", "2022"),
        ("last year", "2024"),
        ("in November", "2024-11"),
    ]
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text


def test_longest_expression_wins_over_its_parts():
    [mention] = find_dates("deported on 6 September 2024 to Tashkent", published=TUE_4_MAR_2025, language="en")
    assert (mention.text, mention.value) == ("on 6 September 2024", "2024-09-06")


def test_russian_sentence():
    text = "Шамсутдинова задержали в Костанае в декабре, а 1 апреля доставили в Челябинск."
    mentions = find_dates(text, published=THU_3_APR_2025, language="ru")
    assert [(m.text, m.value, m.precision) for m in mentions] == [
        ("в декабре", "2024-12", MONTH),
        ("1 апреля", "2025-04-01", DAY),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "She says she may face extradition.",  # "may" the verb
        "Protesters march through Tbilisi.",  # "march" the walk
        "He faces up to ten years in prison.",
        "A group of 40 men and 2,000 supporters.",
    ],
)
def test_no_false_dates(text):
    assert find_dates(text, published=TUE_4_MAR_2025, language="en") == []


def test_relative_expressions_follow_the_publication_date():
    first = resolve_date("on Monday", published=dt.date(2025, 3, 4), language="en")
    second = resolve_date("on Monday", published=dt.date(2023, 10, 2), language="en")
    assert first == ("2025-03-03", DAY)
    assert second == ("2023-10-02", DAY)


@pytest.mark.parametrize("expression", ["on Monday", "in December", "last year", "yesterday", "two weeks ago", "в среду"])
def test_without_publication_date_relative_expressions_stay_unresolved(expression):
    language = "ru" if re.search("[а-я]", expression) else "en"
    assert resolve_date(expression, published=None, language=language) is None


@pytest.mark.parametrize(
    "expression, value, precision",
    [("6 September 2024", "2024-09-06", DAY), ("September 2022", "2022-09", MONTH), ("in 2019", "2019", YEAR)],
)
def test_without_publication_date_absolute_expressions_resolve(expression, value, precision):
    assert resolve_date(expression, published=None, language="en") == (value, precision)


def test_invalid_calendar_dates_are_dropped():
    assert resolve_date("31 February", published=TUE_4_MAR_2025, language="en") is None


def test_dateparser_handles_free_form_fallback():
    # Not in the grammar: resolved by the per-language dateparser configuration.
    assert find_dates("a fortnight ago", published=TUE_4_MAR_2025, language="en") == []
    assert resolve_date("a fortnight ago", published=TUE_4_MAR_2025, language="en") == ("2025-02-18", DAY)


def test_module_never_reads_the_wall_clock():
    source = (Path(__file__).parents[1] / "nlp" / "dates.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(today|now|utcnow)\(", source)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-04", dt.date(2025, 3, 4)),
        ("2025-03-04T10:15:00+03:00", dt.date(2025, 3, 4)),
        ("2025-03-04T10:15:00Z", dt.date(2025, 3, 4)),
        ("Tue, 04 Mar 2025 10:00:00 +0000", dt.date(2025, 3, 4)),
        ("4 March 2025", dt.date(2025, 3, 4)),
        ("March 4, 2025", dt.date(2025, 3, 4)),
        ("3 апреля 2025", dt.date(2025, 4, 3)),
        ("27 ноября 2024 г.", dt.date(2024, 11, 27)),
        ("04.03.2025", dt.date(2025, 3, 4)),  # day first, not the American month first
        ("2025/03/04", dt.date(2025, 3, 4)),
        ("", None),
        ("not a date", None),
        ("March 2025", None),  # a month is not a publication day
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_find_dates_is_fast():
    import time

    text = "Solovtsov left Russia in the autumn of 2022; a court charged him last year and he was listed in November."
    find_dates(text, published=TUE_4_MAR_2025, language="en")  # warm the compiled grammar
    started = time.perf_counter()
    for _ in range(50):
        find_dates(text, published=TUE_4_MAR_2025, language="en")
    assert (time.perf_counter() - started) / 50 < 0.01


def test_bare_month_takes_the_year_of_an_earlier_month_in_the_sentence():
    text = "В сентябре 2022 года он ушёл из части, а в октябре через Казахстан добрался до Германии."
    mentions = find_dates(text, published=dt.date(2024, 3, 28), language="ru")
    assert [m.value for m in mentions] == ["2022-09", "2022-10"]


def test_year_inheritance_stops_at_the_sentence_end():
    text = "In September 2022 he left. In October he was detained."
    mentions = find_dates(text, published=dt.date(2024, 3, 28), language="en")
    assert [m.value for m in mentions] == ["2022-09", "2023-10"]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A duration or a bare year dates another clause: no inheritance.
        ("He has lived in Serbia since March 2022 and was arrested on 30 July.", dt.date(2023, 8, 2), "2023-07-30"),
        ("Уехавший из Москвы в 2022 году, в июне он получил защиту.", dt.date(2025, 7, 21), "2025-06"),
        # Never backwards in time from the anchor.
        ("In September 2022 he left, and in March he was detained.", dt.date(2024, 3, 28), "2024-03"),
    ],
)
def test_no_year_inheritance(text, published, expected):
    language = "ru" if re.search("[а-я]", text) else "en"
    assert find_dates(text, published=published, language=language)[-1].value == expected


@pytest.mark.parametrize(
    "text, published, language, expected",
    [
        # dev08: the previous sentence's day is the anchor.
        ("Nazarov was detained on Thursday. His cousin was taken into custody a day later.",
         dt.date(2024, 7, 8), "en", ["2024-07-04", "2024-07-05"]),
        # dev03: "two weeks after <clause>" dates the clause, two weeks before the anchor; a month.
        ("He was deported on 6 September, two weeks after police detained him.",
         dt.date(2024, 9, 12), "en", ["2024-09-06", "2024-08"]),
        ("Суд вынес решение 3 марта, а на следующий день его этапировали.",
         dt.date(2024, 9, 12), "ru", ["2024-03-03", "2024-03-04"]),
        ("Его задержали 3 марта, а через неделю суд арестовал его.",
         dt.date(2024, 9, 12), "ru", ["2024-03-03", "2024-03"]),
    ],
)
def test_offsets_count_from_the_last_exact_day(text, published, language, expected):
    assert [m.value for m in find_dates(text, published=published, language=language)] == expected


def test_offset_without_anchor_is_unresolved():
    assert find_dates("His cousin was detained a day later.", published=dt.date(2024, 7, 8), language="en") == []
    assert resolve_date("the next day", published=dt.date(2024, 7, 8), language="en") is None


def test_offset_from_a_caller_anchor():
    found = find_dates("His cousin was detained a day later.", published=dt.date(2024, 7, 8), language="en",
                       anchor=dt.date(2024, 7, 4))
    assert [(m.text, m.value) for m in found] == [("a day later", "2024-07-05")]
    assert resolve_date("на следующий день", published=dt.date(2024, 7, 8), language="ru",
                        anchor=dt.date(2024, 7, 4)) == ("2024-07-05", DAY)


def test_offset_never_passes_publication():
    text = "Его задержали 3 июля, а через две недели суд рассмотрит жалобу."
    assert [m.value for m in find_dates(text, published=dt.date(2024, 7, 8), language="ru")] == ["2024-07-03"]


def test_after_needs_its_anchor_in_the_same_sentence():
    text = "He was deported on 6 September. Two weeks after he arrived, he was charged."
    assert [m.value for m in find_dates(text, published=dt.date(2024, 9, 30), language="en")] == ["2024-09-06"]


@pytest.mark.parametrize(
    "text, anchor, anchor_precision, expected",
    [
        # With no exact day before it, an offset keeps the precision of the date it counts from.
        ("In May 2023 police detained her. She was released a week later.", None, None, ["2023-05", "2023-05"]),
        ("She moved to Istanbul in 2021. A year later she was put on a wanted list.", None, None, ["2021", "2022"]),
        ("He applied for asylum the same month.", dt.date(2025, 2, 1), MONTH, ["2025-02"]),
        ("He was charged the same day.", dt.date(2025, 9, 15), DAY, ["2025-09-15"]),
        ("Police picked him up early that morning.", dt.date(2025, 4, 29), DAY, ["2025-04-29"]),
        ("He was charged later that year.", dt.date(2024, 3, 2), DAY, ["2024"]),
        # Too wide to stay inside a month: unresolved rather than guessed.
        ("He was freed 40 days later.", dt.date(2025, 2, 1), MONTH, []),
    ],
)
def test_offsets_from_a_coarse_date(text, anchor, anchor_precision, expected):
    kwargs = {"anchor": anchor, "anchor_precision": anchor_precision} if anchor else {}
    found = find_dates(text, published=dt.date(2025, 10, 1), language="en", **kwargs)
    assert [m.value for m in found] == expected


def test_an_offset_counts_from_a_date_earlier_in_its_own_sentence_before_an_older_exact_day():
    text = "В понедельник ему дали статус беженца. В феврале его задержали, но через месяц суд освободил его."
    found = find_dates(text, published=dt.date(2024, 12, 5), language="ru")
    assert [m.value for m in found] == ["2024-12-02", "2024-02", "2024-03"]
    # with no date in its own sentence: the nearest dated sentence, its exact day first
    text = "Его задержали 3 мая. В июне ему предъявили обвинение. Через неделю его отпустили."
    assert [m.value for m in find_dates(text, published=dt.date(2024, 12, 5), language="ru")] == [
        "2024-05-03", "2024-06", "2024-06"]
    text = "He was detained on 3 May and charged in June. A day later he was freed."
    assert find_dates(text, published=dt.date(2024, 12, 5), language="en")[-1].value == "2024-05-04"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He was extradited on 3 March. A court charged him the following week.", ["2025-03-03", "2025-03"]),
        ("He was detained in March 2024. He was extradited the following year.", ["2024-03", "2025"]),
        ("He was detained in November 2024. He was extradited the next month.", ["2024-11", "2024-12"]),
    ],
)
def test_following_week_month_year(text, expected):
    assert [m.value for m in find_dates(text, published=dt.date(2025, 3, 13), language="en")] == expected


@pytest.mark.parametrize(
    "expression, published, expected",
    [
        ("over the weekend", dt.date(2025, 10, 16), ("2025-10", MONTH)),
        ("last weekend", dt.date(2025, 10, 13), ("2025-10", MONTH)),
        ("over the weekend", dt.date(2025, 6, 2), None),  # 31 May - 1 June: no single month
        ("in the first week of October", dt.date(2025, 10, 16), ("2025-10", MONTH)),
        ("in the last days of December", dt.date(2025, 10, 16), ("2024-12", MONTH)),
        ("in the second half of 2023", dt.date(2025, 10, 16), ("2023", YEAR)),
    ],
)
def test_weekends_and_parts_of_a_month(expression, published, expected):
    assert resolve_date(expression, published=published, language="en") == expected


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # "the next day" after a bare year says no time at all
        ("He moved to Almaty in 2022. The next day he was detained.", "en", ["2022"]),
        # a "since" date starts a duration and is nobody's moment to count from
        ("Его выдали России, он жил в Астане с 2022 года. На следующий день его арестовали.", "ru", ["2022"]),
        ("He has lived in Almaty since May 2022. A week later he was detained.", "en", ["2022-05"]),
    ],
)
def test_offsets_need_a_moment_to_count_from(text, language, expected):
    assert [m.value for m in find_dates(text, published=dt.date(2025, 3, 13), language=language)] == expected
