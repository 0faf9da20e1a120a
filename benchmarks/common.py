"""What every benchmark shares: the run context, a report section, timing and data helpers.

A benchmark is a module ``benchmarks/bench_<name>.py`` with ``run(ctx: Context) -> Section``,
listed in ``benchmarks.__main__.BENCHMARKS``.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Where ``../shared/data`` is when the suite runs from a checkout that has it beside it.
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@dataclass
class Context:
    """How this run was asked for: quick or full, the external data folder, the seed."""

    quick: bool = False
    data: Path | None = None
    seed: int = 20261129
    repeat: int = 5

    def data_file(self, relative: str) -> Path | None:
        """``data/relative`` if the data folder and that file exist, else ``None``."""
        if self.data is None:
            return None
        path = self.data / relative
        return path if path.exists() else None


@dataclass
class Section:
    """One benchmark's part of the report: Markdown text and machine-readable figures."""

    title: str
    markdown: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``func``."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
        return str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a gzipped JSON Lines file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
