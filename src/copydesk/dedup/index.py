"""``NearDuplicateIndex``: remember paragraphs, and tell for each new one which earlier ones it repeats.

Each added text is stored under a key of your choice (an id, a URL plus a
paragraph number) with its matching key and its LSH postings (see
:mod:`copydesk.dedup.minhash`). Adding or querying a text finds candidates
through the postings and verifies every one with the real score, as
:func:`~copydesk.dedup.batch.find_near_duplicates` does.

In memory by default; give a path for a persistent index (SQLite, WAL mode):
reopen it later and continue, read it from other processes while one writes.
``add_many`` (or a ``with index.batch():`` block) is one transaction: a process
killed in the middle of a batch loses that batch, never the file. numpy is
needed (``pip install 'copydesk[dedup]'``).

>>> index = NearDuplicateIndex()
>>> index.add("a/1", "The council met on Monday, López said.")
[]
>>> index.add("b/7", "The council met on Monday, Lopez said...")
[Hit(key='a/1', score=1.0, kind='exact')]
>>> index.query("The council met on Mondya, Lopez said.")
[Hit(key='a/1', score=0.9722222222222221, kind='near'), Hit(key='b/7', score=0.9722222222222221, kind='near')]
>>> len(index), "b/7" in index, index.clusters()
(2, True, [Cluster(representative='a/1', members=('a/1', 'b/7'))])
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from copydesk.dedup.batch import check_texts
from copydesk.dedup.clusters import Cluster, UnionFind
from copydesk.dedup.keys import KeyOptions, matching_keys
from copydesk.dedup.minhash import LSHOptions, anchors, band_hashes, require_numpy, signatures
from copydesk.dedup.postings import ID_BITS, ID_MASK, KEY_BITS, Postings, pack
from copydesk.dedup.scores import Containment, MatchKind, verify_pairs
from copydesk.dedup.store import Store

if TYPE_CHECKING:
    pass

__all__ = ["Hit", "Hits", "NearDuplicateIndex"]

_VERSION = 1


class Hit(NamedTuple):
    """An earlier text that a new one near-duplicates: its ``key``, the ``score`` and the ``kind`` of match."""

    key: str
    score: float
    kind: MatchKind


class Hits(list[Hit]):
    """The hits for one text, best first; ``skipped`` is true when the text was not indexed or compared
    because its matching key is empty (empty, whitespace-only or punctuation-only text).

    >>> Hits([], skipped=True).skipped
    True
    """

    def __init__(self, hits: Iterable[Hit] = (), skipped: bool = False) -> None:
        super().__init__(hits)
        self.skipped = skipped


class NearDuplicateIndex:
    """An incremental near-duplicate index, in memory or in an SQLite file.

    - ``path``: ``None`` (memory) or a file name, created if missing, reopened otherwise;
    - ``threshold``, ``containment``, ``guard``: the tests, as for ``find_near_duplicates``;
    - ``key`` (:class:`KeyOptions`) and ``lsh`` (:class:`LSHOptions`) are saved in the
      file and must be the same when it is reopened;
    - ``readonly``: open an existing file for queries only (a second process may do so
      while another one writes);
    - ``all_pairs``: ``True`` (the default): every earlier text that passes is a hit.
      ``False``: of the earlier texts with the same matching key only the first added is
      a hit (and a recorded match), so a stock paragraph added ``g`` times gives ``g - 1``
      matches, not ``g * (g - 1) / 2``; the clusters are the same. It may change between
      openings of a file.

    A key added twice raises ``ValueError`` unless ``replace=True``. See the module
    docstring for an example.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        threshold: float = 0.9,
        containment: bool = False,
        key: KeyOptions | None = None,
        lsh: LSHOptions | None = None,
        guard: Containment | None = None,
        readonly: bool = False,
        all_pairs: bool = True,
    ) -> None:
        require_numpy("NearDuplicateIndex")
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        if key is not None and not isinstance(key, KeyOptions):
            raise TypeError(f"key must be KeyOptions (it is saved with the index), got {type(key).__name__}")
        self.threshold = threshold
        self.key_options = key or KeyOptions()
        self.lsh = lsh or LSHOptions()
        self.guard = (guard or Containment()) if containment else None
        self.all_pairs = all_pairs
        settings = {
            "version": _VERSION,
            "key": dataclasses.asdict(self.key_options),
            "lsh": dataclasses.asdict(self.lsh),
            "containment": containment,
        }
        self.path = None if path is None else os.fspath(path)
        self._store = Store(":memory:" if path is None else path, settings, readonly=readonly)
        self._postings = Postings()
        self._anchors = Postings()
        # id -> matching key (None: removed, replaced or never given), for verifying candidates without a
        # query; one slot per id up to the last loaded (ids start at 1, slot 0 is empty): the postings of
        # every item up to id len(self._keys) - 1 are loaded
        self._keys: list[str | None] = [None]
        self._dropped: list[tuple[int, str | None]] = []  # (id, key) forgotten by replacing, until the commit
        self._refresh()

    # -- reading --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, key: object) -> bool:
        return key in self._store

    def __iter__(self) -> Iterator[str]:
        """The keys, in the order they were added."""
        return self._store.names()

    def __repr__(self) -> str:
        where = "memory" if self.path is None else repr(self.path)
        return f"<NearDuplicateIndex {where}: {len(self)} texts>"

    def query(self, text: str) -> Hits:
        """The indexed texts that ``text`` near-duplicates (nothing is added).

        >>> NearDuplicateIndex().query("anything")
        []
        """
        return self.query_many([text])[0]

    def query_many(self, texts: Iterable[str]) -> list[Hits]:
        """:meth:`query` for many texts at once (vectorised); they are not compared with each other."""
        items = check_texts(texts, "NearDuplicateIndex.query_many()")
        return self._run(None, items, store=False, replace=False)

    def clusters(self) -> list[Cluster[str]]:
        """Groups of keys joined by matches, each with its earliest-added key as representative."""
        uf: UnionFind[str] = UnionFind()
        for a, b, _, _ in self._store.matches():
            uf.add(a)
            uf.add(b)
            uf.union(a, b)
        return uf.groups()

    def matches(self) -> Iterator[tuple[str, str, float, str]]:
        """Every recorded match as ``(earlier key, later key, score, kind)``."""
        return self._store.matches()

    def memory_bytes(self) -> int:
        """About how many bytes this process holds for the index: the LSH postings (8 bytes per band
        per text, plus their directories) and the cached matching keys (the SQLite page cache aside).

        >>> index = NearDuplicateIndex()
        >>> _ = index.add("a", "One paragraph of some length, about the weather.")
        >>> 48 * 8 < index.memory_bytes() < 2000
        True
        """
        keys = sum(sys.getsizeof(key) for key in self._keys if key is not None)
        return self._postings.nbytes + self._anchors.nbytes + sys.getsizeof(self._keys) + keys

    # -- writing --------------------------------------------------------------------

    def add(self, key: str, text: str, *, replace: bool = False) -> Hits:
        """Index ``text`` under ``key``; returns the hits among texts added before it."""
        return self.add_many([(key, text)], replace=replace)[0]

    def add_many(self, items: Iterable[tuple[str, str]], *, replace: bool = False) -> list[Hits]:
        """Index ``(key, text)`` pairs in one transaction; each gets its hits among all earlier texts
        (those of the index and those before it in ``items``).

        >>> index = NearDuplicateIndex()
        >>> [list(h) for h in index.add_many([("x", "Same words here."), ("y", "same words here")])]
        [[], [Hit(key='x', score=1.0, kind='exact')]]
        """
        pairs = list(items)
        names: list[str] = []
        texts: list[str] = []
        for position, pair in enumerate(pairs):
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise TypeError(f"add_many() expects (key, text) pairs, item {position} is {type(pair).__name__}")
            name, text = pair
            if not isinstance(name, str):
                raise TypeError(f"add_many(): the key of item {position} is {type(name).__name__}, expected str")
            if not isinstance(text, str):
                raise TypeError(f"add_many(): the text of item {position} is {type(text).__name__}, expected str")
            names.append(name)
            texts.append(text)
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise ValueError(f"key {name!r} appears twice in one batch")
            seen.add(name)
        with self._transaction():
            return self._run(names, texts, store=True, replace=replace)

    @contextmanager
    def batch(self) -> Iterator[NearDuplicateIndex]:
        """A block whose adds form one transaction: all of them are kept, or none.

        >>> index = NearDuplicateIndex()
        >>> with index.batch():
        ...     _ = index.add("a", "One paragraph.")
        ...     _ = index.add("b", "Another one.")
        >>> len(index)
        2
        """
        with self._transaction():
            yield self

    def close(self) -> None:
        """Close the database (an unfinished batch is rolled back)."""
        self._store.close()

    def __enter__(self) -> NearDuplicateIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the work -------------------------------------------------------------------

    def _hashes(self, keys: Sequence[str]) -> tuple[Any, Any, Any]:
        """Band hashes ``(len(keys), bands)`` (``uint32``) and anchors ``(hashes, owners)``."""
        import numpy as np

        bands = band_hashes(signatures(keys, self.lsh), self.lsh)
        if self.guard is None:
            empty = np.empty(0, dtype=np.int64)
            return bands, empty, empty
        hashes, owners = anchors(keys, self.lsh)
        return bands, hashes.view(np.int64), owners

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """The store's transaction; after a rollback, forget what this process cached of it and remember
        again the texts it replaced (the rollback keeps them in the store)."""
        try:
            with self._store.transaction():
                yield
        except BaseException:
            if not self._store.in_transaction:
                last = self._store.last_id()
                del self._keys[last + 1 :]  # their postings stay, pointing nowhere: candidates are checked here
                for item, key in reversed(self._dropped):
                    if item <= last:
                        self._keys[item] = key
                self._dropped.clear()
            raise
        if not self._store.in_transaction:
            self._dropped.clear()

    def _refresh(self) -> None:
        """Load the postings of items added since the last look (by this or another process)."""
        import numpy as np

        known = self._keys
        loaded = len(known) - 1
        last = self._store.last_id()
        if last <= loaded:
            return
        ids: list[int] = []
        blobs: list[bytes] = []
        anchor_ids: list[int] = []
        anchor_blobs: list[bytes] = []
        for item, key, postings, anchor in self._store.rows_since(loaded):
            ids.append(item)
            if item > len(known):  # ids of removed items
                known.extend([None] * (item - len(known)))
            known.append(key)
            blobs.append(postings)
            if anchor:
                anchor_ids.extend([item] * (len(anchor) // 8))
                anchor_blobs.append(anchor)
        if ids:
            bands = _band_blobs(blobs, self.lsh.bands)
            self._postings.add(posting_keys(bands), np.repeat(np.array(ids, dtype=np.int64), self.lsh.bands))
            if anchor_blobs:
                hashes = np.frombuffer(b"".join(anchor_blobs), dtype=np.int64)
                self._anchors.add(anchor_keys(hashes), np.array(anchor_ids, dtype=np.int64))
        known.extend([None] * (last + 1 - len(known)))  # up to the last id, whose items may be removed

    def _run(self, names: list[str] | None, texts: list[str], *, store: bool, replace: bool) -> list[Hits]:
        import numpy as np

        from copydesk.dedup.minhash import grouped_pairs

        keys = matching_keys(texts, self.key_options)
        live = [p for p, k in enumerate(keys) if k]
        self._refresh()
        if store and names is not None:
            existing = self._store.existing(names)
            if existing and not replace:
                name = next(iter(existing))
                raise ValueError(f"key {name!r} is already in the index; pass replace=True to replace it")
            if existing:
                self._store.remove(list(existing.values()))
                for item in existing.values():
                    self._dropped.append((item, self._keys[item]))
                    self._keys[item] = None
        if not live:
            return [Hits(skipped=True) for _ in keys]
        live_keys = [keys[p] for p in live]
        n = len(live_keys)
        bands, anchor_h, anchor_owner = self._hashes(live_keys)

        # Candidates among stored texts: (position in live, stored id); ids of removed items are dropped below.
        flat = posting_keys(bands)
        owner = np.repeat(np.arange(n), self.lsh.bands)
        found = [self._postings.lookup(flat, owner)]
        if self.guard is not None:
            found.append(self._anchors.lookup(anchor_keys(anchor_h), anchor_owner, self.lsh.anchor_limit))
        both = np.concatenate(found)
        code = np.unique((both[:, 1] << 32) | both[:, 0])  # stored id in the high bits, position in the low
        stored = np.stack([code & 0xFFFFFFFF, code >> 32], axis=1)
        candidate_ids = np.unique(stored[:, 1])
        known = self._keys
        loaded = int(np.searchsorted(candidate_ids, len(known)))  # ids past the cache: rolled back
        cached = [known[item] for item in candidate_ids[:loaded].tolist()] + [None] * (len(candidate_ids) - loaded)
        stored_keys = [key for key in cached if key is not None]
        if len(stored_keys) < len(cached):  # removed, replaced or rolled back items
            candidate_ids = candidate_ids[np.array([key is not None for key in cached], dtype=bool)]
            stored = stored[np.isin(stored[:, 1], candidate_ids)]
        stored_ids: list[int] = candidate_ids.tolist()

        # Candidates within the batch (only when adding): (earlier position, later position), from the
        # batch's postings entries sorted by key (as they are added to the postings below).
        within = np.empty((0, 2), dtype=np.int64)
        entries = pack(flat, owner) if store else None
        if entries is not None and n > 1:
            codes = [
                grouped_pairs(
                    entries >> np.uint64(ID_BITS),
                    owners=(entries & np.uint64(ID_MASK)).astype(np.int64),
                    size=n,
                    is_sorted=True,  # pack sorted the entries, so their keys
                )
            ]
            if self.guard is not None and len(anchor_h):
                # anchors come sorted by hash; the int64 view keeps equal hashes adjacent
                codes.append(
                    grouped_pairs(anchor_h, self.lsh.anchor_limit, owners=anchor_owner, size=n, is_sorted=True)
                )
            code = np.unique(np.concatenate(codes))
            within = np.stack(np.divmod(code, n), axis=1)

        # Verify: one list of keys, the batch's first, then the stored ones.
        all_keys = live_keys + stored_keys
        left = np.concatenate([stored[:, 0], within[:, 1]]).astype(np.int64)
        right = np.concatenate([n + np.searchsorted(candidate_ids, stored[:, 1]), within[:, 0]]).astype(np.int64)
        verified = verify_pairs(all_keys, left, right, self.threshold, self.guard)

        ids: list[int] = []
        if store and names is not None:
            blob, width = bands.tobytes(), 4 * self.lsh.bands
            anchor_blobs = _anchor_blobs(anchor_h, anchor_owner, n)
            ids = self._store.insert(
                [
                    (names[p], key, blob[q * width : (q + 1) * width], anchor_blobs[q])
                    for q, (p, key) in enumerate(zip(live, live_keys, strict=True))
                ]
            )
            self._keys.extend([None] * (ids[0] - len(self._keys)))
            self._keys.extend(live_keys)  # ids are consecutive, after every loaded one
            id_array = np.array(ids, dtype=np.int64)
            self._postings.add_packed(entries, ids[0])  # ids are consecutive
            if len(anchor_h):
                self._anchors.add(anchor_keys(anchor_h), id_array[anchor_owner])
        hits: list[list[Hit]] = [[] for _ in range(n)]
        rows: list[tuple[int, int, float, str]] = []
        # names of the stored texts matched (and a check that they are still there: another process may
        # have replaced them since this one loaded their postings)
        names_of = self._store.names_of([stored_ids[other - n] for _, other, _, _ in verified if other >= n])
        verified = [v for v in verified if v[1] < n or stored_ids[v[1] - n] in names_of]
        if not self.all_pairs:
            verified = _first_per_key(verified, all_keys, n)
        for p, other, score, kind in verified:
            if all_keys[p] == all_keys[other]:
                score, kind = 1.0, "exact"
            if other >= n:
                item = stored_ids[other - n]
                hits[p].append(Hit(names_of[item], score, kind))
                if ids:
                    rows.append((item, ids[p], score, kind))
            else:
                assert names is not None
                hits[p].append(Hit(names[live[other]], score, kind))
                rows.append((ids[other], ids[p], score, kind))
        if rows:
            self._store.add_matches(rows)
        results = iter(hits)
        return [Hits(_best_first(next(results))) if key else Hits(skipped=True) for key in keys]


def _first_per_key(
    verified: list[tuple[int, int, float, MatchKind]], keys: list[str], n: int
) -> list[tuple[int, int, float, MatchKind]]:
    """Of the pairs ``(p, other, score, kind)`` of one ``p`` whose ``other`` texts share a key, the one
    with the earliest ``other``: ``other < n`` is a text of the batch (added after every stored one),
    ``other >= n`` a stored one (in the order they were added)."""
    best: dict[tuple[int, str], tuple[tuple[int, int], tuple[int, int, float, MatchKind]]] = {}
    for row in verified:
        p, other = row[0], row[1]
        rank = (0, other) if other >= n else (1, other)
        slot = (p, keys[other])
        if slot not in best or rank < best[slot][0]:
            best[slot] = (rank, row)
    return [row for _, row in best.values()]


def _best_first(hits: list[Hit]) -> list[Hit]:
    if len(hits) > 1:
        hits.sort(key=lambda h: (-h.score, h.key))
    return hits


def posting_keys(bands: Any) -> Any:
    """The postings keys of band hashes ``(texts, bands)``: ``hash << 6 | band``, flat (``uint64``, 38 bits).

    The band number keeps equal hashes of different bands apart (past 64 bands, bands ``b`` and
    ``b + 64`` share keys: a few more candidates, all verified). The hash in the high bits spreads
    the keys evenly over the postings directories.

    >>> import numpy as np
    >>> posting_keys(np.array([[7, 7]], dtype=np.uint32)).tolist()
    [448, 449]
    """
    import numpy as np

    keys = bands.astype(np.uint64) << np.uint64(6)
    keys |= np.arange(bands.shape[1], dtype=np.uint64) & np.uint64(63)
    return keys.ravel()


def anchor_keys(hashes: Any) -> Any:
    """The postings keys of 64-bit anchor hashes: their top 38 bits (a collision, about one in 2**38
    pairs, adds a candidate, which is verified)."""
    import numpy as np

    return np.asarray(hashes).view(np.uint64) >> np.uint64(64 - KEY_BITS)


def _band_blobs(blobs: list[bytes], bands: int) -> Any:
    """Stored band hashes, one blob per item, as ``(items, bands)`` ``uint32``: 4 bytes a band, or 8 (an
    ``int64`` with the band number in the high bits) in files written by earlier versions."""
    import numpy as np

    joined = b"".join(blobs)
    if len(joined) == 4 * bands * len(blobs):
        return np.frombuffer(joined, dtype=np.uint32).reshape(len(blobs), bands)
    rows = [
        np.frombuffer(blob, dtype=np.uint32 if len(blob) == 4 * bands else np.int64).astype(np.uint32) for blob in blobs
    ]
    return np.stack(rows)


def _anchor_blobs(hashes: Any, owners: Any, n: int) -> list[bytes]:
    """The anchor hashes of each of ``n`` owners, as int64 bytes (owners are in order)."""
    import numpy as np

    if len(hashes) == 0:
        return [b""] * n
    order = np.argsort(owners, kind="stable")
    blob = hashes[order].astype(np.int64).tobytes()
    ends = np.cumsum(np.bincount(owners, minlength=n)) * 8
    starts = np.concatenate([[0], ends[:-1]])
    return [blob[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
