"""The Russian pipeline: natasha NER/morphology/syntax wrapped as spaCy components,
nominative person names, and Russian extradition events.

    from nlp.ru.pipeline import build_ru_pipeline
    nlp = build_ru_pipeline()          # exwatch_ru_relevance -> exwatch_natasha -> exwatch_ru_events
    doc = nlp.make_doc(text); doc._.exwatch_published = date(2025, 4, 3)
    for _, proc in nlp.pipeline: doc = proc(doc)
    doc._.exwatch_people, doc._.exwatch_events

Modules, in the order the text flows through them:
segment/tokenizer (razdel sentences and tokens, line breaks end sentences), relevance (cheap
prefilter), models + natasha_component (natasha, loaded once per process), names + people
(nominative names, one person per name), triggers (lemma patterns of ru_triggers.jsonl),
modality (feared, possible, denied, future), subjects (whom a trigger happens to, roles),
places (host and destination), clauses (what belongs with a trigger), event_dates and
anaphoric_dates (when), cases (one event per person and stage, one country pair per person),
events (the `exwatch_ru_events` component that ties them together).
"""
