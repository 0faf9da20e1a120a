"""``python -m benchmarks [NAME ...] [--quick] [--data DIR] [--out DIR]``: run the benchmarks, write the report.

Every benchmark runs even when another one fails: its error goes in the report and the exit
status is 1. A missing peer is reported ("peer X not installed") and is not an error.
The report (``latest.md``, ``latest.json``) and the plots go to ``--out``: by default
``benchmarks/results`` for a full run, ``benchmarks/results/quick`` for a quick one and
``benchmarks/results/partial`` for a run of some benchmarks only, so that the committed
report of the last full run is never overwritten by part of one.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import DEFAULT_DATA, DEFAULT_OUT, PEERS, Context, MissingPeer, Section, machine_info
from benchmarks.report import readme_block, update_readme, write_report

#: name -> module; each module has ``run(ctx) -> Section``. Run in this order: quality first, then speed.
BENCHMARKS: dict[str, str] = {
    "normalize": "benchmarks.bench_normalize",
    "repair": "benchmarks.bench_repair",
    "boilerplate": "benchmarks.bench_boilerplate",
    "captions": "benchmarks.bench_captions",
    "neardup": "benchmarks.bench_neardup",
    "steps": "benchmarks.bench_steps",
    "scaling": "benchmarks.bench_scaling",
    "dedup_scaling": "benchmarks.bench_dedup_scaling",
    "cli": "benchmarks.bench_cli",
}


def describe(module: str) -> str:
    """The first sentence of a benchmark module's docstring, read without importing it (no peer needed)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return "(module not found)"
    doc = ast.get_docstring(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def run_one(name: str, ctx: Context) -> Section:
    """Run one benchmark; an exception becomes the section's ``error`` (a missing peer: ``skipped``)."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(BENCHMARKS[name])
        section = module.run(ctx)
        if not isinstance(section, Section):
            raise TypeError(f"{BENCHMARKS[name]}.run() returned {type(section).__name__}, expected Section")
    except ImportError as exc:
        missing = exc if isinstance(exc, MissingPeer) else None
        if missing is None and exc.name is not None and exc.name.split(".")[0] in PEERS:
            missing = MissingPeer(exc.name.split(".")[0])
        if missing is not None:
            section = Section(title=name, error=str(missing), skipped=True)
        else:
            section = Section(title=name, error=traceback.format_exc())
    except Exception:
        section = Section(title=name, error=traceback.format_exc())
    section.name = name
    section.seconds = time.perf_counter() - start
    return section


def _print(section: Section) -> None:
    print(f"## {section.title}\n")
    if section.markdown:
        print(section.markdown.strip() + "\n")
    if section.error:
        print(("SKIPPED: " if section.skipped else "ERROR:\n") + section.error.strip() + "\n")
    for note in section.notes:
        print(f"- {note}")
    print(f"({section.name}: {section.seconds:.1f} s)\n")
    sys.stdout.flush()


def default_out(quick: bool, names: Sequence[str]) -> Path:
    """The report folder when ``--out`` is not given: only a full run writes ``benchmarks/results``.

    >>> [default_out(False, []).name, default_out(True, []).name, default_out(False, ["steps"]).name]
    ['results', 'quick', 'partial']
    >>> default_out(False, list(BENCHMARKS)).name
    'results'
    """
    if quick:
        return DEFAULT_OUT / "quick"
    if names and set(names) != set(BENCHMARKS):
        return DEFAULT_OUT / "partial"
    return DEFAULT_OUT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    parser.add_argument("--quick", action="store_true", help="a small, fast version (CI smoke run)")
    parser.add_argument("--data", type=Path, default=None, help=f"external data folder (default: {DEFAULT_DATA})")
    parser.add_argument(
        "--out", type=Path, default=None, help=f"report folder (default: {DEFAULT_OUT}[/quick or /partial])"
    )
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per measurement (default 3)")
    parser.add_argument("--no-plots", action="store_true", help="write the report without PNG plots")
    parser.add_argument(
        "--update-readme", action="store_true", help="rewrite the README's headline table (full runs of all benchmarks)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks with what each measures, and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, module in BENCHMARKS.items():
            print(f"{name:15} {describe(module)}")
        return 0
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    if args.update_readme and (args.quick or args.names):
        parser.error("--update-readme needs a full run of every benchmark (no --quick, no names)")

    run_notes: list[str] = []
    data: Path | None = args.data if args.data is not None else DEFAULT_DATA
    if not data.is_dir():
        run_notes.append(f"no data folder ({data} absent): every benchmark ran on generated data only")
        data = None
    else:
        run_notes.append(f"data folder: {data}")
    print("\n".join(f"note: {n}" for n in run_notes) + "\n")
    ctx = Context(quick=args.quick, data=data, repeat=args.repeat or 3)
    out: Path = args.out or default_out(args.quick, args.names)

    machine = machine_info()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > (os.cpu_count() or 1):
        run_notes.append(
            f"the machine was busy when the run started (load average {load:.1f} on {os.cpu_count()} cores): "
            "absolute timings are pessimistic; the ratios compare systems timed side by side in the same run"
        )
    started = time.perf_counter()
    sections = []
    for name in args.names or list(BENCHMARKS):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        section = run_one(name, ctx)
        sections.append(section)
        _print(section)

    plots: list[str] = []
    if not args.no_plots:
        try:
            from benchmarks.plots import write_plots

            plots = [str(p) for p in write_plots(sections, out)]
        except MissingPeer as exc:
            run_notes.append(f"no plots: {exc}")
    command = "python -m benchmarks" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    machine["load_average_end"] = machine_info()["load_average"]
    machine["duration"] = f"{time.perf_counter() - started:.0f} s"
    if args.update_readme:
        readme = Path(__file__).resolve().parent.parent / "README.md"
        if not update_readme(readme, readme_block(sections, machine)):
            run_notes.append(f"README not updated: no headline markers in {readme}")
    report = write_report(sections, machine, out, quick=args.quick, command=command, plots=plots, notes=run_notes)
    failed = [s.name for s in sections if s.error and not s.skipped]
    skipped = [s.name for s in sections if s.skipped]
    print(f"report: {report}" + (f"; plots: {', '.join(Path(p).name for p in plots)}" if plots else ""))
    if skipped:
        print(f"skipped (peer missing): {', '.join(skipped)}")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
