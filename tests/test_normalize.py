import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import (
    normalize_punctuation,
    normalize_unicode,
    normalize_whitespace,
    remove_invisibles,
    repair_encoding,
    unescape_html,
)
from tests.strategies import any_text, messy_text


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


# -- the fast normalizers against plain one-regex-per-rule references -------------------

_SPACES_REF = regex.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
_LINE_BREAKS_REF = regex.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TRAILING_REF = regex.compile(r" +(?=\n)|(?<=\n) +")
_BLANK_RUNS_REF = regex.compile(r"\n{3,}")


def _normalize_whitespace_reference(text):
    text = _LINE_BREAKS_REF.sub("\n", text)
    text = _SPACES_REF.sub(" ", text)
    text = _TRAILING_REF.sub("", text)
    text = _BLANK_RUNS_REF.sub("\n\n", text)
    return text.strip(" \n")


_whitespace_heavy = st.lists(
    st.sampled_from(
        [" ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", "a", "é"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300)
@given(st.one_of(_whitespace_heavy, messy_text, any_text))
def test_normalize_whitespace_equals_the_reference(text):
    assert normalize_whitespace(text) == _normalize_whitespace_reference(text)


@settings(max_examples=200)
@given(st.one_of(messy_text, any_text))
def test_remove_invisibles_equals_the_regex_module_version(text):
    invisible = regex.compile(
        r"[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
    )
    expected = invisible.sub("", text)
    if "\u200c" in expected or "\u200d" in expected:
        expected = remove_invisibles(expected)  # the joiner rule, tested on its own above
    assert remove_invisibles(text) == expected


# -- entities: one pass per nesting level (the reference) against the linear finish ------

_ENTITY_REF = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AMP_RUN_REF = regex.compile(r"&(?:amp;)+", regex.IGNORECASE)


def _unescape_html_reference(text):
    from copydesk.normalize import _unescape_entity

    while True:
        new = _ENTITY_REF.sub(_unescape_entity, _AMP_RUN_REF.sub("&", text))
        if new == text:
            return new
        text = new


_entity_heavy = st.lists(
    st.sampled_from(
        ["&", "&amp;", "&AmP;", "amp;", "&#38;", "#38;", "&#x26;", "lt;", "&lt", ";", "&#59;", "&semi;", "&#0;"]
        + ["&nbsp;", "&notanentity;", "&#8217;", "a", " ", "AT&T", "&#", "x26;", "quot;", "\n"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400)
@given(st.one_of(_entity_heavy, messy_text))
def test_unescape_html_equals_decoding_pass_after_pass(text):
    from copydesk.normalize import _unescape_nested

    expected = _unescape_html_reference(text)
    assert unescape_html(text) == expected
    assert _unescape_nested(text) == expected  # the linear finish, from any starting point


def test_deeply_nested_entities_take_linear_time_and_decode_fully():
    text = "x" * 1000 + "&#38;" + "#38;" * 50_000 + "lt;b&gt;"
    assert unescape_html(text) == "x" * 1000 + "<b>"
