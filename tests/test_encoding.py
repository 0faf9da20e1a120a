import codecs
import json
import unicodedata
from pathlib import Path

import ftfy
import ftfy.bad_codecs
import pytest
from ftfy import TextFixerConfig, fixes
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import example, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import decode, fix_text
from copydesk.encoding import (
    _BADNESS,
    _DOUBLE_QUOTES,
    _SINGLE_QUOTES,
    _TRIGGER_SETS,
    _scanner,
    _uncurl,
    fix_text_until_stable,
)
from tests.strategies import any_text, clean_sentences, ftfy_options, messy_text, mixed_lines, mojibake

CASES = json.loads((Path(__file__).parent / "cases" / "mojibake.json").read_text(encoding="utf-8"))


def test_fix_text_matches_ftfy_on_the_issue_example():
    text = "LÃ³pez Obrador said â€œyesâ€\x9d"
    assert fix_text(text) == ftfy.fix_text(text) == 'López Obrador said "yes"'


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["xfail"])) if "xfail" in c else c for c in CASES],
    ids=[c["name"] for c in CASES],
)
def test_mojibake_cases(case):
    fixed = fix_text(case["input"], **case["options"])
    assert fixed == ftfy.fix_text(case["input"], **case["options"])
    assert fixed == case["expected"]


@pytest.mark.parametrize(
    "options",
    [{}, {"uncurl_quotes": False}, {"unescape_html": False}, {"normalization": "NFKC"}, {"max_decode_length": 7}],
)
def test_fix_text_matches_ftfy_with_options(options):
    text = "plain line\nLÃ³pez &amp; â€œcoâ€\x9d\n<b>&amp;</b>\nlater &amp;\nＬＯＵＤ ﬂ\r\nend"
    assert fix_text(text, **options) == ftfy.fix_text(text, **options)


# -- equivalence with ftfy, the reference implementation ------------------------------


@settings(max_examples=300, deadline=None)
@given(mixed_lines, ftfy_options)
def test_fix_text_equals_ftfy_on_mixed_lines_with_any_options(text, options):
    assert fix_text(text, **options) == ftfy.fix_text(text, **options)


@settings(max_examples=300, deadline=None)
@given(st.lists(mojibake(), min_size=1, max_size=6).map("\n".join), ftfy_options)
def test_fix_text_equals_ftfy_on_mojibake(text, options):
    assert fix_text(text, **options) == ftfy.fix_text(text, **options)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(clean_sentences, mojibake(), st.just("<p>"), st.just("a &amp; b")), max_size=10))
def test_entity_decoding_stops_at_the_first_tag_as_in_ftfy(lines):
    text = "\n".join(lines)
    for options in ({}, {"max_decode_length": 9}):
        assert fix_text(text, **options) == ftfy.fix_text(text, **options)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(clean_sentences, mojibake(), any_text), min_size=1, max_size=4).map("".join), st.integers(1, 30)
)
def test_long_lines_are_cut_where_ftfy_cuts_them(line, limit):
    text = line * 3 + "\n" + line
    assert fix_text(text, max_decode_length=limit) == ftfy.fix_text(text, max_decode_length=limit)


def test_fix_text_takes_a_config_object_and_rejects_unknown_options():
    config = TextFixerConfig(uncurl_quotes=False, explain=True)
    text = "â€œhiâ€\x9d &amp;"
    assert fix_text(text, config) == ftfy.fix_text(text, config)
    with pytest.raises(ValueError, match="no_such_option"):  # as ftfy does
        fix_text(text, no_such_option=True)
    with pytest.raises(ValueError, match="max_decode_length"):
        fix_text(text, max_decode_length=0)


def test_fix_text_rejects_bytes():
    with pytest.raises(TypeError, match="bytes"):
        fix_text(b"x")  # type: ignore[arg-type]


# -- why the fast path is safe: each claim checked exhaustively against ftfy ----------

ALL_CODE_POINTS = "".join(map(chr, range(0x110000)))


def _without(code_points):
    return "".join(c for c in ALL_CODE_POINTS if ord(c) not in code_points)


@pytest.mark.parametrize(
    ("fixer", "triggers"),
    [(ftfy.FIXERS[name], chars) for name, chars in _TRIGGER_SETS.items()]
    + [(fixes.unescape_html, frozenset({ord("&")}))],
    ids=[*_TRIGGER_SETS, "unescape_html"],
)
def test_each_fixer_leaves_every_character_outside_its_triggers_alone(fixer, triggers):
    # Every fixer works on single characters, or on patterns that start with a trigger,
    # so a text of all the other code points goes through unchanged.
    rest = _without(triggers)
    assert fixer(rest) == rest
    # and every trigger makes its segment a candidate, whose result is ftfy's
    scanner = _scanner(True, TextFixerConfig(unescape_html=False, max_decode_length=0, explain=False))
    for code_point in triggers - {ord("&")} - set(map(ord, _SINGLE_QUOTES + _DOUBLE_QUOTES)):
        char = chr(code_point)
        assert scanner.candidates.search(char) and scanner.is_candidate(char + " ", 0)
        assert fix_text(f"x{char}y\n") == ftfy.fix_text(f"x{char}y\n")


def test_uncurl_is_ftfys_uncurl_on_every_character():
    assert _uncurl(ALL_CODE_POINTS) == fixes.uncurl_quotes(ALL_CODE_POINTS)


def test_straightening_quotes_keeps_any_normalization():
    quotes = _SINGLE_QUOTES + _DOUBLE_QUOTES + "'\""
    for quote in quotes:
        assert unicodedata.decomposition(quote) == "" and unicodedata.combining(quote) == 0
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            assert unicodedata.is_normalized(form, quote)
    # Composition only ever joins the parts of a canonical decomposition, and no canonical
    # decomposition holds a quote, so no quote composes with anything, curly or straight.
    hex_codes = {f"{ord(q):04X}" for q in quotes}
    canonical = [unicodedata.decomposition(c) for c in ALL_CODE_POINTS]
    assert not [d for d in canonical if d and not d.startswith("<") and hex_codes & set(d.split())]


def test_the_badness_prefilter_covers_every_branch():
    assert _BADNESS is not None  # ftfy's regex was analysable: skipping is allowed at all
    assert all(c >= 0x80 for c in _BADNESS.singles | set(_BADNESS.follows))
    assert all(c >= 0x80 for after in _BADNESS.follows.values() for c in after)


def _candidate_positions(scanner, text):
    return [m.start() for m in scanner.candidates.finditer(text) if scanner.is_candidate(text, m.start())]


@settings(max_examples=300, deadline=None)
@given(st.one_of(mojibake(), messy_text, any_text, clean_sentences))
def test_the_candidate_scan_finds_every_bad_segment(text):
    scanner = _scanner(False, TextFixerConfig(unescape_html=False, max_decode_length=0, explain=False))
    if is_bad(text):
        assert _candidate_positions(scanner, text)
        assert scanner.resolve(text, TextFixerConfig(unescape_html=False)) is None


@settings(max_examples=60, deadline=None)
@given(mixed_lines, ftfy_options)
def test_without_the_badness_prefilter_every_non_ascii_segment_is_checked(text, options):
    # What happens if ftfy's badness regex ever cannot be read: slower, still exact.
    from copydesk import encoding

    saved = encoding._BADNESS
    encoding._BADNESS = None
    encoding._scanner.cache_clear()
    try:
        assert fix_text(text, **options) == ftfy.fix_text(text, **options)
    finally:
        encoding._BADNESS = saved
        encoding._scanner.cache_clear()


def test_ordinary_accented_text_is_not_a_candidate():
    scanner = _scanner(False, TextFixerConfig(unescape_html=False, max_decode_length=0, explain=False))
    for sentence in ["Não há ações", "Türkçe öğrenmek", "Łódź i Kraków są piękne", "«Это так», — сказал он."]:
        assert _candidate_positions(scanner, sentence) == [], sentence


@settings(max_examples=200, deadline=None)
@given(st.one_of(mojibake(), messy_text, any_text, clean_sentences))
@example("Γ\x90Β\x9fΓ‘Β€Γ\x90Β°ΓThe council met on Monday.")
def test_straight_quotes_are_never_worse_than_curly_ones(text):
    # the step of the proof that lets a quote-only line skip ftfy's second round: no branch of
    # the badness regex accepts a straight quote where it rejects a curly one. (The number of
    # matches can still grow: a match that used a curly quote no longer swallows its
    # neighbours, which the left-to-right scan then matches on their own.)
    straight = fixes.uncurl_quotes(text)
    if not is_bad(text):
        assert not is_bad(straight)
    for match in BADNESS_RE.finditer(straight):
        assert BADNESS_RE.fullmatch(text, match.start(), match.end()), match


# -- repair to a fixpoint --------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(mixed_lines, ftfy_options)
def test_fix_text_until_stable_is_stable(text, options):
    once = fix_text_until_stable(text, **options)
    assert fix_text_until_stable(once, **options) == once


def _ftfy_until_stable(text, **options):
    for _ in range(8):
        fixed = ftfy.fix_text(text, **options)
        if fixed == text:
            break
        text = fixed
    return text


@settings(max_examples=150, deadline=None)
@given(mixed_lines, st.booleans(), st.booleans())
def test_fix_text_until_stable_equals_ftfy_repeated_on_the_whole_text(text, uncurl, unescape):
    # the reference: the whole text through ftfy again and again; copydesk repeats only changed lines
    options = {"uncurl_quotes": uncurl, "unescape_html": unescape}
    assert fix_text_until_stable(text, **options) == _ftfy_until_stable(text, **options)


def test_fix_text_until_stable_repairs_what_one_pass_uncovers():
    text = "Straße\r\x9bß"
    assert ftfy.fix_text(ftfy.fix_text(text)) != ftfy.fix_text(text)
    assert fix_text_until_stable(text) == ftfy.fix_text(ftfy.fix_text(text))


def test_big_inputs_run_and_match_ftfy():
    line = "“Quoted,” said Müller in São Paulo. " * 20
    text = "\n".join([line, line.encode().decode("cp1252", errors="replace"), "AT&T &amp; co"] * 60)
    assert fix_text(text) == ftfy.fix_text(text)
    one_line = text.replace("\n", " ")  # one line cut into max_decode_length pieces
    assert fix_text(one_line, max_decode_length=10_000) == ftfy.fix_text(one_line, max_decode_length=10_000)


# -- bytes -------------------------------------------------------------------------------


def test_decode_utf8_bom_utf16_and_fallback():
    assert decode("héllo".encode()) == "héllo"
    assert decode(codecs.BOM_UTF8 + b"x") == "x"
    assert decode("ü".encode("utf-16")) == "ü"
    # invalid UTF-8 falls back to windows-1252; undefined bytes map as latin-1
    assert decode(b"caf\xe9 \x81\x93q\x94") == "café \x81“q”"
    with pytest.raises(TypeError, match="str"):
        decode("text")  # type: ignore[arg-type]


def test_default_pipeline_undoes_a_cp1252_round_trip_of_an_article():
    article = (Path(__file__).parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    mojibake_article = article.encode("utf-8").decode("sloppy-windows-1252")  # what browsers do
    assert mojibake_article != article
    assert copydesk.clean(mojibake_article) == copydesk.clean(article)
    assert "’" in copydesk.clean(mojibake_article)  # curly quotes kept


def test_a_line_longer_than_max_decode_length_and_many_short_lines():
    sentence = "“Quoted,” said Müller in São Paulo — a clean sentence. "
    line = sentence * (1_100_000 // len(sentence)) + "LÃ³pez agreed."  # ftfy cuts it in two pieces
    assert len(line) > TextFixerConfig().max_decode_length
    assert fix_text(line) == ftfy.fix_text(line)
    assert fix_text_until_stable(line, uncurl_quotes=False).endswith("López agreed.")
    lines = [f"Line {i}: “ok” — Ã©tÃ© {i}" if i % 37 == 0 else f"Line {i}: “ok”" for i in range(30_000)]
    text = "\n".join(lines)
    assert fix_text(text) == ftfy.fix_text(text)
    normalizers = copydesk.Pipeline(s for s in copydesk.default_pipeline() if getattr(s, "settle", False))
    cleaned = copydesk.clean(text, normalizers).split("\n\n")
    assert len(cleaned) == len(lines)
    for i in (0, 37, 15_000, 29_970):
        assert cleaned[i] == copydesk.clean(lines[i], normalizers)
