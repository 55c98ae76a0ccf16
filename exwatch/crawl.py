"""One crawl run: every enabled source through both discovery spiders, into the store."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from exwatch.config import Source
from exwatch.options import user_agent
from exwatch.store import runs as stored_runs
from exwatch.store.db import open_db
from exwatch.store.sources import sync_sources
from spiders.feeds import FeedsSpider
from spiders.sitemaps import SitemapsSpider

logger = logging.getLogger(__name__)


def crawl_settings(db_path: str | Path, overrides: Mapping | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("exwatch.settings", priority="project")
    settings.set("EXWATCH_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    if "USER_AGENT" not in (overrides or {}):
        settings.set("USER_AGENT", user_agent(settings.get("EXWATCH_CONTACT_URL")), priority="cmdline")
    return settings


@dataclass
class CrawlResult:
    run_id: int
    summary: stored_runs.RunSummary
    seconds: float

    @property
    def failed_sources(self) -> int:
        return self.summary.sources_failed


def run_crawl(
    db_path: str | Path,
    sources: list[Source],
    *,
    all_sources: list[Source] | None = None,
    overrides: Mapping | None = None,
    now: datetime | None = None,
) -> CrawlResult:
    """Crawl `sources` once (the caller holds the run lock), record the run, return its summary."""
    started = datetime.now(timezone.utc)
    db = open_db(db_path)
    sync_sources(db, all_sources or sources, at=_iso(started))
    run_id = stored_runs.start_run(db, started=_iso(started))
    db.close()

    settings = crawl_settings(db_path, {**(overrides or {}), "EXWATCH_RUN_ID": run_id})
    process = CrawlerProcess(settings)
    crawlers = []
    for spider_cls, wanted in ((FeedsSpider, _has_feeds), (SitemapsSpider, _has_sitemaps)):
        chosen = [s for s in sources if wanted(s)]
        if chosen:
            crawler = process.create_crawler(spider_cls)
            process.crawl(crawler, sources=chosen, now=now or started)
            crawlers.append(crawler)
    interrupted = False
    try:
        process.start()
    except KeyboardInterrupt:
        interrupted = True
    finished = datetime.now(timezone.utc)
    summary = summarize(crawlers, sources, started=_iso(started), finished=_iso(finished))
    if interrupted:
        summary.status = "interrupted"
    db = open_db(db_path)
    stored_runs.finish_run(db, run_id, summary)
    db.close()
    return CrawlResult(run_id, summary, (finished - started).total_seconds())


def summarize(crawlers, sources: list[Source], *, started: str, finished: str) -> stored_runs.RunSummary:
    counts: dict[str, int] = {}
    failed: dict[str, list[str]] = {}
    errors: list[dict] = []
    for crawler in crawlers:
        for key, value in crawler.stats.get_stats().items():
            if isinstance(value, int) and (key.startswith("exwatch/") or key.startswith("item_dropped")):
                counts[key] = counts.get(key, 0) + value
        spider = crawler.spider
        for name, problems in spider.failed_sources.items():
            failed.setdefault(name, []).extend(problems)
        errors.extend(spider.page_errors)
    errors = [{"source": name, "error": p} for name, problems in failed.items() for p in problems] + errors
    dropped = sum(v for k, v in counts.items() if k.startswith("exwatch/articles/dropped/"))
    timed_out = any(c.stats.get_value("finish_reason") == "closespider_timeout" for c in crawlers)
    return stored_runs.RunSummary(
        started=started,
        finished=finished,
        status="timeout" if timed_out else "partial" if failed or counts.get("exwatch/items/error") else "ok",
        sources_total=len(sources),
        sources_failed=len(failed),
        articles_new=counts.get("exwatch/articles/new", 0),
        articles_duplicate=counts.get("exwatch/articles/duplicate", 0),
        articles_known=counts.get("exwatch/articles/known", 0),
        articles_dropped=dropped,
        pages_failed=counts.get("exwatch/pages/failed", 0),
        feeds_not_modified=counts.get("exwatch/feeds/not_modified", 0),
        counts=counts,
        errors=errors,
    )


def _has_feeds(source: Source) -> bool:
    return bool(source.feeds) or (not source.sitemaps and bool(source.homepage))


def _has_sitemaps(source: Source) -> bool:
    return bool(source.sitemaps)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
