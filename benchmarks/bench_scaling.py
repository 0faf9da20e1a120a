"""Growth with input size: the default pipeline on one text of n paragraphs, n from 1k to 1M.

``copydesk.process`` (the whole default pipeline), its text steps alone (the normalizers:
encoding, entities, invisibles, whitespace, Unicode), and as the reference on the same text ``ftfy.fix_text``.
The paragraphs are real newswire when present (cycled past the 88k there are), else
generated; they are joined by blank lines into one text. A system whose next size is
predicted (linearly from its last one) to take more than its time budget is not run at that
size, and the table says so. Times are CPU time of this process (``time.process_time``: one
core's work, steady on a busy machine), medians of the runs. The growth exponent is the slope
of log(time) against log(n) between the smallest and the largest size it ran (1.0: linear),
and between each size and the next.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import ftfy

import copydesk
from benchmarks.common import Context, Section, median_wall_and_cpu, megabytes, peak_memory_mb, table
from benchmarks.corpus import paragraphs

PIPELINE = "copydesk.process (default pipeline)"
NORMALIZERS = "copydesk normalizers (the default pipeline's text steps)"
REFERENCE = "ftfy.fix_text"


def systems() -> dict[str, Callable[[str], object]]:
    """The systems timed, by name."""
    normalizers = copydesk.Pipeline(s for s in copydesk.default_pipeline() if isinstance(s, copydesk.TextStep))
    return {PIPELINE: copydesk.process, NORMALIZERS: normalizers, REFERENCE: ftfy.fix_text}


def exponent(points: list[tuple[int, float]]) -> float:
    """Slope of log(seconds) against log(n) between the first and the last point.

    >>> round(exponent([(10, 1.0), (1000, 100.0)]), 6)
    1.0
    """
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def run(ctx: Context) -> Section:
    sizes = [100, 1_000, 3_000] if ctx.quick else [1_000, 10_000, 100_000, 1_000_000]
    pool = paragraphs(ctx, sizes[-1])
    notes = [ctx.source_note("neardup/reuters-paragraphs.jsonl.gz", "generated multilingual paragraphs")]
    notes.append(f"{len(set(pool)):,} distinct paragraphs among the {sizes[-1]:,} (the pool is cycled when short)")
    timed = systems()
    budget = 20.0 if ctx.quick else 180.0  # seconds for one system at one size, all runs
    scaling: dict[str, list[tuple[int, float]]] = {name: [] for name in timed}
    rows = []
    memory_at = sizes[-1] if ctx.quick else 10_000  # tracemalloc slows the run down: a mid size
    memory: dict[str, float] = {}
    for n in sizes:
        text = "\n\n".join(pool[:n])
        size = megabytes(text)
        # The largest inputs take a minute or more a run: one run there (said in the table).
        repeat = 1 if n >= 100_000 else ctx.repeat
        row: list[object] = [n, size, repeat]
        for name, func in timed.items():
            if scaling[name]:
                last_n, last_s = scaling[name][-1]
                predicted = last_s * n / last_n * repeat
                if predicted > budget:
                    row += [f"not run (~{predicted / repeat:,.0f} s predicted)", None]
                    continue
            _, seconds = median_wall_and_cpu(lambda func=func, text=text: func(text), repeat)
            scaling[name].append((n, seconds))
            row += [seconds, size / seconds]
            if n == memory_at:
                memory[name] = peak_memory_mb(lambda func=func, text=text: func(text))
        rows.append(row)
        del text
    header = ["paragraphs", "MB", "runs"]
    for name in timed:
        header += [f"{name} CPU s", "MB/s per core"]
    exponents = {name: exponent(points) for name, points in scaling.items() if len(points) > 1}
    steps = {
        name: {f"{a[0]:,} -> {b[0]:,}": exponent([a, b]) for a, b in itertools.pairwise(points)}
        for name, points in scaling.items()
    }
    reference = dict(scaling[REFERENCE])
    ratios = {}
    headline = {}
    for name, label in ((PIPELINE, "default pipeline"), (NORMALIZERS, "normalizers")):
        n_max, t_max = scaling[name][-1]
        ratio = reference[n_max] / t_max if n_max in reference else float("nan")
        ratios[f"{label} vs {REFERENCE} at {n_max:,} paragraphs (speed)"] = ratio
        headline[f"{label} on {n_max:,} paragraphs"] = (
            f"{t_max:.1f} s CPU ({ratio:.2f}x the speed of {REFERENCE}), growth exponent "
            f"{exponents.get(name, float('nan')):.2f}"
        )
    markdown = "\n\n".join(
        [
            table(header, rows),
            "Growth exponent (1.0 = linear): "
            + ", ".join(f"{name} {value:.2f}" for name, value in exponents.items())
            + ". Speed against ftfy.fix_text at the largest size each ran: "
            + ", ".join(f"{label} {value:.2f}x" for label, value in ratios.items())
            + ".",
            "Growth exponent from each size to the next: "
            + "; ".join(
                f"{name} " + ", ".join(f"{span} {value:.2f}" for span, value in spans.items())
                for name, spans in steps.items()
                if spans
            )
            + ".",
            f"Peak memory added at {memory_at:,} paragraphs (Python allocations, tracemalloc in a forked process):",
            table(["what", "MB"], [[k, v] for k, v in memory.items()]),
        ]
    )
    return Section(
        title="Growth with input size",
        markdown=markdown,
        metrics={
            "scaling": scaling,
            "scaling_unit": "paragraphs in one text",
            "growth_exponent": exponents,
            "growth_exponent_steps": steps,
            "peak_memory_mb": memory,
            "ratios": ratios,
            "headline": headline,
        },
        notes=notes,
    )
