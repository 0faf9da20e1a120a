"""Byline prefixes that are also prepositions (Portuguese "De Ana Souza") make a byline only before a name."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.boilerplate.features import Page

NAMES = [
    ("De Ana Souza", ["Ana Souza"]),
    ("De João da Silva e Maria Santos", ["João da Silva", "Maria Santos"]),
    ("De Rita Lopes, da Lusa", ["Rita Lopes"]),
    ("De Pedro Alves | 12/03/2024", ["Pedro Alves"]),
    ("de Carla Ribeiro", ["Carla Ribeiro"]),
]

# prose, headlines and places after "De": no byline (pt, es, fr, it)
NOT_NAMES = [
    "De acordo com o ministério, o novo horário entra em vigor em maio",
    "De Lisboa ao Porto em três horas",
    "De Portugal",
    "De 12 a 15 de março",
    "De Madrid a Barcelona en tres horas",
    "De plus en plus de ferries",
    "De Gaulle était président",
]


@pytest.mark.parametrize(("line", "names"), NAMES)
def test_a_name_after_de_is_a_byline(line, names):
    page = Page.from_lines([line])
    assert page.is_byline(0)
    assert page.authors(0) == names


@pytest.mark.parametrize("line", NOT_NAMES)
def test_no_byline_without_a_name_after_de(line):
    page = Page.from_lines([line])
    assert not page.is_byline(0)
    assert page.authors(0) == []


@pytest.mark.parametrize(("line", "names"), [("By Pamela", ["Pamela"]), ("Por Ana Souza", ["Ana Souza"])])
def test_other_prefixes_need_no_full_name(line, names):
    assert Page.from_lines([line]).authors(0) == names


NAV = ["Início", "Política", "Economia", "Desporto"]
BODY = [
    "A autoridade portuária anunciou na terça-feira que os horários dos ferries vão mudar no próximo mês, "
    "com partidas mais cedo nos dias úteis e um barco noturno às sextas-feiras.",
    "De acordo com a empresa, o novo horário foi elaborado depois de um inquérito aos passageiros no outono "
    "passado e será revisto dentro de seis meses.",
    "Os utentes que dependem da travessia das sete dizem que a mudança lhes custará uma hora por dia, e vários "
    "escreveram à câmara municipal para se queixarem.",
]
FOOT = ["Compartilhar", "Comentários", "© 2024 Diário do Porto"]


def test_a_portuguese_byline_with_de_gives_the_authors():
    title = "Horários dos ferries mudam em maio"
    doc = copydesk.process("\n".join([*NAV, title, "De Ana Souza e Rui Costa", "12 de março de 2024", *BODY, *FOOT]))
    assert doc.authors == ("Ana Souza", "Rui Costa")
    assert doc.title == title
    assert doc.body == "\n\n".join(BODY)  # "De acordo com a empresa, ..." is body
    byline = next(s for s in doc.segments if s.text.startswith("De Ana"))
    assert (byline.kind, byline.rule) == ("byline", "byline.prefix")


def test_a_headline_opening_with_de_stays_the_title():
    title = "De Lisboa ao Porto em três horas"
    doc = copydesk.process("\n".join([*NAV, title, "Por Ana Souza", "12 de março de 2024", *BODY, *FOOT]))
    assert doc.title == title
    assert doc.authors == ("Ana Souza",)
