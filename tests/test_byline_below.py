"""A byline under the standfirst: the first full paragraph of a page is a dek or a teaser and the byline with
its prefix comes right after it (rule ``byline.below``); a body sentence opening with the same word is no byline."""

from __future__ import annotations

import pytest

import copydesk

# one short article per language: menu, headline, standfirst, byline, three paragraphs, a share line; and a
# body sentence that opens with the byline prefix (the hard negative)
PAGES = {
    "en": (
        ["Home", "News", "Sport", "Weather"],
        "Harbour bridge to close for six months",
        "The old swing bridge will shut in May while engineers replace its rusting deck, a job the council has "
        "now postponed three times since the first inspection found the damage.",
        "By Clara OwensStaff Writer",
        ["Clara Owens"],
        "By the end of the year the town hopes to reopen one lane for buses, the council said on Monday.",
        [
            "The council voted on Monday to close the bridge for six months, after a survey found that two of its "
            "main girders had lost almost a third of their thickness to rust.",
            "Drivers will be sent through the town centre instead, which shopkeepers on the high street welcomed "
            "after a winter in which footfall fell by almost a fifth.",
        ],
        "Share",
    ),
    "de": (
        ["Startseite", "Politik", "Sport", "Wetter"],
        "Hafenbrücke wird für sechs Monate gesperrt",
        "Die alte Drehbrücke wird im Mai geschlossen, weil Ingenieure das rostige Deck erneuern müssen, eine "
        "Arbeit, die der Stadtrat seit der ersten Prüfung schon dreimal verschoben hat.",
        "Von Jonas Weber und Lea Brandt",
        ["Jonas Weber", "Lea Brandt"],
        "Von Montag an fahren die Busse über die Umleitung durch die Innenstadt, teilte die Stadt mit.",
        [
            "Der Stadtrat hat am Montag beschlossen, die Brücke für sechs Monate zu schließen, nachdem ein "
            "Gutachten gezeigt hatte, dass zwei ihrer Hauptträger fast ein Drittel ihrer Stärke verloren haben.",
            "Autofahrer werden durch die Innenstadt umgeleitet, was die Händler in der Hauptstraße nach einem "
            "Winter begrüßen, in dem ihnen fast ein Fünftel der Kundschaft fehlte.",
        ],
        "Teilen",
    ),
    "fr": (
        ["Accueil", "Politique", "Sport", "Météo"],
        "Le pont du port fermé pendant six mois",
        "Le vieux pont tournant fermera en mai, le temps que les ingénieurs remplacent son tablier rouillé, un "
        "chantier que la mairie a reporté trois fois depuis la première inspection.",
        "Par Margaux Lefèvre",
        ["Margaux Lefèvre"],
        "Par ailleurs, la mairie promet une navette gratuite entre les deux rives pendant toute la durée des travaux.",
        [
            "Le conseil municipal a voté lundi la fermeture du pont pendant six mois, après une expertise montrant "
            "que deux de ses poutres principales avaient perdu près d'un tiers de leur épaisseur.",
            "Les automobilistes passeront par le centre-ville, ce que les commerçants de la grand-rue ont salué "
            "après un hiver où la fréquentation a baissé de près d'un cinquième.",
        ],
        "Partager",
    ),
    "es": (
        ["Inicio", "Política", "Deportes", "Tiempo"],
        "El puente del puerto cerrará durante seis meses",
        "El viejo puente giratorio cerrará en mayo mientras los ingenieros sustituyen su tablero oxidado, una obra "
        "que el ayuntamiento ha aplazado tres veces desde la primera inspección.",
        "Por Lucía Martín",
        ["Lucía Martín"],
        "Por eso el ayuntamiento pondrá un autobús gratuito entre las dos orillas mientras duren las obras.",
        [
            "El pleno votó el lunes cerrar el puente durante seis meses, después de que un informe mostrara que dos "
            "de sus vigas principales habían perdido casi un tercio de su grosor por el óxido.",
            "Los conductores irán por el centro de la ciudad, algo que los comerciantes de la calle mayor han "
            "celebrado tras un invierno en el que perdieron casi una quinta parte de sus clientes.",
        ],
        "Compartir",
    ),
}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_byline_under_the_standfirst_is_the_byline(language):
    menu, headline, standfirst, byline, names, _, paragraphs, share = PAGES[language]
    doc = copydesk.process("\n".join([*menu, headline, standfirst, byline, *paragraphs, share]))
    line = next(s for s in doc.segments if s.text == byline)
    assert (line.kind, line.kept, line.rule) == ("byline", False, "byline.below")
    assert list(doc.authors) == names
    assert doc.title == headline
    # the standfirst stays in the body, before the paragraphs (the headline above it may open the body too)
    assert doc.body.endswith("\n\n".join([standfirst, *paragraphs]))


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_body_sentence_opening_with_the_prefix_is_no_byline(language):
    menu, headline, standfirst, _, _, sentence, paragraphs, share = PAGES[language]
    doc = copydesk.process("\n".join([*menu, headline, standfirst, sentence, *paragraphs, share]))
    line = next(s for s in doc.segments if s.text == sentence)
    assert (line.kind, line.kept) == ("body", True)
    assert doc.authors == ()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Von Risiken und Nebenwirkungen"), ("de", "Von Rechts wegen"), ("en", "By the numbers")],
)
def test_a_subheading_opening_with_the_prefix_is_no_byline(language, heading):
    menu, headline, standfirst, _, _, _, paragraphs, share = PAGES[language]
    doc = copydesk.process("\n".join([*menu, headline, standfirst, heading, *paragraphs, share]))
    line = next(s for s in doc.segments if s.text == heading)
    assert line.kind != "byline"
    assert doc.authors == ()


@pytest.mark.parametrize(("rule", "island"), [("byline.below", False), ("boilerplate.navigation.short", True)])
def test_a_byline_under_the_standfirst_is_no_gap_below_the_article(rule, island):
    from copydesk.boilerplate.decisions import ISLAND_GAP, _islands
    from copydesk.boilerplate.features import Page

    _, _, standfirst, byline, _, _, _, _ = PAGES["en"]
    chrome = [f"Button {k}" for k in range(ISLAND_GAP - 1)]
    lines = [standfirst, byline, *chrome, "The bridge should reopen in November, the council said."]
    body = [True, False, *[False] * len(chrome), True]
    labels: list[tuple[str, str, str] | None] = [None] * len(lines)
    labels[1] = ("byline" if rule.startswith("byline") else "navigation", rule, "")
    _islands(Page.from_lines(lines), body, [True] * len(lines), labels, {})
    assert body[-1] is not island
