"""Captions, photo credits and repeated lines: take them out of the body, keep them as data.

Three steps, each a small frozen object that a :mod:`copydesk.steps` factory builds:

- :class:`Credits` removes lines that are only a credit, a media label or a
  gallery counter ("Photo: Reuters", "View Full Image", "3 of 12");
- :class:`Captions` removes caption lines: lines marked by a trailing credit or a
  caption prefix ("... (AP Photo/Evan Vucci)", "FILE PHOTO: ..."), and short,
  caption-like lines repeated nearby, exactly or nearly (typos, quotes, accents,
  one copy cut off at "(" or mid-word, one copy with a credit). One clean copy
  of each caption, with its credit, goes to ``Document.captions``;
- :class:`Repeats` removes pull quotes (a standalone line that repeats a
  sentence of a nearby paragraph) and later copies of a paragraph repeated in full.

Every removal goes through :meth:`Document.relabel` with a rule id and a reason.

>>> from copydesk import Document
>>> doc = Document.from_text(
...     "Andrés Manuel López Obrador and Joe Biden. (\\n"
...     "Andrés Manuel López Obrador and Joe Biden. (\\n"
...     "The two leaders met in Washington.")
>>> doc = Captions()(doc)
>>> doc.captions
('Andrés Manuel López Obrador and Joe Biden.',)
>>> doc.body
'The two leaders met in Washington.'
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from copydesk.credits import CaptionParts, CreditLexicon, credit_lexicon
from copydesk.document import Document

__all__ = ["Captions", "Credits", "Repeats", "fold"]

_WORD = regex.compile(r"\w+")
_MARKS = regex.compile(r"\p{M}+")
_DIGITS = regex.compile(r"\d+")
#: A list item: a bullet or "1." / "a)" in front.
_LIST_ITEM = regex.compile(r"^(?:[•·*▪◦►‣▸-]\s*|\(?(?:\d{1,3}|[a-zA-Z])[.)]\s)")
#: Dialogue: a quotation or a dash in front, or a speaker label ("Q:", "MARTIN:").
_DIALOGUE = regex.compile(r"^(?:[\"“”„«»‘’‚‹›'–—-]|\p{Lu}[\p{L}.'’ ]{0,24}:\s)")
_SENTENCE_ENDS = (".", "!", "…", '"', "”", "’", "»")
_QUOTES = ('"', "“", "”", "„", "«", "»", "‘", "’", "‚", "‹", "›", "'")
_PULL_QUOTE = "pull quote: repeats a sentence of a nearby paragraph"


def fold(text: str) -> str:
    """``text`` reduced for comparing: case-folded, accents and punctuation dropped, words joined by one space.

    Usable as a rapidfuzz ``processor=``.

    >>> fold("  “Andrés” LÓPEZ-Obrador’s   visit… (")
    'andres lopez obrador s visit'
    """
    text = text.casefold()
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_WORD.findall(text))


def _quick_table() -> dict[int, str | None]:
    """A ``str.translate`` table: Latin letters with accents to their base letter; punctuation and spaces dropped."""
    table: dict[int, str | None] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base.lower()
    for char in " \t\"'“”‘’„«»‚‹›.,;:!?()[]{}-–—…/|*•·":
        table[ord(char)] = None
    return table


_QUICK = _quick_table()


def _quick_key(text: str) -> str:
    """The first letters of ``text`` folded: a cheap bucket key for possible copies of one caption.

    >>> _quick_key("“Andrés Manuel”"), _quick_key("Andres manuel")
    ('andresmanu', 'andresmanu')
    """
    return text[:24].casefold().translate(_QUICK)[:10]


def _merge_captions(old: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """``old`` and then those of ``new`` not already there (compared folded)."""
    seen = {fold(c) for c in old}
    out = list(old)
    for caption in new:
        key = fold(caption)
        if key and key not in seen:
            seen.add(key)
            out.append(caption)
    return tuple(out)


def _kept_texts(doc: Document) -> tuple[list[int], list[str]]:
    """The indexes of the kept segments and their texts."""
    kept = [i for i, seg in enumerate(doc.segments) if seg.kept]
    return kept, [doc.segments[i].text for i in kept]


def _remove(doc: Document, groups: dict[tuple[str, str, str], list[int]], step: str) -> Document:
    """Relabel ``groups`` ((kind, rule, reason) -> segment indexes) as removed, in one pass per group."""
    for (kind, rule, reason), indexes in sorted(groups.items(), key=lambda item: min(item[1])):
        doc = doc.relabel(sorted(indexes), kind=kind, kept=False, step=step, rule=rule, reason=reason)
    return doc


@dataclass(frozen=True)
class Credits:
    """Step: remove lines that are only a photo credit, a media label or a gallery counter.

    ``langs`` picks the credit lexicons (all languages when ``None``).

    >>> from copydesk import Document
    >>> doc = Credits()(Document.from_text("Photo: Meg Kinnard, AP\\n3 of 12\\nThe photo was taken in May."))
    >>> doc.body, [r.rule for r in doc.records]
    ('The photo was taken in May.', ['credit.line', 'credit.counter'])
    """

    langs: tuple[str, ...] | None = None
    name: str = "credits"

    def __call__(self, doc: Document) -> Document:
        lexicon = credit_lexicon(self.langs)
        groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        kept, texts = _kept_texts(doc)
        for p in lexicon.maybe_lines(texts):
            match = lexicon.line(texts[p])
            if match is not None:
                groups["credit", match.rule, match.reason].append(kept[p])
        return _remove(doc, groups, self.name)


@dataclass(frozen=True, slots=True)
class _Line:
    """A kept line read as a possible caption."""

    index: int
    parts: CaptionParts
    key: str
    words: int
    repeatable: bool
    marked: bool


@dataclass(frozen=True)
class Captions:
    """Step: remove caption lines and keep one clean copy of each in ``Document.captions``.

    A line is a caption when a trailing credit or a caption prefix marks it
    (rules ``caption.credit``, ``caption.prefix``), or when it is caption-like
    (``min_words`` to ``max_words`` words, not a list item, not dialogue, not a
    question) and repeated, exactly or with ``fuzz.ratio >= score_cutoff`` on
    :func:`fold`-ed text, one copy possibly cut off at "(" or mid-word (rule
    ``caption.repeat``: every copy leaves the body). Copies may be up to
    ``window`` kept lines apart when one of them is cut off, carries a credit or
    sits next to a credit line; otherwise they must be adjacent, and only a
    pair of at most ``plain_max_words`` words counts as a caption: a longer
    line repeated right after itself keeps its first copy (rule
    ``repeat.adjacent``). A line is never removed only because it is short.

    >>> from copydesk import Document
    >>> text = ("Joe Biden speaks at the White House. (AP Photo/Evan Vucci)\\n"
    ...         "Joe Biden speaks at the White Hou\\n"
    ...         "Yes.\\nYes.\\n"
    ...         "The president spoke for ten minutes.")
    >>> doc = Captions()(Document.from_text(text))
    >>> doc.captions
    ('Joe Biden speaks at the White House. (AP Photo/Evan Vucci)',)
    >>> doc.body
    'Yes.\\n\\nYes.\\n\\nThe president spoke for ten minutes.'
    """

    langs: tuple[str, ...] | None = None
    window: int = 3
    min_words: int = 3
    max_words: int = 60
    plain_max_words: int = 12
    max_chars: int = 500
    score_cutoff: float = 95.0
    name: str = "captions"

    def __call__(self, doc: Document) -> Document:
        lexicon = credit_lexicon(self.langs)
        kept, texts = _kept_texts(doc)
        lines: dict[int, _Line | None] = {}  # position in ``kept`` -> the line read as a caption

        def read(p: int) -> _Line | None:
            if p not in lines:
                lines[p] = self._read(doc, lexicon, kept[p], texts[p])
            return lines[p]

        # lines with a caption marker: cheap tests first, the full parse only where they pass
        for p in lexicon.maybe_captions(texts, self.max_chars):
            read(p)
        # copies: lines close together whose first letters agree (folded), then the full comparison
        quick = [
            _quick_key(t) if len(t) <= self.max_chars and t.count(" ") >= self.min_words - 1 else None for t in texts
        ]
        parent = list(range(len(texts)))

        def root(p: int) -> int:
            while parent[p] != p:
                parent[p] = parent[parent[p]]
                p = parent[p]
            return p

        def join(pairs: Iterable[tuple[int, int, bool]]) -> bool:
            joined = False
            for q, p, adjacent in pairs:
                line, other = read(p), read(q)
                if line is None or other is None or not (line.repeatable and other.repeatable):
                    continue
                if root(p) != root(q) and (adjacent or line.marked or other.marked) and self._same(other, line):
                    parent[root(p)] = root(q)
                    joined = True
            return joined

        join(
            (p - gap, p, gap == 1)
            for gap in range(1, self.window + 1)
            for p in range(gap, len(quick))
            if quick[p] is not None and quick[p] == quick[p - gap]
        )
        # removing captions brings the lines around them together: look again across each gap
        # until nothing changes, so that a second run over the cleaned text finds nothing more
        while True:
            groups, captions, removed = self._decide(doc, lines, root, kept)
            alive = [p for p in range(len(texts)) if p not in removed]
            if not removed or not join(self._pairs_across_gaps(alive, quick)):
                break
        doc = _remove(doc, groups, self.name)
        return doc.with_fields(captions=_merge_captions(doc.captions, captions)) if captions else doc

    def _pairs_across_gaps(self, alive: list[int], quick: list[str | None]) -> list[tuple[int, int, bool]]:
        """Pairs of ``alive`` positions within ``window`` of each other with a removed line between them."""
        pairs = []
        for k in range(1, len(alive)):
            if alive[k] - alive[k - 1] == 1:
                continue
            for i in range(max(0, k - self.window), k):
                for j in range(k, min(len(alive), i + self.window + 1)):
                    q, p = alive[i], alive[j]
                    if quick[p] is not None and quick[p] == quick[q]:
                        pairs.append((q, p, j == i + 1))
        return pairs

    def _decide(
        self,
        doc: Document,
        lines: dict[int, _Line | None],
        root: Callable[[int], int],
        kept: list[int],
    ) -> tuple[dict[tuple[str, str, str], list[int]], list[str], set[int]]:
        """What to remove, the clean captions to keep, and the positions (in ``kept``) removed."""
        members: dict[int, list[_Line]] = defaultdict(list)
        for p in sorted(lines):
            found = lines[p]
            if found is not None:
                members[root(p)].append(found)
        groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        captions = []
        for group in members.values():
            if len(group) == 1 and not group[0].parts.marked:
                continue
            if (
                len(group) > 1
                and not any(m.marked for m in group)
                and (len(group) > 2 or max(m.words for m in group) > self.plain_max_words)
            ):
                # a longer line repeated right after itself, nothing marking it as a caption:
                # a duplicated line, whose first copy stays
                reason = "line repeated right after itself; first copy kept"
                groups["duplicate", "repeat.adjacent", reason].extend(m.index for m in group[1:])
                continue
            if len(group) > 1 and self._lede_after_credit(doc, group):
                # caption, credit, then the same sentence again: the article's first paragraph
                # repeats its caption; that last copy stays in the body
                group = group[:-1]
                rule = "caption.repeat"
                reason = "caption repeated; its copy after the credit line stays as body"
            elif len(group) > 1:
                rule = "caption.repeat"
                reason = f"caption repeated ({len(group)} copies{_details(group)})"
            elif group[0].parts.rule == "caption.credit":
                rule, reason = "caption.credit", "caption with a photo credit"
            else:
                rule, reason = "caption.prefix", "caption prefix"
            groups["caption", rule, reason].extend(m.index for m in group)
            captions.append(self._clean_copy(doc, group))
        position = {index: p for p, index in enumerate(kept)}
        removed = {position[i] for indexes in groups.values() for i in indexes}
        return groups, captions, removed

    def _read(self, doc: Document, lexicon: CreditLexicon, index: int, text: str) -> _Line | None:
        """``text`` (segment ``index``) read as a possible caption, or ``None`` when it cannot be one."""
        parts = lexicon.parse(text)
        key = fold(parts.caption)
        words = key.count(" ") + 1 if key else 0
        if not key or words > self.max_words:
            return None
        repeatable = words >= self.min_words and _caption_like(parts.caption)
        marked = parts.marked or parts.cut or _next_to_credit(doc, index)
        return _Line(index, parts, key, words, repeatable, marked)

    def _lede_after_credit(self, doc: Document, group: list[_Line]) -> bool:
        """Whether the last copy is a long, complete sentence right after a credit line that follows a copy."""
        last = group[-1]
        return (
            not last.parts.cut
            and not last.parts.marked
            and last.words > self.plain_max_words
            and last.index > 0
            and doc.segments[last.index - 1].kind == "credit"
            and group[0].index < last.index - 1
        )

    def _same(self, a: _Line, b: _Line) -> bool:
        """Whether ``a`` and ``b`` are copies of one caption (exact, near, or one cut off)."""
        if a.key == b.key:
            return True
        short, long = (a, b) if len(a.key) <= len(b.key) else (b, a)
        head = long.key[: len(short.key)]
        if _DIGITS.findall(short.key) != _DIGITS.findall(head):
            return False
        mid_word = len(long.key) > len(short.key) and long.key[len(short.key)] != " "
        if (
            len(short.key) >= 20
            and (short.parts.cut or mid_word)
            and fuzz.ratio(short.key, head, score_cutoff=self.score_cutoff)
        ):
            return True
        if _DIGITS.findall(short.key) != _DIGITS.findall(long.key):
            return False
        return bool(fuzz.ratio(a.key, b.key, score_cutoff=self.score_cutoff))

    @staticmethod
    def _clean_copy(doc: Document, group: list[_Line]) -> str:
        """The best copy of a caption: complete rather than cut, longest, first; with its credit."""
        best = max(group, key=lambda m: (not m.parts.cut, len(m.parts.caption), -m.index))
        credit = next((m.parts.credit for m in group if m.parts.credit), "")
        if not credit:
            credit = _neighbour_credit(doc, [m.index for m in group])
        return f"{best.parts.caption} ({credit})" if credit else best.parts.caption


def _details(group: list[_Line]) -> str:
    notes = []
    if any(m.parts.cut for m in group):
        notes.append("cut off")
    if any(m.parts.credit for m in group):
        notes.append("with credit")
    if len({m.key for m in group}) > 1 and not notes:
        notes.append("near copies")
    return "".join(f", {n}" for n in notes)


def _neighbour_credit(doc: Document, indexes: list[int]) -> str:
    """The text of a credit line right after (or else right before) the caption's copies."""
    for i in (max(indexes) + 1, min(indexes) - 1):
        if 0 <= i < len(doc.segments):
            seg = doc.segments[i]
            if seg.kind == "credit" and seg.rule == "credit.line":
                return seg.text
    return ""


def _next_to_credit(doc: Document, index: int) -> bool:
    """Whether the segment before or after ``index`` was removed as a credit line."""
    return any(0 <= i < len(doc.segments) and doc.segments[i].kind == "credit" for i in (index - 1, index + 1))


def _caption_like(text: str) -> bool:
    """Not a list item, not dialogue, not a question or a lead-in: what may be a repeated caption."""
    return not (_LIST_ITEM.match(text) or _DIALOGUE.match(text) or text.endswith(("?", ":", "?)")))


@dataclass(frozen=True)
class Repeats:
    """Step: remove pull quotes and later copies of a paragraph repeated in full.

    A pull quote is a standalone line of ``quote_min_words`` to
    ``quote_max_words`` words, sentence-like, whose :func:`fold`-ed text occurs
    inside a longer kept line within ``window`` lines (rule
    ``repeat.pullquote``); the paragraph stays. A prose paragraph of at least
    ``min_words`` words repeated in full, whitespace aside, keeps its first copy
    (rule ``repeat.paragraph``). Short repeated lines (dialogue, list items) stay.

    >>> from copydesk import Document
    >>> para = "The plant returns brine to the bay. Fishermen want independent monitoring of it."
    >>> doc = Repeats(min_words=10)(Document.from_text(
    ...     f"{para}\\n“Fishermen want independent monitoring of it.”\\nNo.\\nNo.\\n{para}"))
    >>> [(r.rule, r.before[:20]) for r in doc.records]
    [('repeat.pullquote', '“Fishermen want inde'), ('repeat.paragraph', 'The plant returns br')]
    """

    min_words: int = 20
    quote_min_words: int = 6
    quote_max_words: int = 50
    window: int = 10
    name: str = "repeats"

    def __call__(self, doc: Document) -> Document:
        kept, texts = _kept_texts(doc)
        groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        removed: set[int] = set()  # positions in ``kept``
        first: set[str] = set()
        for p, text in enumerate(texts):
            if text.count(" ") + 1 < self.min_words:
                continue
            key = " ".join(text.split()) if "  " in text or "\t" in text else text
            if key not in first:
                first.add(key)
            elif _prose(text, self.min_words):
                groups["duplicate", "repeat.paragraph", "paragraph repeated in full; first copy kept"].append(kept[p])
                removed.add(p)
        folded: dict[int, str] = {}

        def key_of(p: int) -> str:
            if p not in folded:
                folded[p] = f" {fold(texts[p])} "
            return folded[p]

        lengths = [len(t) for t in texts]
        candidates = {
            p
            for p, text in enumerate(texts)
            if len(text) >= 32
            and self.quote_min_words <= text.count(" ") + 1 <= self.quote_max_words
            and p not in removed
            and _quotable(text)
        }

        def pull_quote(p: int, alive: list[int]) -> bool:
            text = texts[p]
            # a cheap probe first: a piece of the middle of the line, found verbatim in a longer neighbour
            middle = len(text) // 2
            probe = text[middle - 5 : middle + 5]
            longer = lengths[p] + 15
            k = bisect_left(alive, p)
            for q in alive[max(0, k - self.window) : k + self.window + 1]:
                if lengths[q] < longer or probe not in texts[q]:
                    continue
                key = key_of(p)
                if len(key) >= 32 and key in key_of(q):
                    return True
            return False

        # windows count the lines that stay: look again near each removal until nothing changes,
        # so that a second run over the cleaned text finds nothing more
        alive = [p for p in range(len(texts)) if p not in removed]
        todo = sorted(candidates)
        while todo:
            found = [p for p in todo if pull_quote(p, alive)]
            if not found:
                break
            for p in found:
                groups["pullquote", "repeat.pullquote", _PULL_QUOTE].append(kept[p])
                removed.add(p)
                candidates.discard(p)
            alive = [p for p in alive if p not in removed]
            near: set[int] = set()
            for p in found:
                k = bisect_left(alive, p)
                near.update(alive[max(0, k - self.window) : k + self.window])
            todo = sorted(near & candidates)
        return _remove(doc, groups, self.name)


def _prose(text: str, min_words: int) -> bool:
    """A paragraph long enough, ending like a sentence and not a question."""
    return text.count(" ") + 1 >= min_words and text.endswith(_SENTENCE_ENDS)


def _quotable(text: str) -> bool:
    """A line that may be a pull quote: sentence-like, or quoted, or long enough; not a list item."""
    if not (text.endswith(_SENTENCE_ENDS) or text.startswith(_QUOTES) or text.count(" ") >= 9):
        return False
    return not _LIST_ITEM.match(text)
