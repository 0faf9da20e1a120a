"""``find_near_duplicates``: every pair of near-duplicate texts in a batch, verified.

Texts are compared on their matching keys (:mod:`copydesk.dedup.keys`).
Identical keys are grouped by hashing first (``kind="exact"``). The distinct
keys are then compared either all against all with ``rapidfuzz.process.cdist``
(small batches) or through candidates from MinHash/LSH banding (and, with
``containment=True``, shared anchors), :mod:`copydesk.dedup.minhash`; every
candidate is verified with the real score, so a reported pair always passes it.

>>> texts = ["The council met on Monday.", "the council met on monday", "The council met on Mondya.", "Rain."]
>>> for match in find_near_duplicates(texts):
...     print(match)
Match(i=0, j=1, score=1.0, kind='exact')
Match(i=0, j=2, score=0.96, kind='near')
Match(i=1, j=2, score=0.96, kind='near')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from copydesk.dedup.clusters import Cluster, clusters
from copydesk.dedup.keys import KeyOptions, matching_keys
from copydesk.dedup.minhash import EXTRA_HINT, LSHOptions, anchors, band_hashes, grouped_pairs, signatures
from copydesk.dedup.scores import Containment, Match, MatchKind, cutoff, verify_pairs

__all__ = ["BRUTE_FORCE_LIMIT", "Matches", "check_texts", "find_near_duplicates"]

#: Up to this many distinct keys, ``method="auto"`` compares all pairs (``cdist``); above it, MinHash/LSH.
BRUTE_FORCE_LIMIT = 2000

Method = Literal["auto", "brute", "lsh"]
KeyFunction = Callable[[str], str]


class Matches(list[Match]):
    """The list of :class:`Match` pairs, sorted by ``(i, j)``, plus what was left out.

    ``skipped`` holds the positions of texts that were not compared because their
    matching key is empty (empty, whitespace-only or punctuation-only texts);
    ``size`` is the number of texts given. :meth:`clusters` groups the matches.

    >>> found = find_near_duplicates(["A b c.", "  ", "a, b, c!", ""])
    >>> found, found.skipped
    ([Match(i=0, j=2, score=1.0, kind='exact')], (1, 3))
    >>> found.clusters()
    [Cluster(representative=0, members=(0, 2))]
    """

    def __init__(self, matches: Iterable[Match] = (), skipped: Sequence[int] = (), size: int = 0) -> None:
        super().__init__(matches)
        self.skipped: tuple[int, ...] = tuple(skipped)
        self.size = size

    def clusters(self) -> list[Cluster[int]]:
        """Connected groups of matched positions, each with its first position as representative."""
        return clusters(self)


def check_texts(texts: Iterable[object], where: str) -> list[str]:
    """``texts`` as a list, or ``TypeError`` naming the position and type of the first non-``str`` item.

    >>> check_texts(["a", 3], "demo()")
    Traceback (most recent call last):
    ...
    TypeError: demo() expects str items, item 1 is int
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(f"{where} expects an iterable of str, got a single {type(texts).__name__}")
    out = list(texts)
    for position, text in enumerate(out):
        if not isinstance(text, str):
            raise TypeError(f"{where} expects str items, item {position} is {type(text).__name__}")
    return out  # type: ignore[return-value]


def make_keys(texts: Sequence[str], key: KeyOptions | KeyFunction | None) -> list[str]:
    """Matching keys with ``key`` (options, or any ``str -> str`` function)."""
    if key is None or isinstance(key, KeyOptions):
        return matching_keys(texts, key)
    out = [key(t) for t in texts]
    for position, k in enumerate(out):
        if not isinstance(k, str):
            raise TypeError(f"the key function returned {type(k).__name__} for item {position}, expected str")
    return out


def find_near_duplicates(
    texts: Iterable[str],
    *,
    threshold: float = 0.9,
    containment: bool = False,
    key: KeyOptions | KeyFunction | None = None,
    method: Method = "auto",
    guard: Containment | None = None,
    lsh: LSHOptions | None = None,
    all_pairs: bool = True,
) -> Matches:
    """All pairs of texts whose keys score ``>= threshold``, as ``Match(i, j, score, kind)`` with ``i < j``.

    - ``threshold``: in (0, 1]; the edit similarity (``fuzz.ratio / 100``) of the keys.
    - ``containment``: also report pairs where the shorter key is contained in the
      longer one (truncations, sentences added or dropped), under the length ``guard``.
    - ``key``: :class:`KeyOptions`, or any ``str -> str`` function, for the matching key.
    - ``method``: ``"brute"`` (all pairs, ``rapidfuzz.process.cdist``), ``"lsh"``
      (MinHash/LSH candidates, verified; needs numpy) or ``"auto"``: brute force up to
      :data:`BRUTE_FORCE_LIMIT` distinct keys, LSH above. Without numpy, ``"auto"``
      on a larger batch raises ``ImportError`` naming the ``dedup`` extra.
    - ``all_pairs``: ``True`` (the default) reports every pair. ``False`` reports each
      text whose key repeats an earlier one once, against the first text with that key
      (``kind="exact"``), and each near or contained pair of keys once, between the first
      texts with those keys: at most one match per repeated text plus one per pair of
      distinct keys, instead of ``g * (g - 1) / 2`` for a group of ``g`` equal keys
      (a stock paragraph repeated ``g`` times). The clusters are the same.

    Non-``str`` items raise ``TypeError`` with their position; texts with an empty
    key are not compared and listed in ``.skipped`` of the result.

    >>> find_near_duplicates(["López said it's over.", "Lopez said: “it’s over”…", "Other."])
    [Match(i=0, j=1, score=1.0, kind='exact')]
    >>> long, cut = "The council met on Monday and voted on the budget.", "The council met on Monday and voted"
    >>> find_near_duplicates([long, cut], containment=True)
    [Match(i=0, j=1, score=1.0, kind='contained')]
    >>> [(m.i, m.j) for m in find_near_duplicates(["Rain.", "rain", "RAIN!", "Rain?"], all_pairs=False)]
    [(0, 1), (0, 2), (0, 3)]
    >>> find_near_duplicates(["ok", None])
    Traceback (most recent call last):
    ...
    TypeError: find_near_duplicates() expects str items, item 1 is NoneType
    """
    items = check_texts(texts, "find_near_duplicates()")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if method not in ("auto", "brute", "lsh"):
        raise ValueError(f"method must be 'auto', 'brute' or 'lsh', got {method!r}")
    keys = make_keys(items, key)
    guard = (guard or Containment()) if containment else None

    skipped: list[int] = []
    groups: dict[str, list[int]] = {}
    for position, k in enumerate(keys):
        if k:
            groups.setdefault(k, []).append(position)
        else:
            skipped.append(position)
    unique = list(groups)
    members = list(groups.values())
    del keys

    if method == "auto":
        method = "brute" if len(unique) <= BRUTE_FORCE_LIMIT else "lsh"
        if method == "lsh" and not _has_numpy():
            raise ImportError(
                f"find_near_duplicates() on more than {BRUTE_FORCE_LIMIT} distinct texts needs numpy; {EXTRA_HINT}"
            )
    if method == "brute":
        pairs = _brute_force(unique, threshold, guard)
    else:
        pairs = _lsh(unique, threshold, guard, lsh or LSHOptions())

    matches: list[Match] = []
    if not all_pairs:  # each group through its first member
        for group in members:
            matches.extend(Match(group[0], b, 1.0, "exact") for b in group[1:])
        for u, v, score, kind in pairs:
            a, b = members[u][0], members[v][0]
            matches.append(Match(a, b, score, kind) if a < b else Match(b, a, score, kind))
        matches.sort()
        return Matches(matches, skipped, len(items))
    for group in members:
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                matches.append(Match(group[a], group[b], 1.0, "exact"))
    for u, v, score, kind in pairs:
        for a in members[u]:
            for b in members[v]:
                matches.append(Match(a, b, score, kind) if a < b else Match(b, a, score, kind))
    matches.sort()
    return Matches(matches, skipped, len(items))


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:  # pragma: no cover - numpy is in the test extra
        return False
    return True


def _brute_force(
    keys: list[str], threshold: float, guard: Containment | None
) -> list[tuple[int, int, float, MatchKind]]:
    """All pairs of distinct keys, scored with ``cdist`` (with numpy) or row by row (without)."""
    if len(keys) < 2:
        return []
    cut = cutoff(threshold)
    out: list[tuple[int, int, float, MatchKind]] = []
    if not _has_numpy():
        for i, query in enumerate(keys):
            near = set()
            for _, score, j in process.extract_iter(query, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=cut):
                out.append((i, i + 1 + j, score / 100, "near"))
                near.add(j)
            if guard is not None:
                for j, other in enumerate(keys[i + 1 :]):
                    if j not in near:
                        share = _containment(query, other, threshold, guard)
                        if share:
                            out.append((i, i + 1 + j, share, "contained"))
        return out
    import numpy as np

    scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=cut, workers=-1, dtype=np.float64)
    upper = np.triu(scores >= cut, k=1)
    rows, cols = np.nonzero(upper)
    out.extend(
        (i, j, s / 100, "near")
        for i, j, s in zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True)
    )
    if guard is not None:
        lcs = process.cdist(keys, keys, scorer=LCSseq.similarity, workers=-1, dtype=np.int32)
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        short = np.minimum.outer(lengths, lengths)
        long_ = np.maximum.outer(lengths, lengths)
        ok = (short >= guard.min_length) & (short >= guard.min_length_ratio * long_)
        shares = np.where(ok, lcs / np.maximum(short, 1), 0.0)
        rows, cols = np.nonzero(np.triu(shares >= threshold, k=1) & ~upper)
        out.extend(
            (i, j, s, "contained")
            for i, j, s in zip(rows.tolist(), cols.tolist(), shares[rows, cols].tolist(), strict=True)
        )
    return out


def _containment(a: str, b: str, threshold: float, guard: Containment) -> float:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not guard.allows(len(shorter), len(longer)):
        return 0.0
    need = math.ceil(threshold * len(shorter))
    share = LCSseq.similarity(shorter, longer, score_cutoff=need) / len(shorter)
    return share if share >= threshold else 0.0


def _distinct(codes: Any) -> Any:
    """Sorted distinct values of an int64 array (sorting beats hashing here)."""
    import numpy as np

    codes.sort()
    if len(codes) < 2:
        return codes
    return codes[np.concatenate([[True], codes[1:] != codes[:-1]])]


def _lsh(
    keys: list[str], threshold: float, guard: Containment | None, options: LSHOptions
) -> list[tuple[int, int, float, MatchKind]]:
    """Candidates from LSH bands (and anchors with containment), then verified."""
    import numpy as np

    n = len(keys)
    if n < 2:
        return []
    found: list[Any] = []
    chunk = 4096  # small arrays: fresh large allocations cost more in page faults than the work
    bands = np.concatenate([band_hashes(signatures(keys[s : s + chunk], options), options) for s in range(0, n, chunk)])
    for band in range(options.bands):
        found.append(grouped_pairs(bands[:, band]))
        if len(found) == 8:
            found = [_distinct(np.concatenate(found))]
    del bands
    if guard is not None:
        hashes, owners = anchors(keys, options)  # sorted by hash
        found.append(grouped_pairs(hashes, limit=options.anchor_limit, owners=owners, size=n, is_sorted=True))
    candidates = _distinct(np.concatenate(found))
    del found
    out: list[tuple[int, int, float, MatchKind]] = []
    step = 500_000  # verified in slices: the key lists for a slice stay small
    for start in range(0, len(candidates), step):
        left, right = np.divmod(candidates[start : start + step], n)
        out.extend(verify_pairs(keys, left, right, threshold, guard))
    return out
