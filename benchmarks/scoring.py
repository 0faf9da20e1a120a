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


# -- titles -------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_PAGE_SUFFIX = re.compile(r"\.(?:html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)


def slug_words(url: str) -> list[str]:
    """The words of a URL's slug: the path segment with the most runs of letters, case-folded.

    A stand-in for the page's headline, which most news and blog sites write into the URL.

    >>> slug_words("https://example.com/2019/11/20/south-koreas-roadmap-to-drive-down-solar-costs/")
    ['south', 'koreas', 'roadmap', 'to', 'drive', 'down', 'solar', 'costs']
    >>> slug_words("https://example.de/news/Stadtrat-beschliesst-Haushalt-4711.html")
    ['stadtrat', 'beschliesst', 'haushalt']
    """
    from urllib.parse import unquote, urlparse

    segments = [_PAGE_SUFFIX.sub("", unquote(s)) for s in urlparse(url).path.split("/") if s]
    return max(([w.casefold() for w in _LETTERS.findall(s)] for s in segments), key=len, default=[])


def title_matches_slug(title: str | None, slug: Sequence[str]) -> bool:
    """Whether ``title`` holds at least half the words of ``slug`` (a stand-in for "the right title").

    >>> slug = slug_words("https://x.com/south-koreas-roadmap-to-drive-down-solar-costs/")
    >>> title_matches_slug("South Korea's roadmap to drive down solar costs", slug)
    True
    >>> title_matches_slug("1 hour ago", slug), title_matches_slug(None, slug)
    (False, False)
    """
    if not title or not slug:
        return False
    words = {w.casefold() for w in _LETTERS.findall(title)}
    return 2 * sum(w in words for w in slug) >= len(slug)


def slug_title_count(cases: Sequence[Mapping[str, Any]], titles: Mapping[str, str | None]) -> tuple[int, int]:
    """How many of the ``cases`` whose URL has a slug of three words or more got a title that matches it, and
    how many such cases there are.

    >>> cases = [{"id": 1, "url": "https://x.com/a/big-bridge-opens-today"}, {"id": 2, "url": "https://x.com/about"}]
    >>> slug_title_count(cases, {1: "Big bridge opens", 2: "About us"})
    (1, 1)
    """
    with_slug = [(c["id"], slug_words(c["url"])) for c in cases]
    with_slug = [(i, s) for i, s in with_slug if len(s) >= 3]
    return sum(title_matches_slug(titles.get(i), s) for i, s in with_slug), len(with_slug)
