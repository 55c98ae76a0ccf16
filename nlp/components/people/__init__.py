"""`exwatch_people`: the people of one article and every token that refers to them.

Importing this package registers the spaCy factory `exwatch_people` (`resolver`). The
modules, in the order the resolver runs them:

- `index`: `PeopleIndex`, `Person`, `Mention`, what the component produces;
- `names`: is a span a name (titles, possessives, NER slips);
- `missed_names`: names the NER missed or gave another label;
- `linking`: one `Person` per individual, however it is named;
- `officials`, `gender`: features of a person, read off the words around a name;
- `surnames`, `nominals`, `pronouns`, `groups`: later references to the people named.

Every name other modules import is importable from here, as when this was one file.
"""
from nlp.components.people.index import Mention, PeopleIndex, Person, compatible_gender
from nlp.components.people.missed_names import LATENT_LABELS, NAME_LABELS
from nlp.components.people.names import MAX_NAME_TOKENS
from nlp.components.people.resolver import PeopleResolver, make_people, people_mentions, register_people_extension

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
