"""Date expressions in news sentences, resolved against the publication date.

    find_dates("detained him on Monday", published=date(2025, 3, 4), language="en")
    -> [DateMention(..., text="on Monday", value="2025-03-03", precision=DatePrecision.DAY)]

Candidate spans come from per-language regex grammars over the lexicons in
`nlp/data/dates_<lang>.jsonl` (months, weekdays, seasons, "late"/"early", relative phrases).
Precision is what the expression says and never more: "September 2022" is "2022-09",
"late January" is a month, "in the autumn of 2022" is a year.

Resolution rules (news convention, PREFER_DATES_FROM="past"):
- a day or month without a year is the most recent one on or before publication
  ("in December" in an article of 3 April 2025 is 2024-12);
- a weekday is the most recent such day on or before publication ("on Monday" in an
  article published on a Monday is that Monday); "last Monday" is strictly before;
- without a publication date nothing relative is resolved: no wall-clock "today" anywhere.

Calendar arithmetic handles the grammar's own matches (weekdays, Russian prepositional
months such as "в декабре" and seasons, which dateparser does not parse, and it is exact);
dateparser, with one configuration per language, resolves counted phrases ("two weeks ago",
"три дня назад") and any free-form expression handed to `resolve_date`.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.types import DatePrecision

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class DateMention:
    start_char: int
    end_char: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD by precision
    precision: DatePrecision


# --------------------------------------------------------------------------- lexicon


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("ё", "е"))


class Lexicon:
    """Words of one language, each normalised form mapped to what it means (tables cached)."""

    def __init__(self, entries: tuple[dict, ...]) -> None:
        self.entries = entries
        self._tables: dict[tuple, dict] = {}

    def _cached(self, key: tuple, build) -> dict:
        if key not in self._tables:
            self._tables[key] = build()
        return self._tables[key]

    def forms(self, kind: str) -> dict[str, object]:
        def build():
            table: dict[str, object] = {}
            for entry in self.entries:
                if entry["kind"] == kind:
                    for form in entry.get("forms", ()):
                        table[normalise(form)] = entry.get("value", entry.get("offset"))
            return table

        return self._cached(("forms", kind), build)

    def relative(self) -> dict[str, tuple[str, int]]:
        return self._cached(("relative",), lambda: {
            normalise(form): (e["unit"], e["offset"])
            for e in self.entries
            if e["kind"] == "relative"
            for form in e["forms"]
        })

    def shift_words(self, kind: str = "shift") -> dict[str, tuple[int, bool]]:
        """Form -> (direction, needs an anchor in the same sentence)."""
        return self._cached(("shift", kind), lambda: {
            normalise(form): (e["value"], bool(e.get("local")))
            for e in self.entries
            if e["kind"] == kind
            for form in e["forms"]
        })

    def shift_phrases(self) -> dict[str, tuple[str, int]]:
        return self._cached(("shift_phrase",), lambda: {
            normalise(form): (e["unit"], e["offset"])
            for e in self.entries
            if e["kind"] == "shift_phrase"
            for form in e["forms"]
        })

    def scene_verbs(self) -> dict[str, frozenset[str]]:
        """Verbs of a short sentence that only sets the time for the next or previous one ("It
        came in October:", "The court issued the decision in August."): lemma -> the objects it
        needs (empty: any)."""
        return self._cached(("scene",), lambda: {
            word: frozenset(e.get("objects", ()))
            for e in self.entries
            if e["kind"] == "scene_verb"
            for word in e["words"]
        })

    def words(self, kind: str) -> frozenset[str]:
        """Plain word lists of the lexicon (entries with "words" instead of "forms")."""
        return self._cached(("words", kind), lambda: frozenset(
            word for e in self.entries if e["kind"] == kind for word in e.get("words", ())))

    def season_months(self) -> dict[str, tuple[int, ...]]:
        return {e["value"]: tuple(e["months"]) for e in self.entries if e["kind"] == "season"}


@functools.lru_cache(maxsize=None)
def load_lexicon(language: str) -> Lexicon:
    path = DATA_DIR / f"dates_{language}.jsonl"
    with path.open(encoding="utf-8") as lines:
        return Lexicon(tuple(json.loads(line) for line in lines if line.strip()))


# --------------------------------------------------------------------------- grammar


def _alternation(forms) -> str:
    """Regex alternation of word forms, longest first; spaces match any whitespace."""
    ordered = sorted({normalise(f) for f in forms}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def _group(name: str, forms) -> str:
    # A form ending in "." ("Sept.", "г.") ends there; others must end at a word boundary.
    return rf"(?P<{name}>(?:{_alternation(forms)})(?:(?<=\.)|(?!\w)))"


def _tokens(lex: Lexicon) -> dict[str, str]:
    count = rf"(?:\d+|{_alternation(lex.forms('number'))})"
    units = _alternation(lex.forms("unit"))
    return {
        "PREP": rf"(?:{_alternation(lex.forms('preposition'))})",
        "MONTH": _group("month", lex.forms("month")),
        "WEEKDAY": _group("weekday", lex.forms("weekday")),
        "SEASON": _group("season", lex.forms("season")),
        "SEASONADV": _group("season", lex.forms("season_adverb")),
        "PART": _group("part", lex.forms("part")),
        "PREV": _group("prev", lex.forms("previous")),
        "THIS": _group("this", lex.forms("this")),
        "YEARREF": _group("yearref", lex.forms("year_ref")),
        "RELATIVE": _group("relative", lex.relative()),
        "AGO": rf"(?P<ago>{count}\s+(?:{units})\s+(?:{_alternation(lex.forms('ago'))})(?!\w))",
        # "неделю назад": a unit whose form alone says "one"
        "AGOALONE": rf"(?P<ago>(?:{_alternation(lex.forms('unit_alone'))})\s+(?:{_alternation(lex.forms('ago'))})(?!\w))",
        "COUNT": rf"(?P<count>{count})",
        "UNIT": rf"(?P<unit>{units})(?!\w)",
        "SHIFT": _group("shift", lex.shift_words()),
        "SHIFTLEAD": _group("shiftlead", lex.shift_words("shift_lead")),
        "SHIFTPHRASE": _group("shiftphrase", lex.shift_phrases()),
        "YEAR": r"(?P<year>(?:19[5-9]\d|20[0-4]\d))(?![\d/])",
        "YEARWORD": rf"(?:\s*(?:{_alternation(lex.forms('year_word'))})(?:(?<=\.)|(?!\w)))?",
    }


# Each rule: a name and a template over the tokens above. All rules run; overlapping
# matches are resolved longest first, so "6 September 2024" beats "2024".
_RULES = {
    "en": [
        ("iso", r"(?P<iso>\d{4}-\d{2}-\d{2})(?!\d)"),
        # Dotted numeric dates are day first wherever they are written ("04.03.2025").
        ("numeric", r"(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<yyyy>(?:19|20)\d{2})(?!\d)"),
        ("day_month", r"(?:{PREP}\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
        ("month_day", r"(?:{PREP}\s+)?{MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+{YEAR})?"),
        ("month_year", r"(?:{PREP}\s+)?(?:{PART}[\s-]*)?{MONTH},?\s+(?:of\s+)?{YEAR}"),
        ("month_yearref", r"(?:{PREP}\s+)?(?:{PART}[\s-]*)?{MONTH}\s+(?:of\s+)?{YEARREF}"),
        ("season_year", r"(?:{PREP}\s+)?(?:the\s+)?(?:{PART}[\s-]*)?{SEASON}\s+(?:of\s+)?{YEAR}"),
        ("part_year", r"(?:{PREP}\s+)?{PART}[\s-]*{YEAR}"),
        ("prev_month", r"(?:{PREP}\s+)?{PREV}\s+{MONTH}"),
        ("part_month", r"(?:{PREP}\s+)?{PART}[\s-]*{MONTH}"),
        ("prep_month", r"{PREP}\s+{MONTH}"),
        ("relative", r"{RELATIVE}"),
        ("ago", r"{AGO}"),
        ("shift", r"{COUNT}\s+{UNIT}\s+{SHIFT}"),
        ("shift_phrase", r"{SHIFTPHRASE}"),
        ("weekday", r"(?:{PREP}\s+)?(?:{PREV}\s+)?{WEEKDAY}"),
        ("season_rel", r"(?:{PREP}\s+)?(?:{PREV}\s+|{THIS}\s+|the\s+){SEASON}"),
        ("year", r"(?:{PREP}\s+)?{YEAR}(?!s\b|-\d|,\d)"),
    ],
    "ru": [
        ("iso", r"(?P<iso>\d{4}-\d{2}-\d{2})(?!\d)"),
        ("numeric", r"(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<yyyy>(?:19|20)\d{2})(?!\d)"),
        ("day_month", r"(?:{PREP}\s+)?(?P<day>[0-3]?\d)\s+{MONTH}(?:\s+{YEAR}{YEARWORD})?"),
        ("month_year", r"(?:{PREP}\s+)?(?:{PART}\s+)?{MONTH}\s+{YEAR}{YEARWORD}"),
        ("month_yearref", r"(?:{PREP}\s+)?(?:{PART}\s+)?{MONTH}\s+{YEARREF}"),
        ("season_year", r"(?:{PREP}\s+)?(?:{PART}\s+)?{SEASON}\s+{YEAR}{YEARWORD}"),
        ("season_yearref", r"(?:{PREP}\s+)?{SEASON}\s+{YEARREF}"),
        ("part_year", r"{PART}\s+{YEAR}{YEARWORD}"),
        ("prev_month", r"(?:{PREP}\s+)?{PREV}\s+{MONTH}"),
        ("part_month", r"{PART}\s+{MONTH}"),
        ("prep_month", r"{PREP}\s+{MONTH}"),
        ("relative", r"{RELATIVE}"),
        ("ago", r"{AGO}"),
        ("ago_alone", r"{AGOALONE}"),
        ("shift", r"{COUNT}\s+{UNIT}\s+{SHIFT}"),
        ("shift_lead", r"{SHIFTLEAD}\s+(?:{COUNT}\s+)?{UNIT}"),
        ("shift_phrase", r"{SHIFTPHRASE}"),
        ("weekday", r"(?:{PREP}\s+)?(?:{PREV}\s+)?{WEEKDAY}"),
        ("season_rel", r"(?:{PREV}\s+)?{SEASONADV}(?!\s+\d)"),
        ("year", r"(?:{PREP}\s+)?{YEAR}{YEARWORD}"),
    ],
}

# English month and weekday names are capitalised; this keeps "may" (the verb) and
# "march" (the walk) out.
_CAPITALISED_NAMES = {"en"}


@functools.lru_cache(maxsize=None)
def _start_pattern(language: str) -> re.Pattern:
    """Where a date expression can begin: a digit or the first word of a lexicon form.

    The rules are tried only at these positions, which is several times faster than
    scanning the whole sentence with every rule.
    """
    lex = load_lexicon(language)
    first_words = {
        normalise(form).split(" ")[0].rstrip(".-")
        for entry in lex.entries
        for form in entry.get("forms", ())
    } | {"the"}
    words = "|".join(re.escape(w) for w in sorted(first_words - {""}, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-/.])(?:\d|(?:{words}))", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _compiled_rules(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    tokens = _tokens(load_lexicon(language))
    compiled = []
    for name, template in _RULES[language]:
        pattern = re.sub(r"\{([A-Z]+)\}", lambda m: tokens[m.group(1)], template)
        compiled.append((name, re.compile(rf"(?<![\w\-/.]){pattern}", re.IGNORECASE)))
    return tuple(compiled)


# --------------------------------------------------------------------------- resolution


def _value(day: dt.date, precision: DatePrecision) -> str:
    if precision is DatePrecision.DAY:
        return day.isoformat()
    if precision is DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _month_before(published: dt.date, month: int, strictly: bool = False) -> int:
    """Year of the most recent `month` on or before (or strictly before) publication."""
    later = month >= published.month if strictly else month > published.month
    return published.year - 1 if later else published.year


def _resolve_relative(unit: str, offset: int, published: dt.date):
    if unit == "day":
        return published + dt.timedelta(days=offset), DatePrecision.DAY
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return dt.date(index // 12, index % 12 + 1, 1), DatePrecision.MONTH
    if unit == "year":
        return dt.date(published.year + offset, 1, 1), DatePrecision.YEAR
    if unit == "weekend":  # the latest Saturday-Sunday that has begun by publication
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7) + dt.timedelta(weeks=offset)
        sunday = saturday + dt.timedelta(days=1)
        return (saturday, DatePrecision.MONTH) if saturday.month == sunday.month else None
    # A week has no day; it is a month only when the whole week lies in one month.
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
    last = min(monday + dt.timedelta(days=6), published)
    if (monday.year, monday.month) == (last.year, last.month):
        return monday, DatePrecision.MONTH
    return None


def _resolve_season(months: tuple[int, ...], published: dt.date, previous: bool):
    """Year in which the most recent such season (or the one before, for "last") began."""
    starts = [dt.date(year, months[0], 1) for year in range(published.year, published.year - 3, -1)]
    started = [s for s in starts if s <= published]
    if previous:
        current = started[0]
        end_index = current.year * 12 + current.month - 1 + len(months)
        still_on = published < dt.date(end_index // 12, end_index % 12 + 1, 1)
        chosen = started[1] if still_on else current
    else:
        chosen = started[0]
    return chosen, DatePrecision.YEAR


@dataclass(frozen=True)
class _Shift:
    """"two weeks later", "на следующий день": an offset from an earlier date, not from publication."""

    unit: str
    amount: int
    local: bool  # "two weeks after <clause>": only an anchor in the same sentence will do


def _resolve_shift(rule: str, groups: dict, lex: "Lexicon") -> _Shift | None:
    if rule == "shift_phrase":
        unit, offset = lex.shift_phrases()[normalise(groups["shiftphrase"])]
        return _Shift(unit, offset, False)
    count = groups.get("count")
    number = 1 if count is None else int(count) if count.isdigit() else lex.forms("number").get(normalise(count))
    if number is None:  # "several days later"
        return None
    unit = lex.forms("unit")[normalise(groups["unit"])]
    if rule == "shift_lead":
        direction, local = lex.shift_words("shift_lead")[normalise(groups["shiftlead"])]
    else:
        direction, local = lex.shift_words()[normalise(groups["shift"])]
    return _Shift(unit, number * direction, local)


# The widest offset a coarse base keeps its own month or year through ("a week later" after
# "in early December" is still December); wider ones from a coarse base are left unresolved.
_COARSE_SHIFT_DAYS = 14
_SHIFT_DAYS = {"day": 1, "week": 7}


def _apply_shift(base: dt.date, shift: _Shift, precision: DatePrecision = DatePrecision.DAY):
    """`base` with `precision` coarser than a day: the answer is never finer than the base."""
    if precision is not DatePrecision.DAY:
        return _apply_coarse_shift(base, shift, precision)
    if shift.unit == "day":
        return base + dt.timedelta(days=shift.amount), DatePrecision.DAY
    if shift.unit == "week":  # "two weeks after": about a day, so only the month is kept
        return base + dt.timedelta(weeks=shift.amount), DatePrecision.MONTH
    if shift.unit == "month":
        index = base.year * 12 + base.month - 1 + shift.amount
        return dt.date(index // 12, index % 12 + 1, 1), DatePrecision.MONTH
    return dt.date(base.year + shift.amount, 1, 1), DatePrecision.YEAR


def _apply_coarse_shift(base: dt.date, shift: _Shift, precision: DatePrecision):
    """"A year later" after "in 2021" is 2022; "a week later" after "in May 2023" is May 2023."""
    if shift.unit in _SHIFT_DAYS:  # "the next day" after "in 2022" says nothing
        if precision is not DatePrecision.MONTH or abs(shift.amount * _SHIFT_DAYS[shift.unit]) > _COARSE_SHIFT_DAYS:
            return None
        return base, precision
    if shift.unit == "month" and precision is DatePrecision.MONTH:
        index = base.year * 12 + base.month - 1 + shift.amount
        return dt.date(index // 12, index % 12 + 1, 1), DatePrecision.MONTH
    if shift.unit == "year":
        return dt.date(base.year + shift.amount, 1, 1), DatePrecision.YEAR
    return None


def _resolve_match(rule: str, groups: dict, text: str, language: str, published):
    lex = load_lexicon(language)
    if rule.startswith("shift"):
        return _resolve_shift(rule, groups, lex)
    if groups.get("iso"):
        try:
            return dt.date.fromisoformat(groups["iso"]), DatePrecision.DAY
        except ValueError:
            return None
    if groups.get("dd"):
        try:
            day = dt.date(int(groups["yyyy"]), int(groups["mm"]), int(groups["dd"]))
        except ValueError:
            return None
        return day, DatePrecision.DAY
    if groups.get("ago"):
        return _dateparser_resolve(groups["ago"], language, published)
    if published is None and not groups.get("year"):
        return None  # everything below without a written year is relative to publication
    if groups.get("relative"):
        unit, offset = lex.relative()[normalise(groups["relative"])]
        return _resolve_relative(unit, offset, published)

    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("yearref"):
        year = published.year + lex.forms("year_ref")[normalise(groups["yearref"])]
    month = lex.forms("month").get(normalise(groups.get("month") or ""))

    if month and groups.get("day"):
        day = int(groups["day"])
        if year is None:
            year = published.year
            if (month, day) > (published.month, published.day):
                year -= 1
        try:
            return dt.date(year, month, day), DatePrecision.DAY
        except ValueError:
            return None
    if month:
        if year is None:
            year = _month_before(published, month, strictly=bool(groups.get("prev")))
        return dt.date(year, month, 1), DatePrecision.MONTH
    if groups.get("weekday"):
        weekday = lex.forms("weekday")[normalise(groups["weekday"])]
        back = (published.weekday() - weekday) % 7
        if back == 0 and groups.get("prev"):
            back = 7
        return published - dt.timedelta(days=back), DatePrecision.DAY
    if groups.get("season") and year is None:
        season = lex.forms("season").get(normalise(groups["season"])) or lex.forms(
            "season_adverb"
        ).get(normalise(groups["season"]))
        months = lex.season_months()[season]
        return _resolve_season(months, published, previous=bool(groups.get("prev")))
    if year is not None:
        return dt.date(year, 1, 1), DatePrecision.YEAR
    return None


def _is_capitalised_where_needed(match: re.Match, language: str) -> bool:
    if language not in _CAPITALISED_NAMES:
        return True
    for name in ("month", "weekday"):
        word = match.groupdict().get(name)
        if word and not word[0].isupper():
            return False
    return True


@dataclass(frozen=True)
class _Resolved:
    start: int
    end: int
    text: str
    day: dt.date
    precision: DatePrecision
    anchor: bool  # "in September 2022", "в ноябре прошлого года": lends its year to later bare months
    year_inferred: bool  # a day or month whose year came from the publication date
    shift: _Shift | None = None  # set while the date still waits for its anchor
    since: bool = False  # "since March 2022": the start of a duration


def _resolve_all(text: str, published, language: str) -> list[_Resolved]:
    candidates = []
    rules = _compiled_rules(language)
    for start in _start_pattern(language).finditer(text):
        for rule, pattern in rules:
            match = pattern.match(text, start.start())
            if match and _is_capitalised_where_needed(match, language):
                candidates.append((rule, match))
    # Longest first, then leftmost: "6 September 2024" wins over "2024" inside it.
    candidates.sort(key=lambda c: (-(c[1].end() - c[1].start()), c[1].start()))
    taken: list[tuple[int, int]] = []
    resolved = []
    for rule, match in candidates:
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        result = _resolve_match(rule, match.groupdict(), match.group(0), language, published)
        if result is None:
            continue
        taken.append((start, end))
        if isinstance(result, _Shift):
            resolved.append(_Resolved(start, end, match.group(0), None, None, False, False, result))
            continue
        groups = match.groupdict()
        relative_year = rule == "relative" and result[1] is DatePrecision.YEAR
        written = bool(groups.get("year") or groups.get("yearref")) or relative_year
        inferred = bool(groups.get("month")) and not written
        since = _is_since(match.group(0), language)
        anchor = written and result[1] is not DatePrecision.YEAR and not since
        resolved.append(_Resolved(start, end, match.group(0), result[0], result[1], anchor, inferred, since=since))
    return sorted(resolved, key=lambda r: r.start)


def _is_since(expression: str, language: str) -> bool:
    first = normalise(expression).split(" ", 1)[0]
    return first in load_lexicon(language).forms("since")


_SENTENCE_BREAK = re.compile(r"[.!?…]\s|\n")


def _settle(mentions: list[_Resolved], text: str, published, anchor: dt.date | None,
            anchor_precision: DatePrecision = DatePrecision.DAY) -> list[_Resolved]:
    """Second pass in text order: shifts find their anchor, bare months inherit a year."""
    out: list[_Resolved] = []
    for mention in mentions:
        if mention.shift is not None:
            mention = _settle_shift(mention, out, text, published, anchor, anchor_precision)
        elif mention.year_inferred:
            mention = _inherit_year(mention, out, text, published)
        if mention is not None:
            out.append(mention)
    return out


def _settle_shift(mention: _Resolved, earlier: list[_Resolved], text: str, published, anchor,
                  anchor_precision: DatePrecision = DatePrecision.DAY):
    """"A day later" counts from the last exact day before it (or `anchor`, the caller's); with
    no exact day, from the last date of any precision ("in May 2023 ... a week later": May)."""
    base = _base_of_shift(mention, earlier, text)
    if base is not None and mention.shift.local and _SENTENCE_BREAK.search(text, base.end, mention.start):
        base = None
    if base is not None:
        start_day, base_precision = base.day, base.precision
    elif anchor is not None and not mention.shift.local:
        start_day, base_precision = anchor, anchor_precision
    else:
        return None
    shifted = _apply_shift(start_day, mention.shift, base_precision)
    if shifted is None:
        return None
    day, precision = shifted
    if published is not None and day > published:
        return None
    return _Resolved(mention.start, mention.end, mention.text, day, precision, False, False)


def _base_of_shift(mention: _Resolved, earlier: list[_Resolved], text: str) -> _Resolved | None:
    """The date an offset counts from: a date earlier in its own sentence, whatever its precision
    ("В феврале его задержали, но через месяц освободили"); else the nearest earlier sentence
    with a date, its last exact day first ("detained on 3 May and charged in June. The next day")."""
    earlier = [m for m in earlier if not m.since]  # "lived there since 2022" is no moment
    if not earlier:
        return None
    last = earlier[-1]
    if not _SENTENCE_BREAK.search(text, last.end, mention.start):
        return last
    same = [m for m in earlier if not _SENTENCE_BREAK.search(text, m.end, last.start)]
    return next((m for m in reversed(same) if m.precision is DatePrecision.DAY), last)


def _inherit_year(mention: _Resolved, earlier: list[_Resolved], text: str, published) -> _Resolved:
    """A bare month takes the year of an earlier month with a written year in the same sentence.

    "В сентябре 2022 года он ушёл из части, а в октябре добрался до Германии": October 2022,
    not the October before publication. Only forward in time from the anchor, never after
    publication. A year alone ("in 2022") or a duration ("since March 2022") is no anchor:
    it usually dates another clause.
    """
    anchor = next((m for m in reversed(earlier) if m.anchor), None)
    if (
        anchor is None
        or _SENTENCE_BREAK.search(text, anchor.end, mention.start)
        or anchor.day.year == mention.day.year
        or mention.day.month < anchor.day.month
    ):
        return mention
    try:
        moved = mention.day.replace(year=anchor.day.year)
    except ValueError:
        return mention
    if published is not None and moved > published:
        return mention
    return _Resolved(mention.start, mention.end, mention.text, moved, mention.precision, True, False, since=mention.since)


def find_dates(
    text: str, *, published: dt.date | None, language: str, anchor: dt.date | None = None,
    anchor_precision: DatePrecision = DatePrecision.DAY,
) -> list[DateMention]:
    """Date expressions in `text`, resolved against `published`, in text order.

    `anchor` is the last date mentioned before `text` (say, in the previous sentence), for
    "a day later" / "на следующий день" / "the same month" at the start of this one; a
    coarser `anchor_precision` keeps the answer as coarse ("in February ... the same month").
    """
    if language not in _RULES:
        return []
    mentions = _settle(_resolve_all(text, published, language), text, published, anchor, anchor_precision)
    return [DateMention(m.start, m.end, m.text, _value(m.day, m.precision), m.precision) for m in mentions]


# --------------------------------------------------------------------------- dateparser

# dateparser resolves relative phrases against settings fixed when the parser is built, so
# a parser is configured per language and keyed by the publication date; building one
# is ~0.1 ms, parsing ~1 ms with the language fixed (auto-detection costs 10-100x more).
_NO_PUBLICATION = dt.datetime(2000, 1, 1)


@functools.lru_cache(maxsize=64)
def _parser(language: str, published: dt.date | None):
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time()) if published else _NO_PUBLICATION
    return DateDataParser(
        languages=[language],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": False,
            "STRICT_PARSING": False,
        },
    )


_PERIODS = {"day": DatePrecision.DAY, "week": DatePrecision.DAY, "month": DatePrecision.MONTH, "year": DatePrecision.YEAR}


def _dateparser_resolve(expression: str, language: str, published: dt.date | None):
    data = _parser(language, published).get_date_data(expression)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", DatePrecision.DAY)
    day = data.date_obj.date()
    if published is None:
        # Without a publication date only an expression that writes its year is trusted.
        written = re.search(r"(?<!\d)(\d{4})(?!\d)", expression)
        if not written or int(written.group(1)) != day.year:
            return None
    return day, precision


def resolve_date(expression: str, *, published: dt.date | None, language: str, anchor: dt.date | None = None):
    """(value, precision) for one date expression, or None when it cannot be resolved.

    The grammar of `find_dates` first; dateparser for anything else, never into the future
    of the publication and never for an offset ("a day later") that has no `anchor`.
    """
    stripped = expression.strip()
    if not stripped or language not in _RULES:
        return None
    found = _resolve_all(stripped, published, language)
    if any(m.shift is not None for m in found):
        found = _settle(found, stripped, published, anchor)
        return (_value(found[-1].day, found[-1].precision), found[-1].precision) if found else None
    mentions = [m for m in _settle(found, stripped, published, anchor)]
    if len(mentions) == 1 and len(mentions[0].text) >= len(stripped.rstrip(".,;")) * 0.6:
        return _value(mentions[0].day, mentions[0].precision), mentions[0].precision
    resolved = _dateparser_resolve(stripped, language, published)
    if resolved is None or (published is not None and resolved[0] > published):
        return None
    day, precision = resolved
    return _value(day, precision), precision


# --------------------------------------------------------------------------- publication


def parse_published(value: str | None) -> dt.date | None:
    """Publication date from ISO 8601, RFC 2822, "4 March 2025" or "3 апреля 2025"."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    language = "ru" if re.search("[а-яА-ЯёЁ]", text) else "en"
    for mention in find_dates(text, published=None, language=language):
        if mention.precision is DatePrecision.DAY:
            return dt.date.fromisoformat(mention.value)
    resolved = _dateparser_resolve(text, language, None)
    if resolved and resolved[1] is DatePrecision.DAY:
        return resolved[0]
    return None


__all__ = ["DateMention", "find_dates", "resolve_date", "parse_published", "normalise"]
