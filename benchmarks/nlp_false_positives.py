"""Events found in real news that is not about extradition: the precision check on text
nobody annotated.

English: the article bodies of the shared article-extraction benchmark (181 real pages);
Russian: the FactRuEval texts (news and analytics). Both are read in place from
`/work/shared/benchmarks/`, never copied. A few are real extradition stories (Viktor
Bout's, Julian Assange's, an Indian deportee's own account); every other event printed is a
false positive to look at.

    .venv/bin/python benchmarks/nlp_false_positives.py [--benchmarks /work/shared/benchmarks]

Prints each event found (language, document, person, stage, evidence) and the totals.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

DEFAULT_BENCHMARKS = Path("/work/shared/benchmarks")


def english_records(root: Path) -> list[tuple[str, dict]]:
    data = json.loads((root / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    rows = data.items() if isinstance(data, dict) else enumerate(data)
    return [(str(key), {"text": row["articleBody"], "language": "en"})
            for key, row in rows if isinstance(row, dict) and row.get("articleBody")]


def russian_records(root: Path) -> list[tuple[str, dict]]:
    records = []
    for folder in ("devset", "testset"):
        for path in sorted((root / "ru-ner" / folder).glob("*.txt")):
            records.append((f"{folder}/{path.stem}", {"text": path.read_text(encoding="utf-8"), "language": "ru"}))
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS)
    args = parser.parse_args()
    from nlp.api import analyze_many

    for language, records in (("en", english_records(args.benchmarks)), ("ru", russian_records(args.benchmarks))):
        documents_with_events = events = 0
        names = [name for name, _ in records]
        for name, analysis in zip(names, analyze_many(record for _, record in records)):
            if not analysis.events:
                continue
            documents_with_events += 1
            for event in analysis.events:
                events += 1
                print(f"{language}\t{name}\t{event.person}\t{event.stage.value}\t{event.evidence[:160]}")
        print(f"{language}: {len(records)} documents, {documents_with_events} with events, {events} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
