"""PNG plots of a run, drawn from the ``Section.metrics`` conventions (see ``benchmarks.common``).

- ``quality.png``: one horizontal bar chart per ``metrics["quality"]`` table (F1, accuracy per system);
- ``throughput.png``: one bar chart per section with ``metrics["throughput_mb_s"]``;
- ``scaling.png``: one log-log chart per section with ``metrics["scaling"]`` (time vs input size).

matplotlib is imported lazily (it is in the ``bench`` extra); without it no plot is written
and the report says so. ``python -m benchmarks.plots [DIR]`` draws them again from
``DIR/latest.json`` (default ``benchmarks/results``) without running anything.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import Section, require

_COPYDESK = "#c0392b"
_PEER = "#5d6d7e"
_BASELINE = "#bdc3c7"
#: Names that start with these (case-insensitive) are peers or baselines; anything else is copydesk.
PEER_PREFIXES = ("ftfy", "clean-text", "cleantext", "justext", "datasketch", "rapidfuzz", "brute", "trafilatura")
BASELINE_PREFIXES = ("as-is", "input", "oracle", "page text")


def _colour(system: str) -> str:
    name = system.lower()
    if name.startswith(BASELINE_PREFIXES):
        return _BASELINE
    return _PEER if name.startswith(PEER_PREFIXES) else _COPYDESK


def _grid(count: int, columns: int = 2) -> tuple[int, int]:
    columns = min(columns, count)
    return math.ceil(count / columns), columns


def _axes(plt: Any, count: int, width: float, height: float, columns: int = 2) -> tuple[Any, list[Any]]:
    rows, cols = _grid(count, columns)
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[count:]:
        ax.set_visible(False)
    return fig, flat[:count]


def _label(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def _bars(ax: Any, values: dict[str, float], title: str, xlabel: str) -> None:
    names = [n for n in values if isinstance(values[n], (int, float)) and math.isfinite(values[n])][::-1]
    numbers = [float(values[n]) for n in names]
    ax.barh(names, numbers, color=[_colour(n) for n in names])
    top = max(numbers, default=0.0) or 1.0
    low = min((v for v in numbers if v > 0), default=top)
    if top / low > 30:  # throughputs that span orders of magnitude: log scale, labels after the bar
        ax.set_xscale("log")
        for y, value in enumerate(numbers):
            ax.text(value * 1.05, y, _label(value), va="center", fontsize=8)
        ax.set_xlim(low / 2, top * 3)
    else:
        for y, value in enumerate(numbers):
            ax.text(value + top * 0.01, y, _label(value), va="center", fontsize=8)
        ax.set_xlim(0, top * 1.18)
    ax.set_title("\n".join(textwrap.wrap(title, 60)), fontsize=10)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.tick_params(labelsize=8)


def plot_quality(plt: Any, sections: Sequence[Section], out: Path) -> Path | None:
    """``quality.png``: a bar chart per quality table, copydesk in red, peers in grey."""
    charts = [
        (f"{s.title}: {name}", scores)
        for s in sections
        for name, scores in s.metrics.get("quality", {}).items()
        if scores
    ]
    if not charts:
        return None
    fig, axes = _axes(plt, len(charts), 5.5, 1.0 + 0.35 * max(len(c[1]) for c in charts))
    for ax, (title, scores) in zip(axes, charts, strict=True):
        _bars(ax, scores, title, "score (higher is better)")
    return _save(plt, fig, out / "quality.png")


def plot_throughput(plt: Any, sections: Sequence[Section], out: Path) -> Path | None:
    """``throughput.png``: MB/s per step or system, one chart per section."""
    charts = [(s.title, s.metrics["throughput_mb_s"]) for s in sections if s.metrics.get("throughput_mb_s")]
    if not charts:
        return None
    heights = [1.2 + 0.3 * len(values) for _, values in charts]  # bars keep one thickness across charts
    fig, axes = plt.subplots(
        len(charts), 1, figsize=(7.5, sum(heights)), squeeze=False, gridspec_kw={"height_ratios": heights}
    )
    for ax, (title, values) in zip([row[0] for row in axes], charts, strict=True):
        _bars(ax, values, title, "MB/s (median, higher is faster)")
    return _save(plt, fig, out / "throughput.png")


def plot_scaling(plt: Any, sections: Sequence[Section], out: Path) -> Path | None:
    """``scaling.png``: seconds against input size, log-log, one line per system."""
    charts = [s for s in sections if s.metrics.get("scaling")]
    if not charts:
        return None
    fig, axes = _axes(plt, len(charts), 5.5, 4.0)
    for ax, section in zip(axes, charts, strict=True):
        for system, points in section.metrics["scaling"].items():
            points = sorted((float(n), float(t)) for n, t in points if t and t > 0)
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            mine = _colour(system) == _COPYDESK
            ax.plot(xs, ys, "-o" if mine else "--s", label=system, markersize=4)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title("\n".join(textwrap.wrap(section.title, 60)), fontsize=10)
        ax.set_xlabel(section.metrics.get("scaling_unit", "paragraphs"), fontsize=9)
        ax.set_ylabel("seconds (median)", fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    return _save(plt, fig, out / "scaling.png")


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_plots(sections: Sequence[Section], out: Path) -> list[Path]:
    """Write every plot the sections' metrics allow into ``out``; raises ``MissingPeer`` without matplotlib."""
    matplotlib = require("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    for stale in ("quality.png", "throughput.png", "scaling.png"):
        (out / stale).unlink(missing_ok=True)
    written = [plot(plt, sections, out) for plot in (plot_quality, plot_throughput, plot_scaling)]
    return [p for p in written if p is not None]


def sections_from_json(path: Path) -> list[Section]:
    """The sections of a run's ``latest.json`` (for drawing its plots again)."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Section(s["title"], metrics=s["metrics"], notes=s["notes"], name=s["name"], error=s["error"])
        for s in data["sections"]
    ]


if __name__ == "__main__":  # python -m benchmarks.plots [DIR]: draw DIR/*.png again from DIR/latest.json
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results"
    for written in write_plots(sections_from_json(folder / "latest.json"), folder):
        print(written)
