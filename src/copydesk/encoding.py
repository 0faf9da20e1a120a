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
  controls, ``Ã``, ``Â``, ``Œ``, ``œ``) or a pair of adjacent characters from
  two of its finite character classes; both are read from ftfy's own regex
  when this module is imported (see :func:`_badness_prefilter`), so one scan of
  the whole text finds every segment worth asking ``ftfy.badness.is_bad``;
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

A segment that is not proven safe is fixed round by round as ftfy's
``fix_and_explain`` does, with ftfy's own functions: a round of ligatures,
width, quotes and normalization is computed directly, a round with more to do
is ftfy's (each fix run only where its trigger characters are), and the rounds
after it, which usually only confirm the repair, are decided the same way.
ftfy's state is kept: with ``unescape_html="auto"`` entities are decoded only
up to the segment holding the first ``<``.

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
from typing import Any, NamedTuple

import ftfy
import ftfy.bad_codecs
from ftfy import TextFixerConfig, fixes
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


class _Badness(NamedTuple):
    """What every match of ftfy's badness regex must contain: one of ``singles``, or a pair.

    A pair is two adjacent characters ``a, b`` with ``b in follows[a]``.
    """

    singles: frozenset[int]
    follows: dict[int, frozenset[int]]


def _badness_prefilter(pattern: re.Pattern[str]) -> _Badness | None:
    """Read from ftfy's badness regex which characters each of its matches must contain.

    Each branch of the regex is a sequence of items. A branch with two
    consecutive items that each match one non-ASCII character from a finite set
    can only match where such a pair stands (the tightest pair of the branch is
    kept); any other branch must contain an item whose finite, non-ASCII set
    goes into ``singles``. ``None`` means the regex has a branch with neither
    (so nothing can be skipped).

    >>> badness = _badness_prefilter(BADNESS_RE)
    >>> sorted(chr(c) for c in badness.singles if c > 0x9F)
    ['Â', 'Ã', 'Œ', 'œ']
    >>> ord("©") in badness.follows[ord("Ã")], ord("ã") in badness.follows.get(ord("ç"), ())
    (True, False)
    """
    if pattern.flags & re.IGNORECASE:
        return None
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and str(items[0][0]) == "BRANCH" else [tree]
    singles: set[int] = set()
    follows: dict[int, set[int]] = {}
    for branch in branches:
        sets = [_class_members(op, arg) for op, arg in branch]
        usable = [s if s and min(s) >= 0x80 else None for s in sets]
        pairs = [(a, b) for a, b in itertools.pairwise(usable) if a and b]
        if pairs:
            first, second = min(pairs, key=lambda pair: len(pair[0]) * len(pair[1]))
            for code in first:
                follows.setdefault(code, set()).update(second)
            continue
        single = min((s for s in usable if s), key=len, default=None)
        if single is None:
            return None
        singles |= single
    return _Badness(frozenset(singles), {code: frozenset(after) for code, after in follows.items()})


try:
    _BADNESS = _badness_prefilter(BADNESS_RE)
except Exception:  # pragma: no cover - the parser is a private module of ``re``; without it, skip nothing
    _BADNESS = None
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
    """The characters a one-character regex of ftfy matches."""
    tree = list(_sre_parse.parse(pattern.pattern, pattern.flags))
    members = _class_members(*tree[0]) if len(tree) == 1 else None
    if members is None:  # pragma: no cover - ftfy changed its quote regexes: ask the regex itself
        return "".join(c for c in map(chr, range(0x110000)) if pattern.fullmatch(c))
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


_BREAKS = frozenset({ord("\r"), 0x2028, 0x2029, 0x85})

#: The characters without which each of ftfy's character fixes changes nothing
#: (checked on every code point by the tests).
_TRIGGER_SETS: dict[str, frozenset[int]] = {
    "fix_c1_controls": _C1,
    "fix_latin_ligatures": frozenset(LIGATURES),
    "fix_character_width": frozenset(WIDTH_MAP),
    "uncurl_quotes": frozenset(map(ord, _SINGLE_QUOTES + _DOUBLE_QUOTES)),
    "fix_line_breaks": _BREAKS,
    "fix_surrogates": _SURROGATES,
    "remove_terminal_escapes": frozenset({0x1B}),
    "remove_control_chars": frozenset(CONTROL_CHARS),
}
_TRIGGERS = {name: re.compile(_regex_class(chars)) for name, chars in _TRIGGER_SETS.items()}


class _Scanner:
    """What decides, for one set of options, which segments ftfy could change, and how."""

    def __init__(self, entities: bool, config: TextFixerConfig) -> None:
        #: fixes that replace characters one for one(ish) and can be computed here
        soft: set[int] = set()
        for name in ("fix_latin_ligatures", "fix_character_width"):
            if getattr(config, name):
                soft |= _TRIGGER_SETS[name]
        #: fixes left to ftfy itself
        hard: set[int] = set()
        for name in (
            "fix_c1_controls",
            "fix_line_breaks",
            "fix_surrogates",
            "remove_terminal_escapes",
            "remove_control_chars",
        ):
            if getattr(config, name):
                hard |= _TRIGGER_SETS[name]
        self.hard = re.compile(_regex_class(frozenset(hard))) if hard else None
        self.soft = re.compile(_regex_class(frozenset(soft))) if soft else None
        self.ligatures = bool(config.fix_latin_ligatures)
        self.width = bool(config.fix_character_width)
        self.uncurl = bool(config.uncurl_quotes)
        self.form = config.normalization
        self.entities = entities
        self.encoding = bool(config.fix_encoding)
        singles = hard | soft
        if entities:
            singles.add(ord("&"))
        #: every segment ftfy could change other than by straightening quotes or normalizing
        #: holds a match (a pair match still has to pass :meth:`is_candidate`)
        self.candidates: re.Pattern[str] | None
        self.follows: dict[int, frozenset[int]] = {}
        self.every_match = self.encoding and _BADNESS is None
        if self.every_match:  # ftfy's badness regex could not be read: every non-ASCII segment is a candidate
            self.singles = frozenset(singles)
            self.candidates = re.compile(r"[^\x00-\x7f]|" + _regex_class(frozenset(singles | {0})))
        else:
            if self.encoding and _BADNESS is not None:
                singles |= _BADNESS.singles
                self.follows = _BADNESS.follows
            self.singles = frozenset(singles)
            firsts = frozenset(self.follows)
            seconds = frozenset().union(*self.follows.values())
            if not firsts:
                self.candidates = re.compile(_regex_class(self.singles)) if singles else None
            else:
                head = _regex_class(self.singles | firsts)
                self.candidates = re.compile(
                    f"{head}(?:(?<={_regex_class(self.singles)})|(?={_regex_class(seconds)}))"
                    if singles
                    else f"{head}(?={_regex_class(seconds)})"
                )

    def is_candidate(self, text: str, pos: int) -> bool:
        """Whether the match of :attr:`candidates` at ``pos`` is a single or one of the badness pairs."""
        code = ord(text[pos])
        return self.every_match or code in self.singles or ord(text[pos + 1]) in self.follows.get(code, ())

    def resolve(self, segment: str, config: TextFixerConfig, depth: int = 0) -> str | None:
        """ftfy's result for one segment, or ``None`` when ftfy itself must compute it.

        ``config`` has ``unescape_html`` resolved to ``True`` or ``False``.
        ftfy's ``fix_and_explain`` repeats a round of fixes until the text stops
        changing. When no entity, badness, C1 control, line break, surrogate,
        escape or control character is present, a round only replaces
        ligatures, wide characters and curly quotes and normalizes: that is
        computed here with ftfy's own functions, then the next round is decided
        the same way (or handed to ftfy).
        """
        if self.hard is not None and self.hard.search(segment):
            return None
        if self.entities and "&" in segment and HTML_ENTITY_RE.search(segment):
            return None
        if self.encoding and is_bad(segment):
            return None
        out = segment
        if self.soft is not None and self.soft.search(out):
            if self.ligatures:
                out = fixes.fix_latin_ligatures(out)
            if self.width:
                out = fixes.fix_character_width(out)
            if self.hard is not None and self.hard.search(out):
                return None  # the later fixes of this round would fire: leave it to ftfy
        if self.uncurl:
            out = _uncurl(out)
        if self.form is not None and not unicodedata.is_normalized(self.form, out):
            out = unicodedata.normalize(self.form, out)
        if out == segment:
            return segment
        if depth >= _MAX_DEPTH:  # pragma: no cover - a round of translations always settles sooner
            return _ftfy_segment(out, config)
        following = self.resolve(out, config, depth + 1)
        return _ftfy_segment(out, config) if following is None else following

    def fix(self, segment: str, config: TextFixerConfig) -> str:
        """ftfy's result for one segment: :meth:`resolve`'s, or :meth:`repair`'s when it cannot tell."""
        result = self.resolve(segment, config)
        return self.repair(segment, config) if result is None else result

    def repair(self, segment: str, config: TextFixerConfig, depth: int = 0) -> str:
        """ftfy's result for one segment that :meth:`resolve` could not compute.

        The first round is ftfy's own (:func:`_one_round`); the rounds after it
        usually find a repaired line and are decided by :meth:`resolve`, which
        spares ftfy's second, confirming round.
        """
        if not _ROUND_KNOWN or depth >= _MAX_DEPTH:
            return _ftfy_segment(segment, config)
        out = _one_round(segment, config)
        if out == segment:
            return segment
        following = self.resolve(out, config)
        return self.repair(out, config, depth + 1) if following is None else following


#: Rounds of computed fixes before the rest is left to ftfy.
_MAX_DEPTH = 4

#: The fixes of one round of ``ftfy.fix_and_explain`` after encoding repair, in its order.
_ROUND = (
    "fix_c1_controls",
    "fix_latin_ligatures",
    "fix_character_width",
    "uncurl_quotes",
    "fix_line_breaks",
    "fix_surrogates",
    "remove_terminal_escapes",
    "remove_control_chars",
)

#: :func:`_one_round` follows the loop of ``ftfy.fix_and_explain`` as written in ftfy 6.2 and 6.3;
#: with any other version every round is ftfy's own.
_ROUND_KNOWN = ftfy.__version__.startswith(("6.2.", "6.3."))


def _one_round(text: str, config: TextFixerConfig) -> str:
    """One pass of the loop in ``ftfy.fix_and_explain`` (``unescape_html`` resolved), with ftfy's functions.

    A fix runs only where its trigger characters are (without them it changes
    nothing): ``str.translate`` with a table, as three of them use, is slow.
    """
    if config.unescape_html and "&" in text:
        text = fixes.unescape_html(text)
    if config.fix_encoding:
        # As ftfy does: without explanations, encoding repair runs with its default options.
        text = ftfy.fix_encoding_and_explain(text, config).text if config.explain else ftfy.fix_encoding(text)
    for name in _ROUND:
        if getattr(config, name) and _TRIGGERS[name].search(text):
            text = ftfy.FIXERS[name](text)
    if config.normalization is not None:
        text = unicodedata.normalize(config.normalization, text)
    return text


def _ftfy_segment(segment: str, config: TextFixerConfig) -> str:
    """``ftfy.fix_and_explain(segment, config).text``: ftfy's rounds on one segment."""
    result: str = ftfy.fix_and_explain(segment, config).text
    return result


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


#: A segment that ftfy may change: ``(start, end, ftfy's result)``.
_Resolved = tuple[int, int, str]


def _resolve_segments(text: str, start: int, end: int, config: TextFixerConfig, entities: bool) -> list[_Resolved]:
    """The segments of ``text[start:end]`` (which starts a segment) that ftfy may change, in order."""
    scanner = _scanner(entities, config._replace(unescape_html=False, max_decode_length=0, explain=False))
    resolved_config = config._replace(unescape_html=entities)
    limit = config.max_decode_length
    found: list[_Resolved] = []
    if scanner.candidates is not None:
        search = scanner.candidates.search
        is_candidate = scanner.is_candidate
        line_start = line_end = start
        pos = start
        # One search per candidate segment: the next starts after it (in a Cyrillic or Greek
        # line nearly every character would match).
        while (match := search(text, pos, end)) is not None:
            pos = match.start()
            if not is_candidate(text, pos):
                pos += 1
                continue
            if pos >= line_end:  # a new line; every search below covers new ground, so all stays linear
                newline = text.rfind("\n", line_end, pos)
                line_start = line_end if newline < 0 else newline + 1
                newline = text.find("\n", pos, end)
                line_end = end if newline < 0 else newline + 1
            seg_start = line_start
            if line_end - line_start > limit:
                seg_start += (pos - line_start) // limit * limit
            seg_end = pos = min(seg_start + limit, line_end)
            found.append((seg_start, seg_end, scanner.fix(text[seg_start:seg_end], resolved_config)))
    form = config.normalization
    if form is not None and not unicodedata.is_normalized(form, text[start:end]):
        # Rare: run through every segment (one C call each) for those that are not normalized.
        known = {seg[0] for seg in found}
        for seg_start, seg_end in _segments(text, start, end, limit):
            segment = text[seg_start:seg_end]
            if seg_start not in known and not unicodedata.is_normalized(form, segment):
                found.append((seg_start, seg_end, scanner.fix(segment, resolved_config)))
        found.sort(key=lambda seg: seg[0])
    return found


def _pieces(text: str, config: TextFixerConfig) -> Iterator[tuple[int, int, str | None]]:
    """Cut ``text`` into runs that cover it in order: ``(start, end, ftfy's result)`` for a
    segment ftfy may change, ``(start, end, None)`` for a run in which ftfy can only
    straighten quotes."""
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
        for seg_start, seg_end, result in _resolve_segments(text, part_start, part_end, part_config, entities):
            if pos < seg_start:
                yield pos, seg_start, None
            yield seg_start, seg_end, result
            pos = seg_end
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
    >>> fix_text("ﬁnal ＬＯＵＤ, “ﬂat”")
    'final LOUD, "flat"'
    """
    check_text(text, "copydesk.fix_text()")
    config = _make_config(config, options)
    out = []
    for start, end, result in _pieces(text, config):
        if result is not None:
            out.append(result)
        elif config.uncurl_quotes:
            out.append(_uncurl(text[start:end]))
        else:
            out.append(text[start:end])
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
    changed = [
        (start, end, result) for start, end, result in pieces if result is not None and result != text[start:end]
    ]
    if config.unescape_html == "auto" or not all(_whole_lines(text, start, end) for start, end, _ in changed):
        return _until_stable(text, config, rounds)
    stable = not changed or _all_stable([(end, result) for _, end, result in changed], len(text), config)
    out = []
    for start, end, result in pieces:
        if result is None:
            # straightened quotes trigger nothing more
            out.append(_uncurl(text[start:end]) if config.uncurl_quotes else text[start:end])
        elif stable or result == text[start:end]:
            out.append(result)
        else:
            out.append(_until_stable(result, config, rounds - 1))
    return "".join(out)


def _all_stable(results: list[tuple[int, str]], length: int, config: TextFixerConfig) -> bool:
    """Whether :func:`fix_text` leaves every one of ``results`` unchanged, asked in one call.

    ``results`` are ``(end in the text, result)``. Each is whole lines ending in
    a line break (or at the end of the text) and no longer than
    ``max_decode_length``, so ftfy cuts the joined text exactly between them;
    a result of n lines comes out as at least n lines, so the joined text
    comes out unchanged only if every result does.
    """
    limit = config.max_decode_length
    for end, result in results:
        if len(result) > limit or not (result.endswith("\n") or end == length):
            return False
    joined = "".join(result for end, result in results)
    return fix_text(joined, config) == joined


def _whole_lines(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends at line boundaries (so ftfy cuts it the same on its own)."""
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end - 1] == "\n")


def _until_stable(text: str, config: TextFixerConfig, rounds: int) -> str:
    """Fix ``text`` until it stops changing, or ``rounds`` times."""
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
    return decode_with_codec(data)[0]


def decode_with_codec(data: bytes | bytearray | memoryview) -> tuple[str, str]:
    """:func:`decode` ``data``, and name the codec it took: ``"utf-8"``, ``"utf-16"`` or ``"windows-1252"``.

    The command line uses it to say when a file was not UTF-8.

    >>> decode_with_codec(b"Caf\\xc3\\xa9")
    ('Café', 'utf-8')
    >>> decode_with_codec(b"Caf\\xe9")
    ('Café', 'windows-1252')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"copydesk.decode() expects bytes, got {type(data).__name__}")
    raw = bytes(data)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF32_LE):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("sloppy-windows-1252"), "windows-1252"
