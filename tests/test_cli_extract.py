"""`exwatch extract` and `exwatch eval` through click's test runner.

Most tests put a small scripted analyzer in place of `nlp.analyze`, so they check the
command layer (input reading, the JSON contract, exit codes) without loading models.
Two tests at the end run the real pipelines, loaded once per session.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import nlp
from exwatch import cli_nlp  # noqa: F401  (registers the commands)
from exwatch.cli import cli
from nlp.types import Analysis, DatePrecision, EventMention, PersonMention, Role, Stage

CONTRACT_KEYS = ["url", "title", "published", "language", "people", "events"]
EVENT_KEYS = ["person", "stage", "host_country", "destination_country", "date", "date_precision", "evidence"]

ARTICLE = """Russian journalist detained in Bishkek at Moscow's request
Published: 4 March 2025

BISHKEK — Kyrgyz police detained Russian journalist Artyom Solovtsov at Manas airport on Monday, acting on an interstate wanted-list notice filed by Russia's Investigative Committee, his colleagues said.

His lawyer, Elmira Toktosunova, said her client would apply for refugee status in Kyrgyzstan this week.
"""

RU_ARTICLE = """Казахстан выдал России уклониста из Челябинска
Опубликовано: 3 апреля 2025

Власти Казахстана передали российской стороне Кирилла Шамсутдинова. 1 апреля его доставили в Челябинск.
"""


class RecordingAnalyzer:
    """Stands in for nlp.analyze: one event per call, built from its arguments."""

    def __init__(self):
        self.calls = []

    def __call__(self, text, *, title="", published=None, language="en"):
        self.calls.append({"text": text, "title": title, "published": published, "language": language})
        person = "Artyom Solovtsov" if language == "en" else "Кирилл Шамсутдинов"
        return Analysis(
            language,
            True,
            people=[PersonMention(person, Role.SUBJECT), PersonMention("Elmira Toktosunova", Role.OTHER)],
            events=[
                EventMention(
                    person, Stage.DETAINED, "KG", "RU", published.isoformat() if published else None,
                    DatePrecision.DAY if published else None, text.split("\n")[0][:80],
                )
            ],
        )


@pytest.fixture
def analyzer(monkeypatch):
    fake = RecordingAnalyzer()
    monkeypatch.setattr(nlp, "analyze", fake)
    return fake


@pytest.fixture
def runner():
    return CliRunner()


def test_extract_text_file_prints_the_contract(runner, analyzer, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == CONTRACT_KEYS
    assert data["url"] is None
    assert data["title"] == "Russian journalist detained in Bishkek at Moscow's request"
    assert data["published"] == "2025-03-04"
    assert data["language"] == "en"
    assert data["people"] == [
        {"name": "Artyom Solovtsov", "role": "subject"},
        {"name": "Elmira Toktosunova", "role": "other"},
    ]
    [event] = data["events"]
    assert list(event) == EVENT_KEYS
    assert (event["date"], event["date_precision"]) == ("2025-03-04", "day")
    [call] = analyzer.calls
    assert call["published"] == dt.date(2025, 3, 4)
    assert call["text"].startswith("BISHKEK") and "Published:" not in call["text"]


def test_extract_reads_standard_input(runner, analyzer):
    result = runner.invoke(cli, ["extract", "-"], input=RU_ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "ru"
    assert data["published"] == "2025-04-03"
    assert data["title"] == "Казахстан выдал России уклониста из Челябинска"
    assert data["events"][0]["person"] == "Кирилл Шамсутдинов"


def test_extract_language_and_url_options(runner, analyzer):
    result = runner.invoke(
        cli, ["extract", "-", "--language", "ru", "--url", "https://example.org/a/1"], input=ARTICLE.encode()
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["language"], data["url"]) == ("ru", "https://example.org/a/1")


def test_extract_text_format(runner, analyzer, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Artyom Solovtsov (subject)" in result.output
    assert "Artyom Solovtsov: detained  KG -> RU  2025-03-04" in result.output


def _html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><title>Journalist detained in Bishkek</title>
    <meta property="og:title" content="Journalist detained in Bishkek">
    <link rel="canonical" href="https://news.example.org/2025/03/journalist-detained">
    <meta property="article:published_time" content="2025-03-04T08:00:00+00:00"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Journalist detained in Bishkek</h1>
    {body}</article></body></html>"""


PARAGRAPH = [
    "Kyrgyz police detained Russian journalist Artyom Solovtsov at Manas airport on Monday, "
    "acting on an interstate wanted-list notice filed by Russia's Investigative Committee.",
    "Solovtsov, 34, left Russia in the autumn of 2022 after publishing reports on mobilization in Buryatia.",
    "He is being held in a temporary detention facility in Bishkek. His lawyer, Elmira Toktosunova, said "
    "her client would apply for refugee status in Kyrgyzstan this week.",
]


def test_extract_html_file(runner, analyzer, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_html(PARAGRAPH), encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Journalist detained in Bishkek"
    assert data["published"] == "2025-03-04"
    assert data["url"] == "https://news.example.org/2025/03/journalist-detained"
    assert "Artyom Solovtsov" in analyzer.calls[0]["text"]


def test_extract_url_from_a_local_server(runner, analyzer, site):
    url = site.add("/news/1", _html(PARAGRAPH))
    result = runner.invoke(cli, ["extract", url])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["published"] == "2025-03-04"
    assert site.hits["/news/1"] == 1


def test_extract_url_not_found_is_exit_1(runner, analyzer, site):
    result = runner.invoke(cli, ["extract", site.url("/missing")])
    assert result.exit_code == 1
    assert "HTTP 404" in result.output


@pytest.mark.parametrize(
    "args, exit_code, message",
    [
        (["extract", "/no/such/file.txt"], 2, "no such file"),
        (["extract", "ftp://example.org/a.txt"], 2, "only http:// and https://"),
        (["extract", "a.txt", "--format", "xml"], 2, "Invalid value"),
    ],
)
def test_extract_usage_errors(runner, analyzer, args, exit_code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == exit_code
    assert message in result.output
    assert analyzer.calls == []


@pytest.mark.parametrize(
    "body, message",
    [
        (bytes(range(256)) * 8, "binary"),
        (b"   \n\n  ", "empty"),
        (b"<html><body><p>Subscribe to read this article.</p></body></html>", "no article found"),
    ],
)
def test_extract_no_article_is_exit_1(runner, analyzer, tmp_path, body, message):
    path = tmp_path / "input"
    path.write_bytes(body)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    assert analyzer.calls == []


# --------------------------------------------------------------------------- eval


def _gold(person="Artyom Solovtsov", not_subjects=()):
    return {
        "published": "2025-03-04",
        "language": "en",
        "events": [{"person": person, "stage": "detained", "host_country": "KG", "destination_country": "RU", "date": "2025-03-04"}],
        "optional": [],
        "not_subjects": list(not_subjects),
    }


def _write(directory, name, gold):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (directory / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    return directory


def test_eval_passes_when_f1_is_high(runner, analyzer, tmp_path):
    directory = _write(tmp_path / "set", "a", _gold())
    result = runner.invoke(cli, ["eval", str(directory)])
    assert result.exit_code == 0, result.output
    assert "TOTAL (1 files)" in result.output


def test_eval_fails_below_min_f1(runner, analyzer, tmp_path):
    directory = _write(tmp_path / "set", "a", _gold("Someone Else"))
    result = runner.invoke(cli, ["eval", str(directory), "--min-f1", "0.5"])
    assert result.exit_code == 1
    assert "below --min-f1" in result.output
    passing = runner.invoke(cli, ["eval", str(directory), "--min-f1", "0"])
    assert passing.exit_code == 0, passing.output


def test_eval_fails_on_subject_errors_even_with_perfect_f1(runner, analyzer, tmp_path):
    directory = _write(tmp_path / "set", "a", _gold(not_subjects=["Elmira Toktosunova"]))
    assert runner.invoke(cli, ["eval", str(directory), "--min-f1", "0"]).exit_code == 0  # "other" is fine
    directory = _write(tmp_path / "set2", "a", _gold(not_subjects=["Artyom Solovtsov"]))
    result = runner.invoke(cli, ["eval", str(directory), "--min-f1", "0"])
    assert result.exit_code == 1
    assert "returned as subjects" in result.output


def test_eval_json_over_several_directories(runner, analyzer, tmp_path):
    first = _write(tmp_path / "one", "a", _gold())
    second = _write(tmp_path / "two", "b", _gold("Someone Else"))
    result = runner.invoke(cli, ["eval", str(first), str(second), "--format", "json", "--min-f1", "0.5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["total"]["tp"], data["total"]["fp"], data["total"]["fn"]) == (1, 1, 1)
    assert [f["file"] for f in data["files"]] == ["one/a.txt", "two/b.txt"]


def test_eval_usage_errors(runner, analyzer, tmp_path):
    assert runner.invoke(cli, ["eval", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(cli, ["eval", str(tmp_path)]).exit_code == 2  # no gold files
    assert runner.invoke(cli, ["eval"]).exit_code == 2


def test_eval_help_documents_exit_codes(runner):
    result = runner.invoke(cli, ["eval", "--help"])
    assert "Exit code 1 when the total F1 is below --min-f1" in result.output
    assert "not_subjects" in result.output


# --------------------------------------------------------------------------- real pipelines


@pytest.fixture(scope="session")
def real_analyze():
    """The real NLP stage, loaded once per session (fails until nlp.api exists)."""
    from nlp.api import analyze

    analyze("Warm-up.", title="", published=dt.date(2025, 3, 4), language="en")
    return analyze


def test_extract_with_the_real_pipeline(runner, real_analyze, tmp_path, monkeypatch):
    monkeypatch.setattr(nlp, "analyze", real_analyze)
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    pairs = {(e["person"], e["stage"]) for e in data["events"]}
    assert ("Artyom Solovtsov", "detained") in pairs
    detained = next(e for e in data["events"] if e["stage"] == "detained")
    assert (detained["host_country"], detained["destination_country"]) == ("KG", "RU")
    assert (detained["date"], detained["date_precision"]) == ("2025-03-03", "day")
    assert {"name": "Elmira Toktosunova", "role": "other"} in data["people"]


def test_extract_russian_with_the_real_pipeline(runner, real_analyze, monkeypatch):
    monkeypatch.setattr(nlp, "analyze", real_analyze)
    result = runner.invoke(cli, ["extract", "-"], input=RU_ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert ("Кирилл Шамсутдинов", "transferred") in {(e["person"], e["stage"]) for e in data["events"]}


# --------------------------------------------------------------------------- installed command


def test_installed_command_exit_codes_from_outside_the_checkout(run_exwatch, tmp_path):
    missing = run_exwatch("extract", tmp_path / "missing.txt")
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 16)
    binary = run_exwatch("extract", garbage)
    assert binary.returncode == 1
    assert "no article found: binary input" in binary.stderr
