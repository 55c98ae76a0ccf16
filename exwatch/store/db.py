"""Opening the SQLite store: pragmas, migrations, friendly errors."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from exwatch.store.migrations import migrations

DEFAULT_BUSY_TIMEOUT_MS = 30_000
BUSY_TIMEOUT_ENV = "EXWATCH_DB_BUSY_TIMEOUT_MS"


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


class DatabaseLocked(StoreError):
    """Another process holds the write lock longer than the busy timeout."""


def open_db(
    path: str | Path,
    *,
    busy_timeout_ms: int | None = None,
    migrate: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating if needed) the store at `path`, in WAL mode, migrated to the latest schema.

    Writers wait up to `busy_timeout_ms` (env EXWATCH_DB_BUSY_TIMEOUT_MS, default 30 s) for a lock.
    """
    path = Path(path)
    if busy_timeout_ms is None:
        busy_timeout_ms = int(os.environ.get(BUSY_TIMEOUT_ENV) or DEFAULT_BUSY_TIMEOUT_MS)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no such database (run `exwatch migrate` or `exwatch run` first)")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        # Memory-mapped reads: full-text queries over large stores touch many index pages.
        conn.execute("PRAGMA mmap_size = 268435456")
        db = Database(conn)
        if not read_only:
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            if migrate:
                migrations.apply(db)
        return db
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from exc


def store_error(path: Path | str, exc: sqlite3.Error) -> StoreError:
    error_class = DatabaseLocked if is_locked(exc) else StoreError
    return error_class(describe_sqlite_error(path, exc))


def is_locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def describe_sqlite_error(path: Path | str, exc: sqlite3.Error) -> str:
    message = str(exc)
    if is_locked(exc):
        return f"{path}: the database is locked by another process ({message}); nothing was written, try again later"
    if "not a database" in message or "malformed" in message:
        return f"{path}: not an SQLite database or corrupted ({message})"
    return f"{path}: {message}"


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]
