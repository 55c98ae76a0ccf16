"""Opening the SQLite store: pragmas, migrations, friendly errors."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from exwatch.store.migrations import migrations

DEFAULT_BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


def open_db(
    path: str | Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    migrate: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating if needed) the store at `path`, in WAL mode, migrated to the latest schema."""
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no such database (run `exwatch migrate` or `exwatch run` first)")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        db = Database(conn)
        if not read_only:
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            if migrate:
                migrations.apply(db)
        return db
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc


def describe_sqlite_error(path: Path | str, exc: sqlite3.Error) -> str:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return f"{path}: the database is locked by another process ({message}); nothing was written"
    if "not a database" in message or "malformed" in message:
        return f"{path}: not an SQLite database or corrupted ({message})"
    return f"{path}: {message}"


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]
