"""Bylines without a prefix: a name and a job title or a news agency above the body (rule ``byline.credited``),
and byline prefixes that are also prepositions only on a page of their language."""

from __future__ import annotations

import pytest

import copydesk

# one short article per language: menu, headline, [byline line], two paragraphs, a share line
PAGES = {
    "en": (
        ["Home", "News", "Sport"],
        "Harbour bridge to close for six months",
        [
            "The council voted on Monday to close the old swing bridge for six months while engineers replace "
            "its rusting deck, a job postponed three times since the first inspection.",
            "Drivers will be sent through the town centre instead, which shopkeepers on the high street "
            "welcomed after a winter in which footfall fell by almost a fifth.",
        ],
        "Share",
    ),
    "de": (
        ["Startseite", "Politik", "Sport"],
        "Hafenbrücke wird für sechs Monate gesperrt",
        [
            "Der Stadtrat hat am Montag beschlossen, die alte Drehbrücke für sechs Monate zu schließen, weil "
            "das rostige Deck erneuert werden muss, eine Arbeit, die schon dreimal verschoben wurde.",
            "Autofahrer werden durch die Innenstadt umgeleitet, was die Händler in der Hauptstraße nach einem "
            "Winter begrüßen, in dem ihnen fast ein Fünftel der Kundschaft fehlte.",
        ],
        "Teilen",
    ),
    "fr": (
        ["Accueil", "Politique", "Sport"],
        "Le pont du port fermé pendant six mois",
        [
            "Le conseil municipal a voté lundi la fermeture du vieux pont tournant pendant six mois, le temps "
            "que les ingénieurs remplacent son tablier rouillé, un chantier reporté trois fois.",
            "Les automobilistes passeront par le centre-ville, ce que les commerçants de la grand-rue ont salué "
            "après un hiver où la fréquentation a baissé de près d'un cinquième.",
        ],
        "Partager",
    ),
    "es": (
        ["Inicio", "Política", "Deportes"],
        "El puente del puerto cerrará seis meses",
        [
            "El pleno del ayuntamiento aprobó el lunes cerrar el viejo puente giratorio durante seis meses "
            "mientras los ingenieros sustituyen su tablero oxidado, una obra aplazada tres veces.",
            "Los conductores serán desviados por el centro de la ciudad, algo que los comerciantes de la calle "
            "mayor celebraron después de un invierno en el que perdieron casi una quinta parte de sus clientes.",
        ],
        "Compartir",
    ),
}


def _page(lang: str, header: list[str]) -> copydesk.Document:
    menu, title, body, foot = PAGES[lang]
    return copydesk.process("\n".join([*menu, title, *header, *body, foot]))


@pytest.mark.parametrize(
    ("lang", "line", "author"),
    [
        ("en", "Tom Davies Associated Press", "Tom Davies"),
        ("en", "Jane Doe Staff Writer", "Jane Doe"),
        ("de", "Anna Schmidt Redakteurin", "Anna Schmidt"),
        ("de", "Max Weber dpa", "Max Weber"),
        ("fr", "Claire Vidal Journaliste", "Claire Vidal"),
        ("fr", "Marie Dubois AFP", "Marie Dubois"),
        ("es", "Lucía Martín Enviada especial", "Lucía Martín"),
        ("es", "Ana Ruiz EFE", "Ana Ruiz"),
        # a desk or the word "agency" between the name and the title or agency is not part of the name
        ("en", "Owen Marsh Education editor", "Owen Marsh"),
        ("en", "Priya Nair Environment correspondent", "Priya Nair"),
        ("es", "Ana Ruiz Agencia EFE", "Ana Ruiz"),
        ("fr", "Claire Vidal Agence AFP", "Claire Vidal"),
    ],
)
def test_a_name_with_a_job_title_or_an_agency_above_the_body_is_a_byline(lang, line, author):
    doc = _page(lang, [line])
    assert doc.authors == (author,)
    assert doc.title == PAGES[lang][1]
    [segment] = [s for s in doc.segments if s.text == line]
    assert (segment.kind, segment.kept, segment.rule) == ("byline", False, "byline.credited")
    assert doc.body == "\n\n".join(PAGES[lang][2])


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        # a section or menu label that ends with a word qualifying a job title, not with a job title
        ("en", "Latest Coastal Politics"),
        ("en", "Jane Doe Staff"),
        ("de", "Anna Schmidt Freie"),
        ("fr", "Nouvelles Brèves Spéciale"),
        ("es", "Noticias Locales Especial"),
        ("en", "Culture Arts Education"),
        ("es", "Servicios Agencia"),
    ],
)
def test_a_label_that_ends_with_a_qualifier_is_no_byline(lang, line):
    doc = _page(lang, [line])
    assert doc.authors == ()
    assert all(s.kind != "byline" for s in doc.segments)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Tom Davies said on Monday that the bridge had been unsafe for years and should have shut sooner."),
        ("de", "Anna Schmidt sagte am Montag, die Brücke sei seit Jahren marode und hätte früher schließen müssen."),
        ("fr", "Claire Vidal a déclaré lundi que le pont était dangereux depuis des années et aurait dû fermer."),
        ("es", "Ana Ruiz dijo el lunes que el puente llevaba años en mal estado y debió cerrarse mucho antes."),
    ],
)
def test_a_body_sentence_that_opens_with_a_name_stays_in_the_body(lang, sentence):
    menu, title, body, foot = PAGES[lang]
    doc = copydesk.process("\n".join([*menu, title, body[0], sentence, body[1], foot]))
    assert doc.authors == ()
    [segment] = [s for s in doc.segments if s.text == sentence]
    assert (segment.kind, segment.kept) == ("body", True)
    assert doc.body.endswith("\n\n".join([body[0], sentence, body[1]]))


def test_a_credited_name_beside_a_prefixed_byline_is_no_author():
    # under "By Jane Doe", a name and an agency is a photographer's credit: the byline names the author
    doc = _page("en", ["By Jane Doe", "Tom Davies Associated Press"])
    assert doc.authors == ("Jane Doe",)
    assert [s.kind for s in doc.segments if s.text == "Tom Davies Associated Press"] != ["byline"]


SPANISH = [
    "El pleno del ayuntamiento aprobó el lunes cerrar el viejo puente giratorio durante seis meses mientras los "
    "ingenieros sustituyen su tablero oxidado, una obra que ya se había aplazado tres veces desde la inspección.",
    "Los conductores serán desviados por el centro de la ciudad, algo que los comerciantes de la calle mayor "
    "celebraron después de un invierno en el que perdieron casi una quinta parte de sus clientes habituales.",
]


def test_portuguese_de_before_a_name_shaped_line_is_no_byline_on_a_spanish_page():
    # "De Vuelta al Barrio" has a name's shape, but "De" makes a byline only in Portuguese
    doc = copydesk.process("\n".join(["Inicio", "Cultura", "De Vuelta al Barrio", "Por Ana Ruiz", *SPANISH]))
    assert doc.authors == ("Ana Ruiz",)
    assert [s.kind for s in doc.segments if s.text == "De Vuelta al Barrio"] != ["byline"]
    assert doc.title == "De Vuelta al Barrio"


def test_portuguese_de_before_a_name_is_still_a_byline_on_a_portuguese_page():
    body = [
        "A autoridade portuária anunciou na terça-feira que os horários dos ferries vão mudar no próximo mês, "
        "com partidas mais cedo nos dias úteis e um barco noturno às sextas-feiras.",
        "Os utentes que dependem da travessia das sete dizem que a mudança lhes custará uma hora por dia, e "
        "vários escreveram à câmara municipal para se queixarem.",
    ]
    doc = copydesk.process(
        "\n".join(["Início", "Política", "Horários dos ferries mudam em maio", "De Ana Souza", *body])
    )
    assert doc.authors == ("Ana Souza",)
