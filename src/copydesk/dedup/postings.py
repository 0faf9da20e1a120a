"""In-memory postings: hash -> item ids, as a few sorted numpy arrays (a small log-structured merge).

Appending a batch sorts it into a new segment; segments of equal size are
merged, so there are only about log2(n) of them. A lookup reads a directory in
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
    """A multimap from 64-bit hashes to item ids, for batch lookups.

    Each segment holds its entries sorted by a bijective remix of the hash and a
    directory over the top bits of that remix, so a lookup is two reads in the
    directory and a short scan, whatever the size of the segment.
    """

    def __init__(self) -> None:
        self._segments: list[tuple[Any, Any, Any, int]] = []  # (mixed hashes, ids, directory, shift)

    def __len__(self) -> int:
        return sum(len(m) for m, _, _, _ in self._segments)

    def add(self, hashes: Any, ids: Any) -> None:
        """Add ``(hashes[n], ids[n])`` entries."""
        import numpy as np

        if len(hashes) == 0:
            return
        self._segments.append(_segment(_remix(np.asarray(hashes, dtype=np.int64)), np.asarray(ids, dtype=np.int64)))
        # merge the last two segments while the last is as large as the one before (a binary counter):
        # each entry is merged about log2(n / batch) times, and there are about as many segments
        while len(self._segments) > 1 and len(self._segments[-1][0]) >= len(self._segments[-2][0]):
            (m1, i1, _, _), (m2, i2, _, _) = self._segments[-2], self._segments[-1]
            self._segments[-2:] = [_segment(*_merge(m1, i1, m2, i2), ordered=True)]

    def lookup(self, hashes: Any, owners: Any, limit: int | None = None) -> I64:
        """``(owner, id)`` rows, one per stored entry whose hash equals ``hashes[n]`` (owner ``owners[n]``).

        Hashes held by more than ``limit`` entries are ignored (stock phrases).
        """
        import numpy as np

        queries = _remix(np.asarray(hashes, dtype=np.int64))
        owners = np.asarray(owners)
        which: list[Any] = []  # query positions
        found: list[Any] = []  # ids
        for mixed, ids, directory, shift in self._segments:
            slot = (queries >> np.uint64(shift)).astype(np.int64)
            lo, hi = directory[slot], directory[slot + 1]
            counts = hi - lo
            total = int(counts.sum())
            if total == 0:
                continue
            query = np.repeat(np.arange(len(queries)), counts)
            position = np.repeat(lo, counts) + (np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts))
            equal = mixed[position] == queries[query]
            which.append(query[equal])
            found.append(ids[position[equal]])
        if not which:
            return np.empty((0, 2), dtype=np.int64)
        query, ids = np.concatenate(which), np.concatenate(found)
        if limit is not None:
            common = np.bincount(query, minlength=len(queries)) > limit
            keep = ~common[query]
            query, ids = query[keep], ids[keep]
        return np.stack([owners[query].astype(np.int64), ids], axis=1)


def _remix(hashes: Any) -> Any:
    """A bijective 64-bit remix (splitmix64's finalizer): spreads hashes whose high bits are a band number."""
    import numpy as np

    m = hashes.astype(np.uint64)
    m ^= m >> np.uint64(30)
    m *= np.uint64(0xBF58476D1CE4E5B9)
    m ^= m >> np.uint64(27)
    m *= np.uint64(0x94D049BB133111EB)
    m ^= m >> np.uint64(31)
    return m


def _merge(m1: Any, i1: Any, m2: Any, i2: Any) -> tuple[Any, Any]:
    """Two sorted runs merged into one (positions from a binary search, no sort)."""
    import numpy as np

    into = np.searchsorted(m1, m2, "right") + np.arange(len(m2))
    rest = np.ones(len(m1) + len(m2), dtype=bool)
    rest[into] = False
    mixed, ids = np.empty(len(rest), dtype=m1.dtype), np.empty(len(rest), dtype=i1.dtype)
    mixed[into], ids[into] = m2, i2
    mixed[rest], ids[rest] = m1, i1
    return mixed, ids


def _segment(mixed: Any, ids: Any, ordered: bool = False) -> tuple[Any, Any, Any, int]:
    """Entries sorted by their remixed hash, with a directory over its top bits (about one entry per slot)."""
    import numpy as np

    if not ordered:
        order = np.argsort(mixed, kind="stable")
        mixed, ids = mixed[order], ids[order]
    bits = max(1, min(26, len(mixed).bit_length()))
    shift = 64 - bits
    slots = (mixed >> np.uint64(shift)).astype(np.int64)
    directory = np.zeros((1 << bits) + 1, dtype=np.int64)
    np.cumsum(np.bincount(slots, minlength=1 << bits), out=directory[1:])
    return mixed, ids, directory, shift
