"""The learned line scorer: two small logistic models whose weights ship as ``weights.json``.

Stage 1 adds one weight per feature bin of a line (:mod:`.features`). Stage 2
reads the stage-1 scores of the line and its neighbours and where the line
sits relative to the densest run of body-like lines (jusText's context pass,
learned). ``scripts/train_boilerplate.py`` fits both on the development data.

>>> from copydesk.boilerplate.features import Page
>>> page = Page.from_lines(["Home", "The council met on Monday and voted to close the old bridge for repairs."])
>>> scores = score_page(page)
>>> scores[0] < 0.5 < scores[1]
True
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, repeat
from operator import add, getitem, itemgetter, mul, sub
from typing import Any

from copydesk.boilerplate.features import (
    _FROM_END_BINS,
    _WIDE_BINS,
    CONTEXT_FEATURES,
    FEATURES,
    LANGUAGES,
    LOCAL_FEATURES,
    Page,
)

LOCAL_COUNT = len(LOCAL_FEATURES)

__all__ = [
    "Model",
    "densest_run",
    "load_model",
    "page_stage1",
    "score_page",
    "stage1_scores",
    "stage2_scores",
    "stage2_vector",
]

#: Stage-2 score given to positions beyond the first and last line.
EDGE = -2.0
#: Bins for the distance (in lines) before or after the densest run.
_DISTANCE_EDGES = (0, 2, 5, 10, 20)
_BINS = len(_DISTANCE_EDGES) + 1
#: Lines before the run (after it) that still count as "no header" ("no tail"): extractor output.
_BARE = 2
STAGE2_SIZE = 9 + 1 + 2 * _BINS + FEATURES["page_long_lines"] + 1 + 2 * _BINS + 2


@dataclass(frozen=True)
class Model:
    """Weights of both stages and the decision threshold."""

    bias1: float
    table1: tuple[float, ...]  # one weight per (feature, bin), features laid end to end
    offsets: tuple[int, ...]
    weights2: tuple[float, ...]
    threshold: float
    weights3: tuple[float, ...] = ()
    bare_threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        """Build from the JSON structure written by the training script."""
        table: list[float] = []
        offsets: list[int] = []
        for name, size in FEATURES.items():
            weights = data["stage1"]["weights"][name]
            if len(weights) != size:
                raise ValueError(f"feature {name!r}: {len(weights)} weights for {size} bins")
            offsets.append(len(table))
            table.extend(float(w) for w in weights)
        weights2 = tuple(float(w) for w in data["stage2"]["weights"])
        if len(weights2) != STAGE2_SIZE:
            raise ValueError(f"stage 2: {len(weights2)} weights, expected {STAGE2_SIZE}")
        weights3 = tuple(float(w) for w in data.get("stage3", {}).get("weights", ()))
        if weights3 and len(weights3) != STAGE2_SIZE:
            raise ValueError(f"stage 3: {len(weights3)} weights, expected {STAGE2_SIZE}")
        return cls(
            float(data["stage1"]["bias"]),
            tuple(table),
            tuple(offsets),
            weights2,
            float(data["threshold"]),
            weights3,
            float(data.get("bare_threshold", data["threshold"])),
        )


@cache
def load_model() -> Model:
    """The model shipped with copydesk (``copydesk/boilerplate/weights.json``)."""
    text = (resources.files("copydesk.boilerplate") / "weights.json").read_text(encoding="utf-8")
    return Model.from_dict(json.loads(text))


def stage1_scores(rows: Sequence[Sequence[int]], model: Model) -> list[float]:
    """Stage-1 log-odds of each line from its feature bins."""
    table = model.table1
    offsets = model.offsets
    bias = model.bias1
    get = table.__getitem__
    return [bias + sum(map(get, map(int.__add__, offsets, row))) for row in rows]


def page_stage1(page: Page, model: Model) -> tuple[list[float], int]:
    """Stage-1 log-odds of every line of ``page`` (fast path of :func:`stage1_scores`) and its page_long bin.

    The model is additive over feature bins, so the work is done column by column:
    a line's own features add up to one number cached per distinct set of bins
    (with what the line adds to its neighbours' ``prev_*``/``next_*`` features),
    windows of long lines are prefix-sum differences, and features that are
    constant over runs of lines (position, words before, comments before) are
    laid down run by run.
    """
    n = len(page)
    if not n:
        return [], 0
    d = _derived(model)
    local = page.local
    contributions = d.contributions
    keys = list(map(_BINS_OF, local))
    triples = list(map(contributions.get, keys))
    if None in triples:
        for i, found in enumerate(triples):
            if found is None:
                triples[i] = d.contribute(keys[i])
    own, as_prev, as_next = zip(*triples, strict=True)
    long_line = list(map(_LONG_OF, local))
    page_long = min(7, 8 * sum(long_line) // n)
    language_bin = LANGUAGES.index(page.language) + 1 if page.language else 0
    base = (
        model.bias1
        + d.context["page_long_lines"][page_long]
        + d.context["language"][language_bin]
        + d.context["comments_before"][0]
    )
    # long lines within 3 (10) lines either side, the line itself not counted
    prefix = [0, *accumulate(long_line)]
    padded = [0] * 10 + prefix + [prefix[-1]] * 11
    near_table = d.near
    near = list(map(near_table.__getitem__, map(sub, map(sub, padded[14 : 14 + n], padded[7 : 7 + n]), long_line)))
    wide_table = d.wide
    wide = list(map(wide_table.__getitem__, map(sub, map(sub, padded[21 : 21 + n], padded[:n]), long_line)))
    prev = [d.edge_prev, *as_prev[:-1]]
    next_ = [*as_next[1:], d.edge_next]
    runs = (
        _position_runs(n, d)
        if n > 12
        else [d.position[min(9, 10 * i // n)] + d.from_end[_FROM_END_BINS[min(11, n - 1 - i)]] for i in range(n)]
    )
    z = [
        base + a + b + c + e + f + g + h
        for a, b, c, e, f, g, h in zip(
            own, prev, next_, near, wide, runs, _words_before(page, d.words_before), strict=True
        )
    ]
    _add_repeated(z, page.lines, page.counts, d.context["repeated"])
    comments = d.context["comments_before"]
    flags = list(map(_COMMENT_OF, local))
    if 1 in flags:
        start = 0
        for k in range(1, 4):
            if 1 not in flags[start:]:
                break
            start = flags.index(1, start) + 1
            delta = comments[k] - comments[k - 1]
            z[start:] = [x + delta for x in z[start:]]
    return z, page_long


_BINS_OF = itemgetter(0)
_LONG_OF = itemgetter(5)
_COMMENT_OF = itemgetter(6)


def _position_runs(n: int, d: _Derived) -> list[float]:
    """The position and from-end weights of every line of an ``n``-line page (``n > 12``)."""
    out: list[float] = []
    far = d.from_end[_FROM_END_BINS[11]]
    for k in range(10):
        count = (k + 1) * n // 10 + (1 if ((k + 1) * n) % 10 else 0) - (k * n // 10 + (1 if (k * n) % 10 else 0))
        out += [d.position[k] + far] * count
    for i in range(n - 12, n):
        out[i] = d.position[min(9, 10 * i // n)] + d.from_end[_FROM_END_BINS[min(11, n - 1 - i)]]
    return out


def _words_before(page: Page, table: Sequence[float]) -> list[float]:
    """The ``words_before`` weight of every line: the share of the page's words above it, in tenths."""
    words = page.words
    n = len(words)
    before = [0, *accumulate(words)]
    total = before[-1] or 1
    out: list[float] = []
    start = 0
    for k in range(1, 10):
        # first line whose words before reach k tenths of the total: 10 * before >= k * total
        end = bisect_left(before, -(-k * total // 10), start, n)
        out += [table[k - 1]] * (end - start)
        start = end
    out += [table[9]] * (n - start)
    return out


def _add_repeated(z: list[float], lines: Sequence[str], counts: Counter[str], table: Sequence[float]) -> None:
    """Add the ``repeated`` weight (how often the line occurs on the page, ``counts``) to every score."""
    if len(counts) == len(lines):  # no line occurs twice
        z[:] = [x + table[0] for x in z]
        return
    # the weight by count: once, twice, three times or more (the default)
    by_count = {1: table[0], 2: table[1]}
    z[:] = map(add, z, map(by_count.get, map(counts.__getitem__, lines), repeat(table[2])))


class _Derived:
    """Tables derived from a model for :func:`page_stage1`."""

    def __init__(self, model: Model) -> None:
        self.model = model
        names = list(FEATURES)
        self.context = {
            name: model.table1[model.offsets[k] : model.offsets[k] + FEATURES[name]]
            for k, name in enumerate(names)
            if name in CONTEXT_FEATURES
        }
        #: the weights of each local feature, one table per feature (a line's own sum reads bin k of table k)
        self.local_tables = tuple(
            model.table1[offset : offset + size]
            for offset, size in zip(model.offsets[:LOCAL_COUNT], LOCAL_FEATURES.values(), strict=True)
        )
        self.prev_words, self.next_words = self.context["prev_words"], self.context["next_words"]
        self.prev_stops, self.next_stops = self.context["prev_stopwords"], self.context["next_stopwords"]
        self.edge_prev = self.prev_words[0] + self.prev_stops[0]
        self.edge_next = self.next_words[0] + self.next_stops[0]
        near = self.context["near_long"]
        self.near = tuple(near[min(6, k)] for k in range(8))
        wide = self.context["wide_long"]
        self.wide = tuple(wide[_WIDE_BINS[min(9, k)]] for k in range(22))
        self.position = self.context["position"]
        self.from_end = self.context["from_end"]
        self.words_before = self.context["words_before"]
        #: a line's bins -> (its own features' sum, what it adds to the next line, to the previous line)
        self.contributions: dict[tuple[int, ...], tuple[float, float, float]] = {}

    def contribute(self, bins: tuple[int, ...]) -> tuple[float, float, float]:
        if len(self.contributions) > 200_000:
            self.contributions.clear()
        # the local weights added in feature order: the same floats in the same order as table1[offset + bin]
        own = sum(map(getitem, self.local_tables, bins))
        found = self.contributions[bins] = (
            own,
            self.prev_words[bins[0]] + self.prev_stops[bins[1]],
            self.next_words[bins[0]] + self.next_stops[bins[1]],
        )
        return found


_DERIVED: dict[int, _Derived] = {}


def _derived(model: Model) -> _Derived:
    found = _DERIVED.get(id(model))
    if found is None or found.model is not model:
        if len(_DERIVED) > 16:
            _DERIVED.clear()
        found = _DERIVED[id(model)] = _Derived(model)
    return found


def densest_run(scores: Sequence[float], weights: Sequence[int]) -> tuple[int, int]:
    """``(start, end)`` of the run of lines with the largest weighted sum of ``scores``.

    >>> densest_run([-1.0, 2.0, -0.5, 3.0, -4.0], [1, 1, 1, 1, 1])
    (1, 4)
    """
    # prefix sums: the best run ends where the sum is furthest above its lowest point so far,
    # and starts at the last place that lowest point was reached
    totals = [0.0, *accumulate(map(mul, scores, weights))]
    lowest = list(accumulate(totals, min))
    above = list(map(sub, totals, lowest))
    best = max(above)
    if best <= 0.0:
        return 0, 0
    end = above.index(best)
    start = end - totals[end::-1].index(lowest[end])
    return start, end


def _distance_bin(distance: int) -> int:
    if distance < len(_DISTANCE_TABLE):
        return _DISTANCE_TABLE[distance]
    return len(_DISTANCE_EDGES)


#: distance -> bin for distances up to the last edge
_DISTANCE_TABLE = tuple(
    next(k for k, edge in enumerate(_DISTANCE_EDGES) if d <= edge) for d in range(_DISTANCE_EDGES[-1] + 1)
)


def stage2_vector(z: Sequence[float], i: int, run: tuple[int, int], page_long: int) -> list[float]:
    """The stage-2 inputs of line ``i`` given all stage-1 scores ``z``."""
    n = len(z)

    def at(j: int) -> float:
        return z[j] if 0 <= j < n else EDGE

    lo, hi = max(0, i - 8), min(n, i + 9)
    window = sum(z[lo:hi]) / (hi - lo)
    vec = [1.0, z[i], at(i - 1), at(i + 1), at(i - 2), at(i + 2), at(i - 3), at(i + 3), window]
    vec.append(1.0 if run[0] <= i < run[1] else 0.0)
    before = [0.0] * (len(_DISTANCE_EDGES) + 1)
    after = [0.0] * (len(_DISTANCE_EDGES) + 1)
    if i < run[0]:
        before[_distance_bin(run[0] - i)] = 1.0
    elif i >= run[1]:
        after[_distance_bin(i - run[1] + 1)] = 1.0
    vec += before + after
    page = [0.0] * FEATURES["page_long_lines"]
    page[page_long] = 1.0
    vec += page
    vec.append(z[i] * page_long / 8.0)
    headless = run[0] <= _BARE
    tailless = n - run[1] <= _BARE
    vec += [x if headless else 0.0 for x in after]
    vec += [x if tailless else 0.0 for x in before]
    vec += [1.0 if headless else 0.0, 1.0 if tailless else 0.0]
    return vec


def run_weights(page: Page) -> list[int]:
    """How much each line counts in :func:`densest_run`: longer lines count more."""
    return [min(w, 30) + 1 for w in page.words]


def stage2_scores(z: Sequence[float], run: tuple[int, int], page_long: int, w: Sequence[float]) -> list[float]:
    """Context log-odds of every line: :func:`stage2_vector` dotted with ``w``, computed directly.

    Stage 2 applies it to the stage-1 scores with ``model.weights2``; stage 3 (when the
    model has one) to the stage-2 scores with ``model.weights3``.
    """
    n = len(z)
    if not n:
        return []
    zp = [EDGE, EDGE, EDGE, *z, EDGE, EDGE, EDGE]
    prefix = [0.0, *accumulate(z)]
    padded = [0.0] * 8 + prefix + [prefix[-1]] * 8
    sums = list(map(sub, padded[17 : 17 + n], padded[:n]))  # z over lines i-8 .. i+8 (within the page)
    counts = _window_sizes(n)
    start, end = run
    bins = _BINS
    headless = start <= _BARE
    tailless = n - end <= _BARE
    after_base = 10 + bins
    no_header_base = 10 + 2 * bins + FEATURES["page_long_lines"] + 1
    no_tail_base = no_header_base + bins
    base = w[0] + w[10 + 2 * bins + page_long]
    if headless:
        base += w[no_tail_base + bins]
    if tailless:
        base += w[no_tail_base + bins + 1]
    scale = w[1] + w[10 + 2 * bins + FEATURES["page_long_lines"]] * page_long / 8.0
    w2, w3, w4, w5, w6, w7, w8 = w[2:9]
    # where the line sits relative to the densest run: two weights (the second 0.0 unless the page has no header/tail)
    zero = [0.0] * bins
    before = _by_distance(start, w[10 : 10 + bins], w[no_tail_base : no_tail_base + bins] if tailless else zero)
    before.reverse()
    after = _by_distance(
        n - end, w[after_base : after_base + bins], w[no_header_base : no_header_base + bins] if headless else zero
    )
    place = [*before, *[(w[9], 0.0)] * (end - start), *after]
    return [
        base + scale * a + w2 * b + w3 * c + w4 * e + w5 * f + w6 * g + w7 * h + w8 * s / k + p + q
        for a, b, c, e, f, g, h, s, k, (p, q) in zip(
            z,
            zp[2 : n + 2],
            zp[4 : n + 4],
            zp[1 : n + 1],
            zp[5 : n + 5],
            zp[:n],
            zp[6 : n + 6],
            sums,
            counts,
            place,
            strict=True,
        )
    ]


def _window_sizes(n: int) -> list[int]:
    """How many lines of an ``n``-line page the window of lines ``i - 8 .. i + 8`` holds, for every line ``i``.

    >>> _window_sizes(20)[:9], _window_sizes(20)[-9:], _window_sizes(3)
    ([9, 10, 11, 12, 13, 14, 15, 16, 17], [17, 16, 15, 14, 13, 12, 11, 10, 9], [3, 3, 3])
    """
    if n < 17:
        return [min(n, i + 9) - max(0, i - 8) for i in range(n)]
    return [*_WINDOW_HEAD, *repeat(17, n - 16), *reversed(_WINDOW_HEAD)]


#: the window sizes of a page's first eight lines (and, reversed, of its last eight) when it has 17 lines or more
_WINDOW_HEAD = (9, 10, 11, 12, 13, 14, 15, 16)


def _by_distance(count: int, first: Sequence[float], second: Sequence[float]) -> list[tuple[float, float]]:
    """``(first[bin], second[bin])`` for the distances 1 .. ``count`` from the densest run, nearest first."""
    out: list[tuple[float, float]] = []
    low = 1
    for k, edge in enumerate(_DISTANCE_EDGES):
        if k == 0:
            continue
        high = min(count, edge)
        if high >= low:
            out += [(first[k], second[k])] * (high - low + 1)
        low = max(low, edge + 1)
    if count >= low:
        out += [(first[-1], second[-1])] * (count - low + 1)
    return out


def score_page(page: Page, model: Model | None = None) -> list[float]:
    """Probability that each line of ``page`` belongs to the body."""
    model = model or load_model()
    z, page_long = page_stage1(page, model)
    if not z:
        return []
    weights = run_weights(page)
    z = stage2_scores(z, densest_run(z, weights), page_long, model.weights2)
    if model.weights3:
        z = stage2_scores(z, densest_run(z, weights), page_long, model.weights3)
    exp = math.exp
    return [1.0 / (1.0 + exp(-t)) if -40.0 <= t <= 40.0 else _SATURATED[t > 0.0] for t in z]


#: the probabilities of log-odds below -40 and above 40 (scores are clamped there)
_SATURATED = (1.0 / (1.0 + math.exp(40.0)), 1.0 / (1.0 + math.exp(-40.0)))
