"""`exwatch_people`: the people of one article and every token that refers to them.

Importing this package registers the spaCy factory `exwatch_people` (see `resolver`).
Every name other modules use is importable from here, as it was when this was one file.
"""
from nlp.components.people.index import Mention, PeopleIndex, Person, compatible_gender
from nlp.components.people.resolver import (
    LATENT_LABELS,
    MAX_NAME_TOKENS,
    NAME_LABELS,
    PeopleResolver,
    make_people,
    people_mentions,
    register_people_extension,
)

__all__ = [
    "LATENT_LABELS",
    "MAX_NAME_TOKENS",
    "NAME_LABELS",
    "Mention",
    "PeopleIndex",
    "PeopleResolver",
    "Person",
    "compatible_gender",
    "make_people",
    "people_mentions",
    "register_people_extension",
]
