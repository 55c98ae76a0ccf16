"""End to end: the real `exwatch run` against a real HTTP server on 127.0.0.1."""
import json
import sqlite3

import pytest

from tests.conftest import make_runner
from tests.support.pages import article_html, long_text, rss
from tests.support.site import LocalSite, gzip_bomb

FAST = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=0",
    "-s", "EXWATCH_RETRY_BACKOFF_BASE=0.05",
    "-s", "EXWATCH_NLP_ENABLED=0",
    "-s", "EXWATCH_EXTRACT_WORKERS=1",
]


def build_site(site):
    pages = {
        "/news/plain.html": article_html("Council approves budget", long_text("Council approves budget")),
        "/news/retry.html": article_html("Bridge reopens", long_text("Bridge reopens after repairs")),
        "/news/moved.html": article_html("Library moves", long_text("The city library moves")),
        "/private/secret.html": article_html("Hidden", long_text("Should never be fetched")),
        "/news/flaky.html": article_html("Tram line extended", long_text("The tram line is extended")),
    }
    # retry.html fails once (retried within the run); flaky.html fails all 4 attempts of the
    # first run and succeeds on the next run.
    fail_first = {"/news/retry.html": 1, "/news/flaky.html": 4}
    for path, html in pages.items():
        site.add(path, html, fail_first=fail_first.get(path, 0))
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/old/library.html", redirect_to=site.url("/news/moved.html"), status=301)
    site.add("/news/copy.html", pages["/news/plain.html"].replace("Home", "Start page"))
    russian = article_html("Совет утвердил бюджет", long_text("Городской совет утвердил бюджет на ремонт дорог"),
                           lang="ru", charset="windows-1251")
    site.add("/news/cp1251.html", russian.encode("cp1251"), content_type="text/html; charset=windows-1251")
    site.add("/news/huge.html", b"<html><body>" + b"<p>word</p>" * 2_000_000 + b"</body></html>")
    site.add("/news/bomb.html", gzip_bomb(60 * 1024 * 1024), gzip_encoded=True)
    site.add("/news/garbage.html", bytes(range(256)) * 400, content_type="text/html")
    links = [
        "/news/plain.html?utm_source=rss&utm_medium=feed", "/news/retry.html", "/old/library.html",
        "/private/secret.html", "/news/missing.html", "/news/copy.html", "/news/cp1251.html",
        "/news/huge.html", "/news/bomb.html", "/news/garbage.html", "/news/flaky.html",
    ]
    site.add("/feed.xml", rss([(p, site.url(p)) for p in links]), content_type="application/rss+xml", etag='"v1"')
    site.add("/broken.xml", "<rss><channel><item><title>unterminated", content_type="application/rss+xml")


def write_sources(path, site):
    path.write_text(
        f"""
[[source]]
name = "Local Herald"
homepage = "{site.url('/')}"
feeds = ["{site.url('/feed.xml')}"]
language = "en"
country = "KZ"

[[source]]
name = "Broken Outlet"
feeds = ["{site.url('/broken.xml')}"]
language = "en"
""",
        encoding="utf-8",
    )


def crawl_once(site, workdir):
    build_site(site)
    sources = workdir / "sources.toml"
    write_sources(sources, site)
    db_path = workdir / "exwatch.db"
    first = make_runner(workdir)("run", "--db", db_path, "--sources", sources, *FAST)
    return site, db_path, sources, first


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One first run shared by the read-only checks of this module."""
    local = LocalSite().start()
    yield crawl_once(local, tmp_path_factory.mktemp("crawl"))
    local.stop()


def rows(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_first_run_stores_every_good_page_and_reports_the_broken_feed(crawled):
    site, db_path, _, result = crawled
    assert result.returncode == 1, result.stderr  # a source failed: exit 1, but the run finished
    assert "2 sources (1 failed)" in result.stdout
    urls = {r["url"] for r in rows(db_path, "select url from articles")}
    # plain.html and copy.html carry one text: whichever arrived first is stored.
    [first_copy] = urls & {site.url("/news/plain.html"), site.url("/news/copy.html")}
    assert urls == {
        first_copy,  # tracking parameters dropped from plain.html's feed link
        site.url("/news/retry.html"),  # a 500, then success on retry
        site.url("/news/moved.html"),  # reached through a redirect
        site.url("/news/cp1251.html"),
    }


def test_windows_1251_page_is_decoded(crawled):
    _, db_path, _, _ = crawled
    [article] = rows(db_path, "select * from articles where url like '%cp1251%'")
    assert "Городской совет утвердил бюджет" in article["text"]
    assert article["language"] == "ru"


def test_robots_txt_disallow_is_obeyed(crawled):
    site, _, _, _ = crawled
    assert site.hits["/private/secret.html"] == 0
    assert site.hits["/robots.txt"] >= 1


def test_retry_after_500(crawled):
    site, _, _, _ = crawled
    assert site.hits["/news/retry.html"] == 2


def test_same_text_under_second_url_is_a_duplicate_not_a_second_article(crawled):
    site, db_path, _, _ = crawled
    [duplicate] = rows(db_path, "select * from duplicates")
    [original] = rows(db_path, "select id, url from articles where url like '%/news/plain.html' or url like '%/news/copy.html'")
    assert {duplicate["url"], original["url"]} == {site.url("/news/plain.html"), site.url("/news/copy.html")}
    assert duplicate["duplicate_of"] == original["id"]


def test_failures_are_recorded_in_the_run(crawled):
    site, db_path, _, _ = crawled
    [run] = rows(db_path, "select * from runs")
    assert run["status"] == "partial"
    assert run["articles_new"] == 4
    assert run["articles_duplicate"] == 1
    assert run["sources_failed"] == 1
    errors = json.loads(run["errors"])
    failed_urls = {e.get("url") for e in errors}
    assert site.url("/news/missing.html") in failed_urls  # 404
    assert site.url("/news/huge.html") in failed_urls  # over the article size limit
    assert site.url("/news/bomb.html") in failed_urls  # decompresses past the limit
    assert site.url("/news/flaky.html") in failed_urls  # 500 on every attempt of this run
    assert any("Broken Outlet" == e["source"] and "broken.xml" in e["error"] for e in errors)
    counts = json.loads(run["counts"])
    assert counts["exwatch/articles/dropped/binary"] == 1  # binary garbage


def test_feed_state_is_kept_per_feed(crawled):
    site, db_path, _, _ = crawled
    feeds = {r["url"]: r for r in rows(db_path, "select * from feeds")}
    assert feeds[site.url("/feed.xml")]["etag"] == '"v1"'
    assert feeds[site.url("/feed.xml")]["last_success"]
    broken = feeds[site.url("/broken.xml")]
    assert broken["last_error"] and broken["consecutive_failures"] == 1 and broken["last_success"] is None


def test_second_run_fetches_no_article_again_and_the_feed_costs_a_304(site, tmp_path, run_exwatch):
    site, db_path, sources, _ = crawl_once(site, tmp_path)
    site.reset_hits()
    second = run_exwatch("run", "--db", db_path, "--sources", sources, *FAST)
    assert second.returncode == 1, second.stderr
    fetched = {path for path in site.hits if path.startswith(("/news/", "/old/"))}
    # Only the page that failed with a server error is tried again: stored pages, their
    # aliases, 404s, oversized pages and non-articles are not fetched a second time.
    assert fetched == {"/news/flaky.html"}
    feed_requests = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert feed_requests and feed_requests[0].get("If-None-Match") == '"v1"'
    runs = rows(db_path, "select * from runs order by id")
    assert runs[1]["feeds_not_modified"] == 1
    assert runs[1]["articles_new"] == 1
    assert rows(db_path, "select count(*) as n from articles")[0]["n"] == 5
    assert rows(db_path, "select count(*) as n from page_outcomes where url like '%flaky%'")[0]["n"] == 0
