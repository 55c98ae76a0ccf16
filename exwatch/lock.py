"""One crawl at a time per database: cron may start a run while the last is still going."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class RunLocked(Exception):
    """Another run holds the lock for this database."""


@contextmanager
def run_lock(db_path: str | Path):
    """Hold `<db>.lock` for the duration; raise RunLocked at once if another process holds it.

    flock is released by the kernel when the holder dies, so a killed run never leaves a stale lock.
    """
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunLocked(f"another exwatch run ({holder}) is using {db_path}; exiting") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
