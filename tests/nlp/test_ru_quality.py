"""The Russian quality targets, measured with the project's scorer (`nlp.evaluate`) on the
Russian dev articles (read in place from /work/shared/eval/dev) and the Russian articles of
tests/eval_set. Slow: it runs the whole pipeline on every article."""
from pathlib import Path

import pytest

from nlp.evaluate import Report, find_cases, read_gold, score_file

PROJECT_DIR = Path(__file__).resolve().parents[2]
DIRECTORIES = (Path("/work/shared/eval/dev"), PROJECT_DIR / "tests" / "eval_set")


def russian_report() -> Report:
    report = Report()
    for directory in DIRECTORIES:
        if not directory.is_dir():
            continue
        for article, gold in find_cases(directory):
            if read_gold(gold).language == "ru":
                report.files.append(score_file(article, gold))
    return report


@pytest.mark.slow
def test_russian_articles_meet_the_quality_targets():
    report = russian_report()
    if not report.files:
        pytest.skip("no Russian gold articles found")
    assert report.errors == 0
    assert report.f1 >= 0.85, report.table()
    assert report.subject_errors == 0, report.table()
    attributes = report.attributes
    countries = attributes["host_country"]
    countries.add(attributes["destination_country"])
    assert countries.value >= 0.9, report.table()
    assert attributes["date"].value >= 0.8, report.table()
