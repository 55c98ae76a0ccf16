"""The plain data one alert message carries; render.py turns it into text, HTML or Telegram HTML."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StageNews:
    """One new stage of the case that this message reports."""

    stage: str
    previous_stage: str | None
    kind: str  # new_case | escalation | update
    date: str | None
    evidence: str | None


@dataclass(frozen=True)
class Source:
    name: str
    url: str


@dataclass(frozen=True)
class AlertMessage:
    case_id: int
    kind: str  # the message's kind: the most important of its stages' kinds
    person: str
    latin_names: tuple[str, ...]
    cyrillic_names: tuple[str, ...]
    host: str | None  # display names, e.g. "Kazakhstan (KZ)"
    destination: str | None
    stage: str  # the case's current stage
    previous_stage: str | None  # the case's stage before this message's news
    news: tuple[StageNews, ...]
    event_date: str | None
    evidence: str | None
    sources: tuple[Source, ...]
    source_count: int
    non_refoulement: bool
    alert_ids: tuple[int, ...] = field(default=())

    @property
    def stages(self) -> tuple[str, ...]:
        return tuple(n.stage for n in self.news)
