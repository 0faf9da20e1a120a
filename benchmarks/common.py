"""What every benchmark shares: the run context, a report section, timing, memory, peers and data.

A benchmark is a module ``benchmarks/bench_<name>.py`` with ``run(ctx: Context) -> Section``,
listed in ``benchmarks.__main__.BENCHMARKS``. The runner calls it, catches what it raises
(the error goes in the report, the run goes on, the exit status is 1), then writes
``latest.md``, ``latest.json`` and the plots.

Rules for a benchmark
---------------------
- Size the work with ``ctx.size(full, quick)``: the quick run (CI smoke) must stay small.
- Time with :func:`median_seconds` (``ctx.repeat`` runs) and quote medians; compare copydesk with
  its peers *in the same run* and report ratios. Never assert a timing.
- Import a peer with :func:`peer` (returns ``None`` and a note when it is not installed) so the
  other systems are still measured; a bare ``import justext`` that fails is reported by the
  runner as "peer justext not installed (pip install -e '.[bench]')".
- Read external data with ``ctx.data_file("boilerplate/gold-dev.jsonl.gz")`` (``None`` when
  absent: fall back to a seeded generator and say so in ``Section.notes``).

``Section.metrics`` conventions (the report and the plots read these keys; anything else is
kept in ``latest.json`` only). Systems are named as in the tables, e.g. ``"copydesk"``,
``"ftfy"``, ``"jusText"``, ``"as-is"``.

- ``metrics["quality"] = {table_name: {system: value}}``: a score per system, higher is better
  (F1, accuracy). Each ``table_name`` becomes one bar chart in ``quality.png``, e.g.
  ``{"gold-dev 4-gram F1": {"copydesk": 0.91, "jusText": 0.75, "as-is": 0.64}}``.
- ``metrics["throughput_mb_s"] = {step_or_system: MB/s}``: median throughput, UTF-8 megabytes
  of input per second; one bar chart per section in ``throughput.png``.
- ``metrics["scaling"] = {system: [(n, seconds), ...]}``: time against input size; one log-log
  chart per section in ``scaling.png`` (``metrics["scaling_unit"]`` names ``n``, default
  "paragraphs").
- ``metrics["ratios"] = {label: value}``: "x times" comparisons with a peer in the same run,
  e.g. ``{"process vs ftfy.fix_text (speed)": 0.8}``.
- ``metrics["peak_memory_mb"] = {system: MB}``: from :func:`peak_memory_mb` (Python allocations).
- ``metrics["headline"] = {label: text}``: the few figures a user should see first; every
  section's headline goes in the summary table at the top of ``latest.md`` (and the README).

>>> s = Section("Demo", metrics={"quality": {"F1": {"copydesk": 0.9, "peer": 0.7}}})
>>> best_system(s.metrics["quality"]["F1"])
'copydesk'
>>> table(["system", "F1"], [["copydesk", 0.9]])
'| system | F1 |\\n|---|---|\\n| copydesk | 0.900 |'
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import gzip
import importlib
import importlib.metadata
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import copydesk

#: Where ``../shared/data`` is when the suite runs from a checkout that has it beside it.
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

#: Where the report and the plots go by default (quick runs: ``results/quick``, not committed).
DEFAULT_OUT = Path(__file__).resolve().parent / "results"

#: How to get the peers; quoted whenever one is missing.
INSTALL_HINT = "pip install -e '.[bench]'"

#: Import name -> distribution name, for the versions in the report and the "not installed" notes.
PEERS: dict[str, str] = {
    "ftfy": "ftfy",
    "cleantext": "clean-text",
    "justext": "jusText",
    "datasketch": "datasketch",
    "rapidfuzz": "rapidfuzz",
    "numpy": "numpy",
    "matplotlib": "matplotlib",
    "lxml_html_clean": "lxml_html_clean",
}


class MissingPeer(ImportError):
    """A peer (or plotting library) is not installed; the message says how to get it.

    >>> str(MissingPeer("justext"))
    "peer justext not installed (pip install -e '.[bench]')"
    """

    def __init__(self, module: str) -> None:
        super().__init__(f"peer {module} not installed ({INSTALL_HINT})", name=module)


@dataclass
class Context:
    """How this run was asked for: quick or full, the external data folder, the seed, repeats.

    >>> ctx = Context(quick=True)
    >>> ctx.size(1_000_000, 1_000)
    1000
    >>> ctx.data_file("neardup/reuters-paragraphs.jsonl.gz") is None
    True
    """

    quick: bool = False
    data: Path | None = None
    seed: int = 20261129
    repeat: int = 3

    def data_file(self, relative: str) -> Path | None:
        """``data/relative`` if the data folder and that file exist, else ``None``."""
        if self.data is None:
            return None
        path = self.data / relative
        return path if path.exists() else None

    def size(self, full: int, quick: int) -> int:
        """``quick`` in a quick run, else ``full``."""
        return quick if self.quick else full

    def source_note(self, relative: str, generated: str) -> str:
        """A line for ``Section.notes`` saying which input was used.

        >>> Context().source_note("x.jsonl.gz", "generated pages")
        'data: x.jsonl.gz absent (no data folder): generated pages (seeded)'
        """
        path = self.data_file(relative)
        if path is not None:
            return f"data: {path}"
        where = f"not in {self.data}" if self.data is not None else "no data folder"
        return f"data: {relative} absent ({where}): {generated} (seeded)"


@dataclass
class Section:
    """One benchmark's part of the report: Markdown text and machine-readable figures.

    The runner fills ``name``, ``seconds`` and, when ``run`` raised, ``error``.
    """

    title: str
    markdown: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    name: str = ""
    seconds: float = 0.0
    error: str | None = None
    skipped: bool = False


def peer(module: str, notes: list[str] | None = None) -> ModuleType | None:
    """Import a peer, or return ``None`` (adding a "not installed" line to ``notes``).

    >>> notes: list[str] = []
    >>> peer("no_such_peer_xyz", notes) is None, notes
    (True, ["peer no_such_peer_xyz not installed (pip install -e '.[bench]')"])
    >>> peer("json").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if notes is not None:
            notes.append(str(MissingPeer(module)) + ("" if exc.name in (module, None) else f": {exc}"))
        return None


def require(module: str) -> ModuleType:
    """Import a peer the benchmark cannot do without, raising :class:`MissingPeer` if absent."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingPeer(module) from exc


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``func`` (at least one).

    >>> median_seconds(lambda: sum(range(10)), 3) >= 0
    True
    """
    return statistics.median(timings(func, repeat))


def timings(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls of ``func`` (at least one), in seconds."""
    times = []
    for _ in range(max(1, repeat)):
        with alone_in_the_heap():
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    return times


def median_wall_and_cpu(func: Callable[[], object], repeat: int, *, warm: bool = False) -> tuple[float, float]:
    """Medians of the wall time and of the CPU time (``time.process_time``) of ``repeat`` calls of ``func``.

    CPU time is what one core spent in this process, so it is the figure for "MB/s per core"
    on a busy machine, where wall time also counts waiting for a core. Each call runs
    :func:`alone_in_the_heap`, so it starts with copydesk's caches empty; with ``warm`` one
    untimed call fills them first and the timed calls keep them (the same input a second time).

    >>> wall, cpu = median_wall_and_cpu(lambda: sum(range(10)), 3)
    >>> wall >= 0 and cpu >= 0
    True
    """
    walls, cpus = [], []
    if warm:
        func()
    for _ in range(max(1, repeat)):
        with alone_in_the_heap(keep_caches=warm):
            wall, cpu = time.perf_counter(), time.process_time()
            func()
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


@contextlib.contextmanager
def alone_in_the_heap(*, keep_caches: bool = False) -> Iterator[None]:
    """Time a call as if the objects alive before it were not there: collected garbage, the rest frozen.

    A timed call pays for the cyclic garbage collector's passes over the objects it makes.
    Without this it also pays for passes over whatever else is alive (the inputs a benchmark
    prepared, what earlier benchmarks left) whenever its allocations tip the collector into a
    full collection: run after bench_neardup in one process, the first timed job of bench_steps
    (``Document.from_text``, 3 MB) took 0.14 s of CPU in two runs of three, each with a full
    collection of 0.09 s, and 0.05 s here (17 MB/s in the full run of the report, 51 alone).
    Garbage is collected before the call and the survivors frozen (``gc.freeze``, out of the
    collector's view) until it returns. Unless ``keep_caches``, copydesk's caches between
    documents are emptied first (``copydesk.clear_caches``): timing the same pages again
    would otherwise find every menu line measured by the run before (20% less CPU time for
    the default pipeline on 300 dev pages), which a first pass over new pages does not.

    >>> import gc
    >>> with alone_in_the_heap():
    ...     gc.get_freeze_count() > 0
    True
    """
    if not keep_caches:
        copydesk.clear_caches()
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def megabytes(text: str | Iterable[str]) -> float:
    """UTF-8 size in MB (10**6 bytes) of a text or of several.

    >>> megabytes(["é" * 500_000, "x" * 1_000_000])
    2.0
    """
    if isinstance(text, str):
        return len(text.encode("utf-8")) / 1e6
    return sum(len(t.encode("utf-8")) for t in text) / 1e6


def _child(func: Callable[[], object], conn: Any) -> None:  # pragma: no cover - runs in a fork
    try:
        conn.send(func())
    except BaseException as exc:
        conn.send(exc)
    finally:
        conn.close()


def run_in_fork(func: Callable[[], Any]) -> Any:
    """``func()`` in a forked process: its (picklable) result, or its exception raised here.

    Memory the call takes, and how high the process's peak RSS goes, stay in the fork.

    >>> run_in_fork(lambda: sum(range(10)))
    45
    """
    return _run_in("fork", func)


def run_in_fresh_process(func: Callable[..., Any], *args: Any) -> Any:
    """``func(*args)`` in a new interpreter (``spawn``): its result, or its exception raised here.

    Unlike a fork, the new process holds none of this one's memory, so its peak RSS is what
    the call needs: the interpreter, the arguments and the work. ``func`` must be a
    module-level function and ``args`` picklable.

    >>> run_in_fresh_process(sum, [1, 2, 3])
    6
    """
    return _run_in("spawn", functools.partial(func, *args))


def _run_in(method: str, func: Callable[[], Any]) -> Any:
    mp = multiprocessing.get_context(method)
    parent, child = mp.Pipe(duplex=False)
    process = mp.Process(target=_child, args=(func, child))
    process.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:  # the process died without a word (killed, out of memory)
        process.join()
        raise ChildProcessError(
            f"the {method} process ended with exit code {process.exitcode} before its result"
        ) from None
    process.join()
    if isinstance(result, BaseException):
        raise result
    return result


def peak_memory_mb(func: Callable[[], object]) -> float:
    """Peak memory that ``func()`` allocates, in MB: :func:`traced_peak_mb` in a forked process.

    The fork keeps the tracing (which slows allocation) and the memory out of the parent, so
    timings taken afterwards are not disturbed. It counts Python objects and numpy arrays,
    not buffers that C++ extensions allocate themselves. Where ``fork`` is unavailable it
    runs in this process.

    >>> 35 < peak_memory_mb(lambda: b"x" * 40_000_000) < 45
    True
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return traced_peak_mb(func)
    return float(run_in_fork(lambda: traced_peak_mb(func)))


def traced_peak_mb(func: Callable[[], object]) -> float:
    """Peak of Python-heap allocations during ``func()`` (``tracemalloc``), in MB.

    Counts what goes through Python's allocators (objects, numpy arrays), not C++ buffers.

    >>> traced_peak_mb(lambda: [0] * 1_000_000) > 7
    True
    """
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        func()
        return (tracemalloc.get_traced_memory()[1] - base) / 1e6
    finally:
        if not was_tracing:
            tracemalloc.stop()


def best_system(scores: Mapping[str, float]) -> str:
    """The system with the highest score (the first one on ties)."""
    return max(scores, key=lambda name: scores[name])


def fmt(value: Any) -> str:
    """A table cell: floats to 3 decimals below 100, thousands separators above; ``None`` as "-".

    >>> [fmt(0.12345), fmt(1234.5), fmt(None), fmt(7), fmt(1e-05)]
    ['0.123', '1,234', '-', '7', '1.00e-05']
    """
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != 0 and abs(value) < 0.001:
            return f"{value:.2e}"
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """A Markdown table; cells go through :func:`fmt`.

    >>> print(table(["system", "MB/s"], [["a|b", 12.5], ["c", None]]))
    | system | MB/s |
    |---|---|
    | a\\|b | 12.500 |
    | c | - |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def metric_table(scores: Mapping[str, Mapping[str, float]], row_label: str = "system") -> str:
    """``{column: {system: value}}`` as a table with a row per system and a column per key.

    >>> print(metric_table({"F1": {"copydesk": 0.9, "as-is": 0.6}, "P": {"copydesk": 0.95}}))
    | system | F1 | P |
    |---|---|---|
    | copydesk | 0.900 | 0.950 |
    | as-is | 0.600 | - |
    """
    columns = list(scores)
    systems: list[str] = []
    for column in columns:
        systems += [s for s in scores[column] if s not in systems]
    rows = [[s, *(scores[c].get(s) for c in columns)] for s in systems]
    return table([row_label, *columns], rows)


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file, gzipped (``.gz``) or not."""
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return None


def version_of(distribution: str) -> str | None:
    """The installed version of a distribution, or ``None``.

    >>> version_of("no-such-distribution-xyz") is None
    True
    """
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(Path(__file__).parent), *args], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _git_commit() -> str | None:
    commit = _git("rev-parse", "--short", "HEAD")
    if commit and _git("status", "--porcelain", "--untracked-files=no", "--", "src", "benchmarks"):
        commit += " (with uncommitted changes)"
    return commit or None


def machine_info() -> dict[str, Any]:
    """CPU, cores, RAM, OS, Python, copydesk's commit, package versions (peers included) and the date.

    >>> info = machine_info()
    >>> sorted(info)[:4]
    ['cores', 'cpu', 'date', 'git_commit']
    >>> "ftfy" in info["packages"]
    True
    """
    ram = _ram_gb()
    try:
        load: str | None = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (OSError, AttributeError):
        load = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "load_average": load,
        "ram_gb": f"{ram:.1f}" if ram else None,
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "git_commit": _git_commit(),
        "packages": {d: version_of(d) for d in ("copydesk", "regex", *dict.fromkeys(PEERS.values()))},
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
