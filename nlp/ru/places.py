"""Host and destination countries of a Russian trigger, read from how each country word
attaches in its sentence:

- destination: "в Россию" (в + accusative), a dative ("выдал России", "российской стороне"),
  anything under a request ("по запросу Генпрокуратуры России", "российских властей");
- host: "в Бишкеке" (в + locative), an authority ("суд Бишкека", "Казахстанский суд",
  "власти Казахстана"), the subject of the verb ("Казахстан выдал"), "из" with a transfer.

After a return, or for a charge at home, the place where things happen is the destination
("в России против неё возбуждено дело").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from nlp.countries import find_mentions
from nlp.ru.clauses import belongs_with, clause_head
from nlp.ru.triggers import TriggerMatch
from nlp.types import Stage

REQUEST_LEMMAS = {"запрос", "запросить", "требование", "просьба", "ходатайство", "поручение",
                  "ордер", "розыск", "обращение"}
AUTHORITY_LEMMAS = {"суд", "власть", "прокуратура", "генпрокуратура", "прокурор", "мвд", "полиция",
                    "правительство", "министерство", "мид", "кнб", "гкнб", "пограничник",
                    "погранслужба", "спецслужба", "силовик", "миграционный", "служба",
                    "комитет", "ведомство", "президент", "сторона", "министр", "генпрокурор"}
LIVING_LEMMAS = {"жить", "живущий", "проживать", "проживающий", "находиться", "находящийся", "скрываться",
                 "работать", "учиться", "остаться", "оставаться"}
HANDOVER_NOUNS = {"выдача", "экстрадиция", "передача"}
HOME_STAGES = {Stage.WANTED, Stage.PROSECUTED}  # things that happen in the destination
# Stages whose request is not the destination's: the request itself, and the person's own
# petition for protection ("ходатайство о статусе беженца в Казахстане").
OWN_REQUEST_STAGES = {Stage.EXTRADITION_REQUESTED, Stage.ASYLUM_SOUGHT, Stage.ASYLUM_GRANTED}
# The person's own move ("переехал в Казахстан"): the country is where they came to live.
RELOCATION_LEMMAS = {"переехать", "уехать", "перебраться", "бежать", "сбежать", "эмигрировать",
                     "въехать", "переселиться", "релоцироваться"}
MOVE_STAGES = {Stage.TRANSFERRED, Stage.EXTRADITION_ORDERED, Stage.EXTRADITION_REFUSED}
ANCESTOR_STEPS = 4


@dataclass
class PlaceVotes:
    host: Counter = field(default_factory=Counter)
    destination: Counter = field(default_factory=Counter)

    def add(self, other: "PlaceVotes") -> None:
        self.host.update(other.host)
        self.destination.update(other.destination)


def country_tokens(doc: Doc) -> list[tuple[Token, str]]:
    """(root token, ISO code) of every country, city or demonym word in the doc."""
    found = []
    for mention in find_mentions(doc.text, "ru"):
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is not None:
            found.append((span.root, mention.code))
    return found


def sentence_places(match: TriggerMatch, stage: Stage, countries: list[tuple[Token, str]]) -> PlaceVotes:
    """Votes of the countries that belong with the trigger (its clause or those around it)."""
    votes = PlaceVotes()
    for token, code in _belonging(match, countries):
        role = _role(token, stage)
        if role == "host":
            votes.host[code] += 1
        elif role == "destination":
            votes.destination[code] += 1
    return votes


def locations(match: TriggerMatch, countries: list[tuple[Token, str]]) -> set[str]:
    """Countries where the trigger's event happens: "в Ташкенте", "в Москве"."""
    found = set()
    for token, code in _belonging(match, countries):
        if _in_clause_on_a_noun(token, match):
            continue  # "Похищенный в Бишкеке активист оказался в СИЗО в Душанбе": Душанбе only
        noun = token.head if token.dep_ == "amod" else token
        for _ in range(3):  # "в изоляторе ГКНБ Таджикистана": the place it belongs to
            if _is_location(noun):
                found.add(code)
                break
            if noun.dep_ != "nmod" or noun.head.i == noun.i:
                break
            noun = noun.head
    return found


def _in_clause_on_a_noun(token: Token, match: TriggerMatch) -> bool:
    """A participle or relative clause of its own, not the one the trigger is in."""
    head = clause_head(token)
    return head.dep_ in ("acl", "acl:relcl") and head.i != clause_head(token.doc[match.anchor]).i \
        and head.i not in match.tokens


def is_whereabouts(token: Token) -> bool:
    """Whether a country or city word says where something happens or where someone is:
    "в Пензе", "остался в Грозном", "в московском СИЗО"."""
    noun = token.head if token.dep_ == "amod" else token
    return _preposition(noun) in ("в", "во") and _case(noun) in ("Loc", None)


def _is_location(noun: Token) -> bool:
    """"в Ташкенте", and "в X" hung on a noun ("изоляторе … в Душанбе"), whatever case an
    indeclinable name was given; not "в Россию" on a verb of motion, nor where one lives."""
    if _preposition(noun) not in ("в", "во") or _describes_a_person(noun):
        return False
    return _case(noun) in ("Loc", None) or noun.head.pos_ in ("NOUN", "PROPN")


def _belonging(match: TriggerMatch, countries: list[tuple[Token, str]]):
    """Countries of the trigger's clauses, and where the person lives from any clause
    ("…, который живёт в Белграде")."""
    if not countries:
        return
    doc = countries[0][0].doc
    sent = doc[match.anchor].sent
    for token, code in countries:
        if not sent.start <= token.i < sent.end:
            continue
        noun = token.head if token.dep_ == "amod" else token
        if belongs_with(doc, token, match.tokens, match.anchor) or _describes_a_person(noun):
            yield token, code


def _role(token: Token, stage: Stage) -> str | None:
    ancestors = _ancestors(token)
    if stage not in OWN_REQUEST_STAGES and any(a.lemma_.lower() in REQUEST_LEMMAS for a in ancestors):
        return "destination"
    noun = token.head if token.dep_ == "amod" else token  # "российской стороне" -> стороне
    if noun is token and _preposition(token) is None and token.head.lemma_.lower() in HANDOVER_NOUNS:
        return "destination"  # "решение о выдаче России", dative or genitive alike
    # A country named as the subject acts ("Казахстан выдал"); an adjective on some other
    # subject only says where it comes from ("Дагестанский дезертир").
    role = _role_by_form(noun, stage, may_act=noun is token or _is_authority(noun))
    if role:
        return role
    if noun is not token and "Anim" in noun.morph.get("Animacy") and not _is_authority(noun):
        return "destination"  # "российской активистки": the state of her nationality wants her
    # "власти Казахстана", "в транзитной зоне аэропорта Ташкента", "Генпрокуратуре России":
    # a country in the genitive takes the part of the noun it belongs to.
    for _ in range(3):
        if noun.dep_ not in ("nmod", "amod") or noun.head.i == noun.i:
            break
        noun = noun.head
        if _is_authority(noun):
            return _role_by_form(noun, stage, may_act=True) or _actor_role(stage)
        role = _role_by_form(noun, stage, may_act=False)
        if role:
            return role
    return None


def _is_authority(noun: Token) -> bool:
    return noun.lemma_.lower() in AUTHORITY_LEMMAS


def _role_by_form(noun: Token, stage: Stage, may_act: bool) -> str | None:
    preposition = _preposition(noun)
    case = _case(noun)
    if preposition in ("в", "во") and case == "Acc":
        if noun.head.lemma_.lower() in RELOCATION_LEMMAS:
            return "host"
        return "host" if stage is Stage.EXTRADITION_REQUESTED else "destination"
    # A "dative" the parser made the subject ("…Олегу Шубину Грузия предоставила") is a
    # misread nominative: it acts.
    if case == "Dat" and preposition is None and may_act and noun.dep_ not in ("nsubj", "nsubj:pass"):
        return "host" if stage is Stage.EXTRADITION_REQUESTED else "destination"
    if preposition in ("в", "во") and case == "Loc":
        if _describes_a_person(noun):  # "живущему в Грузии": where the person is
            return "host"
        return "destination" if stage in HOME_STAGES else "host"
    if preposition == "из":  # "активистка из России" (origin) or "оппозиционер из Литвы"
        return "host" if stage in MOVE_STAGES else None  # (residence): only a move says which
    if not may_act:
        return None
    if noun.dep_ in ("nsubj", "nsubj:pass") and preposition is None:
        return _actor_role(stage)
    if preposition is None and _is_authority(noun) and noun.dep_ != "nmod":
        return _actor_role(stage)
    return None


def _describes_a_person(noun: Token) -> bool:
    """"живущему в Грузии", "который живёт в Белграде": where the person lives."""
    return noun.head.lemma_.lower() in LIVING_LEMMAS


def _actor_role(stage: Stage) -> str:
    """Who acts: the destination asks, charges and tries; the host does the rest."""
    return "destination" if stage in HOME_STAGES or stage is Stage.EXTRADITION_REQUESTED else "host"


def _ancestors(token: Token) -> list[Token]:
    found = []
    current = token
    for _ in range(ANCESTOR_STEPS):
        if current.head.i == current.i:
            break
        current = current.head
        found.append(current)
    return found


def _preposition(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ == "ADP":
        return before.lower_
    return None


def _case(token: Token) -> str | None:
    cases = token.morph.get("Case")
    return cases[0] if cases else None


def choose(votes: PlaceVotes, fallback: PlaceVotes) -> tuple[str | None, str | None]:
    """The case's (host, destination): the person's own votes first, the article's after."""
    destination = _top(votes.destination, tie_break=fallback.destination) or _top(fallback.destination)
    host = _top(votes.host, tie_break=fallback.host, unlike=destination) or _top(fallback.host)
    if host is not None and host == destination:
        host_weight = votes.host[host] + fallback.host[host]
        destination_weight = votes.destination[host] + fallback.destination[host]
        if host_weight >= destination_weight:
            destination = _top(votes.destination, exclude=host) or _top(fallback.destination, exclude=host)
        else:
            host = _top(votes.host, exclude=host) or _top(fallback.host, exclude=host)
    return host, destination


def _top(counter: Counter, exclude: str | None = None, tie_break: Counter | None = None,
         unlike: str | None = None) -> str | None:
    """The most voted code; among equals, one other than `unlike` (the destination), then
    the one `tie_break` (the article's votes) favours, then the first voted."""
    tie_break = tie_break or Counter()
    ranked = sorted((code for code in counter if code != exclude),
                    key=lambda code: (-counter[code], code == unlike, -tie_break[code]))
    return ranked[0] if ranked else None
