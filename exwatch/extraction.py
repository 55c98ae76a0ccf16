"""Article extraction: one fetched HTML page in, main text and metadata out.

`extract_article()` is a pure top-level function (bytes and plain values in, a dataclass out, no
global state), so the crawl can run it in a process pool. Pages that are not articles raise
`NotAnArticle` with a `.reason` from `NOT_ARTICLE_REASONS`, so the pipeline counts drops per reason.

Main text, title, authors, description and the published date come from trafilatura (with
htmldate for dates); the modified date, language, canonical URL and the non-article checks are
read from the page here. Why trafilatura: on the article-extraction benchmark's published table
it is the best open-source extractor (F1 0.958; newspaper4k 0.949, readability-lxml 0.947,
goose3 0.896; only commercial services score higher), it reads the metadata in the same pass,
and it is Python over lxml, which the crawl already has. Its settings were chosen on that benchmark (`benchmarks/extraction_quality.py`, 181
pages): `favor_precision=True, include_comments=False` gave F1 0.964 against 0.953 for the
defaults; the recall retry and title handling below bring it to 0.970.

Patterns (consent and block phrases, listing URLs, byline noise) are data, in
`extraction_patterns.jsonl` beside this module.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from w3lib.encoding import html_to_unicode

__all__ = ["Extracted", "NotAnArticle", "NOT_ARTICLE_REASONS", "extract_article", "decode_html", "detect_language"]

NOT_ARTICLE_REASONS = (
    "empty",  # no bytes, or no text at all after extraction
    "binary",  # images, PDFs, archives, corrupt bytes
    "not-html",  # plain text, JSON, RSS/Atom and other XML
    "too-short",  # main text below min_text_chars
    "index-page",  # section fronts, tag pages, search results: lists of teasers
    "consent-or-block-page",  # cookie walls, captchas, "access denied", "enable JavaScript"
)

_PATTERNS_FILE = Path(__file__).with_name("extraction_patterns.jsonl")
_SNIFF_BYTES = 8192
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh",
    b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"OggS", b"ID3", b"RIFF", b"\x00\x00\x01\x00",
    b"wOFF", b"wOF2", b"\xd0\xcf\x11\xe0",
)
_TRAFILATURA_OPTIONS = dict(
    favor_precision=True,
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    with_metadata=True,
    # original_date: the first publication, not the last update. No extensive search: it reads
    # dates out of the running text and turns a bare year (a copyright line, "since 2022") into
    # YYYY-01-01, a wrong day that would shift every relative event date; on the benchmark it
    # found a date for 2 more pages of 181.
    date_extraction_params={"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"},
)
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report", "liveblogposting"}
)
_RECALL_RETRY_SHARE = 0.1  # retry in recall mode below this share of the visible text
_RECALL_RETRY_MAX_PAGE = 300_000  # visible characters
_EARLIEST_DATE = "1995-01-01"  # htmldate's own lower bound
_LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})
_MODIFIED_XPATHS = (
    '//meta[@property="article:modified_time" or @property="og:updated_time"'
    ' or @name="article:modified_time" or @itemprop="dateModified" or @name="dateModified"'
    ' or @name="last-modified" or @http-equiv="last-modified"]/@content',
    '//*[@itemprop="dateModified"]/@datetime',
    '//*[@itemprop="dateModified"]/@content',
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LANG_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")


class NotAnArticle(Exception):
    """The page is not an article; `.reason` is one of NOT_ARTICLE_REASONS."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in NOT_ARTICLE_REASONS:
            raise ValueError(f"unknown NotAnArticle reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self):  # picklable across a process pool
        return (NotAnArticle, (self.reason, self.detail))


@dataclass
class Extracted:
    """One article: the main text (paragraphs one per line, without the headline) and metadata."""

    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date YYYY-MM-DD
    modified: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None  # ISO 639-1
    canonical_url: str | None = None  # absolute, resolved against the page URL
    description: str | None = None


def extract_article(
    body: bytes,
    url: str,
    *,
    encoding: str | None = None,
    default_language: str | None = None,
    min_text_chars: int = 300,
) -> Extracted:
    """Extract one article from the raw bytes of an HTML page fetched from `url`.

    `encoding` is the charset of the HTTP Content-Type header, when there was one. Raises
    `NotAnArticle` (see its reasons) for pages that carry no article; `min_text_chars=0` keeps
    every page that has any main text.
    """
    if not body or not body.strip():
        raise NotAnArticle("empty", "no content")
    if _looks_binary(body):
        raise NotAnArticle("binary", "binary or corrupt bytes")
    html = decode_html(body, encoding)
    if _looks_binary_text(html):
        raise NotAnArticle("binary", "control characters in the decoded text")
    if not _looks_like_html(html):
        raise NotAnArticle("not-html", "no HTML markup")
    tree = load_html(html)
    if tree is None:
        raise NotAnArticle("not-html", "unparseable HTML")
    _drop_repeated_paragraphs(tree)

    visible = _visible_text(tree)
    document = _main_content(tree, url, visible)
    title = _clean_inline(document.title) if document is not None else None
    text = _without_title(_clean_text(document.text), title) if document is not None and document.text else ""

    _reject_walls(tree, title, text, visible)
    _reject_index_page(tree, url, text, visible)
    if not text:
        raise NotAnArticle("empty", "no main text found")
    if len(text) < min_text_chars:
        raise NotAnArticle("too-short", f"{len(text)} < {min_text_chars} characters")

    published = _iso_date(document.date)
    return Extracted(
        title=title or None,
        text=text,
        authors=_split_authors(document.author),
        published=published,
        modified=_modified_date(tree, published),
        language=detect_language(tree, text, default_language),
        canonical_url=_canonical_url(tree, url),
        description=_clean_inline(document.description) or None,
    )


def _main_content(tree: HtmlElement, url: str, visible: str):
    """trafilatura's Document (text and metadata), or None.

    Precision mode sometimes keeps only a fragment of the story (a lead paragraph above a
    paywall or a gallery). When its text is under a tenth of the visible page, the page is
    extracted again in recall mode, and the recall text wins if it is at least twice as long:
    trafilatura's balanced mode does the same retry, precision mode does not. Pages with over
    300,000 visible characters are not retried: extraction time grows with the page."""
    document = trafilatura.bare_extraction(tree, url=url, **_TRAFILATURA_OPTIONS)
    found = len(document.text or "") if document is not None else 0
    if found >= len(visible) * _RECALL_RETRY_SHARE or len(visible) > _RECALL_RETRY_MAX_PAGE:
        return document
    options = _TRAFILATURA_OPTIONS | {"favor_precision": False, "favor_recall": True}
    retry = trafilatura.bare_extraction(tree, url=url, **options)
    if retry is not None and len(retry.text or "") >= 2 * found:
        return retry
    return document


def _drop_repeated_paragraphs(tree: HtmlElement) -> None:
    """Remove a paragraph or list item that repeats its previous sibling word for word.

    trafilatura drops such repeats too, but only after several full passes over the page, and a
    page made of thousands of copies of one paragraph (a broken infinite scroll) then takes
    seconds; removing them first gives the same text in a fraction of the time."""
    for element in list(tree.iter("p", "li")):
        previous = element.getprevious()
        if previous is None or previous.tag != element.tag or (previous.tail and previous.tail.strip()):
            continue
        text = " ".join(element.text_content().split())
        if text and text == " ".join(previous.text_content().split()):
            if element.tail and element.tail.strip():
                element.drop_tree()  # keeps the text that follows it
            else:  # drop_tree would pile the whitespace tails up on the previous paragraph
                element.getparent().remove(element)


# --- decoding -------------------------------------------------------------------------------

def decode_html(body: bytes, encoding: str | None = None) -> str:
    """Bytes to text: BOM, then the HTTP header charset, then <meta charset>/http-equiv, then
    detection. Declarations are checked against the bytes, because servers often get them
    wrong: bytes that are valid UTF-8 with non-ASCII characters are UTF-8 whatever a single-byte
    charset claims (valid UTF-8 by accident is vanishingly rare in windows-1251 or latin-1
    text), and a declared charset that yields many replacement characters gives way to
    detection."""
    header = f"text/html; charset={encoding}" if encoding else None
    try:
        used, text = html_to_unicode(header, body, auto_detect_fun=_detect_encoding)
    except LookupError:  # an unknown charset name in the header or the page
        used, text = html_to_unicode(None, body, auto_detect_fun=_detect_encoding)
    if not used.lower().replace("_", "-").startswith("utf") and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if _too_many_replacements(text):
        detected = _detect_encoding(body)
        if detected:
            redecoded = body.decode(detected, errors="replace")
            if redecoded.count("\ufffd") < text.count("\ufffd"):
                text = redecoded
    return text


def _detect_encoding(body: bytes) -> str | None:
    """UTF-8 when the bytes are valid UTF-8, else charset_normalizer's best guess."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only undeclared legacy pages

    best = from_bytes(body[:200_000]).best()
    return best.encoding if best is not None else None


def _too_many_replacements(text: str) -> bool:
    return text.count("\ufffd") > max(5, len(text) // 500)


def _looks_binary(body: bytes) -> bool:
    """Known binary signatures, or NUL bytes in a page that is not UTF-16/32 (which have BOMs)."""
    head = body[:_SNIFF_BYTES].lstrip()
    if head.startswith(_BINARY_MAGIC):
        return True
    if body[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    return b"\x00" in body[:_SNIFF_BYTES]


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary_text(text: str) -> bool:
    """More than 2% control characters (other than whitespace) or 10% U+FFFD: not a text page."""
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls > len(sample) * 0.02 or sample.count("\ufffd") > len(sample) * 0.10


_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|main|title|meta)\b", re.IGNORECASE)
_FEED_MARKER = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b",
                          re.IGNORECASE | re.DOTALL)


def _looks_like_html(text: str) -> bool:
    head = text[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    if _FEED_MARKER.match(head) or head[:1] in ("{", "["):
        return False
    return _HTML_MARKER.search(head) is not None or _HTML_MARKER.search(text[:200_000]) is not None


# --- text clean-up --------------------------------------------------------------------------

def _clean_text(text: str) -> str:
    """Trim every line, drop empty ones: paragraphs are separated by one newline."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _without_title(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title: the title is its own field, and a
    repeated headline would be analysed twice."""
    first, _, rest = text.partition("\n")
    return rest if title and first.casefold() == title.casefold() else text


def _clean_inline(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _split_authors(author: str | None) -> list[str]:
    """trafilatura joins authors with "; "; keep each once, in order, without the byline words
    it sometimes takes along: "By", "Текст", a trailing "Published" (author_noise patterns), and
    a trailing weekday or month (author_date_word) when two words remain, so "Jeff Foust Monday"
    is "Jeff Foust" but "Theresa May" stays. An entry that is only a month or weekday is dropped."""
    if not author:
        return []
    patterns = _patterns()
    names = []
    for part in author.split(";"):
        name, previous = " ".join(part.split()), None
        while name and name != previous:  # stacked: "Malcolm Owen Monday November"
            previous, name = name, patterns.author_noise.sub("", name).strip()
            shorter = patterns.author_date_word.sub("", name).strip()
            if len(shorter.split()) >= 2:
                name = shorter
        if name and not patterns.author_date_word.fullmatch(" " + name):
            names.append(name)
    return list(dict.fromkeys(names))


# --- dates, canonical URL, language ---------------------------------------------------------

def _iso_date(value: str | None) -> str | None:
    """`YYYY-MM-DD` from an ISO timestamp or an HTTP/RFC 2822 date, or None."""
    if not value:
        return None
    value = value.strip()
    match = _ISO_DATE.search(value)
    if match:
        try:
            return datetime(*map(int, match.groups())).date().isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _modified_date(tree: HtmlElement, published: str | None) -> str | None:
    """The last-update date the page declares (meta tags, microdata, JSON-LD), or None.
    htmldate is not asked: without an explicit declaration it would return some date, and a page
    that was never updated has no modified date. Placeholders (before 1995, as the 0001-01-01
    some CMSs print) and dates before the publication are ignored."""
    values = [value for xpath in _MODIFIED_XPATHS for value in tree.xpath(xpath)]
    values += [str(item.get("dateModified") or "") for item in _json_ld_items(tree)]
    for value in values:
        date = _iso_date(value)
        if date and date >= _EARLIEST_DATE and (published is None or date >= published):
            return date
    return None


def _canonical_url(tree: HtmlElement, url: str) -> str | None:
    """<link rel="canonical">, else og:url, resolved against the page URL; http(s) only."""
    candidates = tree.xpath(
        '//link[contains(concat(" ", normalize-space(translate(@rel, "CANONICAL", "canonical")), " "),'
        ' " canonical ")]/@href'
    ) + tree.xpath('//meta[@property="og:url" or @name="og:url"]/@content')
    for href in candidates:
        href = href.strip()
        if not href:
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def detect_language(tree: HtmlElement, text: str, default_language: str | None = None) -> str | None:
    """ISO 639-1 code: the page's declaration (<html lang>, Content-Language meta, og:locale)
    unless the script of the text contradicts it, else the script of the text, else the default.

    Cyrillic text is "ru" unless letters only Ukrainian (іїєґ) or Kazakh (әғқңөұүһ) use are
    common; Latin text with many English function words is "en". A declared Latin-script
    language on a mostly Cyrillic text is a template default, so the script wins there."""
    declared = _declared_language(tree)
    by_script = _language_by_script(text)
    if declared and by_script in _CYRILLIC_LANGUAGES and declared not in _CYRILLIC_LANGUAGES:
        return by_script
    return declared or by_script or _normalise_language(default_language)


_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "kk", "ky", "tg", "bg", "sr", "mk", "mn"})
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.IGNORECASE)
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһ]", re.IGNORECASE)
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|was|that|for|with|said|on|by)\b", re.IGNORECASE)


def _declared_language(tree: HtmlElement) -> str | None:
    candidates = (
        tree.xpath("/html/@lang")
        + tree.xpath("/html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
        + tree.xpath('//meta[translate(@http-equiv, "CONTENTLANGUAGE", "contentlanguage")="content-language"]/@content')
        + tree.xpath('//meta[@property="og:locale" or @name="language" or @name="lang"]/@content')
    )
    for value in candidates:
        code = _normalise_language(value.split(",")[0])
        if code:
            return code
    return None


def _normalise_language(value: str | None) -> str | None:
    match = _LANG_CODE.match((value or "").strip())
    return match.group(1).lower() if match else None


def _language_by_script(text: str) -> str | None:
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(letters) >= 0.5:
        threshold = cyrillic * 0.005
        if len(_KAZAKH_LETTERS.findall(sample)) > threshold:
            return "kk"
        if len(_UKRAINIAN_LETTERS.findall(sample)) > threshold:
            return "uk"
        return "ru"
    words = len(re.findall(r"\w+", sample))
    if cyrillic == 0 and words and len(_ENGLISH_WORDS.findall(sample)) / words >= 0.12:
        return "en"
    return None


# --- non-article pages ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Patterns:
    wall_text: re.Pattern
    wall_title: re.Pattern
    listing_path: re.Pattern
    listing_query: re.Pattern
    author_noise: re.Pattern
    author_date_word: re.Pattern
    listing_title: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compiled from extraction_patterns.jsonl: one alternation per kind of pattern."""
    by_kind: dict[str, list[str]] = {}
    for line in _PATTERNS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            by_kind.setdefault(entry["kind"], []).append(entry["pattern"])

    def compile_kinds(*kinds: str) -> re.Pattern:
        alternatives = [p for kind in kinds for p in by_kind.get(kind, [])]
        return re.compile("|".join(f"(?:{p})" for p in alternatives) or "(?!)", re.IGNORECASE)

    return _Patterns(
        wall_text=compile_kinds("consent", "block"),
        wall_title=compile_kinds("block_title"),
        listing_path=compile_kinds("listing_path"),
        listing_query=compile_kinds("listing_query"),
        author_noise=compile_kinds("author_noise"),
        author_date_word=compile_kinds("author_date_word"),
        listing_title=compile_kinds("listing_title"),
    )


def _reject_walls(tree: HtmlElement, title: str | None, text: str, visible: str) -> None:
    """Cookie/consent walls and block pages (captcha, "access denied", "enable JavaScript").

    Heuristic: the title is a typical wall title (and the main text is short), or at least 30%
    of the characters of the main text (of the whole visible page when trafilatura found almost
    nothing, as on a JavaScript-only shell) are in lines that match a wall phrase. A real
    article with a cookie banner, or a sentence about cookies, stays well below 30%; a main
    text over 8000 characters is never a wall."""
    patterns = _patterns()
    html_title = _clean_inline(" ".join(tree.xpath("//title//text()"))) or ""
    for candidate in (title, html_title):
        if candidate and patterns.wall_title.search(candidate) and len(text) < 2000:
            raise NotAnArticle("consent-or-block-page", f"title {candidate[:80]!r}")
    if len(text) > _WALL_MAX_TEXT:  # walls are short; a long main text is a story
        return
    sample = text if len(text) >= 200 else visible[:_WALL_MAX_TEXT]
    lines = [line for line in sample.splitlines() if line.strip()]
    total = sum(len(line) for line in lines)
    walled = sum(len(line) for line in lines if patterns.wall_text.search(line))
    if total and walled / total >= 0.3:
        raise NotAnArticle("consent-or-block-page", f"{walled}/{total} characters are wall text")


_WALL_MAX_TEXT = 8000
_INDEX_THRESHOLD = 3
_TEASER_LEAD = 40  # characters allowed before a headline in a teaser line
_TEASER_MAX_HEADLINES = 1000
_TEASER_MAX_LINES = 300


def _reject_index_page(tree: HtmlElement, url: str, text: str, visible: str) -> None:
    """Home pages, section fronts, tag, author and search pages: lists of teasers, not a story.

    No single signal is reliable (real articles carry rows of related-story teasers, and some
    wrap whole paragraphs in links), so signals add up to a score; 3 or more is an index:
      +2  the URL is a listing: the site root (where removed or paywalled articles redirect),
          /tag/, /category/, /author/, /search/, /page/N ... (+1 for a search or tag query);
          an empty URL gives no URL signal;
      +2  JSON-LD CollectionPage/ItemList/SearchResultsPage; +1 og:type "website";
      +1  the title reads like a listing ("Tag: ...", "... Archives", "Все материалы рубрики");
      +1  6+ teaser blocks (<article> elements or headings that are links); +2 for 15+;
      +2  at least 40% of the main text is teaser lines: lines that begin with the text of a
          link of 4+ words on the page (a headline), in at least 4 lines;
      +1  half or more of the visible text is link text;
      +1  under 600 characters of prose in the main text (paragraphs of 150+ characters that
          end like a sentence); -2 for 1500+ characters of prose;
      -2  the page declares itself an article (og:type article, article:published_time,
          JSON-LD or microdata NewsArticle/Article/BlogPosting).
    On the 181 real articles of the extraction benchmark no page scores 3 or more."""
    signals = _index_signals(tree, url, text, visible)
    score = sum(signals.values())
    if score >= _INDEX_THRESHOLD:
        detail = ", ".join(f"{name} {value:+d}" for name, value in signals.items() if value)
        raise NotAnArticle("index-page", f"score {score}: {detail}")


def _index_signals(tree: HtmlElement, url: str, text: str, visible: str) -> dict[str, int]:
    patterns = _patterns()
    parts = urlsplit(url)
    # http(s) with a host, or a file:// mirror of a site; not an empty URL (a bare file)
    has_url = (parts.scheme in ("http", "https") and bool(parts.netloc)) or (parts.scheme == "file" and parts.path)
    page_types = {t.lower() for t in _json_ld_types(tree)}
    og_type = " ".join(tree.xpath('//meta[@property="og:type"]/@content')).strip().lower()
    teasers = _teaser_count(tree)
    prose = _prose_chars(text)
    return {
        "listing-url": 0 if not has_url else 2 if patterns.listing_path.search(parts.path)
        else 1 if patterns.listing_query.search(parts.query) else 0,
        "listing-type": 2 if page_types & _LISTING_TYPES else 1 if og_type == "website" else 0,
        "listing-title": 1 if patterns.listing_title.search(_page_title(tree)) else 0,
        "teasers": 2 if teasers >= 15 else 1 if teasers >= 6 else 0,
        "teaser-lines": 2 if _teaser_line_share(tree, text) >= 0.4 else 0,
        "links": 1 if _link_density(tree, visible) >= 0.5 else 0,
        "prose": 1 if prose < 600 else -2 if prose >= 1500 else 0,
        "declared-article": -2 if _declares_article(tree, og_type, page_types) else 0,
    }


def _teaser_count(tree: HtmlElement) -> int:
    articles = len(tree.xpath("//article[.//a[@href]]"))
    linked_headings = len(tree.xpath("//*[self::h2 or self::h3 or self::h4][.//a[@href]]"))
    return max(articles, linked_headings)


def _page_title(tree: HtmlElement) -> str:
    """<title>, else the first <h1>: the page's own name for itself."""
    for xpath in ("//title//text()", "(//h1)[1]//text()"):
        title = " ".join(" ".join(tree.xpath(xpath)).split())
        if title:
            return title
    return ""


def _teaser_line_share(tree: HtmlElement, text: str) -> float:
    """Share of main-text characters in lines that begin with a headline link's text (after at
    most 40 characters: a list bullet, a date, a rubric), when at least 4 lines do; a
    related-stories row that slipped into an article is a small share of its text."""
    headlines = {
        " ".join("".join(a.itertext()).split()) for a in tree.iter("a") if a.get("href") is not None
    }
    # bounded, so a page with thousands of links and lines stays fast
    headlines = sorted(h for h in headlines if len(h.split()) >= 4)[:_TEASER_MAX_HEADLINES]
    lines = text.splitlines()[:_TEASER_MAX_LINES]
    if not headlines or not lines:
        return 0.0
    teaser_lines = [line for line in lines if any(0 <= line.find(h) <= _TEASER_LEAD for h in headlines)]
    if len(teaser_lines) < 4:
        return 0.0
    return sum(map(len, teaser_lines)) / max(1, sum(map(len, lines)))


def _link_density(tree: HtmlElement, visible: str) -> float:
    body = tree.find("body")
    if body is None:
        return 0.0
    total = len(visible.replace("\n", ""))
    if not total:
        return 0.0
    linked = sum(len(" ".join("".join(a.itertext()).split())) for a in body.iter("a"))
    return min(1.0, linked / total)


def _prose_chars(text: str) -> int:
    """Characters in paragraphs of 150+ characters that end like a sentence."""
    return sum(len(line) for line in text.splitlines() if len(line) >= 150 and _SENTENCE_END.search(line))


def _declares_article(tree: HtmlElement, og_type: str, page_types: set[str]) -> bool:
    if og_type == "article" or page_types & _ARTICLE_TYPES:
        return True
    if tree.xpath('//meta[@property="article:published_time"]'):
        return True
    return bool(tree.xpath('//*[@itemtype][contains(@itemtype, "Article") or contains(@itemtype, "BlogPosting")]'))


def _json_ld_types(tree: HtmlElement) -> list[str]:
    types: list[str] = []
    for item in _json_ld_items(tree):
        value = item.get("@type")
        types.extend(t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str))
    return types


_VISIBLE_TEXT = XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::template or ancestor::svg)]"
    "[normalize-space()]"
)


def _visible_text(tree: HtmlElement) -> str:
    """Text a reader without JavaScript sees, one line per text node: scripts and styles left
    out, <noscript> kept (that is where "please enable JavaScript" lives)."""
    return "\n".join(" ".join(node.split()) for node in _VISIBLE_TEXT(tree))


def _json_ld_items(tree: HtmlElement) -> list[dict]:
    """Every JSON object in the page's JSON-LD blocks, @graph flattened; broken blocks skipped."""
    items: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                items.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return items
