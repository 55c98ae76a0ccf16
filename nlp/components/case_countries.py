"""Host and destination country of each person's case, voted over the article.

Every country mention in a sentence with a trigger casts a vote, typed by how it hangs
from the trigger: "from X" and "X police detained" vote host; "to Y" after a transfer,
"at Y's request", "a Y warrant" and the person's nationality ("Russian journalist")
vote destination. The events of one person share the winning pair, as a case does.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Span, Token

from nlp.components.lexicon import word_sets

HOST_STAGES = {"detained", "extradition_ordered", "extradition_refused", "released", "asylum_sought",
               "asylum_granted", "transferred", "context"}
MAX_CLIMB = 12


@dataclass(frozen=True)
class CountryVote:
    code: str
    side: str  # "host" or "destination"
    weight: float


class CountryVoter:
    def __init__(self, words: dict[str, frozenset[str]]):
        self.request_nouns = words["request_noun"]
        self.agent_nouns = words["agent_noun"]
        self.people_nouns = words["people_noun"]
        # a person's own journey names no side of the case
        self.departure_verbs = words.get("departure_verb", frozenset())
        self.journey_nouns = words.get("journey_noun", frozenset())

    @classmethod
    def load(cls, name: str) -> "CountryVoter":
        return cls(word_sets(name))

    def votes(self, mention: Span, stages_at: dict[int, str], is_person_token) -> CountryVote | None:
        """One vote for a country mention; stages_at maps trigger/target token index -> stage."""
        code = mention.label_
        node = mention.root
        path: list[Token] = []
        while len(path) < MAX_CLIMB:
            path.append(node)
            if node.i in stages_at or node.head == node:
                break
            node = node.head
        stage = stages_at.get(path[-1].i) if path[-1].i in stages_at else None
        side, weight = self.side_from_path(path, stage, mention, is_person_token)
        if side is None:
            return None
        if any(t.dep_ == "relcl" for t in path[:-1]):
            weight = min(weight, 0.5)  # "videos he recorded on building sites in Moscow"
        if stage is None:
            weight *= 0.3  # hangs from no trigger: "his sister told the committee from Germany"
        return CountryVote(code, side, weight)

    def side_from_path(self, path: list[Token], stage: str | None, mention: Span, is_person_token):
        host_stage = stage is None or stage in HOST_STAGES
        by_stage = "host" if host_stage else "destination"
        for position, token in enumerate(path):
            if position == 0:
                # The mention itself as the trigger's subject: "Kazakhstan extradited", "Dushanbe requested".
                if token.dep_ in ("nsubj",) and len(path) == 2 and stage is not None:
                    return by_stage, 3.0
                if token.dep_ in ("dobj", "dative") and len(path) == 2 and stage is not None:
                    return "host", 3.0  # "ordered Turkey not to deport", "asked Kazakhstan to extradite"
                continue
            lemma = token.lemma_.lower()
            if lemma in self.departure_verbs and token.pos_ == "VERB" and position < len(path) - 1:
                return None, 0.0  # "refused to extradite her, and she LEFT for Lithuania": her own journey
            if lemma in self.journey_nouns and token.pos_ == "NOUN":
                return None, 0.0  # "as he returned from a TRIP to Tbilisi"
            if token.pos_ == "ADP" or token.dep_ == "prep":
                prep = token.lower_
                head_lemma = token.head.lemma_.lower()
                if head_lemma in self.journey_nouns:
                    return None, 0.0  # "as he returned from a trip TO Tbilisi"
                if head_lemma in self.request_nouns:
                    return "destination", 3.0
                if prep == "from":
                    if is_person_token(token.head) or head_lemma in self.people_nouns:
                        return "destination", 3.0  # origin: "an activist from Novosibirsk"
                    return "host", 3.0
                if prep == "to":
                    if stage == "extradition_requested":
                        return "host", 2.0
                    if stage in ("asylum_sought", "asylum_granted"):
                        return "host", 2.0
                    return "destination", 3.0
                if prep in ("in", "at", "into", "inside", "within", "near", "on"):
                    if token.head.lemma_.lower() in ("arrival", "return"):
                        return "destination", 2.0
                    return by_stage, 2.0
                if prep == "by" and len(path) == position + 2 and stage is not None:
                    return by_stage, 3.0
                continue
            if lemma in self.request_nouns:
                return "destination", 3.0
            if is_person_token(token) or lemma in self.people_nouns:
                return "destination", 3.0  # nationality of the person
            if lemma in self.agent_nouns and stage is not None and position == len(path) - 2:
                return by_stage, 3.0
            if token.dep_ == "relcl":
                return by_stage, 0.5
        if stage is None:
            return None, 0.0
        return by_stage, 1.0


def pick_case(host_votes: Counter, destination_votes: Counter) -> tuple[str | None, str | None]:
    destination = destination_votes.most_common(1)[0][0] if destination_votes else None
    host = None
    for code, _ in host_votes.most_common():
        if code != destination:
            host = code
            break
    if destination is not None and host is None and host_votes:
        # The only host candidate is the destination too: trust whichever side is stronger.
        if host_votes[destination] > destination_votes[destination]:
            host, destination = destination, _second(destination_votes, destination)
    return host, destination


def _second(votes: Counter, not_this: str) -> str | None:
    for code, _ in votes.most_common():
        if code != not_this:
            return code
    return None


class CaseBallot:
    """Votes per person key; votes of unresolved triggers count for everyone, at half weight."""

    def __init__(self):
        self.host = defaultdict(Counter)
        self.destination = defaultdict(Counter)
        self.shared_host = Counter()
        self.shared_destination = Counter()

    def add(self, person_keys, vote: CountryVote) -> None:
        if person_keys:
            for key in person_keys:
                self._side(vote.side)[key][vote.code] += vote.weight
        else:
            target = self.shared_host if vote.side == "host" else self.shared_destination
            target[vote.code] += vote.weight / 2

    def _side(self, side: str):
        return self.host if side == "host" else self.destination

    def case_of(self, key: int, others: tuple[int, ...] = ()) -> tuple[str | None, str | None]:
        """The person's pair; a side nobody voted for comes from the article's other people."""
        host = self.host[key] + self.shared_host
        destination = self.destination[key] + self.shared_destination
        if not self.destination[key]:  # a stray shared vote must not outweigh what the others' cases say
            for other in others:
                destination.update({c: w / 4 for c, w in self.destination[other].items()})
        return pick_case(host, destination)
