"""steps.dedup: near-duplicate body paragraphs removed, within a document and across documents."""

import pytest

import copydesk
from copydesk import Document, NearDuplicateIndex, Pipeline, steps

ARTICLE = """Zentralbank lässt Leitzins unverändert

Die Zentralbank ließ den Leitzins am Montag unverändert, sagte Müller.
Analysten hatten mit diesem Schritt gerechnet.
Die Zentralbank liess den Leitzins am Montag unverändert, sagte Mueller.
Die Zentralbank ließ den Leitzins am Montag unverändert, sagte Müller.
Die Börse reagierte kaum."""


def test_drops_repeats_within_a_document_and_explains():
    doc = steps.dedup()(Document.from_text(ARTICLE))
    assert [s.text for s in doc.kept] == [
        "Zentralbank lässt Leitzins unverändert",
        "Die Zentralbank ließ den Leitzins am Montag unverändert, sagte Müller.",
        "Analysten hatten mit diesem Schritt gerechnet.",
        "Die Börse reagierte kaum.",
    ]
    removed = doc.records_of("dedup")
    assert [(r.rule, r.reason) for r in removed] == [
        ("dedup.near", "near duplicate of segment 1 (score 0.993)"),
        ("dedup.exact", "exact duplicate of segment 1 (score 1.000)"),
    ]
    assert all(r.action == "remove" and r.kind == "duplicate" for r in removed)
    assert doc.original == ARTICLE
    assert [doc.source(s) for s in doc.removed] == [ARTICLE.splitlines()[4], ARTICLE.splitlines()[5]]


def test_only_body_paragraphs_take_part():
    doc = Document.from_text("Photo: AP\nText one here.\nPhoto: AP")
    doc = doc.relabel(0, kind="credit", kept=False, step="demo", rule="credit", reason="credit")
    out = steps.dedup()(doc)
    assert [s.kind for s in out.segments] == ["credit", "body", "body"]
    assert steps.dedup()(Document.from_text("")).segments == ()


def test_containment_is_opt_in():
    text = "The council met on Monday and voted on the budget, officials said.\nThe council met on Monday and voted"
    assert len(steps.dedup()(Document.from_text(text)).kept) == 2
    doc = steps.dedup(containment=True)(Document.from_text(text))
    assert len(doc.kept) == 1 and doc.records[0].rule == "dedup.contained"


def test_index_catches_paragraphs_of_earlier_documents():
    index = NearDuplicateIndex()
    step = steps.dedup(index)
    first = Document.from_text(ARTICLE).with_fields(meta={"id": "dpa-1"})
    step(first)
    second = Document.from_text(
        "Die Börse reagierte kaum!\nNeue Zahlen kommen am Freitag.\n"
        "DIE ZENTRALBANK LIESS DEN LEITZINS AM MONTAG UNVERAENDERT, SAGTE MUELLER."
    ).with_fields(meta={"url": "https://example.org/a"})
    out = step(second)
    assert [s.text for s in out.kept] == ["Neue Zahlen kommen am Freitag."]
    reasons = [r.reason for r in out.records_of("dedup")]
    assert reasons[0] == "exact duplicate of dpa-1#5 (score 1.000)"
    assert reasons[1].startswith("near duplicate of dpa-1#1 (score 0.9")
    assert "https://example.org/a#1" in index and "dpa-1#3" not in index  # dropped paragraphs are not added
    # running a document again does not make it a duplicate of itself
    assert step(first).body == steps.dedup()(Document.from_text(ARTICLE)).body


def test_index_from_a_path_and_in_a_pipeline(tmp_path):
    path = tmp_path / "seen.sqlite"
    normalizers = [steps.fix_encoding(), steps.whitespace()]
    pipeline = Pipeline([*normalizers, steps.dedup(str(path))])
    assert pipeline("Caf\u00c3\u00a9 au lait, l\u2019hiver.").body == "Café au lait, l’hiver."
    again = Pipeline([*normalizers, steps.dedup(path)])
    doc = again("Café au lait, l'hiver!\nAutre chose.")
    assert doc.body == "Autre chose."
    assert "dedup" not in copydesk.default_pipeline().names
    with pytest.raises(ValueError, match="threshold"):
        steps.dedup(threshold=1.5)
