"""The Russian lexicons in `nlp/data/ru_*.jsonl`, read once and validated."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.types import Stage

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRIGGERS_FILE = "ru_triggers.jsonl"
MODALITY_FILE = "ru_modality.jsonl"
ROLES_FILE = "ru_roles.jsonl"
RELEVANCE_FILE = "ru_relevance.jsonl"
CROSS_BORDER_FILE = "ru_cross_border.jsonl"
DATE_ANAPHORA_FILE = "ru_date_anaphora.jsonl"


@dataclass(frozen=True)
class TriggerPattern:
    words: tuple[frozenset[str], ...]  # lemma alternatives per position
    stage: Stage
    window: int = 0
    anchor: int = 0
    needs_place: bool = False
    before_transfer: Stage | None = None
    after_transfer: Stage | None = None
    not_with: frozenset[str] = frozenset()
    ignore_modality: bool = False
    context: frozenset[str] = frozenset()  # one of these lemmas must be in the sentence
    context_before: bool = False  # ... or in the sentence before it
    if_future: Stage | None = None  # the stage of a future form; None drops it


def read_jsonl(name: str) -> list[dict]:
    path = DATA_DIR / name
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: invalid JSON: {error}") from error
    return rows


@lru_cache(maxsize=None)
def trigger_patterns(name: str = TRIGGERS_FILE) -> tuple[TriggerPattern, ...]:
    patterns = []
    for row in read_jsonl(name):
        words = tuple(frozenset(word.split("|")) for word in row["pattern"])
        patterns.append(TriggerPattern(
            words=words,
            stage=Stage(row["stage"]),
            window=row.get("window", 0),
            anchor=row.get("anchor", 0),
            needs_place=row.get("needs_place", False),
            before_transfer=Stage(row["before_transfer"]) if "before_transfer" in row else None,
            after_transfer=Stage(row["after_transfer"]) if "after_transfer" in row else None,
            not_with=frozenset(row.get("not_with", ())),
            ignore_modality=row.get("ignore_modality", False),
            context=frozenset(row.get("context", ())),
            context_before=row.get("context_before", False),
            if_future=Stage(row["if_future"]) if "if_future" in row else None,
        ))
    return tuple(patterns)


@lru_cache(maxsize=None)
def lemma_set(name: str, kinds: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> frozenset[str]:
    """The lemmas of a {"kind": ..., "lemmas": [...]} file: of `kinds` if given, minus `exclude`."""
    return frozenset(
        lemma
        for row in read_jsonl(name)
        if (not kinds or row["kind"] in kinds) and row["kind"] not in exclude
        for lemma in row["lemmas"]
    )


@lru_cache(maxsize=None)
def relevance_stems(name: str = RELEVANCE_FILE) -> tuple[str, ...]:
    return tuple(stem for row in read_jsonl(name) for stem in row["stems"])


@lru_cache(maxsize=None)
def date_anaphora(name: str = DATE_ANAPHORA_FILE) -> tuple[tuple[str, str, int, bool], ...]:
    """(phrase, precision, offset_days, day_antecedent), longest phrase first."""
    rows = {(row["phrase"], row["precision"], row.get("offset_days", 0), row.get("day_antecedent", False))
            for row in read_jsonl(name)}
    return tuple(sorted(rows, key=lambda row: -len(row[0])))
