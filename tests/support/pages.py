"""Builders for the pages and feeds that the local test site serves."""
from __future__ import annotations

from html import escape

LOREM = (
    "The regional council met on Tuesday to discuss the budget for road repairs and the new school "
    "building. Residents asked questions about heating tariffs, bus routes and the timetable of the "
    "suburban trains, and the deputies promised written answers within a month. "
)


def article_html(title: str, body: str, *, lang: str = "en", charset: str = "utf-8", canonical: str | None = None,
                 published: str = "2025-03-04") -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    canonical_link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{escape(title)}</title>{canonical_link}
<meta property="article:published_time" content="{published}T09:00:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1><p class="byline">By Staff Reporter</p>{paragraphs}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Other story</a></li><li><a href="/b">Another story</a></li></ul></aside>
<footer>© Test Outlet. All rights reserved.</footer></body></html>"""


def long_text(seed: str, paragraphs: int = 4) -> str:
    return "\n\n".join(f"{seed} (part {i + 1}). {LOREM}" for i in range(paragraphs))


def rss(items: list[tuple[str, str]], title: str = "Test feed") -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>Tue, 04 Mar 2025 09:00:00 +0000</pubDate></item>"
        for t, link in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


def atom(items: list[tuple[str, str]], title: str = "Test feed") -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link rel="alternate" href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>2025-03-04T09:00:00Z</updated></entry>"
        for t, link in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'
