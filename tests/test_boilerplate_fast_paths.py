"""Fast paths of the boilerplate decisions held against the simple code they replace."""

from __future__ import annotations

import re
from bisect import bisect_right

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copydesk.boilerplate import Page, features, model
from copydesk.boilerplate.decisions import _Topical

_PIECES = ["Schule", "schule", "Gesamtschule", "SCHULE", "Straße", "strasse", "Südpark", "der", "12", "_", " ", ", "]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join), min_size=1, max_size=8),
    st.data(),
)
def test_topical_share_equals_the_share_of_the_body_words(lines, data):
    lines = [line.strip() or "x" for line in lines]
    body = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    end = data.draw(st.integers(min_value=1, max_value=len(lines)))
    page = Page.from_lines(lines)
    topical = _Topical(page, body, end)
    text = " ".join(lines[j] for j in range(end - 1, len(lines)) if body[j])
    words = frozenset(re.findall(r"\w+", text.casefold()))  # what the body's words were before the fast path
    for i in range(len(lines)):
        own = set(topical.content(i))
        expected = sum(w in words for w in own) / len(own) if own else None
        assert topical.share(i) == expected


# --- line features: the checks _measure inlines, held against the simple definitions they replace ---

_LINE_PIECES = [
    "Home",
    "news",
    "Jane",
    "said:",
    "schrieb:",
    "at 4:47 pm",
    "10:15 am",
    "um 10:15 Uhr",
    "12.03.2024",
    "Copyright",
    "©",
    "(c) 2024",
    "www.example.com",
    "a@b",
    "https://x",
    "...",
    "…",
    '."',
    "»",
    ")",
    ",",
    "!",
    "?",
    ":",
    "Ü",
    "É",
    "ﬁ",
    "٣",
    "•",
    "_",
    "and",
    "the",
    " ",
    " ",
    " ",
]
_lines = st.lists(st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=3)), max_size=30).map("".join)


def _reference_bins(line: str) -> dict[int, int]:
    """Bins of ``line`` as the code before the inlining computed them, by position in ``Local.bins``."""
    low = line.lower()
    toks = re.findall(r"\w+", low)
    nw = len(toks)
    marks = re.findall(r"[\d|•·»«›‹>/©®™@#*=_~^\[\]{}<]", line)
    digits = sum(map(str.isdigit, marks))
    copyright = "©" in low or "copyright" in low or ("(c)" in low and regex.search(r"\(c\)\s*\d{4}", low) is not None)
    said = low.endswith(features._SAID)
    comment = nw <= 20 and (said or (low.endswith((":", "pm", "am", "uhr")) and regex.search(r"\d:\d\d", low)))
    url = "://" in low or "www." in low or "@" in low or ("." in low and re.search(r"\.(?:com|org|net|de|htm)", low))
    return {
        0: features._word_bin(nw),
        2: features._end_bin(line),
        6: min(3, len(marks) - digits),
        10: 1 if url else 0,
        11: features._first_bin(line),
        12: bisect_right(features._LENGTH_EDGES, (len(line) - line.count(" ")) / nw) if nw else 0,
        15: 1 if comment else 0,
        -1: 1 if copyright and nw <= 40 else 0,
    }


@settings(max_examples=300, deadline=None)
@given(st.one_of(_lines, st.text(max_size=40)))
@example("said:HomeHome...Home...HomeCopyright")  # a one-word phrase in prose before a copyright word
def test_measure_inlined_bins_equal_their_simple_definitions(line):
    local = features.measure(line, "en")
    expected = _reference_bins(line)
    copyright = expected.pop(-1)
    assert {k: local.bins[k] for k in expected} == expected
    # a topic phrase takes the topic bin before a copyright notice, also a one-word phrase in prose (whose
    # line gets no ``topic``: "said:Home...Copyright"), so the copyright bins are checked when no phrase is binned
    if not 1 <= local.bins[7] <= 3 * len(features.TOPICS):
        assert (local.bins[7] > 3 * len(features.TOPICS)) == bool(copyright)


def test_measure_tables_equal_the_functions_they_tabulate():
    assert all(features._WORD_BIN_TABLE[n] == features._word_bin(n) for n in range(201))
    assert features._word_bin(201) == features._word_bin(10**6) == 15
    assert all(features._STOP_BINS[k] == 1 + min(6, k) for k in range(11))
    for last, end_bin in features._END_BINS.items():
        # the table says the last character alone decides: whatever stands before it
        for head in ("", "Home", "a.", 'x"', "(", "…", "2024"):
            assert features._end_bin(head + last if last else "") == end_bin
    # every "said:" ends with a colon, so a line that ends with none of _COMMENT_ENDS is no comment header
    assert all(word.endswith(":") for word in features._SAID) and ":" in features._COMMENT_ENDS


def _find_topic_every_length(tokens: list[str]) -> tuple[str, int, int]:
    """find_topic as it was: every length from the longest phrase's down, at every word that opens a phrase."""
    phrases, first, longest = features._phrases()
    n = len(tokens)
    if n > 15:
        tokens, n = tokens[:6], 6
    best, size_found, start = "", 0, 0
    for i, token in enumerate(tokens):
        if token in first:
            for size in range(min(longest, n - i), size_found, -1):
                topic = phrases.get(tuple(tokens[i : i + size]))
                if topic:
                    best, size_found, start = topic, size, i
                    break
    return best, size_found, start


_PHRASE_WORDS = sorted({w for key in features._phrases()[0] for w in key})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PHRASE_WORDS), st.sampled_from(["the", "bridge", "x"])), max_size=20))
def test_find_topic_tries_only_the_lengths_of_phrases_a_word_opens(tokens):
    assert features.find_topic(tokens) == _find_topic_every_length(tokens)


@settings(max_examples=100, deadline=None)
@given(st.lists(_lines.map(str.strip).filter(bool), min_size=1, max_size=6))
def test_a_lines_own_stage1_sum_reads_the_same_weights_in_the_same_order(lines):
    weights = model.load_model()
    derived = model._Derived(weights)
    for local in Page.from_lines(lines).local:
        offsets = weights.offsets[: model.LOCAL_COUNT]
        expected = sum(weights.table1[offset + b] for offset, b in zip(offsets, local.bins, strict=True))
        assert derived.contribute(local.bins)[0] == expected  # equal floats, not approximately equal


def test_window_sizes_count_the_lines_within_eight_of_each_line():
    for n in range(60):
        expected = [sum(1 for j in range(n) if abs(i - j) <= 8) for i in range(n)]
        assert model._window_sizes(n) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            _lines, st.sampled_from(["By Jane Doe", "Von Max Müller und Eva Roth", "Por Ana Ruiz.", "De Ana Souza"])
        )
    )
)
def test_page_is_byline_reads_the_byline_bin_as_is_byline_decides(lines):
    # and a prefix that is also a preposition (Portuguese "De") only on a page of its language
    page = Page.from_lines(lines)
    assert [page.is_byline(i) for i in range(len(lines))] == [
        features._is_byline(line, page.local[i].words)
        and (page.language is None or features._byline_match(line, page.language) is not None)
        for i, line in enumerate(lines)
    ]
