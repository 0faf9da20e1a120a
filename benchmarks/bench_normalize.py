"""Normalization speed: ``copydesk.fix_text`` against ``ftfy.fix_text`` on the same text, outputs compared."""

from __future__ import annotations

import random

import ftfy

import copydesk
from benchmarks.common import Context, Section, median_seconds, read_jsonl_gz, table

_WORDS = (
    "the government said on Monday that talks with López and Müller would resume after a pause "
    "of several weeks while officials in São Paulo and Zürich reviewed the figures for the quarter"
).split()


def paragraphs(ctx: Context, count: int) -> list[str]:
    """Real newswire paragraphs when the data folder has them, else generated ones."""
    path = ctx.data_file("neardup/reuters-paragraphs.jsonl.gz")
    if path is not None:
        out = []
        for record in read_jsonl_gz(path):
            out.append(record["text"])
            if len(out) >= count:
                return out
        return out
    rng = random.Random(ctx.seed)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(20, 80))).capitalize() + "." for _ in range(count)]


def damaged_text(ctx: Context, count: int, rate: float = 0.03) -> str:
    """Paragraphs with typographic quotes, ``rate`` of them turned into cp1252 mojibake."""
    rng = random.Random(ctx.seed)
    lines = []
    for text in paragraphs(ctx, count):
        text = text.replace(' "', " “").replace('" ', "” ").replace("'s", "’s")
        if rng.random() < rate:
            text = text.encode("utf-8").decode("cp1252", errors="replace")
        lines.append(text)
    return "\n".join(lines)


def run(ctx: Context) -> Section:
    text = damaged_text(ctx, 2_000 if ctx.quick else 20_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    identical = copydesk.fix_text(text) == ftfy.fix_text(text)
    rows = []
    timings = {}
    for name, func in [
        ("ftfy.fix_text", lambda: ftfy.fix_text(text)),
        ("copydesk.fix_text", lambda: copydesk.fix_text(text)),
        ("copydesk.repair_encoding", lambda: copydesk.repair_encoding(text)),
        ("copydesk.clean (normalizers only)", lambda: copydesk.clean(text)),
    ]:
        seconds = median_seconds(func, ctx.repeat)
        timings[name] = seconds
        rows.append([name, megabytes / seconds])
    baseline = timings["ftfy.fix_text"]
    for row in rows:
        row.append(baseline / timings[row[0]])
    ratio = baseline / timings["copydesk.fix_text"]
    return Section(
        title="Normalization speed",
        markdown=table(["function", "MB/s (median)", "x ftfy.fix_text"], rows)
        + f"\n\n{megabytes:.1f} MB of text, 3% of lines mojibake; copydesk.fix_text output identical to ftfy: "
        + f"{identical}",
        metrics={"fix_text_speedup": ratio, "identical": identical, "megabytes": megabytes},
    )
