import spacy


def test_each_line_starts_a_sentence():
    nlp = spacy.blank("en")
    nlp.add_pipe("exwatch_line_breaks")
    doc = nlp("Activist detained in Bishkek\nPublished: 4 March 2025\n\nPolice said so.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:3] == ["Activist", "Published", "Police"]
