"""Voting one host/destination pair per person."""
from collections import Counter

from nlp.components.case_countries import CaseBallot, CountryVote, pick_case


def test_destination_wins_its_country_and_host_takes_the_next():
    host = Counter({"RU": 2, "KG": 5})
    destination = Counter({"RU": 6})
    assert pick_case(host, destination) == ("KG", "RU")


def test_no_votes_no_countries():
    assert pick_case(Counter(), Counter()) == (None, None)


def test_unresolved_votes_count_half_for_everyone_and_destination_falls_back_to_others():
    ballot = CaseBallot()
    ballot.add({1}, CountryVote("TR", "host", 3.0))
    ballot.add({2}, CountryVote("UZ", "destination", 3.0))
    ballot.add(set(), CountryVote("TR", "host", 2.0))
    assert ballot.case_of(1, others=(2,)) == ("TR", "UZ")
    assert ballot.shared_host["TR"] == 1.0
