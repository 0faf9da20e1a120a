"""One-word boilerplate phrases ("comment", "more", "home", "réponse") count only in lines that read as furniture."""

from __future__ import annotations

import pytest

import copydesk
from copydesk import Document
from copydesk.boilerplate import Options, Page, label_document, score_page
from copydesk.boilerplate.features import TOPICS, measure

# prose that uses a one-word entry of a boilerplate lexicon: no topic, whatever the entry
PROSE = {
    "en": [
        "The ministry declined to comment.",
        "A reply from the council is expected next week.",
        "Passengers can print their tickets at home or show them on a phone.",
        "More ferries each day",
    ],
    "de": [
        "Eine Antwort der Stadtverwaltung steht noch aus.",
        "Das Ministerium wollte den Kommentar nicht weiter erläutern.",
        "Der Verein will die Fotos im Archiv des Museums zeigen.",
    ],
    "fr": [
        "La réponse du ministère est attendue lundi.",
        "Le ministère n'a pas souhaité faire de commentaire.",
        "Il faut réserver le panier de légumes avant jeudi.",
    ],
    "es": [
        "La respuesta del ministerio llegará el lunes.",
        "El archivo municipal guarda las actas desde 1890.",
        "Al inicio de la tarde el puerto ya estaba lleno.",
    ],
}

# furniture lines: a one-word phrase that is most of the line, a short label, a colon label
FURNITURE = {
    "en": [("Comments", "comments"), ("Home | News | Sport", "navigation"), ("Facebook Twitter Print", "share")],
    "de": [("Kommentare (12)", "comments"), ("Startseite", "navigation"), ("Tags: Hafen, Fähren", "tags")],
    "fr": [("Commentaires", "comments"), ("Partager", "share"), ("Accueil", "navigation")],
    "es": [("Comentarios (3)", "comments"), ("Compartir", "share"), ("Inicio | Política | Deportes", "navigation")],
}

# phrases of more than one word are not concerned
PHRASES = [("Read more", "related"), ("Lire aussi", "related"), ("Leer más", "related"), ("Mehr zum Thema", "related")]


@pytest.mark.parametrize(("language", "line"), [(lang, line) for lang, lines in PROSE.items() for line in lines])
def test_a_one_word_phrase_in_prose_is_no_topic(language, line):
    assert measure(line, language).topic == ""
    assert measure(line, None).topic == ""  # the all-language fallback reads it the same


@pytest.mark.parametrize(
    ("language", "line", "topic"), [(lang, line, topic) for lang, rows in FURNITURE.items() for line, topic in rows]
)
def test_a_one_word_phrase_in_furniture_keeps_its_topic(language, line, topic):
    assert measure(line, language).topic == topic


# a one-word phrase that names a notice's subject (legal, newsletter, advertisement) counts in a sentence too
NOTICES = [
    ("We use cookies to improve your experience on our site and to analyse our traffic", "en", "legal"),
    ("Unser Newsletter bringt Ihnen jeden Freitag die wichtigsten Nachrichten", "de", "newsletter"),
    ("Cette publicité finance le travail de notre rédaction", "fr", "advertisement"),
    ("Recibe nuestro boletín con las noticias del día en tu correo", "es", "newsletter"),
]


@pytest.mark.parametrize(("line", "language", "topic"), NOTICES)
def test_a_notice_keeps_its_topic_in_a_sentence(line, language, topic):
    assert measure(line, language).topic == topic


@pytest.mark.parametrize(("line", "topic"), PHRASES)
def test_longer_phrases_keep_their_topic(line, topic):
    assert measure(line, None).topic == topic


PAGES = {
    "en": (
        ["Home", "World", "Business", "Sport", "Search"],
        "Ferry timetable to change next month",
        "By Jane Doe",
        [
            "The harbour authority announced on Tuesday that the ferry timetable will change from next month, "
            "with earlier departures on weekdays and a new late boat on Fridays.",
            "Commuters who rely on the seven o'clock crossing said the change would cost them an hour each day, "
            "and several wrote to the council to complain about the short notice.",
            "The operator said the new timetable had been drawn up after a survey of passengers last autumn and "
            "would be reviewed after six months.",
        ],
        "A reply from the council is expected next week.",
        ["Share", "Comments", "Read more", "Home | News | Sport", "© 2024 Harbour News"],
    ),
    "de": (
        ["Startseite", "Politik", "Wirtschaft", "Sport", "Suche"],
        "Neuer Fahrplan für die Fähren ab Mai",
        "Von Anna Becker",
        [
            "Die Hafenverwaltung hat am Dienstag angekündigt, dass sich der Fahrplan der Fähren ab dem kommenden "
            "Monat ändert, mit früheren Abfahrten an Werktagen.",
            "Pendler, die auf die Fähre um sieben Uhr angewiesen sind, sagten, die Änderung koste sie jeden Tag "
            "eine Stunde, und mehrere schrieben an den Gemeinderat.",
            "Der Betreiber erklärte, der neue Fahrplan beruhe auf einer Umfrage unter Fahrgästen im vergangenen "
            "Herbst und werde nach sechs Monaten überprüft.",
        ],
        "Eine Antwort der Stadtverwaltung steht noch aus.",
        ["Teilen", "Kommentare (12)", "Weiterlesen", "Impressum", "© 2024 Hafenbote"],
    ),
    "fr": (
        ["Accueil", "Politique", "Économie", "Sport", "Recherche"],
        "Les horaires des ferries changent en mai",
        "Par Claire Martin",
        [
            "L'autorité portuaire a annoncé mardi que les horaires des ferries changeront le mois prochain, avec "
            "des départs plus tôt en semaine et un bateau tardif le vendredi.",
            "Les usagers qui prennent la traversée de sept heures disent que le changement leur coûtera une heure "
            "par jour, et plusieurs ont écrit au conseil municipal.",
            "L'exploitant explique que les nouveaux horaires ont été établis après une enquête auprès des "
            "passagers l'automne dernier et seront revus dans six mois.",
        ],
        "La réponse du ministère est attendue lundi.",
        ["Partager", "Commentaires", "Lire aussi", "Mentions légales", "© 2024 Le Courrier du Port"],
    ),
    "es": (
        ["Inicio", "Política", "Economía", "Deportes", "Buscar"],
        "Cambian los horarios de los transbordadores",
        "Por María López",
        [
            "La autoridad portuaria anunció el martes que los horarios de los transbordadores cambiarán el próximo "
            "mes, con salidas más tempranas entre semana y un barco nocturno los viernes.",
            "Los usuarios que dependen del cruce de las siete dijeron que el cambio les costará una hora al día, y "
            "varios escribieron al ayuntamiento para quejarse.",
            "La empresa explicó que el nuevo horario se elaboró tras una encuesta a los pasajeros el otoño pasado "
            "y que se revisará dentro de seis meses.",
        ],
        "La respuesta del ministerio llegará el lunes.",
        ["Compartir", "Comentarios", "Leer más", "Aviso legal", "© 2024 El Diario del Puerto"],
    ),
}


@pytest.mark.parametrize("language", sorted(PAGES))
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_sentence_with_a_lexicon_word_is_not_named_by_the_lexicon(language, where):
    nav, title, byline, body, sentence, foot = PAGES[language]
    paragraphs = [sentence, *body] if where == "first" else [*body, sentence]
    doc = copydesk.process("\n".join([*nav, title, byline, *paragraphs, *foot]))
    seg = next(s for s in doc.segments if s.text == sentence)
    # kept, or removed by the model's score: never as a comments/related/navigation phrase
    assert seg.kind not in TOPICS or (seg.kind == "navigation" and seg.rule == "boilerplate.navigation.short")
    assert not (seg.rule or "").endswith((".lexicon", ".prefix"))
    assert "\n\n".join(body) in doc.body
    # the page's furniture still goes, named by its lexicon (share, comments, related, navigation)
    removed = {s.text: s.kind for s in doc.removed}
    assert [removed.get(line) for line in foot[:3]] == ["share", "comments", "related"]
    assert removed[nav[0]] == "navigation"


# a subheading that uses a one-word entry ("reply", "Antwort", "réponse", "respuesta")
SUBHEADINGS = {
    "en": "What the council's reply says",
    "de": "Was die Antwort der Stadt besagt",
    "fr": "Ce que dit la réponse du maire",
    "es": "Lo que dice la respuesta del alcalde",
}


@pytest.mark.parametrize("language", sorted(SUBHEADINGS))
def test_a_subheading_with_a_lexicon_word_between_paragraphs_joins_the_body(language):
    nav, title, byline, body, _, foot = PAGES[language]
    line = SUBHEADINGS[language]
    lines = [*nav, title, byline, body[0], line, body[1], body[2], *foot]
    probability = dict(zip(lines, score_page(Page.from_lines(lines)), strict=False))
    low, high = probability[line], min(probability[b] for b in body)
    assert low < high
    # a threshold between the subheading's score and the body's, as on pages where it scores just below
    doc = label_document(Document.from_text("\n".join(lines)), options=Options(threshold=(low + high) / 2))
    assert probability[line] >= 0.45  # body.between's floor
    assert [s.rule for s in doc.segments if s.text == line] == ["body.between"]
    assert doc.body == "\n\n".join([body[0], line, body[1], body[2]])
