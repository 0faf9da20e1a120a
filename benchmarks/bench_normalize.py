"""Normalization speed: ``copydesk.fix_text`` against ``ftfy.fix_text`` on the same text, outputs compared.

Two texts of paragraphs, one per line, 3% of the lines cp1252 mojibake: real newswire with
typographic quotes added (generated English when the data is absent), and generated
paragraphs in fourteen languages (accents, Cyrillic, Greek, CJK with fullwidth punctuation). On each:
MB/s of ``ftfy.fix_text``, ``copydesk.fix_text`` (outputs compared), ``repair_encoding``, the
normalizer steps of the default pipeline and the whole default pipeline.

Then growth with input size: one line of 1, 10 and 50 MB, and 100k and 1M short lines,
through ``fix_text`` and the normalizer pipeline, with the peak of what the call allocates
(``tracemalloc``: the resident-set high-water mark of a forked child hides anything below the
parent's own earlier peak).
"""

from __future__ import annotations

import math
import random

import ftfy

import copydesk
from benchmarks.common import Context, Section, median_seconds, megabytes, table, traced_peak_mb
from benchmarks.corpus import SENTENCES, generated_paragraphs, real_paragraphs
from copydesk import Pipeline, TextStep
from copydesk.steps import default_steps

_WORDS = (
    "the government said on Monday that talks with López and Müller would resume after a pause "
    "of several weeks while officials in São Paulo and Zürich reviewed the figures for the quarter"
).split()

#: Share of lines turned into mojibake.
DAMAGE = 0.03


def newswire(ctx: Context, count: int) -> tuple[list[str], str]:
    """Real newswire paragraphs when the data folder has them, else generated English ones."""
    real = real_paragraphs(ctx, count)
    if real:
        return real, f"{len(real):,} real newswire paragraphs (neardup/reuters-paragraphs.jsonl.gz)"
    rng = random.Random(ctx.seed)
    out = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(20, 80))).capitalize() + "." for _ in range(count)]
    return out, f"{count:,} generated English paragraphs (no data folder)"


def damaged(paragraphs: list[str], seed: int, rate: float = DAMAGE) -> str:
    """Paragraphs with typographic quotes, one per line, ``rate`` of them turned into cp1252 mojibake."""
    rng = random.Random(seed)
    lines = []
    for text in paragraphs:
        text = text.replace(' "', " “").replace('" ', "” ").replace("'s", "’s")
        if rng.random() < rate:
            text = text.encode("utf-8").decode("cp1252", errors="replace")
        lines.append(text)
    return "\n".join(lines)


def normalizers() -> Pipeline:
    """The normalizer steps of the default pipeline, without captions, boilerplate and the rest."""
    return Pipeline([s for s in default_steps() if isinstance(s, TextStep) and s.settle])


def _speed(ctx: Context, name: str, text: str) -> tuple[list[list[object]], dict[str, float], bool]:
    size = megabytes(text)
    identical = copydesk.fix_text(text) == ftfy.fix_text(text)
    norm = normalizers()
    timings = {}
    for label, func in [
        ("ftfy.fix_text", lambda: ftfy.fix_text(text)),
        ("copydesk.fix_text", lambda: copydesk.fix_text(text)),
        ("copydesk.repair_encoding", lambda: copydesk.repair_encoding(text)),
        ("copydesk.clean, normalizer steps", lambda: copydesk.clean(text, norm)),
        ("copydesk.clean, default pipeline", lambda: copydesk.clean(text)),
    ]:
        timings[label] = median_seconds(func, ctx.repeat)
    base = timings["ftfy.fix_text"]
    rows: list[list[object]] = [[name, label, size / s, base / s] for label, s in timings.items()]
    return rows, {label: size / s for label, s in timings.items()}, identical


def _growth_inputs(ctx: Context, pool: list[str]) -> list[tuple[str, str]]:
    """(label, text): single lines of growing size (clean newswire), then many short lines (3% mojibake)."""
    clean_line = " ".join(p.replace(' "', " “").replace('" ', "” ") for p in pool)
    sizes = [0.2, 1.0] if ctx.quick else [1.0, 10.0, 50.0]
    out = []
    for mb in sizes:
        chars = int(mb * 1e6)
        line = (clean_line * (chars // len(clean_line) + 1))[:chars]
        out.append((f"one line, {mb:g} MB", line))
    rng = random.Random(ctx.seed)
    # Short lines: single sentences in fourteen languages, typeset (quotes, dashes, accents).
    sentences = [sentence for group in SENTENCES.values() for sentence in group]
    for count in [10_000, 50_000] if ctx.quick else [100_000, 1_000_000]:
        lines = []
        for _ in range(count):
            line = rng.choice(sentences)
            if rng.random() < DAMAGE:
                line = line.encode("utf-8").decode("cp1252", errors="replace")
            lines.append(line)
        out.append((f"{count:,} short lines", "\n".join(lines)))
    return out


def _growth(ctx: Context, pool: list[str]) -> tuple[str, dict[str, list[tuple[float, float]]], dict[str, float]]:
    norm = normalizers()
    systems = {
        "copydesk.fix_text": copydesk.fix_text,
        "copydesk.clean, normalizer steps": lambda t: copydesk.clean(t, norm),
    }
    rows = []
    scaling: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
    by_lines: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
    memory: dict[str, float] = {}
    for label, text in _growth_inputs(ctx, pool):
        size = megabytes(text)
        row: list[object] = [label, size]
        for name, func in systems.items():
            seconds = median_seconds(lambda func=func, text=text: func(text), 1 if size > 5 else min(3, ctx.repeat))
            peak = traced_peak_mb(lambda func=func, text=text: func(text))
            row += [size / seconds, peak]
            (scaling if label.startswith("one line") else by_lines)[name].append((size, seconds))
            memory[f"{name}, {label}"] = peak
        rows.append(row)
    header = ["input", "MB"]
    for name in systems:
        header += [f"{name} MB/s", "peak MB"]
    exponents = ", ".join(f"{name} {_exponent(points):.2f}" for name, points in scaling.items())
    line_exponents = ", ".join(f"{name} {_exponent(points):.2f}" for name, points in by_lines.items())
    markdown = (
        table(header, rows)
        + "\n\nGrowth exponent (slope of log time against log size, 1.0 = linear) over the single lines: "
        + exponents
        + "; over the short lines: "
        + line_exponents
        + ". Peak memory: the most the call allocated at once beyond its input (tracemalloc), in MB."
    )
    return markdown, scaling, memory


def _exponent(points: list[tuple[float, float]]) -> float:
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def run(ctx: Context) -> Section:
    count = ctx.size(20_000, 2_000)
    news, news_source = newswire(ctx, count)
    multilingual = generated_paragraphs(random.Random(ctx.seed), count)
    rows: list[list[object]] = []
    throughput: dict[str, float] = {}
    identical = {}
    ratios = {}
    for name, paragraphs in [("newswire", news), ("fourteen languages", multilingual)]:
        text = damaged(paragraphs, ctx.seed)
        part, speeds, same = _speed(ctx, name, text)
        rows += part
        identical[name] = same
        throughput.update({f"{label} ({name})": v for label, v in speeds.items()})
        ratios[f"copydesk.fix_text vs ftfy.fix_text, {name} (speed)"] = (
            speeds["copydesk.fix_text"] / speeds["ftfy.fix_text"]
        )
        ratios[f"normalizer steps vs ftfy.fix_text, {name} (speed)"] = (
            speeds["copydesk.clean, normalizer steps"] / speeds["ftfy.fix_text"]
        )
    growth_md, scaling, memory = _growth(ctx, news)
    news_ratio = ratios["copydesk.fix_text vs ftfy.fix_text, newswire (speed)"]
    markdown = "\n\n".join(
        [
            table(["text", "function", "MB/s (median)", "x ftfy.fix_text"], rows),
            f"{DAMAGE:.0%} of the lines are cp1252 mojibake. copydesk.fix_text output identical to "
            "ftfy.fix_text: " + ", ".join(f"{k} {v}" for k, v in identical.items()) + ".",
            "### Growth with input size",
            growth_md,
        ]
    )
    return Section(
        title="Normalization speed",
        markdown=markdown,
        metrics={
            "fix_text_speedup": news_ratio,
            "identical": all(identical.values()),
            "throughput_mb_s": throughput,
            "ratios": ratios,
            "scaling": scaling,
            "scaling_unit": "MB in one line",
            "peak_memory_mb": memory,
            "headline": {
                "copydesk.fix_text vs ftfy.fix_text": f"{news_ratio:.1f}x on newswire, "
                f"{ratios['copydesk.fix_text vs ftfy.fix_text, fourteen languages (speed)']:.1f}x on fourteen "
                f"languages, outputs identical: {all(identical.values())}",
            },
        },
        notes=[
            f"newswire: {news_source}; fourteen languages: {count:,} generated paragraphs (seeded)",
            "a line longer than max_decode_length (1M characters) that holds mojibake is repaired piece by "
            "piece with ftfy's encoding repair, at nearly ftfy's speed: the single lines above are clean text "
            "with curly quotes",
        ],
    )
