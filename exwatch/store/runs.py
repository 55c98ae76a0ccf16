"""One row per crawl run: when, what happened, what failed."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlite_utils import Database


@dataclass
class RunSummary:
    started: str
    finished: str | None = None
    status: str = "running"
    sources_total: int = 0
    sources_failed: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_known: int = 0
    articles_dropped: int = 0
    pages_failed: int = 0
    feeds_not_modified: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def as_row(self) -> dict:
        row = {k: v for k, v in self.__dict__.items() if k not in ("counts", "errors")}
        row["counts"] = json.dumps(self.counts, sort_keys=True)
        row["errors"] = json.dumps(self.errors, ensure_ascii=False)
        return row


def start_run(db: Database, *, started: str) -> int:
    return db["runs"].insert({"started": started, "status": "running"}).last_pk


def finish_run(db: Database, run_id: int, summary: RunSummary) -> None:
    db["runs"].update(run_id, summary.as_row())
