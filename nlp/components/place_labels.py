"""`exwatch_place_labels`: entities the NER called a person or organisation that are places.

The small English model tags "Ashgabat", "Grozny" or "Yerevan" PERSON now and then; a
place taken for a person becomes a pronoun's antecedent and breaks "flown to Ashgabat"
(a place node the trigger patterns want as GPE). Every PERSON, ORG or NORP entity whose
whole text is a country, capital or city of `nlp/data/countries.jsonl` is relabelled GPE.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

RELABELLED = ("PERSON", "ORG")


class PlaceLabels:
    def __init__(self, language: str = "en"):
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        from nlp.countries import lookup

        ents, changed = [], False
        for ent in doc.ents:
            if ent.label_ in RELABELLED and lookup(ent.text, self.language):
                ents.append(Span(doc, ent.start, ent.end, label="GPE"))
                changed = True
            else:
                ents.append(ent)
        if changed:
            doc.ents = ents
        return doc


@Language.factory("exwatch_place_labels", default_config={"language": "en"})
def make_place_labels(nlp: Language, name: str, language: str) -> PlaceLabels:
    return PlaceLabels(language)
