"""Score the NLP stage against hand-labelled articles (the dev-set format).

A directory holds articles (`NAME.txt` or `NAME.html`) beside their gold `NAME.json`:
`published`, `language`, `events` [person, stage, host_country, destination_country, date],
`optional` (person, stage) pairs that count neither way, and `not_subjects`, names that
must never be returned as subjects.

    report = score_directory("tests/eval_set")          # runs nlp.analyze on every article
    print(report.table())

Scoring:
- precision, recall, F1 of (person, stage) pairs; a duplicate pair counts once, an event
  with no person (a group) counts neither way;
- a returned name matches a gold name on the full name, or on an unambiguous surname within
  the article (a surname shared by two people in the gold matches neither); comparison is
  case-insensitive with ё = е and hyphens as spaces, otherwise exact: a Russian name must
  come back in the nominative, as the gold gives it;
- subject errors: a `not_subjects` name returned as a subject (role or event person);
- host country, destination country and date accuracy over matched pairs.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.dates import parse_published
from nlp.types import Analysis, Role

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_PUBLISHED_LINE = re.compile(r"^\s*(?:Published|Опубликовано)\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
ATTRIBUTES = ("host_country", "destination_country", "date")

AnalyzeFn = Callable[..., Analysis]
Pair = tuple[str, str]  # (person, stage)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Article:
    path: Path
    title: str
    text: str
    published: dt.date | None
    language: str


@dataclass(frozen=True)
class GoldEvent:
    person: str
    stage: str
    host_country: str | None = None
    destination_country: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Gold:
    published: dt.date | None
    language: str | None
    events: tuple[GoldEvent, ...]
    optional: frozenset[Pair]
    not_subjects: tuple[str, ...]

    @property
    def names(self) -> set[str]:
        return {e.person for e in self.events} | {p for p, _ in self.optional} | set(self.not_subjects)


def read_gold(path: Path) -> Gold:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    events = tuple(
        GoldEvent(
            person=e["person"],
            stage=e["stage"],
            host_country=e.get("host_country"),
            destination_country=e.get("destination_country"),
            date=e.get("date"),
        )
        for e in data.get("events", [])
    )
    optional = frozenset((o["person"], o["stage"]) for o in data.get("optional", []))
    return Gold(
        published=parse_published(data["published"]) if data.get("published") else None,
        language=data.get("language"),
        events=events,
        optional=optional,
        not_subjects=tuple(data.get("not_subjects", [])),
    )


def detect_language(text: str) -> str:
    """"ru" when Cyrillic letters outnumber Latin ones, else "en"."""
    return "ru" if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def split_text_article(content: str) -> tuple[str, dt.date | None, str]:
    """(title, published, body) of a plain-text article: first line the title, a
    `Published:`/`Опубликовано:` line the date (removed from the body), the rest the body."""
    lines = content.lstrip("\ufeff").strip("\n").splitlines()
    title = lines[0].strip() if lines else ""
    published = None
    body = []
    for line in lines[1:]:
        found = _PUBLISHED_LINE.match(line)
        if found and published is None:
            published = parse_published(found.group("value"))
            continue
        body.append(line)
    return title, published, "\n".join(body).strip()


def read_text_article(path: Path, language: str | None = None) -> Article:
    title, published, text = split_text_article(Path(path).read_text(encoding="utf-8"))
    return Article(Path(path), title, text, published, language or detect_language(title + " " + text))


def read_html_article(path: Path, language: str | None = None) -> Article:
    from exwatch.extraction import extract_article

    extracted = extract_article(Path(path).read_bytes(), Path(path).resolve().as_uri(), default_language=language)
    return Article(
        Path(path),
        extracted.title or "",
        extracted.text,
        parse_published(extracted.published),
        language or extracted.language or detect_language(extracted.text),
    )


def read_article(path: Path, language: str | None = None) -> Article:
    if Path(path).suffix.lower() == ".txt":
        return read_text_article(path, language)
    return read_html_article(path, language)


def find_cases(directory: Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs of a directory, by name."""
    cases = []
    for gold in sorted(Path(directory).glob("*.json")):
        for suffix in ARTICLE_SUFFIXES:
            article = gold.with_suffix(suffix)
            if article.exists():
                cases.append((article, gold))
                break
    return cases


# --------------------------------------------------------------------------- names


def normalise_name(name: str) -> str:
    text = name.lower().replace("ё", "е")
    text = re.sub(r"[-‐‑–—]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def _surname(name: str) -> str:
    parts = normalise_name(name).split()
    return parts[-1] if parts else ""


class NameResolver:
    """Maps a returned name to the gold name it means, within one article."""

    def __init__(self, gold_names: Iterable[str]) -> None:
        self._full = {normalise_name(n): n for n in gold_names}
        by_surname: dict[str, set[str]] = {}
        for name in gold_names:
            by_surname.setdefault(_surname(name), set()).add(name)
        self._surname = {s: next(iter(ns)) for s, ns in by_surname.items() if len(ns) == 1}

    def resolve(self, name: str) -> str | None:
        key = normalise_name(name)
        if key in self._full:
            return self._full[key]
        gold = self._surname.get(_surname(name))
        if gold is None:
            return None
        returned, wanted = key.split(), normalise_name(gold).split()
        # "Solovtsov" or "A. Solovtsov" match "Artyom Solovtsov"; "Ivan Solovtsov" does not.
        if len(returned) == 1 or (len(returned[0]) == 1 and returned[0] == wanted[0][:1]):
            return gold
        return None

    def label(self, name: str) -> str:
        """The gold name when it resolves, else the returned name as it was."""
        return self.resolve(name) or name


# --------------------------------------------------------------------------- scores


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: "Accuracy") -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_json(self) -> dict:
        value = self.value
        return {"correct": self.correct, "total": self.total, "accuracy": None if value is None else round(value, 4)}


@dataclass
class FileScore:
    name: str
    pairs: Counts = field(default_factory=Counts)
    stages: dict[str, Counts] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    subject_errors: list[str] = field(default_factory=list)
    missed: list[Pair] = field(default_factory=list)
    spurious: list[Pair] = field(default_factory=list)
    wrong_attributes: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "file": self.name,
            **self.pairs.to_json(),
            "stages": {s: c.to_json() for s, c in sorted(self.stages.items())},
            "attributes": {a: acc.to_json() for a, acc in self.attributes.items()},
            "subject_errors": self.subject_errors,
            "missed": [list(p) for p in self.missed],
            "spurious": [list(p) for p in self.spurious],
            "wrong_attributes": self.wrong_attributes,
            "error": self.error,
            "seconds": round(self.seconds, 3),
        }


def score_analysis(gold: Gold, analysis: Analysis, name: str = "") -> FileScore:
    """Compare one article's Analysis with its gold labels."""
    resolver = NameResolver(gold.names)
    score = FileScore(name)

    predicted: dict[Pair, object] = {}
    for event in analysis.events:
        if event.person:
            predicted.setdefault((resolver.label(event.person), event.stage.value), event)
    gold_pairs = {(e.person, e.stage): e for e in reversed(gold.events)}

    matched = [p for p in predicted if p in gold_pairs]
    score.missed = sorted(p for p in gold_pairs if p not in predicted)
    score.spurious = sorted(p for p in predicted if p not in gold_pairs and p not in gold.optional)
    score.pairs = Counts(len(matched), len(score.spurious), len(score.missed))
    for stage in {s for _, s in [*matched, *score.spurious, *score.missed]}:
        score.stages[stage] = Counts(
            sum(1 for p in matched if p[1] == stage),
            sum(1 for p in score.spurious if p[1] == stage),
            sum(1 for p in score.missed if p[1] == stage),
        )
    for pair in matched:
        _score_attributes(score, pair, gold_pairs[pair], predicted[pair])
    score.subject_errors = _subject_errors(gold, analysis, resolver)
    return score


def _score_attributes(score: FileScore, pair: Pair, gold: GoldEvent, event) -> None:
    for attribute in ATTRIBUTES:
        wanted, got = getattr(gold, attribute), getattr(event, attribute)
        accuracy = score.attributes[attribute]
        accuracy.total += 1
        if wanted == got:
            accuracy.correct += 1
        else:
            score.wrong_attributes.append(f"{pair[0]} {pair[1]} {attribute}: {got!r} != gold {wanted!r}")


def _subject_errors(gold: Gold, analysis: Analysis, resolver: NameResolver) -> list[str]:
    forbidden = set(gold.not_subjects)
    returned = [p.name for p in analysis.people if p.role is Role.SUBJECT]
    returned += [e.person for e in analysis.events if e.person]
    errors = {resolver.label(name) for name in returned} & forbidden
    return sorted(errors)


# --------------------------------------------------------------------------- report


@dataclass
class Report:
    files: list[FileScore] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        total = Counts()
        for f in self.files:
            total.add(f.pairs)
        return total

    @property
    def stages(self) -> dict[str, Counts]:
        stages: dict[str, Counts] = {}
        for f in self.files:
            for stage, counts in f.stages.items():
                stages.setdefault(stage, Counts()).add(counts)
        return dict(sorted(stages.items()))

    @property
    def attributes(self) -> dict[str, Accuracy]:
        totals = {a: Accuracy() for a in ATTRIBUTES}
        for f in self.files:
            for attribute, accuracy in f.attributes.items():
                totals[attribute].add(accuracy)
        return totals

    @property
    def subject_errors(self) -> int:
        return sum(len(f.subject_errors) for f in self.files)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.files if f.error)

    @property
    def f1(self) -> float:
        return self.total.f1

    def to_json(self) -> dict:
        return {
            "files": [f.to_json() for f in self.files],
            "total": {
                **self.total.to_json(),
                "subject_errors": self.subject_errors,
                "errors": self.errors,
                "attributes": {a: acc.to_json() for a, acc in self.attributes.items()},
                "seconds": round(sum(f.seconds for f in self.files), 3),
            },
            "stages": {s: c.to_json() for s, c in self.stages.items()},
        }

    def table(self, details: bool = True) -> str:
        return render_table(self, details=details)


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value * 100:4.0f}"


def _row(label: str, counts: Counts, subjects: int | str, attributes: dict[str, Accuracy] | None) -> str:
    acc = "".join(f" {_pct(attributes[a].value):>5}" for a in ATTRIBUTES) if attributes else ""
    return (
        f"{label:<24} {counts.tp:>3} {counts.fp:>3} {counts.fn:>3}"
        f" {_pct(counts.precision):>5} {_pct(counts.recall):>5} {_pct(counts.f1):>5} {subjects!s:>5}{acc}"
    )


def render_table(report: Report, details: bool = True) -> str:
    header = f"{'file':<24}  tp  fp  fn     P     R    F1  subj  host  dest  date"
    lines = [header, "-" * len(header)]
    for f in report.files:
        lines.append(_row(f.name[:24], f.pairs, len(f.subject_errors), f.attributes))
        if details:
            lines += [f"    ! error: {f.error}"] if f.error else []
            lines += [f"    - missed   {p} {s}" for p, s in f.missed]
            lines += [f"    + spurious {p} {s}" for p, s in f.spurious]
            lines += [f"    ! not a subject: {n}" for n in f.subject_errors]
            lines += [f"    ~ {w}" for w in f.wrong_attributes]
    lines.append("-" * len(header))
    lines.append(_row(f"TOTAL ({len(report.files)} files)", report.total, report.subject_errors, report.attributes))
    lines += ["", f"{'stage':<24}  tp  fp  fn     P     R    F1", "-" * 56]
    lines += [_row(stage, counts, "", None).rstrip() for stage, counts in report.stages.items()]
    return "\n".join(lines)


# --------------------------------------------------------------------------- running


def _default_analyze(text: str, *, title: str, published, language: str) -> Analysis:
    from nlp import analyze

    return analyze(text, title=title, published=published, language=language)


def score_file(article_path: Path, gold_path: Path, analyze_fn: AnalyzeFn | None = None) -> FileScore:
    analyze_fn = analyze_fn or _default_analyze
    gold = read_gold(gold_path)
    started = time.perf_counter()
    try:
        article = read_article(article_path, gold.language)
        analysis = analyze_fn(
            article.text,
            title=article.title,
            published=article.published or gold.published,
            language=article.language,
        )
    except Exception as error:  # one broken article must not hide the scores of the rest
        score = score_analysis(gold, Analysis(language=gold.language or "", relevant=False), article_path.name)
        score.error = f"{type(error).__name__}: {error}"
    else:
        score = score_analysis(gold, analysis, article_path.name)
    score.seconds = time.perf_counter() - started
    return score


def score_directory(path, analyze_fn: AnalyzeFn | None = None) -> Report:
    """Score every article with a gold file in `path` (a directory, or a list of them)."""
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    report = Report()
    for directory in paths:
        directory = Path(directory)
        if not directory.is_dir():
            raise NotADirectoryError(f"{directory} is not a directory")
        for article, gold in find_cases(directory):
            name = article.name if len(paths) == 1 else f"{directory.name}/{article.name}"
            score = score_file(article, gold, analyze_fn)
            score.name = name
            report.files.append(score)
    return report


__all__ = [
    "Article",
    "Gold",
    "GoldEvent",
    "NameResolver",
    "Report",
    "FileScore",
    "Counts",
    "read_article",
    "split_text_article",
    "detect_language",
    "read_gold",
    "score_analysis",
    "score_file",
    "score_directory",
    "render_table",
]
