"""Country names, demonyms and cities (English and Russian) to ISO 3166-1 alpha-2."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from nlp.countries import find_mentions, lookup, russian_forms

DATA = Path(__file__).parents[1] / "nlp" / "data" / "countries.jsonl"


@pytest.mark.parametrize(
    "term, code",
    [
        ("Kazakhstan", "KZ"),
        ("kazakhstan", "KZ"),
        ("Kazakhstan's", "KZ"),
        ("Russia’s", "RU"),
        ("the United States", "US"),
        ("U.S.", "US"),
        ("Kyrgyz", "KG"),
        ("Uzbeks", "UZ"),
        ("Belarusian", "BY"),
        ("Georgia", "GE"),
        ("Georgian", "GE"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Chechen", "RU"),
        ("Crimean", "UA"),
        ("Moscow", "RU"),
        ("Kremlin", "RU"),
        ("Bishkek", "KG"),
        ("Astana", "KZ"),
        ("Dushanbe", "TJ"),
        ("Tbilisi", "GE"),
        ("Yerevan", "AM"),
        ("Minsk", "BY"),
        ("Beijing", "CN"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Vietnam", "VN"),
        ("Thai", "TH"),
        ("UAE", "AE"),
        ("Serbia", "RS"),
    ],
)
def test_english_lookup(term, code):
    assert lookup(term, "en") == code


@pytest.mark.parametrize(
    "term, code",
    [
        ("Казахстан", "KZ"),
        ("Казахстана", "KZ"),
        ("Казахстане", "KZ"),
        ("Казахстаном", "KZ"),
        ("России", "RU"),
        ("Россию", "RU"),
        ("Россией", "RU"),
        ("российской", "RU"),
        ("российские", "RU"),
        ("Российской Федерации", "RU"),
        ("РФ", "RU"),
        ("Москвы", "RU"),
        ("Кремля", "RU"),
        ("Бишкека", "KG"),
        ("Бишкеке", "KG"),
        ("Минск", "BY"),
        ("Белоруссии", "BY"),
        ("Беларуси", "BY"),
        ("казахстанский", "KZ"),
        ("Казахстанский", "KZ"),
        ("Киргизии", "KG"),
        ("Кыргызстана", "KG"),
        ("Грузии", "GE"),
        ("Тбилиси", "GE"),
        ("Турции", "TR"),
        ("Стамбуле", "TR"),
        ("Южной Кореи", "KR"),
        ("Объединённых Арабских Эмиратов", "AE"),
        ("ОАЭ", "AE"),
        ("США", "US"),
        ("Алма-Аты", "KZ"),
        ("Костанае", "KZ"),
        ("Челябинска", "RU"),
        ("россиянина", "RU"),
        ("россияне", "RU"),
        ("Египте", "EG"),
    ],
)
def test_russian_lookup_handles_cases(term, code):
    assert lookup(term, "ru") == code


@pytest.mark.parametrize(
    "term, language",
    [("Генпрокуратуры", "ru"), ("Interpol", "en"), ("Latin America", "en"), ("", "en"), ("Kazakhstan", "de")],
)
def test_lookup_unknown(term, language):
    assert lookup(term, language) is None


def test_find_mentions_in_english_sentence():
    text = "BISHKEK — Kyrgyz police detained a Russian journalist at Moscow's request; Kyrgyzstan may hand him over."
    found = [(m.text, m.code, m.kind) for m in find_mentions(text, "en")]
    assert found == [
        ("BISHKEK", "KG", "city"),
        ("Kyrgyz", "KG", "demonym"),
        ("Russian", "RU", "demonym"),
        ("Moscow", "RU", "city"),
        ("Kyrgyzstan", "KG", "country"),
    ]
    for m in find_mentions(text, "en"):
        assert text[m.start_char : m.end_char] == m.text


def test_find_mentions_in_russian_sentence():
    text = "Власти Казахстана передали российской стороне уроженца Челябинска по запросу Генпрокуратуры России."
    found = [(m.text, m.code, m.kind) for m in find_mentions(text, "ru")]
    assert found == [
        ("Казахстана", "KZ", "country"),
        ("российской", "RU", "demonym"),
        ("Челябинска", "RU", "city"),
        ("России", "RU", "country"),
    ]


def test_longest_match_wins():
    found = find_mentions("He fled to South Korea, not North Korea or Korea.", "en")
    assert [(m.text, m.code) for m in found] == [("South Korea", "KR"), ("North Korea", "KP")]


def test_blocker_phrases_name_no_country():
    found = find_mentions("Migrants from Latin America and Central Asia reached the United States.", "en")
    assert [(m.text, m.code) for m in found] == [("United States", "US")]


def test_capitalisation_rules_in_text():
    text = "Let us roast a turkey in georgia. The US and Turkey signed."
    assert [(m.text, m.code) for m in find_mentions(text, "en")] == [("US", "US"), ("Turkey", "TR")]


def test_words_must_be_whole():
    found = find_mentions("Russianness and Omskaya are not places; Perm is.", "en")
    assert [(m.text, m.code) for m in found] == [("Perm", "RU")]


def test_phrase_does_not_cross_punctuation():
    assert [m.text for m in find_mentions("He went south, Korea was far.", "en")] == []


def test_russian_forms_of_a_phrase():
    forms = set(russian_forms("Южная Корея"))
    assert {"Южная Корея", "Южной Кореи", "Южную Корею", "Южной Кореей"} <= forms


def test_data_file_is_consistent():
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    codes = [r["code"] for r in rows if r["code"] is not None]
    assert len(codes) == len(set(codes)), "one row per country"
    assert all(len(c) == 2 and c.isupper() for c in codes)
    required = {
        "RU", "KZ", "KG", "UZ", "TJ", "TM", "BY", "UA", "GE", "AM", "AZ", "MD", "EE", "LV", "LT", "TR",
        "CN", "MN", "JP", "KR", "IN", "PK", "AF", "IR", "IQ", "SY", "IL", "SA", "AE", "DE", "FR", "GB",
        "PL", "RS", "ME", "VN", "TH", "US",
    }
    assert required <= set(codes)
    for row in rows:
        if row["code"] is None:
            continue
        for language in ("en", "ru"):
            assert row[language]["country"], f"{row['code']} has no {language} name"


def test_find_mentions_is_fast():
    text = ("Власти Казахстана передали российской стороне Кирилла Шамсутдинова из Челябинска. " * 20)
    find_mentions(text, "ru")  # build the table once
    started = time.perf_counter()
    for _ in range(20):
        find_mentions(text, "ru")
    assert (time.perf_counter() - started) / 20 < 0.02


@pytest.mark.parametrize(
    "text, language",
    [
        ("Статс-секретарь МВД Милан Вукчевич подтвердил решение.", "ru"),  # a first name, not Milan
        ("Sofia Petrova and Milan Jovanovic spoke to reporters.", "en"),
    ],
)
def test_cities_that_are_first_names_are_left_out(text, language):
    assert find_mentions(text, language) == []


def test_hyphenated_compounds_name_both_countries():
    en = find_mentions("on the Kazakh-Chinese border during the Russia-Ukraine war; born in Rostov-on-Don", "en")
    assert [(m.text, m.code) for m in en] == [
        ("Kazakh", "KZ"), ("Chinese", "CN"), ("Russia", "RU"), ("Ukraine", "UA"), ("Rostov-on-Don", "RU"),
    ]
    ru = find_mentions("на российско-казахстанской границе", "ru")
    assert [(m.text, m.code) for m in ru] == [("российско", "RU"), ("казахстанской", "KZ")]
    text = "на российско-казахстанской границе"
    assert all(text[m.start_char : m.end_char] == m.text for m in ru)


def test_host_country_cities_place_an_event():
    found = find_mentions("arrested in Dortmund, held in Hamm, flown out of Podgorica via Tbilisi", "en")
    assert [(m.text, m.code) for m in found] == [
        ("Dortmund", "DE"), ("Hamm", "DE"), ("Podgorica", "ME"), ("Tbilisi", "GE"),
    ]
