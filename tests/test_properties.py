"""Properties that must hold for every input."""

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Document
from tests.strategies import any_text, messy_text

text_inputs = st.one_of(any_text, messy_text)


@given(text_inputs)
def test_fix_text_equals_ftfy(text):
    assert copydesk.fix_text(text) == ftfy.fix_text(text)


@given(text_inputs, st.booleans(), st.sampled_from(["auto", True, False]))
def test_fix_text_equals_ftfy_with_options(text, uncurl, unescape):
    options = {"uncurl_quotes": uncurl, "unescape_html": unescape}
    assert copydesk.fix_text(text, **options) == ftfy.fix_text(text, **options)


@pytest.mark.parametrize("text", ["\xadÂ\x80", "0\xa0À\x80"])
def test_normalizers_are_idempotent_on_uncovered_mojibake(text):
    normalizers = copydesk.default_pipeline().without("boilerplate")
    once = copydesk.clean(text, normalizers)
    assert copydesk.clean(once, normalizers) == once


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
one_line = text_inputs.map(lambda t: "".join(c for c in t if c not in _BREAKS))


@given(one_line, one_line)
@example("ÂŒ", "0")
@example("", "À\x80À")  # ftfy decodes "À\x80À\n" to nothing: the line break went into the mojibake
@example("LÃ³pez", "À\x80À")
def test_encoding_step_repairs_a_line_the_same_wherever_it_stands(first, second):
    repair = copydesk.normalize.repair_encoding_lines
    assert repair(first + "\n" + second) == repair(first) + "\n" + repair(second)


@given(text_inputs)
@example("\x81Â\x8c\r0")  # ftfy repairs "ÂŒ" only with a line break after it
def test_clean_is_idempotent(text):
    once = copydesk.clean(text)
    assert copydesk.clean(once) == once


def test_clean_is_idempotent_on_an_article():
    from pathlib import Path

    article = (Path(__file__).parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    once = copydesk.clean(article)
    assert once and copydesk.clean(once) == once


@given(text_inputs)
def test_normalizers_are_idempotent(text):
    # Body/boilerplate decisions depend on the whole page, so a second pass over a body
    # alone may decide differently; the normalizers must not.
    normalizers = copydesk.default_pipeline().without("boilerplate")
    once = copydesk.clean(text, normalizers)
    assert copydesk.clean(once, normalizers) == once


@given(text_inputs)
def test_process_is_deterministic_and_keeps_the_original(text):
    first = copydesk.process(text)
    assert first.original == text
    assert copydesk.process(text) == first


def _uncovered(doc: Document) -> str:
    """The characters of the original that no segment covers."""
    pieces, pos = [], 0
    for seg in doc.segments:
        assert pos <= seg.start <= seg.end <= len(doc.original)
        pieces.append(doc.original[pos : seg.start])
        pos = seg.end
    pieces.append(doc.original[pos:])
    return "".join(pieces)


@given(text_inputs)
def test_segments_cover_the_original_except_whitespace(text):
    doc = copydesk.process(text)
    assert _uncovered(doc).strip() == ""
    # every removed segment is explained by a record with its span
    removed_spans = {(r.start, r.end) for r in doc.records if r.action == "remove"}
    for seg in doc.removed:
        assert (seg.start, seg.end) in removed_spans


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(["a", "é", "LÃ³", "\u200b", "&amp;"]))
def test_huge_single_line_does_not_crash(piece):
    text = piece * 200_000
    assert copydesk.clean(text) or text.strip("\u200b") == ""
