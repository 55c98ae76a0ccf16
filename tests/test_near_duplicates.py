"""Near-duplicate articles: found across outlets, recorded, and counted as one more source."""
import random

import pytest

from exwatch.records import ArticleItem
from exwatch.store import neardup
from exwatch.store.cases import list_cases
from nlp.types import Analysis, EventMention, PersonMention, Role, Stage
from pipelines.dedup import DedupPipeline
from pipelines.store import StorePipeline
from tests.test_cases import AT, add_article, db  # noqa: F401 - db is a fixture

WIRE = """BISHKEK — A court in the Kyrgyz capital on Wednesday approved the extradition to Russia of Denis Kholodov,
a 29-year-old man who left the Siberian city of Omsk in September 2022 to avoid being mobilised for the war in Ukraine.
Judge Aida Mamytova of the Pervomaisky district court ruled that there were no legal obstacles to the extradition,
finding that the charge against him, evasion of mobilisation, was a general criminal offence and not a political one.
Kholodov was detained at Manas airport on June 7 as he tried to board a flight to Istanbul. Russian prosecutors had
placed him on the interstate wanted list in 2024 and sent a formal request for his extradition in June. His lawyer
said she would appeal to the city court and ask the United Nations Human Rights Committee to halt the transfer."""

OTHER_STORY = """ALMATY — Police in Almaty on Monday detained Timur Sadykov, a Russian anti-war activist who moved to
Kazakhstan in the autumn of 2022, on a warrant issued in Russia, his lawyer said. Sadykov, 31, a former sound engineer
from Yekaterinburg, was taken from a rented flat early on February 10. A district court later the same day sanctioned
his arrest for 40 days while prosecutors carry out an extradition check. Russia's Investigative Committee charged him
in absentia with justifying terrorism over a series of Telegram posts about the war in Ukraine."""


def syndicated(text: str) -> str:
    """Another outlet's copy: its own dateline and footer, one sentence cut, a few words changed."""
    sentences = text.split(". ")
    del sentences[2]
    copy = ". ".join(sentences).replace("on Wednesday", "on 13 August").replace("His lawyer", "The lawyer")
    return "By our correspondent. " + copy + " Subscribe to our newsletter for the day's top stories."


def test_a_syndicated_copy_is_similar_and_another_story_on_the_topic_is_not():
    original = neardup.signature(WIRE)
    assert neardup.similarity(original, neardup.signature(syndicated(WIRE))) >= neardup.THRESHOLD
    assert neardup.similarity(original, neardup.signature(OTHER_STORY)) < 0.1
    assert neardup.similarity(original, original) == 1.0


def test_text_too_short_has_no_signature():
    assert neardup.signature("Court news in brief.") is None


def test_band_layout_catches_a_pair_at_the_threshold():
    bands, rows = neardup.band_layout(neardup.THRESHOLD)
    assert bands * rows <= neardup.NUM_PERM
    assert 1 - (1 - neardup.THRESHOLD**rows) ** bands >= neardup.CANDIDATE_RECALL
    assert len(neardup.buckets(neardup.signature(WIRE))) == bands


def test_index_finds_a_stored_copy_of_another_outlet_only(db):
    add_article(db, "wire", source="Steppe Herald", text=WIRE)
    add_article(db, "other", source="Steppe Herald", text=OTHER_STORY)
    for article_id, text in (("wire", WIRE), ("other", OTHER_STORY)):
        neardup.save_signature(db, article_id, neardup.signature(text))
    index = neardup.NearDuplicateIndex(db)
    match = index.find(neardup.signature(syndicated(WIRE)), source="Caucasus Ledger")
    assert match.article_id == "wire" and neardup.THRESHOLD <= match.similarity < 1
    # The outlet's own near-identical page is an article of its own (an update, a templated report).
    assert index.find(neardup.signature(syndicated(WIRE)), source="Steppe Herald") is None
    assert index.find(neardup.signature(OTHER_STORY.replace("Almaty", "Astana")), source="Вестник").article_id == "other"


def test_index_remembers_this_runs_uncommitted_articles(db):
    index = neardup.NearDuplicateIndex(db)
    assert index.find(neardup.signature(WIRE), source="Steppe Herald") is None
    index.add("pending-wire", neardup.signature(WIRE), source="Steppe Herald")
    assert index.find(neardup.signature(syndicated(WIRE)), source="Caucasus Ledger").article_id == "pending-wire"


class Stats:
    def __init__(self):
        self.values = {}

    def inc_value(self, key, count=1):
        self.values[key] = self.values.get(key, 0) + count


def item(url: str, source: str, text: str, analysis=None) -> ArticleItem:
    return ArticleItem(url=url, body=b"", source=source, fetched_at=AT, title="t", text=text, language="en",
                       published="2025-08-14", analysis=analysis)


def kholodov_analysis() -> Analysis:
    events = [
        EventMention("Denis Kholodov", Stage.DETAINED, "KG", "RU", "2025-06-07", evidence="Kholodov was detained."),
        EventMention("Denis Kholodov", Stage.EXTRADITION_ORDERED, "KG", "RU", evidence="A court approved."),
    ]
    return Analysis("en", True, people=[PersonMention("Denis Kholodov", Role.SUBJECT)], events=events)


@pytest.fixture
def pipelines(db, tmp_path):
    """The real dedup and store steps on one database, with the case changes collected."""
    path = db.conn.execute("pragma database_list").fetchone()[2]
    changes = []
    dedup = DedupPipeline(path, run_id=1)
    store = StorePipeline(db_path=path, stats=Stats(), run_id=None, clock=lambda: AT,
                          on_case_change=lambda db, change, run_id, at: changes.append(change) or True)
    dedup.open_spider()
    store.open_spider()
    yield dedup, store, changes
    dedup.close_spider()
    store.close_spider()


def run_through(dedup, store, article):
    dedup.process_item(article)
    try:
        store.process_item(article)
    except Exception as drop:  # DuplicateArticle: the store step drops what it recorded
        return type(drop).__name__
    return "stored"


def test_near_duplicate_adds_a_source_and_no_event_or_case_change(db, pipelines):
    dedup, store, changes = pipelines
    original = item("https://steppe.example/a", "Steppe Herald", WIRE, kholodov_analysis())
    assert run_through(dedup, store, original) == "stored"
    assert len(changes) == 2 and changes[0].case_is_new
    copy = item("https://ledger.example/b", "Caucasus Ledger", syndicated(WIRE), kholodov_analysis())
    assert run_through(dedup, store, copy) == "DuplicateArticle"
    assert copy.duplicate_of == original.article_id
    assert len(changes) == 2  # no new case change, so no alert
    assert db["events"].count == 2
    [duplicate] = db["duplicates"].rows
    assert duplicate["duplicate_of"] == original.article_id and neardup.THRESHOLD <= duplicate["similarity"] < 1
    sources = {(r["source"], r["url"]) for r in db["event_sources"].rows}
    assert ("Caucasus Ledger", "https://ledger.example/b") in sources and len(sources) == 2
    [case] = list_cases(db)
    assert case["source_count"] == 2 and case["event_count"] == 2
    assert store.stats.values["exwatch/articles/near_duplicate"] == 1


def test_copy_met_before_its_original_is_stored_waits_for_it(db, pipelines):
    dedup, store, changes = pipelines
    original = item("https://steppe.example/a", "Steppe Herald", WIRE, kholodov_analysis())
    copy = item("https://ledger.example/b", "Caucasus Ledger", syndicated(WIRE))
    dedup.process_item(original)  # the original is still in the NLP step ...
    dedup.process_item(copy)  # ... when its copy arrives from another spider
    assert copy.duplicate_of == original.article_id
    with pytest.raises(Exception, match="duplicate"):
        store.process_item(copy)
    assert db["duplicates"].count == 0
    store.process_item(original)
    assert db["duplicates"].count == 1
    assert list_cases(db)[0]["source_count"] == 2


def test_different_story_is_stored_as_its_own_article(db, pipelines):
    dedup, store, _ = pipelines
    assert run_through(dedup, store, item("https://steppe.example/a", "Steppe Herald", WIRE)) == "stored"
    assert run_through(dedup, store, item("https://ledger.example/c", "Caucasus Ledger", OTHER_STORY)) == "stored"
    assert db["articles"].count == 2 and db["article_signatures"].count == 2


def test_random_texts_of_one_vocabulary_are_not_near_duplicates():
    words = "council budget river bridge school tariff railway harvest festival museum weather market".split()
    rng = random.Random(3)
    a, b = (" ".join(rng.choices(words, k=600)) for _ in range(2))
    assert neardup.similarity(neardup.signature(a), neardup.signature(b)) < neardup.THRESHOLD


def test_copy_in_a_later_run_is_found_in_the_store(db, tmp_path):
    path = db.conn.execute("pragma database_list").fetchone()[2]
    for run_id, article in ((1, item("https://steppe.example/a", "Steppe Herald", WIRE, kholodov_analysis())),
                            (2, item("https://ledger.example/b", "Caucasus Ledger", syndicated(WIRE)))):
        dedup = DedupPipeline(path, run_id=run_id)
        store = StorePipeline(db_path=path, stats=Stats(), run_id=None, clock=lambda: AT,
                              on_case_change=lambda *args, **kwargs: True)
        dedup.open_spider()
        store.open_spider()
        outcome = run_through(dedup, store, article)
        dedup.close_spider()
        store.close_spider()
    assert outcome == "DuplicateArticle"
    assert db["articles"].count == 1 and db["duplicates"].count == 1
    assert list_cases(db)[0]["source_count"] == 2
