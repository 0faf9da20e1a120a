"""Reusable hypothesis strategies for copydesk's property tests."""

from __future__ import annotations

from hypothesis import strategies as st

#: Any Unicode string, lone surrogates and controls included.
any_text = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))

_pieces = st.sampled_from(
    [
        "López",
        "Ã³",
        "â€œ",
        "â€\x9d",
        "Ã©",
        "\u00a0",
        "\u200b",
        "\u200d",
        "\u00ad",
        "\ufeff",
        "&amp;",
        "&amp;amp;",
        "&#8217;",
        "&nbsp;",
        "\r\n",
        "\n",
        "\n\n\n",
        "\t",
        "  ",
        "“",
        "”",
        "—",
        "…",
        "ﬁ",
        "½",
        "👩",
        "💻",
        "e\u0301",
        "\x85",
        "\u2028",
        "<b>",
        "A",
        "word",
        ". ",
    ]
)

#: Text built from pieces that trip normalizers: mojibake, entities, invisibles, breaks.
messy_text = st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=40).map("".join)


# -- near-duplicate corpora ---------------------------------------------------------

_words = st.sampled_from(
    "the council met on monday to vote budget López Müller said “it’s over” — shares rose 3 pct in "
    "early trading São Paulo Zürich officials expect exports of coffee".split()
)
_sentence = st.lists(_words, min_size=10, max_size=24).map(" ".join)


@st.composite
def _edited(draw: st.DrawFn, base: str, cuts: bool) -> str:
    """``base`` with up to two character edits, a case change and (with ``cuts``) maybe a cut."""
    chars = list(base)
    for _ in range(draw(st.integers(0, 2))):
        if len(chars) < 2:
            break
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["sub", "ins", "del"]))
        letter = draw(st.sampled_from("aeiouxyz ,."))
        if op == "sub":
            chars[i] = letter
        elif op == "ins":
            chars.insert(i, letter)
        else:
            del chars[i]
    text = "".join(chars)
    if draw(st.booleans()):
        text = text.upper()
    if cuts and draw(st.integers(0, 3)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text


@st.composite
def near_duplicate_corpora(draw: st.DrawFn, max_size: int = 40, cuts: bool = False) -> list[str]:
    """Small corpora of paragraphs (10-24 words) in which some are lightly edited copies of others.

    Each copy is made from an original (never from another copy), so edits do not pile up;
    with ``cuts`` some copies are also truncated (containment cases).
    """
    bases = draw(st.lists(_sentence, min_size=1, max_size=8))
    texts: list[str] = []
    for _ in range(draw(st.integers(0, max_size))):
        base = draw(st.sampled_from(bases))
        texts.append(draw(_edited(base, cuts)) if draw(st.booleans()) else base)
    return texts
