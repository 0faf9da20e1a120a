"""Speed per step: MB/s of each default-pipeline step and of the whole pipeline, on page text.

Each step is timed on the Documents it really receives in the default pipeline (the output
of the steps before it); MB are UTF-8 megabytes of the original page text, so the figures of
the steps add up like their times do. ``ftfy.fix_text`` on the same pages is the reference
(ratio 1.0), clean-text (``fix_unicode`` only, no ASCII folding or lower-casing) a peer.
"""

from __future__ import annotations

from collections.abc import Callable

import ftfy

import copydesk
from benchmarks.common import Context, Section, median_seconds, megabytes, peak_memory_mb, peer, table
from benchmarks.corpus import pages
from copydesk.document import Document
from copydesk.steps import default_steps

PIPELINE = "copydesk.process (default pipeline)"
REFERENCE = "ftfy.fix_text"


def run(ctx: Context) -> Section:
    notes: list[str] = []
    texts, source = pages(ctx, ctx.size(300, 20))
    repeat = min(ctx.repeat, 3)
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
    jobs["copydesk.repair_encoding (str)"] = ("copydesk function", each(copydesk.repair_encoding))
    jobs[REFERENCE] = ("peer (reference)", each(ftfy.fix_text))
    cleantext = peer("cleantext", notes)
    if cleantext is not None:
        jobs["clean-text clean(fix_unicode)"] = (
            "peer",
            each(lambda t: cleantext.clean(t, fix_unicode=True, to_ascii=False, lower=False)),
        )

    seconds = {name: median_seconds(job, repeat) for name, (_, job) in jobs.items()}
    reference = seconds[REFERENCE]
    rows = [
        [name, kind, size / seconds[name], reference / seconds[name], seconds[name]] for name, (kind, _) in jobs.items()
    ]
    memory = {
        PIPELINE: peak_memory_mb(jobs[PIPELINE][1]),
        REFERENCE: peak_memory_mb(jobs[REFERENCE][1]),
    }
    slowest = max((n for n in jobs if n.startswith("step ")), key=lambda n: seconds[n])
    step_total = sum(seconds[n] for n in jobs if n.startswith(("step ", "Document.")))
    markdown = "\n\n".join(
        [
            f"{len(texts)} pages, {size:.1f} MB; median of {repeat} runs each.",
            table(["what", "kind", "MB/s", f"x {REFERENCE} speed", "seconds"], rows),
            f"The steps and Document.from_text add up to {step_total:.2f} s against {seconds[PIPELINE]:.2f} s "
            "for the whole pipeline.",
            "Peak memory added while processing all pages (Python allocations, tracemalloc in a forked process):",
            table(["what", "MB"], [[k, v] for k, v in memory.items()]),
        ]
    )
    return Section(
        title="Speed per step",
        markdown=markdown,
        metrics={
            "throughput_mb_s": {name: size / s for name, s in seconds.items()},
            "seconds": seconds,
            "megabytes": size,
            "peak_memory_mb": memory,
            "ratios": {f"{name} vs {REFERENCE} (speed)": reference / s for name, s in seconds.items()},
            "headline": {
                "default pipeline, MB/s": f"{size / seconds[PIPELINE]:.2f} "
                f"({reference / seconds[PIPELINE]:.2f}x the speed of {REFERENCE})",
                "slowest step": f"{slowest} ({size / seconds[slowest]:.2f} MB/s)",
            },
        },
        notes=notes,
    )
