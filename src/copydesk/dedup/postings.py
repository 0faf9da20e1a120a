"""In-memory postings: hash -> item ids, as a few sorted numpy arrays (a small log-structured merge).

Appending a batch sorts it into a new segment; segments of similar size are
merged, so there are only about log2(n) of them. A lookup is a binary search in
each segment for all queried hashes at once.

>>> import numpy as np
>>> p = Postings()
>>> p.add(np.array([5, 9, 5]), np.array([1, 1, 2]))
>>> p.add(np.array([9]), np.array([3]))
>>> p.lookup(np.array([9, 4]), np.array([0, 1])).tolist()
[[0, 1], [0, 3]]
>>> len(p)
4
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    I64 = npt.NDArray[np.int64]

__all__ = ["Postings"]


class Postings:
    """A multimap from 64-bit hashes to item ids, for batch lookups."""

    def __init__(self) -> None:
        self._segments: list[tuple[Any, Any]] = []

    def __len__(self) -> int:
        return sum(len(h) for h, _ in self._segments)

    def add(self, hashes: Any, ids: Any) -> None:
        """Add ``(hashes[n], ids[n])`` entries."""
        import numpy as np

        if len(hashes) == 0:
            return
        order = np.argsort(hashes, kind="stable")
        self._segments.append((np.asarray(hashes, dtype=np.int64)[order], np.asarray(ids, dtype=np.int64)[order]))
        # merge a segment into the one before once it is a quarter of its size: few merges, few segments
        while len(self._segments) > 1 and 4 * len(self._segments[-1][0]) >= len(self._segments[-2][0]):
            (h1, i1), (h2, i2) = self._segments[-2], self._segments[-1]
            h, i = np.concatenate([h1, h2]), np.concatenate([i1, i2])
            order = np.argsort(h, kind="stable")
            self._segments[-2:] = [(h[order], i[order])]

    def lookup(self, hashes: Any, owners: Any, limit: int | None = None) -> I64:
        """``(owner, id)`` rows, one per stored entry whose hash equals ``hashes[n]`` (owner ``owners[n]``).

        Hashes held by more than ``limit`` entries are ignored (stock phrases).
        """
        import numpy as np

        hashes = np.asarray(hashes, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")  # sorted queries: binary searches walk memory in order
        hashes, owners = hashes[order], np.asarray(owners)[order]
        found: list[Any] = []
        spans = []
        for h, _ in self._segments:
            lo = np.searchsorted(h, hashes, "left")
            hit = np.flatnonzero(h[np.minimum(lo, len(h) - 1)] == hashes)  # most queried hashes are absent
            spans.append((hit, lo[hit], np.searchsorted(h, hashes[hit], "right")))
        if limit is not None and spans:
            total = np.zeros(len(hashes), dtype=np.int64)
            for hit, lo, hi in spans:
                total[hit] += hi - lo
            spans = [(hit, lo, np.where(total[hit] > limit, lo, hi)) for hit, lo, hi in spans]
        for (_, ids), (hit, lo, hi) in zip(self._segments, spans, strict=True):
            counts = hi - lo
            if not counts.any():
                continue
            starts = np.repeat(lo, counts)
            within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            found.append(np.stack([np.repeat(owners[hit], counts), ids[starts + within]], axis=1))
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        return np.concatenate(found).astype(np.int64)
