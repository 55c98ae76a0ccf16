"""Lemma patterns from ru_triggers.jsonl, on hand-built docs (no natasha needed)."""
import spacy
from spacy.tokens import Doc, Span

from nlp.ru.lexicon import TriggerPattern, trigger_patterns
from nlp.ru.triggers import find_triggers
from nlp.types import Stage


def make_doc(pairs, ents=()):
    """pairs: (word, lemma); ents: (start, end, label) token spans."""
    vocab = spacy.blank("ru").vocab
    words = [w for w, _ in pairs]
    doc = Doc(vocab, words=words, lemmas=[lemma for _, lemma in pairs],
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def stages(doc):
    return [m.pattern.stage for m in find_triggers(doc, trigger_patterns())]


def test_inflected_forms_match_through_their_lemma():
    doc = make_doc([("Его", "он"), ("задержали", "задержать"), (".", ".")])
    assert stages(doc) == [Stage.DETAINED]


def test_refusal_beats_the_bare_extradition_words_it_contains():
    doc = make_doc([("Суд", "суд"), ("отказал", "отказать"), ("России", "россия"),
                    ("в", "в"), ("экстрадиции", "экстрадиция"), ("активистки", "активистка")])
    assert stages(doc) == [Stage.EXTRADITION_REFUSED]


def test_refugee_status_granted_beats_refugee_status():
    doc = make_doc([("Ей", "она"), ("предоставили", "предоставить"), ("статус", "статус"),
                    ("беженца", "беженец")])
    assert stages(doc) == [Stage.ASYLUM_GRANTED]


def test_words_too_far_apart_do_not_form_a_pattern():
    pattern = TriggerPattern(words=(frozenset({"передать"}), frozenset({"сторона"})),
                             stage=Stage.TRANSFERRED, window=1)
    near = make_doc([("передали", "передать"), ("российской", "российский"), ("стороне", "сторона")])
    far = make_doc([("передали", "передать"), ("документы", "документ"), ("и", "и"),
                    ("письма", "письмо"), ("стороне", "сторона")])
    assert len(find_triggers(near, (pattern,))) == 1
    assert find_triggers(far, (pattern,)) == []


def test_handing_out_a_passport_is_not_an_extradition():
    doc = make_doc([("Ему", "он"), ("выдали", "выдать"), ("паспорт", "паспорт")])
    assert stages(doc) == []


def test_delivered_to_needs_a_place():
    with_place = make_doc([("доставили", "доставить"), ("в", "в"), ("Челябинск", "челябинск")],
                          ents=[(2, 3, "LOC")])
    without = make_doc([("доставили", "доставить"), ("в", "в"), ("больницу", "больница")])
    assert stages(with_place) == [Stage.TRANSFERRED]
    assert stages(without) == []


def test_an_appeal_counts_only_in_an_extradition_sentence():
    about_extradition = make_doc([("апелляцию", "апелляция"), ("на", "на"), ("экстрадицию", "экстрадиция"),
                                  ("отклонили", "отклонить")])
    plain = make_doc([("Суд", "суд"), ("отклонил", "отклонить"), ("жалобу", "жалоба"), ("защиты", "защита")])
    assert stages(about_extradition) == [Stage.EXTRADITION_ORDERED]
    assert stages(plain) == []


def test_every_lexicon_row_loads_with_a_known_stage():
    patterns = trigger_patterns()
    assert len(patterns) > 40
    assert {p.stage for p in patterns} == set(Stage)
    assert all(0 <= p.anchor < len(p.words) for p in patterns)
