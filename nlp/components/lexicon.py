"""Load the JSONL lexicons and patterns that live in `nlp/data/`.

Data stays out of the code: every word list the components use is one of these files,
one JSON object a line, `#` lines and blank lines ignored.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def read_jsonl(name: str) -> tuple[dict, ...]:
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
    return tuple(rows)


def word_sets(name: str) -> dict[str, frozenset[str]]:
    """A file of {"kind": ..., "words": [...]} rows as kind -> lower-cased word set."""
    sets: dict[str, set[str]] = {}
    for row in read_jsonl(name):
        sets.setdefault(row["kind"], set()).update(w.lower() for w in row["words"])
    return {kind: frozenset(words) for kind, words in sets.items()}
