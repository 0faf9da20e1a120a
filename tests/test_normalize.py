import pytest

from copydesk import (
    normalize_punctuation,
    normalize_unicode,
    normalize_whitespace,
    remove_invisibles,
    repair_encoding,
    unescape_html,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("a&nbsp;b", "a\u00a0b"),
        ("it&#8217;s &#x2014; ok", "it’s — ok"),
        ("&amp;amp;quot;x&amp;quot;", '"x"'),
        ("AT&T and R&D, Q&A", "AT&T and R&D, Q&A"),
        ("&copy 2024 &notanentity; &#0; &#xD800;", "&copy 2024 &notanentity; &#0; &#xD800;"),
    ],
)
def test_unescape_html(text, expected):
    assert unescape_html(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zero\u200bwidth", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\ufeffBOM", "BOM"),
        ("bidi\u200e\u202emarks\u202c", "bidimarks"),
        ("bell\x07 and C1\x9b", "bell and C1"),
        ("family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"),
        ("फ़\u200dक", "फ़\u200dक"),  # Devanagari conjunct control stays
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian ZWNJ stays
        ("La\u200ctin\u200d and \u200dedge", "Latin and edge"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_remove_invisibles(text, expected):
    assert remove_invisibles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u00a0b\u2009c\u3000d", "a b c d"),
        ("tabs\t\tand   runs", "tabs and runs"),
        ("line  \r\nnext\rlast", "line\nnext\nlast"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("  \n\n padded \n\n ", "padded"),
        ("para\u2029graph", "para\ngraph"),
    ],
)
def test_normalize_whitespace(text, expected):
    assert normalize_whitespace(text) == expected


def test_normalize_unicode_nfc_default_nfkc_on_request():
    assert normalize_unicode("e\u0301") == "é"
    assert normalize_unicode("µ ½ ﬁ x²") == "µ ½ ﬁ x²"
    assert normalize_unicode("µ ½ ﬁ x²", form="NFKC") == "μ 1⁄2 fi x2"
    with pytest.raises(ValueError):
        normalize_unicode("x", form="nfc")  # type: ignore[arg-type]


def test_normalize_punctuation_options():
    text = "‘single’ “double” en–dash em—dash ellipsis…"
    assert normalize_punctuation(text) == "'single' \"double\" en-dash em-dash ellipsis..."
    assert normalize_punctuation(text, quotes=False, ellipsis=False) == "‘single’ “double” en-dash em-dash ellipsis…"


def test_repair_encoding_keeps_typography_but_fixes_mojibake():
    assert repair_encoding("â€œQuoteâ€\x9d â€” LÃ³pez") == "“Quote” — López"
    assert repair_encoding("fullwidth ＡＢＣ，ligature ﬂ") == "fullwidth ＡＢＣ，ligature ﬂ"


@pytest.mark.parametrize(
    "func", [normalize_punctuation, normalize_unicode, normalize_whitespace, remove_invisibles, unescape_html]
)
def test_normalizers_reject_non_str(func):
    with pytest.raises(TypeError, match="NoneType"):
        func(None)
