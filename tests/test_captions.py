"""Captions, credits and repeated lines: realistic cases written for these tests, several languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Document, Pipeline, steps
from copydesk.captions import fold
from tests.strategies import any_text, credit_like_lines, messy_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
CAPTION_STEPS = ("credits", "captions", "repeats")


def run(text: str) -> Document:
    return Pipeline([steps.whitespace(), steps.credits(), steps.captions(), steps.repeats()])(text)


def removed_by_us(doc: Document) -> list[str]:
    return [r.before for r in doc.records if r.action == "remove" and r.step in CAPTION_STEPS]


# -- the bundled example ----------------------------------------------------------------------


def test_example_article_loses_both_caption_lines_and_nothing_else():
    text = EXAMPLE.read_text(encoding="utf-8")
    plain = Document.from_text(text)
    caption_lines = [s.text for s in plain.segments if s.text.startswith("Residents of Puerto Peñasco")]
    assert len(caption_lines) == 2
    doc = copydesk.process(text)  # the default pipeline
    assert removed_by_us(doc) == caption_lines
    assert doc.captions == ("Residents of Puerto Peñasco watch the desalination barge arrive at the harbour.",)
    assert {r.rule for r in doc.records if r.step in CAPTION_STEPS} == {"caption.repeat"}
    # without the boilerplate step (headline, byline, teaser, read-more are its job), every other
    # line is kept byte for byte: the normalizers find nothing to change in it
    doc = copydesk.default_pipeline().without("boilerplate")(text)
    assert [s.text for s in doc.kept] == [s.text for s in plain.segments if s.text not in caption_lines]
    assert [r.rule for r in doc.records] == ["caption.repeat", "caption.repeat"]


# -- repeated captions -------------------------------------------------------------------------

BODY_EN = "The council approved the new harbour budget on Tuesday after a four-hour debate."


@pytest.mark.parametrize(
    ("copies", "expected"),
    [
        # exact repeat, both cut off at "("
        (
            [
                "Fishermen unload their catch at dawn in Puerto Peñasco. (",
                "Fishermen unload their catch at dawn in Puerto Peñasco. (",
            ],
            "Fishermen unload their catch at dawn in Puerto Peñasco.",
        ),
        # one copy cut off mid-word, the other with an AP credit appended
        (
            [
                "President Joe Biden speaks in the Rose Garden of the White House. (AP Photo/Dale Varnum)",
                "President Joe Biden speaks in the Rose Garden of the Whi",
            ],
            "President Joe Biden speaks in the Rose Garden of the White House. (AP Photo/Dale Varnum)",
        ),
        # accents and curly quotes lost in one copy, a typo in the other
        (
            [
                "Andrés Manuel López Obrador greets “AMLO” supporters in Zócalo square.",
                'Andres Manuel Lopez Obrador greets "AMLO" suporters in Zocalo square.',
            ],
            "Andrés Manuel López Obrador greets “AMLO” supporters in Zócalo square.",
        ),
        # German: alt text and caption, one with a dpa credit
        (
            [
                "Ein Fischkutter läuft am Morgen in den Hafen von Husum ein. Foto: Timo Wendler/dpa",
                "Ein Fischkutter läuft am Morgen in den Hafen von Husum ein.",
            ],
            "Ein Fischkutter läuft am Morgen in den Hafen von Husum ein. (Foto: Timo Wendler/dpa)",
        ),
        # Portuguese: one copy with a credit in brackets, the other cut at "("
        (
            [
                "Moradores fazem fila para receber água potável em Fortaleza (Foto: Agência Brasil)",
                "Moradores fazem fila para receber água potável em Fortaleza (",
            ],
            "Moradores fazem fila para receber água potável em Fortaleza (Foto: Agência Brasil)",
        ),
        # Italian: curly and straight apostrophes, the second copy with an ANSA credit after the sentence
        (
            [
                "Il sindaco all’inaugurazione del nuovo ponte sull’Adige.",
                "Il sindaco all'inaugurazione del nuovo ponte sull'Adige. Foto: ANSA/Mario Rossi",
            ],
            "Il sindaco all’inaugurazione del nuovo ponte sull’Adige. (Foto: ANSA/Mario Rossi)",
        ),
        # French, cut with an ellipsis and "plus" toggle
        (
            [
                "Des cyclistes traversent à Nantes le nouveau pont sur la Loire, le 12 mai 2024.",
                "Des cyclistes traversent à Nantes le nouveau pont sur la... plus",
            ],
            "Des cyclistes traversent à Nantes le nouveau pont sur la Loire, le 12 mai 2024.",
        ),
    ],
)
def test_repeated_caption_leaves_the_body_and_one_clean_copy_is_kept(copies, expected):
    text = "\n".join([*copies, BODY_EN])
    doc = run(text)
    assert doc.body == BODY_EN
    assert doc.captions == (expected,)
    assert {r.rule for r in doc.records if r.step == "captions"} == {"caption.repeat"}
    assert all(r.reason.startswith("caption repeated") for r in doc.records if r.step == "captions")


def test_caption_copies_separated_by_a_credit_line_and_the_credit_is_kept():
    text = "\n".join(
        [
            "Former Vermont Gov. Ellen Hartley, left, speaks with a hardware store owner in Keene, N.H.",
            "Former Vermont Gov. Ellen Hartley, left, speaks with a hardware store owner in Keene, N.H.",
            "Photo: Tom Alder, AP",
            "Photo: Tom Alder, AP",
            "Image 1 of 5",
            BODY_EN,
        ]
    )
    doc = run(text)
    assert doc.body == BODY_EN
    assert doc.captions == (
        "Former Vermont Gov. Ellen Hartley, left, speaks with a hardware store owner in Keene, N.H. "
        "(Photo: Tom Alder, AP)",
    )
    rules = [r.rule for r in doc.records]
    assert rules.count("credit.line") == 2 and rules.count("credit.counter") == 1


def test_caption_repeated_as_the_first_paragraph_after_its_credit_keeps_that_paragraph():
    lede = (
        "The Harbour Lights will reunite with their former singer Nora Quist for a 2025 European concert "
        "tour celebrating the band's 40th anniversary."
    )
    text = "\n".join([lede, "Photo by Sam Ortiz/Getty Images", lede.replace("'", "’"), BODY_EN])
    doc = run(text)
    assert doc.body == f"{lede.replace(chr(39), '’')}\n\n{BODY_EN}"
    assert doc.captions == (f"{lede} (Photo by Sam Ortiz/Getty Images)",)


def test_a_heading_that_starts_like_a_caption_prefix_stays():
    text = "Archiv-Suche\nArchiv: Pressemitteilungen\nFile photos of the new bridge are online."
    assert removed_by_us(run(text)) == []


def test_single_caption_with_credit_or_prefix_is_a_caption():
    text = "\n".join(
        [
            "FILE PHOTO: A man walks past the logo of Deutsche Bank in Frankfurt. REUTERS/Ole Brackmann",
            BODY_EN,
            "Un hombre camina frente al Congreso en Madrid. (Foto: EFE)",
            "Image caption, Crowds gathered outside the stadium before kick-off",
            "Instagram wants creators to run their profiles like a business.Photograph: Lena Brooks/Bloomberg",
            "Die Notaufnahme im Leipziger Stadtklinikum / picture alliance",
            "Schweigt lieber: der PR-Berater Kessler. © Lena Haas/dpa",
        ]
    )
    doc = run(text)
    assert doc.body == BODY_EN
    assert doc.captions == (
        "A man walks past the logo of Deutsche Bank in Frankfurt. (REUTERS/Ole Brackmann)",
        "Un hombre camina frente al Congreso en Madrid. (Foto: EFE)",
        "Crowds gathered outside the stadium before kick-off",
        "Instagram wants creators to run their profiles like a business. (Photograph: Lena Brooks/Bloomberg)",
        "Die Notaufnahme im Leipziger Stadtklinikum (picture alliance)",
        "Schweigt lieber: der PR-Berater Kessler. (© Lena Haas/dpa)",
    )


# -- credit lines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "(AP Photo/Dale Varnum)",
        "Photo: Reuters",
        "Getty Images",
        "AFP via Getty Images",
        "Image source, Getty Images",
        "Image caption,",
        "Credit: Jane Doe for The New York Times",
        "View Full Image",
        "3 of 12",
        "Image 1 of / 23",
        "Foto: dpa",
        "Foto: Redaktion/privat",
        "Bild: Uwe Kramer",
        "Bild 4 von 9",
        "Crédit photo : Stéphane de Sakutin / AFP",
        "Photo d'archives",
        "Crédito: Europa Press",
        "Foto: Agência Brasil",
        "Foto di Mario Rossi",
        "Foto: ANSA",
        "Photo © Inexhibit, 2018",
        "© Getty Images",
        "© Shutterstock/kaltwind",
        "© Lena Haas/dpa",
        "Rubriklistenbild: © Jens Falk/dpa",
        "Mary Ann Tobin Getty Images",
        "Main image credit: Getty",
        "Foto: © picture alliance / dpa",
    ],
)
def test_credit_lines_are_removed(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert doc.body == BODY_EN
    assert doc.records[-1].step == "credits"
    assert doc.records[-1].rule.startswith("credit.")


# -- hard negatives: these stay in the body ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # body sentences that mention a photo or a credit
        "The photo, taken by an AP photographer in 1972, changed how Americans saw the war.",
        "Getty Images said it had licensed the picture to more than forty newspapers.",
        "She showed us one photo: her grandfather on the pier in 1956.",
        "Credit: the bank extended its line of credit to the cooperative in March.",
        "Die Fotos wurden von der Polizei veröffentlicht, sagte ein Sprecher der dpa.",
        "La foto, publicada por Reuters, muestra el puerto de Valparaíso al amanecer.",
        # a credit-like phrase inside a sentence
        "The image (credited to Reuters in the print edition) was later withdrawn.",
        "Reuters reported on Monday that the talks had stalled.",
        "Prüfen lt. Wartungsplan / Schulungsunterlagen",
        "Die Frage ist nur: wer bezahlt das? Reuters / AP / dpa berichteten übereinstimmend.",
        # repeated short dialogue lines in an interview
        "Q: Did you expect to win?\nA: No.\nQ: Not even after the first round?\nA: No.",
        "“Yes.”\n“Are you sure?”\n“Yes.”",
        "Yes.\nYes.",
        # list items repeated
        "- 1 cup flour\n- 2 eggs\n- 1 cup flour",
        "1. Preheat the oven.\n1. Preheat the oven.",
        # a one-line paragraph that looks nothing like a caption
        "He left.",
        # a copyright line is legal boilerplate (the boilerplate step's), not a photo credit
        "© 2024 The Coastal Herald",
        # a source line at the end of an article (a text credit, not a photo credit)
        "The company said profits would fall by a third this year. (Reuters)",
        # a heading followed by a paragraph that starts with the same words
        "How to apply for the grant\nHow to apply for the grant is explained on the council's website.",
    ],
)
def test_hard_negatives_stay(text):
    doc = run(text)
    assert removed_by_us(doc) == [], doc.explain()


def test_repeated_question_in_interviews_stays():
    question = "Was hat Sie zu Ihrer Kochseite inspiriert?"
    text = "\n".join([question, "Meine Großmutter.", question, "Mein Sohn."])
    assert removed_by_us(run(text)) == []


# -- pull quotes and repeated paragraphs --------------------------------------------------------

PARA = (
    "Critics worry about the brine. The plant returns a concentrated salt stream to the bay, "
    "and fishermen who work the shallows near the estuary have asked for independent monitoring."
)


def test_pull_quote_is_removed_and_its_paragraph_stays():
    text = "\n".join(
        [PARA, "“Fishermen who work the shallows near the estuary have asked for independent monitoring”", "Next."]
    )
    doc = run(text)
    assert doc.body == f"{PARA}\n\nNext."
    assert [r.rule for r in doc.records] == ["repeat.pullquote"]


def test_pull_quote_in_spanish_with_accents_lost():
    para = (
        "El alcalde defendió el proyecto ante los vecinos. Según dijo, la planta desalinizadora "
        "abastecerá a la ciudad durante los meses de verano sin subir la tarifa."
    )
    quote = "La planta desalinizadora abastecera a la ciudad durante los meses de verano sin subir la tarifa."
    doc = run(f"{quote}\n{para}")
    assert doc.body == para


def test_paragraph_repeated_in_full_keeps_its_first_copy():
    text = "\n".join([PARA, "Local officials have spent a decade looking for a fix.", PARA.replace(" ", "  ")])
    doc = run(text)
    assert doc.body == f"{PARA}\n\nLocal officials have spent a decade looking for a fix."
    assert [r.rule for r in doc.records if r.action == "remove"] == ["repeat.paragraph"]
    assert doc.segments[0].kept and not doc.segments[2].kept


# -- the pipeline, options and properties --------------------------------------------------------


def test_default_pipeline_strips_captions():
    names = copydesk.default_pipeline().names
    assert names.index("credits") < names.index("captions") < names.index("repeats")
    assert names.index("unicode") < names.index("credits")


def test_options_are_checked_and_used():
    with pytest.raises(ValueError):
        steps.captions(window=0)
    with pytest.raises(ValueError):
        steps.repeats(quote_min_words=10, quote_max_words=5)
    text = "A boat in the harbour at night.\nBody one.\nBody two.\nBody three.\nA boat in the harbour at night."
    assert removed_by_us(Pipeline([steps.captions(window=3)])(text)) == []
    assert steps.captions(langs=["de"]).langs == ("de",)


def test_fold_is_a_rapidfuzz_processor():
    from rapidfuzz import fuzz

    assert fold("“Zócalo”, LÓPEZ…") == "zocalo lopez"
    assert fuzz.ratio("Zócalo square", "zocalo SQUARE", processor=fold) == 100


@settings(max_examples=60, deadline=None)
@given(any_text | messy_text)
def test_caption_steps_never_crash_and_are_idempotent(text):
    doc = run(text)
    again = run(doc.body)
    assert removed_by_us(again) == []
    assert all(r.reason and r.rule for r in doc.records)


# -- fast paths held against the plain reading (as rapidfuzz holds its fast paths) -------------


@settings(max_examples=300, deadline=None)
@given(credit_like_lines | any_text.map(str.strip))
def test_cheap_gates_never_hide_a_credit_or_a_caption_marker(line):
    from copydesk.credits import CaptionParts, credit_lexicon

    lexicon = credit_lexicon()
    line = " ".join(line.split())  # one segment: no line breaks inside
    if not line:
        return
    if lexicon.line(line) is not None:
        assert lexicon.maybe_lines([line]) == [0]
    parts = lexicon.parse(line)
    if parts.marked or parts.cut:
        assert lexicon.maybe_captions([line]) == [0]
    if not lexicon.maybe_captions([line]):  # the captions step takes such a line as it is, unparsed
        assert parts == CaptionParts(line.strip(), "", "", False)


@settings(max_examples=200, deadline=None)
@given(st.lists(any_text | credit_like_lines | st.sampled_from([BODY_EN, PARA, "Mañana, “Ni-ño”!"]), max_size=6))
def test_remembered_fold_is_fold(texts):
    """The captions and repeats steps fold lines through a cache (a pipeline's pass over its body folds them
    again): asked once or again, it answers what fold does."""
    from copydesk.captions import _folded

    for text in texts + texts:
        assert _folded(text) == fold(text)


def test_a_second_run_over_the_same_lines_folds_from_the_cache():
    from copydesk.captions import _folded

    copydesk.clear_caches()
    quote = "Fishermen who work the shallows near the estuary have asked for independent monitoring"
    doc = Document.from_text("\n".join(["Home", PARA, f"“{quote}”", BODY_EN]))
    first = steps.repeats()(doc)
    misses = _folded.cache_info().misses
    again = steps.repeats()(doc)
    assert again == first and f"“{quote}”" not in first.body
    assert _folded.cache_info().misses == misses and _folded.cache_info().hits >= misses > 0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(credit_like_lines | st.sampled_from([BODY_EN, PARA, "Yes.", "Cut off. ("]), min_size=1, max_size=12),
    st.lists(st.integers(min_value=0, max_value=11), max_size=12),
    st.sampled_from([500, 40]),
)
def test_remembered_caption_gates_are_the_gates(lines, picks, max_chars):
    """The lines of the last call of maybe_captions are remembered: asked again about some of them (a
    pipeline's pass over its body), it answers what working them out again gives."""
    from copydesk import credits

    lexicon = credits.credit_lexicon()
    lines = [" ".join(line.split()) or "x" for line in lines]
    some = [lines[k % len(lines)] for k in picks]
    credits._LAST_MAYBE.clear()  # (an earlier example's lines may hold these)
    assert lexicon.maybe_captions(lines, max_chars) == lexicon._maybe_captions(lines, max_chars, None)
    assert credits._LAST_MAYBE and credits._LAST_MAYBE[0][2] == frozenset(lines)
    assert lexicon.maybe_captions(some, max_chars) == lexicon._maybe_captions(some, max_chars, None)
    assert credits._LAST_MAYBE[0][2] == frozenset(lines)  # answered from the last call: nothing new to remember


@settings(max_examples=100, deadline=None)
@given(st.lists(credit_like_lines | st.sampled_from([BODY_EN, PARA, "Yes.", "- 1 cup flour"]), max_size=12))
def test_documents_of_captions_and_credits_keep_every_line_accounted_for(lines):
    text = "\n".join(lines)
    doc = run(text)
    removed = {(r.start, r.end) for r in doc.records if r.action == "remove"}
    assert all((s.start, s.end) in removed for s in doc.removed)
    assert all(c.strip() for c in doc.captions)
    # each step is idempotent on its own output (across steps, a removed repeated paragraph can
    # bring two copies of a short line together for the next run: a known limit)
    for step in (steps.credits(), steps.captions(), steps.repeats()):
        once = Pipeline([steps.whitespace(), step])(text)
        assert removed_by_us(Pipeline([step])(once.body)) == []


# -- generic agency words, media nouns and bare copyright credits --------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Archives",  # a menu item, not a credit
        "Archiv",
        "News Archives",
        "Termine / Archiv",
        "Unser Archiv",
        "Archiv für Sozial-Liberale Stadtpolitik",
        "Public Inspection File",
        "Reportaje Especial",
        "Arquivo",
        "Foto/Video",
        "FOTO/VIDEO",
    ],
)
def test_menu_items_with_generic_agency_words_stay(line):
    text = f"Home\n{line}\nKontakt\n{BODY_EN}"
    assert removed_by_us(run(text)) == []


@pytest.mark.parametrize(
    "line",
    ["Archivo/La Comarca", "(FILE)", "(Archiv)", "Foto: privat", "dpa/Archiv", "Pool/AFP", "Divulgação/Prefeitura"],
)
def test_generic_agency_words_with_a_name_label_or_brackets_are_credits(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert doc.body == BODY_EN
    assert doc.records[-1].rule.startswith("credit.")


def test_caption_with_a_bare_copyright_credit():
    caption = "Blick auf die Altstadt von Salzburg vom Mönchsberg"
    text = "\n".join(
        [
            f"{caption} © Tourismus Seeland GmbH / Jane Doe",
            "Copyright © 2023 The Coastal Herald",
            "Radio Nordwelle © 2009-2020",
            "Section 3 © is a sign used by many to mark their work.",
            BODY_EN,
        ]
    )
    doc = run(text)
    assert doc.captions == (f"{caption} (© Tourismus Seeland GmbH / Jane Doe)",)
    assert removed_by_us(doc) == [f"{caption} © Tourismus Seeland GmbH / Jane Doe"]


# -- repeated lines that are not captions --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # menu items repeated (header and footer navigation)
        "Reise und Freizeit\nReise und Freizeit",
        "Forst- und Jagdpolitik\nWald und Wild\nForst- und Jagdpolitik",
        "Förderprogramme und Antragsteller\nFörderprogramme und Antragsteller",
        "Weitere Zimmer in derselben Pension\nWeitere Zimmer in derselben Pension",
        "Search in posts\nSearch in posts\nSearch in pages",
        "Glossary of marine biology terms\nGlossary of marine biology terms",
        # a series: near copies that differ in one numeral
        "Kieler Hafenrundgang Teil II.\nKieler Hafenrundgang Teil III.\nKieler Hafenrundgang Teil IV.",
        "Anna Berger – Das Salzhaus III\nAnna Berger – Das Salzhaus IV",
        # table cells of a product list
        "18 V mit Akku-Pack KX 18V-40\n18 V mit Akku-Pack KX 18V-40\n2 (Nacken, oberer Rücken)",
        # a repeated heading in Spanish and Italian
        "Precios y costo de vida\nPrecios y costo de vida",
        "Notizie dalla regione Veneto\nNotizie dalla regione Veneto",
    ],
)
def test_repeated_menu_items_headings_and_cells_are_not_captions(text):
    doc = run(f"{text}\n{BODY_EN}")
    assert removed_by_us(doc) == [], doc.explain()
    assert doc.captions == ()


@pytest.mark.parametrize(
    "copies",
    [
        # a typo in the first letters of one copy
        (
            "Fihsermen unload their catch at dawn in the harbour of Puerto Peñasco.",
            "Fishermen unload their catch at dawn in the harbour of Puerto Peñasco.",
        ),
        # a caption prefix on one copy and a credit on it
        (
            "FILE PHOTO: Ein Fischkutter läuft am Morgen in den Hafen von Husum ein. Foto: Timo Wendler/dpa",
            "Ein Fischkutter läuft am Morgen in den Hafen von Husum ein.",
        ),
        # French: a missing first word in one copy
        (
            "Des cyclistes traversent à Nantes le nouveau pont, le 12 mai 2024.",
            "Cyclistes traversent à Nantes le nouveau pont, le 12 mai 2024.",
        ),
    ],
)
def test_caption_copies_that_differ_in_their_first_letters_are_found(copies):
    doc = run("\n".join([*copies, BODY_EN]))
    assert doc.body == BODY_EN, doc.explain()
    assert len(doc.captions) == 1


# -- the body is never emptied ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Finnish Prime Minister Aino Virta speaks during a budget debate in Helsinki. Photo: AP",
            "Finnish Prime Minister Aino Virta speaks during a budget debate in Helsinki.",
        ),
        (
            "Un hombre camina frente al Congreso en Madrid. (Foto: EFE)",
            "Un hombre camina frente al Congreso en Madrid.",
        ),
        (
            "Dein täglicher Begleiter durch die Gartenwelt.\nDein täglicher Begleiter durch die Gartenwelt.",
            "Dein täglicher Begleiter durch die Gartenwelt.",
        ),
        ("Photo: Tom Alder, AP", "Photo: Tom Alder, AP"),
        ("3 of 12\nGetty Images", "Getty Images"),
    ],
)
def test_the_caption_steps_never_empty_the_body(text, body):
    doc = run(text)
    assert doc.body == body
    for step in (steps.credits(), steps.captions(), steps.repeats()):
        assert Pipeline([step])(text).body.strip()


def test_a_title_case_headline_repeated_in_a_teaser_is_not_a_pull_quote():
    headline = "Fifteen Smart Balcony Garden Ideas When You Are Short On Time And Space"
    teaser = f"{headline} – from folding cribs to wall shelves, our editors picked the ones that grew best for them."
    doc = run("\n".join([headline, teaser, BODY_EN]))
    assert removed_by_us(doc) == []
    quote = "Diesel has been in a slow and steady decline over the past twelve years"
    para = f"Carmakers keep dropping engines. {quote}, and the new tax rules only sped that up for most of the brands."
    doc = run("\n".join([para, quote, BODY_EN]))
    assert [r.rule for r in doc.records] == ["repeat.pullquote"]


@pytest.mark.parametrize(
    "line, container",
    [
        # a headline repeated in a breadcrumb, in a "read more" link, in a comment header
        (
            "Stadtrat beschließt nach langer Debatte einen neuen Radweg entlang der ganzen Uferstraße",
            "Startseite » Lokales » Stadtrat beschließt nach langer Debatte einen neuen Radweg entlang der ganzen "
            "Uferstraße",
        ),
        (
            "How the harbour town rebuilt its pier after the winter storm",
            "Read more about How the harbour town rebuilt its pier after the winter storm",
        ),
        (
            "Le conseil municipal vote la rénovation complète de la piscine",
            "Accueil > Actualités > Le conseil municipal vote la rénovation complète de la piscine.",
        ),
        # a product feature listed on its own line and in a bulleted teaser above the list
        (
            "Folds down to the size of a wallet and fits into any jacket pocket",
            "Only 68 grams light • Folds down to the size of a wallet and fits into any jacket pocket • Water-re..",
        ),
    ],
)
def test_a_line_repeated_in_a_breadcrumb_a_link_or_a_list_is_not_a_pull_quote(line, container):
    later = "Work on the pier starts in March and should be finished before the summer season."
    assert removed_by_us(run("\n".join([container, BODY_EN, line, later]))) == []


@pytest.mark.parametrize(
    "quote, paragraph",
    [
        (
            "„Wir sind eine Stadt der offenen Türen, und das wird auch so bleiben“",
            "Die Bürgermeisterin sprach lange über die Arbeit in den Vereinen. „Wir sind eine Stadt der offenen Türen, "
            "und das wird auch so bleiben“, sagte sie. „Daran ändert auch der knappe Haushalt nichts.“",
        ),
        (
            "« Il faut, d’abord, compter le prix du terrain et de l’acier. »",
            "Pourquoi la ville construit-elle moins de logements que sa voisine d’en face ? « Il faut, d’abord, "
            "compter le prix du terrain et de l’acier. » Les chantiers coûtent plus cher au bord de l’eau.",
        ),
        (
            "Do the ferries take bicycles on every crossing of the day?",
            "Most ferries have a bike rack, but not all of them. Do the ferries take bicycles on every crossing "
            "of the day? The operator could not say. So who checks before a cyclist is left on the quay?",
        ),
    ],
)
def test_pull_quotes_of_paragraphs_that_end_in_a_closing_quote_or_a_question_are_removed(quote, paragraph):
    doc = run("\n".join([paragraph, quote, BODY_EN]))
    assert removed_by_us(doc) == [quote]
    assert paragraph in doc.body


_EDGE = re.compile(r"[^\w\n]*(\w*)")


def _edges_of_one_line(line: str) -> tuple[str, str]:
    """The first and last words of one line, lower case: what ``edge_words`` computes for all lines at once."""
    first = _EDGE.match(line).group(1)  # type: ignore[union-attr]
    last = _EDGE.match(line[::-1]).group(1)[::-1]  # type: ignore[union-attr]
    return first.lower(), last.lower()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(any_text, messy_text, credit_like_lines).map(lambda t: t.replace("\n", " ")), max_size=12))
def test_edge_words_equal_a_line_by_line_reference(lines):
    from copydesk.credits import edge_words

    expected = [_edges_of_one_line(line) for line in lines]
    assert edge_words(lines) == ([f for f, _ in expected], [w for _, w in expected])
    # a pure function of its input: the lines of another call before it change nothing
    edge_words(["Foto: dpa", "Photo: Jane Doe"])
    assert edge_words(lines) == ([f for f, _ in expected], [w for _, w in expected])
    # the last call is remembered: changing the lists it returned changes nothing the next call returns
    firsts, lasts = edge_words(lines)
    firsts.append("x")
    lasts.clear()
    assert edge_words(lines) == ([f for f, _ in expected], [w for _, w in expected])


def test_near_copies_of_a_prose_line_that_differ_in_a_word_both_stay():
    a = "PrintMate Serie Typenschild-Drucker mit Tastatur: Schilder beschriften Sie ohne Laptop an der Maschine."
    b = "PrintMate Serie Typenschild-Drucker mit Scanner: Schilder beschriften Sie ohne Laptop an der Maschine."
    assert removed_by_us(run(f"{a}\n{b}\n{BODY_EN}")) == []


def test_a_copy_cut_short_before_the_whole_line_leaves_the_whole_line():
    whole = (
        "Raureif auf den Autoscheiben ist im Winter für viele Pendler ein morgendliches Ärgernis. "
        "Er entsteht, weil das Glas über Nacht kälter wird als die Luft."
    )
    short = "Raureif auf den Autoscheiben ist im Winter für viele Pendler ein morgendliches Ärg"
    doc = run(f"{short}\n{whole}\n{BODY_EN}")
    assert whole in doc.body
    assert removed_by_us(doc) == [short]


# -- a headline printed twice is not a caption ---------------------------------------------------

_EN_BODY = (
    "The harbour board is expected to raise port fees by a tenth next year to pay for the new deep-water quay, "
    "a project that was meant to cost far less when it was approved, officials said on Tuesday.\n"
    "Shipping firms have met the board four times since September, and a fifth round is planned for next month "
    "in Aberdeen, according to two people who were briefed on the talks."
)
_DE_BODY = (
    "Der Gemeinderat hat am Dienstagabend mit großer Mehrheit beschlossen, die alte Brücke über die Lahn im "
    "kommenden Frühjahr für sechs Monate zu sperren.\n"
    "Die Sanierung soll rund vier Millionen Euro kosten, teilte die Stadtverwaltung mit; Fußgänger können "
    "während der Bauzeit eine Behelfsbrücke nutzen."
)
_FR_BODY = (
    "Le conseil municipal a voté mardi soir la fermeture du vieux pont sur la Loire pendant six mois, à partir "
    "du printemps prochain, pour des travaux de rénovation.\n"
    "Les travaux coûteront environ quatre millions d'euros, selon la mairie, et une passerelle provisoire "
    "sera installée pour les piétons pendant toute la durée du chantier."
)

HEADLINE_PAGES = [
    pytest.param(
        "Home\nBusiness\nEconomy\nHarbour board may raise port fees to pay for new quay\n"
        "Harbour board may raise port fees to pay for new quay\nShare\nShare permalink\n"
        f"Mar 4 2024, 10:12am\n{_EN_BODY}",
        "Harbour board may raise port fees to pay for new quay",
        id="en",
    ),
    pytest.param(
        "Startseite\nLokales\nBrücke über die Lahn wird im Frühjahr gesperrt\n"
        "Brücke über die Lahn wird im Frühjahr gesperrt\nTeilen\nVon Anna Schmidt\n"
        f"12. März 2024\n{_DE_BODY}",
        "Brücke über die Lahn wird im Frühjahr gesperrt",
        id="de",
    ),
    pytest.param(
        "Accueil\nActualités\nLe vieux pont sur la Loire fermé six mois pour travaux\n"
        "Le vieux pont sur la Loire fermé six mois pour travaux\nPartager\n"
        f"Publié le 12 mars 2024\n{_FR_BODY}",
        "Le vieux pont sur la Loire fermé six mois pour travaux",
        id="fr",
    ),
]


@pytest.mark.parametrize(("text", "headline"), HEADLINE_PAGES)
def test_a_headline_printed_twice_is_no_caption_and_becomes_the_title(text, headline):
    doc = copydesk.process(text)
    assert doc.captions == ()
    assert doc.title == headline
    removed = [(r.rule, r.before) for r in doc.records if r.step == "captions"]
    assert removed == [("repeat.headline", headline)]


CAPTION_NEAR_THE_TOP = [
    pytest.param(
        # the photo and its alt text sit above the headline: the caption pair is followed by a headline
        "Home\nBusiness\nContainer ships wait off the port of Qingdao in Shandong province\n"
        "Container ships wait off the port of Qingdao in Shandong province\n"
        f"Harbour board may raise port fees to pay for new quay\nBy Jane Doe\n{_EN_BODY}",
        "Container ships wait off the port of Qingdao in Shandong province",
        "Harbour board may raise port fees to pay for new quay",
        id="en-above-headline",
    ),
    pytest.param(
        # under the byline and the date: a caption between the header and the body
        "Startseite\nBrücke über die Lahn wird im Frühjahr gesperrt\nVon Anna Schmidt\n12. März 2024\n"
        "Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen\n"
        f"Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen\n{_DE_BODY}",
        "Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen",
        "Brücke über die Lahn wird im Frühjahr gesperrt",
        id="de-under-byline",
    ),
    pytest.param(
        "Accueil\nLe vieux pont sur la Loire fermé six mois pour travaux\nPar Marie Dubois\n"
        "Le pont Wilson au coucher du soleil depuis les quais\n"
        f"Le pont Wilson au coucher du soleil depuis les quais\n{_FR_BODY}",
        "Le pont Wilson au coucher du soleil depuis les quais",
        "Le vieux pont sur la Loire fermé six mois pour travaux",
        id="fr-under-byline",
    ),
]


@pytest.mark.parametrize(("text", "caption", "headline"), CAPTION_NEAR_THE_TOP)
def test_a_repeated_caption_without_a_final_period_near_the_top_still_goes(text, caption, headline):
    doc = copydesk.process(text)
    assert doc.captions == (caption,)
    assert [r.rule for r in doc.records if r.step == "captions"] == ["caption.repeat", "caption.repeat"]
    assert caption not in doc.body
    assert doc.title == headline


def test_a_headline_pair_that_ends_like_a_sentence_is_still_a_caption():
    # a pair ending in a period reads as a caption wherever it stands
    caption = "Container ships wait off the port of Qingdao."
    doc = run(f"Home\n{caption}\n{caption}\nShare\n{_EN_BODY}")
    assert doc.captions == (caption,)
    assert caption not in doc.body


# "İ" and a few other characters lower-case to two characters, which once moved a credit found
# in the lower-cased lines onto a later line, or past the last one (IndexError in clean()).
_GROWS_WHEN_LOWERED = st.text(alphabet="İ", min_size=1, max_size=80)
_CREDITED_AFTER_IT = _GROWS_WHEN_LOWERED.map("{} in Ankara. Getty Images".format)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(any_text, credit_like_lines, _GROWS_WHEN_LOWERED, _CREDITED_AFTER_IT).map(
            lambda t: t.replace("\n", " ")
        ),
        max_size=8,
    )
)
def test_tail_hits_are_the_lines_a_line_by_line_scan_finds(lines):
    from copydesk.credits import CreditLexicon

    lexicon = CreditLexicon()
    assert lexicon._tail_hits(lines) == {i for i, line in enumerate(lines) if lexicon._tail_hits([line])}


def test_a_credit_after_a_line_that_grows_when_lower_cased_is_read_on_its_own_line():
    caption = "A fire broke out in the old town. Getty Images"
    dotted, plain = (copydesk.process(first * 50 + "\n" + caption) for first in ("İ", "I"))
    assert dotted.body == "İ" * 50  # the caption line goes, as it does under a plain first line
    assert [(r.rule, r.before) for r in dotted.records] == [(r.rule, r.before) for r in plain.records]
    assert [r.before for r in dotted.records] == [caption]


# -- datelines and teaser headings are not credits ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a news agency and a place: the dateline of a wire story, not a photo credit
        "Reuters, Washington,\nMar 3 2024, 9:41am\nThe Treasury said on Tuesday that talks would resume in May.",
        "dpa, Berlin\nDer Bundestag hat am Donnerstag das neue Heizungsgesetz mit knapper Mehrheit beschlossen.",
        "AFP, Paris —\nLe gouvernement a présenté mercredi son projet de budget pour l'année prochaine.",
        "EFE, Madrid\nEl Gobierno aprobó este martes el proyecto de ley de vivienda tras meses de negociación.",
        # a one-word label, a comma and a teaser heading (German capitalises every noun)
        "Bilder, Karten und Berichte ansehen\nErste Schritte\nWie man im Archiv nach Quellen sucht, zeigt der Text.",
        "Fotos, Lieder und ein Wiedersehen\nDas Buch sollte zuerst ganz anders heißen, schreibt unser Autor.",
        "Foto, Werdegang\nUnser Vorstand stellt sich vor: sieben Ehrenamtliche aus drei Ortsteilen der Gemeinde.",
    ],
)
def test_datelines_and_teaser_headings_are_not_credits(text):
    assert removed_by_us(run(text)) == [], run(text).explain()


@pytest.mark.parametrize(
    "line",
    [
        # the same shapes when they are credits: a photographer, an agency, a label of two words
        "REUTERS/Ole Brackmann",
        "Tom Alder, AP",
        "dpa, AFP",
        "Image source, Getty Images",
        "Image source, Jane Doe",
        "Foto, dpa",
        "Foto: Mit freundlicher Genehmigung von Max Muster",
        # credits beside bylines with an agency: a label, an agency alone, a photographer without a
        # lead word, a surname that starts with a particle ("Di Castelvetro"), a "by" phrase of the credit lexicon
        "Foto: Lena Haas/dpa",
        "Bild: dpa",
        "Lena Haas, dpa",
        "Di Castelvetro/ANSA",
        "Foto von Lena Haas/dpa",
        "Photo by Tom Alder, AP",
        "Foto: Inés Carvajal/EFE",
        # a byline's shape with a photo agency, or in brackets: a photo credit
        "Von Lena Haas/picture alliance",
        "By Tom Alder/Getty Images",
        "(Von Lena Haas, dpa)",
    ],
)
def test_credits_shaped_like_datelines_or_comma_lists_are_still_removed(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert doc.body == BODY_EN, doc.explain()
    assert doc.records[-1].rule == "credit.line"


# -- a copyright notice is no caption with a credit ---------------------------------------------


@pytest.mark.parametrize(
    "notice",
    [
        "We take part in an affiliate programme and earn a fee on qualifying orders. ©The Garden Journal 2011-2019",
        "Powered by Ghost Forum Software © Ghost Foundation",
        "Alle Inhalte sind urheberrechtlich geschützt © Verlag Ostseebote GmbH",
        "Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung (© Rheinpost Medien)",
        "Tous droits réservés, reproduction interdite © Éditions du Littoral",
        "Todos los derechos reservados © Diario del Sur",
        "Mietrecht kompakt erklärt © Rechtsportal.de — 2005-2024",
    ],
)
def test_a_copyright_notice_is_not_a_caption(notice):
    doc = run(f"{BODY_EN}\n{notice}")
    assert doc.captions == ()
    assert removed_by_us(doc) == []


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        # the same signs in a photo credit: one year, "Copyright" inside the credit, a licence
        ("Fischer am Hafen von Kiel. © Jane Doe, 2018", "Fischer am Hafen von Kiel."),
        ("Gebackene Zucchini (Foto: Copyright © Max Muster | CC-BY-SA)", "Gebackene Zucchini"),
        ("Le pont Wilson au coucher du soleil © Marie Dubois / Ville de Tours", "Le pont Wilson au coucher du soleil"),
        ("Ein Kutter läuft in den Hafen ein. (© Jan Peters/dpa)", "Ein Kutter läuft in den Hafen ein."),
    ],
)
def test_photo_credits_with_a_copyright_sign_are_still_captions(line, caption):
    doc = run(f"{line}\n{BODY_EN}")
    assert removed_by_us(doc) == [line]
    assert len(doc.captions) == 1 and doc.captions[0].startswith(caption)


# -- a headline repeated above its hero image's credit is no caption -----------------------------

HERO_HEADLINE_PAGES = [
    pytest.param(
        "Home\nPrivacy Policy\nWhy the winter ferry crossings keep getting rougher on the coast\n"
        "NEWS FEATURES HEALTH FOOD STYLE\n"
        "Why the winter ferry crossings keep getting rougher on the coast\nShutterstock\n"
        f"By Jane Doe/March 3, 2024 8:15 am EST\n{_EN_BODY}",
        "Why the winter ferry crossings keep getting rougher on the coast",
        id="en",
    ),
    pytest.param(
        "Startseite\nBrücke über die Lahn wird im Frühjahr gesperrt\nLOKALES\n"
        "Brücke über die Lahn wird im Frühjahr gesperrt\nFoto: dpa\n"
        f"Von Anna Schmidt | 12. März 2024\n{_DE_BODY}",
        "Brücke über die Lahn wird im Frühjahr gesperrt",
        id="de",
    ),
    pytest.param(
        "Accueil\nLe vieux pont sur la Loire fermé six mois pour travaux\n"
        "Le vieux pont sur la Loire fermé six mois pour travaux\nPhoto : AFP\n"
        f"Par Marie Dubois\n{_FR_BODY}",
        "Le vieux pont sur la Loire fermé six mois pour travaux",
        id="fr",
    ),
]


@pytest.mark.parametrize(("text", "headline"), HERO_HEADLINE_PAGES)
def test_a_headline_repeated_above_the_hero_image_credit_is_no_caption(text, headline):
    doc = copydesk.process(text)
    assert doc.captions == ()
    assert [(r.rule, r.before) for r in doc.records if r.step == "captions"] == [("repeat.headline", headline)]
    assert doc.title == headline


CAPTION_PAIRS_WITH_CREDIT_UNDER_THE_HEADLINE = [
    pytest.param(
        # the article's headline stands above the pair: the pair and its credit are the hero image's caption
        "Home\nHarbour board may raise port fees to pay for new quay\n"
        "Container ships wait off the port of Qingdao in Shandong province\n"
        "Container ships wait off the port of Qingdao in Shandong province\nGetty Images\n"
        f"By Jane Doe/March 3, 2024\n{_EN_BODY}",
        "Container ships wait off the port of Qingdao in Shandong province (Getty Images)",
        id="en",
    ),
    pytest.param(
        "Startseite\nBrücke über die Lahn wird im Frühjahr gesperrt\n"
        "Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen\n"
        "Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen\nFoto: dpa\n"
        f"Von Anna Schmidt\n{_DE_BODY}",
        "Die alte Lahnbrücke in der Abendsonne vom Ufer aus gesehen (Foto: dpa)",
        id="de",
    ),
    pytest.param(
        # the credit sits next to the first copy: caption, credit, caption
        "Accueil\nLe pont Wilson au coucher du soleil depuis les quais\nPhoto : AFP\n"
        f"Le pont Wilson au coucher du soleil depuis les quais\nPar Marie Dubois\n{_FR_BODY}",
        "Le pont Wilson au coucher du soleil depuis les quais",
        id="fr",
    ),
]


@pytest.mark.parametrize(("text", "caption"), CAPTION_PAIRS_WITH_CREDIT_UNDER_THE_HEADLINE)
def test_a_caption_pair_with_its_credit_under_the_headline_still_goes(text, caption):
    doc = copydesk.process(text)
    assert doc.captions == (caption,)
    assert [r.rule for r in doc.records if r.step == "captions"] == ["caption.repeat", "caption.repeat"]


# -- a byline with its agency is a byline, not a credit -----------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "Von Lena Haas, dpa",
        "Von Jörg-Peter Wendland, dpa",
        "Text von Miriam Osterkamp, KNA",
        "By Tom Alder, AP",
        "By Marisol Tebbutt, Reuters",
        "Por Inés Carvajal Ruiz, EFE",
        "Par Jean-Baptiste Morvan, AFP",
        "Di Marco Nerini, ANSA",
        "De João Paulo Salgueiro, Lusa",
        "Von Lena Haas/dpa",
    ],
)
def test_a_byline_with_an_agency_is_left_to_the_boilerplate_step(byline):
    doc = run(f"{byline}\n{BODY_EN}")
    assert removed_by_us(doc) == [], doc.explain()


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Von Lena Haas, dpa", "Lena Haas"),
        ("By Tom Alder, AP", "Tom Alder"),
        ("Por Inés Carvajal Ruiz, EFE", "Inés Carvajal Ruiz"),
    ],
)
def test_a_byline_with_an_agency_reaches_the_authors(byline, name):
    body = (
        "The harbour board wants to raise port fees by a tenth next year to pay for the new quay, "
        "its chairwoman told the council on Monday after the board had met behind closed doors.\n"
        "Ferry firms and fishermen said the rise would hit them hardest and asked the council to "
        "spread it over three years, as it had done when the old breakwater was rebuilt."
    )
    text = f"Harbour board may raise port fees to pay for new quay\n{byline}\n{body}"
    doc = copydesk.process(text)  # the default pipeline: the boilerplate step reads the byline
    assert name in doc.authors, doc.explain()
    assert all(r.step not in CAPTION_STEPS for r in doc.records)


# -- the benchmark's seed check reads its caption from the seed file ----------------------------


def _seed_context(tmp_path: Path, text: str | None):
    from benchmarks.common import Context

    data = tmp_path / "data"
    data.mkdir()
    if text is not None:
        (tmp_path / "seed").mkdir()
        (tmp_path / "seed" / "article.txt").write_text(text, encoding="utf-8")
    return Context(data=data)


def test_seed_check_takes_its_caption_from_the_seed_file(tmp_path):
    from benchmarks.bench_captions import seed_check

    caption = "Mareike Lindqvist und Halvard Tønnesen am Hafen von Kiel."
    body = (
        "Die beiden Bürgermeister haben am Donnerstag einen Vertrag über eine neue Fährlinie "
        "zwischen Kiel und Oslo unterzeichnet, die ab dem Sommer zweimal täglich fahren soll."
    )
    note, figures = seed_check(_seed_context(tmp_path, f"{caption} (\n\n{caption} (\n\n{body}\n"))
    assert figures["seed_ok"], note
    assert note.startswith("seed article (PASS)")
    assert caption not in note and "Lindqvist" not in repr(figures)  # verdicts and counts, not the text


def test_seed_check_says_when_the_seed_is_absent(tmp_path):
    from benchmarks.bench_captions import seed_check

    note, figures = seed_check(_seed_context(tmp_path, None))
    assert "absent" in note and figures == {}


# -- the headline check reads a few marks of a line, as the boilerplate Page does ----------------

_HEADER_LINES = [
    "By Jane Doe",
    "Von Lena Haas und Max Kern | 12. März 2024",
    "Mar 4 2024, 10:12am ist",
    "Publié le 03/05/2024 à 10h12",
    "Por Inés Carvajal Ruiz, EFE",
    "Share",
    "Harbour board may raise port fees to pay for new quay",
    "The harbour board was meant to keep port fees flat this year, a promise that would have let the "
    "ferry firms and the fishermen plan ahead for the whole season.",
    "١٢ مارس ٢٠٢٤",
]


@pytest.mark.parametrize("line", _HEADER_LINES)
def test_header_marks_agree_with_the_page(line):
    from copydesk.boilerplate.features import Page, header_marks

    page = Page.from_lines([line])
    assert header_marks(line) == (page.words[0], page.is_byline(0), page.is_date(0))


@settings(max_examples=150, deadline=None)
@given(st.one_of(any_text, messy_text, credit_like_lines, st.sampled_from(_HEADER_LINES)))
def test_header_marks_agree_with_the_page_on_any_line(text):
    from copydesk.boilerplate.features import Page, header_marks

    for line in text.splitlines() or [text]:
        page = Page.from_lines([line])
        assert header_marks(line) == (page.words[0], page.is_byline(0), page.is_date(0))


# -- a credit in brackets followed by the sentence's full stop; stock-site credits --------------


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Volunteers clear the beach at Seaton Carew after the storm (Photo: Tom Alder/AP).",
            "Volunteers clear the beach at Seaton Carew after the storm",
        ),
        ("Der neue Radweg an der Elbe bei Pirna (Foto: Lena Haas/dpa).", "Der neue Radweg an der Elbe bei Pirna"),
        (
            "Le maire inaugure la nouvelle médiathèque de Rodez [Photo : Julie Marty/AFP].",
            "Le maire inaugure la nouvelle médiathèque de Rodez",
        ),
        (
            "El alcalde saluda a los vecinos en la plaza mayor de Soria (Foto: Marta Gil/EFE).",
            "El alcalde saluda a los vecinos en la plaza mayor de Soria",
        ),
        ("Ein Hermelin im Winterfell am Waldrand. (jdoe / iStock.com)", "Ein Hermelin im Winterfell am Waldrand."),
        ("Solarpark bei Cottbus am Abend (M. Berg / Fotolia.com)", "Solarpark bei Cottbus am Abend"),
    ],
)
def test_a_bracketed_credit_before_a_full_stop_or_from_a_stock_site_makes_a_caption(line, caption):
    doc = run(f"{line}\n{BODY_EN}")
    assert removed_by_us(doc) == [line]
    assert [r.rule for r in doc.records if r.action == "remove"] == ["caption.credit"]
    assert doc.captions[0].startswith(caption)


@pytest.mark.parametrize(
    "line",
    [
        "Photo by jdoe on Unsplash",
        "Foto von Lena Haas auf Unsplash",
        "Photo de m_dubois sur Unsplash",
        "Foto de ana.ruiz en Pexels",
        "Crédits photos : Julie Marty",
        "Crédit photos : Bestimage",
    ],
)
def test_stock_site_attributions_and_plural_french_labels_are_credit_lines(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert doc.body == BODY_EN
    assert [r.rule for r in doc.records if r.action == "remove"] == ["credit.line"]


@pytest.mark.parametrize(
    "text",
    [
        # a bracket that ends a sentence but holds no credit
        "He answered every question in writing (see page 3).",
        "Die Stadt will den Hafen bis 2027 ausbauen (rund 40 Millionen Euro).",
        "Les prix ont augmenté de 4 % en mars (source : Insee).",
        "Los precios subieron un 3 % en marzo (según el INE).",
        # a data source in brackets is a sentence's source, not a photo credit
        "Die Arbeitslosenquote stieg im März auf 5,9 Prozent (Quelle: Bundesagentur für Arbeit).",
        # a news agency alone in brackets credits the text, not a photo
        "The company said profits would fall by a third this year. (Reuters).",
        # "by ... on ..." that names no stock site
        "Posted by admin on Monday",
        "Photo by Jane Doe on the pier was the best picture of the year.",
        "Foto von der Feier auf dem Marktplatz",
    ],
)
def test_brackets_before_a_full_stop_and_by_on_phrases_without_a_credit_stay(text):
    doc = run(f"{text}\n{BODY_EN}")
    assert removed_by_us(doc) == [], doc.explain()


# -- captions told by a position marker ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Mayor Ann Ray (left) and harbour master Tom Alder open the new quay in Seaton.",
        "Harbour master Tom Alder (far right) with the crew of the new pilot boat",
        "Bürgermeisterin Lena Haas (l.) überreicht Jonas Berg die Urkunde.",
        "Die Preisträger Jonas Berg, Mia Kern und Ole Brandt (v. l. n. r.) bei der Feier im Rathaus.",
        "Landrat Peter Vogt (Mitte) mit den neuen Auszubildenden der Kreisverwaltung.",
        "Le maire Julien Marty (à gauche) et la préfète Claire Dubois inaugurent la médiathèque.",
        "La alcaldesa Marta Gil (izquierda) saluda al presidente Tomás Rivera en Soria.",
        "El entrenador Luis Ortega (centro) celebra el título con sus jugadores.",
    ],
)
def test_a_position_marker_after_a_name_makes_a_caption(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert removed_by_us(doc) == [line], doc.explain()
    assert [r.rule for r in doc.records if r.action == "remove"] == ["caption.position"]
    assert doc.captions == (line,)
    assert doc.body == BODY_EN


@pytest.mark.parametrize(
    "line",
    [
        "From left: Ann Ray, Tom Alder and Jane Doe at the opening of the quay.",
        "V. l. n. r.: Lena Haas, Jonas Berg und Mia Kern bei der Übergabe.",
        "De gauche à droite : Julien Marty, Claire Dubois et Léa Roux devant la mairie.",
        "De izquierda a derecha: Marta Gil, Tomás Rivera y Ana Lima en la plaza.",
    ],
)
def test_a_caption_that_opens_with_who_stands_where_is_a_caption(line):
    doc = run(f"{line}\n{BODY_EN}")
    assert removed_by_us(doc) == [line], doc.explain()
    assert [r.rule for r in doc.records if r.action == "remove"] == ["caption.prefix"]


LONG_PARAGRAPH_DE = (
    "Bürgermeisterin Lena Haas (links) dankte bei der Feier allen Helferinnen und Helfern, die in den "
    "vergangenen zwei Jahren den Umbau des Hafens begleitet haben, und kündigte an, dass die Stadt im "
    "kommenden Frühjahr einen zweiten Bauabschnitt beginnen werde, sobald der Kreistag die nötigen "
    "Mittel freigegeben habe und die Genehmigung des Landes vorliege."
)


@pytest.mark.parametrize(
    "text",
    [
        # left and right as words of a sentence, not as markers after a name
        "The photo on the left shows the pier before the storm.",
        "Turn left at the harbour and follow the road to the lighthouse.",
        "Biegen Sie an der Kreuzung links ab, dann sehen Sie das Rathaus.",
        "Die Partei rückt nach rechts, sagen Kritiker.",
        "La photo de gauche montre le port avant la tempête.",
        "Gire a la izquierda en la plaza y siga recto hasta el puerto.",
        # a marker after no capitalised word, or a marker of the middle after a noun, not a name
        "Die Stimmen wanderten nach (rechts) und links.",
        "Das Blech auf die Schiene (Mitte) schieben und zwanzig Minuten backen.",
        "Placez le plat au four (au centre) pendant vingt minutes.",
        # a question, and a paragraph too long for a caption
        "Who is the man standing next to Jane Doe (left)?",
        LONG_PARAGRAPH_DE,
        # a sentence that opens like a "from left" prefix but with no colon or comma after it
        "From left field came the winning throw of the game.",
    ],
)
def test_left_and_right_in_body_sentences_stay(text):
    doc = run(f"{text}\n{BODY_EN}")
    assert removed_by_us(doc) == [], doc.explain()


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Figure 3: Monthly ferry passengers at Seaton, 2019 to 2024.",
            "Monthly ferry passengers at Seaton, 2019 to 2024.",
        ),
        ("Abbildung 4: Schneehöhe an der Station Arosa im Januar", "Schneehöhe an der Station Arosa im Januar"),
        ("Abb. 2. Der alte Hafen von Kiel um 1900", "Der alte Hafen von Kiel um 1900"),
        ("Figure 2 : Évolution des prix des logements à Rodez", "Évolution des prix des logements à Rodez"),
        ("Figura 1: Evolución del paro en Soria desde 2010", "Evolución del paro en Soria desde 2010"),
    ],
)
def test_a_numbered_figure_caption_is_a_caption(line, caption):
    doc = run(f"{line}\n{BODY_EN}")
    assert removed_by_us(doc) == [line], doc.explain()
    assert [r.rule for r in doc.records if r.action == "remove"] == ["caption.prefix"]
    assert doc.captions == (caption,)


@pytest.mark.parametrize(
    "text",
    [
        "Figure 3 shows that the number of passengers rose sharply in March.",
        "Figure skating, a sport the town loves, returns to the ice rink.",
        "Abb. und Tab. stehen im Anhang des Berichts.",
        "Abbildung und Text stammen aus dem Archiv des Hafenamts.",
        "La figure 2 montre la hausse des prix depuis 2010.",
        "La figura del alcalde sale reforzada de la votación.",
    ],
)
def test_sentences_that_mention_a_figure_stay(text):
    doc = run(f"{text}\n{BODY_EN}")
    assert removed_by_us(doc) == [], doc.explain()
