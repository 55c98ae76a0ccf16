"""Stage triggers: DependencyMatcher patterns from `nlp/data/en_triggers.jsonl`.

Each pattern names a `trigger` node (its clause owns modality and date) and optionally a
`target` node (whose arguments name the person: "refused to EXTRADITE Vasilevich").
When several patterns claim the same word, the highest priority wins, so "refused to
extradite" is a refusal and never also a transfer.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from nlp.components.lexicon import read_jsonl


@dataclass(frozen=True)
class TriggerRule:
    id: str
    stage: str  # a Stage value, or "charged" (resolved later by the story)
    priority: int
    slot: str  # "patient", "agent", "any" or "noun"
    fallback: bool  # with no argument at all, the event goes to the topic person
    # lemmas that may not stand between trigger and target ("filed an APPEAL against the
    # rejection of his asylum claim" applies for nothing)
    not_via: frozenset[str] = frozenset()
    # lemmas that may not occur under the target ("rejected his appeal against the REFUSAL
    # of asylum" orders no extradition)
    not_about: frozenset[str] = frozenset()
    # the target's negation is the content: "told Turkey NOT to deport him" halts the removal
    negated_target: bool = False
    # lemmas in the trigger's subject that make it a party, not a decision: "the prosecutor's
    # office, which had BACKED the extradition" ordered nothing
    not_by: frozenset[str] = frozenset()
    # lemmas anywhere in the sentence that make it about something else: "rejected his asylum
    # claim, and a court dismissed his APPEAL" orders no extradition
    not_in_sentence: frozenset[str] = frozenset()
    # lemmas one of which the trigger's subject must have: the UN COMMITTEE or the European
    # COURT asking to suspend an extradition is an interim measure; a family asking is a plea
    only_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TriggerMatch:
    rule: TriggerRule
    trigger: Token
    target: Token


class TriggerFinder:
    def __init__(self, vocab: Vocab, rows: tuple[dict, ...]):
        self.matcher = DependencyMatcher(vocab, validate=True)
        self.rules: dict[str, TriggerRule] = {}
        self.node_index: dict[str, tuple[int, int]] = {}
        for row in rows:
            rule = TriggerRule(row["id"], row["stage"], int(row["priority"]), row["slot"], bool(row["fallback"]),
                               frozenset(row.get("not_via", ())), frozenset(row.get("not_about", ())),
                               bool(row.get("negated_target", False)), frozenset(row.get("not_by", ())),
                               frozenset(row.get("not_in_sentence", ())), frozenset(row.get("only_by", ())))
            if rule.id in self.rules:
                raise ValueError(f"trigger pattern id {rule.id!r} is defined twice")  # the matcher would merge them
            ids = [node["RIGHT_ID"] for node in row["pattern"]]
            target_name = "target" if "target" in ids else "trigger"
            self.rules[rule.id] = rule
            self.node_index[rule.id] = (ids.index("trigger"), ids.index(target_name))
            self.matcher.add(rule.id, [row["pattern"]])

    @classmethod
    def load(cls, vocab: Vocab, name: str) -> "TriggerFinder":
        return cls(vocab, read_jsonl(name))

    def __call__(self, doc: Doc) -> list[TriggerMatch]:
        candidates = []
        for match_id, token_ids in self.matcher(doc):
            rule_id = doc.vocab.strings[match_id]
            trigger_at, target_at = self.node_index[rule_id]
            match = TriggerMatch(self.rules[rule_id], doc[token_ids[trigger_at]], doc[token_ids[target_at]])
            if not crosses_clause(match) and not off_topic(match):
                candidates.append(match)
        return resolve_conflicts(candidates)


def off_topic(match: TriggerMatch) -> bool:
    rule = match.rule
    if rule.not_via:
        node, steps = match.target.head, 0
        while node != match.trigger and node.head != node and steps < 12:
            if node.lemma_.lower() in rule.not_via:
                return True
            node, steps = node.head, steps + 1
    if rule.not_about and any(t.lemma_.lower() in rule.not_about for t in match.target.subtree if t != match.target):
        return True
    if rule.not_in_sentence and any(t.lemma_.lower() in rule.not_in_sentence or t.lower_ in rule.not_in_sentence
                                    for t in match.trigger.sent):
        return True
    subject = _subject_words(match.trigger)
    if rule.only_by and not any(t.lemma_.lower() in rule.only_by or t.lower_ in rule.only_by for t in subject):
        return True
    return bool(rule.not_by) and any(t.lemma_.lower() in rule.not_by for t in subject)


def _subject_words(verb: Token) -> list[Token]:
    """The subject's words, read through a relative pronoun to the noun it stands for."""
    words = []
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words.extend(child.subtree)
        if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            words.extend(verb.head.subtree)
    return words


def crosses_clause(match: TriggerMatch) -> bool:
    """The target hangs under the trigger only through another predicate: "dismissed his
    appeal and ORDERED his deportation", "denies asylum to a deserter HELD for extradition".
    That predicate owns the target, so the trigger does not."""
    if not match.trigger.is_ancestor(match.target):
        return False  # "the extradition was inadmissible": the target is no descendant to climb from
    node, steps, path, below = match.target, 0, set(), None
    while node != match.trigger and node.head != node and steps < 12:
        path.add(node.i)
        if node != match.target or match.target.pos_ in ("VERB", "AUX"):
            infinitive_of_trigger = node == match.target and node.head == match.trigger and node.tag_ == "VB"
            if (node.dep_ in ("relcl", "advcl") and not infinitive_of_trigger) or (
                    node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
                return True  # ("conditions had been met TO EXTRADITE him" is the trigger's own content)
            if node.dep_ == "acl" and node.tag_ in ("VBN", "VBG"):
                return True
            if (node != match.target and node.dep_ == "ccomp" and below is not None and below.dep_ == "dobj"
                    and _own_subject_off_path(node, path)):
                return True  # "Russia has requested his extradition, prosecutors CONFIRMED"
        below, node, steps = node, node.head, steps + 1
    return False


def _own_subject_off_path(verb: Token, path: set[int]) -> bool:
    """A complement clause with a subject of its own ("Russia has requested ...") is another
    predicate; one whose subject leads to the target ("that conditions for extraditing him
    were met") is still the trigger's content."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in path for c in verb.children)


def resolve_conflicts(candidates: list[TriggerMatch]) -> list[TriggerMatch]:
    """Greedy by priority: a word used as trigger or target by a stronger match is taken."""
    ordered = sorted(candidates, key=lambda m: (-m.rule.priority, m.trigger.i, m.target.i, m.rule.id))
    taken: set[int] = set()
    kept = []
    for match in ordered:
        words = {match.trigger.i, match.target.i}
        if words & taken:
            continue
        taken |= words
        kept.append(match)
    return sorted(kept, key=lambda m: (m.trigger.i, m.target.i))
