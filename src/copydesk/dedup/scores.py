"""Scores on matching keys: edit similarity (the default test) and containment (opt-in).

- :func:`similarity` is rapidfuzz's ``fuzz.ratio`` scaled to [0, 1]: one minus
  the Indel distance over the total length.
- :func:`containment` is the share of the shorter key found, in order, in the
  longer one (the longest common subsequence over the shorter length). A
  truncated copy, or a paragraph with a sentence added or dropped, scores near 1.
  Because any short key is "contained" in a long enough one, a length guard
  applies: the shorter key must have at least ``min_length`` characters and
  ``min_length_ratio`` of the longer one's length, else the score is 0.

>>> similarity("the council met on monday", "the council met on mondya")
0.96
>>> containment("the council met on monday", "the council met on monday and voted on the budget")
1.0
>>> containment("the council", "the council met on monday and voted on the budget, its members said")
0.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

__all__ = ["Containment", "Match", "containment", "similarity"]

MatchKind = Literal["exact", "near", "contained"]


class Match(NamedTuple):
    """A verified pair of near-duplicate texts: positions ``i < j``, ``score`` in [0, 1], ``kind``.

    ``kind`` is ``"exact"`` (same matching key, score 1.0), ``"near"`` (edit
    similarity >= threshold) or ``"contained"`` (containment >= threshold, edit
    similarity below it; only with ``containment=True``).

    >>> Match(0, 3, 0.95, "near").score
    0.95
    """

    i: int
    j: int
    score: float
    kind: MatchKind


@dataclass(frozen=True)
class Containment:
    """The length guard of the containment test (see :func:`containment`).

    >>> Containment().allows(30, 100), Containment().allows(20, 100)
    (True, False)
    """

    min_length: int = 20
    min_length_ratio: float = 0.25

    def allows(self, shorter: int, longer: int) -> bool:
        """Whether keys of these lengths may be compared by containment."""
        return shorter >= self.min_length and shorter >= self.min_length_ratio * longer


def cutoff(threshold: float) -> float:
    """``threshold`` on rapidfuzz's 0-100 scale, without float noise (0.9 -> 90.0, not 90.00000000000001)."""
    return round(threshold * 100, 9)


def similarity(a: str, b: str, threshold: float = 0.0) -> float:
    """Edit similarity of two keys in [0, 1] (``fuzz.ratio / 100``); 0.0 when below ``threshold``."""
    return fuzz.ratio(a, b, score_cutoff=cutoff(threshold)) / 100


def containment(a: str, b: str, threshold: float = 0.0, guard: Containment | None = None) -> float:
    """Share of the shorter key contained in order in the longer one; 0.0 if the guard refuses or below threshold."""
    guard = guard or Containment()
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter or not guard.allows(len(shorter), len(longer)):
        return 0.0
    need = int(-(-threshold * len(shorter) // 1))  # ceil
    score = LCSseq.similarity(shorter, longer, score_cutoff=need) / len(shorter)
    return score if score >= threshold else 0.0


def verify_pairs(
    keys: Sequence[str],
    left: Any,
    right: Any,
    threshold: float,
    guard: Containment | None,
) -> list[tuple[int, int, float, MatchKind]]:
    """Score the candidate pairs ``(left[n], right[n])`` (numpy arrays) and keep those that pass.

    Edit similarity first (rapidfuzz ``process.cpdist``, all cores); with a
    ``guard``, pairs that fail it get the containment test.
    """
    import numpy as np
    from rapidfuzz import process

    if len(left) == 0:
        return []
    a = [keys[i] for i in left.tolist()]
    b = [keys[j] for j in right.tolist()]
    scores = process.cpdist(a, b, scorer=fuzz.ratio, score_cutoff=cutoff(threshold), workers=-1, dtype=np.float64)
    passed = scores >= cutoff(threshold)
    out: list[tuple[int, int, float, MatchKind]] = [
        (i, j, s / 100, "near")
        for i, j, s in zip(left[passed].tolist(), right[passed].tolist(), scores[passed].tolist(), strict=True)
    ]
    if guard is not None:
        rest = np.flatnonzero(~passed)
        if len(rest):
            la = np.fromiter(map(len, a), dtype=np.int64, count=len(a))[rest]  # len at C speed, then picked
            lb = np.fromiter(map(len, b), dtype=np.int64, count=len(b))[rest]
            short, long_ = np.minimum(la, lb), np.maximum(la, lb)
            ok = (short >= guard.min_length) & (short >= guard.min_length_ratio * long_)
            rest, short = rest[ok], short[ok]
            if len(rest):
                lcs = process.cpdist(
                    [a[r] for r in rest.tolist()], [b[r] for r in rest.tolist()], scorer=LCSseq.similarity, workers=-1
                )
                share = lcs / short
                good = share >= threshold
                out.extend(
                    (int(left[r]), int(right[r]), float(s), "contained")
                    for r, s in zip(rest[good].tolist(), share[good].tolist(), strict=True)
                )
    return out
