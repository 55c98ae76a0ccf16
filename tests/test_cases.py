"""Case resolution: one case per person x host x destination, its stage, history and sources."""
import pytest

from exwatch.records import CaseChange
from exwatch.store import articles, open_db
from exwatch.store.cases import CaseNotFound, case_history, dismiss_case, get_case, list_cases, reopen_case
from exwatch.store.people import store_analysis
from nlp.types import Analysis, EventMention, PersonMention, Role, Stage

AT = "2025-06-01T10:00:00+00:00"


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "cases.db")
    for name in ("Steppe Herald", "Caucasus Ledger", "Вестник"):
        database["sources"].insert({"name": name, "enabled": 1})
    yield database
    database.close()


def add_article(db, article_id: str, *, source: str = "Steppe Herald", text: str = "", published: str = "2025-05-01"):
    articles.insert_article(
        db,
        articles.StoredArticle(
            id=article_id, url=f"https://{source.replace(' ', '').lower()}.example/{article_id}", source=source,
            title=article_id, text=text or f"Story {article_id}", authors=[], published=published, modified=None,
            language="en", fetched_at=AT,
        ),
    )


def event(person, stage, host="KZ", destination="RU", date=None, evidence="evidence sentence"):
    return EventMention(person=person, stage=Stage(stage), host_country=host, destination_country=destination,
                        date=date, evidence=evidence)


def analysis(*events, others=()):
    names = list(dict.fromkeys(e.person for e in events))
    people = [PersonMention(n, Role.SUBJECT) for n in names] + [PersonMention(n, Role.OTHER) for n in others]
    return Analysis(language="en", relevant=True, people=people, events=list(events))


def report(db, article_id, *events, source="Steppe Herald", at=AT, others=()):
    """Store one article with these events, as the store step does; returns its CaseChanges."""
    add_article(db, article_id, source=source)
    return store_analysis(db, article_id, analysis(*events, others=others), at=at).changes


def cases_of(db):
    return [dict(r) for r in list_cases(db, status=None)]


def test_first_event_opens_a_case_and_says_the_person_is_new(db):
    [change] = report(db, "a1", event("Timur Sadykov", "detained", date="2025-02-10"))
    [case] = cases_of(db)
    assert (case["person"], case["host_country"], case["destination_country"]) == ("Timur Sadykov", "KZ", "RU")
    assert case["stage"] == "detained" and case["stage_rank"] == 2 and case["status"] == "open"
    assert change == CaseChange(case_id=case["id"], event_id=change.event_id, article_id="a1", stage="detained",
                                previous_stage=None, case_is_new=True, person_is_new=True)


def test_stage_is_the_highest_rank_seen_and_side_stages_do_not_raise_it(db):
    report(db, "a1", event("Timur Sadykov", "extradition_ordered"))
    changes = report(db, "a2", event("Timur Sadykov", "detained"), event("Timur Sadykov", "asylum_sought"))
    [case] = cases_of(db)
    assert case["stage"] == "extradition_ordered"
    assert case["event_count"] == 3
    assert [(c.stage, c.previous_stage, c.case_is_new, c.person_is_new) for c in changes] == [
        ("detained", "extradition_ordered", False, False),
        ("asylum_sought", "extradition_ordered", False, False),
    ]
    [escalation] = report(db, "a3", event("Timur Sadykov", "transferred"))
    assert escalation.previous_stage == "extradition_ordered"
    assert get_case(db, case["id"])["stage"] == "transferred"


def test_side_stage_stands_only_until_a_ranked_stage_arrives(db):
    report(db, "a1", event("Maxim Pletnev", "asylum_sought", host="VN"))
    assert cases_of(db)[0]["stage"] == "asylum_sought"
    report(db, "a2", event("Maxim Pletnev", "wanted", host="VN"))
    report(db, "a3", event("Maxim Pletnev", "released", host="VN"))
    assert cases_of(db)[0]["stage"] == "wanted"


def test_same_person_in_another_host_country_is_another_case_but_not_a_new_person(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"))
    [change] = report(db, "a2", event("Timur Sadykov", "detained", host="KG"))
    assert change.case_is_new and not change.person_is_new
    assert sorted(c["host_country"] for c in cases_of(db)) == ["KG", "KZ"]


def test_the_same_stage_in_the_same_article_again_is_no_new_event(db):
    report(db, "a1", event("Timur Sadykov", "detained"))
    again = store_analysis(db, "a1", analysis(event("Timur Sadykov", "detained")), at=AT)
    assert again.new_events == 0 and again.changes == []
    assert cases_of(db)[0]["event_count"] == 1


def test_unknown_host_joins_the_single_compatible_case(db):
    report(db, "a1", event("Denis Kholodov", "detained", host="KG"))
    [change] = report(db, "a2", event("Денис Холодов", "extradition_ordered", host=None), source="Вестник")
    [case] = cases_of(db)
    assert not change.case_is_new and case["host_country"] == "KG"
    assert case["stage"] == "extradition_ordered"
    assert case["source_count"] == 2


def test_unknown_host_with_no_case_opens_one_that_a_later_event_fills_in(db):
    [first] = report(db, "a1", event("Denis Kholodov", "wanted", host=None))
    assert get_case(db, first.case_id)["host_country"] is None
    [second] = report(db, "a2", event("Denis Kholodov", "detained", host="KG"))
    assert second.case_id == first.case_id and not second.case_is_new
    [case] = cases_of(db)
    assert (case["host_country"], case["destination_country"], case["stage"]) == ("KG", "RU", "detained")


def test_unknown_host_with_two_compatible_cases_goes_to_the_most_recently_updated(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"), at="2025-01-01T00:00:00+00:00")
    report(db, "a2", event("Timur Sadykov", "detained", host="KG"), at="2025-03-01T00:00:00+00:00")
    [change] = report(db, "a3", event("Timur Sadykov", "transferred", host=None), at="2025-04-01T00:00:00+00:00")
    assert get_case(db, change.case_id)["host_country"] == "KG"


def test_history_lists_events_with_dates_evidence_and_sources(db):
    report(db, "a1", event("Timur Sadykov", "detained", date="2025-02-10", evidence="He was detained in Almaty."))
    report(db, "a2", event("Timur Sadykov", "wanted", date="2024-10", evidence="Russia put him on its wanted list."),
           source="Caucasus Ledger")
    [case] = cases_of(db)
    history = case_history(db, case["id"])
    assert [(h["date"], h["stage"], h["source"]) for h in history] == [
        ("2024-10", "wanted", "Caucasus Ledger"),
        ("2025-02-10", "detained", "Steppe Herald"),
    ]
    assert history[1]["evidence"] == "He was detained in Almaty." and history[1]["source_count"] == 1
    assert case["source_count"] == 2


def test_dismissed_case_keeps_its_history_and_is_listed_only_on_request(db):
    [change] = report(db, "a1", event("Leninsky", "wanted"))
    dismiss_case(db, change.case_id, reason="a district court, not a person", at=AT)
    assert list_cases(db) == []
    [dismissed] = list_cases(db, status="dismissed")
    assert dismissed["dismissed_reason"] == "a district court, not a person"
    [later] = report(db, "a2", event("Leninsky", "detained"))
    assert later.case_id == change.case_id and get_case(db, change.case_id)["status"] == "dismissed"
    assert reopen_case(db, change.case_id, at=AT)["status"] == "open"
    assert [r["action"] for r in db["corrections"].rows] == ["dismiss_case", "reopen_case"]


def test_unknown_case_is_a_clear_error(db):
    with pytest.raises(CaseNotFound, match="no case with id 99"):
        dismiss_case(db, 99, reason="x", at=AT)


def test_list_filters_by_stage_country_and_since(db):
    report(db, "a1", event("Timur Sadykov", "detained", host="KZ"), at="2025-01-01T00:00:00+00:00")
    report(db, "a2", event("Sherzod Nazriev", "transferred", host="TR", destination="TJ"), at="2025-05-01T00:00:00+00:00")
    assert [c["person"] for c in list_cases(db, stages=("transferred",))] == ["Sherzod Nazriev"]
    assert [c["person"] for c in list_cases(db, country="kz")] == ["Timur Sadykov"]
    assert [c["person"] for c in list_cases(db, country="TJ")] == ["Sherzod Nazriev"]
    assert [c["person"] for c in list_cases(db, since="2025-03-01")] == ["Sherzod Nazriev"]
    assert len(list_cases(db, stages=("detained", "transferred"))) == 2


def test_events_stored_before_cases_existed_get_their_cases(tmp_path):
    from sqlite_utils import Database

    from exwatch.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m005_cases_near_duplicates")
    old["sources"].insert({"name": "Steppe Herald"})
    for article_id, stage in (("a1", "detained"), ("a2", "extradition_ordered")):
        old["articles"].insert({"id": article_id, "url": f"https://x.example/{article_id}", "source": "Steppe Herald",
                                "text": " ".join(f"Sadykov was detained in Almaty ({i}) at the request of Russia." for i in range(10))})
        old["events"].insert({"article_id": article_id, "person_id": 1, "person_name": "Timur Sadykov", "stage": stage,
                              "stage_rank": Stage(stage).rank, "host_country": "KZ", "destination_country": "RU",
                              "created_at": AT})
    old["people"].insert({"id": 1, "name": "Timur Sadykov", "created_at": AT})
    old["aliases"].insert({"person_id": 1, "alias": "Timur Sadykov", "normalized": "timur sadykov", "script": "latin"})
    old.conn.close()

    db = open_db(path)
    [case] = list_cases(db)
    assert (case["person"], case["stage"], case["event_count"], case["source_count"]) == (
        "Timur Sadykov", "extradition_ordered", 2, 1)
    assert db["article_signatures"].count == 2
    assert db.execute("select name_key from aliases").fetchone()[0] == "sdkv tmr"
