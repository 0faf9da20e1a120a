import pytest

import copydesk
from copydesk import Document, Pipeline, TextStep, pipe, steps


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
