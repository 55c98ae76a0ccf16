"""Render the offline demo site from the hand-written stories in `authoring/<outlet>/*.txt`.

Run from anywhere: `python data/demo/authoring/build_site.py`. It rewrites the three outlet
folders next to this one (`steppe-herald/`, `tianshan-vestnik/`, `caucasus-ledger/`) with
article pages, listing pages, a consent wall, and the outlet's feed or sitemaps. The output is
committed, so the demo needs nothing but the files; this script only exists to edit them.

A story file is a header (`key: value` lines, `comment:` may repeat), a blank line, then
paragraphs separated by blank lines; a paragraph starting with `## ` is a subheading.
Only the standard library is used, and the output is deterministic.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

AUTHORING = Path(__file__).resolve().parent
DEMO = AUTHORING.parent


@dataclass
class Story:
    outlet: str
    slug: str
    title: str
    description: str
    published: datetime
    author: str
    section: str
    language: str
    paragraphs: list[str]
    kind: str = "article"  # article | listing | consent | unavailable
    canonical: bool = True
    jsonld: bool = False
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)
    lists_tag: str = ""  # for listing pages: the tag whose stories it lists
    standfirst: bool = True  # wire copy often runs without one
    extra: dict[str, str] = field(default_factory=dict)  # topic, host, destination: for expected_pages.json

    path: str = ""  # relative to the outlet folder, e.g. "articles/<slug>.html" or "tag/extradition.html"

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def link(self) -> str:
        """The page's address from any other page: every page sits one folder deep."""
        return f"../{self.path}"


def read_story(path: Path, outlet: str, default_language: str, articles_dir: str) -> Story:
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields: dict[str, str] = {}
    comments = []
    for line in header.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "comment":
            name, _, text = value.partition("|")
            comments.append((name.strip(), text.strip()))
        else:
            fields[key] = value
    paragraphs = [" ".join(p.split()) for p in body.strip().split("\n\n") if p.strip()]
    return Story(
        outlet=outlet,
        slug=path.stem,
        title=fields["title"],
        description=fields.get("description", ""),
        published=datetime.fromisoformat(fields["date"]),
        author=fields.get("author", ""),
        section=fields.get("section", ""),
        language=fields.get("lang", default_language),
        paragraphs=paragraphs,
        kind=fields.get("kind", "article"),
        canonical=fields.get("canonical", "yes") != "no",
        jsonld=fields.get("jsonld", "no") == "yes",
        tags=[t.strip() for t in fields.get("tags", "").split(",") if t.strip()],
        related=[r.strip() for r in fields.get("related", "").split(",") if r.strip()],
        comments=comments,
        lists_tag=fields.get("lists", ""),
        standfirst=fields.get("standfirst", "yes") != "no",
        path=fields.get("path", f"{articles_dir}/{path.stem}.html"),
        extra={k: fields[k] for k in ("topic", "host", "destination") if k in fields},
    )


def esc(text: str) -> str:
    """Escape for element content: quotes stay as typed, as most sites serve them."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(text: str) -> str:
    return "-".join(text.lower().split())


# ---------------------------------------------------------------- shared pieces

RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()


def human_date(when: datetime, language: str, style: str) -> str:
    if language == "ru":
        return f"{when.day} {RU_MONTHS[when.month - 1]} {when.year}, {when:%H:%M}"
    if style == "us":
        return f"{when:%B} {when.day}, {when.year}"
    return f"{when.day} {when:%B %Y}, {when:%H:%M}"


def body_html(story: Story, paragraph_class: str = "") -> str:
    attr = f' class="{paragraph_class}"' if paragraph_class else ""
    parts = []
    for paragraph in story.paragraphs:
        if paragraph.startswith("## "):
            parts.append(f"<h2>{esc(paragraph[3:])}</h2>")
        else:
            parts.append(f"<p{attr}>{esc(paragraph)}</p>")
    return "\n".join(parts)


def article_meta(story: Story, template: str) -> str:
    """Article-only <meta> lines, with a leading newline; listing and wall pages have none."""
    if story.kind != "article":
        return ""
    values = {k: attr(v) for k, v in (("published", story.published.isoformat()), ("section", story.section), ("author", story.author))}
    return "\n" + template.format(**values)


def json_ld(story: Story, publisher: str) -> str:
    if story.kind == "listing":
        data = {"@context": "https://schema.org", "@type": "CollectionPage", "name": story.title, "description": story.description}
        return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.description,
        "datePublished": story.published.isoformat(),
        "dateModified": story.published.isoformat(),
        "inLanguage": story.language,
        "author": {"@type": "Person", "name": story.author},
        "publisher": {"@type": "Organization", "name": publisher},
        "articleSection": story.section,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def related_stories(story: Story, stories: list[Story], count: int = 3) -> list[Story]:
    by_slug = {s.slug: s for s in stories}
    chosen = [by_slug[slug] for slug in story.related if slug in by_slug]
    if not chosen:
        articles = [s for s in stories if s.kind == "article" and s.slug != story.slug]
        articles.sort(key=lambda s: abs((s.published - story.published).total_seconds()))
        chosen = articles[:count]
    return chosen


GENERIC_COMMENTS = {
    "en": [
        ("Aliya_K", "Good piece, thanks for covering this."),
        ("nomad1987", "Finally someone writes about it. The city hall should read this."),
        ("Marat T.", "I'd like to see the numbers for last year as well."),
        ("steppe_reader", "Same story every year, nothing changes."),
        ("G. Williams", "Very informative, sharing with colleagues."),
        ("Dana", "Where can I find the full report?"),
    ],
    "ru": [
        ("Айбек", "Спасибо за материал, очень подробно."),
        ("Наталья С.", "Каждый год одно и то же, а воз и ныне там."),
        ("bishkek_city", "Интересно, что скажут в мэрии."),
        ("Эрмек", "Хотелось бы продолжения темы."),
        ("Ольга", "Поделилась с друзьями, полезная информация."),
    ],
}


def comments_for(story: Story) -> list[tuple[str, str]]:
    if story.comments:
        return story.comments
    pool = GENERIC_COMMENTS[story.language]
    start = sum(map(ord, story.slug)) % len(pool)
    count = 2 + len(story.slug) % 2
    return [pool[(start + i) % len(pool)] for i in range(count)]


# article-only <meta> lines per outlet; listing and wall pages have none
HERALD_META = '<meta property="article:published_time" content="{published}">\n<meta property="article:section" content="{section}">\n<meta name="author" content="{author}">'
VESTNIK_META = '  <meta property="og:type" content="article" />\n  <meta property="article:published_time" content="{published}" />\n  <meta property="article:author" content="{author}" />'
LEDGER_META = '    <meta property="article:published_time" content="{published}">\n    <meta property="article:modified_time" content="{published}">'


# ---------------------------------------------------------------- outlet 1: Steppe Herald


class SteppeHerald:
    folder = "steppe-herald"
    name = "Steppe Herald"
    language = "en"
    articles_dir = "articles"

    def page(self, story: Story, stories: list[Story]) -> str:
        head = self.head(story)
        if story.kind == "consent":
            return self.consent_wall(story, head)
        main = self.listing(story, stories) if story.kind == "listing" else self.article(story, stories)
        return f"""<!DOCTYPE html>
<html lang="{story.language}">
{head}
<body class="{'tag-page' if story.kind == 'listing' else 'article-page'}">
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies and similar technologies to measure our audience, remember your preferences and show you relevant advertising. By clicking &ldquo;Accept all&rdquo; you agree to this. You can change your choice at any time under Privacy settings.</p>
  <button type="button" class="btn btn-accept">Accept all</button>
  <button type="button" class="btn btn-reject">Reject non-essential</button>
  <a href="../privacy.html">Privacy policy</a>
</div>
<header class="site-header">
  <a class="logo" href="../index.html">Steppe Herald</a>
  <p class="tagline">Independent news from Kazakhstan and Central Asia since 2009</p>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="../section/news.html">News</a></li>
      <li><a href="../section/central-asia.html">Central Asia</a></li>
      <li><a href="../section/business.html">Business</a></li>
      <li><a href="../section/sport.html">Sport</a></li>
      <li><a href="../section/culture.html">Culture</a></li>
      <li><a href="../section/opinion.html">Opinion</a></li>
      <li><a href="../donate.html" class="donate">Support us</a></li>
    </ul>
  </nav>
  <form class="search" action="../search.html"><input type="search" name="q" placeholder="Search the Herald"><button>Go</button></form>
</header>
<ol class="breadcrumbs">
  <li><a href="../index.html">Home</a></li>
  <li><a href="../section/{esc(story.section.lower().replace(' ', '-'))}.html">{esc(story.section)}</a></li>
  <li aria-current="page">{esc(story.title)}</li>
</ol>
<main id="content">
{main}
</main>
<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="../about.html">About us</a></li><li><a href="../contact.html">Contact</a></li>
    <li><a href="../ethics.html">Editorial standards</a></li><li><a href="../advertise.html">Advertise</a></li>
    <li><a href="../rss.xml">RSS</a></li>
  </ul>
  <p>&copy; 2025 Steppe Herald LLP, Almaty. All rights reserved. Reproduction of materials is allowed only with a hyperlink to steppe-herald.example.</p>
</footer>
<script src="../assets/herald.js" defer></script>
</body>
</html>
"""

    def head(self, story: Story) -> str:
        meta = article_meta(story, HERALD_META)
        canonical = f'\n<link rel="canonical" href="{story.filename}">' if story.canonical else ""
        ld = f"\n{json_ld(story, self.name)}" if story.jsonld else ""
        return f"""<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(story.title)} | Steppe Herald</title>
<meta name="description" content="{attr(story.description)}">
<meta property="og:type" content="{'article' if story.kind == 'article' else 'website'}">
<meta property="og:site_name" content="Steppe Herald">
<meta property="og:title" content="{attr(story.title)}">
<meta property="og:description" content="{attr(story.description)}">{meta}{canonical}
<link rel="alternate" type="application/rss+xml" title="Steppe Herald" href="../rss.xml">
<link rel="stylesheet" href="../assets/herald.css">{ld}
</head>"""

    def article(self, story: Story, stories: list[Story]) -> str:
        tags = ", ".join(f'<a href="../tag/{slugify(t)}.html">{esc(t)}</a>' for t in story.tags)
        related = "\n".join(
            f'    <li><a href="{r.link}">{esc(r.title)}</a> <span class="date">{r.published:%d.%m.%Y}</span></li>'
            for r in related_stories(story, stories)
        )
        standfirst = f'  <p class="story__standfirst">{esc(story.description)}</p>\n' if story.standfirst else ""
        comments = comments_for(story)
        comment_items = "\n".join(
            f'    <li class="comment"><p class="comment__author">{esc(name)}</p><p class="comment__text">{esc(text)}</p>'
            f'<a class="comment__reply" href="#reply">Reply</a></li>'
            for name, text in comments
        )
        return f"""<article class="story">
  <h1 class="story__headline">{esc(story.title)}</h1>
{standfirst}  <div class="story__meta">
    <span class="byline">By <a rel="author" href="../authors/{esc(story.author.lower().replace(' ', '-'))}.html">{esc(story.author)}</a></span>
    <time datetime="{story.published.isoformat()}">{human_date(story.published, 'en', 'uk')}</time>
  </div>
  <div class="story__body">
{body_html(story)}
  </div>
  <p class="story__tags">Tags: {tags}</p>
  <div class="share">Share: <a href="#share-fb">Facebook</a> <a href="#share-tg">Telegram</a> <a href="#share-x">X</a> <a href="#share-mail">Email</a></div>
</article>
<aside class="newsletter">
  <h2>The Steppe Briefing</h2>
  <p>The day's most important stories from Central Asia, in your inbox every weekday at 8am.</p>
  <form action="../subscribe.html"><input type="email" name="email" placeholder="Your email"><button>Subscribe</button></form>
</aside>
<section class="related">
  <h2>Related articles</h2>
  <ul>
{related}
  </ul>
</section>
<section id="comments" class="comments">
  <h2>{len(comments)} comments</h2>
  <ol class="comment-list">
{comment_items}
  </ol>
  <p class="comments-note">Comments are pre-moderated. Please read our <a href="../community.html">community guidelines</a> before posting.</p>
</section>"""

    def listing(self, story: Story, stories: list[Story]) -> str:
        items = [s for s in stories if s.kind == "article" and story.lists_tag in s.tags]
        items.sort(key=lambda s: s.published, reverse=True)
        entries = "\n".join(
            f'  <li class="teaser"><a href="{s.link}"><h3>{esc(s.title)}</h3></a><p>{esc(s.description)}</p>'
            f'<span class="date">{s.published:%d.%m.%Y}</span></li>'
            for s in items
        )
        return f"""<h1 class="tag-title">Tag: {esc(story.lists_tag)}</h1>
<p class="tag-intro">{esc(story.description)}</p>
<ul class="teaser-list">
{entries}
</ul>
<nav class="pagination"><a href="#page-2">Older stories &rarr;</a></nav>"""

    def consent_wall(self, story: Story, head: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="en">
{head}
<body class="consent-wall">
<div class="wall">
  <h1>We value your privacy</h1>
  <p>To continue reading Steppe Herald, please accept cookies or subscribe.</p>
  <button type="button">Accept and continue</button> <a href="../subscribe.html">Subscribe</a>
</div>
</body>
</html>
"""


# ---------------------------------------------------------------- outlet 2: Вестник Тянь-Шаня


class TianshanVestnik:
    folder = "tianshan-vestnik"
    name = "Вестник Тянь-Шаня"
    RUBRICS = {"Политика": "politika", "Общество": "obshchestvo", "Право и суд": "pravo", "Экономика": "ekonomika",
               "Спорт": "sport", "Культура": "kultura", "В мире": "mir"}
    language = "ru"
    articles_dir = "news"

    def page(self, story: Story, stories: list[Story]) -> str:
        content = self.listing(story, stories) if story.kind == "listing" else self.article(story, stories)
        meta = article_meta(story, VESTNIK_META) or '\n  <meta property="og:type" content="website" />'
        canonical = f'\n  <link rel="canonical" href="{story.filename}" />' if story.canonical else ""
        ld = f"\n  {json_ld(story, self.name)}" if story.jsonld else ""
        return f"""<!doctype html>
<html lang="ru" prefix="og: http://ogp.me/ns#">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
  <title>{esc(story.title)} — Вестник Тянь-Шаня</title>
  <meta name="description" content="{attr(story.description)}" />
  <meta name="keywords" content="{attr(', '.join(story.tags))}" />
  <meta property="og:title" content="{attr(story.title)}" />
  <meta property="og:description" content="{attr(story.description)}" />
  <meta property="og:locale" content="ru_RU" />{meta}{canonical}
  <link rel="alternate" type="application/atom+xml" title="Вестник Тянь-Шаня" href="../atom.xml" />
  <link rel="stylesheet" href="../static/css/main.min.css?v=41" />{ld}
</head>
<body>
<div class="wrapper">
  <div class="topbar">
    <span class="topbar__date">Бишкек</span>
    <span class="topbar__rates">USD 87,45 · EUR 94,10 · RUB 1,07</span>
    <span class="topbar__weather">+18 °C</span>
    <a class="topbar__lang" href="../kg/index.html">Кыргызча</a>
  </div>
  <div class="header">
    <a href="../index.html" class="header__logo">Вестник <b>Тянь-Шаня</b></a>
    <div class="menu">
      <a href="../rubric/politika.html">Политика</a>
      <a href="../rubric/obshchestvo.html">Общество</a>
      <a href="../rubric/pravo.html">Право и суд</a>
      <a href="../rubric/ekonomika.html">Экономика</a>
      <a href="../rubric/sport.html">Спорт</a>
      <a href="../rubric/kultura.html">Культура</a>
      <a href="../rubric/mir.html">В мире</a>
    </div>
  </div>
  <div class="crumbs"><a href="../index.html">Главная</a> / <a href="../rubric/{self.RUBRICS.get(story.section, 'novosti')}.html">{esc(story.section)}</a></div>
  <div class="content-row">
    <div class="content-main">
{content}
    </div>
    <div class="sidebar">
      <div class="widget widget-popular">
        <div class="widget__title">Самое читаемое</div>
        <ol>{''.join(f'<li><a href="{s.link}">{esc(s.title)}</a></li>' for s in self.popular(stories))}</ol>
      </div>
      <div class="widget widget-telegram">
        <div class="widget__title">Мы в Telegram</div>
        <p>Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости Кыргызстана и Центральной Азии.</p>
        <a class="btn" href="https://t.me/tianshan_vestnik_demo">Подписаться</a>
      </div>
      <div class="widget widget-mail">
        <div class="widget__title">Рассылка</div>
        <p>Главное за неделю — каждую пятницу на вашу почту.</p>
        <form action="../subscribe.html"><input type="email" name="mail" placeholder="E-mail" /><input type="submit" value="OK" /></form>
      </div>
    </div>
  </div>
  <div class="footer">
    <div class="footer__menu"><a href="../about.html">О редакции</a> | <a href="../ads.html">Реклама</a> | <a href="../rules.html">Правила комментирования</a> | <a href="../atom.xml">Atom</a></div>
    <div class="footer__copy">© 2011–2025 ОсОО «Вестник Тянь-Шаня». Свидетельство о регистрации СМИ № 1834. Использование материалов возможно только с гиперссылкой на источник. 18+</div>
  </div>
</div>
<div class="cookie-notice" id="cookieNotice">
  Мы используем файлы cookie, чтобы сайт работал удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с <a href="../privacy.html">политикой конфиденциальности</a>.
  <span class="cookie-notice__ok" onclick="document.getElementById('cookieNotice').remove()">Понятно</span>
</div>
<script src="../static/js/app.min.js?v=41"></script>
</body>
</html>
"""

    def popular(self, stories: list[Story]) -> list[Story]:
        articles = [s for s in stories if s.kind == "article"]
        return sorted(articles, key=lambda s: len(s.slug) * 7 % 11)[:4]

    def article(self, story: Story, stories: list[Story]) -> str:
        tags = " ".join(f'<a class="tag" href="../tag/{slugify(t)}.html">#{esc(t)}</a>' for t in story.tags)
        related = "".join(
            f'\n          <div class="read-also__item"><a href="{r.link}">{esc(r.title)}</a></div>'
            for r in related_stories(story, stories)
        )
        comments = comments_for(story)
        comment_items = "".join(
            f'\n          <div class="comment"><div class="comment__head"><b>{esc(name)}</b></div>'
            f'<div class="comment__body">{esc(text)}</div><div class="comment__votes">▲ {3 + i} ▼ {i}</div></div>'
            for i, (name, text) in enumerate(comments)
        )
        return f"""      <div class="news-item" itemscope itemtype="https://schema.org/NewsArticle">
        <h1 class="news-item__title" itemprop="headline">{esc(story.title)}</h1>
        <div class="news-meta">
          <span class="news-meta__date" itemprop="datePublished" content="{story.published.isoformat()}">{human_date(story.published, 'ru', '')}</span>
          <span class="news-meta__author">Автор: <span itemprop="author">{esc(story.author)}</span></span>
          <span class="news-meta__views">👁 {len(story.slug) * 113}</span>
        </div>
        <div class="news-lead" itemprop="description"><b>{esc(story.description)}</b></div>
        <div class="news-text" itemprop="articleBody">
{body_html(story)}
        </div>
        <div class="news-tags">{tags}</div>
        <div class="news-share">Поделиться: <a href="#wa">WhatsApp</a> · <a href="#tg">Telegram</a> · <a href="#vk">ВКонтакте</a></div>
        <div class="news-error">Нашли ошибку? Выделите текст и нажмите Ctrl+Enter.</div>
      </div>
      <div class="read-also">
        <div class="read-also__title">Читайте также</div>{related}
      </div>
      <div class="comments-block">
        <div class="comments-block__title">Комментарии ({len(comments)})</div>{comment_items}
        <div class="comments-block__form">Чтобы оставить комментарий, <a href="../login.html">войдите</a> через Google или Telegram.</div>
      </div>"""

    def listing(self, story: Story, stories: list[Story]) -> str:
        items = [s for s in stories if s.kind == "article" and story.lists_tag in s.tags]
        items.sort(key=lambda s: s.published, reverse=True)
        entries = "".join(
            f'\n        <div class="list-item"><span class="list-item__date">{human_date(s.published, "ru", "")}</span>'
            f'<a class="list-item__title" href="{s.link}">{esc(s.title)}</a></div>'
            for s in items
        )
        return f"""      <h1 class="rubric-title">{esc(story.title)}</h1>
      <div class="rubric-desc">{esc(story.description)}</div>
      <div class="news-list">{entries}
      </div>
      <div class="pager"><span>1</span> <a href="#p2">2</a> <a href="#p3">3</a> … <a href="#p41">41</a></div>"""


# ---------------------------------------------------------------- outlet 3: Caucasus Ledger


class CaucasusLedger:
    folder = "caucasus-ledger"
    name = "Caucasus Ledger"
    language = "en"
    articles_dir = "stories"

    def page(self, story: Story, stories: list[Story]) -> str:
        ru = story.language == "ru"
        if story.kind == "unavailable":
            main = self.unavailable(story)
        elif story.kind == "listing":
            main = self.listing(story, stories)
        else:
            main = self.article(story, stories)
        meta = article_meta(story, LEDGER_META)
        canonical = f'\n    <link rel="canonical" href="{story.filename}">' if story.canonical else ""
        ld = f"\n    {json_ld(story, self.name)}" if story.jsonld else ""
        return f"""<!DOCTYPE html>
<html lang="{story.language}" dir="ltr">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width">
    <title>{esc('Story not available' if story.kind == 'unavailable' else story.title)} — Caucasus Ledger</title>
    <meta name="description" content="{attr(story.description)}">
    <meta property="og:title" content="{attr(story.title)}">
    <meta property="og:type" content="{'article' if story.kind == 'article' else 'website'}">
    <meta property="og:image" content="../media/og-default.jpg">
    <meta name="twitter:card" content="summary_large_image">{meta}{canonical}{ld}
    <link rel="stylesheet" href="../theme/ledger.css">
  </head>
  <body class="single single-post lang-{story.language}">
    <a class="skip-link" href="#main">Skip to content</a>
    <div class="masthead">
      <div class="masthead__top">
        <a class="brand" href="../index.html"><img src="../theme/logo.svg" alt="Caucasus Ledger"></a>
        <span class="masthead__motto">{'Независимая журналистика о Кавказе, Турции и не только' if ru else 'Reporting the Caucasus, Turkey and beyond'}</span>
        <span class="lang-switch"><a href="../index.html">EN</a> | <a href="../ru/index.html">RU</a> | <a href="../ka/index.html">KA</a></span>
      </div>
      <nav class="primary-menu">
        <a href="../georgia/">Georgia</a> <a href="../armenia/">Armenia</a> <a href="../azerbaijan/">Azerbaijan</a>
        <a href="../turkey/">Turkey</a> <a href="../beyond/">Beyond</a> <a href="../rights/">Rights</a>
        <a href="../economy/">Economy</a> <a href="../podcast/">Podcast</a>
      </nav>
    </div>
    <nav class="crumbs" aria-label="breadcrumb"><a href="../index.html">Ledger</a> › <a href="../{esc(story.section.lower())}/">{esc(story.section)}</a></nav>
    <main id="main" class="layout">
{main}
    </main>
    <div class="cmp-overlay" id="cmp">
      <div class="cmp-box">
        <h2>Your privacy choices</h2>
        <p>We and our 14 partners store and access information on your device to analyse traffic and personalise content. You can accept, reject, or manage your preferences. Your choices apply to this site only.</p>
        <button class="cmp-accept">I agree</button><button class="cmp-reject">Reject all</button><button class="cmp-manage">Manage options</button>
      </div>
    </div>
    <footer class="colophon">
      <div class="colophon__support">Caucasus Ledger is reader-funded. <a href="../support/">Become a member</a>.</div>
      <div class="colophon__legal">© Caucasus Ledger Media, Tbilisi 2025 · <a href="../privacy/">Privacy</a> · <a href="../terms/">Terms</a> · <a href="../sitemap.xml">Sitemap</a></div>
    </footer>
    <script async src="../theme/cmp.js"></script>
  </body>
</html>
"""

    def article(self, story: Story, stories: list[Story]) -> str:
        ru = story.language == "ru"
        more = "\n".join(
            f'          <li><a href="{r.link}"><span class="kicker">{esc(r.section)}</span> {esc(r.title)}</a></li>'
            for r in related_stories(story, stories)
        )
        comments = comments_for(story)
        thread = "\n".join(
            f'          <div class="discussion__post"><cite>{esc(name)}</cite><div class="discussion__text">{esc(text)}</div>'
            f'<span class="discussion__meta">{1 + i * 2}h ago · Like · Reply</span></div>'
            for i, (name, text) in enumerate(comments)
        )
        paragraphs = body_html(story, "post-p")
        # a newsletter box interrupts the story after the third paragraph, as on many real sites
        split = paragraphs.split("\n")
        inline = (
            '<div class="inline-signup"><strong>'
            + ("Рассылка Ledger:" if ru else "Ledger Weekly:")
            + "</strong> "
            + ("главные материалы недели по пятницам." if ru else "our best reporting, every Friday.")
            + ' <a href="../newsletter/">'
            + ("Подписаться" if ru else "Sign up")
            + "</a></div>"
        )
        if len(split) > 4:
            split.insert(3, inline)
        text = "\n".join(split)
        return f"""      <article class="post">
        <header class="post-header">
          <span class="post-kicker">{esc(story.section)}</span>
          <h1 class="post-title">{esc(story.title)}</h1>
          <p class="post-dek">{esc(story.description)}</p>
          <div class="post-byline">{'Автор' if ru else 'Words by'} <span class="author-name">{esc(story.author)}</span> · <time class="published" datetime="{story.published.isoformat()}">{human_date(story.published, story.language, 'us')}</time></div>
        </header>
        <div class="post-content">
{text}
        </div>
        <footer class="post-footer">
          <div class="share-row"><a href="#fb">Facebook</a><a href="#tw">X</a><a href="#tg">Telegram</a><a href="#copy">{'Скопировать ссылку' if ru else 'Copy link'}</a></div>
          <p class="republish">{'Этот материал можно перепечатывать по лицензии CC BY-ND 4.0.' if ru else 'Republish this story for free under a Creative Commons BY-ND 4.0 licence.'}</p>
        </footer>
      </article>
      <section class="more-stories">
        <h2>{'Ещё по теме' if ru else 'Related articles'}</h2>
        <ul>
{more}
        </ul>
      </section>
      <section class="discussion">
        <h2>{'Обсуждение' if ru else 'Join the discussion'} ({len(comments)})</h2>
{thread}
          <p class="discussion__login">{'Войдите, чтобы комментировать.' if ru else 'Log in to comment. Members comment for free.'}</p>
      </section>"""

    def listing(self, story: Story, stories: list[Story]) -> str:
        items = [s for s in stories if s.kind == "article" and story.lists_tag in s.tags]
        items.sort(key=lambda s: s.published, reverse=True)
        cards = "\n".join(
            f'        <div class="card"><a class="card__link" href="{s.link}"><span class="card__title">{esc(s.title)}</span></a>'
            f'<span class="card__dek">{esc(s.description)}</span><time>{human_date(s.published, "en", "us")}</time></div>'
            for s in items
        )
        return f"""      <h1 class="archive-title">{esc(story.title)}</h1>
      <p class="archive-desc">{esc(story.description)}</p>
      <div class="card-grid">
{cards}
      </div>
      <a class="load-more" href="#more">Load more</a>"""

    def unavailable(self, story: Story) -> str:
        return """      <div class="error-page">
        <h1>This story is no longer available</h1>
        <p>It may have been removed or moved. <a href="../index.html">Go to the homepage</a>.</p>
      </div>"""


# ---------------------------------------------------------------- feeds and sitemaps


def rss_feed(outlet, stories: list[Story]) -> str:
    items = []
    for s in sorted(stories, key=lambda s: s.published, reverse=True):
        link = s.path
        categories = "".join(f"\n      <category>{esc(t)}</category>" for t in s.tags)
        items.append(
            f"""    <item>
      <title>{esc(s.title)}</title>
      <link>{link}</link>
      <guid isPermaLink="false">steppe-herald-{s.slug}</guid>
      <pubDate>{format_datetime(s.published)}</pubDate>
      <dc:creator>{esc(s.author)}</dc:creator>{categories}
      <description>{esc(s.description)}</description>
    </item>"""
        )
    newest = max(s.published for s in stories)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Steppe Herald</title>
    <link>https://steppe-herald.example/</link>
    <description>Independent news from Kazakhstan and Central Asia</description>
    <language>en</language>
    <lastBuildDate>{format_datetime(newest)}</lastBuildDate>
    <ttl>30</ttl>
{chr(10).join(items)}
  </channel>
</rss>
"""


def atom_feed(outlet, stories: list[Story]) -> str:
    entries = []
    for s in sorted(stories, key=lambda s: s.published, reverse=True):
        link = s.path
        categories = "".join(f'\n    <category term="{attr(t)}"/>' for t in s.tags)
        entries.append(
            f"""  <entry>
    <title>{esc(s.title)}</title>
    <link rel="alternate" type="text/html" href="{link}"/>
    <id>tag:tianshan-vestnik.example,{s.published:%Y-%m-%d}:{s.slug}</id>
    <published>{s.published.isoformat()}</published>
    <updated>{s.published.isoformat()}</updated>
    <author><name>{esc(s.author)}</name></author>{categories}
    <summary>{esc(s.description)}</summary>
  </entry>"""
        )
    newest = max(s.published for s in stories)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>Вестник Тянь-Шаня</title>
  <subtitle>Новости Кыргызстана и Центральной Азии</subtitle>
  <link rel="alternate" type="text/html" href="https://tianshan-vestnik.example/"/>
  <id>tag:tianshan-vestnik.example,2011:feed</id>
  <updated>{newest.isoformat()}</updated>
{chr(10).join(entries)}
</feed>
"""


def news_sitemap(outlet, stories: list[Story]) -> str:
    urls = []
    for s in sorted(stories, key=lambda s: s.published, reverse=True):
        loc = s.path
        urls.append(
            f"""  <url>
    <loc>{loc}</loc>
    <lastmod>{s.published.isoformat()}</lastmod>
    <news:news>
      <news:publication>
        <news:name>Caucasus Ledger</news:name>
        <news:language>{s.language}</news:language>
      </news:publication>
      <news:publication_date>{s.published.isoformat()}</news:publication_date>
      <news:title>{esc(s.title)}</news:title>
    </news:news>
  </url>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(urls)}
</urlset>
"""


def sitemap_index(stories: list[Story]) -> str:
    newest = max(s.published for s in stories)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>news-sitemap.xml</loc>
    <lastmod>{newest.isoformat()}</lastmod>
  </sitemap>
</sitemapindex>
"""


# ---------------------------------------------------------------- expected pages


def expected_pages(outlets_and_stories) -> dict[str, dict]:
    """What each page is, for tests: read from the story headers and expected_cases.json."""
    cases = json.loads((DEMO / "expected_cases.json").read_text(encoding="utf-8"))
    people: dict[str, list[str]] = {}
    for case in cases:
        for article in case["articles"]:
            people.setdefault(article, []).append(case["person"])
    duplicates = {copy: original for case in cases for original, copy in case.get("syndicated", [])}
    pages = {}
    for outlet, stories in outlets_and_stories:
        for s in sorted(stories, key=lambda s: s.slug):
            path = f"{outlet.folder}/{s.path}"
            kind = {"listing": "listing", "consent": "consent_wall", "unavailable": "unavailable"}.get(s.kind)
            if kind is None:
                kind = "case" if path in people else s.extra.get("topic", "ordinary").replace("-", "_")
            entry = {"outlet": outlet.folder, "language": s.language, "published": s.published.date().isoformat(), "kind": kind}
            if kind == "case":
                entry["people"] = people[path]
            if kind == "group_deportation":
                entry.update(host_country=s.extra["host"], destination_country=s.extra["destination"], people=[])
            if path in duplicates:
                entry["duplicate_of"] = duplicates[path]
            pages[path] = entry
    return pages


# ---------------------------------------------------------------- main


def build_outlet(outlet) -> list[Story]:
    paths = sorted((AUTHORING / outlet.folder).glob("*.txt"))
    stories = [read_story(p, outlet.folder, outlet.language, outlet.articles_dir) for p in paths]
    for old in (DEMO / outlet.folder).glob("*/*.html"):
        old.unlink()
    for story in stories:
        target = DEMO / outlet.folder / story.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(outlet.page(story, stories), encoding="utf-8")
    return stories


def main() -> None:
    herald, vestnik, ledger = SteppeHerald(), TianshanVestnik(), CaucasusLedger()
    built = [(herald, build_outlet(herald)), (vestnik, build_outlet(vestnik)), (ledger, build_outlet(ledger))]
    (DEMO / herald.folder / "rss.xml").write_text(rss_feed(herald, built[0][1]), encoding="utf-8")
    (DEMO / vestnik.folder / "atom.xml").write_text(atom_feed(vestnik, built[1][1]), encoding="utf-8")
    (DEMO / ledger.folder / "news-sitemap.xml").write_text(news_sitemap(ledger, built[2][1]), encoding="utf-8")
    (DEMO / ledger.folder / "sitemap.xml").write_text(sitemap_index(built[2][1]), encoding="utf-8")
    pages = json.dumps(expected_pages(built), ensure_ascii=False, indent=1)
    (DEMO / "expected_pages.json").write_text(pages + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
