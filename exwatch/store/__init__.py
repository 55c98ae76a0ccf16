"""The SQLite store: the only part of Extradition Watch that writes to the database."""
from exwatch.store.db import StoreError, open_db

__all__ = ["StoreError", "open_db"]
