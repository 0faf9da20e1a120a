import codecs

import ftfy
import ftfy.bad_codecs
import pytest

import copydesk
from copydesk import decode, fix_text


def test_fix_text_matches_ftfy_on_the_issue_example():
    text = "LÃ³pez Obrador said â€œyesâ€\x9d"
    assert fix_text(text) == ftfy.fix_text(text) == 'López Obrador said "yes"'


@pytest.mark.parametrize(
    "options",
    [{}, {"uncurl_quotes": False}, {"unescape_html": False}, {"normalization": "NFKC"}, {"max_decode_length": 7}],
)
def test_fix_text_matches_ftfy_with_options(options):
    text = "plain line\nLÃ³pez &amp; â€œcoâ€\x9d\n<b>&amp;</b>\nlater &amp;\nＬＯＵＤ ﬂ\r\nend"
    assert fix_text(text, **options) == ftfy.fix_text(text, **options)


def test_fix_text_rejects_bytes():
    with pytest.raises(TypeError, match="bytes"):
        fix_text(b"x")  # type: ignore[arg-type]


def test_decode_utf8_bom_utf16_and_fallback():
    assert decode("héllo".encode()) == "héllo"
    assert decode(codecs.BOM_UTF8 + b"x") == "x"
    assert decode("ü".encode("utf-16")) == "ü"
    # invalid UTF-8 falls back to windows-1252; undefined bytes map as latin-1
    assert decode(b"caf\xe9 \x81\x93q\x94") == "café \x81“q”"
    with pytest.raises(TypeError, match="str"):
        decode("text")  # type: ignore[arg-type]


def test_default_pipeline_undoes_a_cp1252_round_trip_of_an_article():
    from pathlib import Path

    article = (Path(__file__).parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    mojibake = article.encode("utf-8").decode("sloppy-windows-1252")  # what browsers do
    assert mojibake != article
    assert copydesk.clean(mojibake) == copydesk.clean(article)
    assert "’" in copydesk.clean(mojibake)  # curly quotes kept
