"""Encoding-repair quality: copydesk vs ftfy vs clean-text on generated mojibake and on clean text.

Positives: clean paragraphs (real newswire when present, typeset with curly quotes and dashes,
plus multilingual generated ones) damaged by round trips through cp1252, latin-1, MacRoman,
double encoding, lossy cp1252 and mojibake in one sentence only. A system *repairs* a case when
its output equals the clean paragraph. Negatives: the clean paragraphs themselves and a set of
hand-written tricky texts (currency, backslashes, emoji, box drawing, text *about* mojibake,
fullwidth letters, ligatures) that must come out unchanged.

ftfy's and clean-text's defaults straighten curly quotes, which is a choice, not a repair
error; the "quotes folded" columns compare after straightening quotes on both sides.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import ftfy
from ftfy.fixes import uncurl_quotes

import copydesk
from benchmarks.common import Context, Section, metric_table, peer, table
from benchmarks.corpus import MOJIBAKE, SENTENCES, generated_paragraphs, mojibake, real_paragraphs, typeset

#: Legitimate text that a repairer must leave alone (written for this suite).
TRICKY_NEGATIVES = [
    "Tickets cost 15 €, or about £13 — a bargain by Berlin standards.",
    "SÃO PAULO (Reuters) – Preços de alimentos sobem pelo terceiro mês seguido.",
    r"The script wrote to C:\new\table.csv and then to C:\temp\report.txt before it crashed.",
    r"In JSON, write \u00e9 for é; the regex \d+\s matches digits followed by a space.",
    "¯\\_(ツ)_/¯ was the spokesman’s only reply on social media.",
    "The naïve façade of the Øresund café cost 3½ million kroner.",
    "He typed “Ã©” instead of “é”: that is what mojibake looks like.",
    "Great match ⚽🔥 — see you on Sunday! 👍🏽",
    "Temperatures fell to −5 °C overnight; 2×3 = 6 and the error is ±0.5 µm.",
    "The chart used ░▒▓█ shading and ─│┌┐ borders in the terminal.",
    "Fullwidth ＡＢＣ１２３ appears in the Japanese advertisement.",
    "The ﬁnancial oﬃce opened a ﬂagship branch.",
    "नमस्ते दुनिया — शहर में नई मेट्रो लाइन खुली।",
    "שלום עולם: העירייה פתחה קו רכבת חדש.",
    "서울 시장은 월요일에 새 버스 노선을 발표했다.",
    "สวัสดีครับ ตลาดหุ้นไทยปิดบวกเล็กน้อย",
    "Ĳsselmeer, Ærø and Œuvre are all spelled correctly here.",
    "The Polish złoty rose 0.3% against the euro; the Czech koruna was flat.",
    "Λέξεις όπως «ευχαριστώ» και «παρακαλώ» είναι συνηθισμένες.",
    "The menu said “Crème brûlée — 7,50 €” in large letters.",
]


def systems(notes: list[str]) -> dict[str, Callable[[str], str]]:
    """The repairers compared, with the input as-is as the baseline; missing peers are noted."""
    out: dict[str, Callable[[str], str]] = {
        "as-is (no repair)": lambda t: t,
        "copydesk.repair_encoding": copydesk.repair_encoding,
        "copydesk.fix_text": copydesk.fix_text,
        "ftfy.fix_text": ftfy.fix_text,
    }
    cleantext = peer("cleantext", notes)
    if cleantext is not None:
        out["clean-text"] = lambda t: cleantext.clean(
            t, fix_unicode=True, to_ascii=False, lower=False, normalize_whitespace=False, no_line_breaks=False
        )
    return out


def clean_paragraphs(ctx: Context, count: int) -> tuple[list[str], str]:
    """Clean paragraphs: half real newswire (typeset) when present, the rest generated multilingual."""
    rng = random.Random(ctx.seed)
    real = real_paragraphs(ctx, count * 4) or []
    # Newswire is almost all ASCII: keep the paragraphs that typesetting gives a non-ASCII character.
    real = [t for t in map(typeset, real) if not t.isascii()][: count // 2]
    generated = generated_paragraphs(rng, count - len(real))
    source = f"{len(real)} real newswire paragraphs (typeset) + {len(generated)} generated in {len(SENTENCES)} "
    return real + generated, source + "languages"


def run(ctx: Context) -> Section:
    notes: list[str] = []
    clean, source = clean_paragraphs(ctx, ctx.size(2_000, 200))
    notes.append(ctx.source_note("neardup/reuters-paragraphs.jsonl.gz", "multilingual generated paragraphs only"))
    notes.append(f"clean text: {source}")
    cases = [(kind, mojibake(text, kind), text) for kind in MOJIBAKE for text in clean if mojibake(text, kind) != text]
    repairers = systems(notes)

    repaired: dict[str, float] = {}
    repaired_folded: dict[str, float] = {}
    unchanged: dict[str, float] = {}
    unchanged_folded: dict[str, float] = {}
    tricky: dict[str, float] = {}
    by_kind: dict[str, dict[str, float]] = {kind: {} for kind in MOJIBAKE}
    tricky_failures: dict[str, list[int]] = {}
    for name, fix in repairers.items():
        outputs = [fix(damaged) for _, damaged, _ in cases]
        exact = [out == want for out, (_, _, want) in zip(outputs, cases, strict=True)]
        folded = [uncurl_quotes(out) == uncurl_quotes(want) for out, (_, _, want) in zip(outputs, cases, strict=True)]
        repaired[name] = sum(exact) / len(cases)
        repaired_folded[name] = sum(folded) / len(cases)
        for kind in MOJIBAKE:
            hits = [ok for ok, (k, _, _) in zip(folded, cases, strict=True) if k == kind]
            by_kind[kind][name] = sum(hits) / len(hits) if hits else float("nan")
        negatives = [fix(text) for text in clean]
        unchanged[name] = sum(out == text for out, text in zip(negatives, clean, strict=True)) / len(clean)
        unchanged_folded[name] = sum(
            uncurl_quotes(out) == uncurl_quotes(text) for out, text in zip(negatives, clean, strict=True)
        ) / len(clean)
        failures = [i for i, text in enumerate(TRICKY_NEGATIVES) if uncurl_quotes(fix(text)) != uncurl_quotes(text)]
        tricky_failures[name] = failures
        tricky[name] = 1 - len(failures) / len(TRICKY_NEGATIVES)

    main = {
        "mojibake repaired (exact)": repaired,
        "mojibake repaired (quotes folded)": repaired_folded,
        "clean text unchanged (exact)": unchanged,
        "clean text unchanged (quotes folded)": unchanged_folded,
        "tricky text unchanged (quotes folded)": tricky,
    }
    kind_rows = [[kind, sum(1 for k, _, _ in cases if k == kind), *scores.values()] for kind, scores in by_kind.items()]
    wrong = [
        [name, ", ".join(repr(TRICKY_NEGATIVES[i][:40]) for i in failures) or "-"]
        for name, failures in tricky_failures.items()
    ]
    markdown = "\n\n".join(
        [
            f"{len(cases)} damaged paragraphs ({len(MOJIBAKE)} kinds of damage), {len(clean)} clean paragraphs, "
            f"{len(TRICKY_NEGATIVES)} tricky clean texts. Share of cases (1.000 = all):",
            metric_table(main),
            "ftfy's defaults (and so clean-text's) also turn fullwidth punctuation such as the Chinese comma "
            "into ASCII and expand ligatures: where the clean paragraph has them, the output differs from it "
            "and the case counts as not repaired (the tricky-text table shows those changes). Repaired (quotes "
            "folded) by kind of damage:",
            table(["damage", "cases", *repairers], kind_rows),
            "Tricky texts changed beyond quotes (first 40 characters):",
            table(["system", "changed"], wrong),
        ]
    )
    best_peer = max(v for k, v in repaired_folded.items() if not k.startswith(("copydesk", "as-is")))
    return Section(
        title="Encoding repair quality",
        markdown=markdown,
        metrics={
            "quality": {
                "mojibake repaired (quotes folded)": {k: v for k, v in repaired_folded.items() if "as-is" not in k},
                "clean + tricky text unchanged (quotes folded)": {
                    k: (unchanged_folded[k] * len(clean) + tricky[k] * len(TRICKY_NEGATIVES))
                    / (len(clean) + len(TRICKY_NEGATIVES))
                    for k in repairers
                    if "as-is" not in k
                },
            },
            "repair": main,
            "by_kind": by_kind,
            "ratios": {
                "repaired, copydesk.repair_encoding / best peer": repaired_folded["copydesk.repair_encoding"]
                / best_peer
                if best_peer
                else float("nan")
            },
            "headline": {
                "mojibake repaired, quotes folded (repair_encoding / ftfy / clean-text)": " / ".join(
                    f"{repaired_folded.get(k, float('nan')):.1%}"
                    for k in ("copydesk.repair_encoding", "ftfy.fix_text", "clean-text")
                ),
                "clean text left unchanged, quotes folded (repair_encoding / ftfy / clean-text)": " / ".join(
                    f"{unchanged_folded.get(k, float('nan')):.1%}"
                    for k in ("copydesk.repair_encoding", "ftfy.fix_text", "clean-text")
                ),
            },
        },
        notes=notes,
    )
