"""`exwatch_people`: the people of one article and every token that refers to them.

Names come from the NER (PERSON), cleaned of titles and possessives and filtered of NER
mistakes; surnames, pronouns ("he", "her") and definite role nouns ("the activist") are
resolved to the fullest name seen. Officials, lawyers and spokespeople are marked: the
events component never makes them subjects.

The resolution is kept on `doc._.exwatch_people_index` (a `PeopleIndex`) for the events
component; `doc._.exwatch_people` gets the `PersonMention` list (all role OTHER here:
the events component promotes the people events happen to).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.components.lexicon import word_sets
from nlp.components.people.index import Mention, PeopleIndex, Person, compatible_gender
from nlp.extensions import register_extensions
from nlp.types import PersonMention, Role

NAME_LABELS = ("PERSON",)
LATENT_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT")
MAX_NAME_TOKENS = 4


class PeopleResolver:
    def __init__(self, words: dict[str, frozenset[str]], is_place=None):
        self.words = words
        # is_place(term) -> bool: a country, demonym or capital is never a one-word name.
        self.is_place = is_place or (lambda term: False)

    def __call__(self, doc: Doc) -> Doc:
        index = self.match(doc)
        self.set_annotations(doc, index)
        return doc

    # ------------------------------------------------------------------ matching
    def match(self, doc: Doc) -> PeopleIndex:
        index = PeopleIndex()
        for span in sorted(self.name_candidates(doc), key=lambda s: s.start):
            self.add_name(index, span)
        self.add_surname_mentions(doc, index)
        self.add_latent_names(doc, index)
        self.add_lede_nominal(doc, index)
        self.add_pronouns(doc, index)
        self.add_nominals(doc, index)
        self.add_group_references(doc, index)
        return index

    def add_group_references(self, doc: Doc, index: PeopleIndex) -> None:
        """'Orazov and Hojayev were detained ... orders against them': the last named pair."""
        last_group, last_sentence = None, None
        for token in doc:
            if token.i in index.by_token and any(c.dep_ == "cc" for c in token.children):
                members = {index.by_token[token.i]}
                members |= {index.by_token[c.i] for c in token.children
                            if c.dep_ in ("conj", "nmod") and c.i in index.by_token}
                members |= {index.by_token[c.i] for c in token.conjuncts if c.i in index.by_token}
                people = tuple(sorted(k for k in members if not index.person(k).official))
                if len(people) > 1:
                    last_group, last_sentence = people, token.sent.start
            elif last_group and self.is_group_reference(token):
                sentences_back = len({t.sent.start for t in doc[last_sentence:token.i + 1]})
                if sentences_back <= 3:
                    index.groups[token.i] = last_group
                elif self.is_counted_pair(token):
                    self.add_recent_pair(doc, index, token)
            elif self.is_counted_pair(token):
                self.add_recent_pair(doc, index, token)

    @staticmethod
    def is_counted_pair(token: Token) -> bool:
        """'both brothers', 'the two men', 'the couple'."""
        if token.lower_ in ("couple", "pair") and any(c.lower_ == "the" for c in token.children):
            return True
        return token.tag_ == "NNS" and any(c.lower_ in ("both", "two") for c in token.children)

    @staticmethod
    def add_recent_pair(doc: Doc, index: PeopleIndex, token: Token) -> None:
        """'Firuz Nazarov ..., while his brother Jamshed Nazarov ... Both brothers were detained':
        the two people named in the sentence before or this one, when exactly two are."""
        start = token.sent.start
        earliest = doc[start - 1].sent.start if start > 0 else start
        named = []
        for mention in index.mentions:
            if earliest <= mention.start < token.i and mention.kind == "name":
                person = index.person(mention.person)
                if not person.official and person.key not in named:
                    named.append(person.key)
        if len(named) == 2:
            index.groups[token.i] = tuple(sorted(named))

    @staticmethod
    def is_group_reference(token: Token) -> bool:
        lower = token.lower_
        if lower in ("them", "both", "couple", "pair"):
            return True
        return token.tag_ == "NNS" and any(c.lower_ in ("both", "two") for c in token.children)

    def name_candidates(self, doc: Doc) -> list[Span]:
        spans, covered = [], set()
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                span = self.clean(ent)
                if span is not None:
                    spans.append(span)
                    covered.update(range(span.start, span.end))
        extra = self.age_apposition_names(doc) + self.role_apposition_names(doc) + self.mislabelled_names(doc)
        for span in extra:
            if not covered.intersection(range(span.start, span.end)):
                spans.append(span)
                covered.update(range(span.start, span.end))
        return spans

    def age_apposition_names(self, doc: Doc) -> list[Span]:
        """'Orazov, 36, was ...': a capitalised word or two before ', <age>,' is a person."""
        spans = []
        for token in doc[2:-1]:
            if not (token.like_num and doc[token.i - 1].text == "," and doc[token.i + 1].text == ","):
                continue
            if not token.text.isdigit() or not 14 <= int(token.text) <= 99:
                continue
            span = self.name_span_ending_at(doc, token.i - 2)
            if span is not None:
                spans.append(span)
        return spans

    def mislabelled_names(self, doc: Doc) -> list[Span]:
        """'Zelimkhan Bisultanov keeps a bag': two or three proper nouns the NER called a
        nationality (NORP) are a name when none of them is a country or demonym word; so are
        proper nouns it called an organisation or place right after a role noun ("blogger
        Pavel Orlov"), or whose last word comes back alone later ("Mahmadali Rasulov" ...
        "Rasulov"), as a surname does and an organisation's last word does not."""
        spans = []
        for ent in doc.ents:
            if ent.label_ not in LATENT_LABELS or not 2 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" for t in ent):
                continue
            if ent.label_ != "NORP" and not self.after_role_noun(ent) and not _surname_recurs(ent):
                continue
            span = self.plausible_latent(ent)
            if span is not None and len(span) > 1:
                spans.append(span)
        return spans

    def after_role_noun(self, span: Span) -> bool:
        if span.start == 0:
            return False
        before = span.doc[span.start - 1]
        return before.pos_ == "NOUN" and (before.lower_ in self.words["subject_noun"] or before.lower_ in self.words["official"])

    def role_apposition_names(self, doc: Doc) -> list[Span]:
        """'Kirill Obukhov, a 24-year-old contract soldier': the NER missed a name that an
        apposition of a person noun describes."""
        spans = []
        for token in doc:
            if not _name_like_noun(token) or token.ent_type_ == "PERSON" or token.dep_ == "compound":
                continue  # an ORG or NORP label is a NER slip when a person noun describes the word
            described = any(
                c.dep_ == "appos" and c.i > token.i and c.lower_ in self.words["subject_noun"] for c in token.children
            )
            if described:
                span = self.name_span_ending_at(doc, token.i)
                if span is not None and len(span) > 1:
                    spans.append(span)
        return spans

    def name_span_ending_at(self, doc: Doc, end_index: int) -> Span | None:
        start = end_index
        while start >= 0 and end_index - start < 3 and _name_like_noun(doc[start]) and _looks_like_name_word(doc[start].text):
            start -= 1
        if start == end_index:
            return None
        span = doc[start + 1:end_index + 1]
        return self.plausible_latent(span)

    def plausible_latent(self, span: Span) -> Span | None:
        cleaned = self.clean(span)
        if cleaned is None:
            return None
        if any(t.lower_ in self.words["org_word"] for t in cleaned):
            return None
        if any(self.is_place(t.text) for t in cleaned) or self.is_place(cleaned.text):
            return None
        return cleaned

    def add_latent_names(self, doc: Doc, index: PeopleIndex) -> None:
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS or index.by_token.keys() & set(range(ent.start, ent.end)):
                continue
            if ent.label_ not in LATENT_LABELS:
                continue
            span = self.plausible_latent(ent)
            if span is None or len(span) > 3:
                continue
            words = tuple(_strip_possessive(t.text) for t in span)
            for i in range(span.start, span.end):
                index.latent[i] = (span.start, span.end, words)

    def add_lede_nominal(self, doc: Doc, index: PeopleIndex) -> None:
        """'A Chechen man who says he fled ...' in the lede is the first person named after it."""
        first_name = min((m.start for m in index.mentions), default=None)
        for token in doc:
            if first_name is not None and token.i >= first_name:
                return
            role_noun = token.lower_ in self.words["subject_noun"] or (token.ent_type_ == "NORP" and token.pos_ != "ADJ")
            if not role_noun or token.tag_ in ("NNS", "NNPS") or token.dep_ == "compound":
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            following = [m for m in index.mentions if m.start > token.i and m.kind == "name"]
            if (following and following[0].start - token.i < 120 and not index.person(following[0].person).official
                    and len(index.person(following[0].person).tokens) > 1):
                index.add_mention(Mention(token.i, token.i + 1, following[0].person, "nominal"))
            return

    def clean(self, span: Span) -> Span | None:
        """Strip titles and possessives; None when the span is not a plausible name."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].lower_ in self.words["title"] or not doc[start].is_alpha):
            start += 1
        while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
            end -= 1
        if start >= end or end - start > MAX_NAME_TOKENS:
            return None
        tokens = doc[start:end]
        if any(t.lower_ in self.words["not_name"] or t.lower_ in self.words["org_word"] for t in tokens):
            return None
        if end - start == 1 and _is_label(doc[start]):
            return None  # "Background: in 2019 ...", "Contact:": a paragraph label
        if any(len(t.text) > 1 and t.text.isupper() for t in tokens):
            return None  # an acronym: "CBP", "FSB"
        if not all(_looks_like_name_word(t.text) for t in tokens):
            return None
        if len(tokens) == 1 and self.is_place(tokens.text):
            return None
        if end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end].lower_ in self.words["org_word"]:
            return None  # "Shirak province", "Nubarashen detention centre": a place or a body named after it
        if start > 0 and self.is_missed_first_name(doc[start - 1]) and end - start < MAX_NAME_TOKENS:
            return doc[start - 1:end]  # "Akmal Rustamov" with only "Rustamov" tagged
        return tokens

    def is_missed_first_name(self, token: Token) -> bool:
        return (token.pos_ == "PROPN" and not token.ent_type_ and _looks_like_name_word(token.text)
                and token.lower_ not in self.words["title"] and token.lower_ not in self.words["not_name"]
                and token.lower_ not in self.words["official"] and not self.is_place(token.text))

    def add_name(self, index: PeopleIndex, span: Span) -> Person:
        words = tuple(_strip_possessive(t.text) for t in span)
        person = self.find_person(index, words, span.start)
        if person is None:
            person = Person(key=len(index.people), tokens=words)
            index.people.append(person)
        elif len(words) > len(person.tokens):
            person.tokens = words
        person.variants.add(span.text)
        person.gender = person.gender or self.gender_of(span)
        person.official = person.official or self.is_official(span)
        index.add_mention(Mention(span.start, span.end, person.key, "name"))
        return person

    def find_person(self, index: PeopleIndex, words: tuple[str, ...], position: int) -> Person | None:
        lower = tuple(w.lower() for w in words)
        if len(lower) > 1:
            for person in index.people:
                theirs = person.lower_tokens
                if theirs == lower:
                    return person
                # "Solovtsov" seen first, "Artyom Solovtsov" now: the same person, fuller name.
                if len(theirs) == 1 and theirs[0] == lower[-1]:
                    return person
                if len(theirs) > 1 and theirs[0] == lower[0] and theirs[-1] == lower[-1]:
                    return person
            return None
        candidates = [p for p in index.people if lower[0] in p.lower_tokens]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        return self.most_mentioned(index, candidates, position)

    @staticmethod
    def most_mentioned(index: PeopleIndex, candidates: list[Person], position: int) -> Person:
        """An ambiguous surname ("Karataş" of Selim or Ayşe) is the most talked-about bearer."""
        counts = {p.key: 0 for p in candidates}
        for mention in index.mentions:
            if mention.person in counts and mention.start < position:
                counts[mention.person] += 1
        non_official = [p for p in candidates if not p.official] or candidates
        return max(non_official, key=lambda p: (counts[p.key], -p.key))

    @staticmethod
    def nearest_before(index: PeopleIndex, candidates: list[Person], position: int) -> Person:
        keys = {p.key for p in candidates}
        for mention in reversed(index.mentions):
            if mention.start < position and mention.person in keys and mention.kind == "name":
                return index.people[mention.person]
        return candidates[0]

    def add_surname_mentions(self, doc: Doc, index: PeopleIndex) -> None:
        """Name words the NER missed or mislabelled ("Solovtsov" as GPE) after the full name."""
        known = {}
        for person in index.people:
            for word in person.lower_tokens:
                if len(word) > 2:
                    known.setdefault(word, []).append(person)
        for token in doc:
            if token.i in index.by_token or token.lower_ not in known or not token.text[:1].isupper():
                continue
            candidates = known[token.lower_]
            person = candidates[0] if len(candidates) == 1 else self.most_mentioned(index, candidates, token.i)
            start, end = token.i, token.i + 1
            # Extend over the rest of the name when written in full ("Artyom Solovtsov").
            while start > 0 and doc[start - 1].lower_ in person.lower_tokens and doc[start - 1].i not in index.by_token:
                start -= 1
            if (len(person.tokens) == 1 and start > 0 and doc[start - 1].i not in index.by_token
                    and doc[start - 1].pos_ == "PROPN" and _looks_like_name_word(doc[start - 1].text)
                    and doc[start - 1].lower_ not in self.words["title"] and not self.is_place(doc[start - 1].text)):
                start -= 1
                person.tokens = (doc[start].text,) + person.tokens
            while end < len(doc) and doc[end].lower_ in person.lower_tokens and doc[end].i not in index.by_token:
                end += 1
            person.variants.add(doc[start:end].text)
            person.official = person.official or self.is_official(doc[start:end])
            index.add_mention(Mention(start, end, person.key, "name"))

    def add_pronouns(self, doc: Doc, index: PeopleIndex) -> None:
        for token in doc:
            gender = self.pronoun_gender(token)
            if gender is None:
                continue
            person = self.antecedent(doc, index, token, gender)
            if person is not None:
                index.add_mention(Mention(token.i, token.i + 1, person.key, "pronoun"))

    def antecedent(self, doc: Doc, index: PeopleIndex, pronoun: Token, gender: str) -> Person | None:
        """Earlier in the pronoun's sentence, then sentence by sentence backwards: the person in
        subject position first, else the first one named. An object pronoun never points to
        the subject of its own verb ("Ayşe reported him missing")."""
        governor = _adverbial_governor_subject(index, pronoun, gender)
        if governor is not None:
            return governor
        sentence = pronoun.sent
        excluded = set()
        if pronoun.dep_ in ("dobj", "dative", "pobj"):
            verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    excluded.update(t.i for t in child.subtree)
        for _ in range(4):
            candidates = []
            for mention in index.mentions:
                if not (sentence.start <= mention.start < sentence.end) or mention.start >= pronoun.i:
                    continue
                if mention.start in excluded:
                    continue
                person = index.person(mention.person)
                if person.official or not compatible_gender(person.gender, gender):
                    continue
                candidates.append((mention, person))
            if candidates:
                # Hobbs-like: the mention highest in the tree (subjects a step higher), then the latest
                # in the pronoun's own sentence, the earliest in earlier ones.
                def rank(item):
                    mention, _ = item
                    span = doc[mention.start:mention.end]
                    depth = _depth(span.root) - (1 if _in_subject(span) else 0)
                    order = -mention.start if sentence == pronoun.sent else mention.start
                    return depth, order
                return min(candidates, key=rank)[1]
            if sentence.start == 0:
                return None
            sentence = doc[sentence.start - 1].sent
        return None

    def add_nominals(self, doc: Doc, index: PeopleIndex) -> None:
        described = self.descriptions(doc, index)
        for token in doc:
            if token.i in index.by_token or not self.is_definite_role_noun(token):
                continue
            gender = "m" if token.lower_ in self.words["male_noun"] else (
                "f" if token.lower_ in self.words["female_noun"] else None)
            person = self.described_before(index, described, token) or index.topic_before(token.i, gender)
            if person is not None:
                index.add_mention(Mention(token.i, token.i + 1, person.key, "nominal"))

    def descriptions(self, doc: Doc, index: PeopleIndex) -> dict[int, set[str]]:
        """Role nouns written with a name: "video blogger X", "X, a blogger" -> {"blogger"}."""
        described: dict[int, set[str]] = {}
        for mention in index.mentions:
            if mention.kind != "name":
                continue
            span = doc[mention.start:mention.end]
            nouns = [t for t in doc[max(mention.start - 3, 0):mention.start] if t.sent == span.sent]
            nouns += [c for c in span.root.children if c.dep_ == "appos"]
            if span.root.dep_ == "appos":
                nouns.append(span.root.head)
            words = {t.lower_ for t in nouns if t.lower_ in self.words["subject_noun"]}
            if words:
                described.setdefault(mention.person, set()).update(words)
        return described

    @staticmethod
    def described_before(index: PeopleIndex, described: dict[int, set[str]], token: Token) -> Person | None:
        """'The blogger' is the person introduced as a blogger, when only one was."""
        keys = {key for key, words in described.items()
                if token.lower_ in words and not index.person(key).official
                and any(m.person == key and m.start < token.i for m in index.mentions)}
        return index.person(keys.pop()) if len(keys) == 1 else None

    # ------------------------------------------------------------------ features
    def pronoun_gender(self, token: Token) -> str | None:
        if token.lower_ in self.words["male_pronoun"]:
            return "m"
        if token.lower_ in self.words["female_pronoun"]:
            return "f"
        return None

    def is_definite_role_noun(self, token: Token) -> bool:
        lower = token.lower_
        if not (lower in self.words["subject_noun"] or lower.endswith("year-old") or _age_noun(token)):
            return False
        if token.tag_ in ("NNS", "NNPS") or token.dep_ == "compound":
            return False
        return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "no", "every", "any")
                   for c in token.children)

    def gender_of(self, span: Span) -> str | None:
        doc = span.doc
        root = span.root
        related = [root.head] if root.dep_ == "appos" else []
        related += [c for c in root.children if c.dep_ in ("appos", "compound")]
        for word in related:
            if word.lower_ in self.words["male_noun"]:
                return "m"
            if word.lower_ in self.words["female_noun"]:
                return "f"
        if span.start > 0:
            before = doc[span.start - 1].lower_
            if before in self.words["male_title"]:
                return "m"
            if before in self.words["female_title"]:
                return "f"
        words = [t.lower_ for t in span]
        first, last = words[0], words[-1]
        votes = []
        if len(words) > 1:
            if first.endswith("a") and first not in self.words["male_a_name"]:
                votes.append("f")
        if len(words) > 1 or not votes:
            if any(last.endswith(s) for s in self.words["female_surname_suffix"]):
                votes.append("f")
            elif any(last.endswith(s) for s in self.words["male_surname_suffix"]):
                votes.append("m")
        if votes and all(v == votes[0] for v in votes):
            return votes[0]
        return None

    def is_official(self, span: Span) -> bool:
        """A title or role word right before the name, or in apposition to it."""
        doc = span.doc
        if _is_byline(span):
            return True  # "By Aliya Serikbayeva": the author, never a subject
        officials = self.words["official"]
        i, steps = span.start - 1, 0
        while i >= 0 and steps < 6 and doc[i].sent == span.sent:
            token = doc[i]
            if token.lower_ in officials:
                if token.lower_ in self.words["always_official"]:
                    return True
                return not self.former_role(doc, i)
            # "Director of Public Prosecution Eva-Marie Persson": a title's "of" phrase and a
            # hyphenated first name are crossed
            title_word = token.lower_ in ("of", "the") and steps > 0
            joined = token.text == "-" and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
            if token.lower_ in self.words["subject_noun"] or (
                    token.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "PART") and not title_word):
                break
            if token.is_punct and token.text != "," and not joined:
                break
            i, steps = i - 1, steps + 1
        root = span.root
        if root.dep_ == "appos" and self.is_official_noun(root.head):
            return True
        for child in root.children:
            if child.dep_ == "appos" and self.is_official_noun(child) and _closed_by_punctuation(child):
                return True
        return False

    def former_role(self, doc: Doc, i: int) -> bool:
        """'a former Belarusian police officer', 'opposition leader': the role word's own
        modifiers, up to three words back, make it no office."""
        for j in range(i - 1, max(i - 4, -1), -1):
            if doc[j].lower_ in self.words["not_official_prefix"]:
                return True
            if doc[j].pos_ not in ("ADJ", "NOUN", "PROPN", "PART") or doc[j].lower_ in ("a", "an", "the"):
                return False
        return False

    def is_official_noun(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        if lemma not in self.words["official"]:
            return False
        if lemma in self.words["always_official"]:
            return True
        return not any(c.lower_ in self.words["not_official_prefix"] for c in noun.children)

    # ------------------------------------------------------------------ annotations
    def set_annotations(self, doc: Doc, index: PeopleIndex) -> None:
        doc._.exwatch_people_index = index
        doc._.exwatch_people = people_mentions(index, subjects=set())


def people_mentions(index: PeopleIndex, subjects: set[int]) -> list[PersonMention]:
    """PersonMentions in order of first mention; `subjects` holds the keys of event subjects."""
    seen, result = set(), []
    for mention in index.mentions:
        if mention.kind != "name" or mention.person in seen:
            continue
        seen.add(mention.person)
        person = index.people[mention.person]
        role = Role.SUBJECT if mention.person in subjects else Role.OTHER
        result.append(PersonMention(name=person.name, role=role, variants=tuple(sorted(person.variants))))
    return result


def _adverbial_governor_subject(index: PeopleIndex, pronoun: Token, gender: str) -> Person | None:
    """'Jamshed walked free after prosecutors declined to hand HIM over': an object pronoun
    in an adverbial clause is the named subject of the clause it modifies."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return None
    node, steps = pronoun, 0
    while node.dep_ != "advcl" and node.head != node and steps < 6:
        node, steps = node.head, steps + 1
    if node.dep_ != "advcl":
        return None
    for child in node.head.children:
        person = index.at(child) if child.dep_ in ("nsubj", "nsubjpass") else None
        if person is not None and not person.official and compatible_gender(person.gender, gender):
            return person
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _in_subject(span: Span) -> bool:
    node = span.root
    while node.dep_ in ("appos", "compound", "conj") and node.head != node:
        node = node.head
    return node.dep_ in ("nsubj", "nsubjpass")


def _closed_by_punctuation(noun: Token) -> bool:
    """An apposition set off by commas ("X, a former minister, said"), not a misparse."""
    end = max(t.i for t in noun.subtree if not t.is_space) + 1
    # a byline line "Caroline Hawley, BBC diplomatic correspondent" ends at the line break
    return end >= len(noun.doc) or noun.doc[end].is_punct or noun.doc[end].is_space


def _is_byline(span: Span) -> bool:
    doc = span.doc
    by = span.start - 1
    if by < 0 or doc[by].lower_ != "by":
        return False
    return by == 0 or doc[by - 1].is_space or "\n" in doc[by - 1].whitespace_


def _is_label(token: Token) -> bool:
    doc = token.doc
    line_start = token.i == 0 or doc[token.i - 1].is_space or "\n" in doc[token.i - 1].whitespace_
    return line_start and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"


def _surname_recurs(span: Span) -> bool:
    last = span[-1]
    for token in span.doc:
        if token.i < span.end or token.text != last.text:
            continue
        before = span.doc[token.i - 1]
        if before.text != span[-2].text and not (before.pos_ == "PROPN" and before.text[:1].isupper()):
            return True
    return False


def _age_noun(token: Token) -> bool:
    """'the 34-year-old', which the tokenizer splits into 34 - year - old."""
    doc = token.doc
    return (token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-"
            and doc[token.i - 2].lower_ in ("year", "years"))


def _name_like_noun(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside an entity ("Poltavets" tagged a plural NNPS)."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.ent_type_ not in ("", "DATE", "TIME") and token.text[:1].isupper()


def _looks_like_name_word(text: str) -> bool:
    text = _strip_possessive(text)
    return bool(text) and text[0].isupper() and all(c.isalpha() or c in "-'’." for c in text)


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _is_country_word(term: str) -> bool:
    try:
        from nlp.countries import lookup
    except ImportError:  # the countries module is optional for rule tests
        return False
    return lookup(term, "en") is not None


def register_people_extension() -> None:
    register_extensions()
    if not Doc.has_extension("exwatch_people_index"):
        Doc.set_extension("exwatch_people_index", default=None)


@Language.factory(
    "exwatch_people",
    default_config={"lexicon": "en_people.jsonl"},
    requires=["doc.ents", "token.dep", "token.tag"],
    assigns=["doc._.exwatch_people", "doc._.exwatch_people_index"],
)
def make_people(nlp: Language, name: str, lexicon: str) -> PeopleResolver:
    register_people_extension()
    return PeopleResolver(word_sets(lexicon), is_place=_is_country_word)
