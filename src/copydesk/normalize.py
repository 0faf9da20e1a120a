"""Text normalizers: small ``str -> str`` functions, each doing one job.

Each works on any string and is idempotent; :mod:`copydesk.steps` turns them
into pipeline steps. The default pipeline runs :func:`repair_encoding` first,
because NFKC, quote or space changes made before ftfy break its repairs.

>>> normalize_whitespace("a\\u00a0 b\\t\\n\\n\\n\\nc ")
'a b\\n\\nc'
>>> unescape_html("Q&amp;amp;A &#8217;24")
'Q&A ’24'
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5
from typing import Any, Literal

import regex

from copydesk.document import _OTHER_BREAKS, check_text
from copydesk.encoding import fix_text_until_stable

__all__ = [
    "normalize_punctuation",
    "normalize_unicode",
    "normalize_whitespace",
    "remove_invisibles",
    "repair_encoding",
    "repair_encoding_lines",
    "unescape_html",
]

#: ftfy options for :func:`repair_encoding`: repair mojibake, keep typography.
#: HTML entities and character width are left alone (fullwidth punctuation is
#: correct in CJK text); NFC stays on because composing characters can reveal
#: mojibake ("a" + U+0301 + C1 controls) that the next round then repairs.
ENCODING_DEFAULTS: dict[str, Any] = {
    "uncurl_quotes": False,
    "unescape_html": False,
    "fix_character_width": False,
    "fix_latin_ligatures": False,
    "normalization": "NFC",
}


def repair_encoding(text: str, **options: Any) -> str:
    """Repair mojibake and broken bytes with ftfy, keeping curly quotes, dashes and ligatures.

    ``options`` are ftfy's and override :data:`ENCODING_DEFAULTS`.

    >>> repair_encoding("LÃ³pez said â€œyesâ€\\x9d")
    'López said “yes”'
    >>> repair_encoding("LÃ³pez said â€œyesâ€\\x9d", uncurl_quotes=True)
    'López said "yes"'
    """
    options = {**ENCODING_DEFAULTS, **options}
    # One ftfy pass can leave more to repair (a "\r" it turns into "\n" splits
    # a line, and the new line may be mojibake on its own): repeat on what
    # changed until nothing does, so that repairing twice changes nothing.
    return fix_text_until_stable(text, **options)


def repair_encoding_lines(text: str, **options: Any) -> str:
    """:func:`repair_encoding` line by line, every line read as if a line break followed it.

    ftfy judges a line with its line break, so a last line without one can
    come out differently ("ÂŒ" stays, "ÂŒ\\n" becomes "Œ\\n"). The
    ``fix_encoding`` step uses this, so a line repairs the same wherever it
    stands in a document, and cleaning a cleaned text changes nothing. A
    repair that would take the line break into the line's mojibake ("À\\x80À\\n"
    decodes to nothing) is not made: the line stays as it is.

    >>> repair_encoding("ÂŒ"), repair_encoding_lines("ÂŒ"), repair_encoding_lines("ÂŒ\\nÂŒ")
    ('ÂŒ', 'Œ', 'Œ\\nŒ')
    >>> repair_encoding_lines("LÃ³pez\\nÀ\\x80À")
    'López\\nÀ\\x80À'
    """
    if not text:
        return repair_encoding(text, **options)
    whole = repair_encoding(text + "\n", **options)
    if whole == text + "\n":  # nothing to repair (most text)
        return text
    if "\n" not in text:
        return _repair_line(text, whole)
    return "\n".join(_repair_line(line, repair_encoding(line + "\n", **options)) for line in text.split("\n"))


def _repair_line(line: str, fixed: str) -> str:
    """``line`` as repaired when ``fixed`` is the repair of ``line + "\\n"``: the line break must survive."""
    if not line:
        return line
    if line.endswith("\r"):  # "\r" and the added "\n" make one line break: ftfy turns it into one "\n"
        return fixed
    return fixed[:-1] if fixed.endswith("\n") else line


_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AMP_RUN = regex.compile(r"&(?:amp;)+", regex.IGNORECASE)


def unescape_html(text: str) -> str:
    """Decode HTML entity leftovers, double-escaped ones included.

    Only complete entities (ending in ``;``) are decoded, so "AT&T" and "R&D"
    stay as they are.

    >>> unescape_html("Tom &amp; Jerry&nbsp;&#8212; &amp;amp;quot;hi&amp;quot; AT&T")
    'Tom & Jerry\\xa0— "hi" AT&T'
    """
    check_text(text, "unescape_html()")
    if "&" not in text:
        return text
    for _ in range(_GLOBAL_PASSES):
        new = _ENTITY.sub(_unescape_entity, _AMP_RUN.sub("&", text))
        if new == text:
            return new
        text = new
    # Still changing: entities nested deeper than double escaping ("&#38;#38;#38;...").
    # Another pass per level would take quadratic time; finish in one left-to-right pass.
    return _unescape_nested(text)


#: Passes over the whole text before :func:`_unescape_nested` takes over.
_GLOBAL_PASSES = 3
#: Longer than any entity ``_ENTITY`` matches.
_ENTITY_MAX = 40


def _unescape_nested(text: str) -> str:
    """Decode entities until none is left, in time linear in ``len(text)``.

    The text is copied left to right into ``done`` + ``tail``. Whenever a
    decoded value lands in the tail it may complete an entity with what comes
    before it ("&amp" + ";") or start one with what follows ("&" + "lt;"), so
    the entity at the tail's last "&" is tried again, reading on into the
    input as far as an entity reaches. Every decoding shortens the text, which
    bounds the work.

    >>> _unescape_nested("&#38;#38;#38;lt; &amp&#59; AT&T")
    '< & AT&T'
    """
    done: list[str] = []
    tail = ""
    pos = 0
    length = len(text)
    while pos < length or tail:
        amp = tail.rfind("&", max(0, len(tail) - _ENTITY_MAX))
        if amp >= 0:
            candidate = tail[amp:]
            probe = candidate + text[pos : pos + _ENTITY_MAX]
            match = _ENTITY.match(probe)
            if match is not None:
                entity = match.group()
                # "&AmP;" in any case is "&", as _AMP_RUN has it
                value = _decode_entity("&amp;" if entity.lower() == "&amp;" else entity)
                if value != entity:
                    consumed = max(0, match.end() - len(candidate))
                    tail = tail[:amp] + value + candidate[match.end() :]  # "" past the candidate's end
                    pos += consumed
                    continue
        if pos >= length:
            break
        nxt = text.find("&", pos)
        stop = length if nxt < 0 else nxt + 1
        tail += text[pos:stop]
        pos = stop
        if len(tail) > 2 * _ENTITY_MAX:  # keep the tail short: enough for an entity a decoded value completes
            done.append(tail[:-_ENTITY_MAX])
            tail = tail[-_ENTITY_MAX:]
    done.append(tail)
    return "".join(done)


def _unescape_entity(match: regex.Match[str]) -> str:
    return _decode_entity(match.group())


def _decode_entity(entity: str) -> str:
    """The text ``entity`` stands for, or ``entity`` itself when it is unknown or a control character."""
    name = entity[1:]
    if name.startswith("#"):
        code = int(name[2:-1], 16) if name[1] in "xX" else int(name[1:-1])
        value = html.unescape(entity)  # maps &#150; and friends as browsers do
        if value == "\ufffd" and code != 0xFFFD:
            return entity  # NUL, a surrogate or out of range: not text
    else:
        value = html5.get(name, entity)  # exact names only: "&notanentity;" stays
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        return entity  # a control character is not a repair
    return value


# Zero-width joiner/non-joiner are meaningful between letters of scripts that
# use them (Persian, Indic, ...) and inside emoji sequences; elsewhere they are noise.
_JOINERS = regex.compile(r"[\u200c\u200d]+")
_JOINABLE = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}\ufe0f\p{M}[\p{L}--\p{Latin}]]",
    regex.VERSION1,
)
# The stdlib engine scans a plain character class several times faster than ``regex``.
_INVISIBLE = re.compile(
    r"[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    r"\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)


def remove_invisibles(text: str) -> str:
    """Remove zero-width spaces, soft hyphens, BOMs, bidi marks and stray controls.

    ZWJ/ZWNJ stay between characters that join (emoji sequences, Indic or
    Arabic-script letters) and go elsewhere.

    >>> remove_invisibles("in\\u00advisible\\u200b text\\ufeff")
    'invisible text'
    >>> remove_invisibles("👩\\u200d💻 and a\\u200dz")
    '👩\\u200d💻 and az'
    """
    check_text(text, "remove_invisibles()")
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINERS.sub(_keep_meaningful_joiner, text)
    return text


def _keep_meaningful_joiner(match: regex.Match[str]) -> str:
    text = match.string
    start, end = match.span()
    if start > 0 and end < len(text) and _JOINABLE.match(text, start - 1) and _JOINABLE.match(text, end):
        return match.group()
    return ""


#: Spaces other than U+0020 (tab included) and line breaks other than "\\n": each becomes one of those.
_EXOTIC_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_OTHER_BREAK = re.compile(f"[{_OTHER_BREAKS}]")
_ODD_WHITESPACE = re.compile(f"{_EXOTIC_SPACE.pattern[:-1]}{_OTHER_BREAK.pattern[1:]}")
_SPACE_RUN = re.compile("  +")
_BLANK_RUNS = re.compile(r"\n{3,}")
#: " \n", "\n " or "\n\n\n": led by the line break, so the engine scans for it as a literal.
_LINE_EDGE_WORK = re.compile(r"\n(?:(?<= \n)| |\n\n)")


def normalize_whitespace(text: str) -> str:
    """Turn exotic spaces and tabs into one space, unify line breaks, trim lines and blank runs.

    >>> normalize_whitespace(" a\\t\\u2003b \\r\\n\\r\\n\\r\\n\\r\\nc\\u2028d ")
    'a b\\n\\nc\\nd'
    """
    check_text(text, "normalize_whitespace()")
    # Each stage runs only where a cheap test (one class scan, or str.find) says it has work.
    if _ODD_WHITESPACE.search(text):
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        text = _OTHER_BREAK.sub("\n", text)
        text = _EXOTIC_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if _LINE_EDGE_WORK.search(text):  # one scan for the three checks below, rarely true
        # Runs of spaces are single now, so a trailing or leading space is one character.
        if " \n" in text:
            text = text.replace(" \n", "\n")
        if "\n " in text:
            text = text.replace("\n ", "\n")
        if "\n\n\n" in text:
            text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip(" \n")


def normalize_unicode(text: str, form: Literal["NFC", "NFKC", "NFD", "NFKD"] = "NFC") -> str:
    """Unicode normalization: NFC by default; NFKC only on request.

    NFKC folds compatibility characters: µ becomes Greek mu, ½ becomes 1⁄2,
    ligatures and superscripts are spelled out.

    >>> normalize_unicode("Cafe\\u0301")
    'Café'
    >>> normalize_unicode("ﬁne ½", form="NFKC")
    'fine 1⁄2'
    """
    check_text(text, "normalize_unicode()")
    if form not in ("NFC", "NFKC", "NFD", "NFKD"):
        raise ValueError(f"unknown Unicode normalization form {form!r}; use NFC, NFKC, NFD or NFKD")
    if unicodedata.is_normalized(form, text):
        return text
    return unicodedata.normalize(form, text)


_SINGLE_QUOTES = regex.compile(r"[\u2018\u2019\u201a\u201b\u2032\u2035]")
_DOUBLE_QUOTES = regex.compile(r"[\u201c\u201d\u201e\u201f\u2033\u2036]")
_DASHES = regex.compile(r"[\u2010-\u2015\u2212]")
_ELLIPSIS = regex.compile(r"\u2026")


def normalize_punctuation(text: str, *, quotes: bool = True, dashes: bool = True, ellipsis: bool = True) -> str:
    """Straighten curly quotes, turn dashes into ``-`` and ``…`` into ``...`` (opt-in step).

    >>> normalize_punctuation("“It’s 9–5…”")
    '"It\\'s 9-5..."'
    >>> normalize_punctuation("“It’s 9–5…”", dashes=False)
    '"It\\'s 9–5..."'
    """
    check_text(text, "normalize_punctuation()")
    if quotes:
        text = _DOUBLE_QUOTES.sub('"', _SINGLE_QUOTES.sub("'", text))
    if dashes:
        text = _DASHES.sub("-", text)
    if ellipsis:
        text = _ELLIPSIS.sub("...", text)
    return text
