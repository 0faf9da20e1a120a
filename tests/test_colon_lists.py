"""A list that a body paragraph of page text announces with a colon joins the body (rule ``body.list``)."""

from __future__ import annotations

import pytest

import copydesk

# per language: menu, headline, the paragraph that announces the list, the items, two more paragraphs, footer
PAGES = {
    "en": (
        [
            "Home",
            "News",
            "Local",
            "Business",
            "Sport",
            "Weather",
            "Opinion",
            "Lifestyle",
            "Travel",
            "Video",
            "Podcasts",
            "Newsletters",
            "Log in",
            "Search",
        ],
        "Council sets out its plan for the harbour",
        "The council published its plan for the old harbour on Monday, and officials said the work would be "
        "done in three stages over the next five years, starting in the spring:",
        ["Dredging", "Pontoons", "Footpath", "Car park"],
        [
            "The first stage alone will cost about four million pounds, most of it paid by a grant that the "
            "town won last year after a long campaign by local businesses and the sailing club.",
            "Residents can comment on the plan until the end of March, and a public meeting will be held in the "
            "town hall in February for anyone who wants to ask the engineers questions.",
        ],
        [
            "Share",
            "Most read",
            "Ferry fares to rise in spring",
            "Lifeboat crew honoured",
            "About us",
            "Contact",
            "Advertise",
            "Careers",
            "Terms",
            "Privacy policy",
            "Cookie settings",
            "© 2024 The Harbour Times",
        ],
    ),
    "de": (
        [
            "Startseite",
            "Nachrichten",
            "Lokales",
            "Wirtschaft",
            "Sport",
            "Wetter",
            "Meinung",
            "Leben",
            "Reisen",
            "Video",
            "Podcasts",
            "Newsletter",
            "Anmelden",
            "Suche",
        ],
        "Stadtrat legt Plan für den alten Hafen vor",
        "Der Stadtrat hat am Montag seinen Plan für den alten Hafen vorgestellt, und die Verwaltung erklärte, "
        "die Arbeiten würden in den nächsten fünf Jahren in drei Abschnitten erledigt:",
        ["Baggerarbeiten", "Bootsstege", "Fußweg", "Parkplatz"],
        [
            "Allein der erste Abschnitt wird rund vier Millionen Euro kosten, die zum größten Teil aus einem "
            "Förderprogramm kommen, das die Stadt im vergangenen Jahr nach langem Einsatz gewonnen hat.",
            "Die Bürger können den Plan bis Ende März kommentieren, und im Februar findet im Rathaus eine "
            "öffentliche Versammlung statt, auf der die Ingenieure Fragen beantworten werden.",
        ],
        [
            "Teilen",
            "Meistgelesen",
            "Fährpreise steigen im Frühjahr",
            "Seenotretter geehrt",
            "Über uns",
            "Kontakt",
            "Werbung",
            "Karriere",
            "AGB",
            "Datenschutz",
            "Cookie-Einstellungen",
            "© 2024 Hafenbote",
        ],
    ),
    "fr": (
        [
            "Accueil",
            "Actualités",
            "Région",
            "Économie",
            "Sport",
            "Météo",
            "Opinions",
            "Société",
            "Voyages",
            "Vidéos",
            "Podcasts",
            "Newsletters",
            "Connexion",
            "Recherche",
        ],
        "Le conseil présente son plan pour le vieux port",
        "Le conseil municipal a présenté lundi son plan pour le vieux port, et les services ont indiqué que "
        "les travaux seraient menés en trois étapes au cours des cinq prochaines années :",
        ["Dragage", "Pontons", "Sentier", "Parking"],
        [
            "La première étape coûtera à elle seule environ quatre millions d'euros, payés pour l'essentiel par "
            "une subvention que la ville a obtenue l'an dernier après une longue campagne des commerçants.",
            "Les habitants peuvent donner leur avis jusqu'à la fin du mois de mars, et une réunion publique aura "
            "lieu en février à la mairie pour tous ceux qui veulent interroger les ingénieurs.",
        ],
        [
            "Partager",
            "Les plus lus",
            "Les tarifs des ferries augmentent",
            "Les sauveteurs honorés",
            "Qui sommes-nous",
            "Contact",
            "Publicité",
            "Carrières",
            "Conditions",
            "Confidentialité",
            "Cookies",
            "© 2024 Le Courrier du Port",
        ],
    ),
    "es": (
        [
            "Inicio",
            "Noticias",
            "Local",
            "Economía",
            "Deportes",
            "Tiempo",
            "Opinión",
            "Vida",
            "Viajes",
            "Vídeo",
            "Podcasts",
            "Boletines",
            "Acceder",
            "Buscar",
        ],
        "El ayuntamiento presenta su plan para el puerto viejo",
        "El ayuntamiento presentó el lunes su plan para el puerto viejo, y los técnicos explicaron que las "
        "obras se harán en tres fases a lo largo de los próximos cinco años:",
        ["Dragado", "Pantalanes", "Paseo", "Aparcamiento"],
        [
            "Solo la primera fase costará unos cuatro millones de euros, pagados en su mayor parte con una "
            "subvención que la ciudad consiguió el año pasado tras una larga campaña de los comerciantes.",
            "Los vecinos pueden opinar sobre el plan hasta finales de marzo, y en febrero habrá una reunión "
            "pública en el ayuntamiento para quien quiera preguntar a los ingenieros.",
        ],
        [
            "Compartir",
            "Lo más leído",
            "Suben las tarifas del ferri",
            "Homenaje a los socorristas",
            "Quiénes somos",
            "Contacto",
            "Publicidad",
            "Empleo",
            "Condiciones",
            "Privacidad",
            "Cookies",
            "© 2024 El Diario del Puerto",
        ],
    ),
}


def _run(lang: str, items: list[str], after: list[str] | None = None) -> copydesk.Document:
    menu, title, intro, _, paragraphs, foot = PAGES[lang]
    rest = paragraphs if after is None else after
    return copydesk.process("\n".join([*menu, title, intro, *items, *rest, *foot]))


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_items_a_paragraph_announces_with_a_colon_join_the_body(lang):
    items = PAGES[lang][3]
    doc = _run(lang, items)
    for item in items:
        [segment] = [s for s in doc.segments if s.text == item]
        assert (segment.kind, segment.kept, segment.rule) == ("body", True, "body.list")
    assert "\n\n".join([PAGES[lang][2], *items, *PAGES[lang][4]]) in doc.body


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_short_lines_after_a_colon_with_no_body_line_below_stay_out(lang):
    # the paragraph closes the article: what follows its colon is the page's footer, not a list
    items = PAGES[lang][3]
    doc = _run(lang, items, after=[])
    assert not any(s.kept for s in doc.segments if s.text in items)


# hard negatives between the announcing paragraph and the next one, per language: teaser headlines with kickers
# (several headings of their own), share buttons (boilerplate phrases), another story's header (a byline)
NOT_ITEMS = [
    ("en", ["Storm warning:", "Ferries cancelled", "Housing:", "Rents rise again", "Football:", "City win derby"]),
    ("de", ["Sturmwarnung:", "Fähren fallen aus", "Wohnen:", "Mieten steigen", "Sport:", "Derby gewonnen"]),
    ("fr", ["Tempête :", "Les ferries annulés", "Logement :", "Les loyers montent", "Football :", "La ville gagne"]),
    ("es", ["Temporal:", "Cancelados los ferris", "Vivienda:", "Suben los alquileres", "Fútbol:", "La ciudad gana"]),
    ("en", ["Share on Facebook", "Share on Twitter", "Share via Email"]),
    ("de", ["Auf Facebook teilen", "Auf Twitter teilen", "Per E-Mail teilen"]),
    ("fr", ["Partager sur Facebook", "Partager sur Twitter", "Partager par e-mail"]),
    ("es", ["Compartir en Facebook", "Compartir en Twitter", "Compartir por correo"]),
    ("es", ["Por Ana Ruiz", "3 de marzo de 2024"]),
]


@pytest.mark.parametrize(("lang", "lines"), NOT_ITEMS)
def test_teasers_buttons_and_headers_after_a_colon_are_no_list(lang, lines):
    doc = _run(lang, lines)
    assert all(s.rule != "body.list" for s in doc.segments)
