"""Plain records that the NLP stage returns: no spaCy, Scrapy or SQLite in here.

These are the `exwatch extract` contract (see DESIGN.md) as Python types; the
application shell (`exwatch.records`) re-exports them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Stage(str, Enum):
    """Extradition stages. `rank` orders the escalation ladder; side stages have none."""

    WANTED = "wanted"
    DETAINED = "detained"
    EXTRADITION_REQUESTED = "extradition_requested"
    EXTRADITION_ORDERED = "extradition_ordered"
    TRANSFERRED = "transferred"
    PROSECUTED = "prosecuted"
    ASYLUM_SOUGHT = "asylum_sought"
    ASYLUM_GRANTED = "asylum_granted"
    EXTRADITION_REFUSED = "extradition_refused"
    RELEASED = "released"

    @property
    def rank(self) -> int | None:
        return _RANKS.get(self)

    @property
    def is_update(self) -> bool:
        """Side stages: alert-worthy news that is not a step up the ladder."""
        return self.rank is None


_RANKS = {
    Stage.WANTED: 1,
    Stage.DETAINED: 2,
    Stage.EXTRADITION_REQUESTED: 3,
    Stage.EXTRADITION_ORDERED: 4,
    Stage.TRANSFERRED: 5,
    Stage.PROSECUTED: 6,
}


class Role(str, Enum):
    SUBJECT = "subject"
    OTHER = "other"


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PersonMention:
    """A person named in one article, by the fullest name the article gives."""

    name: str
    role: Role = Role.OTHER
    # Every surface form seen in the article (inflected, surname-only, ...).
    variants: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role.value}


@dataclass(frozen=True)
class EventMention:
    """One extradition-type event that happens to one person, as one article reports it."""

    person: str | None  # None for group events with no names
    stage: Stage
    host_country: str | None = None  # ISO 3166-1 alpha-2
    destination_country: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: DatePrecision | None = None
    evidence: str = ""

    def to_json(self) -> dict:
        return {
            "person": self.person,
            "stage": self.stage.value,
            "host_country": self.host_country,
            "destination_country": self.destination_country,
            "date": self.date,
            "date_precision": self.date_precision.value if self.date_precision else None,
            "evidence": self.evidence,
        }


@dataclass
class Analysis:
    """What the NLP stage found in one article."""

    language: str
    relevant: bool
    people: list[PersonMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "people": [p.to_json() for p in self.people],
            "events": [e.to_json() for e in self.events],
        }


__all__ = ["Stage", "Role", "DatePrecision", "PersonMention", "EventMention", "Analysis", "asdict"]
