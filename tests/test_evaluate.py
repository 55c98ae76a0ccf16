"""Scoring arithmetic of nlp.evaluate, checked on hand-made gold with a scripted analyzer."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nlp.evaluate import NameResolver, read_article, score_directory
from nlp.types import Analysis, EventMention, PersonMention, Role, Stage

EN_ARTICLE = """Two Russians held in Astana
Published: 4 March 2025

Anna Petrova was detained in Astana in January. Ivan Sidorov was handed over on 3 February.
"""

EN_GOLD = {
    "published": "2025-03-04",
    "language": "en",
    "events": [
        {"person": "Anna Petrova", "stage": "detained", "host_country": "KZ", "destination_country": "RU", "date": "2025-01"},
        {"person": "Anna Petrova", "stage": "wanted", "host_country": None, "destination_country": "RU", "date": "2024"},
        {"person": "Ivan Sidorov", "stage": "transferred", "host_country": "KZ", "destination_country": "RU", "date": "2025-02-03"},
    ],
    "optional": [{"person": "Anna Petrova", "stage": "asylum_sought"}],
    "not_subjects": ["Oleg Ivanov"],
}

RU_ARTICLE = """Казахстан выдал России уклониста
Опубликовано: 3 апреля 2025

Власти Казахстана передали российской стороне Кирилла Шамсутдинова.
"""

RU_GOLD = {
    "published": "2025-04-03",
    "events": [
        {"person": "Кирилл Шамсутдинов", "stage": "transferred", "host_country": "KZ", "destination_country": "RU", "date": "2025-04-01"},
    ],
    "optional": [],
    "not_subjects": ["Алия Бекова"],
}


def event(person, stage, host=None, destination=None, date=None):
    return EventMention(person, Stage(stage), host, destination, date)


# What the scripted analyzer returns for each article, keyed by its title.
ANSWERS = {
    "Two Russians held in Astana": Analysis(
        "en",
        True,
        people=[PersonMention("Anna Petrova", Role.SUBJECT), PersonMention("Oleg Ivanov", Role.SUBJECT)],
        events=[
            event("Petrova", "detained", "KZ", "RU", "2025-01"),  # surname resolves: TP, all attributes right
            event("Anna Petrova", "detained", "KZ", "RU", "2024"),  # duplicate pair: counted once
            event("Anna Petrova", "asylum_sought", "KZ", "RU"),  # optional: neither way
            event("Anna Petrova", "extradition_ordered", "KZ", "RU"),  # FP
            event("Ivan Sidorov", "transferred", "KZ", None, "2025-02"),  # TP, destination and date wrong
            event("Oleg Ivanov", "wanted", None, "RU"),  # FP and a subject error
            event(None, "detained", "KZ", "RU"),  # a group: ignored
        ],
    ),
    "Казахстан выдал России уклониста": Analysis(
        "ru",
        True,
        events=[
            event("Кирилл Шамсутдинов", "transferred", "KZ", "RU", "2025-04-01"),  # TP
            event("Шамсутдинова", "detained", "KZ", "RU"),  # genitive surname: no match, FP
        ],
    ),
}


class ScriptedAnalyzer:
    """Returns the prepared Analysis for an article and records how it was called."""

    def __init__(self, answers=ANSWERS):
        self.answers = answers
        self.calls = []

    def __call__(self, text, *, title, published, language):
        self.calls.append({"text": text, "title": title, "published": published, "language": language})
        return self.answers[title]


def write_case(directory: Path, name: str, article: str, gold: dict, suffix=".txt") -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}{suffix}").write_text(article, encoding="utf-8")
    (directory / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def gold_dir(tmp_path):
    write_case(tmp_path / "set", "a1", EN_ARTICLE, EN_GOLD)
    write_case(tmp_path / "set", "a2", RU_ARTICLE, RU_GOLD)
    (tmp_path / "set" / "notes.txt").write_text("no gold beside me", encoding="utf-8")
    return tmp_path / "set"


def test_pair_counts_per_file_and_total(gold_dir):
    report = score_directory(gold_dir, ScriptedAnalyzer())
    first, second = report.files
    assert first.name == "a1.txt" and second.name == "a2.txt"
    assert (first.pairs.tp, first.pairs.fp, first.pairs.fn) == (2, 2, 1)
    assert (second.pairs.tp, second.pairs.fp, second.pairs.fn) == (1, 1, 0)
    total = report.total
    assert (total.tp, total.fp, total.fn) == (3, 3, 1)
    assert total.precision == pytest.approx(0.5)
    assert total.recall == pytest.approx(0.75)
    assert report.f1 == pytest.approx(0.6)


def test_missed_and_spurious_pairs_are_named(gold_dir):
    first, second = score_directory(gold_dir, ScriptedAnalyzer()).files
    assert first.missed == [("Anna Petrova", "wanted")]
    assert first.spurious == [("Anna Petrova", "extradition_ordered"), ("Oleg Ivanov", "wanted")]
    assert second.spurious == [("Шамсутдинова", "detained")]


def test_subject_errors(gold_dir):
    report = score_directory(gold_dir, ScriptedAnalyzer())
    assert report.files[0].subject_errors == ["Oleg Ivanov"]
    assert report.files[1].subject_errors == []
    assert report.subject_errors == 1


def test_attribute_accuracy_on_matched_pairs(gold_dir):
    report = score_directory(gold_dir, ScriptedAnalyzer())
    first = report.files[0].attributes
    assert (first["host_country"].correct, first["host_country"].total) == (2, 2)
    assert (first["destination_country"].correct, first["destination_country"].total) == (1, 2)
    assert (first["date"].correct, first["date"].total) == (1, 2)
    totals = report.attributes
    assert (totals["date"].correct, totals["date"].total) == (2, 3)
    assert totals["destination_country"].value == pytest.approx(2 / 3)


def test_per_stage_counts(gold_dir):
    stages = score_directory(gold_dir, ScriptedAnalyzer()).stages
    got = {s: (c.tp, c.fp, c.fn) for s, c in stages.items()}
    assert got == {
        "detained": (1, 1, 0),
        "wanted": (0, 1, 1),
        "transferred": (2, 0, 0),
        "extradition_ordered": (0, 1, 0),
    }


def test_articles_are_read_as_the_dev_format(gold_dir):
    analyzer = ScriptedAnalyzer()
    score_directory(gold_dir, analyzer)
    en, ru = analyzer.calls
    assert en["title"] == "Two Russians held in Astana"
    assert en["published"] == dt.date(2025, 3, 4)
    assert en["language"] == "en"
    assert "Published" not in en["text"] and en["text"].startswith("Anna Petrova")
    assert ru["published"] == dt.date(2025, 4, 3)
    assert ru["language"] == "ru"  # no language in the gold: detected from the script
    assert "Опубликовано" not in ru["text"]


def test_a_failing_article_is_reported_not_fatal(gold_dir):
    def broken(text, *, title, published, language):
        if language == "ru":
            raise RuntimeError("model exploded")
        return ANSWERS[title]

    report = score_directory(gold_dir, broken)
    assert report.errors == 1
    assert "model exploded" in report.files[1].error
    assert (report.files[1].pairs.tp, report.files[1].pairs.fn) == (0, 1)


def test_perfect_answers_score_one(tmp_path):
    gold_events = [EN_GOLD["events"][0], EN_GOLD["events"][2]]
    write_case(tmp_path, "p1", EN_ARTICLE, {**EN_GOLD, "events": gold_events})
    perfect = Analysis(
        "en", True, events=[event(e["person"], e["stage"], e["host_country"], e["destination_country"], e["date"]) for e in gold_events]
    )
    report = score_directory(tmp_path, lambda text, **kw: perfect)
    assert (report.total.precision, report.total.recall, report.f1) == (1.0, 1.0, 1.0)
    assert all(acc.value == 1.0 for acc in report.attributes.values())


def test_several_directories_and_json(gold_dir, tmp_path):
    write_case(tmp_path / "other", "b1", EN_ARTICLE, EN_GOLD)
    report = score_directory([gold_dir, tmp_path / "other"], ScriptedAnalyzer())
    assert [f.name for f in report.files] == ["set/a1.txt", "set/a2.txt", "other/b1.txt"]
    data = json.loads(json.dumps(report.to_json()))
    assert (data["total"]["tp"], data["total"]["fp"], data["total"]["fn"]) == (5, 5, 2)
    assert data["total"]["subject_errors"] == 2
    assert data["stages"]["transferred"]["tp"] == 3


def test_table_lists_files_total_and_stages(gold_dir):
    table = score_directory(gold_dir, ScriptedAnalyzer()).table()
    assert "a1.txt" in table and "a2.txt" in table
    total_line = next(line for line in table.splitlines() if line.startswith("TOTAL"))
    assert total_line.split()[3:9] == ["3", "3", "1", "50", "75", "60"]
    assert "- missed   Anna Petrova wanted" in table
    assert "! not a subject: Oleg Ivanov" in table
    assert any(line.startswith("transferred") for line in table.splitlines())


def test_html_articles_are_extracted(tmp_path):
    paragraph = "Anna Petrova was detained in Astana in January at the request of Russian prosecutors. " * 6
    html = f"""<!doctype html><html lang="en"><head><title>Two Russians held in Astana</title>
    <meta property="og:title" content="Two Russians held in Astana">
    <meta property="article:published_time" content="2025-03-04T09:00:00+00:00"></head>
    <body><article><h1>Two Russians held in Astana</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"""
    write_case(tmp_path, "h1", html, EN_GOLD, suffix=".html")
    article = read_article(tmp_path / "h1.html", "en")
    assert article.published == dt.date(2025, 3, 4)
    assert "Anna Petrova was detained" in article.text
    report = score_directory(tmp_path, lambda text, **kw: ANSWERS["Two Russians held in Astana"])
    assert (report.total.tp, report.total.fp, report.total.fn) == (2, 2, 1)


class TestNameResolver:
    def test_full_name_ignores_case_yo_and_hyphens(self):
        resolver = NameResolver(["Пётр Иванов-Петров"])
        assert resolver.resolve("петр иванов петров") == "Пётр Иванов-Петров"

    def test_unambiguous_surname(self):
        resolver = NameResolver(["Artyom Solovtsov", "Elmira Toktosunova"])
        assert resolver.resolve("Solovtsov") == "Artyom Solovtsov"
        assert resolver.resolve("A. Solovtsov") == "Artyom Solovtsov"

    def test_ambiguous_surname_matches_nobody(self):
        resolver = NameResolver(["Dilshod Karimberdiev", "Bakhrom Karimberdiev"])
        assert resolver.resolve("Karimberdiev") is None
        assert resolver.resolve("Bakhrom Karimberdiev") == "Bakhrom Karimberdiev"

    def test_other_first_name_is_another_person(self):
        assert NameResolver(["Artyom Solovtsov"]).resolve("Ivan Solovtsov") is None

    def test_inflected_russian_name_is_not_the_nominative(self):
        assert NameResolver(["Кирилл Шамсутдинов"]).resolve("Кирилла Шамсутдинова") is None


def test_missing_directory_is_an_error(tmp_path):
    with pytest.raises(NotADirectoryError):
        score_directory(tmp_path / "nope", ScriptedAnalyzer())
