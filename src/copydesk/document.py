"""The lossless Document model: the original text, its segments and every decision.

A :class:`Document` never changes its ``original``. It is cut into
:class:`Segment` objects (one per non-blank line), each with ``start``/``end``
offsets into the original, a ``kind`` and a ``kept`` flag. Steps return new
documents; every rewrite, removal or relabelling is logged as a
:class:`Record` with the step's name, a rule id, the span in the original and a
short reason.

>>> doc = Document.from_text("Title\\n\\nFirst paragraph.\\n")
>>> [(s.start, s.end, s.text) for s in doc.segments]
[(0, 5, 'Title'), (7, 23, 'First paragraph.')]
>>> doc.body
'Title\\n\\nFirst paragraph.'
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import regex

__all__ = [
    "Action",
    "Document",
    "Record",
    "Segment",
    "check_text",
]

#: str.splitlines' line breaks other than "\n".
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Line breaks (and the spaces around them) that a rewrite put inside a segment.
_BREAKS = regex.compile(f"\\s*[\n{_OTHER_BREAKS}]\\s*")
#: What ``str.strip`` removes, which cuts segments (``str.isspace``: all below U+3001): more than
#: regex's ``\s``, which leaves out "\x1c"-"\x1f".
_BLANKS = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
#: A blank line with a blank (a space, a third line break) after it or before it.
_PARAGRAPH_EDGE = regex.compile(f"\n\n(?:[{regex.escape(_BLANKS)}]|(?<=[{regex.escape(_BLANKS)}]\n\n))")

Action = Literal["rewrite", "remove", "restore", "label"]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while creating many segments or records.

    They hold only numbers, strings and booleans, so they cannot form reference
    cycles; left running, the collector walks every object created so far again
    and again, and building a million segments takes twice as long and grows
    faster than the input.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_text(text: object, where: str = "copydesk") -> str:
    """Return ``text`` if it is a ``str``; otherwise raise a ``TypeError`` naming its type.

    >>> check_text("ok")
    'ok'
    >>> check_text(b"raw")
    Traceback (most recent call last):
    ...
    TypeError: copydesk expects str, got bytes; decode it first with copydesk.decode(data)
    """
    if isinstance(text, str):
        return text
    name = type(text).__name__
    hint = "; decode it first with copydesk.decode(data)" if isinstance(text, (bytes, bytearray, memoryview)) else ""
    raise TypeError(f"{where} expects str, got {name}{hint}")


@dataclass(frozen=True, slots=True, init=False)
class Segment:
    """One line of the original: its span, its current text and what was decided about it.

    ``text`` starts as ``original[start:end]`` and may be rewritten by normalizers;
    ``kind`` is ``"body"`` until a step relabels it (``title``, ``byline``,
    ``caption``, ``boilerplate``, ``duplicate``, ...); ``kept`` says whether it
    goes into :attr:`Document.body`.

    >>> Segment(0, 5, "Hello").kept
    True
    """

    start: int
    end: int
    text: str
    kind: str = "body"
    kept: bool = True
    rule: str = ""
    reason: str = ""

    def __new__(
        cls, start: int, end: int, text: str, kind: str = "body", kept: bool = True, rule: str = "", reason: str = ""
    ) -> Segment:
        # A page makes a Segment per line, again for each line a step relabels, so this is made fast.
        # A frozen Segment refuses attribute stores: the values go into a plain object with the same
        # slots (_SegmentSlots, below), which then becomes a Segment by ``__class__`` assignment
        # (allowed between classes of one layout). About three times as fast as the frozen
        # dataclass's own __init__ (object.__setattr__ per field).
        made: Any = _new(_SegmentSlots)
        made.start = start
        made.end = end
        made.text = text
        made.kind = kind
        made.kept = kept
        made.rule = rule
        made.reason = reason
        made.__class__ = cls
        segment: Segment = made
        return segment

    def __reduce__(self) -> tuple[type[Segment], tuple[Any, ...]]:
        # Made again by the constructor (the default would call __new__ without the values).
        return type(self), _segment_values(self)


@dataclass(frozen=True, slots=True, init=False)
class Record:
    """One thing a step did: a rewrite, a removal, a restore or a relabelling.

    ``start``/``end`` is the span in the original; ``before``/``after`` the
    segment text around the change (``after`` is ``""`` for a removal).

    >>> r = Record("remove", "captions", "caption.repeat", 0, 9, "repeated caption", "Caption.", "")
    >>> r.action, r.rule
    ('remove', 'caption.repeat')
    """

    action: Action
    step: str
    rule: str
    start: int
    end: int
    reason: str
    before: str
    after: str
    kind: str = ""

    def __new__(
        cls,
        action: Action,
        step: str,
        rule: str,
        start: int,
        end: int,
        reason: str,
        before: str,
        after: str,
        kind: str = "",
    ) -> Record:
        made: Any = _new(_RecordSlots)  # as in Segment.__new__
        made.action = action
        made.step = step
        made.rule = rule
        made.start = start
        made.end = end
        made.reason = reason
        made.before = before
        made.after = after
        made.kind = kind
        made.__class__ = cls
        record: Record = made
        return record

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        return type(self), _record_values(self)  # as in Segment.__reduce__

    def describe(self) -> str:
        """One line for humans.

        >>> Record("rewrite", "whitespace", "ws.nbsp", 3, 9, "exotic spaces", "a\\xa0b", "a b").describe()
        "[3:9] whitespace/ws.nbsp rewrite: exotic spaces: 'a\\\\xa0b' -> 'a b'"
        """
        head = f"[{self.start}:{self.end}] {self.step}/{self.rule} {self.action}"
        if self.action == "rewrite":
            return f"{head}: {self.reason}: {self.before!r} -> {self.after!r}"
        kind = f" as {self.kind}" if self.kind else ""
        return f"{head}{kind}: {self.reason}: {_shorten(self.before)!r}"


#: Field names, and a getter of all values at once: ``dataclasses.asdict`` without its deep copies
#: (every value is a str, an int or a bool).
_SEGMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Segment))
_segment_values = operator.attrgetter(*_SEGMENT_FIELDS)
_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record))
_record_values = operator.attrgetter(*_RECORD_FIELDS)


class _SegmentSlots:
    """Segment's slots, in order, and nothing frozen: what ``Segment.__new__`` fills."""

    __slots__ = _SEGMENT_FIELDS


class _RecordSlots:
    """Record's slots, in order, and nothing frozen: what ``Record.__new__`` fills."""

    __slots__ = _RECORD_FIELDS


_new = object.__new__
#: ``Segment.__new__`` and ``Record.__new__`` called directly, for the model's own loops (a segment per
#: line, per relabelled line): what ``Segment(...)`` and ``Record(...)`` make, without the type call
#: around them (and its ``object.__init__``): about a quarter less time than ``Segment(...)``.
_make_segment = Segment.__new__
_make_record = Record.__new__
if Segment.__slots__ != _SegmentSlots.__slots__ or Record.__slots__ != _RecordSlots.__slots__:  # pragma: no cover
    raise AssertionError("_SegmentSlots and _RecordSlots must have Segment's and Record's slots, in order")


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Document:
    """An article: the untouched ``original``, its segments, fields and the log of records.

    Build one with :meth:`from_text`; steps return updated copies through
    :meth:`rewrite`, :meth:`relabel` and :meth:`with_fields`.

    >>> doc = Document.from_text("Photo: Jane Doe\\nThe council met on Monday.")
    >>> doc = doc.relabel(0, kind="credit", kept=False, step="demo", rule="credit.line", reason="photo credit")
    >>> doc.body
    'The council met on Monday.'
    >>> doc.removed[0].text
    'Photo: Jane Doe'
    >>> doc.records[0].describe()
    "[0:15] demo/credit.line remove as credit: photo credit: 'Photo: Jane Doe'"
    """

    original: str
    segments: tuple[Segment, ...] = ()
    records: tuple[Record, ...] = ()
    title: str | None = None
    authors: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    # -- construction -------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str) -> Document:
        """Cut ``text`` into one segment per non-blank line (surrounding spaces excluded).

        >>> Document.from_text("").segments
        ()
        >>> [s.text for s in Document.from_text("  a \\r\\n\\n b\\u2028c").segments]
        ['a', 'b', 'c']
        """
        text = check_text(text, "Document.from_text()")
        segments: list[Segment] = []
        append = segments.append
        pos = 0
        with _collector_paused():
            if "\r\n" not in text:
                # Every line break is one character (str.splitlines' breaks; only "\r\n" is two),
                # so a line starts one past the end of the one before it.
                for line in text.splitlines():
                    size = len(line)
                    if size:
                        stripped = line.strip()
                        if stripped is line:  # the usual case: nothing to strip (CPython returns the same str)
                            append(_make_segment(Segment, pos, pos + size, line))
                        elif stripped:
                            start = pos + size - len(line.lstrip())
                            append(_make_segment(Segment, start, start + len(stripped), stripped))
                    pos += size + 1
            else:
                # Each line break is whitespace, so strip() drops it with the spaces around the text.
                for line in text.splitlines(keepends=True):
                    stripped = line.strip()
                    if stripped:
                        start = pos if line.startswith(stripped) else pos + len(line) - len(line.lstrip())
                        append(_make_segment(Segment, start, start + len(stripped), stripped))
                    pos += len(line)
        return cls(original=text, segments=tuple(segments))

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Document:
        """The document of ``"\\n\\n".join(lines)``: the same as :meth:`from_text` of that text.

        Lines that are already what ``from_text`` would cut (non-blank, no line
        break, no space at either end; a segment's text always is) become
        segments directly, without cutting the text again.

        >>> Document.from_lines(["Title", "First paragraph."]).segments[1]
        Segment(start=7, end=23, text='First paragraph.', kind='body', kept=True, rule='', reason='')
        >>> Document.from_lines([" a\\nb "]) == Document.from_text(" a\\nb ")
        True
        """
        text = "\n\n".join(lines)
        if not text or text[0].isspace() or text[-1].isspace() or text.count("\n") != 2 * (len(lines) - 1):
            return cls.from_text(text)
        if _PARAGRAPH_EDGE.search(text) or any(c in text for c in _OTHER_BREAKS):
            return cls.from_text(text)
        segments: list[Segment] = []
        append = segments.append
        pos = 0
        with _collector_paused():
            for line in lines:
                end = pos + len(line)
                append(_make_segment(Segment, pos, end, line))
                pos = end + 2
        return cls(original=text, segments=tuple(segments))

    # -- views --------------------------------------------------------------------

    @property
    def body(self) -> str:
        """The kept body paragraphs, separated by one blank line.

        >>> Document.from_text("a\\n\\n\\n\\nb").body
        'a\\n\\nb'
        """
        return "\n\n".join(s.text for s in self.segments if s.kept)

    @property
    def kept(self) -> list[Segment]:
        """The segments that make up :attr:`body`."""
        return [s for s in self.segments if s.kept]

    @property
    def removed(self) -> list[Segment]:
        """The segments left out of :attr:`body` (title, byline, captions, boilerplate, ...)."""
        return [s for s in self.segments if not s.kept]

    def of_kind(self, kind: str) -> list[Segment]:
        """The segments labelled ``kind``.

        >>> Document.from_text("x").of_kind("body")[0].text
        'x'
        """
        return [s for s in self.segments if s.kind == kind]

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)

    def source(self, segment: Segment) -> str:
        """The original text of ``segment``, before any rewrite.

        >>> doc = Document.from_text(" caf\\u00e9 ")
        >>> doc.source(doc.segments[0])
        'café'
        """
        return self.original[segment.start : segment.end]

    def explain(self) -> str:
        """All records, one per line, in the order they were made.

        >>> print(Document.from_text("a").explain())
        <BLANKLINE>
        """
        return "\n".join(r.describe() for r in self.records)

    def to_dict(self, *, segments: bool = True) -> dict[str, Any]:
        """A JSON-ready summary: fields, body, records (and segments).

        >>> Document.from_text("Hi.").to_dict(segments=False)["body"]
        'Hi.'
        """
        out: dict[str, Any] = {
            "title": self.title,
            "authors": list(self.authors),
            "captions": list(self.captions),
            "body": self.body,
            "records": [dict(zip(_RECORD_FIELDS, _record_values(r), strict=True)) for r in self.records],
        }
        if segments:
            out["segments"] = [dict(zip(_SEGMENT_FIELDS, _segment_values(s), strict=True)) for s in self.segments]
        if self.meta:
            out["meta"] = dict(self.meta)
        return out

    # -- updates (each returns a new Document) ------------------------------------------

    def with_fields(self, **changes: Any) -> Document:
        """A copy with ``title``, ``authors``, ``captions`` or ``meta`` replaced.

        >>> Document.from_text("x").with_fields(title="T").title
        'T'
        """
        unknown = set(changes) - {"title", "authors", "captions", "meta"}
        if unknown:
            raise TypeError(f"with_fields() got unknown fields: {sorted(unknown)}")
        for name in ("authors", "captions"):
            if name in changes:
                changes[name] = tuple(changes[name])
        return dataclasses.replace(self, **changes)

    def rewrite(
        self,
        func: Callable[[str], str],
        *,
        step: str,
        rule: str,
        reason: str,
        kept_only: bool = False,
        line_local: bool = True,
        indexes: Iterable[int] | None = None,
        joined_result: str | None = None,
    ) -> Document:
        """Apply ``func`` to the text of every segment (or of those at ``indexes``), recording each change.

        ``line_local=True`` promises that ``func`` maps each line on its own and
        keeps line breaks, so it can run once over all lines joined by ``\\n``
        (fast); if the line count changes anyway it falls back to one call per
        segment. ``joined_result`` is ``func`` already applied to those lines joined by
        ``\\n`` (when no line holds one itself): it is used as it is, without joining
        the lines and calling ``func`` again. A segment stays one line: line breaks that ``func`` puts inside
        it become spaces (and the result is trimmed). A segment that ``func``
        empties is removed (kind ``"empty"``) and the removal recorded, so
        nothing disappears without a trace.

        >>> doc = Document.from_text("a  b\\nc").rewrite(
        ...     lambda t: t.replace("  ", " "), step="demo", rule="ws", reason="double space")
        >>> doc.body, len(doc.records)
        ('a b\\n\\nc', 1)
        >>> Document.from_text("a,b").rewrite(lambda t: t.replace(",", "\\n"), step="demo", rule="x", reason="x").body
        'a b'
        """
        segments = self.segments
        picked: Sequence[int]
        if indexes is None and not kept_only:
            picked = range(len(segments))
            texts = [s.text for s in segments]
        else:
            chosen = range(len(segments)) if indexes is None else indexes
            picked = [i for i in chosen if segments[i].kept or not kept_only]
            texts = [segments[i].text for i in picked]
        if not picked:
            return self
        new_texts: list[str] | None = None
        if line_local:
            result = joined_result
            if result is None:
                joined = _joined_texts(texts)
                if joined is not None:
                    result = func(joined)
                    if result == joined:  # the usual case for a normalizer: nothing to split or compare
                        return self
            if result is not None:
                candidate = result.split("\n")
                if len(candidate) == len(texts):
                    new_texts = candidate
        if new_texts is None:
            new_texts = [func(t) for t in texts]
        changed = [
            (i, before, after) for i, before, after in zip(picked, texts, new_texts, strict=True) if after != before
        ]
        if not changed:
            return self
        updated = list(segments)
        records = list(self.records)
        with _collector_paused():
            _apply_rewrites(changed, updated, records, step, rule, reason)
        if len(records) == len(self.records):
            return self
        return self._updated(tuple(updated), tuple(records))

    def relabel(
        self,
        index: int | Iterable[int],
        *,
        kind: str,
        kept: bool,
        step: str,
        rule: str,
        reason: str,
    ) -> Document:
        """Label segment(s) ``index`` as ``kind``, kept in the body or not, with a reason.

        Leaving the body is recorded as ``remove``, coming back as ``restore``,
        any other change of kind as ``label``.

        >>> doc = Document.from_text("Share this\\nText.")
        >>> doc = doc.relabel([0], kind="boilerplate", kept=False, step="demo", rule="share", reason="share line")
        >>> [r.action for r in doc.records], doc.body
        (['remove'], 'Text.')
        """
        indexes = (index,) if isinstance(index, int) else index
        return self.relabel_many([(indexes, kind, kept, rule, reason)], step=step)

    def relabel_many(
        self,
        groups: Iterable[tuple[Iterable[int], str, bool, str, str]],
        *,
        step: str,
    ) -> Document:
        """:meth:`relabel` for several groups at once: ``(indexes, kind, kept, rule, reason)`` each.

        The same as one :meth:`relabel` call per group, in order (same segments, same
        records in the same order), but the segments and records are copied once, not once
        per group.

        >>> doc = Document.from_text("Menu\\nShare this\\nText.")
        >>> doc = doc.relabel_many(
        ...     [([0], "navigation", False, "nav", "menu"), ([1], "share", False, "share", "share line")], step="demo")
        >>> [r.kind for r in doc.records], doc.body
        (['navigation', 'share'], 'Text.')
        """
        segments = list(self.segments)
        records: list[Record] = []
        append = records.append
        with _collector_paused():
            for indexes, kind, kept, rule, reason in groups:
                actions: tuple[Action, Action] = ("restore", "label") if kept else ("label", "remove")
                for i in indexes:
                    seg = segments[i]
                    if seg.kind == kind and seg.kept == kept and seg.rule == rule:
                        continue
                    start, end, text = seg.start, seg.end, seg.text
                    segments[i] = _make_segment(Segment, start, end, text, kind, kept, rule, reason)
                    append(_make_record(Record, actions[seg.kept], step, rule, start, end, reason, text, "", kind))
        if not records:
            return self
        return self._updated(tuple(segments), self.records + tuple(records))

    def annotate(self, notes: Mapping[int, tuple[str, str]]) -> Document:
        """Set the ``(rule, reason)`` of segments without changing their kind or whether they are kept.

        For a decision that changes nothing, such as "this body line stays body":
        the segment says why, and no record is made, since nothing was rewritten or removed.

        >>> doc = Document.from_text("Text.").annotate({0: ("body.model", "body-like line")})
        >>> doc.segments[0].reason, doc.records
        ('body-like line', ())
        """
        segments = list(self.segments)
        changed = False
        with _collector_paused():
            for i, (rule, reason) in notes.items():
                seg = segments[i]
                if seg.rule != rule or seg.reason != reason:
                    segments[i] = _make_segment(Segment, seg.start, seg.end, seg.text, seg.kind, seg.kept, rule, reason)
                    changed = True
        return self._updated(tuple(segments), self.records) if changed else self

    def _updated(self, segments: tuple[Segment, ...], records: tuple[Record, ...]) -> Document:
        """A copy with new ``segments`` and ``records`` (``dataclasses.replace`` without its per-call introspection)."""
        if type(self) is not Document:
            return dataclasses.replace(self, segments=segments, records=records)
        return Document(self.original, segments, records, self.title, self.authors, self.captions, self.meta)

    def records_of(self, step: str) -> list[Record]:
        """The records made by the step named ``step``."""
        return [r for r in self.records if r.step == step]


def _joined_texts(texts: Sequence[str]) -> str | None:
    """``texts`` joined by line breaks, or ``None`` when one holds a ``"\\n"`` itself (the join would not split back).

    What :meth:`Document.rewrite` runs a ``line_local`` function on.

    >>> _joined_texts(["a", "b"]), _joined_texts(["a\\nb"])
    ('a\\nb', None)
    """
    joined = "\n".join(texts)
    return joined if joined.count("\n") == len(texts) - 1 else None


def _apply_rewrites(
    changed: list[tuple[int, str, str]],
    updated: list[Segment],
    records: list[Record],
    step: str,
    rule: str,
    reason: str,
) -> None:
    """Turn each ``(index, before, after)`` in ``changed`` into an updated segment and a record."""
    for i, before, after in changed:
        after = after.strip()
        if _BREAKS.search(after):
            after = _BREAKS.sub(" ", after)
        if after == before:
            continue
        seg = updated[i]
        if after:
            updated[i] = _make_segment(Segment, seg.start, seg.end, after, seg.kind, seg.kept, seg.rule, seg.reason)
            records.append(_make_record(Record, "rewrite", step, rule, seg.start, seg.end, reason, before, after))
        else:
            updated[i] = _make_segment(Segment, seg.start, seg.end, "", "empty", False, rule, reason)
            records.append(_make_record(Record, "remove", step, rule, seg.start, seg.end, reason, before, "", "empty"))
