"""Credit forms of the credit lexicons, read as whole lines and at the end of captions: cases written
for these tests, several languages, with hard negatives (the same words in a body sentence)."""

from __future__ import annotations

import pytest

from copydesk import Document, Pipeline, steps
from copydesk.credits import CreditLexicon

BODY = "The council approved the new harbour budget on Tuesday after a four-hour debate."


def run(text: str) -> Document:
    return Pipeline([steps.whitespace(), steps.credits(), steps.captions(), steps.repeats()])(text)


def removals(doc: Document) -> list[tuple[str, str]]:
    return [(r.rule, r.before) for r in doc.records if r.action == "remove"]


@pytest.mark.parametrize(
    "line",
    [
        # a label, a photo agency, a slash, then whatever the photographer calls themselves
        "Photo: Getty Images / Sunny side of the street.",
        "Foto: picture alliance / Lena macht Bilder.",
        "Photo : Getty Images / Le regard de Julie.",
        "Foto: Getty Images / Una mirada al mar.",
        # "©" and a person's or an organisation's name, nothing else on the line
        "© Some Racing Team",
        "© Stadtwerke Kiel",
        "© Office de Tourisme",
        "© Club Náutico Soria",
        "© Hafenamt | Jonas Berg",
        "(c) Wiley Press",
        # Polish "Fot." and a name, a news agency
        "Fot. Jan Kowalski / Agencja Gazeta",
        "Fot. PAP/Marek Nowak",
        "Fot: Anna Wiśniewska",
    ],
)
def test_credit_lines_the_lexicon_missed_are_removed(line):
    doc = run(f"{line}\n{BODY}")
    assert removals(doc) == [("credit.line", line)], doc.explain()
    assert doc.body == BODY


@pytest.mark.parametrize(
    "line",
    [
        # a "©" line that is a site's notice, not a credit: the boilerplate step's job
        "© 2024 The Harbour Herald",
        "© Copyright Jane Doe",
        "© Hafenblog | Impressum",
        "© Le Petit Port. Tous droits réservés.",
        "© Dana Whitfield, all rights reserved",
        # a sentence that names an agency or holds a "©"
        "Getty Images said on Monday that it would cut 200 jobs.",
        "Getty Images / Reuters",  # two agencies, no name: already a credit, see below
        "Alle Texte und Bilder © 2024 Stadtwerke Kiel, alle Rechte vorbehalten.",
        "Les photos restent la propriété de l'agence, © compris, a précisé le juge.",
        "La sentencia dice que el símbolo © no basta para proteger una foto.",
        # Polish prose that starts like a label
        "Fotografia była dla niego ważniejsza niż malarstwo.",
    ],
)
def test_notices_and_sentences_that_look_like_credits_are_no_new_credit_lines(line):
    doc = run(f"{line}\n{BODY}")
    if line == "Getty Images / Reuters":
        assert removals(doc) == [("credit.line", line)]  # the agency form, as before
        return
    assert removals(doc) == [], doc.explain()


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Ein Rettungswagen steht vor der Klinik. (Symbolbild: Jana Falk/AdobeStock)",
            "Ein Rettungswagen steht vor der Klinik.",
            "Symbolbild: Jana Falk/AdobeStock",
        ),
        (
            "A lifeboat crew trains off the coast (File photo: Tom Alder/AP)",
            "A lifeboat crew trains off the coast",
            "File photo: Tom Alder/AP",
        ),
        (
            "Un bus électrique traverse Rodez (Photo d'illustration : Julie Marty)",
            "Un bus électrique traverse Rodez",
            "Photo d'illustration : Julie Marty",
        ),
        (
            "Un autobús eléctrico cruza la plaza de Soria (Imagen de archivo: Marta Gil/EFE)",
            "Un autobús eléctrico cruza la plaza de Soria",
            "Imagen de archivo: Marta Gil/EFE",
        ),
    ],
)
def test_bracketed_symbol_and_file_image_credits_make_a_caption(line, caption, credit):
    parts = CreditLexicon().parse(line)
    assert (parts.caption, parts.credit, parts.rule) == (caption, credit, "caption.credit")
    doc = run(f"{line}\n{BODY}")
    assert removals(doc) == [("caption.credit", line)]
    assert doc.captions == (f"{caption} ({credit})",)


@pytest.mark.parametrize(
    "text",
    [
        "Das Symbolbild der Kampagne zeigt eine Taube über dem Hafen.",
        "The file photo was taken in 2019, the agency said.",
        "La photo d'illustration a été retirée du site après la plainte.",
        "La imagen de archivo muestra el puerto antes de la tormenta.",
        # a word in brackets that is no credit after all
        "Der Hafen wird ausgebaut (Symbolbild der Stadtplanung für das Jahr 2030 und danach).",
    ],
)
def test_symbol_and_file_image_words_in_a_sentence_stay(text):
    doc = run(f"{text}\n{BODY}")
    assert removals(doc) == [], doc.explain()


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Harbour master Tom Alder, photo: Seaton Harbour Board",
            "Harbour master Tom Alder",
            "photo: Seaton Harbour Board",
        ),
        ("Eine Windkraftanlage bei Steinheim, Foto: dpa", "Eine Windkraftanlage bei Steinheim", "Foto: dpa"),
        (
            "Le port de Sète au lever du jour, photo : Julie Marty",
            "Le port de Sète au lever du jour",
            "photo : Julie Marty",
        ),
        ("La plaza mayor de Soria, foto: Marta Gil/EFE", "La plaza mayor de Soria", "foto: Marta Gil/EFE"),
    ],
)
def test_a_label_and_its_credit_after_a_comma_end_a_caption(line, caption, credit):
    parts = CreditLexicon().parse(line)
    assert (parts.caption, parts.credit, parts.rule) == (caption, credit, "caption.credit")
    doc = run(f"{line}\n{BODY}")
    assert removals(doc) == [("caption.credit", line)]


@pytest.mark.parametrize(
    "text",
    [
        # a label word after a comma with no credit name after its colon
        "Er zeigte uns Bilder, Fotos: keine.",
        "We looked at the pictures, photos: none of them showed the pier.",
        # a one-word label and a comma open a list, not a credit
        "Bilder, Karten und Berichte ansehen",
        # a comma, a label and a colon inside a sentence that goes on
        "Sur le site, photo : une vue du port, puis un texte long sur les travaux du quai.",
        "En la web, foto: el puerto al amanecer, y después un texto largo sobre las obras del muelle.",
    ],
)
def test_a_label_after_a_comma_without_a_credit_stays(text):
    doc = run(f"{text}\n{BODY}")
    assert removals(doc) == [], doc.explain()
