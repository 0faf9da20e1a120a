"""Titles: which line above the body is the headline, on pages written for these tests (several languages)."""

from __future__ import annotations

from collections import Counter

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.boilerplate import decisions
from copydesk.boilerplate.features import Page
from copydesk.boilerplate.titles import _relative_time, is_doubled, is_echoed, is_relative_time, is_trail
from copydesk.lexicon import languages, load_lexicon

_FERRY = (
    "Ferry operators on the west coast say they are preparing for a winter of longer and more frequent storms, "
    "after a season in which dozens of crossings were cancelled at short notice."
)
_FERRY_2 = (
    "The operators want the harbour authority to fund new breakwaters, which they say would let ferries keep "
    "sailing in all but the worst storms, according to a letter seen by reporters."
)
_SCHOOL = (
    "Die Gesamtschule am Südpark bekommt ihren Neubau: Der Stadtrat hat am Dienstag die Pläne für das "
    "Gebäude mit zwölf Klassenräumen und einer Mensa mit großer Mehrheit genehmigt."
)
_SCHOOL_2 = (
    "Der Neubau der Gesamtschule soll im Herbst beginnen und rund elf Millionen Euro kosten, teilte die "
    "Stadtverwaltung mit; bis dahin lernen die Kinder in Containern auf dem Schulhof."
)
_BREST = (
    "Le nouveau ferry du port de Brest est arrivé mardi matin, après une traversée de quatre jours depuis le "
    "chantier naval où il a été construit pendant deux ans."
)
_BREST_2 = (
    "Le ferry pourra transporter jusqu'à six cents passagers et deux cents voitures entre Brest et les îles, "
    "selon la compagnie qui l'exploite depuis le début du mois."
)
_PUERTO = (
    "El ayuntamiento de Valencia aprobó el martes el plan para ampliar el puerto, que costará unos doscientos "
    "millones de euros y tardará seis años en completarse, según el alcalde."
)
_PUERTO_2 = (
    "Los vecinos del barrio marítimo temen más tráfico de camiones y pidieron un estudio independiente sobre "
    "la calidad del aire antes de que empiecen las obras."
)


def _title_and_flag(lines: list[str], body: list[bool]) -> tuple[str | None, bool | None, tuple[str, str, str] | None]:
    """The title ``_fields`` picks for ``lines`` when the model kept the lines flagged in ``body``, whether
    it stays in the body, and the label the title line got."""
    page = Page.from_lines(lines)
    flags = list(body)
    labels: list[tuple[str, str, str] | None] = [None] * len(lines)
    kept: dict[int, tuple[str, str, str]] = {}
    title, _ = decisions._fields(page, flags, [True] * len(lines), labels, 15, kept)
    at = lines.index(title) if title is not None else None
    return title, (flags[at] if at is not None else None), kept.get(at, labels[at] if at is not None else None)


def _fields_of(lines: list[str], body: list[bool]) -> str | None:
    """The title ``_fields`` picks for ``lines`` when the model kept the lines flagged in ``body``."""
    return _title_and_flag(lines, body)[0]


# -- the checks, line by line -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["1 hour ago", "Updated 3 hrs ago", "vor 3 Stunden", "Aktualisiert vor einer Stunde", "il y a 2 jours"]
    + ["hace 5 minutos", "há 2 horas", "3 giorni fa", "5 часов назад", "an hour ago"],
)
def test_relative_times(line: str) -> None:
    assert is_relative_time(line)


@pytest.mark.parametrize(
    "line",
    [
        "Vor 10 Jahren: Die Flut im Ahrtal",  # a headline that opens with a relative time
        "Two years ago the river took the town, and it is still rebuilding",
        "Hace falta más vivienda en Valencia",  # "hace" without a time
        "Ferry operators brace for a winter of longer storms",
        "Il y a du nouveau au port de Brest",
    ],
)
def test_headlines_are_no_relative_times(line: str) -> None:
    assert not is_relative_time(line)


def _relative_time_reference() -> regex.Pattern[str]:
    """The relative-time pattern as it was first written: one alternative per template, each with its own span."""
    units = sorted(load_lexicon("time_units", languages("time_units")), key=len, reverse=True)
    amount = r"(?:\d+|" + "|".join(regex.escape(u) for u in units) + r")"
    span = rf"{amount}\s+{amount}\.?"
    forms = []
    for template in sorted(load_lexicon("ago", languages("ago")), key=len, reverse=True):
        before, _, after = template.partition("{}")
        forms.append(regex.escape(before) + span + regex.escape(after))
    return regex.compile(r"(?i)(?<!\w)(?:" + "|".join(forms) + r")(?!\w)")


def test_relative_time_pattern_premise() -> None:
    # the grouped pattern finds what the reference finds because no alternative for a template with words
    # before the span can match where one for a template with words after it does: no unit is such a word
    units = {u.casefold() for u in load_lexicon("time_units", languages("time_units"))}
    lead_words = {t.split("{}")[0].split()[0].casefold() for t in load_lexicon("ago") if not t.startswith("{}")}
    assert lead_words and units and not units & lead_words


_UNITS = sorted(load_lexicon("time_units"))
_TEMPLATES = sorted(load_lexicon("ago"))
_REFERENCE: list[regex.Pattern[str]] = []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_UNITS),
            st.sampled_from(_UNITS).map(str.upper),
            st.sampled_from(_TEMPLATES).map(lambda t: t.replace("{}", "").strip()),
            st.sampled_from(["1", "12", "3.", "an", "A", "Vor", "Updated", "news", ":", "-", "ago.", "x"]),
            st.text(alphabet="aéhorstvдн1 .", max_size=6),
        ),
        max_size=8,
    ),
    st.sampled_from([" ", "  ", "", "\t"]),
)
def test_relative_time_pattern_matches_reference(words: list[str], space: str) -> None:
    if not _REFERENCE:
        _REFERENCE.append(_relative_time_reference())
    line = space.join(words)
    found, expected = _relative_time().search(line), _REFERENCE[0].search(line)
    assert (found and found.span()) == (expected and expected.span())


def test_relative_time_pattern_matches_reference_on_every_unit() -> None:
    reference = _relative_time_reference()
    for template in _TEMPLATES:
        for unit in _UNITS:
            for amount in ("3", unit):
                line = "Updated " + template.replace("{}", f"{amount} {unit}") + " today"
                found, expected = _relative_time().search(line), reference.search(line)
                assert (found and found.span()) == (expected and expected.span()), line


@pytest.mark.parametrize(
    ("line", "doubled"),
    [
        ("Donate Donate", True),
        ("Jetzt spenden Jetzt spenden", True),
        ("Menu Menu Menu", True),
        ("New rules for new cars", False),
        ("Bye bye, summer", False),
        ("Cha-cha-cha returns to the ballroom", False),
    ],
)
def test_doubled_interface_strings(line: str, doubled: bool) -> None:
    assert is_doubled(line) is doubled


@pytest.mark.parametrize(
    ("line", "trail"),
    [
        ("Startseite > Politik > Ausland", True),
        ("Home » News", True),
        ("Sport | Fußball | Bundesliga", True),
        ("Accueil / Actualités / Brest", True),
        ("Ukraine war: talks resume in Geneva | Reuters", False),  # an HTML title: headline and site
        ("Corona – was jetzt gilt – ein Überblick", False),  # dashes in a headline
        ("Profits > wages, the report finds", False),
        ("El puerto de Valencia crecerá / Las obras empiezan en 2026", False),
    ],
)
def test_breadcrumbs_and_menus(line: str, trail: bool) -> None:
    assert is_trail(line) is trail


def test_echoes_are_repeated_headlines_not_site_names() -> None:
    lines = [
        "Le port de Brest accueille son nouveau ferry - Le Télégramme",
        "Accueil",
        "Le port de Brest accueille son nouveau ferry",
        "Le Télégramme",
        "Le Télégramme",
        _BREST,
    ]
    counts = Counter(lines)
    assert [is_echoed(line, lines, counts) for line in lines] == [False, False, True, False, False, False]
    short = ["Short one - Site", "Short one", "Site"]  # under four words: too weak a mark
    assert not is_echoed("Short one", short, Counter(short))
    long_tail = ["Headline of the day - A much longer site name than it", "Headline of the day"]
    assert not is_echoed("Headline of the day", long_tail, Counter(long_tail))
    shouting = ["FERRY OPERATORS BRACE FOR STORMS | COAST HERALD", "Ferry operators brace for storms"]
    assert is_echoed(shouting[1], shouting, Counter(shouting))  # case aside


# -- the title of a page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noise", "headline", "body"),
    [
        ("1 hour ago", "Ferry operators brace for a winter of longer storms", [_FERRY, _FERRY_2]),
        ("Vor 3 Stunden", "Gesamtschule bekommt ihren Neubau", [_SCHOOL, _SCHOOL_2]),
        ("Il y a 2 heures", "Le port de Brest accueille son nouveau ferry", [_BREST, _BREST_2]),
        ("Hace 5 minutos", "Valencia aprueba la ampliación del puerto", [_PUERTO, _PUERTO_2]),
        ("Donate Donate", "Ferry operators brace for a winter of longer storms", [_FERRY, _FERRY_2]),
        ("Startseite > Schule > Neubau", "Gesamtschule bekommt ihren Neubau", [_SCHOOL, _SCHOOL_2]),
    ],
)
def test_a_time_stamp_a_doubled_label_or_a_breadcrumb_is_no_title(noise: str, headline: str, body: list[str]) -> None:
    # with the headline out of reach (an extractor dropped it, or it stands above the window), the line right
    # above the body used to become the title; now there is none
    lines = ["Home", "News", noise, *body]
    assert _fields_of(lines, [False] * 3 + [True] * len(body)) is None
    assert copydesk.process("\n".join(lines)).title is None
    # and with the headline on the page, the headline
    lines = ["Home", "News", headline, "Share", noise, *body]
    assert copydesk.process("\n".join(lines)).title == headline


@pytest.mark.parametrize(
    ("headline", "byline", "body"),
    [
        ("Ferry operators brace for a winter of longer storms", "By Jane DoeStaff Writer", [_FERRY, _FERRY_2]),
        ("Gesamtschule bekommt ihren Neubau", "Von Anna Schmidt", [_SCHOOL, _SCHOOL_2]),
    ],
)
def test_a_headline_above_a_byline_at_the_top_of_the_window(headline: str, byline: str, body: list[str]) -> None:
    # the byline is the first line the window holds (15 lines above the first full paragraph), the headline
    # just above it; between the byline and the body, 13 lines of gallery and share chrome
    chrome = ["Photo gallery", "Image 1 of 6", "Close", "Share on Facebook", "Share on X", "Email", "Print"]
    chrome += ["Comments 12", "Listen to this article", "5 min read", "Save", "Gift this article", "Advertisement"]
    lines = ["Home", "Local", headline, byline, *chrome, *body]
    flags = [False] * (len(lines) - len(body)) + [True] * len(body)
    assert _fields_of(lines, flags) == headline


@pytest.mark.parametrize(
    ("site_title", "headline", "dek", "byline", "body"),
    [
        (
            "Ferry operators brace for a winter of longer storms | Coast Herald",
            "Ferry operators brace for a winter of longer storms",
            "Dozens of crossings were cancelled last season, and operators want new breakwaters",
            "By Jane Doe",
            [_FERRY, _FERRY_2],
        ),
        (
            "Gesamtschule bekommt ihren Neubau - Stadtanzeiger",
            "Gesamtschule bekommt ihren Neubau",
            "Der Stadtrat genehmigt zwölf Klassenräume und eine Mensa für elf Millionen Euro",
            "Von Anna Schmidt",
            [_SCHOOL, _SCHOOL_2],
        ),
    ],
)
def test_the_headline_the_html_title_repeats_wins_over_the_dek_under_it(
    site_title: str, headline: str, dek: str, byline: str, body: list[str]
) -> None:
    lines = [site_title, "Home", "Local", headline, dek, byline, "March 12, 2024", *body]
    assert copydesk.process("\n".join(lines)).title == headline
    # without the page's copy of it, the line right above the byline stays the pick (the dek, here)
    assert copydesk.process("\n".join(lines[1:])).title == dek


def test_a_long_headline_printed_three_times_is_the_title_a_short_label_is_not() -> None:
    headline = "Valencia aprueba la ampliación del puerto"
    # breadcrumb copy, h1 and share text: three copies of the headline
    text = "\n".join(["Inicio", headline, "Economía", headline, "Por Lucía Martín", _PUERTO, headline, _PUERTO_2])
    assert copydesk.process(text).title == headline
    # a short menu label printed three times (header, sidebar, footer) stays no title
    label = "Puerto Valencia"
    lines = [label, "Inicio", label, "Economía", label, "Por Lucía Martín", _PUERTO, _PUERTO_2]
    assert _fields_of(lines, [False] * 6 + [True, True]) != label


def test_a_bar_printed_at_the_top_and_the_foot_of_the_article_is_no_echoed_headline() -> None:
    # a row of buttons repeats like a headline's copies do, but shares no word with the body
    bar = "Merken Versenden Leserbrief Feedback Korrektur Archiv"
    headline = "Neubau der Gesamtschule kommt"
    lines = ["Startseite", headline, "Foto: Stadtarchiv, Archivbild", "Anna Schmidt", "am", "Mittwoch", bar]
    lines += [_SCHOOL, _SCHOOL_2, bar, "Impressum"]
    assert _fields_of(lines, [False] * 7 + [True, True, False, False]) == headline


# -- author names in a byline with a job title ------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane DoeStaff Writer", ("Jane Doe",)),  # the role glued to the name, as page text joins elements
        ("By Martin HalvorsenBusiness Columnist", ("Martin Halvorsen",)),
        ("Von Anna Schmidt Redakteurin", ("Anna Schmidt",)),
        ("Por Lucía MartínCorresponsal", ("Lucía Martín",)),
        ("Par Marie Dubois Journaliste", ("Marie Dubois",)),
        # hard negatives: capitals inside a name, no role, a role that is all there is
        ("By Jane McDonald", ("Jane McDonald",)),
        ("By Jane Doe and Max Roe", ("Jane Doe", "Max Roe")),
    ],
)
def test_authors_leave_out_the_job_title(byline: str, authors: tuple[str, ...]) -> None:
    text = "\n".join(["Home", "Ferry operators brace for a winter of longer storms", byline, _FERRY, _FERRY_2])
    assert copydesk.process(text).authors == authors


# -- choosing the title among the lines above the body ------------------------------------------


@pytest.mark.parametrize(
    ("lines", "body", "headline"),
    [
        # an interface string above the date, the headline under it kept by the model with the body
        (
            [
                "Startseite",
                "Aktuelles",
                "Zurück zur Übersicht",
                "14.03.2024 - Stadtrat",
                "Neubau der Gesamtschule genehmigt",
                _SCHOOL,
                _SCHOOL_2,
            ],
            [False, False, False, False, True, True, True],
            "Neubau der Gesamtschule genehmigt",
        ),
        (
            [
                "Home",
                "World",
                "Close extra sharing options",
                "Latest Headlines",
                "Ferry operators brace for a winter of longer storms",
                _FERRY,
                _FERRY_2,
            ],
            [False, False, False, False, True, True, True],
            "Ferry operators brace for a winter of longer storms",
        ),
        # extractor output that opens with its headline: every line kept
        (
            ["Le port de Brest accueille son nouveau ferry", _BREST, _BREST_2],
            [True, True, True],
            "Le port de Brest accueille son nouveau ferry",
        ),
    ],
)
def test_a_headline_the_model_kept_is_the_title_and_stays_in_the_body(lines, body, headline):
    title, in_body, label = _title_and_flag(lines, body)
    assert title == headline
    assert in_body is True
    assert label == ("title", "title.kept", "headline the body opens with")


@pytest.mark.parametrize(
    ("lines", "body", "headline"),
    [
        # the author's name over the date is no title
        (
            [
                "Accueil",
                "Actualités",
                "Le port de Brest accueille son nouveau ferry",
                "Marie Dubois",
                "12 mars 2024",
                _BREST,
                _BREST_2,
            ],
            [False, False, False, False, False, True, True],
            "Le port de Brest accueille son nouveau ferry",
        ),
        # a section name that shares no word with the article loses to the headline further up
        (
            [
                "Home",
                "Ferry operators brace for a winter of longer storms",
                "Weather and Climate Desk",
                _FERRY,
                _FERRY_2,
            ],
            [False, False, False, True, True],
            "Ferry operators brace for a winter of longer storms",
        ),
        # a subheading inside the body is not the title when the headline stands above the byline
        (
            ["Startseite", "Gesamtschule darf bauen", "Von Anna Schmidt", _SCHOOL, "Wie es weitergeht", _SCHOOL_2],
            [False, False, False, True, True, True],
            "Gesamtschule darf bauen",
        ),
    ],
)
def test_title_hard_negatives(lines, body, headline):
    title, in_body, _ = _title_and_flag(lines, body)
    assert title == headline
    assert in_body is False


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        # no title-like line: a date, a share counter and prose only
        (["5. März 2024", "245 0 0", _FERRY, _FERRY_2], [False, False, True, True]),
        # a byline that goes on with its date
        (["By Jane Doe/March 3, 2024 8:15 am EST", _FERRY, _FERRY_2], [False, True, True]),
    ],
)
def test_dates_counters_and_bylines_are_no_title(lines, body):
    assert _title_and_flag(lines, body)[0] is None
