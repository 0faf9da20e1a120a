"""Titles: a dated headline is still a headline; a name with its agency or job title is a byline, not a title."""

from __future__ import annotations

import pytest

import copydesk

NAV = {
    "en": ["Home", "Blog", "About"],
    "de": ["Startseite", "Termine", "Kontakt"],
    "fr": ["Accueil", "Agenda", "Contact"],
    "es": ["Inicio", "Agenda", "Contacto"],
}

# a headline with a date in it, a date line under it, and a body that takes up the headline's words
DATED = {
    "en": (
        "September 2018 open thread",
        "3 September 2018",
        [
            "Welcome to the September 2018 open thread, where readers can talk about anything that did not fit "
            "under the other posts of the month.",
            "You can view our June 2018 open thread here, and the rules for comments are the same as always: be "
            "kind and stay on topic.",
        ],
    ),
    "de": (
        "Tag des offenen Denkmals am 8. September",
        "2. September 2024",
        [
            "Zum Tag des offenen Denkmals öffnen in der Stadt mehr als vierzig Gebäude ihre Türen, darunter die "
            "alte Mühle am Fluss und der Wasserturm.",
            "Die Führungen sind kostenlos, eine Anmeldung ist nur für den Turm nötig, weil dort höchstens zwölf "
            "Personen gleichzeitig hinauf dürfen.",
        ],
    ),
    "fr": (
        "Fête de la musique le 21 juin",
        "12 juin 2024",
        [
            "Pour la fête de la musique, la ville installe cinq scènes dans le centre et sur le port, avec des "
            "concerts gratuits de dix-huit heures à minuit.",
            "Les rues autour de la place du marché seront fermées aux voitures, et les bus du soir passeront par "
            "le boulevard extérieur.",
        ],
    ),
    "es": (
        "Feria del libro hasta el 12 de mayo",
        "2 de mayo de 2024",
        [
            "La feria del libro reúne este año a más de cien editoriales en el parque, con firmas de autores y "
            "talleres para niños cada tarde.",
            "La entrada es libre, y el ayuntamiento ha reforzado el autobús que une la estación con el parque "
            "durante los fines de semana.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(DATED))
def test_a_dated_headline_that_the_body_takes_up_is_the_title(language):
    headline, date, body = DATED[language]
    doc = copydesk.process("\n".join([*NAV[language], headline, date, *body, "Share"]))
    assert doc.title == headline
    kinds = {s.text: (s.kind, s.rule) for s in doc.segments}
    assert kinds[headline][0] == "title"  # title.headline, or title.kept when the model kept it in the body
    assert kinds[date] == ("dateline", "dateline.date")  # the date line under it is still one
    assert doc.body.endswith("\n\n".join(body))


# date lines whose words also occur in the body: still date lines (a place, an author, a timestamp, separators)
DATELINES = {
    "en": ["Updated March 12, 2024 open thread", "Posted on 3 September 2018 by Open Thread"],
    "de": ["Veröffentlicht am 2. September 2024 von Offenen Denkmals", "Denkmal | 2. September 2024 | Stadt"],
    "fr": ["Musique, le 12 juin 2024", "Fête de la musique · 12 juin 2024"],
    "es": ["Feria, Libro, 2 de mayo de 2024", "Publicado el 2 de mayo de 2024 por Feria Libro"],
}


@pytest.mark.parametrize(("language", "line"), [(lang, line) for lang, lines in DATELINES.items() for line in lines])
def test_meta_lines_with_a_date_stay_date_lines(language, line):
    headline, _, body = DATED[language]
    doc = copydesk.process("\n".join([*NAV[language], headline, line, *body, "Share"]))
    kinds = {s.text: s.kind for s in doc.segments}
    assert kinds[line] == "dateline"
    assert doc.title == headline


FERRY = {
    "en": [
        "The harbour authority announced on Tuesday that the ferry timetable will change from next month, with "
        "earlier departures on weekdays and a new late boat on Fridays.",
        "Commuters who rely on the seven o'clock crossing said the change would cost them an hour each day, and "
        "several wrote to the council to complain about the short notice.",
    ],
    "de": [
        "Die Hafenverwaltung hat am Dienstag angekündigt, dass sich der Fahrplan der Fähren ab dem kommenden Monat "
        "ändert, mit früheren Abfahrten an Werktagen.",
        "Pendler, die auf die Fähre um sieben Uhr angewiesen sind, sagten, die Änderung koste sie jeden Tag eine "
        "Stunde, und mehrere schrieben an den Gemeinderat.",
    ],
}


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("en", "Tom Davies Associated Press"),
        ("en", "Jane Doe Staff Writer"),
        ("en", "Sam Lee, Reuters"),
        ("de", "Anna Schmidt Redakteurin"),
        ("de", "Max Weber, dpa"),
    ],
)
def test_a_name_with_its_agency_or_job_title_is_no_title(language, credit):
    doc = copydesk.process("\n".join([*NAV[language][:2], credit, "12.03.2024", *FERRY[language]]))
    assert doc.title != credit
    # a real headline above it is still found
    headline = "Ferry timetable to change" if language == "en" else "Neuer Fahrplan für die Fähren"
    doc = copydesk.process("\n".join([*NAV[language][:2], headline, credit, "12.03.2024", *FERRY[language]]))
    assert doc.title == headline


@pytest.mark.parametrize("headline", ["Reuters cuts jobs in London", "Associated Press wins award"])
def test_headlines_that_name_an_agency_or_a_person_may_be_titles(headline):
    doc = copydesk.process("\n".join(["Home", "World", headline, "12 March 2024", *FERRY["en"]]))
    assert doc.title == headline
