"""Cleaning many texts at once: lists, pandas Series, batches of ``datasets.map(batched=True)``.

:func:`clean_batch` runs one pipeline (built once) over every text and returns
the cleaned texts and, for each, its explanation (what
:func:`copydesk.records.explanation` gives: title, authors, captions, the
count of removed lines and every record with its span, rule and reason).

>>> cleaned, explanations = clean_batch(["caf\\u00c3\\u00a9\\u00a0au lait", "ok"])
>>> cleaned
['café au lait', 'ok']
>>> [r["step"] for r in explanations[0]["records"]]
['fix_encoding', 'whitespace']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from copydesk.document import check_text
from copydesk.pipeline import Pipeline, default_pipeline
from copydesk.records import explanation

__all__ = ["BatchResult", "clean_batch"]


class BatchResult(NamedTuple):
    """The cleaned texts and one explanation per text (a dict, a JSON string, or ``None`` when not asked for)."""

    cleaned: list[str | None]
    explanations: list[Any] | None


def clean_batch(
    texts: Iterable[Any],
    pipeline: Pipeline | None = None,
    *,
    explain: bool | Literal["json"] = True,
    errors: Literal["raise", "null"] = "raise",
) -> BatchResult:
    """Clean every text of ``texts`` (a list, a pandas Series, any iterable) with one pipeline.

    ``explain="json"`` gives each explanation as a JSON string (one flat
    column for Arrow and Parquet), ``explain=False`` skips them. A value that
    is not a ``str`` (``None``, NaN) raises ``TypeError`` naming its position,
    or with ``errors="null"`` gives ``None`` and an explanation ``{"error": ...}``.

    >>> clean_batch(["a", None])
    Traceback (most recent call last):
    ...
    TypeError: clean_batch(): text 1 expects str, got NoneType
    >>> clean_batch(["a\\u200b", None], explain="json", errors="null")
    BatchResult(cleaned=['a', None], explanations=['{"title": null, ...', '{"error": "text 1 is NoneType, not str"}'])
    """
    if errors not in ("raise", "null"):
        raise ValueError(f"errors must be 'raise' or 'null', got {errors!r}")
    run = default_pipeline() if pipeline is None else pipeline
    values = texts.tolist() if hasattr(texts, "tolist") else texts  # a pandas Series: its values, not its index
    cleaned: list[str | None] = []
    explanations: list[Any] = []
    for position, text in enumerate(values):
        if not isinstance(text, str):
            if errors == "raise":
                check_text(text, f"clean_batch(): text {position}")
            cleaned.append(None)
            error = {"error": f"text {position} is {type(text).__name__}, not str"}
            explanations.append(json.dumps(error) if explain == "json" else error)
            continue
        doc = run(text)
        cleaned.append(doc.body)
        if explain:
            found = explanation(doc)
            explanations.append(_json(found) if explain == "json" else found)
    return BatchResult(cleaned, explanations if explain else None)


def _json(value: Any) -> str:
    """JSON text, readable where it can be; ``\\uXXXX`` escapes when a lone surrogate could not be stored as UTF-8."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text
