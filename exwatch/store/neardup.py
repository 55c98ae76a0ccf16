"""Near-duplicate articles: MinHash signatures of word shingles, LSH band buckets in SQLite.

The same wire story under another outlet's URL, with its own lead, boilerplate or light edits,
shares most of its word 3-shingles with the first copy; another story on the same topic shares
few. Only another outlet's copy counts: an outlet's own near-identical pages are its recurring
templated reports (exchange rates, weather) or an update of a story under a new URL that may carry
new facts, and both are stored as articles of their own. Each stored article keeps its MinHash (128 permutations) in `article_signatures` and one
bucket per LSH band in `article_bands`; a lookup is one indexed query over the buckets, then
an exact comparison of the few candidates' signatures. Nothing is loaded at crawl start, and
articles of the running crawl that the store has not committed yet are kept in memory
(`NearDuplicateIndex.add`).

THRESHOLD (estimated Jaccard similarity of the shingle sets; 0.3) was chosen with
benchmarks/near_duplicates.py: see its docstring for the measurement.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlite_utils import Database

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.3
CANDIDATE_RECALL = 0.95
MIN_SHINGLES = 20  # shorter texts (a photo caption, a teaser) are not compared
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    article_id: str
    similarity: float


def shingles(text: str) -> set[bytes]:
    words = _WORDS.findall(text.casefold().replace("ё", "е"))
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@functools.lru_cache(maxsize=256)
def signature(text: str) -> np.ndarray | None:
    """The MinHash values of the text's shingles; None for a text too short to compare.

    Cached: the dedup step and then the store step ask for the same text's signature."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = _template().copy()
    minhash.update_batch(list(grams))
    values = minhash.hashvalues.astype(np.uint64)
    values.flags.writeable = False  # shared through the cache
    return values


@functools.cache
def _template() -> MinHash:
    # Built once: generating the permutations is the expensive part of a MinHash.
    return MinHash(num_perm=NUM_PERM, seed=1)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


@functools.cache
def band_layout(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band): the most rows per band (fewest spurious candidates) that still
    make a pair exactly at the threshold a candidate with probability >= CANDIDATE_RECALL
    (the LSH S-curve 1 - (1 - s^rows)^bands)."""
    best = (NUM_PERM, 1)
    for rows in range(1, NUM_PERM + 1):
        bands = NUM_PERM // rows
        if 1 - (1 - threshold**rows) ** bands >= CANDIDATE_RECALL:
            best = (bands, rows)
    return best


def buckets(values: np.ndarray, threshold: float = THRESHOLD) -> list[int]:
    """One bucket per band: a 63-bit hash of the band number and the band's values."""
    bands, rows = band_layout(threshold)
    found = []
    for band in range(bands):
        digest = hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8, person=band.to_bytes(2, "big")).digest()
        found.append(int.from_bytes(digest, "big") >> 1)
    return found


def save_signature(db: Database, article_id: str, values: np.ndarray | None) -> None:
    if values is None:
        return
    db["article_signatures"].insert({"article_id": article_id, "minhash": values.tobytes()}, replace=True)
    db["article_bands"].insert_all(({"bucket": b, "article_id": article_id} for b in buckets(values)))


def load_signature(db: Database, article_id: str) -> np.ndarray | None:
    row = db.execute("select minhash from article_signatures where article_id = ?", [article_id]).fetchone()
    return np.frombuffer(row[0], dtype=np.uint64) if row else None


class PendingSignatures:
    """Articles of the running crawl not committed yet: their buckets, signatures and outlets."""

    def __init__(self):
        self.buckets: dict[int, list[str]] = {}
        self.signatures: dict[str, tuple[np.ndarray, str]] = {}


class NearDuplicateIndex:
    """Finds the stored (or earlier in this crawl) article a text nearly duplicates."""

    def __init__(self, db: Database, *, threshold: float = THRESHOLD, pending: PendingSignatures | None = None):
        self.db = db
        self.threshold = threshold
        self.pending = pending if pending is not None else PendingSignatures()

    def find(self, values: np.ndarray | None, *, source: str) -> Match | None:
        """The most similar article of another outlet at or above the threshold, the earliest on a tie."""
        if values is None:
            return None
        best = None
        for article_id, other in self._candidates(buckets(values, self.threshold), source):
            score = similarity(values, other)
            if score >= self.threshold and (best is None or score > best.similarity):
                best = Match(article_id, score)
        return best

    def add(self, article_id: str, values: np.ndarray | None, *, source: str) -> None:
        """Remember an article of this crawl that the store has not committed yet."""
        if values is None:
            return
        self.pending.signatures[article_id] = (values, source)
        for bucket in buckets(values, self.threshold):
            self.pending.buckets.setdefault(bucket, []).append(article_id)

    def _candidates(self, keys: list[int], source: str):
        marks = ", ".join("?" for _ in keys)
        rows = self.db.execute(
            f"""select s.article_id, s.minhash from article_signatures s join articles a on a.id = s.article_id
                where s.article_id in (select article_id from article_bands where bucket in ({marks}))
                  and a.source != ?
                order by a.rowid""",
            [*keys, source],
        ).fetchall()
        seen = set()
        for article_id, blob in rows:
            seen.add(article_id)
            yield article_id, np.frombuffer(blob, dtype=np.uint64)
        for key in keys:
            for article_id in self.pending.buckets.get(key, ()):
                values, other_source = self.pending.signatures[article_id]
                if article_id not in seen and other_source != source:
                    seen.add(article_id)
                    yield article_id, values
