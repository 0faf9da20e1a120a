"""Encoding repair: ``fix_text`` (ftfy's result, faster) and ``decode`` for raw bytes.

``fix_text(text, **options)`` returns exactly what ``ftfy.fix_text(text, **options)``
returns. ftfy already works line by line; most lines of real text cannot need
any of its fixes, and a cheap, conservative test per line lets them through
untouched. Every other line goes to ftfy itself.

>>> fix_text("LÃ³pez Obrador said â€œyesâ€\\x9d")
'López Obrador said "yes"'
>>> decode("café".encode("cp1252"))
'café'
"""

from __future__ import annotations

import codecs
from typing import Any

import ftfy
import ftfy.bad_codecs
import regex
from ftfy import TextFixerConfig

from copydesk.document import check_text

__all__ = ["decode", "fix_text"]

# A line made only of these characters is left unchanged by every ftfy fix:
# printable ASCII except "&" (HTML entities) plus tab and form feed. No
# mojibake, control character, quote, ligature or width form can be built
# from them, and ASCII is always NFC/NFKC-normal.
_NEEDS_FTFY = regex.compile(r"[^\t\x0c\x20-\x25\x27-\x7e]")


def fix_text(text: str, config: TextFixerConfig | None = None, **options: Any) -> str:
    """Return ``ftfy.fix_text(text, config, **options)``, skipping lines that cannot change.

    >>> fix_text("plain ASCII line\\nâ€”dash")
    'plain ASCII line\\n—dash'
    >>> fix_text("“curly”", uncurl_quotes=False)
    '“curly”'
    """
    check_text(text, "copydesk.fix_text()")
    if config is None:
        config = TextFixerConfig(explain=False)
    config = ftfy._config_from_kwargs(config, options)
    out: list[str] = []
    pending: list[str] = []  # consecutive lines that need ftfy, fixed in one call
    pos = 0
    length = len(text)
    limit = config.max_decode_length
    while pos < length:
        cut = text.find("\n", pos) + 1 or length
        if cut - pos > limit:
            cut = pos + limit
        line = text[pos:cut]
        if config.unescape_html == "auto" and "<" in line:
            # ftfy switches HTML unescaping off for this and all later lines.
            if pending:
                out.append(ftfy.fix_text("".join(pending), config))
                pending = []
            config = config._replace(unescape_html=False)
        if _NEEDS_FTFY.search(line) is None:
            if pending:
                out.append(ftfy.fix_text("".join(pending), config))
                pending = []
            out.append(line)
        else:
            pending.append(line)
        pos = cut
    if pending:
        out.append(ftfy.fix_text("".join(pending), config))
    return "".join(out)


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
