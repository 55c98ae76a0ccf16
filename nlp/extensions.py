"""Custom attributes the exwatch components read and write on a spaCy `Doc`.

Both language pipelines (`en`, `ru`) fill the same attributes, so `nlp.api` turns
either into an `Analysis` the same way.
"""
from spacy.tokens import Doc

# name -> default. Lists default to None: a mutable default would be shared by every Doc.
DOC_EXTENSIONS = {
    "exwatch_published": None,  # datetime.date of publication, set before the pipeline runs
    "exwatch_relevant": True,  # set by the relevance prefilter
    "exwatch_people": None,  # list[nlp.types.PersonMention]
    "exwatch_events": None,  # list[nlp.types.EventMention]
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
