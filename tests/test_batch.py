"""clean_batch: lists, Series-like columns, explanations, bad values."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Pipeline, clean_batch, steps
from tests.strategies import messy_text

TEXTS = [
    "LÃ³pez Obrador\u00a0met  Biden\u200b.\n\n\n\nRead more &amp; share",
    "Die Stadtwerke erhÃ¶hen die Preise zum 1. Januar.",
    "",
    "Le conseil s\u2019est réuni lundi.",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(messy_text, max_size=8))
def test_same_as_clean_one_by_one(texts: list[str]) -> None:
    cleaned, explanations = clean_batch(texts)
    assert cleaned == [copydesk.clean(t) for t in texts]
    assert explanations is not None and len(explanations) == len(texts)
    for text, explained in zip(texts, explanations, strict=True):
        assert [r["rule"] for r in explained["records"]] == [r.rule for r in copydesk.process(text).records]


def test_explanations_point_into_the_original() -> None:
    _, explanations = clean_batch(TEXTS)
    assert explanations is not None
    for text, explained in zip(TEXTS, explanations, strict=True):
        for record in explained["records"]:
            assert text[record["start"] : record["end"]].strip() != "" or record["before"] == ""


class Column:
    """What clean_batch uses of a pandas Series: ``tolist()`` gives the values in order, not the index."""

    def __init__(self, values: list[Any]) -> None:
        self.values = values

    def __iter__(self) -> Any:
        return iter(range(100, 100 + len(self.values)))  # like a Series' index, which must not be used

    def tolist(self) -> list[Any]:
        return list(self.values)


def test_series_like_json_and_errors() -> None:
    result = clean_batch(Column([TEXTS[0], None, float("nan")]), explain="json", errors="null")
    assert result.cleaned == [copydesk.clean(TEXTS[0]), None, None]
    assert result.explanations is not None
    decoded = [json.loads(e) for e in result.explanations]
    assert decoded[0]["records"][0]["step"] == "fix_encoding"
    assert decoded[1] == {"error": "text 1 is NoneType, not str"}
    assert decoded[2] == {"error": "text 2 is float, not str"}
    with pytest.raises(TypeError, match="text 1 expects str, got NoneType"):
        clean_batch(["ok", None])
    with pytest.raises(ValueError, match="errors"):
        clean_batch([], errors="ignore")  # type: ignore[arg-type]


def test_own_pipeline_and_no_explanations() -> None:
    result = clean_batch(["\u201cHi\u201d"], Pipeline([steps.punctuation()]), explain=False)
    assert result == (['"Hi"'], None)


def test_pandas_series() -> None:
    pd = pytest.importorskip("pandas")  # in the test extra; skipped only outside it
    series = pd.Series([TEXTS[0], None], index=[7, 3])
    cleaned, _ = clean_batch(series, errors="null")
    assert cleaned == [copydesk.clean(TEXTS[0]), None]
