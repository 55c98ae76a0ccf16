"""Crawl throughput: N generated article pages behind M feeds, served from 127.0.0.1.

    .venv/bin/python benchmarks/crawl_throughput.py [--pages 2000] [--feeds 200] [--nlp]

Prints pages/s through fetch, extract and store; the wall time of an unchanged re-run
(every feed answers 304); peak RSS of the crawling process; and, for comparison, the wall
time of trafilatura's own command line fetching and extracting the same pages.

Politeness delays are switched off here (and the pages are spread over 20 loopback
addresses, 127.0.0.1-20, as 20 "sites"): this measures the pipeline, not the delay.
"""
from __future__ import annotations

import argparse
import functools
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOSTS = [f"127.0.0.{i}" for i in range(1, 21)]

WORDS = (
    "council budget river bridge school tariff railway harvest festival museum orchestra weather "
    "forecast parliament minister election market export grain textile airport airline tourism "
    "hospital clinic teachers students university library theatre football league champion"
).split()


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = rng.choices(WORDS, k=rng.randint(10, 22))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def page(i: int, rng: random.Random) -> str:
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(5, 10)))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {i}</title>
<meta property="article:published_time" content="2025-03-04T09:00:00+00:00"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article><h1>Story number {i}</h1><p class="byline">By Staff Writer</p>{body}</article>
<aside><h2>Related</h2><ul>{''.join(f'<li><a href="/a{j}.html">Related story {j}</a></li>' for j in range(8))}</ul></aside>
<section class="comments"><h3>Comments</h3><p>Great article!</p><p>I disagree with the council.</p></section></main>
<footer>© Generated Outlet. Contact us. Privacy policy.</footer></body></html>"""


def generate(root: Path, pages: int, feeds: int, port: int) -> tuple[list[str], list[str]]:
    rng = random.Random(7)
    per_feed = pages // feeds
    article_urls, feed_urls = [], []
    for f in range(feeds):
        host = HOSTS[f % len(HOSTS)]
        items = []
        for k in range(per_feed):
            i = f * per_feed + k
            (root / f"p{i}.html").write_text(page(i, rng), encoding="utf-8")
            url = f"http://{host}:{port}/p{i}.html"
            article_urls.append(url)
            items.append(f"<item><title>Story {i}</title><link>{url}</link></item>")
        (root / f"feed{f}.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>{"".join(items)}</channel></rss>',
            encoding="utf-8",
        )
        feed_urls.append(f"http://{host}:{port}/feed{f}.xml")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return article_urls, feed_urls


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with ETag validation, so an unchanged feed is a 304."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file():
            etag = f'"{path.stat().st_mtime_ns:x}-{path.stat().st_size:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            self._etag = etag
        return super().send_head()

    def end_headers(self):
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
        super().end_headers()


def serve(root: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("0.0.0.0", 0), functools.partial(QuietHandler, directory=str(root)))
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_exwatch(db: Path, sources: Path, nlp: bool, extra=(), profile: str | None = None) -> tuple[float, str]:
    settings = [
        "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "CONCURRENT_REQUESTS=64",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8", f"EXWATCH_NLP_ENABLED={int(nlp)}", *extra,
    ]
    args = [str(BIN / "exwatch"), "run", "--db", str(db), "--sources", str(sources), "--quiet"]
    if profile:
        args = [sys.executable, "-m", "cProfile", "-o", profile] + args
    for s in settings:
        args += ["-s", s]
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"exwatch failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return elapsed, result.stdout.strip()


def trafilatura_config(work: Path) -> Path:
    """trafilatura's defaults with the same politeness as our run (none) and loopback allowed:
    by default it sleeps 5 s between requests to one host and refuses private addresses."""
    import trafilatura

    default = Path(trafilatura.__file__).parent / "settings.cfg"
    text = re.sub(r"(?m)^SLEEP_TIME = .*$", "SLEEP_TIME = 0", default.read_text())
    text = re.sub(r"(?m)^SSRF_PROTECTION = .*$", "SSRF_PROTECTION = off", text)
    config = work / "trafilatura.cfg"
    config.write_text(text)
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--nlp", action="store_true", help="also run the NLP stage (prefilter + spaCy)")
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--set", "-s", action="append", default=[], help="extra exwatch setting NAME=VALUE")
    parser.add_argument("--profile", help="write a cProfile of the first run's crawling process here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="exwatch-bench-"))
    site = work / "site"
    site.mkdir()
    server = serve(site)
    port = server.server_address[1]
    article_urls, feed_urls = generate(site, args.pages, args.feeds, port)
    sources = work / "sources.toml"
    sources.write_text(
        "".join(f'[[source]]\nname = "Outlet {i}"\nfeeds = ["{u}"]\nlanguage = "en"\n\n' for i, u in enumerate(feed_urls))
    )
    db = work / "bench.db"
    print(f"{len(article_urls)} pages behind {len(feed_urls)} feeds on {len(HOSTS)} loopback hosts; NLP {'on' if args.nlp else 'off'}")

    first, summary = run_exwatch(db, sources, args.nlp, args.set, args.profile)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"first run:  {first:6.1f} s  {len(article_urls) / first:6.1f} pages/s  ({summary})")
    again, summary = run_exwatch(db, sources, args.nlp, args.set)
    print(f"re-run:     {again:6.1f} s  with nothing new ({summary})")
    print(f"peak RSS of the largest exwatch process: {peak_rss_mb:.0f} MB")

    if not args.skip_trafilatura:
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(article_urls) + "\n")
        config = trafilatura_config(work)
        started = time.perf_counter()
        # JSON lines on stdout: with -o it names files by a bag-of-words hash, and generated
        # pages that share a vocabulary would overwrite each other.
        result = subprocess.run(
            [str(BIN / "trafilatura"), "-i", str(urls_file), "--parallel", "16", "--output-format", "json",
             "--config-file", str(config)],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        extracted = sum(1 for line in result.stdout.splitlines() if line.startswith("{"))
        print(f"trafilatura CLI: {elapsed:6.1f} s  {len(article_urls) / elapsed:6.1f} pages/s  ({extracted} pages extracted)")
        print(f"side by side (wall time, same pages, same server): exwatch {first:.1f} s vs trafilatura {elapsed:.1f} s")
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
