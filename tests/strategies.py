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
