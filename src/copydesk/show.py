"""``copydesk show``: one article for people to read, every line with its label and the reason for it.

Lines are numbered as in the original file. ``+`` marks a kept line, ``~`` a
kept line that a step rewrote, ``-`` a removed one; under each line that a step
touched comes what it did (``step/rule: reason``), under an untouched line the
reason it stayed (``rule: reason``), when a step gave one. :func:`render_plain` is the
plain-text view; :func:`render_rich` draws the same with colours, removed lines
struck through and dimmed (it needs rich, from the ``cli`` extra).

>>> from copydesk import Document
>>> doc = Document.from_text("Share this\\nThe council met.")
>>> doc = doc.relabel(0, kind="boilerplate", kept=False, step="demo", rule="share.line", reason="share line")
>>> print(render_plain(doc))
   1 - boilerplate  Share this
                    demo/share.line: share line
   2 + body         The council met.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from copydesk.document import Document, Record, Segment

__all__ = ["Line", "lines", "render_plain", "render_rich"]

_KIND_WIDTH = 11
#: Colours of labels: article fields cyan, captions and credits magenta, duplicates red, other removals yellow.
_STYLES = {
    "body": "green",
    "title": "bold cyan",
    "byline": "cyan",
    "dateline": "cyan",
    "teaser": "cyan",
    "caption": "magenta",
    "credit": "magenta",
    "duplicate": "red",
    "empty": "dim",
}


@dataclass(frozen=True)
class Line:
    """One segment as shown: its line number in the original, mark, label, text and what was done to it."""

    number: int
    mark: str
    segment: Segment
    notes: tuple[str, ...]


def _note(record: Record) -> str:
    return f"{record.step}/{record.rule}: {record.reason}"


def lines(doc: Document) -> Iterator[Line]:
    """The segments of ``doc`` with line numbers, marks and notes (one per record about the segment).

    >>> [(x.number, x.mark) for x in lines(Document.from_text("a\\n\\nb"))]
    [(1, '+'), (3, '+')]
    """
    notes: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    for record in doc.records:
        note = _note(record)
        span = notes[(record.start, record.end)]
        if note not in span:
            span.append(note)
    number, counted = 1, 0
    for seg in doc.segments:
        number += doc.original.count("\n", counted, seg.start)
        counted = seg.start
        mine = tuple(notes.get((seg.start, seg.end), ()))
        if not mine and seg.reason:  # a decision that changed nothing (a body line staying body)
            mine = (f"{seg.rule}: {seg.reason}",)
        mark = "-" if not seg.kept else ("~" if seg.text != doc.source(seg) else "+")
        yield Line(number, mark, seg, mine)


def _header(doc: Document) -> list[str]:
    head = []
    if doc.title:
        head.append(f"title: {doc.title}")
    if doc.authors:
        head.append(f"authors: {', '.join(doc.authors)}")
    for caption in doc.captions:
        head.append(f"caption: {caption}")
    return head


def render_plain(doc: Document) -> str:
    """Every line with its number, mark, label and notes, as plain text.

    >>> print(render_plain(Document.from_text("Caf\\u00e9")))
       1 + body         Café
    """
    out = _header(doc)
    if out:
        out.append("")
    width = max([_KIND_WIDTH, *(len(s.kind) for s in doc.segments)])
    indent = " " * (4 + 3 + width + 2)
    for line in lines(doc):
        out.append(f"{line.number:>4} {line.mark} {line.segment.kind:<{width}}  {line.segment.text}")
        out.extend(indent + note for note in line.notes)
    return "\n".join(out)


def render_rich(doc: Document, console: Any) -> None:
    """Print ``doc`` on a rich ``Console``: labels in colour, removed lines struck through and dimmed."""
    from rich.table import Table
    from rich.text import Text

    for text in _header(doc):
        name, _, value = text.partition(": ")
        console.print(Text.assemble((name + ": ", "bold"), value))
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("line", justify="right", style="dim", no_wrap=True)
    table.add_column("mark", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("text", ratio=1)
    for line in lines(doc):
        seg = line.segment
        style = _STYLES.get(seg.kind, "yellow")
        cell = Text()
        cell.append(seg.text, style="strike dim" if not seg.kept else "")  # the reason under it stays readable
        for note in line.notes:
            cell.append("\n" + note, style="italic dim")
        mark_style = "red" if line.mark == "-" else ("yellow" if line.mark == "~" else "green")
        table.add_row(str(line.number), Text(line.mark, style=mark_style), Text(seg.kind, style=style), cell)
    console.print(table)
