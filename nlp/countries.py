"""Countries named in text: names, demonyms, cities and metonyms -> ISO 3166-1 alpha-2.

    lookup("Kazakhstan's", "en") -> "KZ"      lookup("Москвы", "ru") -> "RU"
    find_mentions("detained in Bishkek at Moscow's request", "en")
    -> [CountryMention(12, 19, "Bishkek", "KG", "city"), CountryMention(23, 29, "Moscow", "RU", "city")]

Data: `nlp/data/countries.jsonl`, one country per line with English and Russian names
("country"), adjectives and demonyms ("demonym") and capitals, large cities, regions and
government metonyms such as "Kremlin" ("city": a place inside the country). Rows with a
null code are blockers: "Latin America" must not become the United States.

Russian forms are declined from the nominative by the ending table in
`nlp/data/countries_ru_endings.jsonl` ("Казахстан" -> "Казахстана", "Казахстане", ...;
"российский" -> "российской", "российские", ...). Generating every form up front keeps
matching to dictionary look-ups over word n-grams, with no morphological analyser at run time.

Domain decisions: "Georgia" is the country GE (no US state in this news); "Turkey" is TR;
"Chechen"/"Chechnya", "Dagestan", "Buryatia" are RU; "Crimea"/"Crimean" are UA, following
ISO 3166 and the UN General Assembly, whoever controls the peninsula.
Proper names must be capitalised in text ("turkey" the bird is not TR; "us" is not US);
`lookup` is case-insensitive.
"""
from __future__ import annotations

import functools
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("country", "demonym", "city")  # preference order when two kinds share a form
_TOKEN = re.compile(r"\w+(?:[-.]\w+)*")
_MAX_WORDS = 5


@dataclass(frozen=True)
class CountryMention:
    start_char: int
    end_char: int
    text: str
    code: str
    kind: str  # "country" | "demonym" | "city"


@dataclass(frozen=True)
class _Entry:
    code: str | None  # None: a blocker phrase that names no country
    kind: str
    form: str  # the surface form as written in the data, for the case rule


def _key(text: str) -> str:
    """Comparable form: lower case, ё -> е, word tokens joined by one space."""
    return " ".join(_TOKEN.findall(text.lower().replace("ё", "е")))


# --------------------------------------------------------------------------- Russian forms


@functools.lru_cache(maxsize=None)
def _ru_endings() -> tuple[dict, ...]:
    path = DATA_DIR / "countries_ru_endings.jsonl"
    with path.open(encoding="utf-8") as lines:
        rules = [json.loads(line) for line in lines if line.strip()]
    return tuple(sorted(rules, key=lambda r: len(r["suffix"]), reverse=True))


def _decline_word(word: str) -> list[str]:
    if len(word) <= 2 or word.isupper():
        return [word]  # "и", abbreviations such as "США", "РФ"
    head, _, last = word.rpartition("-")  # "Алма-Ата": only the last part declines
    prefix = f"{head}-" if head else ""
    lower = last.lower()
    for rule in _ru_endings():
        if lower.endswith(rule["suffix"]):
            forms = []
            for variant in (rule, rule.get("also")):
                if variant:
                    stem = last[: len(last) - variant["strip"]] if variant["strip"] else last
                    forms += [prefix + stem + ending for ending in variant["endings"]]
            return forms
    return [word]


def russian_forms(phrase: str) -> list[str]:
    """Every case form of a nominative phrase, declining each word on its own."""
    words = phrase.split()
    return [" ".join(combo) for combo in itertools.product(*(_decline_word(w) for w in words))]


def english_forms(phrase: str, kind: str) -> list[str]:
    forms = [phrase]
    if kind == "demonym" and not phrase.endswith(("s", "sh", "ch", "ese")):
        forms.append(phrase + "s")  # "Russians", "Uzbeks", "Azeris"
    return forms


# --------------------------------------------------------------------------- table


@functools.lru_cache(maxsize=None)
def _table(language: str) -> dict[str, _Entry]:
    table: dict[str, _Entry] = {}
    with (DATA_DIR / "countries.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    expand = russian_forms if language == "ru" else None
    for kind in KINDS:  # countries first: a form claimed as a country stays a country
        for row in rows:
            for phrase in row.get(language, {}).get(kind, ()):
                forms = expand(phrase) if expand else english_forms(phrase, kind)
                for form in forms:
                    table.setdefault(_key(form), _Entry(row["code"], kind, form))
    return table


def _case_matches(written: str, entry: _Entry) -> bool:
    """Abbreviations match exactly ("US", not "us"); capitalised names need a capital."""
    letters = [c for c in entry.form if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return written.replace(".", "") == entry.form.replace(".", "")
    if entry.form[:1].isupper():
        return written[:1].isupper()
    return True


def lookup(term: str, language: str) -> str | None:
    """ISO alpha-2 code for a country name, demonym or city; case-insensitive."""
    text = re.sub(r"['’]s?\s*$", "", term.strip())
    key = _key(text)
    if key.startswith("the "):
        key = key[4:]
    entry = _table(language).get(key) if language in ("en", "ru") else None
    return entry.code if entry else None


def find_mentions(text: str, language: str) -> list[CountryMention]:
    """Country mentions in text order; the longest phrase wins ("South Korea" over "Korea")."""
    if language not in ("en", "ru"):
        return []
    table = _table(language)
    tokens = list(_TOKEN.finditer(text))
    keys = [_key(t.group(0)) for t in tokens]
    mentions: list[CountryMention] = []
    i = 0
    while i < len(tokens):
        consumed = 1
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            entry = table.get(" ".join(keys[i : i + n]))
            if entry is None:
                continue
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            if _spans_sentence_gap(text, tokens[i : i + n]):
                continue
            if entry.form.endswith(".") and text[end : end + 1] == ".":
                end += 1  # "U.S." keeps its last dot
            written = text[start:end]
            if not _case_matches(written, entry):
                continue
            consumed = n
            if entry.code is not None:
                mentions.append(CountryMention(start, end, written, entry.code, entry.kind))
            break
        else:
            mentions += _compound_parts(tokens[i], table, language)
        i += consumed
    return mentions


def _compound_parts(token: re.Match, table: dict[str, _Entry], language: str) -> list[CountryMention]:
    """Parts of a hyphenated word: "Kazakh-Chinese border", "российско-казахстанской"."""
    if "-" not in token.group(0):
        return []
    found, offset = [], token.start()
    for part in token.group(0).split("-"):
        key = _key(part)
        entry = table.get(key)
        if entry is None and language == "ru" and key.endswith("о"):
            entry = table.get(key[:-1] + "ий")  # "российско-" is the stem of "российский"
        if entry is not None and entry.code is not None and _case_matches(part, entry):
            found.append(CountryMention(offset, offset + len(part), part, entry.code, entry.kind))
        offset += len(part) + 1
    return found


_WORD_GAP = re.compile(r"\.?\s+")  # "Nizhny Novgorod", "St. Petersburg"


def _spans_sentence_gap(text: str, tokens: list[re.Match]) -> bool:
    """True when the words of a phrase are separated by more than spaces ("Russia, Korea")."""
    return any(not _WORD_GAP.fullmatch(text[a.end() : b.start()]) for a, b in zip(tokens, tokens[1:]))


__all__ = ["CountryMention", "lookup", "find_mentions", "russian_forms"]
