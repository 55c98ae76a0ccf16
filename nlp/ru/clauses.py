"""Which words of a sentence belong with a trigger: its own clause and the clauses around
it, never a clause beside it ("…, который уехал из Челябинска осенью 2022 года")."""
from __future__ import annotations

from spacy.tokens import Doc, Token

# Relations that open another clause.
CLAUSE_DEPS = {"acl:relcl", "acl", "advcl", "ccomp", "parataxis", "csubj"}
# a clause of reason or time, and a participle phrase on a noun ("задержали музыканта,
# объявленного в розыск в России"): each tells of another moment than the clause around it
SEPARATE_CLAUSE_DEPS = {"advcl", "acl"}
_BOUNDARY_PUNCT = {",", ";", ":", "—", "–", "-", "(", ")", "«", "»"}


def clause_head(token: Token) -> Token:
    current = token
    while current.dep_ not in CLAUSE_DEPS and not _marked_conjunct(current) and current.head.i != current.i:
        current = current.head
    return current


def _marked_conjunct(token: Token) -> bool:
    """"отпустил меня, потому что Россия не прислала запрос": a clause of reason the parser
    hung as a conjunct, with its conjunction as a mark."""
    return token.dep_ == "conj" and any(child.dep_ == "mark" for child in token.children)


def belongs_with(doc: Doc, token: Token, trigger_tokens: tuple[int, ...], anchor: int) -> bool:
    """True when `token` is in the trigger's clause or one enclosing it, or when no comma,
    dash or bracket separates them (the parser may hang "3 декабря" on a later clause).
    A relative or reported clause ("где ему предъявили обвинение", "сообщила, что её
    экстрадируют") shares the clause around it; a clause of reason or time ("поскольку он
    подал заявление") tells of another moment and does not."""
    home = clause_head(doc[anchor])
    enclosing = {home.i}
    current = home
    while current.dep_ not in SEPARATE_CLAUSE_DEPS and not _marked_conjunct(current) and current.head.i != current.i:
        current = current.head
        enclosing.add(current.i)
    if clause_head(token).i in enclosing:
        return True
    start, end = sorted((token.i, anchor))
    return not any(t.text in _BOUNDARY_PUNCT for t in doc[start + 1:end] if t.i not in trigger_tokens)
