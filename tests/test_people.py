"""One person across articles, spellings and languages; analysts' merge and split."""
import pytest

from exwatch.store.cases import get_case
from exwatch.store.names import name_key, surname_key, transliterations
from exwatch.store.people import store_analysis
from exwatch.store.people_edits import BadCorrection, merge_people, split_person
from exwatch.store.people_view import person_details
from nlp.types import Analysis, PersonMention, Role
from tests.test_cases import AT, cases_of, db, event, report  # noqa: F401 - db is a fixture


def people(db):
    return {r["id"]: r["name"] for r in db["people"].rows}


def aliases(db, person_id):
    return {r["alias"] for r in db["aliases"].rows_where("person_id = ?", [person_id])}


@pytest.mark.parametrize(
    "spellings",
    [
        ("Yemelyanova", "Emelyanova", "Yemelianova", "Емельянова"),
        ("Siarhei Marozau", "Sergei Morozov", "Сергей Морозов", "Сяргей Марозаў"),
        ("Maxim Pletnev", "Maksim Pletnyov", "Максим Плетнёв"),
        ("Varvara Lisitsyna", "Varvara Lisicyna", "Варвара Лисицына"),
        ("Юлия Сергеевна Емельянова", "Yulia Yemelyanova", "Iuliia Emelianova"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    "one, other",
    [("Timur Sadykov", "Lyudmila Sadykova"), ("Sherzod Nazriev", "Farhod Nazriev"), ("Yemelyanov", "Yemelyanova")],
)
def test_different_people_have_different_keys(one, other):
    assert name_key(one) != name_key(other)


def test_cyrillic_names_get_the_standard_latin_spellings():
    spellings = transliterations("Юлия Емельянова")
    assert {"Yuliya Yemelyanova", "Iuliia Emelianova", "Yuliya Emelyanova"} <= set(spellings)
    assert transliterations("Yulia Yemelyanova") == []


def test_latin_variants_and_cyrillic_spelling_are_one_person_with_every_spelling(db):
    report(db, "a1", event("Yulia Yemelyanova", "detained"))
    report(db, "a2", event("Yulia Emelyanova", "extradition_requested"))
    report(db, "a3", event("Юлия Емельянова", "extradition_ordered"), source="Вестник")
    assert len(people(db)) == 1
    [person_id] = people(db)
    assert {"Yulia Yemelyanova", "Yulia Emelyanova", "Юлия Емельянова", "Yuliya Yemelyanova"} <= aliases(db, person_id)
    [case] = cases_of(db)
    assert case["stage"] == "extradition_ordered" and case["event_count"] == 3


def test_both_spellings_named_in_one_article_are_one_person(db):
    changes = report(db, "a1", event("Siarhei Marozau", "detained", host="GE", destination="BY"),
                     others=("Sergei Morozov",))
    report(db, "a2", event("Сергей Морозов", "extradition_refused", host=None, destination="BY"),
           source="Caucasus Ledger", others=("Сяргей Марозаў",))
    [person_id] = people(db)
    assert {"Siarhei Marozau", "Sergei Morozov", "Сергей Морозов", "Сяргей Марозаў"} <= aliases(db, person_id)
    [case] = cases_of(db)
    assert case["id"] == changes[0].case_id and case["host_country"] == "GE"


def test_surname_alone_joins_the_person_whose_case_agrees(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"))
    [change] = report(db, "a2", event("Садыков", "transferred", host="KZ"))
    assert len(people(db)) == 1 and not change.case_is_new


def test_surname_alone_with_conflicting_countries_is_someone_else(db):
    report(db, "a1", event("Ivan Ivanov", "detained", host="KZ", destination="RU"))
    [change] = report(db, "a2", event("Ivanov", "detained", host="TR", destination="TJ"))
    assert len(people(db)) == 2 and change.person_is_new


def test_surname_alone_matching_two_people_joins_neither(db):
    report(db, "a1", event("Ivan Ivanov", "detained", host="KZ", destination="RU"))
    report(db, "a2", event("Pyotr Ivanov", "wanted", host="KZ", destination="RU"))
    report(db, "a3", event("Ivanov", "transferred", host="KZ", destination="RU"))
    assert len(people(db)) == 3


def test_another_spelling_with_a_conflicting_case_is_someone_else(db):
    report(db, "a1", event("Sergei Morozov", "detained", host="GE", destination="BY"))
    report(db, "a2", event("Sergey Morozov", "detained", host="TR", destination="RU"))
    assert len(people(db)) == 2


def test_same_full_name_wanted_by_the_same_state_elsewhere_is_the_same_person(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"))
    report(db, "a2", event("Timur Sadykov", "detained", host="KG"))
    assert len(people(db)) == 1 and len(cases_of(db)) == 2


def test_person_named_without_events_joins_by_spelling(db):
    report(db, "a1", event("Timur Sadykov", "detained"))
    store_analysis(db, "a1", Analysis("ru", True, people=[PersonMention("Тимур Садыков", Role.OTHER)]), at=AT)
    assert len(people(db)) == 1


def test_inflected_surname_forms_are_not_kept_as_spellings(db):
    mention = PersonMention("Тимур Садыков", Role.SUBJECT, variants=("Садыкова", "Садыков", "Тимура Садыкова", "Тимур"))
    report(db, "a0", event("Тимур Садыков", "detained"))
    store_analysis(db, "a0", Analysis("ru", True, people=[mention]), at=AT)
    [person_id] = people(db)
    assert aliases(db, person_id) >= {"Тимур Садыков", "Садыков"}
    assert not aliases(db, person_id) & {"Садыкова", "Тимура Садыкова", "Тимур"}
    assert surname_key("Садыков") != surname_key("Садыкова")


def test_merge_moves_spellings_mentions_events_and_cases(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"))
    report(db, "a2", event("T. Sadikov-Ulan", "extradition_ordered", host="KZ"))  # NLP misspelling: a new person
    keep, other = sorted(people(db))
    merge_people(db, keep, other, at=AT)
    assert list(people(db)) == [keep]
    assert "T. Sadikov-Ulan" in aliases(db, keep)
    [case] = cases_of(db)
    assert case["person_id"] == keep and case["stage"] == "extradition_ordered" and case["event_count"] == 2
    assert db["corrections"].count == 1


def test_merge_of_two_people_reported_in_one_article_keeps_one_event_per_stage(db):
    report(db, "a1", event("Timur Sadykov", "detained"), event("Timur Sadikoff", "detained"))
    report(db, "a2", event("Timur Sadikoff", "detained"), source="Caucasus Ledger")
    first, second = sorted(people(db))
    merge_people(db, first, second, at=AT)
    [case] = cases_of(db)
    assert case["event_count"] == 2 and case["source_count"] == 2


def test_merge_refuses_a_person_with_itself(db):
    report(db, "a1", event("Timur Sadykov", "detained"))
    with pytest.raises(BadCorrection):
        merge_people(db, 1, 1, at=AT)


def test_split_by_alias_moves_mentions_events_and_case(db):
    report(db, "a1", event("Ivan Ivanov", "detained", host="KZ"))
    report(db, "a2", event("Иван Иванов", "transferred", host="KZ"), source="Вестник")
    [person_id] = people(db)
    [before] = cases_of(db)
    new = split_person(db, person_id, aliases=("Иван Иванов",), name="Иван Иванов (журналист)", at=AT)
    assert new["name"] == "Иван Иванов (журналист)"
    by_person = {c["person_id"]: c for c in cases_of(db)}
    assert by_person[person_id]["id"] == before["id"] and by_person[person_id]["stage"] == "detained"
    assert by_person[new["id"]]["stage"] == "transferred" and by_person[new["id"]]["host_country"] == "KZ"
    assert [m["article_id"] for m in person_details(db, new["id"])["mentions"]] == ["a2"]
    assert "Иван Иванов" in aliases(db, new["id"]) and "Иван Иванов" not in aliases(db, person_id)
    # The spelling now belongs to the new person: a later article with it goes there.
    report(db, "a3", event("Иван Иванов", "prosecuted", host="KZ"), source="Вестник")
    assert {c["person_id"]: c["stage"] for c in cases_of(db)}[new["id"]] == "prosecuted"


def test_split_by_article_moves_that_articles_events(db):
    report(db, "a1", event("Ivan Ivanov", "detained", host="KZ"))
    report(db, "a2", event("Ivan Ivanov", "transferred", host="KZ"))
    [person_id] = people(db)
    new = split_person(db, person_id, articles=("a2",), at=AT)
    stages = {c["person_id"]: c["stage"] for c in cases_of(db)}
    assert stages == {person_id: "detained", new["id"]: "transferred"}
    assert get_case(db, cases_of(db)[0]["id"])["event_count"] == 1


def test_split_needs_a_known_alias_or_a_mentioning_article(db):
    report(db, "a1", event("Ivan Ivanov", "detained"))
    with pytest.raises(BadCorrection, match="no alias 'Petr'"):
        split_person(db, 1, aliases=("Petr",), at=AT)
    with pytest.raises(BadCorrection, match="not mentioned"):
        split_person(db, 1, articles=("zzz",), at=AT)
    with pytest.raises(BadCorrection):
        split_person(db, 1, at=AT)


@pytest.mark.parametrize(
    "oblique, nominative",
    [("Садыкову", "Садыков"), ("Емельяновой", "Емельянова"), ("Садыкова", "Садыков"), ("Ремизовым", "Ремизов"),
     ("Лисицыной", "Лисицына"), ("Вертинского", "Вертинский")],
)
def test_oblique_russian_surnames_give_their_nominative(oblique, nominative):
    from exwatch.store.names import nominative_candidates

    assert nominative in nominative_candidates(oblique)


def test_surname_alone_in_an_oblique_case_joins_the_agreeing_person_without_becoming_a_spelling(db):
    report(db, "a1", event("Юлия Емельянова", "detained", host="KZ"))
    report(db, "a2", event("Емельяновой", "extradition_ordered", host="KZ"), source="Вестник")
    [person_id] = people(db)
    assert "Емельяновой" not in aliases(db, person_id)
    assert cases_of(db)[0]["stage"] == "extradition_ordered"
    report(db, "a3", event("Емельяновой", "detained", host="TR", destination="TJ"), source="Вестник")
    assert len(people(db)) == 2  # another country pair: someone else
