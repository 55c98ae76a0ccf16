"""Which case changes deserve an alert (DESIGN.md, "Cases and escalation")."""
import pytest

from alerts.rules import AlertKind, AlertRules, alert_kind, message_kind
from exwatch.records import CaseChange

OPEN = {"status": "open"}


def change(stage, previous=None, *, new=False):
    return CaseChange(case_id=1, event_id=1, article_id="a", stage=stage, previous_stage=previous,
                      case_is_new=new, person_is_new=new)


@pytest.mark.parametrize(
    "stage, previous, new, expected",
    [
        ("wanted", None, True, AlertKind.NEW_CASE),
        ("asylum_sought", None, True, AlertKind.NEW_CASE),
        ("detained", "wanted", False, AlertKind.ESCALATION),
        ("transferred", "detained", False, AlertKind.ESCALATION),
        ("detained", "asylum_sought", False, AlertKind.ESCALATION),  # a side stage has no rank to beat
        ("detained", "detained", False, None),  # the same stage again
        ("detained", "extradition_ordered", False, None),  # a lower rank
        ("asylum_sought", "detained", False, AlertKind.UPDATE),
        ("extradition_refused", "extradition_ordered", False, AlertKind.UPDATE),
        ("released", "detained", False, AlertKind.UPDATE),
    ],
)
def test_default_rules(stage, previous, new, expected):
    assert alert_kind(change(stage, previous, new=new), OPEN) == expected


def test_dismissed_or_missing_case_never_alerts():
    assert alert_kind(change("wanted", new=True), {"status": "dismissed"}) is None
    assert alert_kind(change("transferred", "detained"), None) is None


def test_rules_are_configurable():
    quiet = AlertRules(escalations=False, update_stages=frozenset())
    assert alert_kind(change("transferred", "detained"), OPEN, quiet) is None
    assert alert_kind(change("released", "detained"), OPEN, quiet) is None
    assert alert_kind(change("wanted", new=True), OPEN, quiet) == AlertKind.NEW_CASE


def test_a_message_takes_its_most_important_kind():
    assert message_kind(["update", "escalation"]) == AlertKind.ESCALATION
    assert message_kind(["escalation", "new_case"]) == AlertKind.NEW_CASE
    assert message_kind(["update"]) == AlertKind.UPDATE
