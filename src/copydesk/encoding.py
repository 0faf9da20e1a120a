"""Encoding repair: ``fix_text`` (ftfy's result, faster) and ``decode`` for raw bytes.

``fix_text(text, config, **options)`` returns exactly what
``ftfy.fix_text(text, config, **options)`` returns, for every input and option
set. ftfy cuts text into segments (lines, and pieces of ``max_decode_length``
characters of longer lines) and runs its whole chain of fixes on each one, again
and again until nothing changes. Most segments of real text cannot be changed by
any fix, and the ones that can are marked by characters no clean segment holds.

How a segment is proven safe, fix by fix, for the options in force:

- ``unescape_html``: changes only text matching ftfy's entity pattern, which
  needs ``&``;
- ``fix_encoding``: changes a segment only when ftfy's badness regex matches it.
  Every branch of that regex needs either one of a few characters (C1
  controls, ``Ã``, ``Â``, ``Œ``, ``œ``) or two adjacent characters from its
  finite character classes; both sets are read from ftfy's own regex when this
  module is imported (see :func:`_badness_prefilter`), so one scan of the whole
  text finds every segment worth asking ``ftfy.badness.is_bad``;
- C1 controls, ligatures, character width, line breaks, surrogates, terminal
  escapes and control characters: each fix touches only the characters in its
  own table, read from ftfy;
- ``normalization``: ``unicodedata.is_normalized``, once for the whole text
  (a line break neither composes nor reorders, so the text is normalized exactly
  when every line is), line by line only when it is not;
- ``uncurl_quotes``: a segment whose only remaining trigger is a curly quote
  comes out with the quotes straightened and nothing else changed. Straight
  quotes cannot create an entity, a control character or badness that the curly
  ones did not (no branch of the badness regex accepts ``'`` or ``"`` where it
  rejects a curly quote), and curly and straight quotes are inert under every
  normalization form, so ftfy's second round finds nothing more to do.

Segments that are not proven safe go to ftfy itself, consecutive ones in one
call. ftfy's state is kept: with ``unescape_html="auto"`` entities are decoded
only up to the segment holding the first ``<``.

>>> fix_text("LÃ³pez Obrador said â€œyesâ€\\x9d")
'López Obrador said "yes"'
>>> decode("café".encode("cp1252"))
'café'
"""

from __future__ import annotations

import codecs
import functools
import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import ftfy
import ftfy.bad_codecs
from ftfy import TextFixerConfig
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import CONTROL_CHARS, DOUBLE_QUOTE_RE, HTML_ENTITY_RE, LIGATURES, SINGLE_QUOTE_RE, WIDTH_MAP

from copydesk.document import check_text

__all__ = ["decode", "fix_text"]

_sre_parse: Any
try:  # Python >= 3.11
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _sre_parse = importlib.import_module("sre_parse")


def _class_members(op: Any, arg: Any) -> frozenset[int] | None:
    """The code points one parsed regex item matches, if it is one character from a finite set."""
    name = str(op)
    if name == "LITERAL":
        return frozenset([arg])
    if name != "IN":
        return None
    members: set[int] = set()
    for inner, value in arg:
        kind = str(inner)
        if kind == "LITERAL":
            members.add(value)
        elif kind == "RANGE":
            members.update(range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY (\s, \w): not a finite set
            return None
    return frozenset(members)


def _badness_prefilter(pattern: re.Pattern[str]) -> tuple[frozenset[int], frozenset[int]] | None:
    """Characters every match of ftfy's badness regex must contain: ``(singles, pairs)``.

    Each branch of the regex is a sequence of items. A branch with two
    consecutive items that each match one non-ASCII character from a finite set
    can only match where two characters of ``pairs`` stand side by side; any
    other branch must contain an item whose finite, non-ASCII set goes into
    ``singles``. ``None`` means the regex has a branch with neither (so nothing
    can be skipped).

    >>> singles, pairs = _badness_prefilter(BADNESS_RE)
    >>> sorted(chr(c) for c in singles if c > 0x9F)
    ['Â', 'Ã', 'Œ', 'œ']
    >>> ord("“") in pairs and ord("é") in pairs and ord("a") in pairs
    False
    """
    if pattern.flags & re.IGNORECASE:
        return None
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and str(items[0][0]) == "BRANCH" else [tree]
    singles: set[int] = set()
    pairs: set[int] = set()
    for branch in branches:
        sets = [_class_members(op, arg) for op, arg in branch]
        usable = [s if s and min(s) >= 0x80 else None for s in sets]
        for first, second in itertools.pairwise(usable):
            if first and second:
                pairs |= first | second
                break
        else:
            single = next((s for s in usable if s), None)
            if single is None:
                return None
            singles |= single
    return frozenset(singles), frozenset(pairs)


_BADNESS = _badness_prefilter(BADNESS_RE)
_SURROGATES = frozenset(range(0xD800, 0xE000))
_C1 = frozenset(range(0x80, 0xA0))


def _regex_class(code_points: frozenset[int]) -> str:
    """A regex character class matching exactly ``code_points``."""
    points = sorted(code_points)
    parts = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        parts.append(f"\\U{points[i]:08x}" if i == j else f"\\U{points[i]:08x}-\\U{points[j]:08x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _quote_members(pattern: re.Pattern[str]) -> str:
    tree = list(_sre_parse.parse(pattern.pattern))
    members = _class_members(*tree[0]) if len(tree) == 1 else None
    if members is None:  # pragma: no cover - ftfy changed its quote regexes
        raise RuntimeError(f"unexpected ftfy quote pattern {pattern.pattern!r}")
    return "".join(chr(c) for c in sorted(members))


#: The quotes ftfy's ``uncurl_quotes`` straightens, read from its own regexes.
_SINGLE_QUOTES = _quote_members(SINGLE_QUOTE_RE)
_DOUBLE_QUOTES = _quote_members(DOUBLE_QUOTE_RE)


def _uncurl(text: str) -> str:
    """``ftfy.fixes.uncurl_quotes``; ``str.replace`` per quote is several times faster than a regex."""
    for quote in _DOUBLE_QUOTES:
        if quote in text:
            text = text.replace(quote, '"')
    for quote in _SINGLE_QUOTES:
        if quote in text:
            text = text.replace(quote, "'")
    return text


class _Scanner:
    """What decides, for one set of options, which segments must go to ftfy."""

    def __init__(self, entities: bool, config: TextFixerConfig) -> None:
        triggers: set[int] = set()
        if config.fix_c1_controls:
            triggers |= _C1
        if config.fix_latin_ligatures:
            triggers |= set(LIGATURES)
        if config.fix_character_width:
            triggers |= set(WIDTH_MAP)
        if config.fix_line_breaks:
            triggers |= {ord("\r"), 0x2028, 0x2029, 0x85}
        if config.fix_surrogates:
            triggers |= _SURROGATES
        if config.remove_terminal_escapes:
            triggers.add(0x1B)
        if config.remove_control_chars:
            triggers |= set(CONTROL_CHARS)
        #: a segment holding one of these needs a fix other than entities, encoding or quotes
        self.fixers = re.compile(_regex_class(frozenset(triggers))) if triggers else None
        self.entities = entities
        self.encoding = bool(config.fix_encoding)
        singles = set(triggers)
        if entities:
            singles.add(ord("&"))
        #: matches at least once in every segment that is not provably left alone (quotes aside)
        self.candidates: re.Pattern[str] | None
        if self.encoding and _BADNESS is None:  # pragma: no cover - ftfy's badness regex is unanalysable
            self.candidates = re.compile(r"[^\x00-\x7f]|" + _regex_class(frozenset(singles | {0})))
        elif self.encoding and _BADNESS is not None:
            bad_singles, pairs = _BADNESS
            singles |= bad_singles
            head = _regex_class(frozenset(singles | pairs))
            self.candidates = re.compile(f"{head}(?:(?<={_regex_class(frozenset(singles))})|(?={_regex_class(pairs)}))")
        else:
            self.candidates = re.compile(_regex_class(frozenset(singles))) if singles else None

    def needs_ftfy(self, segment: str) -> bool:
        """Whether ftfy might change ``segment`` other than by straightening quotes (normalization aside)."""
        if self.fixers is not None and self.fixers.search(segment):
            return True
        if self.entities and "&" in segment and HTML_ENTITY_RE.search(segment):
            return True
        return self.encoding and is_bad(segment)


@functools.lru_cache(maxsize=64)
def _scanner(entities: bool, config: TextFixerConfig) -> _Scanner:
    return _Scanner(entities, config)


def _segments(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """ftfy's segments of ``text[start:end]``: lines, cut every ``limit`` characters."""
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline < 0 else newline + 1
        if stop - pos > limit:
            stop = pos + limit
        yield pos, stop
        pos = stop


def _slow_segments(text: str, start: int, end: int, config: TextFixerConfig, entities: bool) -> list[tuple[int, int]]:
    """The segments of ``text[start:end]`` (which starts a segment) that must go to ftfy, in order."""
    scanner = _scanner(entities, config._replace(unescape_html=False, max_decode_length=0, explain=False))
    limit = config.max_decode_length
    slow: list[tuple[int, int]] = []
    if scanner.candidates is not None:
        seg_end = start  # end of the last segment examined
        line_start = line_end = start
        for match in scanner.candidates.finditer(text, start, end):
            pos = match.start()
            if pos < seg_end:
                continue
            if pos >= line_end:  # a new line; every search below covers new ground, so all stays linear
                newline = text.rfind("\n", line_end, pos)
                line_start = line_end if newline < 0 else newline + 1
                newline = text.find("\n", pos, end)
                line_end = end if newline < 0 else newline + 1
            seg_start = (
                line_start + (pos - line_start) // limit * limit if line_end - line_start > limit else line_start
            )
            seg_end = min(seg_start + limit, line_end)
            if scanner.needs_ftfy(text[seg_start:seg_end]):
                slow.append((seg_start, seg_end))
    form = config.normalization
    if form is not None and not unicodedata.is_normalized(form, text[start:end]):
        known = set(slow)
        slow.extend(
            seg
            for seg in _segments(text, start, end, limit)
            if seg not in known and not unicodedata.is_normalized(form, text[seg[0] : seg[1]])
        )
        slow.sort()
    return slow


def _pieces(text: str, config: TextFixerConfig) -> Iterator[tuple[int, int, TextFixerConfig | None]]:
    """Cut ``text`` into runs: ``(start, end, config)`` for ftfy, ``(start, end, None)`` for the fast path.

    Slow runs are whole consecutive segments, so ftfy cuts them where it would
    cut the whole text.
    """
    length = len(text)
    limit = config.max_decode_length
    parts: list[tuple[int, int, TextFixerConfig]] = [(0, length, config)]
    if config.unescape_html == "auto":
        first_tag = text.find("<")
        if first_tag >= 0:
            # ftfy stops decoding entities from the segment holding the first "<" on.
            line_start = text.rfind("\n", 0, first_tag) + 1
            newline = text.find("\n", first_tag)
            line_end = length if newline < 0 else newline + 1
            cut = line_start
            if line_end - line_start > limit:
                cut += (first_tag - line_start) // limit * limit
            parts = [(0, cut, config), (cut, length, config._replace(unescape_html=False))]
    pos = 0
    for part_start, part_end, part_config in parts:
        if part_start == part_end:
            continue
        entities = bool(part_config.unescape_html)
        run_start = run_end = -1
        for seg_start, seg_end in _slow_segments(text, part_start, part_end, part_config, entities):
            if seg_start == run_end:
                run_end = seg_end
                continue
            if run_start >= 0:
                yield run_start, run_end, part_config
                pos = run_end
            if pos < seg_start:
                yield pos, seg_start, None
            run_start, run_end = seg_start, seg_end
        if run_start >= 0:
            yield run_start, run_end, part_config
            pos = run_end
    if pos < length:
        yield pos, length, None


def _make_config(config: TextFixerConfig | None, options: dict[str, Any]) -> TextFixerConfig:
    if config is None:
        config = TextFixerConfig(explain=False)
    result: TextFixerConfig = ftfy._config_from_kwargs(config, options)
    if not isinstance(result.max_decode_length, int) or result.max_decode_length < 1:
        raise ValueError(f"max_decode_length must be a positive int, got {result.max_decode_length!r}")
    return result


def fix_text(text: str, config: TextFixerConfig | None = None, **options: Any) -> str:
    """Return ``ftfy.fix_text(text, config, **options)``, computed only where ftfy could change something.

    >>> fix_text("plain ASCII line\\nâ€”dash")
    'plain ASCII line\\n—dash'
    >>> fix_text("“curly” &amp; <b>")
    '"curly" &amp; <b>'
    >>> fix_text("“curly”", uncurl_quotes=False)
    '“curly”'
    """
    check_text(text, "copydesk.fix_text()")
    config = _make_config(config, options)
    out = []
    for start, end, piece_config in _pieces(text, config):
        piece = text[start:end]
        if piece_config is not None:
            out.append(ftfy.fix_text(piece, piece_config))
        elif config.uncurl_quotes:
            out.append(_uncurl(piece))
        else:
            out.append(piece)
    return "".join(out)


def fix_text_until_stable(text: str, config: TextFixerConfig | None = None, *, rounds: int = 8, **options: Any) -> str:
    """Apply :func:`fix_text` again to what it changed, until nothing changes (at most ``rounds`` times).

    One pass of ftfy is not always stable: a ``\\r`` it turns into ``\\n`` splits a
    segment in two, and the new line on its own may look like mojibake. Only
    the lines ftfy changed are fixed again: the others are already stable.
    With ``unescape_html="auto"`` a change on one line can switch entity
    decoding for the lines after it, and a change in a line longer than
    ``max_decode_length`` moves the places where ftfy cuts it, so then the
    whole text goes round again instead.

    >>> fix_text("Straße\\r\\x9bß")
    'Straße\\n›ß'
    >>> fix_text_until_stable("Straße\\r\\x9bß")
    'Straße\\nݧ'
    """
    check_text(text, "copydesk.fix_text_until_stable()")
    config = _make_config(config, options)
    pieces = list(_pieces(text, config))
    if config.unescape_html == "auto" or not all(
        _whole_lines(text, start, end) for start, end, piece_config in pieces if piece_config is not None
    ):
        return _until_stable(text, config, rounds)
    out = []
    for start, end, piece_config in pieces:
        piece = text[start:end]
        if piece_config is not None:
            out.append(_until_stable(piece, piece_config, rounds))
        elif config.uncurl_quotes:
            out.append(_uncurl(piece))  # straightened quotes trigger nothing more
        else:
            out.append(piece)
    return "".join(out)


def _whole_lines(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends at line boundaries (so ftfy cuts it the same on its own)."""
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end - 1] == "\n")


def _until_stable(text: str, config: TextFixerConfig, rounds: int) -> str:
    seen = {text}
    for _ in range(rounds):
        fixed = fix_text(text, config)
        if fixed in seen:
            return fixed
        seen.add(fixed)
        text = fixed
    return text


def decode(data: bytes | bytearray | memoryview) -> str:
    """Decode raw bytes: UTF-8 (a BOM is dropped), else UTF-16 with a BOM, else windows-1252.

    The windows-1252 fallback is ftfy's ``sloppy-windows-1252`` codec, which maps
    the five undefined bytes as latin-1 does, so decoding never fails and every
    byte stays recoverable. Mojibake that was already in the bytes is left for
    :func:`fix_text`.

    >>> decode(b"\\xef\\xbb\\xbfHello")
    'Hello'
    >>> decode(b"Caf\\xe9 \\x93quoted\\x94")
    'Café “quoted”'
    >>> decode("x")
    Traceback (most recent call last):
    ...
    TypeError: copydesk.decode() expects bytes, got str
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"copydesk.decode() expects bytes, got {type(data).__name__}")
    raw = bytes(data)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF32_LE):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("sloppy-windows-1252")
