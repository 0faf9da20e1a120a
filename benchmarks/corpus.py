"""Seeded inputs for the benchmarks: paragraphs, pages and mojibake, real data first when present.

Everything here is deterministic for a given seed, so a run anywhere measures the same text.
The sentences below were written for this suite (no third-party text is copied).

>>> import random
>>> mojibake("Müller’s café", "utf8-as-cp1252")
'MÃ¼llerâ€™s cafÃ©'
>>> len(generated_paragraphs(random.Random(1), 5))
5
"""

from __future__ import annotations

import random
from collections.abc import Callable

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

from benchmarks.common import Context, read_jsonl_gz

#: Short news sentences per language, typeset as a newspaper would (curly quotes, dashes).
SENTENCES: dict[str, list[str]] = {
    "en": [
        "The mayor said the new tram line would open in March, two months later than planned.",
        "“We are not going to raise fares this year,” the transport commissioner told reporters.",
        "Shares in the retailer fell 4% after it cut its forecast for the Christmas quarter.",
        "María López, who chairs the committee, called the report “a first step — not the last”.",
        "The vote passed 52–48 late on Tuesday after a debate that lasted almost nine hours.",
        "Rescue teams reached the village of Çamlıca on foot because the bridge had collapsed.",
        "The café on Rue Saint‑Denis reopened on Friday, its owner’s third attempt since 2019.",
        "Officials in Zürich and São Paulo said the agreement would be signed before the summit.",
    ],
    "de": [
        "Die Stadtverwaltung kündigte am Montag an, die Brücke über die Spree früher zu öffnen.",
        "„Wir müssen jetzt handeln“, sagte die Bürgermeisterin vor dem Rathaus in Köln.",
        "Der Umsatz stieg im dritten Quartal um 3,5 Prozent auf 1,2 Milliarden Euro.",
        "Für die Bewohner der Straße ändert sich zunächst nichts – der Bau beginnt erst 2027.",
        "Die Gewerkschaft fordert höhere Löhne und eine kürzere Wochenarbeitszeit.",
        "Nach Angaben der Polizei wurde niemand verletzt; die Ermittlungen dauern an.",
    ],
    "fr": [
        "Le gouvernement a présenté mercredi un projet de loi sur la sécurité des réseaux.",
        "« Nous ne reculerons pas », a déclaré la ministre à l’issue du conseil des ministres.",
        "Les prix de l’énergie ont baissé de 2 % en un mois, selon l’Insee.",
        "À Marseille, les élèves rentreront lundi dans des écoles rénovées cet été.",
        "Le maire de Besançon a reçu les représentants des commerçants du centre‑ville.",
        "La grève a perturbé le trafic ferroviaire entre Paris et Lyon pendant deux jours.",
    ],
    "es": [
        "El Gobierno aprobó el martes una subida del salario mínimo para el próximo año.",
        "«No vamos a permitir más retrasos», afirmó el alcalde de Málaga en rueda de prensa.",
        "La compañía ganó 340 millones de euros en el primer semestre, un 12 % más.",
        "Los vecinos de Logroño reclaman más autobuses nocturnos desde el pasado otoño.",
        "El juez citó a declarar a los responsables de la obra tras el derrumbe.",
    ],
    "pt": [
        "O ministro da Economia disse que a inflação deverá cair até o fim do ano.",
        "A prefeitura de São Paulo anunciou novas linhas de ônibus para a zona leste.",
        "“Não há motivo para pânico”, afirmou o presidente do banco central em Brasília.",
        "As exportações de café cresceram 8% em relação ao mesmo período do ano passado.",
    ],
    "pl": [
        "Rząd przyjął we wtorek projekt ustawy o ochronie środowiska naturalnego.",
        "Mieszkańcy Łodzi mogą od dziś korzystać z nowej linii tramwajowej.",
        "„To był trudny rok dla całej branży”, powiedział prezes spółki w Gdańsku.",
    ],
    "cs": [
        "Vláda ve středu schválila zvýšení důchodů o průměrně pět set korun.",
        "Na dálnici D1 u Brna se kvůli nehodě tvořily kolony dlouhé několik kilometrů.",
    ],
    "tr": [
        "Belediye, İstanbul’daki köprünün bakım çalışmalarının iki hafta süreceğini açıkladı.",
        "Ekonomi bakanı, enflasyonun yıl sonunda düşmesini beklediklerini söyledi.",
    ],
    "ru": [
        "Правительство в четверг утвердило новый порядок выдачи разрешений на строительство.",
        "«Мы ожидаем рост экспорта зерна», — заявил министр сельского хозяйства.",
        "В Новосибирске из‑за сильного снегопада задерживаются рейсы в аэропорту Толмачёво.",
    ],
    "el": [
        "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τους μικρούς επαγγελματίες.",
        "Ο δήμαρχος της Θεσσαλονίκης εγκαίνιασε τη νέα γραμμή του μετρό.",
    ],
    "zh": [
        "市政府周一宣布，新的地铁线路将于明年三月开通。",
        "该公司第三季度营收同比增长百分之十二，超出市场预期。",
    ],
    "ja": [
        "政府は火曜日、来年度の予算案を閣議決定した。",
        "東京の気温は平年より高く、桜の開花は例年より早まる見込みだ。",
    ],
    "ar": [
        "أعلنت الحكومة يوم الاثنين عن خطة جديدة لدعم الشركات الصغيرة.",
    ],
    "vi": [
        "Thủ tướng yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn đầu tư công.",
    ],
}

#: How mojibake is made: UTF-8 bytes read back with the wrong codec (or twice).
MOJIBAKE: dict[str, Callable[[str], str]] = {
    "utf8-as-cp1252": lambda t: t.encode("utf-8").decode("sloppy-windows-1252"),
    "utf8-as-latin-1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-as-macroman": lambda t: t.encode("utf-8").decode("mac_roman"),
    "double cp1252": lambda t: MOJIBAKE["utf8-as-cp1252"](MOJIBAKE["utf8-as-cp1252"](t)),
    "cp1252, undefined bytes lost": lambda t: t.encode("utf-8").decode("cp1252", errors="replace"),
    "one sentence of several": lambda t: _one_sentence(t),
}


def mojibake(text: str, kind: str) -> str:
    """``text`` damaged the way ``kind`` (a key of :data:`MOJIBAKE`) says."""
    return MOJIBAKE[kind](text)


def _one_sentence(text: str) -> str:
    # Mojibake in the middle of clean text: a quote pasted from a badly decoded source.
    cut = text.find(". ", len(text) // 3)
    if cut < 0:
        cut = len(text) // 2
    return text[: cut + 1] + MOJIBAKE["utf8-as-cp1252"](text[cut + 1 :])


def typeset(text: str) -> str:
    """Straight quotes and `` - `` dashes as a newspaper prints them (curly, en dash).

    >>> typeset('He said "no" - it\\'s over.')
    'He said “no” – it’s over.'
    """
    out = []
    double_open = True
    for i, char in enumerate(text):
        if char == '"':
            out.append("“" if double_open else "”")
            double_open = not double_open
        elif char == "'":
            before = text[i - 1] if i else " "
            out.append("‘" if before.isspace() or before in "(“" else "’")
        else:
            out.append(char)
    return "".join(out).replace(" - ", " – ")


def generated_paragraphs(rng: random.Random, count: int, languages: list[str] | None = None) -> list[str]:
    """``count`` paragraphs of 2 to 4 sentences, each in one language drawn at random."""
    langs = languages or list(SENTENCES)
    out = []
    for _ in range(count):
        pool = SENTENCES[rng.choice(langs)]
        out.append(" ".join(rng.sample(pool, min(len(pool), rng.randint(2, 4)))))
    return out


def real_paragraphs(ctx: Context, count: int) -> list[str] | None:
    """Up to ``count`` newswire paragraphs from ``neardup/reuters-paragraphs.jsonl.gz``, or ``None``."""
    path = ctx.data_file("neardup/reuters-paragraphs.jsonl.gz")
    if path is None:
        return None
    out = []
    for record in read_jsonl_gz(path):
        out.append(record["text"])
        if len(out) >= count:
            break
    return out


def paragraphs(ctx: Context, count: int) -> list[str]:
    """``count`` paragraphs: real ones (cycled if too few) when the data has them, else generated."""
    real = real_paragraphs(ctx, count)
    if not real:
        return generated_paragraphs(random.Random(ctx.seed), count)
    return [real[i % len(real)] for i in range(count)]


def pages(ctx: Context, count: int) -> tuple[list[str], str]:
    """``count`` page texts (one visible block per line) and where they came from.

    Real pages from ``boilerplate/gold-dev`` then ``snippets-dev`` when present, else pages
    generated from :data:`SENTENCES` with navigation, captions and footer lines around them.
    """
    texts: list[str] = []
    for name in ("boilerplate/gold-dev.jsonl.gz", "boilerplate/snippets-dev.jsonl.gz"):
        path = ctx.data_file(name)
        if path is None:
            continue
        for record in read_jsonl_gz(path):
            texts.append(record["full_text"])
            if len(texts) >= count:
                return texts, f"{count} real pages (boilerplate/*.jsonl.gz full_text)"
    if texts:
        return texts, f"{len(texts)} real pages (all there are in boilerplate/*.jsonl.gz)"
    rng = random.Random(ctx.seed)
    chrome = ["Home", "News", "Sport", "Sign in", "Subscribe", "Share on Facebook", "Share on X", "Advertisement"]
    out = []
    for i in range(count):
        body = generated_paragraphs(rng, rng.randint(8, 30))
        if rng.random() < 0.3:  # some pages were decoded with the wrong codec somewhere upstream
            body[rng.randrange(len(body))] = mojibake(body[0], rng.choice(list(MOJIBAKE)))
        lines = [*rng.sample(chrome, 5), f"Headline number {i}", "By Staff Reporter", *body]
        lines += ["Photo: Agency\u00a0/ Someone", "© 2026 The Daily Example. All rights reserved.", "Read more"]
        out.append("\n".join(lines))
    return out, f"{count} generated pages (seeded)"
