"""End to end: sitemaps (index, gzip, news dates, the window) and feed autodiscovery."""
import gzip
import sqlite3
from datetime import datetime, timedelta, timezone

from tests.support.pages import article_html, atom, long_text
from tests.test_crawl import FAST


def iso_days_ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def urlset(entries):
    urls = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication_date>{date}</news:publication_date>"
        f"<news:title>t</news:title></news:news></url>" if news else f"<url><loc>{loc}</loc><lastmod>{date}</lastmod></url>"
        for loc, date, news in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def stored_urls(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return {row[0] for row in conn.execute("select url from articles")}
    finally:
        conn.close()


def test_sitemap_index_gzip_and_window(site, tmp_path, run_exwatch):
    for name in ("fresh", "recent", "old"):
        site.add(f"/{name}.html", article_html(name, long_text(f"The {name} story of the week")))
    news = urlset([
        (site.url("/fresh.html"), iso_days_ago(0), True),
        (site.url("/old.html"), iso_days_ago(30), True),
    ])
    site.add("/news.xml.gz", gzip.compress(news.encode()), content_type="application/x-gzip")
    site.add("/pages.xml", urlset([(site.url("/recent.html"), iso_days_ago(1)[:10], False)]),
             content_type="application/xml")
    site.add("/archive.xml", urlset([(site.url("/old.html"), "2019-01-01", False)]), content_type="application/xml")
    index = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/pages.xml')}</loc><lastmod>{iso_days_ago(1)}</lastmod></sitemap>"
        f"<sitemap><loc>{site.url('/archive.xml')}</loc><lastmod>2019-01-02</lastmod></sitemap>"
        "</sitemapindex>"
    )
    site.add("/sitemap.xml", index, content_type="application/xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Ledger"\nsitemaps = ["{site.url("/sitemap.xml")}"]\nlanguage = "en"\n')
    db_path = tmp_path / "exwatch.db"

    result = run_exwatch("run", "--db", db_path, "--sources", sources, *FAST, "-s", "EXWATCH_SITEMAP_WINDOW_DAYS=3")

    assert result.returncode == 0, result.stderr
    assert stored_urls(db_path) == {site.url("/fresh.html"), site.url("/recent.html")}
    assert site.hits["/archive.xml"] == 0  # a child sitemap last modified outside the window
    assert site.hits["/old.html"] == 0


def test_feed_autodiscovery_from_homepage(site, tmp_path, run_exwatch):
    site.add("/", '<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head>'
                  "<body>Home</body></html>")
    site.add("/atom.xml", atom([("Story", site.url("/story.html"))]), content_type="application/atom+xml")
    site.add("/story.html", article_html("Story", long_text("A story found through autodiscovery")))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Home Only"\nhomepage = "{site.url("/")}"\nlanguage = "en"\n')
    db_path = tmp_path / "exwatch.db"

    result = run_exwatch("run", "--db", db_path, "--sources", sources, *FAST)

    assert result.returncode == 0, result.stderr
    assert stored_urls(db_path) == {site.url("/story.html")}
