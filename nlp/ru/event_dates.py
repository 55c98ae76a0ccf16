"""When a Russian event happened: the nearest date that belongs with its trigger, with
dates that point back ("в тот же день") resolved first."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.dates import find_dates, load_lexicon
from nlp.ru.anaphoric_dates import resolve_anaphoric_dates, with_same_year
from nlp.ru.clauses import belongs_with, clause_head
from nlp.ru.lexicon import date_anaphora
from nlp.ru.triggers import TriggerMatch
from nlp.types import DatePrecision, Stage


def date_tokens(doc: Doc) -> list[tuple[Token, str, DatePrecision]]:
    found = []
    mentions = with_same_year(doc.text, find_dates(doc.text, published=doc._.exwatch_published, language="ru"))
    mentions = [*mentions, *resolve_anaphoric_dates(doc.text, mentions, date_anaphora())]
    for mention in mentions:
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is not None and mention.value:
            found.append((span.root, mention.value, mention.precision))
    return found


def event_date(doc: Doc, match: TriggerMatch, dates) -> tuple[str | None, DatePrecision | None]:
    """The nearest date that belongs with the trigger (see `nlp.ru.clauses`)."""
    sent = doc[match.anchor].sent
    best, best_distance = (None, None), None
    for token, value, precision in dates:
        if not (sent.start <= token.i < sent.end):
            continue
        if not (belongs_with(doc, token, match.tokens, match.anchor) or _on_the_trigger(token, match)):
            continue
        if _dates_a_noun(token, match) or _dates_a_stay(token, match):
            continue
        distance = min(abs(token.i - i) for i in match.tokens)
        if best_distance is None or distance < best_distance:
            best, best_distance = (value, precision), distance
    if best_distance is None:
        return (_date_given_next(doc, sent, dates, match.pattern.stage in DECISION_STAGES)
                or (match.pattern.stage is Stage.DETAINED and _arrival_date(doc, sent, dates)) or best)
    return best


def _arrival_date(doc: Doc, sent, dates):
    """"В середине августа он прилетел в Ереван. «Меня задержали прямо на паспортном
    контроле»": an arrest at the airport or the border is dated by the arrival just told."""
    lexicon = load_lexicon("ru")
    if not any(t.lemma_.lower() in lexicon.words("arrival_place") for t in sent):
        return None
    previous = _previous_sentence(doc, sent)
    if previous is None:
        return None
    verbs = lexicon.words("arrival_verb")
    for token, value, precision in dates:
        if previous.start <= token.i < previous.end and token.head.lemma_.lower() in verbs:
            return value, precision
    return None


def _previous_sentence(doc: Doc, sent):
    start = sent.start
    while start > 0:
        before = doc[start - 1].sent
        if before.text.strip():
            return before
        start = before.start
    return None


def _on_the_trigger(token: Token, match: TriggerMatch) -> bool:
    """"Ходатайство о временном убежище, поданное им в 2023 году": a participle clause on
    the trigger's noun, or on the noun the trigger completes, tells when it happened."""
    head = clause_head(token)
    if head.dep_ != "acl":
        return False
    anchor = token.doc[match.anchor]
    return head.head.i in match.tokens or (anchor.dep_ == "nmod" and head.head.i == anchor.head.i)


def _dates_a_stay(token: Token, match: TriggerMatch) -> bool:
    """"Каргаполова, который с весны 2024 года жил в Ташкенте, вывезли": a clause on where
    the person lived or worked tells since when, not when the event happened."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.lemma_.lower() in STAY_LEMMAS and verb.i not in match.tokens


# Living somewhere, not being held there ("с 9 мая находится в транзитной зоне" dates the stay).
STAY_LEMMAS = {"жить", "проживать", "работать", "учиться", "поселиться", "обосноваться"}


def _dates_a_noun(token: Token, match: TriggerMatch) -> bool:
    """"участника протестов 2020 года", "после выборов 2020 года": a year in the genitive
    under another noun tells which protests, not when the event happened."""
    return (token.lemma_.lower() == "год" and token.dep_ == "nmod" and token.morph.get("Case") == ["Gen"]
            and token.head.pos_ == "NOUN" and token.head.i not in match.tokens)


# Stages that are a decision, so that "Решение было подписано 15 октября" right after dates them.
DECISION_STAGES = {Stage.EXTRADITION_ORDERED, Stage.EXTRADITION_REFUSED, Stage.ASYLUM_GRANTED}


def _date_given_next(doc: Doc, sent, dates, is_decision: bool):
    """The next sentence dates an undated event when it only tells its time: "Это произошло в
    понедельник", or, for a decision, "Решение было подписано 15 октября" / "Решение суд вынес
    во вторник"."""
    following = _next_sentence(doc, sent)
    if following is None:
        return None
    lexicon = load_lexicon("ru")
    nouns, verbs = lexicon.words("decision_noun"), lexicon.words("decision_dating_verb")
    scene = lexicon.scene_verbs()
    dating = set()
    for token in following:
        head = token.head
        if is_decision and token.dep_ in ("nsubj", "nsubj:pass", "obj") and token.lemma_ in nouns and head.lemma_ in verbs:
            dating.add(head.i)
        elif token.dep_ == "nsubj" and token.lemma_ in ("это", "то") and head.lemma_ in scene:
            dating.add(head.i)
    for token, value, precision in dates:
        if following.start <= token.i < following.end and token.head.i in dating:
            return value, precision
    return None


def _next_sentence(doc: Doc, sent):
    end = sent.end
    while end < len(doc):
        following = doc[end].sent
        if following.text.strip():
            return following
        end = following.end
    return None


def not_before(value: str, reference: str) -> bool:
    """Compare dates of any precision on their common prefix ("2025-04" vs "2025-04-01")."""
    length = min(len(value), len(reference))
    return value[:length] >= reference[:length]


def earlier(value: str, reference: str) -> bool:
    """Whether `value` is the better date for a stage first dated `reference`: strictly earlier,
    or the same time said more exactly ("9 июля" after "на прошлой неделе" = "2025-07")."""
    if not not_before(value, reference):
        return True
    return len(value) > len(reference) and value.startswith(reference)
