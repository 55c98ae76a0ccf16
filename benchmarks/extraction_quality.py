"""Quality and speed of the extract step on the article-extraction benchmark.

Usage (from anywhere):
    .venv/bin/python benchmarks/extraction_quality.py [--benchmark DIR] [--limit N] [--worst K]

The benchmark (181 real news pages with their ground-truth article text) is read in place from
`../shared/benchmarks/article-extraction/` next to the repository root: `html/<key>.html.gz` and
`ground-truth.json` (`{key: {"articleBody": ..., "url": ...}}`). Nothing is copied into the project.

Metric: the definition of scrapinghub/article-extraction-benchmark's `evaluate.py`, reimplemented:
- tokens are `\\w+` matches (Unicode); the units compared are shingles of 4 consecutive tokens
  (a text shorter than 4 tokens is one shorter shingle), counted as multisets;
- per page, TP = sum of min(true count, predicted count) over shingles, FP = the predicted
  excess, FN = the true excess; the three are divided by their sum so every page weighs the same;
- precision is the mean over pages with TP+FP > 0 of TP/(TP+FP), recall the mean over pages with
  TP+FN > 0 of TP/(TP+FN) (both 1 when FP = FN = 0); F1 is the harmonic mean of those two means.
So a page with no output lowers recall but is left out of the precision mean, exactly as upstream.
The upstream bootstrap confidence intervals are not computed.

Two extractors are measured: this project's `extract_article(..., min_text_chars=0)` (a page
that raises `NotAnArticle` counts as empty output) and plain `trafilatura.extract()` with its
defaults, for comparison. Speed is pages per CPU second of this one process (one core; other
load on the machine does not count), and pages per wall-clock second. Finally the
script reports how many of these real articles the default settings (`min_text_chars=300`) would
drop, per reason (every one of them is a false drop), and how often each metadata field is found
(the benchmark has no ground truth for metadata, so this is coverage, not accuracy).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import trafilatura  # noqa: E402

from exwatch.extraction import NotAnArticle, extract_article  # noqa: E402

DEFAULT_BENCHMARK = REPO_ROOT.parent / "shared" / "benchmarks" / "article-extraction"
TARGET_F1 = 0.95
_TOKEN = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]  # normalised TP, FP, FN of one page


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(true: str, predicted: str) -> Counts:
    expected, got = shingles(true), shingles(predicted)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def load_benchmark(directory: Path, limit: int | None) -> list[tuple[str, str, bytes, str]]:
    """[(key, url, html bytes, true text)] in key order."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    return [
        (key, truth[key]["url"], gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes()),
         truth[key].get("articleBody", ""))
        for key in keys
    ]


def ours(body: bytes, url: str) -> str:
    try:
        return extract_article(body, url, min_text_chars=0).text
    except NotAnArticle:
        return ""


def plain_trafilatura(body: bytes, url: str) -> str:
    return trafilatura.extract(body, url=url) or ""


def measure(name: str, extractor: Callable[[bytes, str], str], pages, worst: int) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    outputs = [extractor(body, url) for _, url, body, _ in pages]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    counts = [page_counts(true, out) for (_, _, _, true), out in zip(pages, outputs)]
    result = scores(counts) | {"pages": len(pages), "empty": sum(not out for out in outputs),
                               "pages_per_s": len(pages) / wall, "pages_per_cpu_s": len(pages) / cpu}
    print(f"{name:<22} precision={result['precision']:.4f}  recall={result['recall']:.4f}  "
          f"F1={result['f1']:.4f}  pages={result['pages']}  empty={result['empty']}  "
          f"{result['pages_per_cpu_s']:.1f} pages per CPU second ({result['pages_per_s']:.1f} pages/s wall)")
    for (key, url, _, _), c in sorted(zip(pages, counts), key=lambda pc: pc[1][0])[:worst]:
        print(f"    worst: tp={c[0]:.2f} fp={c[1]:.2f} fn={c[2]:.2f}  {key[:12]}  {url}")
    return result


def default_run(pages) -> tuple[Counter, Counter]:
    """Drop reasons and metadata coverage under the production defaults. Every page here is a
    real article, so every drop is a false drop."""
    drops: Counter = Counter()
    found: Counter = Counter()
    for _, url, body, _ in pages:
        try:
            article = extract_article(body, url)
        except NotAnArticle as drop:
            drops[drop.reason] += 1
            continue
        for name in ("title", "authors", "published", "modified", "language", "canonical_url", "description"):
            found[name] += bool(getattr(article, name))
    return drops, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, default=DEFAULT_BENCHMARK, help="benchmark directory")
    parser.add_argument("--limit", type=int, help="only the first N pages (by key)")
    parser.add_argument("--worst", type=int, default=0, help="list the K worst pages per extractor")
    args = parser.parse_args(argv)
    if not (args.benchmark / "ground-truth.json").is_file():
        parser.error(f"no ground-truth.json in {args.benchmark}")
    pages = load_benchmark(args.benchmark, args.limit)
    result = measure("exwatch.extract_article", ours, pages, args.worst)
    measure("trafilatura defaults", plain_trafilatura, pages, args.worst)
    drops, found = default_run(pages)
    print(f"dropped with default settings (false drops): {sum(drops.values())}/{len(pages)} "
          + ", ".join(f"{reason}={n}" for reason, n in drops.most_common()))
    kept = len(pages) - sum(drops.values())
    print(f"metadata found, of {kept} kept pages: " + ", ".join(f"{name}={n}" for name, n in found.items()))
    met = result["f1"] >= TARGET_F1
    print(f"target F1 >= {TARGET_F1}: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
