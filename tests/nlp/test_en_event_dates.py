"""Which date belongs to which trigger (hand-built parses, no model)."""
import spacy
from spacy.tokens import Doc

from nlp.components.event_dates import assign_dates
from nlp.types import DatePrecision as P


def parsed(rows):
    words, heads, deps = zip(*rows)
    lemmas = [w.lower() for w in words]
    return Doc(spacy.blank("en").vocab, words=list(words), heads=list(heads), deps=list(deps), lemmas=lemmas)


def test_each_trigger_takes_the_date_hanging_from_it():
    # "arrested in April and extradited in May"
    doc = parsed([("arrested", 0, "ROOT"), ("in", 0, "prep"), ("April", 1, "pobj"), ("and", 0, "cc"),
                  ("extradited", 0, "conj"), ("in", 4, "prep"), ("May", 5, "pobj")])
    dates = [(doc[2:3], "2024-04", P.MONTH), (doc[6:7], "2024-05", P.MONTH)]
    assert assign_dates(dates, {0: [0, 0], 1: [4, 4]}) == {0: ("2024-04", P.MONTH), 1: ("2024-05", P.MONTH)}


def test_date_inside_a_relative_clause_dates_nothing():
    # "extradited X, who joined the 2020 protests"
    doc = parsed([("extradited", 0, "ROOT"), ("X", 0, "dobj"), ("who", 3, "nsubj"), ("joined", 1, "relcl"),
                  ("2020", 5, "nummod"), ("protests", 3, "dobj")])
    assert assign_dates([(doc[4:5], "2020", P.YEAR)], {0: [0, 0]}) == {}


def test_report_date_is_not_the_event_date():
    # "X was detained, police said on Monday"
    doc = parsed([("X", 2, "nsubjpass"), ("was", 2, "auxpass"), ("detained", 5, "ccomp"), ("police", 5, "nsubj"),
                  (",", 5, "punct"), ("said", 5, "ROOT"), ("on", 5, "prep"), ("Monday", 6, "pobj")])
    assert assign_dates([(doc[7:8], "2025-03-03", P.DAY)], {0: [2, 2]}, frozenset({"said"})) == {}


def test_date_on_governing_verb_dates_the_trigger_below():
    # "ruled on Tuesday that the extradition was inadmissible"
    doc = parsed([("ruled", 0, "ROOT"), ("on", 0, "prep"), ("Tuesday", 1, "pobj"), ("that", 6, "mark"),
                  ("extradition", 6, "nsubj"), ("was", 6, "cop"), ("inadmissible", 0, "ccomp")])
    assert assign_dates([(doc[2:3], "2025-04-15", P.DAY)], {0: [6, 4]}) == {0: ("2025-04-15", P.DAY)}


def test_report_date_below_the_trigger_is_still_the_report_date():
    # "X remains in custody, his wife said on Wednesday" (the parser hangs "said" below "remains")
    doc = parsed([("X", 1, "nsubj"), ("remains", 1, "ROOT"), ("in", 1, "prep"), ("custody", 2, "pobj"),
                  ("wife", 5, "nsubj"), ("said", 1, "advcl"), ("on", 5, "prep"), ("Wednesday", 6, "pobj")])
    dates = [(doc[7:8], "2025-09-17", P.DAY)]
    assert assign_dates(dates, {0: [1, 3]}, frozenset({"said"})) == {}
    assert assign_dates(dates, {0: [1, 3]}) == {0: ("2025-09-17", P.DAY)}  # not a report: the date climbs


def sentences(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return list(nlp(text).sents)


def test_offset_counts_from_the_nearest_earlier_dated_sentence():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    sents = sentences("The trouble started in February. Police detained him at his flat. "
                      "He applied for protection the same month.")
    found = sentence_dates(sents[2], dt.date(2025, 6, 20), "en")
    assert [(span.text, value, precision) for span, value, precision in found] == [
        ("the same month", "2025-02", P.MONTH)]
    # an exact day in the nearest dated sentence wins over its coarser dates
    sents = sentences("He was deported on 18 June and charged in June. A court remanded him the next day.")
    assert [value for _, value, _ in sentence_dates(sents[1], dt.date(2025, 6, 20), "en")] == ["2025-06-19"]


def test_a_short_time_setting_sentence_dates_the_undated_trigger_next_to_it():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    # "It came in October : Lithuania granted him asylum ."
    words = ["It", "came", "in", "October", ":", "Lithuania", "granted", "him", "asylum", "."]
    heads = [1, 1, 1, 2, 1, 6, 6, 6, 6, 6]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT", "dative", "dobj", "punct"]
    lemmas = ["it", "come", "in", "October", ":", "Lithuania", "grant", "he", "asylum", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    granted = list(doc.sents)[1]
    dates = sentence_dates(granted, dt.date(2024, 11, 20), "en")
    assert [(value, precision) for _, value, precision in dates] == [("2024-10", P.MONTH)]
    assert assign_dates(dates, {0: [6, 8]}) == {0: ("2024-10", P.MONTH)}
    # a sentence that does more than set the time lends nothing
    lemmas[1] = "leave"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    assert sentence_dates(list(doc.sents)[1], dt.date(2024, 11, 20), "en") == []


def test_a_dated_document_dates_the_trigger_it_hangs_from():
    # "requested his extradition in a letter dated 15 October" / "... in a letter written on 15 October"
    rows = [("requested", 0, "ROOT"), ("extradition", 0, "dobj"), ("in", 0, "prep"), ("letter", 2, "pobj"),
            ("dated", 3, "acl"), ("15", 6, "nummod"), ("October", 4, "npadvmod")]
    dates = lambda doc: [(doc[5:7], "2024-10-15", P.DAY)]  # noqa: E731
    doc = parsed(rows)
    assert assign_dates(dates(doc), {0: [0, 1]}) == {0: ("2024-10-15", P.DAY)}
    doc = parsed([*rows[:4], ("written", 3, "acl"), *rows[5:]])
    assert assign_dates(dates(doc), {0: [0, 1]}) == {}


def test_the_next_sentence_that_dates_the_decision_dates_an_undated_trigger():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    # "The ministry ordered his deportation . The decision was signed on 15 October ."
    words = ["The", "ministry", "ordered", "his", "deportation", ".",
             "The", "decision", "was", "signed", "on", "15", "October", "."]
    heads = [1, 2, 2, 4, 2, 2, 7, 9, 9, 9, 9, 12, 10, 9]
    deps = ["det", "nsubj", "ROOT", "poss", "dobj", "punct",
            "det", "nsubjpass", "auxpass", "ROOT", "prep", "nummod", "pobj", "punct"]
    lemmas = [w.lower() for w in words]
    lemmas[9] = "sign"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    ordered = list(doc.sents)[0]
    dates = sentence_dates(ordered, dt.date(2024, 10, 20), "en")
    assert assign_dates(dates, {0: [2, 4]}) == {0: ("2024-10-15", P.DAY)}
    lemmas[7] = "lawyer"  # "The lawyer was signed on ...": not the decision
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    assert sentence_dates(list(doc.sents)[0], dt.date(2024, 10, 20), "en") == []


def test_the_date_of_the_offence_is_not_the_date_of_the_charge():
    # "charged with organising protests in 2020" / "charged in 2020 with organising protests"
    doc = parsed([("charged", 0, "ROOT"), ("with", 0, "prep"), ("organising", 1, "pcomp"), ("protests", 2, "dobj"),
                  ("in", 2, "prep"), ("2020", 4, "pobj")])
    assert assign_dates([(doc[5:6], "2020", P.YEAR)], {0: [0, 0]}) == {}
    doc = parsed([("charged", 0, "ROOT"), ("in", 0, "prep"), ("2020", 1, "pobj"), ("with", 0, "prep"),
                  ("organising", 3, "pcomp"), ("protests", 4, "dobj")])
    assert assign_dates([(doc[2:3], "2020", P.YEAR)], {0: [0, 0]}) == {0: ("2020", P.YEAR)}


def tagged(rows):
    words, heads, deps, tags, lemmas = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), heads=list(heads), deps=list(deps), tags=list(tags),
               lemmas=list(lemmas))


def test_a_present_state_takes_only_the_date_it_started():
    # "A court on Tuesday fined him, but he remains in custody"
    rows = [("court", 2, "nsubj", "NN", "court"), ("Tuesday", 2, "npadvmod", "NNP", "Tuesday"),
            ("fined", 2, "ROOT", "VBD", "fine"), ("him", 2, "dobj", "PRP", "he"), ("but", 2, "cc", "CC", "but"),
            ("he", 6, "nsubj", "PRP", "he"), ("remains", 2, "conj", "VBZ", "remain"),
            ("in", 6, "prep", "IN", "in"), ("custody", 7, "pobj", "NN", "custody")]
    doc = tagged(rows)
    assert assign_dates([(doc[1:2], "2025-01-21", P.DAY)], {0: [6, 8]}) == {}
    # "he remained in custody on Tuesday" is a past fact and keeps its date
    past = [*rows[:6], ("remained", 2, "conj", "VBD", "remain"), *rows[7:]]
    doc = tagged(past)
    assert assign_dates([(doc[1:2], "2025-01-21", P.DAY)], {0: [6, 8]}) == {0: ("2025-01-21", P.DAY)}
    # "is held in Astana since 15 March": the start of the state is its date
    doc = tagged([("he", 2, "nsubjpass", "PRP", "he"), ("is", 2, "auxpass", "VBZ", "be"),
                  ("held", 2, "ROOT", "VBN", "hold"), ("since", 2, "prep", "IN", "since"),
                  ("15", 5, "nummod", "CD", "15"), ("March", 3, "pobj", "NNP", "March")])
    assert assign_dates([(doc[3:6], "2025-03-15", P.DAY)], {0: [2, 2]}) == {0: ("2025-03-15", P.DAY)}
    assert assign_dates([(doc[4:6], "2025-03-15", P.DAY)], {0: [2, 2]}) == {}  # "15 March" alone


def test_the_ruling_was_made_on_friday_dates_the_ruling_before_it():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    # "The court has ruled that he can be extradited . The ruling was made on Friday ."
    words = ["The", "court", "has", "ruled", "that", "he", "can", "be", "extradited", ".",
             "The", "ruling", "was", "made", "on", "Friday", "."]
    heads = [1, 3, 3, 3, 8, 8, 8, 8, 3, 3, 11, 13, 13, 13, 13, 14, 13]
    deps = ["det", "nsubj", "aux", "ROOT", "mark", "nsubjpass", "aux", "auxpass", "ccomp", "punct",
            "det", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"]
    lemmas = [w.lower() for w in words]
    lemmas[13] = "make"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    dates = sentence_dates(list(doc.sents)[0], dt.date(2025, 10, 1), "en")  # a Wednesday
    assert assign_dates(dates, {0: [8, 8]}) == {0: ("2025-09-26", P.DAY)}


def test_a_ruling_issued_on_a_day_dates_the_trigger_it_hangs_from():
    # "In a ruling issued on 3 March, the court ordered his extradition"
    doc = parsed([("In", 5, "prep"), ("ruling", 0, "pobj"), ("issued", 1, "acl"), ("on", 2, "prep"),
                  ("March", 3, "pobj"), ("ordered", 5, "ROOT"), ("extradition", 5, "dobj")])
    assert assign_dates([(doc[3:5], "2025-03-03", P.DAY)], {0: [5, 6]}) == {0: ("2025-03-03", P.DAY)}


def test_the_date_of_a_scene_verb_is_the_date_of_its_subject():
    # "The arrest came on 3 February, two weeks after Russia listed him"
    doc = parsed([("arrest", 1, "nsubj"), ("came", 1, "ROOT"), ("on", 1, "prep"), ("February", 2, "pobj"),
                  ("after", 1, "prep"), ("Russia", 6, "nsubj"), ("listed", 4, "pcomp"), ("him", 6, "dobj")])
    doc[1].lemma_ = "come"
    dates = [(doc[3:4], "2025-02-03", P.DAY)]
    assert assign_dates(dates, {0: [0, 0], 1: [6, 7]}) == {0: ("2025-02-03", P.DAY)}


def test_that_was_in_september_dates_the_sentence_before_and_not_the_one_after():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    # "Police detained him . That was in September . A court ordered his extradition ."
    words = ["Police", "detained", "him", ".", "That", "was", "in", "September", ".",
             "A", "court", "ordered", "extradition", "."]
    heads = [1, 1, 1, 1, 5, 5, 5, 6, 5, 10, 11, 11, 11, 11]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct",
            "det", "nsubj", "ROOT", "dobj", "punct"]
    lemmas = [w.lower() for w in words]
    lemmas[5] = "be"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    detained, _, ordered = list(doc.sents)
    published = dt.date(2025, 11, 20)
    assert assign_dates(sentence_dates(detained, published, "en"), {0: [1, 2]}) == {0: ("2025-09", P.MONTH)}
    assert sentence_dates(ordered, published, "en") == []


def test_a_time_setting_sentence_does_not_date_what_happened_later():
    import datetime as dt

    from nlp.components.event_dates import sentence_dates

    # "It began in February . Police (later) detained him ."
    for words, expected in ((["It", "began", "in", "February", ".", "Police", "detained", "him", "."], ["2025-02"]),
                            (["It", "began", "in", "February", ".", "Police", "later", "detained", "him", "."], [])):
        verb = words.index("detained")
        heads = [1, 1, 1, 2, 1] + [verb] * (len(words) - 5)
        deps = ["nsubj", "ROOT", "prep", "pobj", "punct"] + [
            "ROOT" if i == verb else ("advmod" if w == "later" else "dep") for i, w in enumerate(words) if i >= 5]
        lemmas = [w.lower() for w in words]
        lemmas[1] = "begin"
        doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
        found = sentence_dates(list(doc.sents)[1], dt.date(2025, 6, 1), "en")
        assert [value for _, value, _ in found] == expected
