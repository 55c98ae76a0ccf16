"""Datasette over the store, read-only, with the project's table descriptions and canned queries.

Datasette names a database after its file (data/exwatch.db is "exwatch"); the shipped
metadata describes a database called "exwatch", so `serve` re-keys it to the served file's name.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml

from exwatch.paths import DATA_DIR
from exwatch.store.db import StoreError, open_db, pending_migrations

METADATA_PATH = DATA_DIR / "datasette" / "metadata.yml"
METADATA_DATABASE = "exwatch"


def load_metadata(path: Path = METADATA_PATH) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def database_name(db_path: Path) -> str:
    """The name Datasette gives the database at `db_path` (its file name without suffix)."""
    return Path(db_path).stem


def metadata_for(db_path: Path, metadata: dict) -> dict:
    """The metadata with the project database's section under the served file's name."""
    databases = dict(metadata.get("databases", {}))
    section = databases.pop(METADATA_DATABASE, {})
    return {**metadata, "databases": {**databases, database_name(db_path): section}}


def check_servable(db_path: Path) -> None:
    """The database exists and is fully migrated (canned queries need the latest schema)."""
    db = open_db(db_path, read_only=True)
    try:
        pending = pending_migrations(db)
    finally:
        db.close()
    if pending:
        raise StoreError(f"{db_path}: {len(pending)} migration(s) pending ({', '.join(pending)}); run `exwatch migrate`")


def datasette_arguments(
    db_path: Path, metadata_path: Path, *, host: str, port: int, immutable: bool = False
) -> list[str]:
    """The arguments of `datasette serve`.

    Without `immutable`, Datasette opens the file with `?mode=ro`, so it reads beside a crawl
    writing in WAL mode and sees its new rows; `immutable` is faster for a frozen copy.
    """
    return [
        "serve",
        *(["--immutable", str(db_path)] if immutable else [str(db_path)]),
        "--metadata", str(metadata_path),
        "--host", host,
        "--port", str(port),
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "default_page_size", "50",
        # Suggesting facets tries every column of a table: over a second on 100,000 articles.
        "--setting", "suggest_facets", "off",
    ]


def write_metadata(db_path: Path, directory: Path, metadata_path: Path = METADATA_PATH) -> Path:
    target = Path(directory) / "metadata.json"
    target.write_text(json.dumps(metadata_for(db_path, load_metadata(metadata_path)), ensure_ascii=False), encoding="utf-8")
    return target


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False) -> None:
    """Run Datasette in this process, in the foreground, until interrupted or terminated."""
    from datasette.cli import cli as datasette_cli

    db_path = Path(db_path).resolve()
    check_servable(db_path)
    with tempfile.TemporaryDirectory(prefix="exwatch-datasette-") as directory:
        metadata_path = write_metadata(db_path, Path(directory))
        arguments = datasette_arguments(db_path, metadata_path, host=host, port=port, immutable=immutable)
        # In-process (not a child process), so stopping `exwatch serve` stops the server too.
        datasette_cli.main(arguments, prog_name="datasette", standalone_mode=False)
