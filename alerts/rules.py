"""What deserves an alert: a CaseChange judged against the case it changed.

Defaults follow DESIGN.md "Cases and escalation"; `AlertRules` makes them configurable.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from nlp.types import Stage

from exwatch.records import CaseChange


class AlertKind(str, Enum):
    NEW_CASE = "new_case"
    ESCALATION = "escalation"
    UPDATE = "update"


# A message carrying several rows is as important as its most important row.
KIND_PRIORITY = {AlertKind.NEW_CASE: 0, AlertKind.ESCALATION: 1, AlertKind.UPDATE: 2}

DEFAULT_UPDATE_STAGES = frozenset(
    {Stage.ASYLUM_SOUGHT, Stage.ASYLUM_GRANTED, Stage.EXTRADITION_REFUSED, Stage.RELEASED}
)


@dataclass(frozen=True)
class AlertRules:
    new_cases: bool = True
    escalations: bool = True
    update_stages: frozenset[Stage] = field(default=DEFAULT_UPDATE_STAGES)


def alert_kind(change: CaseChange, case: Mapping | None, rules: AlertRules = AlertRules()) -> AlertKind | None:
    """new_case, escalation, update, or None (the same stage again, a lower rank, a dismissed case)."""
    if case is None or case.get("status") in ("dismissed", "merged"):  # merged: its events live on elsewhere
        return None
    stage = Stage(change.stage)
    if change.case_is_new:
        return AlertKind.NEW_CASE if rules.new_cases else None
    if stage in rules.update_stages:
        return AlertKind.UPDATE
    if stage.rank is None or not rules.escalations:
        return None
    previous = Stage(change.previous_stage).rank if change.previous_stage else None
    return AlertKind.ESCALATION if previous is None or stage.rank > previous else None


def message_kind(kinds) -> AlertKind:
    """The kind of one message that carries rows of these kinds."""
    return min((AlertKind(k) for k in kinds), key=KIND_PRIORITY.__getitem__)
