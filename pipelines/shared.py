"""State shared by the pipelines of every spider of one crawl.

A run crawls with two spiders side by side (feeds, sitemaps), each with its own pipeline
instances, and one outlet's copy of a story may arrive through one spider while the original is
still in the other's NLP step. The dedup and store steps therefore keep what they know about the
run's uncommitted articles here, keyed by database and run, and the last one to close clears it.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_registry: dict[Hashable, list] = {}  # key -> [state, number of pipelines holding it]


def acquire(key: Hashable, factory: Callable[[], T]) -> T:
    entry = _registry.setdefault(key, [None, 0])
    if entry[0] is None:
        entry[0] = factory()
    entry[1] += 1
    return entry[0]


def release(key: Hashable) -> bool:
    """Drop one holder; True when it was the last (the caller then finishes the state off)."""
    entry = _registry.get(key)
    if entry is None:
        return False
    entry[1] -= 1
    if entry[1] > 0:
        return False
    del _registry[key]
    return True
