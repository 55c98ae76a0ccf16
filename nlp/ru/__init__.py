"""The Russian pipeline: natasha NER/morphology/syntax wrapped as spaCy components,
nominative person names, and Russian extradition events.

    from nlp.ru.pipeline import build_ru_pipeline
    nlp = build_ru_pipeline()
    doc = nlp.make_doc(text); doc._.exwatch_published = date(2025, 4, 3)
    for _, proc in nlp.pipeline: doc = proc(doc)
"""
