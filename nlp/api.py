"""`analyze()` and `analyze_many()`: text in, `Analysis` out, for English and Russian.

Only the tokenizer and the relevance prefilter run on every article; the tagger, parser,
NER and the exwatch components run only on relevant ones, which is most of the cost
saved on a news feed where few articles are about extradition.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline import cheap_pipe_count, get_pipeline
from nlp.types import Analysis

DEFAULT_BATCH_SIZE = 32
CYRILLIC_SHARE = 0.5


def analyze(text: str, *, title: str = "", published: dt.date | None = None, language: str = "en") -> Analysis:
    return next(analyze_many([{"text": text, "title": title, "published": published, "language": language}]))


def analyze_many(records: Iterable, *, n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Analysis]:
    """Analyses in input order. A record is a mapping with `text` (and optionally `title`,
    `published`, `language`) or a tuple (text, title, published, language)."""
    for chunk in _chunks(records, max(batch_size * max(n_process, 1), 1)):
        yield from _analyze_chunk(chunk, n_process=n_process, batch_size=batch_size)


def detect_language(text: str, declared: str | None) -> str:
    """The declared language when supported; otherwise "ru" for mostly Cyrillic text, else "en"."""
    if declared in ("en", "ru"):
        return declared
    letters = [c for c in text[:5000] if c.isalpha()]
    if letters and sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters) > CYRILLIC_SHARE:
        return "ru"
    return "en"


def full_text(text: str, title: str) -> str:
    """The title as the first line, unless the text already starts with it."""
    title = (title or "").strip()
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


# ---------------------------------------------------------------------------- internals
def _record(record) -> tuple[str, str, dt.date | None, str | None]:
    if isinstance(record, Mapping):
        return record["text"], record.get("title") or "", record.get("published"), record.get("language")
    text, title, published, language = (tuple(record) + (None, None, None))[:4]
    return text, title or "", published, language


def _chunks(records: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analyze_chunk(chunk: list, *, n_process: int, batch_size: int) -> list[Analysis]:
    docs, languages = [], []
    for record in chunk:
        text, title, published, declared = _record(record)
        language = detect_language(text, declared)
        nlp = get_pipeline(language)
        doc = _cheap_pass(nlp, full_text(text, title), published)
        docs.append(doc)
        languages.append(language)
    results: list[Analysis | None] = [None] * len(docs)
    for language in set(languages):
        nlp = get_pipeline(language)
        relevant = [i for i, doc in enumerate(docs) if languages[i] == language and doc._.exwatch_relevant]
        finished = _expensive_pass(nlp, [docs[i] for i in relevant], n_process=n_process, batch_size=batch_size)
        for i, doc in zip(relevant, finished):
            docs[i] = doc
    for i, doc in enumerate(docs):
        results[i] = to_analysis(doc, languages[i])
    return results


def _cheap_pass(nlp: Language, text: str, published: dt.date | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.exwatch_published = published
    for _, component in nlp.pipeline[: cheap_pipe_count(nlp)]:
        doc = component(doc)
    return doc


def _expensive_pass(nlp: Language, docs: list[Doc], *, n_process: int, batch_size: int) -> list[Doc]:
    if not docs:
        return []
    cheap = nlp.pipe_names[: cheap_pipe_count(nlp)]
    if n_process > 1 and len(docs) > batch_size:
        return _multiprocess_pass(nlp, docs, cheap, n_process=n_process, batch_size=batch_size)
    return list(nlp.pipe(docs, batch_size=batch_size, disable=cheap))


def _multiprocess_pass(nlp: Language, docs: list[Doc], cheap: list[str], *, n_process: int,
                       batch_size: int) -> list[Doc]:
    """The trained components in worker processes, the rule components here: their results
    (Python objects) and the publication date (a date) do not survive Doc serialisation."""
    names = nlp.pipe_names
    trained_end = max((i for i, name in enumerate(names) if not name.startswith("exwatch_")), default=-1) + 1
    rules = [name for name in names[trained_end:]]
    published = [doc._.exwatch_published for doc in docs]
    for doc in docs:
        doc._.exwatch_published = None
    parsed = list(nlp.pipe(docs, n_process=n_process, batch_size=batch_size, disable=cheap + rules))
    for doc, date in zip(parsed, published):
        doc._.exwatch_published = date
        for name in rules:
            doc = nlp.get_pipe(name)(doc)
    return parsed


def to_analysis(doc: Doc, language: str) -> Analysis:
    if not doc._.exwatch_relevant:
        return Analysis(language=language, relevant=False)
    return Analysis(
        language=language,
        relevant=True,
        people=list(doc._.exwatch_people or []),
        events=[e for e in (doc._.exwatch_events or []) if e.person],
    )
