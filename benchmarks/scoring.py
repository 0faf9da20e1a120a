"""The two body-extraction metrics of the development data, reimplemented (same definitions).

- ``gold_f1``: the article-extraction-benchmark metric: ``\\w+`` tokens, bags of 4-token
  shingles, per-document precision/recall averaged, F1 of the averages.
- ``snippet_f1``: trafilatura's evaluation: a ``with`` snippet found in the prediction is a
  true positive, a ``without`` snippet found is a false positive; micro-averaged F1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Bag of ``n``-token shingles (a shorter text is one shingle)."""
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def gold_scores(cases: Sequence[Mapping[str, Any]], preds: Mapping[str, str]) -> dict[str, float]:
    """F1, P, R and the number of empty predictions, as ``score_gold.py`` computes them."""
    ps, rs = [], []
    for case in cases:
        g, p = shingles(case["gold_body"]), shingles(preds.get(case["id"], ""))
        tp, fp, fn = sum((g & p).values()), sum((p - g).values()), sum((g - p).values())
        total = tp + fp + fn
        tp, fp, fn = (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)
        prec = 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))
        rec = 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))
        if tp + fp > 0:
            ps.append(prec)
        if tp + fn > 0:
            rs.append(rec)
    precision, recall = sum(ps) / max(1, len(ps)), sum(rs) / max(1, len(rs))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(1 for c in cases if not (preds.get(c["id"]) or "").strip())
    return {"f1": f1, "precision": precision, "recall": recall, "empty": float(empty)}


def snippet_scores(cases: Sequence[Mapping[str, Any]], preds: Mapping[str, str]) -> dict[str, float]:
    """F1, P and R as ``score_snippets.py`` computes them."""
    tp = fp = fn = 0
    for case in cases:
        out = _norm(preds.get(case["id"], ""))
        hit = sum(_norm(w) in out for w in case["with"])
        bad = sum(_norm(w) in out for w in case["without"])
        tp += hit
        fn += len(case["with"]) - hit
        fp += bad
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    empty = sum(1 for c in cases if not (preds.get(c["id"]) or "").strip())
    return {"f1": f1, "precision": precision, "recall": recall, "empty": float(empty)}


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()
