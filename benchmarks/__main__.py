"""``python -m benchmarks [NAME ...] [--quick] [--data DIR]``: run the benchmarks, print a report."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from benchmarks.common import DEFAULT_DATA, Context, Section

#: name -> module; each module has ``run(ctx) -> Section``.
BENCHMARKS: dict[str, str] = {
    "normalize": "benchmarks.bench_normalize",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    parser.add_argument("--quick", action="store_true", help="a small, fast version (CI smoke run)")
    parser.add_argument("--data", type=Path, default=None, help=f"external data folder (default: {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    data = args.data or (DEFAULT_DATA if DEFAULT_DATA.exists() else None)
    if data is None:
        print("note: no data folder (../shared/data or --data): running on generated data only\n")
    ctx = Context(quick=args.quick, data=data, repeat=3 if args.quick else 5)
    sections: list[Section] = []
    for name in args.names or list(BENCHMARKS):
        module = importlib.import_module(BENCHMARKS[name])
        section = module.run(ctx)
        sections.append(section)
        print(f"## {section.title}\n\n{section.markdown}\n")
        for note in section.notes:
            print(f"- {note}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
