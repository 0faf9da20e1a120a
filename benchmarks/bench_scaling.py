"""Growth with input size: the default pipeline on one text of n paragraphs, n from 1k to 1M.

``copydesk.process`` and, as the reference on the same text, ``ftfy.fix_text``. The paragraphs
are real newswire when present (cycled past the 88k there are), else generated; they are
joined by blank lines into one text. The growth exponent is the slope of log(time) against
log(n) between the smallest and the largest size (1.0: linear).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import ftfy

import copydesk
from benchmarks.common import Context, Section, median_seconds, megabytes, peak_memory_mb, table
from benchmarks.corpus import paragraphs

SYSTEMS: dict[str, Callable[[str], object]] = {
    "copydesk.process (default pipeline)": copydesk.process,
    "ftfy.fix_text": ftfy.fix_text,
}


def exponent(points: list[tuple[int, float]]) -> float:
    """Slope of log(seconds) against log(n) between the first and the last point.

    >>> round(exponent([(10, 1.0), (1000, 100.0)]), 6)
    1.0
    """
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def run(ctx: Context) -> Section:
    sizes = [100, 1_000, 5_000] if ctx.quick else [1_000, 10_000, 100_000, 1_000_000]
    pool = paragraphs(ctx, sizes[-1])
    notes = [ctx.source_note("neardup/reuters-paragraphs.jsonl.gz", "generated multilingual paragraphs")]
    notes.append(f"{len(set(pool)):,} distinct paragraphs among the {sizes[-1]:,} (the pool is cycled when short)")
    scaling: dict[str, list[tuple[int, float]]] = {name: [] for name in SYSTEMS}
    rows = []
    memory_at = max(n for n in sizes if n <= 100_000)
    memory: dict[str, float] = {}
    for n in sizes:
        text = "\n\n".join(pool[:n])
        size = megabytes(text)
        # The largest inputs take a minute a run: fewer repeats there (said in the table).
        repeat = 1 if n >= 1_000_000 else (min(3, ctx.repeat) if n >= 100_000 else ctx.repeat)
        row: list[object] = [n, size, repeat]
        for name, func in SYSTEMS.items():
            seconds = median_seconds(lambda func=func, text=text: func(text), repeat)
            scaling[name].append((n, seconds))
            row += [seconds, size / seconds]
            if n == memory_at:
                memory[name] = peak_memory_mb(lambda func=func, text=text: func(text))
        rows.append(row)
        del text
    header = ["paragraphs", "MB", "runs"]
    for name in SYSTEMS:
        header += [f"{name} s", "MB/s"]
    exponents = {name: exponent(points) for name, points in scaling.items()}
    pipeline = "copydesk.process (default pipeline)"
    largest_ratio = scaling["ftfy.fix_text"][-1][1] / scaling[pipeline][-1][1]
    markdown = "\n\n".join(
        [
            table(header, rows),
            "Growth exponent (1.0 = linear): "
            + ", ".join(f"{name} {value:.2f}" for name, value in exponents.items())
            + f". At {sizes[-1]:,} paragraphs copydesk.process runs at {largest_ratio:.2f}x the speed of "
            "ftfy.fix_text.",
            f"Peak memory added at {memory_at:,} paragraphs (resident, forked process):",
            table(["what", "MB"], [[k, v] for k, v in memory.items()]),
        ]
    )
    n_max, t_max = scaling[pipeline][-1]
    return Section(
        title="Growth with input size",
        markdown=markdown,
        metrics={
            "scaling": scaling,
            "scaling_unit": "paragraphs in one text",
            "growth_exponent": exponents,
            "peak_memory_mb": memory,
            "ratios": {f"process vs ftfy.fix_text at {n_max:,} paragraphs (speed)": largest_ratio},
            "headline": {
                f"default pipeline on {n_max:,} paragraphs": f"{t_max:.1f} s, growth exponent "
                f"{exponents[pipeline]:.2f} (ftfy.fix_text {exponents['ftfy.fix_text']:.2f})",
            },
        },
        notes=notes,
    )
