"""The command line over JSON Lines: ``copydesk clean --field text`` with one and two processes,
against the library in one process on the same pages, and its memory against input size.

Throughput: the pages (real when the data folder has them, else generated) as JSON Lines
records; the reference is ``copydesk.process`` called on each text in this process (no JSON,
no files), so the ratios show what reading, parsing, writing and the worker processes cost or
gain. Memory: the largest resident size of any process of the command (the main one or a
worker) on a file and on one many times longer, with only the ``whitespace`` step, so the
figure is that of the streaming itself, not of the steps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import copydesk
from benchmarks.common import Context, Section, table
from benchmarks.corpus import pages

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds for one run of the command line: a run that hangs fails the benchmark instead

# Runs a command and prints the largest resident size (KB) among it and its descendants.
_MAX_RSS = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)"
    ".returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def cli(*args: str) -> list[str]:
    """The command line as a subprocess argument list."""
    return [sys.executable, "-m", "copydesk", *args]


def timed_cli(args: list[str]) -> float:
    """Wall seconds of one run of the command line (a failure raises)."""
    start = time.perf_counter()
    subprocess.run(
        cli(*args), check=True, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT
    )
    return time.perf_counter() - start


def max_rss_mb(args: list[str]) -> float:
    """Largest resident size, in MB, of any process of one run of the command line."""
    out = subprocess.run(
        [sys.executable, "-c", _MAX_RSS, *cli(*args)],
        check=True,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    ).stdout.split()
    if out[0] != "0":
        raise RuntimeError(f"copydesk {' '.join(args)} exited with {out[0]}")
    return int(out[1]) / 1024


def write_records(path: Path, texts: list[str], copies: int = 1) -> float:
    """``texts`` as JSON Lines records, ``copies`` times over; returns the size in MB."""
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for number, text in enumerate(texts):
                handle.write(json.dumps({"id": f"{copy}-{number}", "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size / 1e6


def run(ctx: Context) -> Section:
    count = ctx.size(600, 40)
    texts, source = pages(ctx, count)
    notes = [f"input: {source}"]
    repeat = 1 if not ctx.quick else min(2, ctx.repeat)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.jsonl"
        size = write_records(path, texts)
        start = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                copydesk.process(text)
        library = (time.perf_counter() - start) / repeat
        rows = [["copydesk.process on each text, one process", library]]
        for jobs in (1, 2):
            args = ["clean", "--field", "text", "--jobs", str(jobs), "-o", os.devnull, str(path)]
            seconds = min(timed_cli(args) for _ in range(repeat))
            rows.append([f"copydesk clean --field text --jobs {jobs}", seconds])
        throughput = [[name, count, size, s, count / s, size / s, library / s] for name, s in rows]

        small_copies, large_copies = (2, 20) if ctx.quick else (5, 100)
        memory_rows = []
        for copies in (small_copies, large_copies):
            big = Path(folder) / f"pages-x{copies}.jsonl"
            mb = write_records(big, texts, copies)
            for jobs in (1, 2):
                args = ["clean", "--field", "text", "--steps", "whitespace", "--jobs", str(jobs), "-o", os.devnull]
                memory_rows.append([count * copies, mb, jobs, max_rss_mb([*args, str(big)])])
            big.unlink()
    notes.append(f"{os.cpu_count()} CPUs; times are the best of {repeat} run(s), the library's the mean")
    notes.append("memory: largest resident size of one process (main or worker), not the sum of them")
    small = {row[2]: row[3] for row in memory_rows[:2]}
    large = {row[2]: row[3] for row in memory_rows[2:]}
    markdown = "\n\n".join(
        [
            table(["system", "records", "MB", "seconds", "records/s", "MB/s", "speed vs library"], throughput),
            table(["records", "input MB", "--jobs", "peak MB (largest process)"], memory_rows),
        ]
    )
    metrics = {
        "records_per_second": {row[0]: row[4] for row in throughput},
        "speedup_jobs2_vs_jobs1": throughput[1][3] / throughput[2][3],
        "cli_jobs1_vs_library": library / throughput[1][3],
        "peak_mb": {"small": small, "large": large, "input_mb": [memory_rows[0][1], memory_rows[2][1]]},
        "peak_growth_large_vs_small": max(large.values()) / max(small.values()),
    }
    return Section(title="Command line over JSON Lines", markdown=markdown, metrics=metrics, notes=notes)
