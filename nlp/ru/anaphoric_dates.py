"""Dates that point back: "в тот же день", "в том же месяце", "тогда же" take the date
mentioned last before them, cut to the precision the phrase keeps; "на следующий день"
adds a day to it; "в октябре того же года" takes the year of the date before it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from nlp.types import DatePrecision

_LENGTH = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10}
_PRECISION = {"day": DatePrecision.DAY, "month": DatePrecision.MONTH, "year": DatePrecision.YEAR}


@dataclass(frozen=True)
class AnaphoricDate:
    start_char: int
    end_char: int
    value: str
    precision: DatePrecision


def resolve_anaphoric_dates(text: str, dates: list, phrases: tuple[tuple[str, str, int, bool], ...]) -> list[AnaphoricDate]:
    """`dates`: mentions with start_char, value and precision (nlp.dates.DateMention); a
    phrase with `day_antecedent` looks back to the last date that names a day."""
    ordered = sorted((d for d in dates if d.value), key=lambda d: d.start_char)
    found = []
    lower = text.lower()
    taken: list[tuple[int, int]] = []
    for phrase, kept, offset, day_antecedent in phrases:  # longest first: "в тот же вечер" before "тогда же"
        for match in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", lower):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            before = [d for d in ordered if d.end_char <= match.start()
                      and (not day_antecedent or d.precision is DatePrecision.DAY)]
            if not before:
                continue
            antecedent = before[-1]
            precision = antecedent.precision if kept == "same" else _PRECISION[kept]
            if _LENGTH[precision] > len(antecedent.value):
                precision = antecedent.precision  # "в тот же день" after "в октябре"
            value = antecedent.value[:_LENGTH[precision]]
            if offset:
                if precision is not DatePrecision.DAY:
                    continue  # "на следующий день" after "в октябре" says no day
                value = (dt.date.fromisoformat(value) + dt.timedelta(days=offset)).isoformat()
            taken.append((match.start(), match.end()))
            found.append(AnaphoricDate(match.start(), match.end(), value, precision))
    return found


_SAME_YEAR = re.compile(r"\s+(?:того|этого)\s+же\s+года(?!\w)", re.IGNORECASE)


def with_same_year(text: str, dates: list) -> list:
    """"В 2024 году … однако в октябре того же года": a month or day followed by "того же
    года" is in the year of the date mentioned before it, not the one the publication date
    suggests. `dates`: mentions with start_char, end_char, value and precision."""
    ordered = sorted(dates, key=lambda d: d.start_char)
    result = []
    for index, mention in enumerate(ordered):
        before = [d for d in ordered[:index] if d.value]
        if mention.value and len(mention.value) > 4 and before and _SAME_YEAR.match(text, mention.end_char):
            mention = replace(mention, value=before[-1].value[:4] + mention.value[4:])
        result.append(mention)
    return result
