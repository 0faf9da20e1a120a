"""Candidate pairs for the large-input path: MinHash over character shingles, LSH banding, anchors.

Everything here works on whole batches with numpy (an optional dependency:
``pip install 'copydesk[dedup]'``), never one paragraph at a time in Python:

- :func:`shingle_hashes` hashes every character ``k``-gram of every key at once;
- :func:`signatures` turns them into one-permutation MinHash signatures
  (one hash per shingle, ``num_perm`` bins, empty bins filled by rotation);
- :func:`band_hashes` folds each band of ``rows`` signature values into one 32-bit value;
- :func:`grouped_pairs` lists the pairs of rows sharing a value, column by column;
- :func:`anchors` picks winnowed long shingles, so that two keys sharing a long
  stretch of text (a truncated copy, a paragraph with a sentence added) share one.

Candidates are only candidates: :mod:`copydesk.dedup.batch` verifies every pair with the real score.

>>> import numpy as np
>>> sig = signatures(["the council met on monday", "the council met on monday!", "bananas"], LSHOptions())
>>> sig.shape
(3, 192)
>>> bool((sig[0] == sig[1]).mean() > 0.7), bool((sig[0] == sig[2]).mean() < 0.2)
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    U32 = npt.NDArray[np.uint32]
    U64 = npt.NDArray[np.uint64]
    I64 = npt.NDArray[np.int64]

__all__ = [
    "LSHOptions",
    "anchors",
    "band_hashes",
    "distinct_pairs",
    "grouped_pairs",
    "require_numpy",
    "shingle_hashes",
    "signatures",
]

EXTRA_HINT = "install the extra: pip install 'copydesk[dedup]'"


def require_numpy(what: str) -> Any:
    """Import numpy, or raise ``ImportError`` saying that ``what`` needs the ``dedup`` extra."""
    try:
        import numpy
    except ImportError as error:  # pragma: no cover - numpy is in the test extra
        raise ImportError(f"{what} needs numpy; {EXTRA_HINT}") from error
    return numpy


@dataclass(frozen=True)
class LSHOptions:
    """MinHash and banding parameters, tuned for paragraphs and ``ratio >= 0.9`` pairs.

    ``shingle`` characters per shingle; ``bands`` x ``rows`` signature values
    (a pair is a candidate when all ``rows`` values of any band agree);
    ``anchor``/``window``: winnowed ``anchor``-character shingles for containment
    (any shared stretch of ``anchor + window - 1`` characters yields a shared anchor),
    and ``anchor_limit``: anchors shared by more keys than that are ignored (stock phrases).

    ``rounds``: the signature is made of that many rounds of one-permutation hashing
    (see :func:`signatures`).

    A pair whose shingle sets have Jaccard similarity ``s`` becomes a candidate with
    probability about ``1 - (1 - s**4)**48``: 0.9995 at s = 0.62 (the 1st percentile of
    the ``ratio >= 0.9`` pairs in the benchmark's labelled set), 0.95 at s = 0.5, and
    0.0003 at s = 0.05 (unrelated news paragraphs).

    >>> LSHOptions().num_perm
    192
    """

    shingle: int = 5
    bands: int = 48
    rows: int = 4
    anchor: int = 16
    window: int = 8
    anchor_limit: int = 64
    rounds: int = 6
    seed: int = 0x5EED

    @property
    def num_perm(self) -> int:
        """Signature length: ``bands * rows``."""
        return self.bands * self.rows

    def __post_init__(self) -> None:
        for name in ("shingle", "bands", "rows", "anchor", "window", "anchor_limit", "rounds"):
            if getattr(self, name) < 1:
                raise ValueError(f"LSHOptions.{name} must be >= 1, got {getattr(self, name)}")
        if self.num_perm % self.rounds:
            raise ValueError(f"LSHOptions.rounds ({self.rounds}) must divide bands * rows ({self.num_perm})")


_MULT = 0x100000001B3  # FNV-style multiplier for the rolling polynomial
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB
_ROTATE = 0x9E3779B9
#: Odd 64-bit multipliers, one per round of one-permutation hashing.
_ROUND_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
    0xA0761D6478BD642F,
    0xE7037ED1A0B428DB,
)


def _mix(h: U64) -> U64:
    """splitmix64 finalizer, in place."""
    import numpy as np

    h ^= h >> np.uint64(30)
    h *= np.uint64(_MIX1)
    h ^= h >> np.uint64(27)
    h *= np.uint64(_MIX2)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(keys: Sequence[str], k: int, seed: int = 0) -> tuple[U64, I64]:
    """64-bit hashes of every ``k``-character shingle of every key, and the key each belongs to.

    A key shorter than ``k`` (the empty key included) counts as one shingle.

    >>> hashes, owner = shingle_hashes(["abcd", "ab"], 3)
    >>> owner.tolist()
    [0, 0, 1]
    >>> bool(hashes[0] != hashes[1])
    True
    """
    np = require_numpy("shingle hashing")
    padded = [key if len(key) >= k else key.ljust(k, "\x01") for key in keys]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    codes = np.frombuffer("".join(padded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    width = len(codes) - k + 1
    h = np.full(max(width, 0), np.uint64(seed), dtype=np.uint64)
    mult = np.uint64(_MULT)
    for t in range(k):
        h *= mult
        h += codes[t : t + width]
    counts = lengths - k + 1
    starts = np.cumsum(lengths) - lengths
    firsts = np.cumsum(counts) - counts
    owner = np.repeat(np.arange(len(padded), dtype=np.int64), counts)
    positions = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(starts - firsts, counts)
    return _mix(h[positions]), owner


def signatures(keys: Sequence[str], options: LSHOptions) -> U32:
    """MinHash signatures, shape ``(len(keys), options.num_perm)``, ``uint32``.

    ``options.rounds`` rounds of one-permutation hashing: in each round every
    shingle hash is remixed, goes to one of ``num_perm / rounds`` bins (its low
    bits) and each bin keeps its smallest value (the high bits). Few bins per round
    keep several shingles per bin, so that a stock shingle (" the ", "said ")
    rarely wins a bin on its own, which would make unrelated paragraphs collide.
    An empty bin (short keys) takes the smallest value of its round, salted with
    the bin number: equal for two keys exactly when their whole-round minima are.
    """
    np = require_numpy("MinHash signatures")
    rounds, width = options.rounds, options.num_perm // options.rounds
    n = len(keys)
    hashes, owner = shingle_hashes(keys, options.shingle, options.seed)
    empty_value = np.iinfo(np.uint32).max
    sig = np.full(n * options.num_perm, empty_value, dtype=np.uint32)
    base = owner * options.num_perm
    product = np.empty_like(hashes)
    for r in range(rounds):
        # multiply-shift hashing: the high 32 bits order the shingles, bits 16-31 pick the bin
        np.multiply(hashes, np.uint64(_ROUND_MULTIPLIERS[r % len(_ROUND_MULTIPLIERS)] + 2 * (r // 8)), out=product)
        value = (product >> np.uint64(32)).astype(np.uint32)
        bins = ((product >> np.uint64(16)).astype(np.uint32) & np.uint32(0xFFFF)) * np.uint32(width) >> np.uint32(16)
        np.minimum.at(sig, base + bins.astype(np.int64) + r * width, value)
    sig = sig.reshape(n, options.num_perm)
    rows = np.flatnonzero((sig == empty_value).any(axis=1))
    if len(rows):
        part = sig[rows].reshape(len(rows), rounds, width)
        # the round's smallest value (the MinHash of the whole key for that round), salted per bin
        fill = part.min(axis=2, keepdims=True) + np.arange(1, width + 1, dtype=np.uint32) * np.uint32(_ROTATE)
        sig[rows] = np.where(part == empty_value, fill, part).reshape(len(rows), options.num_perm)
    return sig  # type: ignore[no-any-return]


def band_hashes(sig: U32, options: LSHOptions) -> U32:
    """One 32-bit value per band: shape ``(rows_of_sig, options.bands)``."""
    np = require_numpy("LSH banding")
    bands = sig.reshape(len(sig), options.bands, options.rows).astype(np.uint64)
    h = np.full(bands.shape[:2], np.uint64(options.seed), dtype=np.uint64)
    for t in range(options.rows):
        h *= np.uint64(_MULT)
        h += bands[:, :, t]
    return (_mix(h) >> np.uint64(32)).astype(np.uint32)  # type: ignore[no-any-return]


def grouped_pairs(
    values: Any, limit: int | None = None, owners: Any = None, size: int | None = None, *, is_sorted: bool = False
) -> I64:
    """Pairs ``i < j`` of positions holding equal ``values``, encoded as ``i * len(values) + j`` (unsorted).

    Groups larger than ``limit`` are ignored. With ``owners``, positions are
    replaced by ``owners[position]`` (pairs of one owner dropped) and encoded with ``size``.
    ``is_sorted`` says equal ``values`` are adjacent already (sorted values are: postings
    entries, anchors), so they are not sorted again: the result is the same.

    >>> import numpy as np
    >>> n = 4
    >>> sorted(divmod(int(p), n) for p in grouped_pairs(np.array([7, 3, 7, 7])))
    [(0, 2), (0, 3), (2, 3)]
    >>> sorted(divmod(int(p), n) for p in grouped_pairs(np.array([3, 7, 7, 7]), is_sorted=True))
    [(1, 2), (1, 3), (2, 3)]
    """
    np = require_numpy("LSH banding")
    n = len(values)
    if n < 2:
        return np.empty(0, dtype=np.int64)  # type: ignore[no-any-return]
    # a stable sort of sorted values is the identity: no order to follow
    order = None if is_sorted else np.argsort(values, kind="stable")
    ordered = values if order is None else values[order]
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    run_start = np.flatnonzero(new)
    run_id = np.cumsum(new) - 1
    offset = np.arange(n) - run_start[run_id]
    if limit is not None:
        sizes = np.diff(np.append(run_start, n))
        offset[sizes[run_id] > limit] = 0
    total = int(offset.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)  # type: ignore[no-any-return]
    later = np.repeat(np.arange(n), offset)
    within = np.arange(total) - np.repeat(np.cumsum(offset) - offset, offset)
    first = run_start[run_id[later]] + within
    a = (later if order is None else order[later]).astype(np.int64)
    b = (first if order is None else order[first]).astype(np.int64)
    if owners is None:  # each pair of positions comes once: no duplicates to remove
        return np.minimum(a, b) * n + np.maximum(a, b)  # type: ignore[no-any-return]
    a, b, n = owners[a], owners[b], int(size if size is not None else owners.max() + 1)
    keep = a != b
    a, b = a[keep], b[keep]
    return np.unique(np.minimum(a, b) * n + np.maximum(a, b))  # type: ignore[no-any-return]


def anchors(keys: Sequence[str], options: LSHOptions) -> tuple[U64, I64]:
    """Winnowed anchors: ``(hash, key position)``, one row per distinct anchor of each key.

    In every window of ``options.window`` consecutive ``options.anchor``-character
    shingles of a key the smallest hash is an anchor; a key too short for one window
    keeps all its shingles (a key shorter than a shingle is one shingle).
    """
    np = require_numpy("containment anchors")
    hashes, owner = shingle_hashes(keys, options.anchor, options.seed + 1)
    w = options.window
    if len(hashes) >= w:
        windows = np.lib.stride_tricks.sliding_window_view(hashes, w)
        inside = owner[: len(windows)] == owner[w - 1 :]
        picked = np.arange(len(windows))[inside] + windows[inside].argmin(axis=1)
        counts = np.bincount(owner, minlength=len(keys))
        short = counts[owner] < w
        picked = np.concatenate([picked, np.flatnonzero(short)])
    else:
        picked = np.arange(len(hashes))
    return distinct_pairs(hashes[picked], owner[picked])


def distinct_pairs(hashes: Any, owners: Any) -> tuple[U64, I64]:
    """The distinct ``(hash, owner)`` pairs, sorted by hash then owner: what ``np.unique`` of the stacked
    rows with ``axis=0`` gives, by a lexsort and a comparison with the previous row (``np.unique`` with
    an axis sorts the rows as structured values, ten times slower).

    >>> import numpy as np
    >>> h, o = distinct_pairs(np.array([9, 4, 9, 4], dtype=np.uint64), np.array([1, 2, 1, 0]))
    >>> h.tolist(), o.tolist()
    ([4, 4, 9], [0, 2, 1])
    """
    np = require_numpy("containment anchors")
    hashes = np.asarray(hashes, dtype=np.uint64)
    owners = np.asarray(owners).astype(np.int64)
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    new = np.empty(len(hashes), dtype=bool)
    new[:1] = True
    np.not_equal(hashes[1:], hashes[:-1], out=new[1:])
    new[1:] |= owners[1:] != owners[:-1]
    return hashes[new], owners[new]
