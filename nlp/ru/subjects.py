"""Whom a Russian trigger happens to: the person the parse attaches to it ("задержали
Иванова", "Иванов задержан", "его экстрадицию"), a pronoun's antecedent, or the nearest
person in the sentence. Officials, lawyers and activists introduced by a role word
("правозащитница Алия Бекова") are never subjects."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.ru.clauses import belongs_with
from nlp.ru.names import FEM, MASC
from nlp.ru.people import People, Person
from nlp.ru.places import is_whereabouts
from nlp.ru.triggers import TriggerMatch
from nlp.types import Stage

PRONOUN_GENDER = {
    **dict.fromkeys(("он", "его", "него", "ему", "нему", "им", "ним", "нём", "нем"), MASC),
    **dict.fromkeys(("она", "её", "ее", "неё", "нее", "ей", "ней", "ею", "нею"), FEM),
}
# A relative's kin word -> the words by which that relative refers back to the person.
KIN_CONVERSE = {"жена": ("муж", "супруг"), "супруга": ("муж", "супруг"), "муж": ("жена", "супруга"),
                "супруг": ("жена", "супруга"), "мать": ("сын", "дочь"), "отец": ("сын", "дочь"),
                "мама": ("сын", "дочь"), "папа": ("сын", "дочь")}
FIRST_PERSON = {"я", "меня", "мне", "мной", "мною"}
SPEAKER_WINDOW = 5  # «…», — рассказал нам Данила: the speaker's name within this many tokens
PLURAL_PRONOUNS = {"их", "они", "них", "ними", "оба", "обе", "обоих", "обеих", "обоим", "обеим"}
CORE_DEPS = {"obj", "nsubj:pass"}
# Relations that lead from a trigger to the person it happens to.
ARGUMENT_DEPS = {"obj", "iobj", "nsubj:pass", "nsubj", "obl", "nmod", "det", "appos",
                 "flat:name", "obl:agent", "amod", "conj"}
# Relations that open another clause: a person inside one is someone else's business.
SUBJECT_CLAUSE_DEPS = {"acl:relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"}
MAX_DEPTH = 3
# Which first step from the trigger leads to the subject most surely.
HOP_PRIORITY = {"obj": 0, "nsubj:pass": 0, "nsubj": 0, "iobj": 1, "nmod": 1, "det": 1, "appos": 1,
                "amod": 1, "flat:name": 1, "conj": 2, "obl": 2, "obl:agent": 2}
# Stages the person brings about themselves ("подала заявление об убежище", "вышел на
# свободу"): here the grammatical agent may be the subject.
AGENT_STAGES = {Stage.ASYLUM_SOUGHT, Stage.ASYLUM_GRANTED, Stage.RELEASED}
# "по словам X", "по данным X", "как сообщил X": X is a source, not an argument.
SOURCE_LEMMAS = {"слово", "данные", "мнение", "оценка", "информация", "сведение", "версия"}
GROUP, SOMEONE = "group", "someone"  # unnamed objects that end the search for a subject
ROLE_WINDOW = 2  # "её адвокат Нурбек Осмонов": the role word within this many tokens before


def role_marked_people(doc: Doc, people: People, role_lemmas: frozenset[str]) -> set[int]:
    """ids of persons introduced by a role word anywhere in the article."""
    marked = set()
    for person in people.persons:
        if any(_has_role_word(doc, span, role_lemmas) for span in person.mentions):
            marked.add(id(person))
    return marked


def _has_role_word(doc: Doc, span: Span, role_lemmas: frozenset[str]) -> bool:
    """"правозащитница Алия Бекова", "по словам адвоката Ивана Петрова": the role word and
    the name agree in case. "адвокат Ковальчук Сергей Литвинов": Ковальчук is the client."""
    if _next_is_name(doc, span):
        return False
    before = [t for t in doc[max(span.start - ROLE_WINDOW - 1, 0):span.start]
              if not t.is_space and not t.is_punct]
    root = span.root
    for token in before[-ROLE_WINDOW:]:
        if token.lemma_.lower() in role_lemmas and _agree_in_case(token, root):
            return True
    head = root.head
    if root.dep_ in ("appos", "flat:name") and head.lemma_.lower() in role_lemmas:
        return _agree_in_case(head, root)
    return any(child.dep_ == "appos" and child.lemma_.lower() in role_lemmas
               and _agree_in_case(child, root) for child in root.children)


def _next_is_name(doc: Doc, span: Span) -> bool:
    following = doc[span.end] if span.end < len(doc) else None
    return following is not None and following.ent_type_ == "PER"


def _agree_in_case(role: Token, name: Token) -> bool:
    """"брата Адлана": a masculine animate noun has one form for the accusative and the
    genitive, and the tagger may give the role word one and the name the other."""
    role_case, name_case = role.morph.get("Case"), name.morph.get("Case")
    if not role_case or not name_case or role_case[0] == name_case[0]:
        return True
    return {role_case[0], name_case[0]} == {"Acc", "Gen"} and _masculine_animate(role) and _masculine_animate(name)


def _masculine_animate(token: Token) -> bool:
    return "Masc" in token.morph.get("Gender") and "Inan" not in token.morph.get("Animacy")


class SubjectFinder:
    def __init__(self, doc: Doc, people: People, excluded: set[int],
                 possessor_lemmas: frozenset[str] = frozenset(), relatives: set[int] = frozenset()):
        self.doc = doc
        self.people = people
        self.excluded = excluded
        self.relatives = set(relatives)  # ids of persons introduced as someone's relative
        self.possessor_lemmas = possessor_lemmas
        self.last_group: list[Person] = []  # the last event's subjects when there were several
        self.blocked = False  # the last trigger happens to someone unnamed
        self.known: set[int] = set()  # ids of persons earlier events happened to
        self._descriptors = _descriptors(doc, people)
        self._from_headline = _headline_descriptors(doc, people, self._descriptors)
        self._sentence_of = [0] * len(doc)  # token index -> sentence number
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self._sentence_of[i] = number
        self._kin = self._kin_of_relatives()
        self._is_interview = _is_interview(doc)

    def _plural_argument(self, match: TriggerMatch) -> list[Person]:
        """"Обоих задержали", "их доставили": the people of the last group event."""
        if len(self.last_group) < 2:
            return []
        sent = self.doc[match.anchor].sent
        for token in sent:  # "Оба мужчины находятся в розыске": anywhere in the trigger's clauses
            if token.lower_ in PLURAL_PRONOUNS and belongs_with(self.doc, token, match.tokens, match.anchor):
                return list(self.last_group)
        return []

    def unlock_arguments(self, matches: list[TriggerMatch], home: str | None = None,
                         countries: list[tuple[Token, str]] = ()) -> None:
        """A person with a role word is still a subject when an asserted trigger takes them
        as its argument: "задержан бывший депутат Аскар Салымбеков", "отказала в выдаче
        правозащитника Бахрома Исмаилова"; a relative only when the article does not place
        them in the `home` country (the destination): "младший брат Лазарева Павел Лазарев,
        который остался в Пензе, был приговорён" is pressure on the family, not the case."""
        excluded, self.excluded = self.excluded, set()
        try:
            unlocked = set()
            for match in matches:
                found, _ = self._by_syntax(match, agents_allowed=False, pronouns=False)
                unlocked.update(id(person) for person in found
                                if id(person) not in self.relatives or not self._at_home(person, home, countries))
        finally:
            self.excluded = excluded - unlocked

    def subjects(self, match: TriggerMatch) -> list[Person]:
        """Whom the trigger happens to; `self.blocked` tells afterwards whether it happens
        to one unnamed person, so that nobody may be carried over from the sentence before
        (a group, "Братьев задержали", may still include the last subject)."""
        sent = self.doc[match.anchor].sent
        agents_allowed = match.pattern.stage in AGENT_STAGES
        self.blocked = False
        group = self._plural_argument(match)
        if group:
            return group
        found, blocked = self._by_syntax(match, agents_allowed)
        self.blocked = blocked == SOMEONE
        if not found and not blocked and not self._group_follows(match, sent):
            found = self._nearest(match, sent, agents_allowed)
        if not found:
            return []
        return self._with_conjuncts(found, sent)

    def person_at(self, token: Token) -> Person | None:
        """The subject-eligible person a token names or, for a pronoun, refers back to."""
        person = self.people.at(token.i)
        if person is None and token.lower_ in PRONOUN_GENDER:
            person = self._antecedent(token)
        elif person is None and token.lower_ in FIRST_PERSON:
            person = self._speaker(token)
        if person is None or id(person) in self.excluded or self._is_possessor(token):
            return None
        return person

    def _is_possessor(self, token: Token) -> bool:
        """"сторонника Алексея Навального": Навальный is not the one sentenced; nor in
        "волонтёрки Навального", where no feminine noun can stand in apposition to a man."""
        person = self.people.at(token.i)
        start = token.i
        while start > 0 and person is not None and self.people.at(start - 1) is person:
            start -= 1
        if start == 0:
            return False
        before = self.doc[start - 1]
        if before.lemma_.lower() in self.possessor_lemmas:
            return True
        return person is not None and _owns_a_woman(before, self.doc[start], person.gender)

    def _by_syntax(self, match: TriggerMatch, agents_allowed: bool,
                   pronouns: bool = True) -> tuple[list[Person], str | None]:
        """The person the parse attaches most closely to the trigger (an object or passive
        subject before an oblique "вместе с ним"), and whether the trigger's object is
        somebody unnamed, which ends the search: GROUP ("выслали более 70 иностранцев")
        or SOMEONE ("задержание гражданина России", "Адлана отпустили")."""
        anchor = self.doc[match.anchor]
        trigger_tokens = set(match.tokens)
        frontier = [(anchor, 0, None)]  # token, depth, relation of the first hop
        found: list[tuple[int, int, int, Person]] = []
        unnamed_object = None
        while frontier:
            token, depth, first_hop = frontier.pop(0)
            for child in token.children:
                if child.i in trigger_tokens and child.i != anchor.i:
                    frontier.append((child, depth, None))
                    continue
                if child.dep_ not in ARGUMENT_DEPS or child.dep_ in SUBJECT_CLAUSE_DEPS:
                    continue
                if child.dep_ == "nsubj" and _is_agent_of(child, token) and not agents_allowed:
                    continue  # "Токаев распорядился выдать": the agent, not the subject
                if _is_source(child):
                    continue
                hop = first_hop or child.dep_
                person = self.person_at(child) if pronouns or child.lower_ not in PRONOUN_GENDER else None
                described = person is None and pronouns and self._described(child)
                if described:
                    person = described
                if person is not None:
                    # under a noun, its apposition ("земляк Мурад Алиев") beats its
                    # possessor ("его земляк")
                    apposition = 0 if child.dep_ in ("appos", "flat:name") or depth == 0 else 1
                    if described:
                        apposition = 2  # a name at the same distance is surer
                    found.append((HOP_PRIORITY.get(hop, 2), apposition, len(found), person))
                else:
                    core = child.dep_ in ("obj", "nsubj:pass", "nsubj")  # nsubj: agents were skipped
                    if first_hop is None and core and _is_group(child):
                        unnamed_object = unnamed_object or GROUP
                    elif first_hop is None and ((core and self._is_excluded_name(child)) or
                                                _someone_unnamed(child, token, token.i == anchor.i)):
                        unnamed_object = SOMEONE
                    if depth + 1 < MAX_DEPTH:
                        frontier.append((child, depth + 1, hop))
        if unnamed_object:  # "Адлана отпустили, с тех пор он не выходит…": not a conjoined clause's
            found = [f for f in found if f[0] < HOP_PRIORITY["conj"]]
        if found:
            return [min(found, key=lambda f: f[:3])[3]], None
        return [], unnamed_object

    def _at_home(self, person: Person, home: str | None, countries: list[tuple[Token, str]]) -> bool:
        if home is None:
            return False
        sentences = {span.sent.start for span in person.mentions}
        return any(code == home and token.sent.start in sentences and is_whereabouts(token)
                   for token, code in countries)

    def _group_follows(self, match: TriggerMatch, sent: Span) -> bool:
        """"выдал России по меньшей мере пятерых человек, …": a group of people as the object
        right after the trigger, which the parser hung elsewhere, before any comma, verb,
        conjunction or named person."""
        for token in self.doc[match.end:sent.end]:
            if token.is_punct or token.pos_ in ("CCONJ", "VERB") or self.people.at(token.i) is not None:
                return False
            if token.dep_ == "obj" and _is_group(token) and "Inan" not in token.morph.get("Animacy"):
                return True
        return False

    def _kin_of_relatives(self) -> dict[str, list[Person]]:
        """"его жена Мадина Холова": the wife's "муж" is he. Kin word -> the persons whose
        relatives the article introduced with the converse word."""
        kin: dict[str, list[Person]] = {}
        for person in self.people.persons:
            if id(person) not in self.relatives:
                continue
            for span in person.mentions:
                role = self.doc[span.start - 1] if span.start > 0 else None
                if role is not None and role.text == "," and span.start > 1:
                    role = self.doc[span.start - 2]  # "По словам отца, Виктора Каргаполова"
                if role is None or role.lemma_.lower() not in KIN_CONVERSE:
                    continue
                owners = []
                for child in role.children:
                    owner = self.people.at(child.i)
                    if owner is None and child.lower_ in PRONOUN_GENDER:
                        owner = self._antecedent(child)
                    if owner is not person:
                        owners.append(owner)
                if not any(owners):  # "отца, Виктора Каргаполова": whose father the surname says
                    owners = self._namesakes(person)
                for owner in owners:
                    if owner is None or owner is person or id(owner) in self.relatives:
                        continue
                    for word in KIN_CONVERSE[role.lemma_.lower()]:
                        owners = kin.setdefault(word, [])
                        if owner not in owners:
                            owners.append(owner)
        return kin

    def _namesakes(self, relative: Person) -> list[Person]:
        """The one person of the relative's family name who is no relative or official."""
        found = [person for person in self.people.persons
                 if person is not relative and id(person) not in self.relatives
                 and id(person) not in self.excluded and _same_family(person.surname, relative.surname)]
        return found if len(found) == 1 else []

    def _described(self, token: Token) -> Person | None:
        """"запрос об экстрадиции журналиста": the one person the article introduced with
        that noun ("журналист-эмигрант Ниджат Рустамов"), when the noun names nobody itself;
        "мужа задержали" after "его жена Мадина": the one whose wife she is."""
        if token.pos_ != "NOUN" or "Plur" in token.morph.get("Number") or self.people.at(token.i):
            return None
        if any(self.people.at(child.i) for child in token.children):
            return None
        persons = self._descriptors.get(_descriptor_lemma(token)) or self._kin.get(token.lemma_.lower(), ())
        if not persons and token.sent.start != 0:
            persons = self._from_headline.get(_descriptor_lemma(token), ())
        if len(persons) != 1 or id(persons[0]) in self.excluded:
            return None
        return persons[0]

    def _is_excluded_name(self, token: Token) -> bool:
        """"Адлана отпустили": the one it happens to is named, and not a subject."""
        person = self.people.at(token.i)
        return person is not None and id(person) in self.excluded

    def _nearest(self, match: TriggerMatch, sent: Span, agents_allowed: bool) -> list[Person]:
        best, best_distance = None, None
        for token in sent:
            if token.i in match.tokens or _is_source(token):
                continue
            person = self.person_at(token)
            if person is None or (self._is_agent(token) and not agents_allowed):
                continue
            distance = min(abs(token.i - i) for i in match.tokens)
            if best_distance is None or distance < best_distance:
                best, best_distance = person, distance
        return [best] if best else []

    @staticmethod
    def _is_agent(token: Token) -> bool:
        head = token
        while head.dep_ in ("flat:name", "appos", "flat") and head.head.i != head.i:
            head = head.head
        return head.dep_ == "nsubj" and _is_agent_of(head, head.head)

    def _with_conjuncts(self, found: list[Person], sent: Span) -> list[Person]:
        """"задержали Иванова и Петрова": both."""
        result = list(found)
        for person in found:
            for span in person.mentions:
                if not (sent.start <= span.start < sent.end):
                    continue
                root = span.root
                linked = [c for c in root.children if c.dep_ == "conj"]
                if root.dep_ == "conj":
                    linked.append(root.head)
                for token in linked:
                    candidate = self.person_at(token)
                    if candidate is not None and candidate not in result:
                        result.append(candidate)
        return result

    def _speaker(self, pronoun: Token) -> Person | None:
        """«Меня задержали в аэропорту», — вспоминает Данила: the one who says "I" in a
        quotation is the person named right after it, or right before it ("Иванов
        рассказал: «…»"), within the paragraph."""
        doc = self.doc
        opening = pronoun.i - 1
        while opening >= 0 and doc[opening].text not in ("«", "»") and "\n" not in doc[opening].text:
            opening -= 1
        if opening < 0 or doc[opening].text != "«":
            return self._interviewee(pronoun)  # not inside a quotation
        closing = pronoun.i + 1
        while closing < len(doc) and doc[closing].text != "»" and "\n" not in doc[closing].text:
            closing += 1
        after = doc[closing + 1:closing + 1 + SPEAKER_WINDOW] if closing < len(doc) and doc[closing].text == "»" else []
        before = reversed(doc[max(opening - SPEAKER_WINDOW, 0):opening])
        for tokens in (after, before):
            for token in tokens:
                if "\n" in token.text:
                    break
                if self.people.at(token.i) is not None:
                    return self.people.at(token.i)
        return None

    def answering(self, match: TriggerMatch) -> list[Person]:
        """A trigger in an interview's answer whose sentence names nobody ("— В декабре суд
        отказал в экстрадиции") happens to the one answering."""
        sent = self.doc[match.anchor].sent
        if any(self.people.at(token.i) for token in sent):
            return []
        person = self._interviewee(self.doc[match.anchor])
        return [person] if person is not None else []

    def _interviewee(self, pronoun: Token) -> Person | None:
        """"— Как вас задержали? — В аэропорту…": in an interview, "я" in an answer (a
        paragraph opened by a dash) is the one interviewed, the first person the article
        names who is not an official, a relative or the interviewer."""
        if not self._is_interview:
            return None
        start = pronoun.i
        while start > 0 and "\n" not in self.doc[start - 1].text:
            start -= 1
        if self.doc[start].text not in DASHES:
            return None
        for person in sorted(self.people.persons, key=lambda p: min(span.start for span in p.mentions)):
            if id(person) not in self.excluded and id(person) not in self.relatives:
                return person
        return None

    def _antecedent(self, pronoun: Token) -> Person | None:
        """The most salient earlier person of the pronoun's gender: someone who was the
        subject or object of a recent sentence beats a possessor ("штаб Навального"), and a
        person things already happened to beats one named only under a noun just before
        ("оскорбление Лукашенко")."""
        gender = PRONOUN_GENDER[pronoun.lower_]
        best, best_key = None, None
        for person in self.people.persons:
            if id(person) in self.excluded or (person.gender and person.gender != gender):
                continue
            for span in person.mentions:
                if span.start >= pronoun.i or self._is_possessor(span[0]):
                    continue
                distance = self._sentence_of[pronoun.i] - self._sentence_of[span.start]
                recent, salience, known = distance <= 1, _salience(span), id(person) in self.known
                key = (recent and (salience > 0 or known), known, recent, salience, span.start)
                if best_key is None or key > best_key:
                    best, best_key = person, key
        return best


DASHES = ("—", "–", "-")


def _is_interview(doc: Doc) -> bool:
    """Questions and answers, each a paragraph opened by a dash, at least one a question."""
    paragraphs, start = [], 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                paragraphs.append(doc[start:token.i])
            start = token.i + 1
    paragraphs.append(doc[start:])
    dashed = [p for p in paragraphs if len(p) and p[0].text in DASHES]
    return len(dashed) >= 2 and any(p[-1].text == "?" for p in dashed)


def _same_family(a: str, b: str) -> bool:
    """Каргаполов and Каргаполова, Белевский and Белевская, Шевчук and Шевчук."""
    a, b = a.lower().replace("ё", "е"), b.lower().replace("ё", "е")
    return a == b or a + "а" == b or b + "а" == a or (len(a) == len(b) > 5 and a[:-2] == b[:-2])


def _someone_unnamed(child: Token, trigger: Token, is_anchor: bool) -> bool:
    """"подтвердили задержание гражданина России": the one it happens to is a person the
    article does not name here (a noun that described a named person was taken above);
    not the word of a longer trigger ("статуса беженца")."""
    if child.pos_ != "NOUN" or "Anim" not in child.morph.get("Animacy") or "Plur" in child.morph.get("Number"):
        return False
    if child.dep_ in ("obj", "nsubj:pass"):
        return True
    return child.dep_ == "nmod" and trigger.pos_ == "NOUN" and is_anchor


def _owns_a_woman(noun: Token, name: Token, gender: str | None) -> bool:
    """"бывшей волонтёрки Навального", "помощницу Иванова": a man's name in the genitive
    right after a feminine noun for a person is whose she is, not her name."""
    return (gender == MASC and noun.pos_ == "NOUN" and "Anim" in noun.morph.get("Animacy")
            and "Fem" in noun.morph.get("Gender") and "Sing" in noun.morph.get("Number")
            and name.morph.get("Case") == ["Gen"])


def _descriptors(doc: Doc, people: People) -> dict[str, list[Person]]:
    """Nouns the article puts right before a name or in apposition to it ("блогера Мовсара
    Ташуева", "журналист-эмигрант Ниджат Рустамов") -> the persons they describe."""
    found: dict[str, list[Person]] = {}
    for person in people.persons:
        for span in person.mentions:
            root = span.root
            # "блогера Мовсара Ташуева", not "жена журналиста Севиндж Рустамова"
            nouns = [doc[span.start - 1]] if span.start > 0 and _agree_in_case(doc[span.start - 1], root) else []
            while root.dep_ == "flat:name" and root.head.i != root.i:
                root = root.head
            if root.dep_ == "appos":
                nouns.append(root.head)
            for noun in nouns:
                if noun.pos_ == "NOUN" and "Anim" in noun.morph.get("Animacy") and not people.at(noun.i):
                    persons = found.setdefault(_descriptor_lemma(noun), [])
                    if person not in persons:
                        persons.append(person)
    return found


def _headline_descriptors(doc: Doc, people: People, found: dict[str, list[Person]]) -> dict[str, list[Person]]:
    """A headline that names nobody calls its subject by a noun ("отпустил российского
    дезертира"), and the story then names them: in the story, the noun stands for the first
    person the article names, unless the article uses it for someone else. (In the headline
    itself it may be one of several: "выдала одного белоруса и отказалась выдавать другую".)"""
    if not people.persons or not len(doc):
        return {}
    headline = next(iter(doc.sents))
    if any(people.at(token.i) for token in headline):
        return {}
    first = min(people.persons, key=lambda person: person.mentions[0].start)
    return {_descriptor_lemma(noun): [first] for noun in headline
            if noun.pos_ == "NOUN" and "Anim" in noun.morph.get("Animacy") and "Sing" in noun.morph.get("Number")
            and _descriptor_lemma(noun) not in found}


def _descriptor_lemma(token: Token) -> str:
    return token.lemma_.lower().split("-")[0]


def _salience(span: Span) -> int:
    root = span.root
    while root.dep_ in ("flat:name", "appos", "flat") and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj"):
        return 2
    return 0 if root.dep_ == "nmod" else 1


def _is_source(token: Token) -> bool:
    return token.head.lemma_.lower() in SOURCE_LEMMAS and token.head.i != token.i


# Words that stand for part of a group: "большинство из них отпустили".
GROUP_LEMMAS = {"большинство", "часть", "ряд", "множество", "десяток", "сотня", "группа", "многие",
                "несколько", "остальной"}


def _is_group(token: Token) -> bool:
    """A plural noun or a counted group as the object: "70 иностранцев", "граждан РФ",
    "большинство из них"."""
    if token.lemma_.lower() in GROUP_LEMMAS:
        return True
    if token.pos_ not in ("NOUN", "NUM"):
        return False
    return token.pos_ == "NUM" or "Plur" in token.morph.get("Number") or \
        any(child.pos_ == "NUM" or child.dep_ == "nummod" for child in token.children)


# "Абдуллаев сидит в СИЗО под экстрадиционным арестом": the subject of being held does nothing.
HELD_LEMMAS = {"сидеть", "находиться", "содержаться", "оставаться", "остаться", "оказаться"}


def _is_agent_of(subject: Token, verb: Token) -> bool:
    """An nsubj of an active verb acts, unless the numbers clash or it is not nominative:
    in "Ковальчук задержали" a singular cannot be the subject of the plural verb, so it is
    the object misparsed."""
    if not _is_active_verb(verb) or verb.lemma_.lower() in HELD_LEMMAS:
        return False
    case = subject.morph.get("Case")
    if case and case != ["Nom"]:  # "отказала в экстрадиции … Свидетеля Иеговы Геннадия Лазарева"
        return False
    verb_number, subject_number = verb.morph.get("Number"), subject.morph.get("Number")
    return not (verb_number == ["Plur"] and subject_number == ["Sing"])


def _is_active_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and "Act" in token.morph.get("Voice") and \
        "Part" not in token.morph.get("VerbForm")

