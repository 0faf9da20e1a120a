"""Reusable hypothesis strategies for copydesk's property tests."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
from hypothesis import strategies as st

from copydesk.document import _BLANKS as STRIP_BLANKS

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
        "&#8232;",
        "&Atilde;&copy;",
        "Ã\u200b©",
        "â€¨",
        "\u2000",
        "Ã ",
        "A",
        "word",
        ". ",
    ]
)

#: Text built from pieces that trip normalizers: mojibake, entities, invisibles, breaks.
messy_text = st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=40).map("".join)

#: Lines made of blanks and letters: where a line starts and ends, as ``str.strip`` sees it. The blanks
#: are every character ``str.strip`` removes (line breaks included; "\x1c"-"\x1f" among them, which
#: regex's ``\s`` does not match; the model's own list, which a test holds against all of Unicode),
#: then a few that look blank but are not.
blank_edged_lines = st.lists(
    st.text(alphabet=st.sampled_from([*STRIP_BLANKS, "a", "b", "\u200b", "\ufeff", "\x00"]), max_size=4), max_size=6
)


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


# -- mojibake and ftfy options -------------------------------------------------------

#: Sentences we wrote, in several languages and scripts, with typography.
clean_sentences = st.sampled_from(
    [
        "The council met on Monday.",
        "“We were trucking water in,” said the mayor’s chief of staff.",
        "López Obrador visitó São Paulo y Zürich — otra vez…",
        "Die Straße in Köln war gesperrt, sagte Müller.",
        "L’été à Montréal: «déjà vu», a-t-il dit.",
        "Złoty spadł, a Łódź czeka na decyzję.",
        "Český statistický úřad zveřejnil údaje.",
        "Правительство объявило о новых мерах в понедельник.",
        "Η κυβέρνηση ανακοίνωσε νέα μέτρα.",
        "İstanbul’da ağır yağış bekleniyor.",
        "東京で新しい計画が発表された。",
        "Price: 5 €, 10 £, 3 ¥ and ½ off — 20% × 2",
        "naïve café, œuvre, ﬁnal ﬂight, Ĳssel",
        "emoji 👩‍💻 and 🇩🇪",
    ]
)

#: Codecs whose mojibake ftfy knows (it re-encodes with these and decodes UTF-8).
MOJIBAKE_CODECS = (
    "sloppy-windows-1252",
    "latin-1",
    "macroman",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "iso-8859-2",
    "cp437",
)


@st.composite
def mojibake(draw: st.DrawFn, source: st.SearchStrategy[str] | None = None) -> str:
    """A string sent through UTF-8 and decoded with a single-byte codec, once or twice.

    Sometimes lossy (``errors="replace"`` on plain windows-1252, as many web
    pipelines do), sometimes only part of the string.
    """
    text = draw(source if source is not None else st.one_of(clean_sentences, st.text(max_size=12)))
    for _ in range(draw(st.integers(1, 2))):  # double encoding on the second round
        codec = draw(st.sampled_from(MOJIBAKE_CODECS + ("windows-1252",)))
        data = text.encode("utf-8", errors="surrogatepass")
        text = data.decode(codec, errors="replace")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(clean_sentences)
    return text


#: Text made of what ftfy's character fixes act on: ligatures, full- and halfwidth forms
#: (a wide "＆ａｍｐ；" becomes an entity, halfwidth "ﾊﾞ" composes), quotes, combining marks.
width_text = st.lists(
    st.sampled_from(
        [
            "ﬁ",
            "ﬃ",
            "Ĳ",
            "ŉ",
            "ǅ",
            "ＬＯＵＤ",
            "＆ａｍｐ；",
            "＜",
            "ﾊﾞ",
            "ｶ",
            "ﾟ",
            "\u3000",
            "０",
            "＝\u0338",
            "“",
            "’",
            "e\u0301",
        ]
        + ["Ã", "©", "&amp;", "<", " ", "a", "\n", "\r", "\x85", "\x1b["]
    ),
    max_size=25,
).map("".join)

#: Lines of text, some clean, some mojibake, some arbitrary, joined by assorted line breaks.
mixed_lines = st.lists(
    st.one_of(clean_sentences, mojibake(), messy_text, width_text, any_text), min_size=1, max_size=8
).flatmap(lambda lines: st.sampled_from(["\n", "\r\n", "\n\n", "\r"]).map(lambda sep: sep.join(lines)))

#: Option sets for ``ftfy.fix_text`` (and ``copydesk.fix_text``).
ftfy_options = st.fixed_dictionaries(
    {},
    optional={
        "unescape_html": st.sampled_from(["auto", True, False]),
        "remove_terminal_escapes": st.booleans(),
        "fix_encoding": st.booleans(),
        "restore_byte_a0": st.booleans(),
        "replace_lossy_sequences": st.booleans(),
        "decode_inconsistent_utf8": st.booleans(),
        "fix_c1_controls": st.booleans(),
        "fix_latin_ligatures": st.booleans(),
        "fix_character_width": st.booleans(),
        "uncurl_quotes": st.booleans(),
        "fix_line_breaks": st.booleans(),
        "fix_surrogates": st.booleans(),
        "remove_control_chars": st.booleans(),
        "normalization": st.sampled_from(["NFC", "NFKC", "NFD", "NFKD", None]),
        "max_decode_length": st.one_of(st.integers(1, 40), st.just(1_000_000)),
        "explain": st.booleans(),
    },
)

_credit_pieces = st.sampled_from(
    [
        "Photo",
        "Foto",
        "Bild",
        "Crédito",
        "Image source",
        "Image caption",
        "FILE PHOTO",
        "ARCHIV",
        "AP Photo",
        "Getty Images",
        "REUTERS",
        "dpa",
        "AFP via Getty Images",
        "picture alliance",
        "Jane Doe",
        "Dale Varnum",
        "Oh Jin-Seong",
        "of",
        "von",
        "3",
        "12",
        "more",
        "mehr",
        "by",
        "©",
        ": ",
        ", ",
        "/",
        " | ",
        " - ",
        "(",
        ")",
        ". ",
        "...",
        "…",
        " ",
        "The mayor opened the bridge on Monday.",
        "Ein Mann läuft über die Brücke",
        "Inés María Núñez Ortega and Tomás Rivera.",
        " (left)",
        " (l.)",
        " (v. l. n. r.)",
        " (Mitte)",
        "Fot. ",
        "Symbolbild",
        "Stadtwerke Kiel",
    ]
)

#: Lines built from credit and caption pieces: labels, agencies, names, counters, brackets, cut marks.
credit_like_lines = st.lists(_credit_pieces, min_size=1, max_size=12).map("".join).map(str.strip)


# -- page text ----------------------------------------------------------------------

_page_lines = st.sampled_from(
    [
        "Home",
        "News",
        "Sport",
        "Menu",
        "Share on Facebook",
        "Teilen",
        "Newsletter abonnieren",
        "Read more: Council delays the vote on the tram line",
        "Mehr zum Thema",
        "By Jane Doe",
        "Von Anna Müller",
        "12. März 2024, 10:15 Uhr",
        "Photo: AP",
        "Foto: dpa",
        "3 of 12",
        "© 2024 Example Media. All rights reserved.",
        "We use cookies to improve your experience.",
        "Advertisement",
        "Comments (14)",
        "The council voted on Tuesday to extend the tram line to the airport, a project that has been delayed twice.",
        "Residents said the works had closed the main road for months and that shops on the street lost customers.",
        "Die Stadt will die Brücke bis zum Sommer sanieren, teilte ein Sprecher am Montag mit, die Kosten steigen.",
        "« Nous ne reculerons pas », a déclaré la ministre à l’issue du conseil des ministres mercredi soir.",
        "El alcalde anunció que el nuevo puente abrirá en junio, dos meses más tarde de lo previsto.",
        "A fisherman at dawn on the river.",
    ]
)

#: Page-like text: navigation, bylines, credits, captions, boilerplate and body paragraphs (some
#: repeated, some with mojibake or odd spaces), one block per line, as scrapers produce it.
page_text = st.lists(
    st.one_of(_page_lines, _page_lines, _page_lines, clean_sentences, credit_like_lines, messy_text),
    min_size=1,
    max_size=30,
).flatmap(lambda lines: st.sampled_from(["\n", "\n\n", "\r\n"]).map(lambda sep: sep.join(lines)))
