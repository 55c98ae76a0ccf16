"""PER precision, recall and F1 of the `exwatch_natasha` component on the FactRuEval-2016
test set, read in place from /work/shared/benchmarks/ru-ner/testset/ (nothing is copied).

    .venv/bin/python benchmarks/ru_ner.py [--testset DIR] [--limit N]

Gold PER spans (the standard object-level person mentions): every `Person` object of a
`.objects` file is one mention; its span runs from the first character of its first
`.spans` span to the last character of its last one ("Александр Вертинский" = name +
surname spans; "Вертинского" = one surname span). Duplicate spans are counted once.
A predicted PER entity is correct when its character span equals a gold span exactly
(strict); the token-overlap score natasha's own papers use is printed beside it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.ru.pipeline import build_ru_pipeline  # noqa: E402

TESTSET = Path("/work/shared/benchmarks/ru-ner/testset")


def read_spans(path: Path) -> dict[str, tuple[int, int]]:
    """span id -> (start, end) characters."""
    spans = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            span_id, _, start, length = fields[:4]
            spans[span_id] = (int(start), int(start) + int(length))
    return spans


def gold_persons(base: Path) -> set[tuple[int, int]]:
    spans = read_spans(base.with_suffix(".spans"))
    persons = set()
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 3 and fields[1] == "Person":
            parts = [spans[s] for s in fields[2:] if s in spans]
            if parts:
                persons.add((min(p[0] for p in parts), max(p[1] for p in parts)))
    return persons


def predicted_persons(nlp, text: str) -> set[tuple[int, int]]:
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("exwatch_natasha")(doc)
    return {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"}


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def token_set(spans: set[tuple[int, int]], text: str) -> set[tuple[int, int]]:
    """Word positions covered by spans, for the lenient overlap score."""
    words = set()
    for start, end in spans:
        position = start
        for word in text[start:end].split():
            offset = text.index(word, position)
            words.add((offset, offset + len(word)))
            position = offset + len(word)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--testset", type=Path, default=TESTSET)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    texts = sorted(p for p in args.testset.glob("*.txt") if p.with_suffix(".objects").exists())
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        print(f"no .txt files in {args.testset}", file=sys.stderr)
        return 2
    nlp = build_ru_pipeline()
    tp = fp = fn = 0
    token_tp = token_fp = token_fn = 0
    started = time.perf_counter()
    for path in texts:
        with path.open(encoding="utf-8", newline="") as handle:  # offsets count "\r" too
            text = handle.read()
        gold = gold_persons(path.with_suffix(""))
        predicted = predicted_persons(nlp, text)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        gold_words, predicted_words = token_set(gold, text), token_set(predicted, text)
        token_tp += len(gold_words & predicted_words)
        token_fp += len(predicted_words - gold_words)
        token_fn += len(gold_words - predicted_words)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    token_p = token_tp / (token_tp + token_fp) if token_tp + token_fp else 0.0
    token_r = token_tp / (token_tp + token_fn) if token_tp + token_fn else 0.0
    print(f"FactRuEval-2016 test: {len(texts)} documents, {tp + fn} gold PER mentions, "
          f"{time.perf_counter() - started:.1f}s")
    print(f"PER strict (exact span)  P={precision:.3f} R={recall:.3f} F1={f1(precision, recall):.3f}")
    print(f"PER token overlap        P={token_p:.3f} R={token_r:.3f} F1={f1(token_p, token_r):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
