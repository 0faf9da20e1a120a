"""In-memory postings: key -> item ids, as a few sorted numpy arrays (a small log-structured merge).

Each entry is one ``uint64``: the key (up to :data:`KEY_BITS` bits) in the high
bits, the item id relative to its segment's smallest id in the low
:data:`ID_BITS` bits, so sorting the entries is sorting one array. Appending a
batch sorts it into a new segment; the last two segments are merged while the
last is as large as the one before (a binary counter), so there are about
log2(n / batch) of them and each entry is merged about as many times. A merge is
a stable sort of the two sorted runs one after the other, which numpy's timsort
does in one linear pass. A lookup reads a directory over the top bits of the
keys in each segment, for all queried keys at once.

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

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    I64 = npt.NDArray[np.int64]

__all__ = ["ID_BITS", "ID_MASK", "KEY_BITS", "Postings", "pack"]

#: Bits of a key (keys are integers in ``[0, 2**KEY_BITS)``; their top bits should be uniformly spread).
KEY_BITS = 38
#: Bits of an id relative to its segment's smallest id: a segment spans fewer than ``2**ID_BITS`` ids.
ID_BITS = 64 - KEY_BITS
ID_MASK = (1 << ID_BITS) - 1


class _Segment(NamedTuple):
    entries: Any  # uint64, sorted: key << ID_BITS | (id - base)
    base: int  # smallest id the segment may hold
    top: int  # largest id it holds
    directory: Any  # entries[directory[s]:directory[s + 1]] have keys whose top `bits` bits are s
    bits: int


class Postings:
    """A multimap from keys (``0 <= key < 2**38``) to item ids (``>= 0``), for batch lookups.

    Each segment holds its entries as packed ``uint64`` (8 bytes each) sorted by
    key, and a directory over the top bits of the keys (about one slot per two
    entries, 32-bit offsets), so a lookup is two reads in the directory and a
    short scan, whatever the size of the segment.
    """

    def __init__(self) -> None:
        self._segments: list[_Segment] = []

    def __len__(self) -> int:
        return sum(len(s.entries) for s in self._segments)

    @property
    def nbytes(self) -> int:
        """Memory held by the entries and directories."""
        return sum(s.entries.nbytes + s.directory.nbytes for s in self._segments)

    def add(self, keys: Any, ids: Any) -> None:
        """Add ``(keys[n], ids[n])`` entries."""
        import numpy as np

        keys = np.asarray(keys, dtype=np.uint64)
        ids = np.asarray(ids, dtype=np.int64)
        if len(keys) == 0:
            return
        if int(keys.max()) >> KEY_BITS:
            raise ValueError(f"postings keys must be below 2**{KEY_BITS}")
        low, high = int(ids.min()), int(ids.max())
        if low < 0:
            raise ValueError("postings ids must be >= 0")
        if high - low >> ID_BITS:  # ids spread too wide for one segment: one segment per 2**ID_BITS of them
            group = (ids - low) >> ID_BITS
            for g in np.unique(group).tolist():
                self.add(keys[group == g], ids[group == g])
            return
        self.add_packed(pack(keys, ids - low), low)

    def add_packed(self, entries: Any, base: int) -> None:
        """Add the entries made by :func:`pack`, their ids raised by ``base``."""
        import numpy as np

        if len(entries) == 0:
            return
        top = base + int((entries & np.uint64(ID_MASK)).max())
        # merge with the last segment while it is not larger (a binary counter); the directory is built once
        while self._segments and len(entries) >= len(self._segments[-1].entries):
            last = self._segments[-1]
            low, high = min(last.base, base), max(last.top, top)
            if high - low >> ID_BITS:
                break  # the two cannot share a base (only past 2**ID_BITS ids): they stay apart
            entries = np.concatenate([_rebased(last.entries, last.base - low), _rebased(entries, base - low)])
            entries.sort(kind="stable")  # timsort: two sorted runs, merged in one pass
            base, top = low, high
            self._segments.pop()
        self._segments.append(_directory(entries, base, top))

    def lookup(self, keys: Any, owners: Any, limit: int | None = None) -> I64:
        """``(owner, id)`` rows, one per stored entry whose key equals ``keys[n]`` (owner ``owners[n]``).

        Keys held by more than ``limit`` entries are ignored (stock phrases).
        """
        import numpy as np

        queries = np.asarray(keys, dtype=np.uint64)
        owners = np.asarray(owners)
        which: list[Any] = []  # query positions
        found: list[Any] = []  # ids
        for segment in self._segments:
            # the entries of a slot are sorted: read them one step at a time for all queries at once,
            # each query until its slot ends or an entry's key passes its own
            slot = queries >> np.uint64(KEY_BITS - segment.bits)
            position = segment.directory[slot].astype(np.intp)
            end = segment.directory[1:][slot]
            query = np.flatnonzero(end > position)
            position, end, wanted = position[query], end[query], queries[query]
            while len(query):
                entries = segment.entries[position]
                key = entries >> np.uint64(ID_BITS)
                equal = key == wanted
                if equal.any():
                    which.append(query[equal])
                    found.append((entries[equal] & np.uint64(ID_MASK)).astype(np.int64) + segment.base)
                position += 1
                more = np.flatnonzero((position < end) & (key <= wanted))
                query, position, end, wanted = query[more], position[more], end[more], wanted[more]
        if not which:
            return np.empty((0, 2), dtype=np.int64)
        query, ids = np.concatenate(which), np.concatenate(found)
        if limit is not None:
            common = np.bincount(query, minlength=len(queries)) > limit
            keep = ~common[query]
            query, ids = query[keep], ids[keep]
        return np.stack([owners[query].astype(np.int64), ids], axis=1)


def pack(keys: Any, ids: Any) -> Any:
    """Entries ``key << ID_BITS | id``, sorted (``uint64``); ids must be in ``[0, 2**ID_BITS)``.

    >>> import numpy as np
    >>> entries = pack(np.array([9, 5]), np.array([0, 1]))
    >>> (entries >> np.uint64(ID_BITS)).tolist(), (entries & np.uint64(2**ID_BITS - 1)).tolist()
    ([5, 9], [1, 0])
    """
    import numpy as np

    ids = np.asarray(ids)
    if len(ids) and (int(ids.min()) < 0 or int(ids.max()) > ID_MASK):
        raise ValueError(f"postings ids must be in [0, 2**{ID_BITS}) here")
    entries = np.asarray(keys, dtype=np.uint64) << np.uint64(ID_BITS)
    entries |= ids.astype(np.uint64)
    entries.sort()
    return entries


def _rebased(entries: Any, shift: int) -> Any:
    """``entries`` with their relative ids raised by ``shift`` (their order is unchanged)."""
    import numpy as np

    return entries + np.uint64(shift) if shift else entries


def _directory(entries: Any, base: int, top: int) -> _Segment:
    """A segment of sorted ``entries`` with a directory over the top bits of their keys (1-2 entries per slot)."""
    import numpy as np

    bits = max(1, min(30, len(entries).bit_length() - 1))
    slots = (entries >> np.uint64(64 - bits)).astype(np.intp)
    directory = np.zeros((1 << bits) + 1, dtype=np.int32 if len(entries) < 2**31 else np.int64)
    np.cumsum(np.bincount(slots, minlength=1 << bits), out=directory[1:])
    return _Segment(entries, base, top, directory, bits)
