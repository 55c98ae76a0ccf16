"""`exwatch_natasha`: natasha's morphology, syntax and NER written onto spaCy tokens.

natasha runs on the spaCy tokens and sentences themselves (not on its own segmentation),
so every natasha token is exactly one spaCy token and nothing needs aligning except the
NER spans, which natasha reports as character offsets.
"""
from __future__ import annotations

import numpy
from natasha.doc import Doc as NatashaDoc
from natasha.doc import DocSent, DocToken
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.extensions import register_extensions
from nlp.ru.models import morph_vocab, natasha_models
from nlp.ru.segment import sentence_spans

ENT_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


class NatashaAnnotator:
    def __init__(self, nlp: Language, name: str, parse_syntax: bool = True):
        register_extensions()
        self.name = name
        self.parse_syntax = parse_syntax

    def __call__(self, doc: Doc) -> Doc:
        if not doc._.exwatch_relevant or not doc.text.strip():
            return doc
        models = natasha_models()
        sents = _sentences(doc)
        ndoc = _natasha_doc(doc, sents)
        ndoc.tag_morph(models.morph_tagger)
        if self.parse_syntax:
            ndoc.parse_syntax(models.syntax_parser)
        vocab = morph_vocab()
        for ntoken in ndoc.tokens:
            ntoken.lemmatize(vocab)
        self._set_tokens(doc, ndoc)
        if self.parse_syntax:
            _set_syntax(doc, ndoc, sents)
        ndoc.tag_ner(models.ner_tagger)
        doc.ents = _entities(doc, ndoc)
        return doc

    @staticmethod
    def _set_tokens(doc: Doc, ndoc: NatashaDoc) -> None:
        for ntoken in ndoc.tokens:
            token = doc[ntoken.spacy_i]
            token.lemma_ = ntoken.lemma or ntoken.text.lower()
            token.pos_ = ntoken.pos or "X"
            token.set_morph(ntoken.feats or None)


def _sentences(doc: Doc) -> list[list[int]]:
    """Indices of the non-space tokens of each sentence (the doc's own, else razdel's)."""
    if doc.has_annotation("SENT_START"):
        groups = [[t.i for t in sent if not t.is_space] for sent in doc.sents]
    else:
        starts = {start for start, _ in sentence_spans(doc.text)}
        groups = []
        for token in doc:
            if token.is_space:
                continue
            if not groups or token.idx in starts:
                groups.append([])
            groups[-1].append(token.i)
    return [group for group in groups if group]


def _natasha_doc(doc: Doc, sents: list[list[int]]) -> NatashaDoc:
    ndoc = NatashaDoc(doc.text)
    ndoc.tokens, ndoc.sents = [], []
    for group in sents:
        tokens = []
        for i in group:
            token = doc[i]
            ntoken = DocToken(token.idx, token.idx + len(token.text), token.text)
            ntoken.spacy_i = i
            tokens.append(ntoken)
        first, last = doc[group[0]], doc[group[-1]]
        stop = last.idx + len(last.text)
        sent = DocSent(first.idx, stop, doc.text[first.idx:stop])
        sent.tokens = tokens
        ndoc.tokens.extend(tokens)
        ndoc.sents.append(sent)
    return ndoc


def _set_syntax(doc: Doc, ndoc: NatashaDoc, sents: list[list[int]]) -> None:
    """Heads and relations from natasha; space tokens hang off their left neighbour."""
    by_id = {ntoken.id: ntoken.spacy_i for ntoken in ndoc.tokens}
    heads = numpy.arange(len(doc), dtype="int32")  # absolute heads first
    deps = ["dep"] * len(doc)
    for ntoken in ndoc.tokens:
        i = ntoken.spacy_i
        head = by_id.get(ntoken.head_id, i)
        heads[i] = head
        deps[i] = "ROOT" if head == i or ntoken.rel == "root" else ntoken.rel
        if deps[i] == "ROOT":
            heads[i] = i
    for group in sents:
        _make_tree(group, heads, deps)
    sent_of = {i: group for group in sents for i in group}
    for token in doc:
        if token.i not in sent_of:  # whitespace, or a token outside every sentence
            heads[token.i] = token.i - 1 if token.i > 0 else token.i
            deps[token.i] = "dep" if token.i > 0 else "ROOT"
    array = numpy.zeros((len(doc), 2), dtype="uint64")
    array[:, 0] = (heads - numpy.arange(len(doc), dtype="int32")).astype("int64").astype("uint64")
    array[:, 1] = [doc.vocab.strings.add(dep) for dep in deps]
    doc.from_array([HEAD, DEP], array)


def _make_tree(group: list[int], heads, deps: list[str]) -> None:
    """natasha's parser may give a sentence several roots, none, or a cycle; spaCy needs one
    tree a sentence (an extra root would split the sentence, a cycle breaks `Span.root`)."""
    roots = [i for i in group if heads[i] == i]
    root = roots[0] if roots else group[0]
    heads[root], deps[root] = root, "ROOT"
    for extra in roots[1:]:
        heads[extra], deps[extra] = root, "parataxis"
    members = set(group)
    for i in group:
        seen = {i}
        current = i
        while heads[current] != current:
            nxt = heads[current]
            if nxt in seen or nxt not in members:  # a cycle: hang it off the root
                heads[current], deps[current] = root, "dep"
                break
            seen.add(nxt)
            current = nxt


def _entities(doc: Doc, ndoc: NatashaDoc) -> tuple:
    spans = []
    for nspan in ndoc.spans:
        label = ENT_LABELS.get(nspan.type)
        stop = _clip_to_line(doc.text, nspan.start, nspan.stop)
        span = doc.char_span(nspan.start, stop, label=label, alignment_mode="expand")
        span = _trim(span) if span is not None else None
        if label and span is not None:
            spans.append(span)
    return tuple(filter_spans(spans))


def _trim(span):
    """Drop leading and trailing tokens that are not words ("🔹 Абакарова")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and not any(c.isalnum() for c in doc[start].text):
        start += 1
    while end > start and not any(c.isalnum() for c in doc[end - 1].text):
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None


def _clip_to_line(text: str, start: int, stop: int) -> int:
    """natasha's NER reads the whole text and may run a name on into the next line
    ("Зуевой\nОпубликовано"); an entity ends where its line does."""
    newline = text.find("\n", start, stop)
    return stop if newline == -1 else newline


@Language.factory(
    "exwatch_natasha",
    default_config={"parse_syntax": True},
    requires=["doc._.exwatch_relevant"],
    assigns=["doc.ents", "token.lemma", "token.pos", "token.morph", "token.dep", "token.head"],
)
def make_natasha_annotator(nlp: Language, name: str, parse_syntax: bool) -> NatashaAnnotator:
    return NatashaAnnotator(nlp, name, parse_syntax=parse_syntax)
