"""Is a trigger reported as a fact? Modality, negation, conditions and governing cues.

"may face extradition", "fears deportation", "could be sent back", "urged not to hand
over", "if he is sent back", "no extradition request" are not events.
"""
from __future__ import annotations

from spacy.tokens import Token

from nlp.components.lexicon import word_sets

MAX_CLIMB = 8
# A report these verbs govern is denied: "the authorities denied reports that he was deported".
DENIALS = ("deny", "refute", "dispute", "dismiss", "reject")
# "Ghukasyan plays the deserter, who is detained": the clause describes a role
ROLE_VERBS = ("play", "portray", "depict", "star", "embody")


class ModalityChecker:
    def __init__(self, words: dict[str, frozenset[str]]):
        self.modal = words["modal"]
        self.negation = words["negation"]
        self.conditional = words["conditional"]
        self.blocker = words["blocker"]
        self.report = words["report"]
        self.setting_noun = words["setting_noun"]
        self.fiction = words.get("fiction", frozenset())
        self.reason_noun = words.get("reason_noun", frozenset())
        self.ruling = words.get("ruling", frozenset())
        self.notice = words.get("notice", frozenset())

    @classmethod
    def load(cls, name: str) -> "ModalityChecker":
        return cls(word_sets(name))

    def is_asserted(self, trigger: Token, target: Token, ignored: frozenset[str] = frozenset()) -> bool:
        """`ignored`: governing words that do not undo this trigger ("his asylum application
        was REJECTED" still says he applied)."""
        for word in (trigger, target):
            if self.is_negated(word):
                return False
        if any(c.dep_ in ("nsubj", "nsubjpass") and self.is_negated(c) for c in trigger.children):
            return False  # "NO Georgian law enforcement body detained this person"
        if trigger.dep_ in ("csubj", "csubjpass") and trigger.tag_ == "VBG":
            return False  # "Sending him back means prison": a hypothetical act, not a report
        if not self.target_path_asserted(trigger, target):
            return False
        if _after_in_case(trigger):
            return False  # "hired a lawyer in case he is sent back"
        if self.in_fiction(trigger.sent.root):
            return False  # "In the film, Rudin is detained ..., where a military court sentences him"
        node, steps, coordinated = trigger, 0, False
        while steps < MAX_CLIMB:
            if self.has_modal_or_condition(node) or _is_imperative(node):
                return False
            # A coordinated verb shares modals but not the meaning of its first conjunct:
            # "rejected the request and ordered his release".
            governs = node != trigger and node != target and not coordinated
            if governs and node.lemma_.lower() in self.blocker and node.lemma_.lower() not in ignored:
                return False
            if governs and self.is_negated(node) and node.pos_ in ("VERB", "AUX", "NOUN"):
                return False  # "did not deport", "saw no grounds to ask for his extradition"
            if governs and self.has_negated_reason(node):
                return False  # "saw no grounds to ask for her extradition" (advcl or acl alike)
            if self.in_fiction(node):
                return False  # "In the film, Rudin is detained"
            if node.dep_ == "pobj" and node.head.lower_ in ("without", "instead"):
                return False  # "transfers happen without any extradition decision"
            if node.dep_ == "pobj" and node.lower_ in ("case", "event") and node.head.lower_ == "in":
                return False  # "hired a lawyer in case he is sent back"
            if node.lemma_.lower() in self.report and node.head.lemma_.lower() in DENIALS and node.head != node:
                return False  # "denied reports that he had been deported"
            if node.head == node or node.lemma_.lower() in self.report or node.dep_ in ("relcl",):
                break
            if node.dep_ in ("conj", "parataxis") and _has_own_subject(node):
                break  # an independent clause: "approved it; his lawyers have appealed"
            if _finite_conj_of_infinitive(node):
                break  # "refused to extradite X and RELEASED him": released is the court's own act
            if _semicolon_between(node, node.head):
                break  # "approved his extradition; his lawyers have appealed"
            coordinated = node.dep_ == "conj"
            node, steps = node.head, steps + 1
        return True

    def target_path_asserted(self, trigger: Token, target: Token) -> bool:
        """The words between the target and its trigger carry no modal of their own:
        "asked ... and said a formal extradition request would follow" requested nothing yet."""
        if target != trigger and target.dep_ == "compound" and target.head != trigger \
                and target.head.lemma_.lower() in self.setting_noun:
            return False  # "ordered her held in extradition custody": custody, not an order to extradite
        node, steps = target, 0
        ruling = trigger.lemma_.lower() in self.ruling
        notice = trigger.lemma_.lower() in self.notice
        while node != trigger and node.head != node and steps < MAX_CLIMB:
            if ruling and self.only_permission(node) and not self.is_negated(node):
                pass  # "ruled that he CAN be extradited": the ruling permits it, an order
            elif notice and node.head == trigger and self.only_future(node):
                pass  # "informed her that she WOULD be extradited": the notice announces a decision
            elif node != target and self.has_modal_or_condition(node):
                return False
            elif node == target and target != trigger and self.has_modal_or_condition(node):
                return False
            node, steps = node.head, steps + 1
        return True

    def only_permission(self, token: Token) -> bool:
        modals = [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and c.lower_ in self.modal]
        conditions = [c for c in token.children if c.dep_ == "mark" and c.lower_ in self.conditional]
        return bool(modals) and not conditions and all(m in ("can", "could", "may") for m in modals)

    def only_future(self, token: Token) -> bool:
        modals = [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and c.lower_ in self.modal]
        conditions = [c for c in token.children if c.dep_ == "mark" and c.lower_ in self.conditional]
        return bool(modals) and not conditions and all(m in ("would", "will", "'ll") for m in modals)

    def has_negated_reason(self, verb: Token) -> bool:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.reason_noun and self.is_negated(c)
                   for c in verb.children)

    def in_fiction(self, token: Token) -> bool:
        """'In the film, X is detained', 'over the film's 98 minutes', 'plays the deserter, who
        is detained'."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "over", "during", "throughout"):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    if prep.lower_ == "in" and obj.lemma_.lower() in self.fiction:
                        return True
                    if any(c.dep_ == "poss" and c.lemma_.lower() in self.fiction for c in obj.children):
                        return True  # "over the film's 98 minutes" (not "over a series of posters")
        return (token.dep_ in ("relcl", "acl") and token.head.dep_ == "dobj"
                and token.head.head.lemma_.lower() in ROLE_VERBS)

    def is_negated(self, token: Token) -> bool:
        if any(c.dep_ in ("neg", "det", "preconj") and c.lower_ in self.negation for c in token.children):
            return True
        # "could NO LONGER be held for extradition"
        return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in token.children)

    def has_modal_or_condition(self, token: Token) -> bool:
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in self.modal:
                return True
            if child.dep_ == "mark" and child.lower_ in self.conditional:
                return True
        return False


def _is_imperative(verb: Token) -> bool:
    """'Georgia: halt the expulsion of X' (a headline's demand), 'Stop the deportation': a
    bare verb with no auxiliary and no subject of its own (or one cut off by a colon)."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return not subjects or all(_colon_between(s, verb) for s in subjects)


def _colon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ":" for t in a.doc[low + 1:high])


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _after_in_case(trigger: Token) -> bool:
    """'in case he is sent back', 'in the event that he is extradited': a precaution, close before."""
    doc, start = trigger.doc, max(trigger.sent.start, trigger.i - 6)
    for token in doc[start:trigger.i]:
        before = [t.lower_ for t in doc[max(token.i - 2, 0):token.i]]
        if (token.lower_ == "case" and before[-1:] == ["in"]) or (token.lower_ == "event" and before == ["in", "the"]):
            return True
    return False


def _finite_conj_of_infinitive(verb: Token) -> bool:
    """A past-tense verb the parser hung on an infinitive ("to extradite ... and released"):
    it coordinates with the verb governing the infinitive, not with the infinitive."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ == "VBD" and head.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children))


def _semicolon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[low + 1:high])
