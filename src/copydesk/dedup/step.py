"""The ``dedup`` pipeline step: drop body paragraphs that repeat an earlier one.

Within one document, a body paragraph that near-duplicates an earlier kept one
is removed; given a :class:`~copydesk.dedup.index.NearDuplicateIndex`, so is one
that repeats a paragraph of an earlier document, and the paragraphs kept are
added to the index under ``"<document id>#<segment number>"`` (the id is
``doc.meta["id"]``, else ``doc.meta["url"]``, else a hash of the original).
Each removal records the matched paragraph and the score in its reason, and
the kind of match in its rule (``dedup.exact``, ``dedup.near``, ``dedup.contained``).

>>> from copydesk import Document
>>> doc = Document.from_text("Rates held, López said.\\nOther news.\\nRates held, Lopez said!")
>>> out = DedupStep()(doc)
>>> out.body
'Rates held, López said.\\n\\nOther news.'
>>> print(out.explain())
[36:59] dedup/dedup.exact remove as duplicate: exact duplicate of segment 0 (score 1.000): 'Rates held, Lopez said!'
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from copydesk.dedup.batch import find_near_duplicates
from copydesk.dedup.index import NearDuplicateIndex
from copydesk.document import Document

__all__ = ["DedupStep"]


@dataclass
class DedupStep:
    """Remove near-duplicate body paragraphs (see the module docstring); ``index`` is optional."""

    index: NearDuplicateIndex | None = None
    threshold: float = 0.9
    containment: bool = False
    name: str = field(default="dedup")
    #: Not run again by :meth:`copydesk.Pipeline.stabilize`: a second pass would find the
    #: paragraphs this step just added to the index.
    repeatable = False

    def __post_init__(self) -> None:
        if self.index is not None and not isinstance(self.index, NearDuplicateIndex):
            raise TypeError(f"index must be a NearDuplicateIndex, got {type(self.index).__name__}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold!r}")

    def __call__(self, doc: Document) -> Document:
        body = [i for i, s in enumerate(doc.segments) if s.kept and s.kind == "body"]
        if not body:
            return doc
        texts = [doc.segments[i].text for i in body]
        best: dict[int, tuple[float, int, str]] = {}  # later position -> (score, earlier position, kind)
        for m in find_near_duplicates(texts, threshold=self.threshold, containment=self.containment):
            if m.j not in best or m.score > best[m.j][0]:
                best[m.j] = (m.score, m.i, m.kind)
        removals: list[tuple[int, str, str]] = []  # segment, rule, reason
        dropped: set[int] = set()
        for j in sorted(best):
            # the earlier paragraph it repeats must itself stay; else look for another kept one
            score, i, kind = best[j]
            if i in dropped:
                continue
            dropped.add(j)
            removals.append((body[j], f"dedup.{kind}", f"{kind} duplicate of segment {body[i]} (score {score:.3f})"))
        if self.index is not None:
            doc_id = _document_id(doc)
            rest = [p for p in range(len(body)) if p not in dropped]
            hits = self.index.query_many([texts[p] for p in rest])
            keep: list[tuple[str, str]] = []
            for p, found in zip(rest, hits, strict=True):
                earlier = [h for h in found if not h.key.startswith(f"{doc_id}#")]
                if earlier:
                    h = earlier[0]
                    removals.append(
                        (body[p], f"dedup.{h.kind}", f"{h.kind} duplicate of {h.key} (score {h.score:.3f})")
                    )
                elif not found.skipped:
                    keep.append((f"{doc_id}#{body[p]}", texts[p]))
            self.index.add_many(keep, replace=True)
        groups = [([segment], "duplicate", False, rule, reason) for segment, rule, reason in sorted(removals)]
        return doc.relabel_many(groups, step=self.name)


def _document_id(doc: Document) -> str:
    for field_name in ("id", "url"):
        value = doc.meta.get(field_name)
        if value is not None:
            return str(value)
    return hashlib.sha1(doc.original.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def open_index(
    index: NearDuplicateIndex | str | os.PathLike[str] | None, threshold: float, containment: bool
) -> NearDuplicateIndex | None:
    """``index`` itself, or an index opened at that path (``None`` stays ``None``)."""
    if index is None or isinstance(index, NearDuplicateIndex):
        return index
    return NearDuplicateIndex(index, threshold=threshold, containment=containment)
