"""Russian person names in the nominative: "Юлию Емельянову" -> "Юлия Емельянова".

natasha's `span.normalize` inflects each word on its own and so keeps "Емельянову"
(it reads it as the dative of a man's surname). Here the first name decides the gender,
pymorphy2 (natasha's morph vocab) inflects each part with that gender, a surname that is
also a common noun ("Никиту Ворону", "Игоря Орла") follows the noun's paradigm in the case
of the name, and suffix rules cover surnames pymorphy2 does not know.
"""
from __future__ import annotations

from dataclasses import dataclass

from nlp.ru.models import morph_vocab

MASC, FEM = "Masc", "Fem"
_OC_GENDER = {"masc": MASC, "femn": FEM}
_OC_CASE = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc"}

# (oblique ending, nominative ending), longest first. Only for surnames pymorphy2 has no
# parse for; pymorphy2 already knows -ов/-ин/-ский and most others.
_FEM_RULES = (
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ("ову", "ова"), ("еву", "ева"), ("ёву", "ёва"), ("ину", "ина"), ("ыну", "ына"),
    ("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"), ("цкую", "цкая"),
)
_MASC_RULES = (
    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"),
    ("ова", "ов"), ("ову", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"), ("еве", "ев"),
    ("ина", "ин"), ("ину", "ин"), ("ине", "ин"), ("ына", "ын"), ("ыну", "ын"),
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
)
_CONSONANT_STEM_ENDINGS = ("ом", "ем", "а", "я", "у", "ю", "е")
# Endings that never decline (Кличко, Черных, Шойгу, Дурново).
_INDECLINABLE = ("ко", "их", "ых", "аго", "яго", "о", "е", "и", "у", "ю")


@dataclass(frozen=True)
class NameWord:
    """One word of a name as it appears, with natasha's case and gender when known."""

    text: str
    case: str | None = None  # UD: Nom, Gen, Dat, Acc, Ins, Loc
    gender: str | None = None  # UD: Masc, Fem


def nominative_name(words: list[NameWord]) -> str:
    """The name in the nominative, each part capitalised."""
    if not words:
        return ""
    kinds = _kinds(words)
    gender = _gender(words, kinds)
    name_case = _name_case(words, kinds, gender)
    parts = [_nominative_part(word, kind, gender, name_case) for word, kind in zip(words, kinds)]
    return " ".join(parts)


def surname_forms(word: str) -> set[str]:
    """Every nominative a bare surname could stand for ("Шамсутдинова" -> the man's
    "Шамсутдинов" or the woman's "Шамсутдинова"), to match it to a full name."""
    forms = {_capitalise(word)}
    for gender in (MASC, FEM):
        forms.add(_nominative_surname(NameWord(word), gender))
    lower = word.lower()
    for ending in _CONSONANT_STEM_ENDINGS:  # "Мельнику" -> "Мельник", which pymorphy2 reads as a miller
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(_capitalise(word[: -len(ending)]))
    # A surname that is also a common noun declines like the noun ("Вороной", "Вороне",
    # "Ворону" -> "Ворона"; "Орла" -> "Орёл"), for a man and, in -а/-я, for a woman.
    forms.update(_nominative_of_noun(parse, word) for parse in _noun_parses(word, None))
    for case in _A_STEM_ENDINGS:  # "у Дзюбы", "Дзюбу" -> "Дзюба", a surname in -а
        for gender in (MASC, FEM):
            form = _a_stem_nominative(word, gender, case)
            if form is not None:
                forms.add(_capitalise(form))
    return forms


def gender_of(words: list[NameWord]) -> str | None:
    return _gender(words, _kinds(words))


def _kinds(words: list[NameWord]) -> list[str]:
    """Each word's part; a second "first name" is a surname pymorphy2 guessed wrong
    ("Андрей Шевелёв": Шевелёв is no first name)."""
    kinds = [_kind(word.text) for word in words]
    if len(kinds) >= 2 and "first" not in kinds and kinds[0] == "surname" and kinds[-1] == "surname":
        kinds[0] = "first"  # "Зареты Евлоевой": a first name pymorphy2 does not know
    if kinds.count("first") > 1:
        first = kinds.index("first")
        kinds = [k if k != "first" or i == first else "surname" for i, k in enumerate(kinds)]
    return kinds


_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "овой", "евой", "иной",
                    "ову", "еву", "ину", "овым", "евым", "иным", "ского", "ский", "ская", "ской", "цкий", "цкая")


def _kind(text: str) -> str:
    """'first', 'patronymic' or 'surname', by pymorphy2's best name-like parse; a word
    pymorphy2 only guesses at is a surname when it ends like one ("Евлоевой")."""
    vocab = morph_vocab()
    if text.lower().endswith(_SURNAME_ENDINGS) and not vocab.word_is_known(text.lower()):
        return "surname"
    for parse in vocab.parse(text):
        grammemes = parse.tag.grammemes
        if parse.tag.number == "plur" or "voct" in grammemes:
            continue
        if "Patr" in grammemes:
            return "patronymic"
        if "Name" in grammemes and parse.score >= 0.1:
            return "first"
        if "Surn" in grammemes:
            return "surname"
    return "surname"


def _gender(words: list[NameWord], kinds: list[str]) -> str | None:
    """A surname form only one gender has decides ("Ахметовой"); else the first name,
    the patronymic, the surname's dictionary readings, natasha's tags, in that order."""
    for word, kind in zip(words, kinds):
        if kind == "surname":
            gender = _unambiguous_surname_gender(word.text)
            if gender:
                return gender
    for wanted in ("first", "patronymic", "surname"):
        for word, kind in zip(words, kinds):
            if kind == wanted:
                gender = _gender_of_word(word, kind)
                if gender:
                    return gender
    votes = [word.gender for word in words if word.gender in (MASC, FEM)]
    return votes[0] if votes else None


# Oblique surname endings that only one gender has ("Ахметовой" is a woman whatever her
# first name, which pymorphy2 may not know: Жанар, Айгуль).
_FEM_ONLY = ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой", "скую", "цкую")
_MASC_ONLY = ("овым", "евым", "ёвым", "иным", "ыным", "ского", "цкого", "скому", "цкому")


def _unambiguous_surname_gender(text: str) -> str | None:
    lower = text.lower()
    if lower.endswith(_FEM_ONLY):
        return FEM
    if lower.endswith(_MASC_ONLY):
        return MASC
    return None


def _gender_of_word(word: NameWord, kind: str) -> str | None:
    tag = {"first": "Name", "patronymic": "Patr", "surname": "Surn"}[kind]
    best, best_score = None, 0.0
    for parse in morph_vocab().parse(word.text):
        gender = _OC_GENDER.get(parse.tag.gender)
        if tag not in parse.tag.grammemes or gender is None or parse.tag.number == "plur":
            continue
        score = parse.score + _case_preference(parse)
        if word.case and _OC_CASE.get(parse.tag.case) == word.case:
            score += 1.0
        if word.gender == gender:
            score += 0.5
        if score > best_score:
            best, best_score = gender, score
    if kind == "surname" and best is None:
        return _gender_by_ending(word.text)
    return best


def _case_preference(parse) -> float:
    """Untagged "Юлию Емельянову" is a man's dative or a woman's accusative; the people
    these articles name are mostly objects ("задержали Юлию"), so the accusative wins ties."""
    return 0.01 if parse.tag.case == "accs" else 0.0


def _gender_by_ending(text: str) -> str | None:
    lower = text.lower()
    if lower.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "овой", "евой", "иной", "ской")):
        return FEM
    if lower.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return MASC
    return None


def _name_case(words: list[NameWord], kinds: list[str], gender: str | None) -> str | None:
    """The case of the whole name as its first name or patronymic shows it (natasha's tag,
    else pymorphy2's reading): the words of a name agree in case, and a first name tells
    its case better than a surname that is also a common noun ("Никиту Ворону": Никиту
    is surely accusative, so Ворону is ворона's accusative, not ворон's dative)."""
    for wanted, tag in (("first", "Name"), ("patronymic", "Patr")):
        for word, kind in zip(words, kinds):
            if kind != wanted:
                continue
            if word.case:
                return word.case
            parse = _best_parse(word, tag, gender)
            if parse is not None:
                return _OC_CASE.get(parse.tag.case)
    return None


def _nominative_part(word: NameWord, kind: str, gender: str | None, name_case: str | None = None) -> str:
    if "-" in word.text and kind == "surname":
        return "-".join(_nominative_part(NameWord(part, word.case, word.gender), kind, gender, name_case)
                        for part in word.text.split("-"))
    if kind == "surname":
        return _nominative_surname(word, gender, name_case)
    tag = "Name" if kind == "first" else "Patr"
    parse = _best_parse(word, tag, gender)
    if parse is None:
        return _capitalise(_first_name_by_rules(word, gender))
    nominative = parse.inflect({"Nom", "Sing"}) or parse
    return _capitalise(nominative.word)


def _nominative_surname(word: NameWord, gender: str | None, name_case: str | None = None) -> str:
    parse = _best_parse(word, "Surn", gender)
    if parse is not None:
        nominative = parse.inflect({"Nom"})
        if nominative is not None:
            return _capitalise(nominative.word)
    noun = None if _has_surname_suffix(word.text, gender) else _best_noun_parse(word, gender, name_case)
    if noun is not None:
        return _capitalise(_nominative_of_noun(noun, word.text))
    a_stem = _a_stem_nominative(word.text, gender, name_case)
    if a_stem is not None:
        return _capitalise(a_stem)
    return _capitalise(_surname_by_rules(word.text, gender))


# A surname in -а/-я (Дзюба, Кравчина, Сковорода) declines like a feminine noun, for a man
# as for a woman: "Егора Дзюбу", "у Егора Дзюбы", "Егору Дзюбе", "с Егором Дзюбой". A
# surname in a consonant never takes these endings in the case its first name shows
# (Шевчука, Шевчуку, Шевчуком), so the first name's case tells the two declensions apart.
# By case: (oblique ending, nominative ending), longest first; None for a gender where the
# ending is ambiguous (a woman's "Белой" is an adjective's; a man's "о Шевчуке" a consonant's).
_GUTTURAL_SIBILANT = tuple("гкхжшчщ")
_A_STEM_ENDINGS = {
    "Acc": (("ую", None), ("юю", None), ("у", "а"), ("ю", "я")),
    "Gen": (("ы", "а"), ("и", "а")),
    "Dat": (("е", "а"),),
    "Ins": (("ою", "а"), ("ой", "а"), ("ей", "я")),
    "Loc": (("е", "а"),),
}
_A_STEM_GENDERS = {"Ins": {MASC}, "Loc": {FEM}}


def _a_stem_nominative(text: str, gender: str | None, name_case: str | None) -> str | None:
    if gender is None or name_case not in _A_STEM_ENDINGS or gender not in _A_STEM_GENDERS.get(name_case, {MASC, FEM}):
        return None
    lower = text.lower()
    cases = ("Gen", "Acc") if name_case in ("Gen", "Acc") else (name_case,)  # Егора: either
    for case in cases:
        for ending, nominative in _A_STEM_ENDINGS[case]:
            if not lower.endswith(ending) or len(lower) < len(ending) + 3:
                continue
            if nominative is None:
                return None
            stem = text[: -len(ending)]
            if ending == "и" and not stem.lower().endswith(_GUTTURAL_SIBILANT):
                break  # Гелашвили, Ахалкаци: indeclinable
            if ending == "ей" and stem.lower().endswith(_GUTTURAL_SIBILANT + ("ц",)):
                nominative = "а"  # Кучей -> Куча
            return stem + nominative
    return None


def _has_surname_suffix(text: str, gender: str | None) -> bool:
    """"Глеба Лапина" is a Лапин whatever rare noun pymorphy2 knows as "лапина": an
    -ов/-ин/-ский ending of the person's gender outranks the noun."""
    rules = {MASC: _MASC_RULES, FEM: _FEM_RULES}.get(gender, _MASC_RULES + _FEM_RULES)
    return text.lower().endswith(tuple(ending for ending, _ in rules))


# Surnames that are also common nouns (Ворона, Сорока, Зима, Гора, Лиса; Орёл, Жук, Волк)
# decline like the noun: a man's whatever the noun's gender ("Никиту Ворону", "Игоря Орла"),
# a woman's only in -а/-я ("Анну Сороку", but "Анну Жук"). pymorphy2 lemmatises them as the
# noun, and the noun's paradigm gives the nominative; the case of the name picks between two
# nouns ("Ворону": the accusative of ворона or the dative of ворон).
_DECLINING_FOR_WOMEN = ("а", "я")
_NOUN_GENDERS = frozenset({"masc", "femn", "ms-f"})  # a surname in -о/-е never declines: no neuter nouns


def _noun_parses(text: str, gender: str | None) -> list:
    vocab = morph_vocab()
    if not vocab.word_is_known(text.lower()):
        return []  # an unknown word is a guess, not a noun: the suffix rules handle it
    parses = []
    for parse in vocab.parse(text):
        tag = parse.tag
        if tag.POS != "NOUN" or tag.number != "sing" or not _NOUN_GENDERS & tag.grammemes:
            continue
        if {"Name", "Patr", "Surn", "Abbr", "Init"} & tag.grammemes:
            continue
        if gender == FEM and not parse.normal_form.endswith(_DECLINING_FOR_WOMEN):
            continue  # "Анну Жук": a woman's surname in a consonant does not decline
        parses.append(parse)
    return parses


def _best_noun_parse(word: NameWord, gender: str | None, name_case: str | None):
    best, best_score = None, 0.0
    for parse in _noun_parses(word.text, gender):
        case = _OC_CASE.get(parse.tag.case)
        score = parse.score + 0.01
        if name_case and case == name_case:
            score += 1.0
        if word.case and case == word.case:
            score += 0.5
        if score > best_score:
            best, best_score = parse, score
    return best


def _nominative_of_noun(parse, text: str) -> str:
    """The noun's nominative; a word already in the nominative keeps the article's spelling
    ("Орел" stays without ё)."""
    if parse.tag.case == "nomn":
        return _capitalise(text)
    return _capitalise(parse.normal_form)


def _best_parse(word: NameWord, tag: str, gender: str | None):
    best, best_score = None, 0.0
    for parse in morph_vocab().parse(word.text):
        grammemes = parse.tag.grammemes
        if tag not in grammemes or parse.tag.number == "plur":
            continue
        parse_gender = _OC_GENDER.get(parse.tag.gender)  # None for ms-f (Кличко)
        if gender and parse_gender and parse_gender != gender:
            continue
        score = parse.score + 0.01
        if word.case and _OC_CASE.get(parse.tag.case) == word.case:
            score += 1.0
        if score > best_score:
            best, best_score = parse, score
    return best


# Oblique endings of first names pymorphy2 does not know (Зарета, Айсулу, Нурлан), by
# gender: (ending, nominative ending), longest first.
_FEM_FIRST_RULES = (("ой", "а"), ("ей", "я"), ("ы", "а"), ("у", "а"), ("ю", "я"), ("е", "а"), ("и", "я"))
_MASC_FIRST_RULES = (("ом", ""), ("ем", "й"), ("ая", "ай"), ("ою", "ой"), ("а", ""), ("у", ""), ("е", ""))


def _first_name_by_rules(word: NameWord, gender: str | None) -> str:
    """Only for a word natasha tags as oblique: a nominative stays as written."""
    if word.case in (None, "Nom") or gender is None:
        return word.text
    rules = _FEM_FIRST_RULES if gender == FEM else _MASC_FIRST_RULES
    lower = word.text.lower()
    for ending, nominative in rules:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return word.text[: -len(ending)] + nominative
    return word.text


def _surname_by_rules(text: str, gender: str | None) -> str:
    lower = text.lower()
    if gender is None:
        return text
    if gender == FEM:
        for ending, nominative in _FEM_RULES:
            if lower.endswith(ending):
                return text[: -len(ending)] + nominative
        return text  # foreign feminine surnames (Шмидт) do not decline
    for ending, nominative in _MASC_RULES:
        if lower.endswith(ending):
            return text[: -len(ending)] + nominative
    if lower.endswith(_INDECLINABLE):
        return text
    for ending in _CONSONANT_STEM_ENDINGS:  # Шевчука, Шевчуком -> Шевчук
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return text[: -len(ending)]
    return text


def _capitalise(text: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in text.split("-"))
