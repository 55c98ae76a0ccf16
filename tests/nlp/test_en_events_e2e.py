"""End to end on the real English model: concrete sentences, one behaviour each."""
import datetime as dt

import pytest

from tests.nlp.conftest import pairs


def test_extradition_with_countries_and_date(analyze_en):
    a = analyze_en("Kazakhstan extradited Russian activist Oleg Petrov to Russia on Monday, his lawyer said.")
    (event,) = [e for e in a.events if e.stage.value == "transferred"]
    assert event.person == "Oleg Petrov"
    assert (event.host_country, event.destination_country) == ("KZ", "RU")
    assert event.date == "2025-03-03"  # the Monday before Wednesday 5 March 2025


@pytest.mark.parametrize("sentence", [
    "Russian activist Oleg Petrov may face extradition from Kazakhstan.",
    "Lawyers fear that Russian activist Oleg Petrov will be deported from Kazakhstan.",
    "Rights groups urged Kazakhstan not to hand Russian activist Oleg Petrov over to Moscow.",
    "If Russian activist Oleg Petrov is sent back to Russia, he faces ten years in prison.",
    "Russian activist Oleg Petrov could be sent back to Russia within days.",
])
def test_modality_traps_yield_no_transfer_or_order(analyze_en, sentence):
    stages = {e.stage.value for e in analyze_en(sentence).events}
    assert not stages & {"transferred", "extradition_ordered"}


def test_refusal_is_not_a_transfer(analyze_en):
    a = analyze_en("A court in Tbilisi on Monday refused to extradite Belarusian activist Ivan Sidorov to Minsk.")
    assert pairs(a) == {("Ivan Sidorov", "extradition_refused")}
    (event,) = a.events
    assert (event.host_country, event.destination_country) == ("GE", "BY")


def test_surname_and_pronoun_resolve_to_the_full_name(analyze_en):
    a = analyze_en("Russian journalist Yulia Yemelyanova fled to Kazakhstan in 2022.\n\n"
                   "Yemelyanova was detained in Astana on Monday. Kazakhstan later deported her to Russia.")
    assert pairs(a) == {("Yulia Yemelyanova", "detained"), ("Yulia Yemelyanova", "transferred")}


def test_officials_are_never_subjects(analyze_en):
    a = analyze_en("Kyrgyz police detained Russian blogger Pavel Orlov on Monday. "
                   "His lawyer, Aigul Saparova, said President Sadyr Japarov had been informed. "
                   "Interior Minister Ulan Niyazbekov said Orlov was held at Moscow's request.")
    roles = {p.name: p.role.value for p in a.people}
    assert roles["Pavel Orlov"] == "subject"
    assert all(roles[name] == "other" for name in ("Aigul Saparova", "Sadyr Japarov", "Ulan Niyazbekov"))
    assert {e.person for e in a.events} == {"Pavel Orlov"}


def test_unnamed_group_yields_no_event(analyze_en):
    a = analyze_en("Thai authorities deported 40 Uyghur men to China on Thursday. "
                   "Prime Minister Paetongtarn Shinawatra said the transfer was lawful.")
    assert a.events == []


def test_no_case_article_yields_no_events(analyze_en):
    a = analyze_en("Kazakhstan's parliament passed amendments that allow faster deportation of foreigners "
                   "who overstay, Interior Minister Yerzhan Sadenov said. An extradition treaty with Turkey was discussed.")
    assert a.events == []


def test_charged_after_return_is_prosecution_and_in_absentia_is_wanted(analyze_en):
    a = analyze_en("Uzbek blogger Dilshod Karimov was deported from Istanbul to Tashkent on 1 March. "
                   "On Tuesday prosecutors charged him with extremism.")
    assert ("Dilshod Karimov", "prosecuted") in pairs(a)
    b = analyze_en("A Moscow court charged Russian poet Nina Volkova in absentia in February.")
    assert pairs(b) == {("Nina Volkova", "wanted")}


def test_release_and_asylum(analyze_en):
    a = analyze_en("Georgian police released Russian activist Anton Belov on Tuesday. "
                   "Belov applied for asylum in Georgia last year.")
    assert pairs(a) == {("Anton Belov", "released"), ("Anton Belov", "asylum_sought")}


def test_name_the_ner_misses_is_recovered_for_an_event(analyze_en):
    a = analyze_en("Shokhrukh Ergashev, 29, a labour migrant, was extradited to Uzbekistan from Russia in October.")
    assert ("Shokhrukh Ergashev", "transferred") in pairs(a)


def test_title_is_used_and_published_line_is_not_a_date(analyze_en):
    a = analyze_en("Published: 4 March 2025\n\nArmenian police detained Russian deserter Pavel Lirnikov in Gyumri in April.",
                   published=dt.date(2025, 6, 1), title="Deserter held in Armenia")
    (event,) = a.events
    assert event.date == "2025-04" and event.host_country == "AM"


def test_order_not_to_deport_is_a_refusal(analyze_en):
    a = analyze_en("The European Court of Human Rights ordered Turkey not to deport Uyghur activist Abdulla Tursun.")
    assert pairs(a) == {("Abdulla Tursun", "extradition_refused")}
    assert a.events[0].host_country == "TR"


def test_rejected_request_and_ordered_release(analyze_en):
    a = analyze_en("Tbilisi City Court on Monday rejected a request from Belarus to extradite Andrei Vasilevich, "
                   "an activist who protested against Alexander Lukashenko, and ordered his release from custody.")
    assert {("Andrei Vasilevich", "extradition_refused"), ("Andrei Vasilevich", "released")} <= pairs(a)
    assert all(e.person == "Andrei Vasilevich" for e in a.events)


def test_them_after_a_named_pair(analyze_en):
    a = analyze_en("Farid Aliyev and Murad Guliyev were detained in Istanbul in January at Baku's request. "
                   "In February the migration directorate issued deportation orders against them.")
    assert {("Farid Aliyev", "extradition_ordered"), ("Murad Guliyev", "extradition_ordered")} <= pairs(a)


def test_arrest_on_arrival_after_expulsion_is_prosecution(analyze_en):
    a = analyze_en("Serbia expelled Russian activist Pavel Kuznetsov on Sunday. "
                   "He was flown to Moscow, where he was arrested on arrival.")
    assert pairs(a) == {("Pavel Kuznetsov", "transferred"), ("Pavel Kuznetsov", "prosecuted")}


def test_fear_of_extradition_with_a_real_detention(analyze_en):
    a = analyze_en("Russian poet Olga Belova fears she could be extradited from Armenia, "
                   "where police briefly detained her last month.")
    assert pairs(a) == {("Olga Belova", "detained")}
    assert a.events[0].date == "2025-02"


def test_origin_city_is_not_the_host(analyze_en):
    a = analyze_en("In October 2023 a court in Astana refused to extradite Aleksei Pryadko, "
                   "an anti-war activist from Novosibirsk.")
    (event,) = a.events
    assert (event.host_country, event.destination_country) == ("KZ", "RU")


def test_place_and_prison_names_are_no_people(analyze_en):
    a = analyze_en(
        "A court in Armenia's Shirak province on Monday ordered Russian deserter Pavel Lenkov held in custody. "
        "He was moved to the Nubarashen detention centre in Yerevan, where he was detained pending extradition."
    )
    names = {p.name for p in a.people}
    assert "Shirak" not in names and "Nubarashen" not in names
    assert ("Pavel Lenkov", "detained") in pairs(a)


def test_dateline_agency_is_no_person(analyze_en):
    a = analyze_en(
        "BISHKEK (Steppe Wire) — A court in Bishkek on Wednesday approved the extradition to Russia of "
        "Ivan Kuzmin, a 31-year-old engineer who left Russia to avoid mobilisation."
    )
    assert {e.person for e in a.events} == {"Ivan Kuzmin"}


def test_apposition_names_a_person_the_ner_missed(analyze_en):
    a = analyze_en(
        "Armenia's Prosecutor General's Office has approved the extradition to Russia of Kirill Obukhov, "
        "a 24-year-old contract soldier who deserted from his unit, his lawyer said."
    )
    assert ("Kirill Obukhov", "extradition_ordered") in pairs(a)


@pytest.mark.parametrize("sentence, stage", [
    ("Belarus asked Georgia to arrest Oleg Petrov and said a formal extradition request would follow.",
     "extradition_requested"),
    ('Oleg Petrov was arrested in Bishkek. "Sending him back means sending him to prison," his lawyer said.',
     "transferred"),
    ("A judge in Belgrade ordered Oleg Petrov held in extradition custody for up to 30 days.",
     "extradition_ordered"),
    ("Prosecutors ruled that Oleg Petrov can be handed over; his refugee claim was rejected.",
     "extradition_refused"),
    ("A court sanctioned the arrest of Oleg Petrov for 40 days while prosecutors carry out an extradition check.",
     "transferred"),
])
def test_not_the_stage_the_words_suggest(analyze_en, sentence, stage):
    assert stage not in {e.stage.value for e in analyze_en(sentence).events}
