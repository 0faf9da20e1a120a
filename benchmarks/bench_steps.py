"""Speed per step: MB/s per core of each default-pipeline step and of the whole pipeline, on page text.

Each step is timed on the Documents it really receives in the default pipeline (the output
of the steps before it); MB are UTF-8 megabytes of the original page text, so the figures of
the steps add up like their times do. Speeds are per core: MB over the CPU time of this
process (``time.process_time``, median of the runs; one process, no parallelism), with the
wall time beside them. Each run starts with the garbage collected and the objects alive before it
frozen (``common.alone_in_the_heap``), so a job pays for collecting its own objects, not for the
collector's passes over the inputs held for the other jobs, and with copydesk's caches between
documents empty (``copydesk.clear_caches``): a first pass over these pages. The pipeline is also
timed on the same pages a second time, caches warm, as a site's next pages would find its menus
measured. ``ftfy.fix_text`` on the same pages
is the reference (ratio 1.0), clean-text (``fix_unicode`` only, no ASCII folding or lower-casing)
a peer. The pipeline is also timed without ``until_stable``, so the cost of settling its own body
shows.
"""

from __future__ import annotations

from collections.abc import Callable

import ftfy

import copydesk
from benchmarks.common import (
    Context,
    Section,
    median_wall_and_cpu,
    megabytes,
    peak_memory_mb,
    peer,
    run_in_fresh_process,
    table,
)
from benchmarks.corpus import pages
from copydesk.document import Document
from copydesk.steps import default_steps

PIPELINE = "copydesk.process (default pipeline)"
WARM = "copydesk.process, the same pages again (caches warm)"
UNSETTLED = "default pipeline without until_stable"
REFERENCE = "ftfy.fix_text"


def run(ctx: Context) -> Section:
    """The whole benchmark in a fresh interpreter: run late in the full suite's process, ``ftfy.fix_text``
    (the reference) took 2.15 s of CPU on these pages against 1.47 s in a process of its own, and the ratio
    column with it."""
    return run_in_fresh_process(_measure, ctx)  # type: ignore[no-any-return]


def _measure(ctx: Context) -> Section:
    notes: list[str] = []
    texts, source = pages(ctx, ctx.size(300, 20))
    repeat = max(3, ctx.repeat)
    notes.append(f"input: {source}")
    size = megabytes(texts)

    # What each step receives in the default pipeline.
    steps = default_steps()
    current = [Document.from_text(t) for t in texts]
    inputs = []
    for step in steps:
        inputs.append(current)
        current = [step(doc) for doc in current]

    def each(func: Callable[[str], object]) -> Callable[[], object]:
        return lambda: [func(t) for t in texts]

    jobs: dict[str, tuple[str, Callable[[], object]]] = {
        "Document.from_text": ("copydesk step", each(Document.from_text)),
    }
    for step, docs in zip(steps, inputs, strict=True):
        jobs[f"step {step.name}"] = ("copydesk step", lambda step=step, docs=docs: [step(d) for d in docs])
    jobs[PIPELINE] = ("copydesk pipeline", each(copydesk.process))
    jobs[UNSETTLED] = ("copydesk pipeline", each(copydesk.default_pipeline(until_stable=False)))
    jobs[WARM] = ("copydesk pipeline", each(copydesk.process))
    jobs["copydesk.repair_encoding (str)"] = ("copydesk function", each(copydesk.repair_encoding))
    jobs[REFERENCE] = ("peer (reference)", each(ftfy.fix_text))
    cleantext = peer("cleantext", notes)
    if cleantext is not None:
        jobs["clean-text clean(fix_unicode)"] = (
            "peer",
            each(lambda t: cleantext.clean(t, fix_unicode=True, to_ascii=False, lower=False)),
        )

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, (_, job) in jobs.items():
        wall[name], cpu[name] = median_wall_and_cpu(job, repeat, warm=name == WARM)
    reference = cpu[REFERENCE]
    rows = [
        [name, kind, size / cpu[name], reference / cpu[name], cpu[name], wall[name], size / wall[name]]
        for name, (kind, _) in jobs.items()
    ]
    memory = {
        PIPELINE: peak_memory_mb(jobs[PIPELINE][1]),
        REFERENCE: peak_memory_mb(jobs[REFERENCE][1]),
    }
    slowest = max((n for n in jobs if n.startswith("step ")), key=lambda n: cpu[n])
    step_total = sum(cpu[n] for n in jobs if n.startswith(("step ", "Document.")))
    settling = max(0.0, cpu[PIPELINE] - cpu[UNSETTLED])
    per_core = size / cpu[PIPELINE]
    ratio = reference / cpu[PIPELINE]
    markdown = "\n\n".join(
        [
            f"{len(texts)} pages, {size:.1f} MB; median of {repeat} runs each. MB/s per core: UTF-8 MB of page "
            "text over the CPU time of this process (`time.process_time`, one process; each run with the objects "
            "alive before it frozen out of the garbage collector's passes, and copydesk's caches between documents "
            "empty: a first pass over the pages); wall time beside it.",
            f"**Whole default pipeline: {per_core:.2f} MB/s per core, {ratio:.2f}x the speed of {REFERENCE}** "
            f"(both in CPU time; wall time: {size / wall[PIPELINE]:.2f} MB/s). The same pages a second time, with "
            f"the lines measured on the first pass remembered: {size / cpu[WARM]:.2f} MB/s per core.",
            table(
                ["what", "kind", "MB/s per core", f"x {REFERENCE} speed", "CPU s", "wall s", "MB/s wall"],
                rows,
            ),
            f"The steps and Document.from_text add up to {step_total:.3f} s CPU; the pipeline takes "
            f"{cpu[UNSETTLED]:.3f} s without until_stable and {cpu[PIPELINE]:.3f} s with it: settling its own "
            f"body costs {settling:.3f} s ({settling / cpu[PIPELINE]:.0%} of the pipeline).",
            "Peak memory added while processing all pages (Python allocations, tracemalloc in a forked process):",
            table(["what", "MB"], [[k, v] for k, v in memory.items()]),
        ]
    )
    return Section(
        title="Speed per step",
        markdown=markdown,
        metrics={
            "throughput_mb_s": {name: size / s for name, s in cpu.items()},
            "throughput_mb_s_wall": {name: size / s for name, s in wall.items()},
            "seconds": cpu,
            "wall_seconds": wall,
            "megabytes": size,
            "peak_memory_mb": memory,
            "ratios": {f"{name} vs {REFERENCE} (speed, CPU time)": reference / s for name, s in cpu.items()},
            "headline": {
                "default pipeline, MB/s per core (CPU time)": f"{per_core:.2f} ({ratio:.2f}x the speed of "
                f"{REFERENCE}; wall time {size / wall[PIPELINE]:.2f} MB/s; caches warm {size / cpu[WARM]:.2f})",
                "slowest step": f"{slowest} ({size / cpu[slowest]:.2f} MB/s per core)",
                "settling its own body (until_stable)": f"{settling / cpu[PIPELINE]:.0%} of the pipeline's CPU time",
            },
        },
        notes=notes,
    )
