"""spaCy components of the English pipeline, registered as `exwatch_*` factories.

Importing this package registers the factories (see `nlp.pipeline.build_pipeline`).
"""
from nlp.components import events, people, place_labels, prefilter, sentences  # noqa: F401  (registration)
