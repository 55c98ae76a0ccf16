"""Spellings of one name: folding, transliteration, and the lossy keys that match them.

Three levels, strictest first (exwatch/store/people.py decides what each level may join):
- `normalize_name`: case, accents, ё and punctuation folded; "Yulia  Yemelyanova" == "yulia yemelyanova".
- `transliterations`: a Cyrillic name spelled by the standard Latin schemes (iuliia):
  "Юлия Емельянова" -> "Yuliya Yemelyanova", "Iuliia Emelianova", "Yuliya Emelyanova".
- `name_key`: a phonetic skeleton that survives the schemes, Belarusian spellings and
  Latin habits: Yemelyanova, Emelyanova, Yemelianova, Емельянова -> "mlnvA"; Siarhei Marozau,
  Sergei Morozov, Сергей Морозов -> "mrzv srh". Lossy on purpose: only a candidate, never proof.
The folding rules are data: exwatch/store/data/name_key_rules.jsonl.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

import iuliia

DATA = Path(__file__).parent / "data"
_NON_LETTERS = re.compile(r"[^\w]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Belarusian and Ukrainian letters the Russian schemes do not know, as their Russian kin.
_EAST_SLAVIC_TO_RUSSIAN = str.maketrans({"ў": "в", "Ў": "В", "і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г"})
_NOT_RUSSIAN = re.compile(r"[ўЎіІїЇєЄґҐ]")
# Schemes a Latin-script outlet or passport is likely to use for a Russian name.
ALIAS_SCHEMES = (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.MVD_782)


def normalize_name(name: str) -> str:
    """Case, accents, ё and punctuation folded: the key under which spellings are matched exactly."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ё", "е"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_LETTERS.sub(" ", letters).strip()


def script_of(name: str) -> str:
    return "cyrillic" if _CYRILLIC.search(name) else "latin"


def tokens(name: str) -> list[str]:
    return normalize_name(name).split()


def is_surname_only(name: str) -> bool:
    return len(tokens(name)) == 1


def transliterations(name: str) -> list[str]:
    """Latin spellings of a Russian Cyrillic name by the common schemes; [] for other names."""
    if script_of(name) != "cyrillic" or _NOT_RUSSIAN.search(name):
        return []
    spellings = []
    for schema in ALIAS_SCHEMES:
        spelled = re.sub(r"['’ʹ]", "", schema.translate(name))
        if spelled not in spellings and not _CYRILLIC.search(spelled):
            spellings.append(spelled)
    return spellings


def latin_form(name: str) -> str:
    """The name in folded Latin letters: Cyrillic through one scheme, after Belarusian letters."""
    if script_of(name) == "cyrillic":
        name = iuliia.WIKIPEDIA.translate(name.translate(_EAST_SLAVIC_TO_RUSSIAN))
    return normalize_name(name)


def name_key(name: str) -> str:
    """Phonetic key of the whole name: token keys sorted (so word order does not matter),
    patronymics left out (a name with and without one is the same name)."""
    words = latin_form(name).split()
    if len(words) > 2:
        words = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or not _is_patronymic(w)]
    return " ".join(sorted(k for k in (word_key(w) for w in words) if k))


def surname_key(name: str) -> str:
    """Phonetic key of the last word: how a surname-only mention finds its candidates."""
    words = latin_form(name).split()
    return word_key(words[-1]) if words else ""


def word_key(word: str) -> str:
    for pattern, replacement in _rules():
        word = pattern.sub(replacement, word)
    return word


def nominative_candidates(surname: str) -> list[str]:
    """Nominatives a Russian surname in an oblique case may come from: "Садыкову" -> ["Садыков"],
    "Емельяновой" -> ["Емельянова"], "Садыкова" -> ["Садыков"] (it may also be a nominative itself)."""
    if script_of(surname) != "cyrillic" or len(surname.split()) != 1:
        return []
    found = []
    for oblique, nominative in _surname_endings():
        stem = surname[: -len(oblique)]
        if surname.endswith(oblique) and len(stem) >= 2 and stem + nominative not in found:
            found.append(stem + nominative)
    return found


@functools.cache
def _surname_endings() -> tuple[tuple[str, str], ...]:
    return tuple((r["oblique"], r["nominative"]) for r in _read_jsonl(DATA / "ru_surname_endings.jsonl"))


def _is_patronymic(word: str) -> bool:
    return word.endswith(_patronymic_endings())


@functools.cache
def _rules() -> tuple[tuple[re.Pattern, str], ...]:
    rows = _read_jsonl(DATA / "name_key_rules.jsonl")
    return tuple((re.compile(r["pattern"]), r["replace"]) for r in rows)


@functools.cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(r["ending"] for r in _read_jsonl(DATA / "patronymic_endings.jsonl"))


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]
