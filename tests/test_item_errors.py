"""A page a pipeline step fails on is reported, makes the run partial, and is fetched again."""
import json
import sqlite3
from pathlib import Path

from tests.support.pages import article_html, long_text, rss
from tests.test_crawl import FAST

ROOT = Path(__file__).resolve().parents[1]
PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "tests.support.failing_step.FailWhileMarked": 150,
    "pipelines.dedup.DedupPipeline": 200,
    "pipelines.language.LanguagePipeline": 300,
    "pipelines.store.StorePipeline": 400,
}


def test_a_failing_step_loses_no_page(site, tmp_path, run_exwatch):
    site.add("/news/fine.html", article_html("Court hearing in Almaty", long_text("A court in Almaty heard a case")))
    site.add("/news/boom.html", article_html("Deserter held in Yerevan", long_text("Armenian police held a deserter")))
    site.add("/feed.xml", rss([("fine", site.url("/news/fine.html")), ("boom", site.url("/news/boom.html"))]),
             content_type="application/rss+xml", etag='"v1"')
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Outlet"\nfeeds = ["{site.url("/feed.xml")}"]\nlanguage = "en"\n')
    db_path = tmp_path / "x.db"
    marker = tmp_path / "fail"
    marker.touch()
    env = {"PYTHONPATH": str(ROOT), "EXWATCH_TEST_FAIL_MARKER": str(marker)}
    args = ["run", "--db", db_path, "--sources", sources, *FAST, "-s", f"ITEM_PIPELINES={json.dumps(PIPELINES)}"]

    first = run_exwatch(*args, env=env)
    assert first.returncode == 1, first.stderr
    assert "1 new articles" in first.stdout and "1 pages failed" in first.stdout
    conn = sqlite3.connect(db_path)
    assert conn.execute("select status from runs").fetchone()[0] == "partial"
    [(url, reason, retryable)] = conn.execute("select url, reason, retryable from page_outcomes").fetchall()
    assert url.endswith("/news/boom.html") and "step broke on purpose" in reason and retryable == 1

    marker.unlink()  # the bug is fixed; the feed has not changed
    site.reset_hits()
    second = run_exwatch(*args, env=env)
    assert second.returncode == 0, second.stderr
    assert site.hits["/news/boom.html"] == 1 and site.hits["/news/fine.html"] == 0
    urls = {row[0] for row in conn.execute("select url from articles")}
    assert {u.rsplit("/", 1)[1] for u in urls} == {"fine.html", "boom.html"}
    assert conn.execute("select count(*) from page_outcomes").fetchone()[0] == 0
