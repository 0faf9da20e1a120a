import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Document, Pipeline, TextStep, pipe, steps
from tests.strategies import messy_text, page_text


def test_process_rejects_non_str_naming_the_type():
    for bad, name in ((None, "NoneType"), (3, "int"), (b"x", "bytes"), (["x"], "list")):
        with pytest.raises(TypeError, match=name):
            copydesk.process(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=name):
            copydesk.clean(bad)  # type: ignore[arg-type]


def test_clean_is_process_body():
    text = "Ã‰tÃ© 2024\u00a0\u200b\n\n\nFin."
    assert copydesk.clean(text) == copydesk.process(text).body
    normalizers = copydesk.default_pipeline().without("boilerplate")
    assert copydesk.clean(text, normalizers) == copydesk.process(text, normalizers).body == "Été 2024\n\nFin."


def test_pipeline_accepts_plain_functions_and_checks_results():
    def drop_first(doc: Document) -> Document:
        return doc.relabel(0, kind="boilerplate", kept=False, step="drop_first", rule="x", reason="demo")

    assert Pipeline([drop_first])("a\nb").body == "b"
    assert Pipeline([drop_first]).names == ("drop_first",)

    def broken(doc: Document) -> str:
        return "oops"

    with pytest.raises(TypeError, match="'broken' returned str"):
        Pipeline([broken])("a")  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not callable"):
        Pipeline([42])  # type: ignore[list-item]


def test_pipeline_editing():
    p = copydesk.default_pipeline()
    assert "punctuation" not in p.names
    q = p + [steps.punctuation()]
    assert q.names[-1] == "punctuation"
    assert "unicode" not in q.without("unicode").names
    r = q.replace("unicode", steps.unicode("NFKC"))
    assert copydesk.clean("½", r) == "1⁄2"
    assert copydesk.clean("½") == "½"
    with pytest.raises(KeyError):
        p.without("nope")
    assert pipe(steps.whitespace()).names == ("whitespace",)


def test_text_step_configure_and_apply():
    step = steps.punctuation().configure(quotes=False)
    assert step.apply("“a”—b") == "“a”-b"
    assert isinstance(step, TextStep)


def test_unknown_unicode_form_is_rejected_early():
    with pytest.raises(ValueError, match="NFX"):
        steps.unicode("NFX")  # type: ignore[arg-type]


def test_default_pipeline_keeps_typography():
    assert copydesk.clean("“Yes”—she said…") == "“Yes”—she said…"


def test_explain_lists_each_step_change():
    doc = copydesk.process("LÃ³pez\u00a0&amp; co\u200b")
    steps_seen = [r.step for r in doc.records]
    assert steps_seen == ["fix_encoding", "html_entities", "invisibles", "whitespace"]
    assert doc.body == "López & co"
    assert "fix_encoding/encoding.ftfy" in doc.explain()


def _drop_first_of_many(doc: Document) -> Document:
    """A step that is not idempotent on its own: each run drops one more line while 3 or more are kept."""
    kept = [i for i, s in enumerate(doc.segments) if s.kept]
    if len(kept) < 3:
        return doc
    return doc.relabel(kept[0], kind="boilerplate", kept=False, step="drop_first", rule="first", reason="first line")


def test_until_stable_settles_the_body_and_carries_removals_back():
    loose = Pipeline([_drop_first_of_many])
    settled = Pipeline([_drop_first_of_many], until_stable=True)
    text = "one\ntwo\nthree\nfour\nfive"
    assert copydesk.clean(copydesk.clean(text, loose), loose) != copydesk.clean(text, loose)
    doc = settled(text)
    assert doc.body == "four\n\nfive"
    assert copydesk.clean(doc.body, settled) == doc.body
    # every removed line is recorded against its span in the original, with the step that removed it
    removed = [(r.step, doc.original[r.start : r.end], r.reason) for r in doc.records if r.action == "remove"]
    assert removed == [
        ("drop_first", "one", "first line"),
        ("drop_first", "two", "first line (on a pass over the cleaned body)"),
        ("drop_first", "three", "first line (on a pass over the cleaned body)"),
    ]
    assert settled.without().until_stable and (settled + []).until_stable
    assert not copydesk.default_pipeline(until_stable=False).until_stable


def _reference_until_stable(pipeline: Pipeline, text: str) -> Document:
    """The plain algorithm that ``until_stable`` speeds up: every step again over ``Document.from_text(body)``."""
    from copydesk.pipeline import STABLE_ROUNDS, _carry_back

    doc = Pipeline(pipeline.steps)(text)
    again_steps = Pipeline(s for s in pipeline.steps if getattr(s, "repeatable", True))
    for _ in range(STABLE_ROUNDS):
        kept = [i for i, s in enumerate(doc.segments) if s.kept]
        if not kept:
            return doc
        again = again_steps(Document.from_text(doc.body))
        if again.body == doc.body or len(again.segments) != len(kept):
            return doc
        doc = _carry_back(doc, kept, again)
    return doc


@settings(max_examples=150, deadline=None)
@given(st.one_of(page_text, messy_text))
def test_until_stable_equals_running_every_step_again_on_the_body(text):
    pipeline = copydesk.default_pipeline()
    assert pipeline(text).to_dict() == _reference_until_stable(pipeline, text).to_dict()
    assert copydesk.clean(copydesk.clean(text)) == copydesk.clean(text)


def test_until_stable_equals_the_reference_on_an_article():
    from pathlib import Path

    article = (Path(__file__).parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    pipeline = copydesk.default_pipeline()
    assert pipeline(article).to_dict() == _reference_until_stable(pipeline, article).to_dict()


class _Counting:
    """A step that counts the lines it is given and drops lines that say "Share"."""

    def __init__(self, name: str = "counting", settles: bool = False) -> None:
        self.name = name
        self.settles = settles
        self.seen: list[int] = []

    def __call__(self, doc: Document) -> Document:
        self.seen.append(len(doc.segments))
        drop = [i for i, s in enumerate(doc.segments) if s.kept and s.text.startswith("Share")]
        return doc.relabel(drop, kind="boilerplate", kept=False, step=self.name, rule="share", reason="share line")


def test_the_body_pass_skips_normalizers_on_lines_they_already_left_as_they_are():
    calls: list[str] = []

    def spaces(text: str) -> str:
        calls.append(text)
        return " ".join(text.split(" ")).replace("\u00a0", " ")

    norm = TextStep(spaces, name="spaces", rule="sp", reason="spaces", settle=True)
    text = "Share\nA\u00a0line.\nAnother line."
    doc = Pipeline([norm, _Counting()], until_stable=True)(text)
    assert doc.body == "A line.\n\nAnother line."
    assert calls == ["Share\nA\u00a0line.\nAnother line.", "A line."]  # main pass only: the body pass has no work
    # stabilize() on its own knows nothing of the main pass: the normalizer sees the body again
    calls.clear()
    Pipeline([norm, _Counting()], until_stable=True).stabilize(doc)
    assert calls == ["A line.\nAnother line."]


def test_a_step_that_settles_is_not_run_again_on_the_body_it_produced():
    first, last = _Counting("first"), _Counting("last", settles=True)
    pipeline = Pipeline([first, last], until_stable=True)
    assert pipeline("Share this\nText.\nMore text.").body == "Text.\n\nMore text."
    assert first.seen == [3, 2] and last.seen == [3]  # the body pass: "first" runs, "last" would see its own output

    # when a step before it changes the body on that pass, it runs again
    def drop_short(doc: Document) -> Document:
        drop = [i for i, s in enumerate(doc.segments) if s.kept and len(s.text) < 6 and len(doc.kept) > 1]
        return doc.relabel(drop[:1], kind="boilerplate", kept=False, step="drop_short", rule="short", reason="short")

    last = _Counting("last", settles=True)
    doc = Pipeline([drop_short, last], until_stable=True)("Text.\nBody.\nA longer line.")
    assert doc.body == "A longer line." and last.seen == [3, 2]  # not on the last pass: its own output again
    # without the flag, the step is run on every pass
    plain = _Counting("plain")
    Pipeline([first, plain], until_stable=True)("Share this\nText.\nMore text.")
    assert plain.seen == [3, 2]
