"""The matching key: a folded copy of a paragraph, used only to compare paragraphs.

The key repairs mojibake (``copydesk.fix_text``), folds case and accents, and
turns every run of punctuation and whitespace into one space, so curly and
straight quotes, dashes, ellipses and spacing never make two paragraphs differ.
The text the user keeps is never changed: keys are computed on the side.

>>> matching_key("“López”  said — it’s DONE…")
'lopez said it s done'
>>> matching_key("LÃ³pez said")
'lopez said'
>>> matching_key("“López” said", fold_accents=False, punctuation=False)
'"lópez" said'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex
from ftfy.badness import is_bad

from copydesk.encoding import fix_text
from copydesk.normalize import normalize_punctuation

__all__ = ["KeyOptions", "matching_key", "matching_keys"]


@dataclass(frozen=True)
class KeyOptions:
    """What the matching key folds; every option is on by default.

    - ``fix_encoding``: repair mojibake with :func:`copydesk.fix_text` first;
    - ``casefold``: ``str.casefold`` ("Straße" and "STRASSE" match);
    - ``fold_accents``: NFKD, then combining marks dropped ("López" -> "lopez", "ﬁ" -> "fi");
    - ``punctuation``: every run of characters that are neither letters nor digits
      becomes one space; when off, quotes, dashes and ellipses are still unified
      and whitespace is still collapsed.

    >>> KeyOptions().with_(casefold=False).casefold
    False
    """

    fix_encoding: bool = True
    casefold: bool = True
    fold_accents: bool = True
    punctuation: bool = True

    def with_(self, **changes: Any) -> KeyOptions:
        """A copy with some options changed (unknown names raise ``TypeError``)."""
        return replace(self, **changes)


_DEFAULT = KeyOptions()
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}\n]+")
_MARKS = regex.compile(r"\p{Mn}+")
#: UTF-8 read as windows-1252 or latin-1 (the usual mojibake): a lead byte (Â-ô) then a continuation byte.
_UTF8_AS_LATIN = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
#: Characters beyond Latin-1, Latin Extended-A and general punctuation: other scripts and codepages.
_BEYOND_LATIN = regex.compile("[^\x00-\u017f\u2000-\u206f\u20ac\u2122]")


def options_from(options: KeyOptions | None, overrides: dict[str, Any]) -> KeyOptions:
    """``options`` (default: all on) with keyword ``overrides`` applied."""
    base = _DEFAULT if options is None else options
    return base.with_(**overrides) if overrides else base


def matching_key(text: str, options: KeyOptions | None = None, **overrides: Any) -> str:
    """The matching key of one text (see :class:`KeyOptions`).

    >>> matching_key("  Hello,\\n\\tWORLD!  ")
    'hello world'
    """
    opts = options_from(options, overrides)
    return _fold(" ".join(text.splitlines()), opts)


def matching_keys(texts: Sequence[str], options: KeyOptions | None = None, **overrides: Any) -> list[str]:
    """The keys of many texts at once: the same as ``[matching_key(t) for t in texts]``, faster.

    Texts are folded in chunks joined by line breaks (one call of each folding
    function per chunk); a chunk whose texts hold line breaks of their own is
    done one text at a time.

    >>> matching_keys(["Café", "CAFE!"])
    ['cafe', 'cafe']
    """
    opts = options_from(options, overrides)
    out: list[str] = []
    for start in range(0, len(texts), _CHUNK):
        chunk = texts[start : start + _CHUNK]
        joined = "\n".join(chunk)
        folded = None
        if joined.count("\n") == len(chunk) - 1 and all(c not in joined for c in _OTHER_BREAKS):
            parts = _fold(joined, opts).split("\n")
            if len(parts) == len(chunk):
                folded = parts
        out.extend(folded if folded is not None else [matching_key(t, opts) for t in chunk])
    return out


_CHUNK = 2048
#: Line breaks other than ``\n`` that ``str.splitlines`` knows: a chunk holding one is done text by text.
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _fold(text: str, opts: KeyOptions) -> str:
    """Fold ``text`` (lines joined by ``\\n``); Python-level work only on lines with non-ASCII characters."""
    if opts.fix_encoding and not text.isascii():
        text = "\n".join([line if line.isascii() else _repair(line) for line in text.split("\n")])
    if opts.casefold:
        text = text.casefold()
    if opts.fold_accents and not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    if not opts.punctuation:
        text = normalize_punctuation(text)
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))
    # ASCII punctuation through a byte table; lines with other characters through the regex.
    data = text.encode("utf-8", "surrogatepass").translate(_ASCII_PUNCTUATION)
    if not data.isascii():
        lines = data.decode("utf-8", "surrogatepass").split("\n")
        data = "\n".join([line if line.isascii() else _NOT_WORD.sub(" ", line) for line in lines]).encode(
            "utf-8", "surrogatepass"
        )
    # Only spaces and line breaks separate words now: collapse and trim them.
    data = _SPACE_RUNS.sub(b" ", data).replace(b" \n", b"\n").replace(b"\n ", b"\n").strip(b" ")
    return data.decode("utf-8", "surrogatepass")


def _repair(line: str) -> str:
    """Mojibake repair for one line: the plain round trip when the whole line is UTF-8 read as
    windows-1252 (fast), else ftfy when the line looks like mojibake, else the line."""
    if _UTF8_AS_LATIN.search(line):
        try:
            return line.encode("sloppy-windows-1252").decode("utf-8")
        except UnicodeError:
            return fix_text(line, **_FIX_OPTIONS)
    if _BEYOND_LATIN.search(line) and is_bad(line):
        return fix_text(line, **_FIX_OPTIONS)
    return line


_SPACE_RUNS = re.compile(b" {2,}")
#: Mojibake repair for the key: never HTML-dependent, never adding line breaks.
_FIX_OPTIONS: dict[str, Any] = {"unescape_html": False, "fix_line_breaks": False}


#: Bytes of ASCII characters that are neither letters nor digits (line breaks aside) become spaces.
_ASCII_PUNCTUATION = bytes(c if chr(c).isalnum() or c == 10 or c >= 128 else 32 for c in range(256))
