"""The extract step: main text and metadata from HTML bytes, non-articles dropped with a reason."""
from __future__ import annotations

import pickle
import random
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from exwatch.extraction import Extracted, NotAnArticle, _split_authors, extract_article

PAGES = Path(__file__).parent / "fixtures" / "pages"
NEWS_URL = "https://example.org/feeds/item?id=17"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def drop_reason(body: bytes, url: str = "https://example.org/news/2025/02/10/story", **options) -> str:
    with pytest.raises(NotAnArticle) as caught:
        extract_article(body, url, **options)
    return caught.value.reason


# --- an English news page with boilerplate ----------------------------------------------------

@pytest.fixture(scope="module")
def news() -> Extracted:
    return extract_article(page("en_news.html"), NEWS_URL)


def test_news_body_is_kept(news):
    assert "has approved the extradition of Dmitry Volkonsky" in news.text
    assert "request interim measures halting the transfer" in news.text
    assert news.text.count("\n") == 3  # four paragraphs, one per line


@pytest.mark.parametrize("boilerplate", [
    "We use cookies",  # cookie banner
    "Accept all",
    "Subscribe to the Steppe Courier",  # navigation
    "Related stories",  # related links
    "Russian programmer detained at Almaty airport",
    "Shameful decision",  # comments
    "definitely boilerplate",
    "All rights reserved",  # footer
    "Privacy policy",
])
def test_news_boilerplate_is_dropped(news, boilerplate):
    assert boilerplate not in news.text


def test_news_metadata(news):
    assert news.title == "Kazakhstan hands anti-war activist to Russia despite asylum bid"
    assert not news.text.startswith(news.title)  # the headline is a field, not the first line
    assert news.authors == ["Aigerim Sadykova"]
    assert news.published == "2025-02-10"
    assert news.modified == "2025-02-12"
    assert news.language == "en"  # from <html lang="en-GB">
    assert news.canonical_url == "https://example.org/news/2025/02/10/activist-handed-over"
    assert news.description.startswith("An Almaty court approved the extradition")


def test_dates_from_the_byline_when_no_meta_tags():
    html = page("en_news.html").decode()
    html = re.sub(r'<meta property="article:(?:published|modified)_time"[^>]*>', "", html)
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    article = extract_article(html.encode(), NEWS_URL)
    assert article.published == "2025-02-10"  # <time datetime> in the byline
    assert article.modified is None  # the page no longer declares an update


@pytest.mark.parametrize("declared", ["0001-01-01T00:00:00Z", "2025-02-09T10:00:00+05:00"])
def test_placeholder_or_earlier_modified_date_is_ignored(declared):
    html = page("en_news.html").decode().replace("2025-02-12T17:05:00+05:00", declared)
    article = extract_article(html.encode(), NEWS_URL)
    assert (article.published, article.modified) == ("2025-02-10", None)


@pytest.mark.parametrize("raw, names", [
    ("Malcolm Owen Monday; November", ["Malcolm Owen"]),
    ("Theresa May; Theresa May", ["Theresa May"]),
    ("By Reuters", ["Reuters"]),
    ("Detroit News wire services Published", ["Detroit News wire services"]),
    ("Текст Лида Буслаева", ["Лида Буслаева"]),
    ("", []),
])
def test_byline_words_are_trimmed_from_authors(raw, names):
    assert _split_authors(raw) == names


def test_canonical_falls_back_to_og_url_and_is_none_without_either():
    html = page("en_news.html").decode().replace(
        '<link rel="canonical" href="/news/2025/02/10/activist-handed-over">',
        '<meta property="og:url" content="//example.org/og/activist">',
    )
    assert extract_article(html.encode(), NEWS_URL).canonical_url == "https://example.org/og/activist"
    html = html.replace('<meta property="og:url" content="//example.org/og/activist">', "")
    assert extract_article(html.encode(), NEWS_URL).canonical_url is None


# --- Russian pages: encodings and language ---------------------------------------------------

RU_SENTENCE = "Районный суд Астаны отклонил жалобу журналиста Андрея Белоусова"


def test_windows_1251_page_declared_in_meta():
    body = page("ru_cp1251.html")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # the fixture really is windows-1251
    article = extract_article(body, "https://example.kz/news/1")
    assert RU_SENTENCE in article.text
    assert "«заведомо ложной информации»" in article.text
    assert article.title == "Суд в Астане разрешил экстрадицию российского журналиста"
    assert article.language == "ru"
    assert article.canonical_url == "https://example.kz/news/ekstradiciya-zhurnalista"  # og:url


def _without_charset_meta(body: bytes) -> bytes:
    stripped = re.sub(rb"<meta http-equiv=\"Content-Type\"[^>]*>", b"", body)
    assert stripped != body
    return stripped


@pytest.mark.parametrize("encoding", ["windows-1251", "cp1251", None, "utf-8"])
def test_windows_1251_page_without_meta(encoding):
    """From the HTTP header, by detection, and when the header wrongly claims UTF-8."""
    article = extract_article(_without_charset_meta(page("ru_cp1251.html")), "https://example.kz/news/1",
                              encoding=encoding)
    assert RU_SENTENCE in article.text
    assert "\ufffd" not in article.text


def test_utf8_page_served_with_a_wrong_single_byte_charset():
    article = extract_article(page("ru_utf8_nolang.html"), "https://example.kg/novosti/1", encoding="windows-1251")
    assert "задержали в Бишкеке активиста Сергея Ковалёва" in article.text


def test_russian_utf8_page_without_lang_is_russian_even_with_another_default():
    article = extract_article(page("ru_utf8_nolang.html"), "https://example.kg/novosti/1", default_language="en")
    assert article.language == "ru"
    assert "задержали в Бишкеке активиста Сергея Ковалёва" in article.text
    assert article.canonical_url.startswith("https://example.kg/novosti/zaderzhan-aktivist")


def test_script_overrides_a_template_lang_attribute():
    body = page("ru_utf8_nolang.html").replace(b"<html>", b'<html lang="en">')
    assert extract_article(body, "https://example.kg/novosti/1").language == "ru"


def test_declared_language_wins_over_script_guess_within_the_same_script():
    body = page("ru_utf8_nolang.html").replace(b"<html>", b'<html lang="ky-KG">')
    assert extract_article(body, "https://example.kg/novosti/1").language == "ky"


GERMAN = """<html><head><meta charset="utf-8"><title>Auslieferung</title></head><body><article>
<p>Ein Gericht in Almaty hat die Auslieferung eines russischen Programmierers genehmigt, der nach
Kasachstan geflohen war. Seine Anwälte wollen gegen die Entscheidung Berufung einlegen.</p>
<p>Menschenrechtsorganisationen warnen, dass ihm in Russland ein unfaires Verfahren droht, weil er
sich öffentlich gegen den Krieg ausgesprochen hatte, und fordern die Regierung zum Handeln auf.</p>
</article></body></html>"""


def test_default_language_when_nothing_declares_or_betrays_one():
    assert extract_article(GERMAN.encode(), "https://example.de/a", default_language="de").language == "de"
    assert extract_article(GERMAN.encode(), "https://example.de/a").language is None


# --- pages that are not articles -------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://example.org/", "https://example.org/news/2025/02/10/story"])
def test_index_page(url):
    assert drop_reason(page("index.html"), url) == "index-page"


@pytest.mark.parametrize("url", ["", "file:///tmp/saved/page.html"])
def test_pages_without_a_web_url(url):
    """`exwatch extract FILE` has no URL: the page alone decides."""
    assert "Dmitry Volkonsky" in extract_article(page("en_news.html"), url).text
    assert drop_reason(page("index.html"), url) == "index-page"


@pytest.mark.parametrize("url", ["", "https://example.kz/rubric/pravo/"])
def test_rubric_listing_of_dated_teasers(url):
    """No <article> elements and no og:type: the headline links that start the lines give it away."""
    assert drop_reason(page("rubric_ru.html"), url) == "index-page"


def test_index_page_of_a_cms_that_calls_every_page_an_article():
    body = page("index.html").replace(b'content="website"', b'content="article"')
    assert drop_reason(body, "https://example.org/category/politics/") == "index-page"


def test_article_at_a_listing_looking_url_is_kept():
    article = extract_article(page("en_news.html"), "https://example.org/tag/extradition")
    assert "has approved the extradition of Dmitry Volkonsky" in article.text


@pytest.mark.parametrize("name", ["consent_wall.html", "block_javascript.html"])
def test_consent_and_block_pages(name):
    assert drop_reason(page(name)) == "consent-or-block-page"


def test_javascript_shell_with_only_a_noscript_message():
    body = re.sub(rb'<div id="challenge">.*?</div>', b"", page("block_javascript.html"), flags=re.S)
    assert b"Checking your browser" not in body
    assert drop_reason(body) == "consent-or-block-page"


def test_article_with_a_noscript_comments_notice_is_kept():
    body = page("en_news.html").replace(
        b"</main>", b"<noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript></main>")
    assert "Dmitry Volkonsky" in extract_article(body, NEWS_URL).text


def test_cookie_or_subscribe_wall():
    body = b"""<html lang="en"><head><title>National Fund publishes annual report | Herald</title></head>
    <body><div class="wall"><h1>We value your privacy</h1>
    <p>To continue reading the Herald, please accept cookies or subscribe.</p>
    <button>Accept and continue</button> <a href="/subscribe">Subscribe</a></div></body></html>"""
    assert drop_reason(body) == "consent-or-block-page"


def test_access_denied_page():
    body = b"<html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1></body></html>"
    assert drop_reason(body) == "consent-or-block-page"


def test_near_empty_page_is_too_short_unless_the_minimum_is_lowered():
    assert drop_reason(page("near_empty.html")) == "too-short"
    article = extract_article(page("near_empty.html"), "https://example.org/live/1", min_text_chars=0)
    assert article.text == "The hearing has started. Updates to follow."


@pytest.mark.parametrize("body", [b"", b"   \r\n\t  "])
def test_empty_bytes(body):
    assert drop_reason(body) == "empty"


def test_html_without_any_text_is_empty():
    assert drop_reason(b"<html><head><title></title></head><body><div></div></body></html>",
                       min_text_chars=0) == "empty"


@pytest.mark.parametrize("body", [
    random.Random(7).randbytes(20_000),  # noise, NUL bytes included
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
    (b"<html><body>" + bytes(range(1, 9)) * 500 + b"</body></html>"),  # control characters
])
def test_binary_garbage(body):
    assert drop_reason(body) == "binary"


@pytest.mark.parametrize("body", [
    "Kazakhstan approved the extradition of a Russian activist. ".encode() * 20,
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title></channel></rss>',
    b'{"title": "not a page", "items": []}',
])
def test_not_html(body):
    assert drop_reason(body) == "not-html"


def test_utf16_page_is_not_taken_for_binary():
    body = page("en_news.html").decode().replace('<meta charset="utf-8">', "").encode("utf-16")
    assert "has approved the extradition of Dmitry Volkonsky" in extract_article(body, NEWS_URL).text


# --- big pages -------------------------------------------------------------------------------

PARAGRAPHS = (
    "<p>The court in Almaty heard the extradition case again, and the lawyer repeated the "
    "arguments about the risk of torture in Russian detention.</p>\n",
    "<p>Prosecutors said the request from Moscow met every formal condition and asked the judge "
    "to reject the complaint.</p>\n",
    "<p>Human-rights groups asked the United Nations committee to request interim measures.</p>\n",
)


def _five_megabytes(unit: str) -> bytes:
    html = "<html><head><title>Hearing</title></head><body><article>" + unit * (5_000_000 // len(unit))
    body = (html + "</article></body></html>").encode()
    assert len(body) >= 4_900_000
    return body


def test_five_megabyte_page_of_repeated_paragraphs():
    article = extract_article(_five_megabytes("".join(PARAGRAPHS)), "https://example.org/big")
    assert len(article.text) > 3_000_000
    assert "interim measures" in article.text and "formal condition" in article.text


def test_five_megabytes_of_one_paragraph_keep_it_once():
    """trafilatura drops adjacent duplicate paragraphs, which is what a reader wants."""
    article = extract_article(_five_megabytes(PARAGRAPHS[2]), "https://example.org/big", min_text_chars=0)
    assert article.text == "Human-rights groups asked the United Nations committee to request interim measures."


# --- the contract the pipeline relies on -----------------------------------------------------

def test_reasons_are_a_fixed_vocabulary():
    assert NotAnArticle("too-short").reason == "too-short"
    with pytest.raises(ValueError):
        NotAnArticle("boring")


def test_function_and_drops_cross_a_process_pool():
    assert pickle.loads(pickle.dumps(extract_article)) is extract_article
    dropped = pickle.loads(pickle.dumps(NotAnArticle("index-page", "score 5")))
    assert (dropped.reason, dropped.detail) == ("index-page", "score 5")
    with ProcessPoolExecutor(max_workers=1) as pool:
        article = pool.submit(extract_article, page("en_news.html"), NEWS_URL).result()
        assert article.authors == ["Aigerim Sadykova"]
        with pytest.raises(NotAnArticle) as caught:
            pool.submit(extract_article, b"", NEWS_URL).result()
        assert caught.value.reason == "empty"
