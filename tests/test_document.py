import dataclasses
import pickle
import sys

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Document, Record, Segment
from tests.strategies import STRIP_BLANKS, any_text, blank_edged_lines, messy_text


def test_segments_are_non_blank_lines_with_offsets_into_the_original():
    text = "  Headline  \r\n\n\nBy Someone\u2028Body text.\n"
    doc = Document.from_text(text)
    assert [s.text for s in doc.segments] == ["Headline", "By Someone", "Body text."]
    for seg in doc.segments:
        assert text[seg.start : seg.end] == seg.text


def test_empty_and_blank_text_give_an_empty_document():
    for text in ("", "   ", "\n\n\t\n"):
        doc = Document.from_text(text)
        assert doc.segments == () and doc.body == "" and doc.original == text


def test_body_joins_kept_segments_with_one_blank_line():
    doc = Document.from_text("a\nb\n\n\n\nc")
    assert doc.body == "a\n\nb\n\nc"


def test_relabel_records_removal_and_restore():
    doc = Document.from_text("Share on Facebook\nText.")
    doc = doc.relabel(0, kind="boilerplate", kept=False, step="s", rule="share", reason="share line")
    assert doc.body == "Text."
    assert doc.segments[0].kind == "boilerplate" and not doc.segments[0].kept
    doc = doc.relabel(0, kind="body", kept=True, step="t", rule="keep", reason="second look")
    assert doc.body == "Share on Facebook\n\nText."
    assert [r.action for r in doc.records] == ["remove", "restore"]
    assert doc.records[0].start == 0 and doc.records[0].end == len("Share on Facebook")


def test_rewrite_records_before_and_after_and_keeps_the_original():
    original = "caf\u00e9\u00a0bar\nplain"
    doc = Document.from_text(original)
    new = doc.rewrite(lambda t: t.replace("\u00a0", " "), step="ws", rule="ws.nbsp", reason="nbsp")
    assert new.original == original
    assert new.body == "café bar\n\nplain"
    assert new.records == (Record("rewrite", "ws", "ws.nbsp", 0, 8, "nbsp", "caf\u00e9\u00a0bar", "café bar"),)
    assert doc.body == original.replace("\n", "\n\n")  # the input document is unchanged


def test_rewrite_that_empties_a_segment_records_a_removal():
    doc = Document.from_text("\u200b\nText.").rewrite(
        lambda t: t.replace("\u200b", ""), step="inv", rule="inv.zwsp", reason="zero-width space"
    )
    assert doc.body == "Text."
    assert doc.segments[0].kind == "empty" and not doc.segments[0].kept
    assert doc.records[0].action == "remove" and doc.records[0].before == "\u200b"


def test_rewrite_falls_back_per_segment_when_a_function_is_not_line_local():
    doc = Document.from_text("a\nb").rewrite(lambda t: t.replace("\n", " + "), step="x", rule="x", reason="joins lines")
    assert doc.body == "a\n\nb"


def test_rewrite_uses_a_joined_result_given_without_calling_the_function_again():
    doc = Document.from_text("a\u00a0b\nc\nd\u00a0e")
    calls: list[str] = []

    def func(text: str) -> str:
        calls.append(text)
        return text.replace("\u00a0", " ")

    expected = doc.rewrite(func, step="ws", rule="ws.nbsp", reason="nbsp", indexes=[0, 2])
    assert calls == ["a\u00a0b\nd\u00a0e"]
    given = doc.rewrite(func, step="ws", rule="ws.nbsp", reason="nbsp", indexes=[0, 2], joined_result=func(calls[0]))
    assert len(calls) == 2  # the one call above, none in rewrite
    assert given == expected and given.body == "a b\n\nc\n\nd e"


def test_segments_and_records_the_model_makes_are_plain_frozen_segments_and_records():
    doc = Document.from_text("Share this\n  Text\u00a0here. ").relabel(
        0, kind="share", kept=False, step="s", rule="share", reason="share line"
    )
    doc = doc.rewrite(lambda t: t.replace("\u00a0", " "), step="ws", rule="ws", reason="nbsp")
    made = [*doc.segments, *doc.records, *Document.from_lines(["a", "b"]).segments]
    assert [type(x) for x in made] == [Segment, Segment, Record, Record, Segment, Segment]
    assert doc.segments[0] == Segment(0, 10, "Share this", "share", False, "share", "share line")
    assert hash(doc.segments[1]) == hash(Segment(13, 23, "Text here.", "body", True))
    assert doc.records[0] == Record("remove", "s", "share", 0, 10, "share line", "Share this", "", "share")
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert dataclasses.replace(doc.segments[1], kind="x").kind == "x"
    for thing in made:
        with pytest.raises(dataclasses.FrozenInstanceError):
            thing.start = 1  # type: ignore[misc]


def test_document_is_immutable():
    doc = Document.from_text("x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.original = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.segments[0].text = "y"  # type: ignore[misc]


def test_with_fields_rejects_unknown_fields():
    doc = Document.from_text("x").with_fields(authors=["A", "B"], captions=["c"])
    assert doc.authors == ("A", "B") and doc.captions == ("c",)
    with pytest.raises(TypeError, match="unknown fields"):
        Document.from_text("x").with_fields(body="no")


def test_to_dict_is_json_ready():
    import json

    doc = Document.from_text("T\nbody").relabel(0, kind="title", kept=False, step="s", rule="r", reason="why")
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["body"] == "body"
    assert data["records"][0]["rule"] == "r"
    assert data["segments"][0]["kind"] == "title"


def test_segment_defaults():
    assert Segment(0, 1, "x").kind == "body"


@settings(max_examples=300)
@given(st.one_of(any_text, messy_text))
def test_from_text_cuts_at_every_line_break_as_a_regex_would(text):
    line = regex.compile(r"[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
    expected = []
    for match in line.finditer(text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            expected.append((start, start + len(stripped), stripped))
    assert [(s.start, s.end, s.text) for s in Document.from_text(text).segments] == expected


@settings(max_examples=200)
@given(st.lists(st.one_of(any_text, messy_text, st.sampled_from(["", " ", "a", " a", "a ", "a\nb", "\u2028"]))))
@example(["0", "\x1f", "0"])  # "\x1f" is blank to str.strip, not to \s
def test_from_lines_is_from_text_of_the_lines_joined_by_blank_lines(lines):
    assert Document.from_lines(lines) == Document.from_text("\n\n".join(lines))


def test_every_character_str_strip_removes_is_known():
    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == STRIP_BLANKS


@settings(max_examples=300)
@given(blank_edged_lines)
@example(["a", "\x1c", "b"])
@example(["a\x1d", "b"])
@example(["\x1e"])
def test_from_lines_and_from_text_agree_on_every_blank_of_str_strip(lines):
    assert Document.from_lines(lines) == Document.from_text("\n\n".join(lines))


def test_relabel_and_annotate_that_change_nothing_return_the_same_document():
    doc = Document.from_text("Share\nText.").relabel(0, kind="boilerplate", kept=False, step="s", rule="r", reason="x")
    assert doc.relabel([0], kind="boilerplate", kept=False, step="s", rule="r", reason="x") is doc
    assert doc.relabel([], kind="body", kept=True, step="s", rule="r", reason="x") is doc
    note = {1: ("body.model", "body-like line")}
    noted = doc.annotate(note)
    assert noted.segments[1].reason == "body-like line" and noted.annotate(note) is noted
    # a repeated index is relabelled once
    twice = Document.from_text("a\nb").relabel([0, 0], kind="x", kept=False, step="s", rule="r", reason="y")
    assert len(twice.records) == 1 and twice.body == "b"


def test_to_dict_lists_every_field_of_segments_and_records():
    doc = copydesk.process("Photo: AP\nShare\nThe council met on Monday and voted to extend the tram line.\nA\u00a0b")
    data = doc.to_dict()
    assert data["segments"] == [dataclasses.asdict(s) for s in doc.segments]
    assert data["records"] == [dataclasses.asdict(r) for r in doc.records] and data["records"]


_GROUP = st.tuples(
    st.lists(st.integers(0, 7), max_size=5),
    st.sampled_from(["body", "navigation", "share"]),
    st.booleans(),
    st.sampled_from(["r1", "r2"]),
    st.sampled_from(["why", "because"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_GROUP, max_size=6))
def test_relabel_many_equals_one_relabel_per_group(groups: list[tuple[list[int], str, bool, str, str]]) -> None:
    doc = Document.from_text("Menu\nShare\nOne.\nTwo.\nThree.\nFour.\nFive.\nSix.")
    one_by_one = doc
    for indexes, kind, kept, rule, reason in groups:
        one_by_one = one_by_one.relabel(indexes, kind=kind, kept=kept, step="s", rule=rule, reason=reason)
    assert doc.relabel_many(groups, step="s") == one_by_one
