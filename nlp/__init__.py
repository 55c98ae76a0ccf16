"""People and extradition events in news text (English and Russian).

Text in, people and events out: nothing here knows about Scrapy or SQLite.

    from nlp import analyze
    analysis = analyze(text, title=title, published=date(2025, 2, 10), language="en")

`analyze` is implemented in `nlp.api`; the spaCy pipelines are built by
`nlp.pipeline.build_pipeline(lang)`.
"""
from nlp.types import Analysis, DatePrecision, EventMention, PersonMention, Role, Stage

__all__ = ["Analysis", "DatePrecision", "EventMention", "PersonMention", "Role", "Stage", "analyze"]


def analyze(text, *, title="", published=None, language="en"):
    from nlp.api import analyze as _analyze

    return _analyze(text, title=title, published=published, language=language)
