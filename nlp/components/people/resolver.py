"""`exwatch_people`: the people of one article and every token that refers to them.

Names come from the NER (PERSON), cleaned of titles and possessives and filtered of NER
mistakes (`names`), plus the names it missed or mislabelled (`missed_names`); one `Person`
per individual (`linking`). Surnames, pronouns ("he", "her"), definite role nouns ("the
activist") and groups ("them") are resolved to the fullest name seen (`surnames`,
`pronouns`, `nominals`, `groups`), and a quotation's "I" to its speaker (`quotes`). Officials, lawyers and spokespeople are marked
(`officials`): the events component never makes them subjects.

The resolution is kept on `doc._.exwatch_people_index` (a `PeopleIndex`) for the events
component; `doc._.exwatch_people` gets the `PersonMention` list (all role OTHER here:
the events component promotes the people events happen to).
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.components.lexicon import word_sets
from nlp.components.people.gender import Gender
from nlp.components.people.groups import add_group_references
from nlp.components.people.index import PeopleIndex
from nlp.components.people.linking import NameLinker
from nlp.components.people.missed_names import NameFinder
from nlp.components.people.names import NameCleaner
from nlp.components.people.nominals import NominalMentions
from nlp.components.people.officials import Officials
from nlp.components.people.pronouns import PronounMentions
from nlp.components.people.quotes import QuoteSpeakers
from nlp.components.people.surnames import SurnameMentions
from nlp.extensions import register_extensions
from nlp.types import PersonMention, Role


class PeopleResolver:
    def __init__(self, words: dict[str, frozenset[str]], is_place: Callable[[str], bool] | None = None):
        self.words = words
        # is_place(term) -> bool: a country, demonym or capital is never a one-word name.
        self.is_place = is_place or (lambda term: False)
        self.cleaner = NameCleaner(words, self.is_place)
        self.finder = NameFinder(words, self.is_place, self.cleaner)
        self.officials = Officials(words)
        self.gender = Gender(words)
        self.linker = NameLinker(self.gender, self.officials)
        self.surnames = SurnameMentions(words, self.is_place, self.officials)
        self.pronouns = PronounMentions(self.gender)
        self.nominals = NominalMentions(words, self.gender)
        self.quotes = QuoteSpeakers()

    def __call__(self, doc: Doc) -> Doc:
        index = self.match(doc)
        self.set_annotations(doc, index)
        return doc

    def match(self, doc: Doc) -> PeopleIndex:
        # The order matters: bare surnames repeat names found first, latent spans are those no
        # name covers, and pronouns, role nouns and groups point back to people found before.
        index = PeopleIndex()
        for span in sorted(self.finder.candidates(doc), key=lambda s: s.start):
            self.linker.add_name(index, span)
        self.surnames.add(doc, index)
        self.finder.add_latent_names(doc, index)
        self.nominals.add_lede_nominal(doc, index)
        self.pronouns.add(doc, index)
        self.nominals.add(doc, index)
        self.quotes.add(doc, index)
        add_group_references(doc, index, self.words.get("pair_noun", frozenset()))
        return index

    def set_annotations(self, doc: Doc, index: PeopleIndex) -> None:
        doc._.exwatch_people_index = index
        doc._.exwatch_people = people_mentions(index, subjects=set())

    # The single steps, for tests and for callers that check one span.
    def clean(self, span: Span) -> Span | None:
        return self.cleaner.clean(span)

    def mislabelled_names(self, doc: Doc) -> list[Span]:
        return self.finder.mislabelled_names(doc)

    def gender_of(self, span: Span) -> str | None:
        return self.gender.of_name(span)

    def is_official(self, span: Span) -> bool:
        return self.officials.is_official(span)


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
