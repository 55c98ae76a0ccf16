"""`exwatch extract` and `exwatch eval`: the NLP stage on its own.

    exwatch extract article.html --format json     # one article -> the DESIGN.md contract
    exwatch extract - < article.txt
    exwatch extract https://example.org/news/1
    exwatch eval tests/eval_set --min-f1 0.85      # exit 1 below the bar

Exit codes: 0 success; 1 no article found (not an article, binary or empty input, a URL
that cannot be fetched) or an evaluation below the bar; 2 usage errors (missing file,
unsupported URL scheme, bad option).
"""
from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import click

from exwatch.cli import cli
from exwatch.options import defaults, user_agent

FETCH_TIMEOUT_SECONDS = 20
MAX_INPUT_BYTES = 20 * 1024 * 1024
USER_AGENT = user_agent(defaults()["EXWATCH_CONTACT_URL"])
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)


class NoArticle(click.ClickException):
    """The input holds no article to analyse: exit code 1."""

    exit_code = 1


class EvaluationFailed(click.ClickException):
    exit_code = 1


# --------------------------------------------------------------------------- input


@dataclass
class RawInput:
    body: bytes
    url: str | None  # where it came from, when that is a URL
    encoding: str | None = None  # charset from the HTTP Content-Type header


def read_input(source: str, stdin=None) -> RawInput:
    """Bytes from a path, `-` (standard input) or an http(s) URL."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return RawInput(stream.read(MAX_INPUT_BYTES + 1), None)
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        if not source.lower().startswith(("http://", "https://")):
            raise click.BadParameter("only http:// and https:// URLs are supported", param_hint="PATH_OR_URL")
        return fetch_url(source)
    path = Path(source)
    if not path.exists():
        raise click.BadParameter(f"{source}: no such file", param_hint="PATH_OR_URL")
    if not path.is_file():
        raise click.BadParameter(f"{source}: not a file", param_hint="PATH_OR_URL")
    return RawInput(path.read_bytes(), None)


def fetch_url(url: str) -> RawInput:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain,*/*"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            body = response.read(MAX_INPUT_BYTES + 1)
            charset = _CHARSET.search(response.headers.get("Content-Type", ""))
            return RawInput(body, response.geturl(), charset.group(1) if charset else None)
    except urllib.error.HTTPError as error:
        raise NoArticle(f"could not fetch {url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise NoArticle(f"could not fetch {url}: {reason}") from error


def looks_like_html(body: bytes) -> bool:
    head = body.lstrip()[:4096].lower()
    return head.startswith(b"<") or b"<html" in head


def looks_binary(body: bytes) -> bool:
    sample = body[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def decode_text(body: bytes, encoding: str | None) -> str:
    for candidate in (encoding, "utf-8-sig", "cp1251"):
        if not candidate:
            continue
        try:
            return body.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise NoArticle("no article found: the input is not text")


# --------------------------------------------------------------------------- extract


@dataclass
class Document:
    url: str | None
    title: str
    text: str
    published: object  # datetime.date | None
    language: str


def to_document(raw: RawInput, language: str | None = None, url: str | None = None) -> Document:
    """The article in the input: HTML through `extract_article`, plain text as title/date/body."""
    from nlp.dates import parse_published
    from nlp.evaluate import detect_language, split_text_article

    if len(raw.body) > MAX_INPUT_BYTES:
        raise NoArticle(f"no article found: input larger than {MAX_INPUT_BYTES} bytes")
    if not raw.body.strip():
        raise NoArticle("no article found: empty input")
    if looks_binary(raw.body):
        raise NoArticle("no article found: binary input")
    url = url or raw.url
    if looks_like_html(raw.body):
        from exwatch.extraction import NotAnArticle, extract_article

        try:
            extracted = extract_article(raw.body, url or "", encoding=raw.encoding, default_language=language)
        except NotAnArticle as error:
            raise NoArticle(f"no article found: {error}") from error
        return Document(
            url=extracted.canonical_url or url,
            title=extracted.title or "",
            text=extracted.text,
            published=parse_published(extracted.published),
            language=language or extracted.language or detect_language(extracted.text),
        )
    title, published, text = split_text_article(decode_text(raw.body, raw.encoding))
    if not text:  # one paragraph and no title line
        title, text = "", title
    if not text.strip():
        raise NoArticle("no article found: no text")
    return Document(url, title, text, published, language or detect_language(title + " " + text))


def extraction_result(document: Document, analysis) -> dict:
    """The `exwatch extract` JSON contract (DESIGN.md)."""
    return {
        "url": document.url,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language,
        **analysis.to_json(),
    }


def format_text(result: dict) -> str:
    lines = [
        result["title"] or "(untitled)",
        f"url: {result['url'] or '-'}   published: {result['published'] or '-'}   language: {result['language']}",
        "",
        "people:",
    ]
    lines += [f"  {p['name']} ({p['role']})" for p in result["people"]] or ["  (none)"]
    lines += ["", "events:"]
    for e in result["events"]:
        route = f"{e['host_country'] or '?'} -> {e['destination_country'] or '?'}"
        lines.append(f"  {e['person'] or '(unnamed)'}: {e['stage']}  {route}  {e['date'] or 'date unknown'}")
        if e.get("evidence"):
            lines.append(f"      \u201c{e['evidence']}\u201d")
    if not result["events"]:
        lines.append("  (none)")
    return "\n".join(lines)


@cli.command()
@click.argument("source", metavar="PATH_OR_URL")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--language", type=click.Choice(["en", "ru"]), help="Article language, when detection gets it wrong.")
@click.option("--url", help="The article's URL, for a file or standard input.")
def extract(source: str, output_format: str, language: str | None, url: str | None) -> None:
    """Find the people and extradition events in one article.

    PATH_OR_URL is an HTML page or a plain-text article (first line the title, an
    optional "Published:" line), "-" for standard input, or an http(s) URL.
    Exit code 1 when the input holds no article, 2 for usage errors.
    """
    from nlp import analyze

    document = to_document(read_input(source), language=language, url=url)
    analysis = analyze(document.text, title=document.title, published=document.published, language=document.language)
    result = extraction_result(document, analysis)
    if output_format == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result))


# --------------------------------------------------------------------------- eval


@cli.command(name="eval")
@click.argument("directories", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--min-f1", type=click.FloatRange(0, 1), default=0.85, show_default=True, help="Fail below this total F1.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--details/--no-details", default=True, show_default=True, help="List misses and mistakes per file.")
def evaluate(directories: tuple[Path, ...], min_f1: float, output_format: str, details: bool) -> None:
    """Score the NLP stage on labelled articles (NAME.txt or NAME.html beside NAME.json).

    Prints precision, recall and F1 of (person, stage) pairs per file and in total, the
    subject errors (a not_subjects name returned as a subject), and the accuracy of host
    country, destination country and date on matched pairs.

    Exit code 1 when the total F1 is below --min-f1, when any not_subjects name is returned
    as a subject, or when an article fails to process; 2 for usage errors.
    """
    from nlp.evaluate import find_cases, score_directory

    for directory in directories:
        if not find_cases(directory):
            raise click.BadParameter(f"{directory}: no article with a gold .json file", param_hint="DIRECTORIES")
    report = score_directory(list(directories))
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.table(details=details))
    problems = []
    if report.f1 < min_f1:
        problems.append(f"total F1 {report.f1:.3f} is below --min-f1 {min_f1:.3f}")
    if report.subject_errors:
        problems.append(f"{report.subject_errors} not_subjects name(s) returned as subjects")
    if report.errors:
        problems.append(f"{report.errors} article(s) failed to process")
    if problems:
        raise EvaluationFailed("; ".join(problems))


__all__ = ["extract", "evaluate", "read_input", "to_document", "extraction_result"]
