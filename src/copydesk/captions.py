"""Captions, photo credits and repeated lines: take them out of the body, keep them as data.

Three steps, each a small frozen object that a :mod:`copydesk.steps` factory builds:

- :class:`Credits` removes lines that are only a credit, a media label or a
  gallery counter ("Photo: Reuters", "View Full Image", "3 of 12");
- :class:`Captions` removes caption lines: lines marked by a trailing credit or a
  caption prefix ("... (AP Photo/Dale Varnum)", "FILE PHOTO: ..."), and short,
  caption-like lines repeated nearby, exactly or nearly (typos, quotes, accents,
  one copy cut off at "(" or mid-word, one copy with a credit). One clean copy
  of each caption, with its credit, goes to ``Document.captions``;
- :class:`Repeats` removes pull quotes (a standalone line that repeats a
  sentence of a nearby paragraph) and later copies of a paragraph repeated in full.

Every removal goes through :meth:`Document.relabel` with a rule id and a reason.

>>> from copydesk import Document
>>> doc = Document.from_text(
...     "Inés María Núñez Ortega and Tomás Rivera. (\\n"
...     "Inés María Núñez Ortega and Tomás Rivera. (\\n"
...     "The two mayors met in Monterrey.")
>>> doc = Captions()(doc)
>>> doc.captions
('Inés María Núñez Ortega and Tomás Rivera.',)
>>> doc.body
'The two mayors met in Monterrey.'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count, repeat
from operator import attrgetter, eq, ge, itemgetter, or_, sub

import regex
from rapidfuzz import fuzz

from copydesk.boilerplate.features import header_marks, opens_with_byline
from copydesk.credits import CaptionParts, CreditLexicon, credit_lexicon, edge_words
from copydesk.document import Document

__all__ = ["Captions", "Credits", "Repeats", "fold"]

_WORD = re.compile(r"\w+")
_MARKS = regex.compile(r"\p{M}+")
_DIGITS = re.compile(r"\d+")
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


#: :func:`fold` remembered for the lines of the last pages (the captions and repeats steps fold lines again on a
#: pipeline's pass over the body it cleaned; :func:`copydesk.clear_caches` empties it)
_folded = lru_cache(maxsize=1 << 12)(fold)


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
    """The indexes of the kept segments and their texts (C-level maps, no Python work per line)."""
    segments = doc.segments
    flags = list(map(_KEPT, segments))
    if all(flags):  # nothing removed yet (the first step of a pipeline): every segment, in order
        return list(range(len(segments))), list(map(_TEXT, segments))
    return list(compress(count(), flags)), list(map(_TEXT, compress(segments, flags)))


_KEPT = attrgetter("kept")
_TEXT = attrgetter("text")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


def _remove(
    doc: Document,
    groups: dict[tuple[str, str, str], list[int]],
    step: str,
    kept: Sequence[int],
    trim: Callable[[str], str] | None = None,
) -> Document:
    """Relabel ``groups`` ((kind, rule, reason) -> segment indexes) as removed, in one pass per group.

    The body is never emptied: when the groups would take every kept segment (``kept``),
    the longest of them stays, cut by ``trim`` (a trailing credit, say) when that leaves text.
    """
    spared = None
    if kept and sum(len(indexes) for indexes in groups.values()) >= len(kept):
        chosen = {i for indexes in groups.values() for i in indexes}
        if chosen.issuperset(kept):
            spared = max(kept, key=lambda i: (len(doc.segments[i].text), -i))
            groups = {key: [i for i in indexes if i != spared] for key, indexes in groups.items()}
    live = [(key, indexes) for key, indexes in groups.items() if indexes]
    for (kind, rule, reason), indexes in sorted(live, key=lambda item: min(item[1])):
        doc = doc.relabel(sorted(indexes), kind=kind, kept=False, step=step, rule=rule, reason=reason)
    if spared is not None and trim is not None:
        text = doc.segments[spared].text
        cut = trim(text)
        if cut and cut != text:
            doc = doc.rewrite(
                lambda _: cut,
                step=step,
                rule="caption.credit",
                reason="trailing credit cut; the line is all the body there is",
                line_local=False,
                indexes=[spared],
            )
    return doc


@dataclass(frozen=True)
class Credits:
    """Step: remove lines that are only a photo credit, a media label or a gallery counter.

    ``langs`` picks the credit lexicons (all languages when ``None``).

    >>> from copydesk import Document
    >>> doc = Credits()(Document.from_text("Photo: Tom Alder, AP\\n3 of 12\\nThe photo was taken in May."))
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
        return _remove(doc, groups, self.name, kept)


@dataclass(frozen=True, slots=True)
class _Line:
    """A kept line read as a possible caption."""

    index: int  # in ``doc.segments``
    pos: int  # in the kept lines
    parts: CaptionParts
    key: str
    words: int
    repeatable: bool
    marked: bool  # a credit, a caption prefix, a cut-off mark, or a credit line next to it
    strong: bool  # cut off at "(" or by a toggle, or a credit line next to it
    captionish: bool  # reads like a caption, not like a menu item or a heading


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
    ``repeat.adjacent``). A pair that stands where a headline stands keeps its
    last copy, for the title (rule ``repeat.headline``, see :func:`_headline_pair`).
    A line is never removed only because it is short.

    >>> from copydesk import Document
    >>> text = ("Joe Biden speaks at the White House. (AP Photo/Dale Varnum)\\n"
    ...         "Joe Biden speaks at the White Hou\\n"
    ...         "Yes.\\nYes.\\n"
    ...         "The president spoke for ten minutes.")
    >>> doc = Captions()(Document.from_text(text))
    >>> doc.captions
    ('Joe Biden speaks at the White House. (AP Photo/Dale Varnum)',)
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
            if p not in lines:  # not marked: the gate promises that parsing finds nothing
                lines[p] = self._read(doc, None, kept[p], p, texts[p], key_of(p)[0])
            return lines[p]

        # lines with a caption marker: cheap tests first, the full parse only where they pass
        edges = edge_words(texts)
        for p in lexicon.maybe_captions(texts, self.max_chars, edges=edges):
            lines[p] = self._read(doc, lexicon, kept[p], p, texts[p])
        # captions that differ from their line (a prefix or a credit taken off) are keyed too
        reparsed = {p: line.parts.caption for p, line in lines.items() if line and line.parts.caption != texts[p]}
        anchors: dict[int, frozenset[str]] = {}

        def fill(positions: Iterable[int]) -> None:
            """Compute the blocking keys of ``positions`` in one batch: the first and last ten letters,
            folded, of the line (when it may be a repeated caption) and of its caption without
            prefix and credit."""
            todo = sorted(set(positions).difference(anchors))
            own = [p for p in todo if len(texts[p]) <= self.max_chars and texts[p].count(" ") >= self.min_words - 1]
            other = [p for p in todo if p in reparsed]
            keys = _anchors_batch([texts[p] for p in own] + [reparsed[p] for p in other])
            for p in todo:
                anchors[p] = frozenset()
            for p, found in zip(own + other, keys, strict=True):
                anchors[p] = anchors[p].union(found)

        parent = list(range(len(texts)))

        def root(p: int) -> int:
            while parent[p] != p:
                parent[p] = parent[parent[p]]
                p = parent[p]
            return p

        keys: dict[int, tuple[str, bool]] = {}

        def key_of(p: int) -> tuple[str, bool]:
            """The folded caption of line ``p`` and whether it is cut off, before reading it in full."""
            if p not in keys:
                if p not in lines:  # not read: a line without caption marks, taken as it is
                    keys[p] = (_folded(texts[p]), False)
                else:
                    line = lines[p]
                    keys[p] = (line.key, line.parts.cut) if line is not None else ("", False)
            return keys[p]

        def may_be_marked(p: int) -> bool:
            if p not in lines:
                return _next_to_credit(doc, kept[p])
            line = lines[p]
            return line is not None and line.marked

        def join(pairs: list[tuple[int, int, bool]]) -> bool:
            fill(chain(map(_FIRST, pairs), map(_SECOND, pairs)))
            joined = False
            for q, p, adjacent in pairs:
                if anchors[q].isdisjoint(anchors[p]) or root(p) == root(q):
                    continue
                # the cheap conditions first: marks, then the comparison of the folded text
                if not (adjacent or may_be_marked(p) or may_be_marked(q)):
                    continue
                (key_q, cut_q), (key_p, cut_p) = key_of(q), key_of(p)
                if not (key_q and key_p and self._same_keys(key_q, cut_q, key_p, cut_p)):
                    continue
                line, other = read(p), read(q)
                if line is None or other is None or not (line.repeatable and other.repeatable):
                    continue
                parent[root(p)] = root(q)
                joined = True
            return joined

        # copies: lines close together with the same first or last word (a cheap filter), then
        # the same anchor, then the full comparison
        join(self._near_pairs(edges, sorted(reparsed)))
        # removing captions brings the lines around them together: look again across each gap
        # until nothing changes, so that a second run over the cleaned text finds nothing more
        while True:
            groups, captions, removed = self._decide(doc, lines, root, texts)
            if not removed or not join(self._pairs_across_gaps(removed, len(texts))):
                break
        doc = _remove(doc, groups, self.name, kept, lexicon.strip_credit)
        return doc.with_fields(captions=_merge_captions(doc.captions, captions)) if captions else doc

    def _near_pairs(self, edges: tuple[list[str], list[str]], reparsed: list[int]) -> list[tuple[int, int, bool]]:
        """Pairs ``(q, p, adjacent)`` of positions at most ``window`` apart whose first or last words
        agree, and every pair within ``window`` of a line whose caption differs from its text (a
        prefix or a credit taken off); the word comparisons run as C-level maps over all lines.

        >>> Captions(window=2)._near_pairs((["a", "b", "a", "c"], ["x", "y", "z", "y"]), [])
        [(0, 2, False), (1, 3, False)]
        """
        n = len(edges[0])
        pairs: set[tuple[int, int]] = set()
        firsts, lasts = edges
        for gap in range(1, self.window + 1):
            same = list(compress(count(gap), map(or_, map(eq, firsts[gap:], firsts), map(eq, lasts[gap:], lasts))))
            pairs.update(zip(map(sub, same, repeat(gap)), same, strict=True))
        for p in reparsed:
            pairs.update((q, p) for q in range(max(0, p - self.window), p))
            pairs.update((p, q) for q in range(p + 1, min(n, p + self.window + 1)))
        return [(q, p, p - q == 1) for q, p in sorted(pairs)]

    def _pairs_across_gaps(self, removed: set[int], n: int) -> list[tuple[int, int, bool]]:
        """Pairs ``(q, p, adjacent)`` of kept positions with removed lines between them, at most
        ``window`` apart counting only the lines that stay.

        >>> Captions(window=2)._pairs_across_gaps({2, 3}, 7)
        [(1, 4, True), (1, 5, False), (0, 4, False)]
        """
        pairs = []
        for a in sorted(removed):
            if a - 1 in removed:
                continue  # not the first line of a run of removed lines
            b = a
            while b + 1 in removed:
                b += 1
            left = _alive(range(a - 1, -1, -1), removed, self.window)
            right = _alive(range(b + 1, n), removed, self.window)
            for i, q in enumerate(left):
                for j, p in enumerate(right[: self.window - i]):
                    pairs.append((q, p, i == j == 0))
        return pairs

    def _decide(
        self,
        doc: Document,
        lines: dict[int, _Line | None],
        root: Callable[[int], int],
        texts: Sequence[str],
    ) -> tuple[dict[tuple[str, str, str], list[int]], list[str], set[int]]:
        """What to remove, the clean captions to keep, and the positions (in ``kept``) removed."""
        members: dict[int, list[_Line]] = defaultdict(list)
        for p in sorted(lines):
            found = lines[p]
            if found is not None:
                members[root(p)].append(found)
        groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        captions = []
        removed: set[int] = set()
        for group in members.values():
            if len(group) == 1 and not group[0].parts.marked:
                continue
            if len(group) > 1 and not self._caption_group(group):
                # repeated, but nothing says caption (a menu item, a heading, a table cell):
                # only a prose line repeated in full loses its other copies, and only copies
                # that are the same folded text or a piece of its start; the longest copy stays
                # (the first of equals), so a copy cut short never outlives the whole line, and
                # near copies that differ in a word ("... mit Scanner" / "... mit Tastatur") both stay
                keep = max(group, key=lambda m: (len(m.key), -m.index))
                if _prose(keep.parts.caption, self.min_words) and all(keep.key.startswith(m.key) for m in group):
                    others = [m for m in group if m is not keep]
                    reason = "line repeated right after itself; " + (
                        "first copy kept" if keep is group[0] else "the longest copy kept"
                    )
                    groups["duplicate", "repeat.adjacent", reason].extend(m.index for m in others)
                    removed.update(m.pos for m in others)
                continue
            if len(group) == 2 and _headline_pair(texts, group, doc):
                # a headline printed twice (a breadcrumb or og:title copy and the h1): not a caption;
                # the last copy, the one above the byline or the body, stays for the title
                groups["duplicate", "repeat.headline", "headline repeated; the last copy kept"].append(group[0].index)
                removed.add(group[0].pos)
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
            elif group[0].parts.rule == "caption.position":
                rule, reason = "caption.position", "caption that says where a person stands in the photo"
            else:
                rule, reason = "caption.prefix", "caption prefix"
            groups["caption", rule, reason].extend(m.index for m in group)
            removed.update(m.pos for m in group)
            captions.append(self._clean_copy(doc, group))
        return groups, captions, removed

    def _caption_group(self, group: list[_Line]) -> bool:
        """Whether copies of a line are a caption: a credit or a caption prefix marks one copy; or
        a copy is cut off at "(" or sits next to a credit line, and the line reads like a caption;
        or it is a pair of caption-like lines of at most ``plain_max_words`` words."""
        if any(m.parts.marked for m in group):
            return True
        if not any(m.captionish for m in group):
            return False
        return any(m.strong for m in group) or (len(group) == 2 and max(m.words for m in group) <= self.plain_max_words)

    def _read(
        self, doc: Document, lexicon: CreditLexicon | None, index: int, pos: int, text: str, key: str | None = None
    ) -> _Line | None:
        """``text`` (segment ``index``) read as a possible caption, or ``None`` when it cannot be one;
        parsed with ``lexicon``, or taken as it is (no caption marker) when ``lexicon`` is ``None``.
        ``key`` is the :func:`fold` of the caption when the caller has it (an unmarked line's own text)."""
        parts = lexicon.parse(text) if lexicon is not None else CaptionParts(text.strip(), "", "", False)
        if key is None:
            key = _folded(parts.caption)
        words = key.count(" ") + 1 if key else 0
        if not key or words > self.max_words:
            return None
        repeatable = words >= self.min_words and _caption_like(parts.caption)
        near_credit = _next_to_credit(doc, index)
        marked = parts.marked or parts.cut or near_credit
        strong = near_credit or (parts.cut and not text.rstrip().endswith(("…", "...")))
        captionish = _reads_like_caption(parts.caption, words)
        return _Line(index, pos, parts, key, words, repeatable, marked, strong, captionish)

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

    def _same_keys(self, a: str, a_cut: bool, b: str, b_cut: bool) -> bool:
        """Whether the folded captions ``a`` and ``b`` are copies of one caption (exact, near, or
        one cut off: ``a_cut``/``b_cut`` say which is marked as cut, or it ends mid-word)."""
        if a == b:
            return True
        (short, short_cut), long = ((a, a_cut), b) if len(a) <= len(b) else ((b, b_cut), a)
        head = long[: len(short)]
        mid_word = len(long) > len(short) and long[len(short)] != " "
        if (
            len(short) >= 20
            and (short_cut or mid_word)
            and _DIGITS.findall(short) == _DIGITS.findall(head)
            and fuzz.ratio(short, head, score_cutoff=self.score_cutoff)
        ):
            return True
        if _DIGITS.findall(short) != _DIGITS.findall(long):
            return False
        return bool(fuzz.ratio(a, b, score_cutoff=self.score_cutoff))

    @staticmethod
    def _clean_copy(doc: Document, group: list[_Line]) -> str:
        """The best copy of a caption: complete rather than cut, longest, first; with its credit."""
        best = max(group, key=lambda m: (not m.parts.cut, len(m.parts.caption), -m.index))
        credit = next((m.parts.credit for m in group if m.parts.credit), "")
        if not credit:
            credit = _neighbour_credit(doc, [m.index for m in group])
        return f"{best.parts.caption} ({credit})" if credit else best.parts.caption


def _headline_pair(texts: Sequence[str], group: list[_Line], doc: Document | None = None) -> bool:
    """Whether two copies of a line (``texts`` are the kept lines of ``doc``) stand where a headline stands.

    Nothing marks them as a caption (no credit, prefix or cut), both read like a headline
    (:func:`_headline_like`: no final period), no byline or date line sits just above the
    first copy (a caption under the headline's byline), and below the last copy the byline
    or the first paragraph comes before any other line that reads like a headline (a caption
    above its article's headline). Share buttons and date lines between them do not count.
    A credit line next to a copy is the hero image's under the headline (:func:`_hero_credit`)
    only when it follows the last copy and no other line that reads like a headline stands
    above the pair or between its copies; otherwise it makes the pair a caption.

    >>> headline = "Harbour board may raise port fees to pay for new quay"
    >>> lines = ["Home", "Business", headline, headline, "Share", "Mar 4 2024, 10:12am ist",
    ...          "The harbour board was meant to keep port fees flat this year, a promise that "
    ...          "would have let the ferry firms and the fishermen plan ahead."]
    >>> pair = [_Line(i, i, CaptionParts(lines[i], "", "", False), "", 8, True, False, False, True) for i in (2, 3)]
    >>> _headline_pair(lines, pair)
    True
    >>> _headline_pair(lines[:4] + ["Wildfire forces thousands to flee Malibu hills"] + lines[4:], pair)
    False
    """
    first, last = group
    if first.parts.marked or last.parts.marked or first.parts.cut or last.parts.cut:
        return False
    if not all(_headline_like(m.parts.caption) for m in group):
        return False
    if (first.strong or last.strong) and not (doc is not None and _hero_credit(texts, group, doc)):
        return False
    lo, hi = max(0, first.pos - _ABOVE), min(len(texts), last.pos + 1 + _BELOW)
    # only the word count, byline and date marks of the lines read, each when it is read (header_marks)
    for p in range(lo, first.pos):
        _, byline, date = header_marks(texts[p])
        if byline or date:
            return False
    for p in range(last.pos + 1, hi):
        words, byline, date = header_marks(texts[p])
        if byline or words >= 20 or opens_with_byline(texts[p]):
            return True
        if not date and _headline_like(texts[p]):
            return False
    return hi == len(texts)


def _hero_credit(texts: Sequence[str], group: list[_Line], doc: Document) -> bool:
    """Whether the credit line next to a repeated headline-like line is the hero image's under
    the headline: it follows the last copy, none is next to the first copy, and no other line
    that reads like a headline (a menu line in capitals aside) stands in the ``_ABOVE`` kept lines
    above the first copy or between the copies. A caption pair with its credit under the
    article's headline has that headline above it.

    >>> doc = Document.from_text("Home\\nA headline of the day\\nA headline of the day\\nShutterstock\\nBy Jo")
    >>> doc = doc.relabel(3, kind="credit", kept=False, step="credits", rule="credit.line", reason="credit")
    >>> texts = ["Home", "A headline of the day", "A headline of the day", "By Jo"]
    >>> pair = [_Line(i, i, CaptionParts(texts[i], "", "", False), "", 6, True, i == 2, i == 2, False) for i in (1, 2)]
    >>> _hero_credit(texts, pair, doc)
    True
    >>> _hero_credit(["Tariff demands may widen the trade deal", *texts[1:]], pair, doc)
    False
    """
    first, last = group
    segments = doc.segments
    after = last.index + 1
    if after >= len(segments) or segments[after].kind != "credit" or _next_to_credit(doc, first.index):
        return False
    for p in range(max(0, first.pos - _ABOVE), last.pos):
        if p != first.pos and _headline_like(texts[p]) and not texts[p].isupper():
            return False
    return True


#: How many kept lines :func:`_headline_pair` reads above and below a repeated line.
_ABOVE, _BELOW = 4, 8


def _headline_like(text: str) -> bool:
    """A line that may be a headline: four words or more, most of them words of letters, starting with a
    capital, a digit or a quote, and not ending like a sentence or a lead-in.

    >>> _headline_like("Wildfire forces thousands to flee Malibu"), _headline_like("Share permalink")
    (True, False)
    >>> _headline_like("The fire began on Sunday."), _headline_like("Mar 4 2024, 10:12am ist")
    (False, False)
    """
    tokens = text.split()
    letters = sum(1 for t in tokens if t[:1].isalpha())
    if letters < 4 or 2 * letters < len(tokens):
        return False
    if text.rstrip().endswith((*_SENTENCE_ENDS, ":", ",", ";", "?")):
        return False
    return text[0].isupper() or text[0].isdigit() or text.startswith(_QUOTES)


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
    """Whether the segment before or after ``index`` was removed as a credit line.

    >>> doc = Document.from_text("Photo: Jane Doe\\nA caption.\\nBody.").relabel(0, kind="credit", kept=False,
    ...     step="credits", rule="credit.line", reason="photo credit")
    >>> _next_to_credit(doc, 1), _next_to_credit(doc, 2), _next_to_credit(doc, 0)
    (True, False, False)
    """
    segments = doc.segments
    return (index > 0 and segments[index - 1].kind == "credit") or (
        index + 1 < len(segments) and segments[index + 1].kind == "credit"
    )


def _reads_like_caption(text: str, words: int) -> bool:
    """Whether ``text`` reads like a caption rather than a menu item or a heading: it ends like a
    sentence, or it is long (8 words or more) and not in title case.

    >>> _reads_like_caption("Fishermen unload their catch at dawn.", 6), _reads_like_caption("Reise und Freizeit", 3)
    (True, False)
    >>> _reads_like_caption("Officials of the port inspect the damage to the pier after the storm", 13)
    True
    >>> _reads_like_caption("Förderprogramme Und Antragsteller Im Land Hessen Und Thüringen Heute", 9)
    False
    """
    text = text.rstrip()
    if text.endswith(_SENTENCE_ENDS):
        return True
    if words < 8:
        return False
    tokens = [t for t in text.split() if t[:1].isalpha()]
    capitals = sum(1 for t in tokens if t[0].isupper())
    return 5 * capitals <= 3 * len(tokens)


def _anchors_batch(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Blocking keys of each of ``texts``: its first and its last ten letters, folded (case, accents,
    punctuation and spaces dropped). Two copies of a caption share one unless both ends differ.

    The first and last 24 characters of all lines are folded in one pass (NFKD, ASCII letters and
    digits only); a line with no Latin letter or digit at either end is keyed on its case-folded
    characters instead (Cyrillic, Greek, CJK).

    >>> _anchors_batch(["“Inés María Núñez Ortega” and Tomás Rivera. (", "Ines Maria Nunez, at night"])
    [('inesmarian', 'omasrivera'), ('inesmarian', 'nezatnight')]
    >>> _anchors_batch(["Москва, Кремль: вид с реки"]), _anchors_batch(["..."])
    ([('москвакрем', 'львидсреки')], [()])
    """
    n = len(texts)
    if not n:
        return []
    ends = [t[:24] for t in texts]
    ends += [t[-24:] for t in texts]
    folded = _fold_ascii("\n".join(ends)).split("\n")
    out: list[tuple[str, ...]] = []
    for text, head, tail in zip(texts, folded[:n], folded[n:], strict=True):
        if not (head and tail):
            chars = "".join(_WORD.findall(text.casefold()))
            head, tail = chars[:10], chars[-10:]
        out.append((head[:10], tail[-10:]) if head else ())
    return out


def _fold_ascii(text: str) -> str:
    """``text`` case-folded, accents dropped, only ASCII letters, digits and line breaks kept.

    >>> _fold_ascii("“Zócalo”, LÓPEZ…\\nStraße")
    'zocalolopez\\nstrasse'
    """
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").translate(None, _NOT_ALNUM).decode("ascii")


#: ASCII bytes that :func:`_fold_ascii` drops: all but letters, digits and the line break.
_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) != "\n")


def _alive(positions: Iterable[int], removed: set[int], limit: int) -> list[int]:
    """The first ``limit`` of ``positions`` not in ``removed``."""
    out: list[int] = []
    for p in positions:
        if p not in removed:
            out.append(p)
            if len(out) == limit:
                break
    return out


def _caption_like(text: str) -> bool:
    """Not a list item, not dialogue, not a question or a lead-in: what may be a repeated caption."""
    return not (_LIST_ITEM.match(text) or _DIALOGUE.match(text) or text.endswith(("?", ":", "?)")))


@dataclass(frozen=True)
class Repeats:
    """Step: remove pull quotes and later copies of a paragraph repeated in full.

    A pull quote is a standalone line of ``quote_min_words`` to
    ``quote_max_words`` words, sentence-like, whose :func:`fold`-ed text occurs
    inside a longer kept line within ``window`` lines that is a paragraph: it ends like
    a sentence and joins no items ("•", " | ", " > "), so a headline repeated in a
    breadcrumb or a "Read more" link stays (rule ``repeat.pullquote``); the paragraph
    stays. A prose paragraph of at least ``min_words`` words repeated in full,
    whitespace aside, keeps its first copy (rule ``repeat.paragraph``). Short repeated
    lines (dialogue, list items) stay.

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
        # word counts and lengths as C-level maps: no Python work per line
        spaces = list(map(str.count, texts, repeat(" ")))
        lengths = list(map(len, texts))
        for p in self._repeated_paragraphs(texts, spaces):
            groups["duplicate", "repeat.paragraph", "paragraph repeated in full; first copy kept"].append(kept[p])
            removed.add(p)
        folded: dict[int, str] = {}

        def key_of(p: int) -> str:
            if p not in folded:
                folded[p] = f" {_folded(texts[p])} "
            return folded[p]

        low, high = self.quote_min_words - 1, self.quote_max_words - 1
        candidates = {
            p for p in compress(count(), map(ge, lengths, repeat(32))) if low <= spaces[p] <= high and p not in removed
        }
        quotable: dict[int, bool] = {}
        paragraph: dict[int, bool] = {}

        def pull_quote(p: int, alive: list[int]) -> bool:
            text = texts[p]
            # a cheap probe first: a piece of the middle of the line, found verbatim in a longer neighbour;
            # only then whether the line may be a pull quote at all, and the full comparison
            middle = len(text) // 2
            probe = text[middle - 5 : middle + 5]
            longer = lengths[p] + 15
            k = bisect_left(alive, p)
            for q in alive[max(0, k - self.window) : k + self.window + 1]:
                if lengths[q] < longer or probe not in texts[q]:
                    continue
                if q not in paragraph:
                    paragraph[q] = _paragraph(texts[q])
                if not paragraph[q]:
                    continue  # a breadcrumb, a link label or a list of items on one line: no paragraph
                if p not in quotable:
                    quotable[p] = _quotable(text)
                if not quotable[p]:
                    return False
                key = key_of(p)
                if len(key) >= 32 and key in key_of(q):
                    return True
            return False

        # windows count the lines that stay: look again near each removal until nothing changes,
        # so that a second run over the cleaned text finds nothing more
        alive = [p for p in range(len(texts)) if p not in removed] if removed else list(range(len(texts)))
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
        return _remove(doc, groups, self.name, kept)

    def _repeated_paragraphs(self, texts: list[str], spaces: list[int]) -> list[int]:
        """Positions of prose paragraphs (``min_words`` words or more) that repeat an earlier one in
        full, whitespace aside."""
        long = list(compress(count(), map(ge, spaces, repeat(self.min_words - 1))))
        keys = [texts[p] for p in long]
        joined = "\n".join(keys)
        if len(set(keys)) == len(keys) and "  " not in joined and "\t" not in joined:
            return []  # no two alike, even with their whitespace normalised
        first: set[str] = set()
        repeated = []
        for p, text in zip(long, keys, strict=True):
            key = " ".join(text.split()) if "  " in text or "\t" in text else text
            if key not in first:
                first.add(key)
            elif _prose(text, self.min_words):
                repeated.append(p)
        return repeated


def _prose(text: str, min_words: int) -> bool:
    """A paragraph long enough, ending like a sentence and not a question."""
    return text.count(" ") + 1 >= min_words and text.endswith(_SENTENCE_ENDS)


def _paragraph(text: str) -> bool:
    """Whether ``text`` may be the paragraph a pull quote repeats: prose that ends like a sentence,
    not items joined on one line (a breadcrumb, "Read more: ...", a bulleted teaser).

    >>> _paragraph("Diesel sales fell again. Diesel has been in decline for twelve years, the report says.")
    True
    >>> _paragraph("Home » News » Diesel has been in decline for twelve years")
    False
    >>> _paragraph("Light and strong • Folds into a pocket • Diesel has been in decline for twelve years..")
    False
    """
    text = text.rstrip()
    return text.endswith(_PARAGRAPH_ENDS) and not any(separator in text for separator in _ITEM_SEPARATORS)


#: How a paragraph ends: a sentence end, a question mark or a closing quote ("“" and "‘" close German quotes).
_PARAGRAPH_ENDS = (*_SENTENCE_ENDS, "?", "“", "‘", "«")
#: Marks that join items, not sentences, on one line ("»" is not one: French quotes hold spaces).
_ITEM_SEPARATORS = ("•", " | ", " > ", " → ", " -> ")


def _quotable(text: str) -> bool:
    """A line that may be a pull quote: sentence-like, or quoted, or long (10 words or more) and not in
    title case like a headline; not a list item.

    >>> _quotable("Diesel has been in a slow and steady decline over the past twelve years")
    True
    >>> _quotable("15 Smart Balcony Garden Ideas When You Are Short On Time And Space")
    False
    """
    if not (
        text.endswith(_SENTENCE_ENDS)
        or text.startswith(_QUOTES)
        or (text.count(" ") >= 9 and _reads_like_caption(text, text.count(" ") + 1))
    ):
        return False
    return not _LIST_ITEM.match(text)
