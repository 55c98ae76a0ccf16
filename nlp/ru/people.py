"""People of one Russian article: PER entities grouped by person, each named by the
fullest nominative name the article gives ("Шамсутдинова" -> "Кирилл Шамсутдинов"), plus
the bare surnames of introduced people that natasha's NER missed ("Волку грозит выдача")."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nlp.countries import lookup

from nlp.ru.names import FEM, MASC, NameWord, gender_of, nominative_name, surname_forms


@dataclass
class Person:
    name: str
    gender: str | None
    mentions: list[Span] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return self.name.split()

    @property
    def surname(self) -> str:
        return self.parts[-1]

    @property
    def first_name(self) -> str | None:
        return self.parts[0] if len(self.parts) > 1 else None

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(span.text for span in self.mentions))


@dataclass
class People:
    persons: list[Person]
    by_token: dict[int, Person]  # every token of every mention -> its person

    def at(self, token_i: int) -> Person | None:
        return self.by_token.get(token_i)


def resolve_people(doc: Doc) -> People:
    mentions = [(span, _name_words(span)) for span in doc.ents
                if span.label_ == "PER" and _looks_like_name(span)]
    mentions = [(span, words) for span, words in mentions if words]
    persons: list[Person] = []
    # Full names first, so that a bare surname before its full name still finds it.
    for span, words in mentions:
        if len(words) >= 2:
            _full_name_person(persons, words).mentions.append(span)
    for span, words in mentions:
        if len(words) == 1:
            _single_word_person(persons, words[0], span).mentions.append(span)
    for span, person in _missed_surnames(doc, persons):
        person.mentions.append(span)
    by_token = {}
    for person in persons:
        for span in person.mentions:
            for token in span:
                by_token[token.i] = person
    for person in persons:
        person.mentions.sort(key=lambda s: s.start)
    persons.sort(key=lambda p: p.mentions[0].start)
    return People(persons=persons, by_token=by_token)


# natasha's NER now and then takes a capitalised verb or adverb at a line start for a
# name ("Опубликовано: 3 апреля"); a name has at least one nominal word.
_NOMINAL_POS = {"PROPN", "NOUN", "ADJ", "X"}


def _looks_like_name(span: Span) -> bool:
    if len(span) == 1 and span[0].pos_ == "ADJ":  # "Таджикский оппозиционный активист"
        return False
    if len(span) == 1 and _family_name(span[0]):
        return False
    if lookup(span.text, "ru"):  # "отказала Ташкенту": a capital taken for a person
        return False
    if len(span) == 1 and _names_a_facilitys_town(span[0]):
        return False
    return any(token.pos_ in _NOMINAL_POS or not token.pos_ for token in span)


FAMILY_NOUNS = ("семья", "семейство", "чета")
# "в СИЗО Владимира", "колонии Ухты": a bare genitive after a place of custody or travel is
# the town it stands in, though the town's name is a first name too (Владимир, Киров).
FACILITY_NOUNS = ("сизо", "изолятор", "тюрьма", "колония", "аэропорт", "вокзал", "спецприёмник",
                  "спецприемник", "центр")


def _names_a_facilitys_town(token) -> bool:
    if token.i == 0 or token.morph.get("Case") not in (["Gen"], []):
        return False
    return token.doc[token.i - 1].lemma_.lower() in FACILITY_NOUNS or token.doc[token.i - 1].text.lower() == "сизо"


def _without_leading_noun(span: Span) -> Span:
    """'Блогера Руслана Гафурова' at a sentence start: the capitalised role noun is not a name."""
    first = span[0]
    if len(span) >= 3 and first.pos_ == "NOUN" and first.is_sent_start and all(t.pos_ == "PROPN" for t in span[1:]):
        return span[1:]
    return span


def _family_name(token) -> bool:
    """'братьев Лапиных', 'семьи Савиных': a surname in the plural names a family, not a person."""
    if "Plur" in token.morph.get("Number"):
        return True
    if token.i == 0 or not token.text.endswith(("ых", "их")):
        return False
    before = token.doc[token.i - 1]
    return (before.pos_ == "NOUN" and "Plur" in before.morph.get("Number")) or before.lemma_ in FAMILY_NOUNS


def _name_words(span: Span) -> list[NameWord]:
    words = []
    for token in _without_leading_noun(span):
        if not token.text[:1].isalpha() or not token.text[:1].isupper():
            continue
        morph = token.morph
        case = (morph.get("Case") or [None])[0]
        gender = (morph.get("Gender") or [None])[0]
        words.append(NameWord(token.text, case, gender))
    return words


def _fold(text: str) -> str:
    """Articles write ё or е as they please ("Орёл", "Орел"); names compare without it."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _full_name_person(persons: list[Person], words: list[NameWord]) -> Person:
    name = nominative_name(words)
    gender = gender_of(words)
    parts = name.split()
    for person in persons:
        if len(person.parts) >= 2 and _fold(person.surname) == _fold(parts[-1]) \
                and _fold(person.parts[0]) == _fold(parts[0]):
            if len(parts) > len(person.parts):  # "Иван Иванович Петров" over "Иван Петров"
                person.name = name
            return person
    person = Person(name=name, gender=gender)
    persons.append(person)
    return person


def _single_word_person(persons: list[Person], word: NameWord, span: Span) -> Person:
    forms = surname_forms(word.text)
    match = _introduced_person(persons, word, forms)
    if match is None:  # a first name alone ("Дарья") names someone already introduced
        name = nominative_name([word])
        match = _chosen([p for p in persons if len(p.parts) >= 2 and p.first_name == name], word)
    if match is not None:
        return match
    name = nominative_name([word])
    for person in persons:
        if person.name == name or person.name in forms:
            return person
    person = Person(name=name, gender=gender_of([word]))
    persons.append(person)
    return person


def _introduced_person(persons: list[Person], word: NameWord, forms: set[str]) -> Person | None:
    """The person with a full name whose surname a bare surname may stand for."""
    folded = {_fold(form) for form in forms}
    return _chosen([p for p in persons if len(p.parts) >= 2 and _fold(p.surname) in folded], word)


def _chosen(matches: list[Person], word: NameWord) -> Person | None:
    if len(matches) > 1 and word.gender in (MASC, FEM):
        same_gender = [p for p in matches if p.gender == word.gender]
        matches = same_gender or matches
    if not matches:
        return None
    # still ambiguous ("Зуевой": Вероника or her mother Ольга): the one introduced first,
    # who is usually whom the article is about
    return min(matches, key=lambda p: min(s.start for s in p.mentions))


# Quotes and brackets before a capitalised word make it a title or an organisation («Гора»).
_TITLE_OPENERS = ("«", '"', "„", "“", "(")


def _missed_surnames(doc: Doc, persons: list[Person]) -> list[tuple[Span, Person]]:
    """Bare surnames natasha's NER did not tag, most often surnames that are also common
    nouns ("Сергея Волка задержали. Волку грозит выдача."): a capitalised singular name or
    animate noun outside every entity whose nominative is the surname of someone the
    article has introduced by full name. A nominative must be the surname as it stands
    ("Горе матери" is no form of Гора), and a word in quotes is a title («Волк»)."""
    introduced = [p for p in persons if len(p.parts) >= 2]
    prefixes = {_fold(p.surname[:2]).lower() for p in introduced}
    found = []
    for token in doc:
        text = token.text
        if token.ent_type_ or not token.is_alpha or len(text) < 3 or not text[0].isupper() or text.isupper():
            continue
        if _fold(text[:2]).lower() not in prefixes or not _nominal(token):
            continue
        morph = token.morph
        if "Plur" in morph.get("Number") or "Neut" in morph.get("Gender"):
            continue
        if token.i > 0 and doc[token.i - 1].text in _TITLE_OPENERS:
            continue
        case = (morph.get("Case") or [None])[0]
        word = NameWord(text, case, (morph.get("Gender") or [None])[0])
        person = _introduced_person(introduced, word, surname_forms(text))
        if person is None or (case == "Nom" and _fold(text) != _fold(person.surname)):
            continue
        found.append((Span(doc, token.i, token.i + 1, label="PER"), person))
    return found


def _nominal(token) -> bool:
    """A proper noun, an animate common noun ("Волка задержали"; "Горы Армении" are
    mountains), or a word natasha tags as an adjective but that modifies nothing ("Орлу
    грозит выдача")."""
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "NOUN":
        return "Anim" in token.morph.get("Animacy")
    return token.pos_ == "ADJ" and token.dep_ != "amod"
