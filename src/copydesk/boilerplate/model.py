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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from copydesk.boilerplate.features import FEATURES, LOCAL_FEATURES, PAGE_LONG, Page

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

    A line's own features add up to one number that is cached per model, so that
    only the context features are summed line by line.
    """
    table = model.table1
    get = table.__getitem__
    local_offsets = model.offsets[:LOCAL_COUNT]
    context_offsets = model.offsets[LOCAL_COUNT:]
    sums = _local_sums(model)
    bias = model.bias1
    z = []
    page_long = 0
    for local, context in zip(page.local, page.context_bins(), strict=True):
        partial = sums.get(local.bins)
        if partial is None:
            partial = sum(map(get, map(int.__add__, local_offsets, local.bins)))
            if len(sums) > 200_000:
                sums.clear()
            sums[local.bins] = partial
        z.append(bias + partial + sum(map(get, map(int.__add__, context_offsets, context))))
        page_long = context[PAGE_LONG - LOCAL_COUNT]
    return z, page_long


_SUMS: dict[int, dict[tuple[int, ...], float]] = {}


def _local_sums(model: Model) -> dict[tuple[int, ...], float]:
    return _SUMS.setdefault(id(model), {}) if len(_SUMS) < 16 else {}


def densest_run(scores: Sequence[float], weights: Sequence[int]) -> tuple[int, int]:
    """``(start, end)`` of the run of lines with the largest weighted sum of ``scores``.

    >>> densest_run([-1.0, 2.0, -0.5, 3.0, -4.0], [1, 1, 1, 1, 1])
    (1, 4)
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, (score, weight) in enumerate(zip(scores, weights, strict=True)):
        total += score * weight
        if total <= 0.0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_span = total, (start, i + 1)
    return best_span


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
    pad = [EDGE] * 3
    zp = [*pad, *z, *pad]
    prefix = [0.0]
    for value in z:
        prefix.append(prefix[-1] + value)
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
    out = []
    for i in range(n):
        j = i + 3
        lo, hi = max(0, i - 8), min(n, i + 9)
        t = (
            base
            + scale * zp[j]
            + w[2] * zp[j - 1]
            + w[3] * zp[j + 1]
            + w[4] * zp[j - 2]
            + w[5] * zp[j + 2]
            + w[6] * zp[j - 3]
            + w[7] * zp[j + 3]
            + w[8] * (prefix[hi] - prefix[lo]) / (hi - lo)
        )
        if i < start:
            k = _distance_bin(start - i)
            t += w[10 + k]
            if tailless:
                t += w[no_tail_base + k]
        elif i >= end:
            k = _distance_bin(i - end + 1)
            t += w[after_base + k]
            if headless:
                t += w[no_header_base + k]
        else:
            t += w[9]
        out.append(t)
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
    return [1.0 / (1.0 + exp(-max(-40.0, min(40.0, t)))) for t in z]
