"""Sentence and token boundaries of the Russian pipeline (razdel, plus line breaks)."""
import spacy

from nlp.ru.segment import sentence_spans, token_spans
from nlp.ru.tokenizer import RazdelTokenizer


def sentences(text):
    return [text[start:end].strip() for start, end in sentence_spans(text)]


def test_headline_and_published_line_are_sentences_of_their_own():
    text = "Казахстан выдал России уклониста\nОпубликовано: 3 апреля 2025\n\nВласти передали его. Суд отказал."
    assert sentences(text) == [
        "Казахстан выдал России уклониста",
        "Опубликовано: 3 апреля 2025",
        "Власти передали его.",
        "Суд отказал.",
    ]


def test_hard_wrapped_line_continues_its_sentence():
    text = "Суд в Бишкеке отказал в экстрадиции\nактивистки и освободил её."
    assert sentences(text) == ["Суд в Бишкеке отказал в экстрадиции\nактивистки и освободил её."]


def test_blank_line_always_ends_a_paragraph():
    assert len(sentences("Первая часть без точки\n\nвторая часть")) == 2


def test_tokens_keep_hyphenated_words_whole():
    text = "Её освободили из-под стражи в Санкт-Петербурге."
    words = [text[start:end] for start, end in token_spans(text)]
    assert "из-под" in words and "Санкт-Петербурге" in words


def test_tokenizer_reproduces_the_text_exactly():
    tokenizer = RazdelTokenizer(spacy.blank("ru").vocab)
    for text in ("  Два  пробела\t\tи табы.\n\n\nТри строки. ", "", "\n", "Слово"):
        assert tokenizer(text).text == text


def test_tokenizer_marks_sentence_starts():
    tokenizer = RazdelTokenizer(spacy.blank("ru").vocab)
    doc = tokenizer("Заголовок без точки\nПервое предложение. Второе предложение.")
    assert [s.text.strip() for s in doc.sents] == [
        "Заголовок без точки", "Первое предложение.", "Второе предложение."]
