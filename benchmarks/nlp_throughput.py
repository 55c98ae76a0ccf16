"""Throughput of the NLP stage: `nlp.api.analyze_many` against raw `nlp.pipe`.

Corpus: a mix where about 10% of articles are relevant. Irrelevant texts are the article
bodies of the shared article-extraction benchmark (read from there, never copied);
relevant ones are the English dev and eval-set articles.

    .venv/bin/python benchmarks/nlp_throughput.py [--articles 400] [--share 0.1]
        [--ground-truth /work/shared/benchmarks/article-extraction/ground-truth.json]
        [--relevant-dir /work/shared/eval/dev --relevant-dir tests/eval_set] [--n-process 1]

Prints articles/s for: analyze_many on the mixed corpus, raw nlp.pipe (the full English
pipeline, every component on every text) on the same corpus, and both on relevant
articles only, with the ratio the project targets (>= 30/s mixed; >= 80% of raw on relevant).
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

DEFAULT_GROUND_TRUTH = Path("/work/shared/benchmarks/article-extraction/ground-truth.json")
DEFAULT_RELEVANT = [Path("/work/shared/eval/dev"), PROJECT_DIR / "tests" / "eval_set"]


def irrelevant_texts(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data.values() if isinstance(data, dict) else data
    return [row["articleBody"] for row in rows if isinstance(row, dict) and row.get("articleBody")]


def relevant_records(directories: list[Path]) -> list[dict]:
    records = []
    for directory in directories:
        for text_path in sorted(directory.glob("*.txt")):
            meta_path = text_path.with_suffix(".json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            if meta.get("language", "en") != "en":
                continue
            published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
            records.append({"text": text_path.read_text(encoding="utf-8"), "published": published, "language": "en"})
    return records


def mixed_corpus(irrelevant: list[str], relevant: list[dict], size: int, share: float) -> list[dict]:
    n_relevant = max(1, round(size * share))
    rel = list(itertools.islice(itertools.cycle(relevant), n_relevant))
    irr = [{"text": t, "published": None, "language": "en"}
           for t in itertools.islice(itertools.cycle(irrelevant), size - n_relevant)]
    corpus, step = [], max(1, len(irr) // max(len(rel), 1))
    for i, record in enumerate(irr):  # spread the relevant ones evenly
        if i % step == 0 and rel:
            corpus.append(rel.pop())
        corpus.append(record)
    return corpus + rel


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def time_analyze(records, n_process: int) -> tuple[float, int]:
    from nlp.api import analyze_many

    start = time.perf_counter()
    relevant = sum(a.relevant for a in analyze_many(records, n_process=n_process))
    return time.perf_counter() - start, relevant


def time_raw_pipe(records, n_process: int) -> float:
    from nlp.pipeline import get_pipeline

    nlp = get_pipeline("en")
    # Worker processes cannot send the rule components' Python objects back, so with
    # n_process > 1 the raw baseline runs the trained components only (a faster baseline).
    disable = [] if n_process == 1 else ["exwatch_people", "exwatch_events"]
    start = time.perf_counter()
    for _ in nlp.pipe((r["text"] for r in records), n_process=n_process, batch_size=32, disable=disable):
        pass
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--share", type=float, default=0.1, help="share of relevant articles")
    parser.add_argument("--ground-truth", type=Path, default=DEFAULT_GROUND_TRUTH)
    parser.add_argument("--relevant-dir", type=Path, action="append")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args(argv)

    irrelevant = irrelevant_texts(args.ground_truth)
    relevant = relevant_records(args.relevant_dir or DEFAULT_RELEVANT)
    if not irrelevant or not relevant:
        print("no corpus: check --ground-truth and --relevant-dir", file=sys.stderr)
        return 2
    corpus = mixed_corpus(irrelevant, relevant, args.articles, args.share)

    from nlp.pipeline import get_pipeline

    get_pipeline("en")  # load the model before timing
    time_raw_pipe(relevant[:2], 1)  # warm up

    seconds, kept = time_analyze(corpus, args.n_process)
    raw_seconds = time_raw_pipe(corpus, args.n_process)
    print(f"mixed corpus: {len(corpus)} articles, {kept} passed the prefilter "
          f"({len(corpus) - kept} stopped after the tokenizer)")
    print(f"  analyze_many : {rate(len(corpus), seconds):8.1f} articles/s")
    scope = "full pipeline" if args.n_process == 1 else "trained components"
    print(f"  raw nlp.pipe : {rate(len(corpus), raw_seconds):8.1f} articles/s ({scope} on every text)")

    rel_corpus = list(itertools.islice(itertools.cycle(relevant), max(len(relevant), 100)))
    rel_seconds, _ = time_analyze(rel_corpus, args.n_process)
    rel_raw = time_raw_pipe(rel_corpus, args.n_process)
    ratio = rel_raw / rel_seconds if rel_seconds else float("inf")
    print(f"relevant only: {len(rel_corpus)} articles")
    print(f"  analyze_many : {rate(len(rel_corpus), rel_seconds):8.1f} articles/s")
    print(f"  raw nlp.pipe : {rate(len(rel_corpus), rel_raw):8.1f} articles/s")
    print(f"  analyze_many / raw = {ratio:.0%} (target >= 80%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
