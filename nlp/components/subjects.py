"""Who a trigger happens to: the person in its argument slot.

"was detained" -> passive subject; "detained him" -> object; "applied for asylum" ->
subject; "the extradition of X" / "X's extradition" -> of-object or possessor. A conjoined
verb borrows its head's arguments ("was detained and deported"); a participle borrows
the noun it modifies ("X, detained in April"). Group nouns ("40 Uyghur men") are
arguments that name no person: the trigger then has no subject at all.
"""
from __future__ import annotations

from spacy.tokens import Token

from nlp.components.lexicon import word_sets
from nlp.components.people import PeopleIndex, Person

PATIENT_DEPS = ("nsubjpass", "dobj", "dative", "oprd")
AGENT_DEPS = ("nsubj", "nsubjpass")
NOUN_PREPS = ("of", "for", "against", "by")
NEGATIVE_DETERMINERS = ("neither", "no", "none", "nobody")
GENERIC_DETERMINERS = ("every", "each", "any", "all")
INDEFINITE_PRONOUNS = ("anyone", "anybody", "everyone", "everybody", "someone", "somebody", "whoever", "nobody",
                       "those", "many", "most", "others", "some")
# plurals that still describe one case's procedure: "the legal CONDITIONS for extradition were met"
PROCEDURAL_PLURALS = ("condition", "requirement", "criterion", "precondition", "paper", "document")


def argument_tokens(word: Token, slot: str, exclude: set[int]) -> list[Token]:
    if word.pos_ in ("NOUN", "PROPN") and slot != "agent":
        found = _noun_arguments(word)
    elif word.pos_ == "ADJ" or word.dep_ in ("acomp",):
        found = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        deps = {"patient": PATIENT_DEPS, "agent": AGENT_DEPS, "any": PATIENT_DEPS + ("nsubj",),
                "noun": PATIENT_DEPS, "recipient": ("nsubjpass", "dative", "to")}[slot]
        found = []
        for dep in deps:  # in order of preference
            if dep == "to":
                found += _to_objects(word)
            else:
                found += [c for c in word.children if c.dep_ == dep and c.i not in exclude]
            if found:
                break
    found = [t for t in found if t.i not in exclude]
    if not found and word.dep_ == "conj" and word.head.pos_ in ("VERB", "AUX") and word.pos_ in ("VERB", "AUX"):
        if slot in ("patient", "any") and any(c.dep_ == "auxpass" for c in word.children):
            # "Lisitsyn left his unit and was arrested": the shared subject is the one arrested
            shared = [c for c in word.head.children if c.dep_ in AGENT_DEPS and c.i not in exclude]
            if shared:
                return _with_conjuncts(shared)
        return argument_tokens(word.head, slot, exclude)
    if not found and word.dep_ == "advcl" and word.tag_ == "VBN" and slot in ("patient", "any") \
            and word.i < word.head.i and not any(c.dep_ == "mark" for c in word.children):
        # "Arrested in June at Minsk's request, Rusetski was flown to Minsk": the main clause's subject
        found = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
    if not found and word.dep_ in ("acl", "amod") and slot in ("patient", "any"):
        # "X, detained in April"; and the small model's misparse "extradited activist X"
        found = [word.head]
    if not found and _passive_gerund_clause(word) and slot in ("patient", "any"):
        # "she was granted status after BEING DETAINED in transit": the clause's subject
        verb = word.head.head
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
    if not found and word.dep_ == "xcomp" and slot in ("agent", "any"):
        found = [c for c in word.head.children if c.dep_ in ("nsubj", "dobj")]
    return _with_conjuncts(found)


def _passive_gerund_clause(word: Token) -> bool:
    """'after being detained', 'before being deported': a subjectless passive gerund under a
    preposition of the clause."""
    return (word.dep_ == "pcomp" and word.head.dep_ == "prep" and word.head.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "auxpass" and c.lower_ == "being" for c in word.children))


def _to_objects(verb: Token) -> list[Token]:
    """'granted asylum to X and to his wife Y': the objects of every 'to'."""
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"]
    for prep in list(preps):
        preps += [c for c in prep.conjuncts if c.lower_ == "to"]
    return [g for prep in preps for g in prep.children if g.dep_ == "pobj"]


def _plural_owner(token: Token) -> bool:
    """'the return OF former bankers', 'the bankers' extradition' (not 'held for two months')."""
    owner = token.dep_ == "poss" or (token.dep_ == "pobj" and token.head.lower_ == "of")
    return owner and token.tag_ in ("NNS", "NNPS")


def _is_generic(match) -> bool:
    """'blocked some extraditions', 'refused several extradition requests': no one case."""
    node = match.target
    while True:
        if node.tag_ in ("NNS", "NNPS") and node.lemma_.lower() not in PROCEDURAL_PLURALS:
            return True
        if any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in node.children):
            return True  # "every deportation is carried out lawfully"
        if node == match.trigger or node.head == node:
            return False
        node = node.head


def _noun_arguments(noun: Token) -> list[Token]:
    found = [c for c in noun.children if c.dep_ == "poss"]
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        # "an application for refugee status that HE filed"
        found += [s for s in clause.children if s.dep_ == "nsubj" and s.tag_ not in ("WDT", "WP")]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
            found += [g for g in child.children if g.dep_ == "pobj"]
    found += [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return found


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    result = list(tokens)
    for token in tokens:
        result += [c for c in token.conjuncts if c not in result]
        if any(c.dep_ == "cc" for c in token.children):
            # the small model's "X and Y" as nmod: "Orazov (nmod) and Serdar Hojayev"
            result += [c for c in token.children if c.dep_ == "nmod" and c.pos_ == "PROPN" and c not in result]
        if token.dep_ == "nmod" and any(c.dep_ == "cc" for c in token.children) and token.head not in result:
            result.append(token.head)
    return result


def _people_nouns() -> frozenset[str]:
    words = word_sets("en_people.jsonl")
    return words["people_noun"] | words["subject_noun"] | frozenset(["group", "family", "couple"])


PEOPLE_NOUNS = _people_nouns()


def _animate(token: Token, index: PeopleIndex) -> bool:
    """Arguments that could name people: a thing ("an appeal against extradition") is skipped."""
    if index.at(token) is not None or token.i in index.groups or token.lemma_.lower() in PEOPLE_NOUNS:
        return True
    if token.pos_ == "PROPN":
        if any(c.dep_ == "nummod" for c in token.children):
            return False  # "applied Rule 39", "Article 3": a numbered provision
        return token.ent_type_ in ("", "PERSON", "NORP")  # not "Turkish Airlines"
    if token.lower_ in ("it", "its", "itself"):
        return False  # "Baku sent ITS extradition request": the state, never a person
    return token.pos_ == "PRON" or token.ent_type_ in ("NORP", "PERSON") or _unnamed_person(token)


def _unnamed_person(token: Token) -> bool:
    """'declined to hand over a Belarusian anarchist': someone unnamed, so not the topic person."""
    return (token.tag_ == "NN" and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children)
            and any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in token.children))


def people_for(match, index: PeopleIndex) -> tuple[list[Person], bool]:
    """(people, had_arguments). No people with arguments means a group."""
    exclude = {match.trigger.i, match.target.i}
    slot = match.rule.slot
    raw = argument_tokens(match.target, slot, exclude)
    arguments = [t for t in raw if _animate(t, index)]
    if not arguments and match.target.pos_ == "NOUN" and any(_plural_owner(t) for t in raw):
        return [], True  # "sought the return of former bankers": a group, not the topic person
    subjects = [c for c in match.trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not arguments and (any(_indefinite(t) for t in raw + subjects) or _describes_a_group(match.trigger)):
        return [], True  # "anyone who is on a wanted list", "96 Russians known to have applied"
    if not arguments and match.target.dep_ == "compound" and match.target.head.pos_ == "NOUN":
        # "signed deportation orders FOR BOTH MEN": the arguments of the noun the target names
        arguments = [t for t in _with_conjuncts(_noun_arguments(match.target.head)) if _animate(t, index)]
    if not arguments and match.trigger != match.target:
        trigger_slot = slot if slot in ("agent", "recipient", "any") else "patient"
        arguments = [t for t in argument_tokens(match.trigger, trigger_slot, exclude | set(_path_tokens(match)))
                     if _animate(t, index)]
    people = []
    for token in arguments:
        if any(c.lower_ in NEGATIVE_DETERMINERS for c in token.children) or token.lower_ in NEGATIVE_DETERMINERS:
            return [], True
        person = index.at(token)
        group = [index.person(k) for k in index.groups.get(token.i, ())] if person is None else [person]
        for member in group:
            if member not in people:
                people.append(member)
    if arguments:
        return people, True
    if match.rule.fallback and not _is_generic(match):
        person = _recent_topic(match, index) or _first_in_sentence(match, index)
        return ([person] if person else []), False
    return [], False


def _indefinite(token: Token) -> bool:
    """'anyone', or the 'who' of "anyone WHO is on a wanted list"."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        token = token.head.head
    return token.lower_ in INDEFINITE_PRONOUNS


def _describes_a_group(verb: Token) -> bool:
    """The trigger's clause describes a plural noun: "Russians KNOWN to have applied",
    "deserters who were detained"."""
    node = verb
    for _ in range(4):
        if node.dep_ in ("acl", "relcl") and node.head.tag_ in ("NNS", "NNPS"):
            return True
        if node.dep_ not in ("xcomp", "acl", "relcl", "ccomp") or node.head == node:
            return False
        node = node.head
    return False


def _recent_topic(match, index: PeopleIndex) -> Person | None:
    """The topic person, if named in this sentence or the two before (not a far-away byline)."""
    person = index.topic_before(match.target.i)
    if person is None:
        return None
    sent = match.target.sent
    main = _most_mentioned(index)
    if main is not None and main != person.key and any(
            m.person == main and m.kind == "name" and sent.start <= m.start < match.target.i for m in index.mentions):
        return index.person(main)  # "Petrunin's lawyer ... said she had filed ... after the handover"
    earliest = sent.start
    for _ in range(2):
        if earliest == 0:
            break
        earliest = sent.doc[earliest - 1].sent.start
    recent = any(m.person == person.key and earliest <= m.start < match.target.i for m in index.mentions)
    return person if recent or person.key == _most_mentioned(index) else None


def _most_mentioned(index: PeopleIndex) -> int | None:
    counts: dict[int, int] = {}
    for mention in index.mentions:
        if not index.person(mention.person).official:
            counts[mention.person] = counts.get(mention.person, 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else None


def _path_tokens(match) -> list[int]:
    """Tokens between the target and the trigger (the target's ancestors up to the trigger)."""
    path, node = [], match.target
    while node != match.trigger and node.head != node:
        path.append(node.i)
        node = node.head
    return path


def _first_in_sentence(match, index: PeopleIndex) -> Person | None:
    sent = match.target.sent
    for mention in index.mentions:
        if sent.start <= mention.start < sent.end:
            person = index.person(mention.person)
            if not person.official:
                return person
    return None
