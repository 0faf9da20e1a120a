"""The report of a run: ``latest.md`` (machine, versions, date, headline, every section) and ``latest.json``.

>>> s = Section("Demo", "| a |\\n|---|\\n| 1 |", metrics={"headline": {"demo F1": "0.9"}}, name="demo")
>>> md = render_markdown([s], {"date": "2026-11-29 07:45 UTC", "packages": {"ftfy": "6.3.1"}}, quick=True)
>>> "| Demo | demo F1 | 0.9 |" in md and "## Demo" in md and "quick" in md
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import Section, fmt, table


def headline_rows(sections: Iterable[Section]) -> list[list[str]]:
    """``[section title, label, value]`` for every ``metrics["headline"]`` entry, in run order.

    >>> headline_rows([Section("Speed", metrics={"headline": {"MB/s": 12.0}})])
    [['Speed', 'MB/s', '12.000']]
    """
    rows = []
    for section in sections:
        for label, value in section.metrics.get("headline", {}).items():
            rows.append([section.title, label, fmt(value)])
    return rows


#: The README lines between these markers are rewritten by ``python -m benchmarks --update-readme``.
README_START = "<!-- benchmarks:headline (written by python -m benchmarks --update-readme) -->"
README_END = "<!-- /benchmarks:headline -->"


def readme_block(sections: Sequence[Section], machine: Mapping[str, Any]) -> str:
    """The README's headline block: the headline table, the run's machine and date, one plot.

    >>> block = readme_block([Section("S", metrics={"headline": {"x": "1"}})], {"cpu": "C", "cores": 2, "date": "D"})
    >>> block.splitlines()[3]
    '| S | x | 1 |'
    """
    parts = [
        table(["benchmark", "figure", "value"], headline_rows(sections)),
        f"Full run of {machine.get('date', '?')} on {machine.get('cpu', '?')} ({machine.get('cores', '?')} cores), "
        "from [`benchmarks/results/latest.md`](benchmarks/results/latest.md), where every table is.",
    ]
    return README_START + "\n" + "\n\n".join(parts) + "\n" + README_END


def update_readme(path: Path, block: str) -> bool:
    """Replace the text between the README markers with ``block``; ``False`` if the markers are missing.

    >>> import tempfile
    >>> readme = Path(tempfile.mkdtemp()) / "README.md"
    >>> _ = readme.write_text(f"# T\\n{README_START}\\nold\\n{README_END}\\nrest\\n")
    >>> update_readme(readme, f"{README_START}\\nnew\\n{README_END}"), readme.read_text().split("\\n")[2:4]
    (True, ['new', '<!-- /benchmarks:headline -->'])
    """
    text = path.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    path.write_text(text[:start] + block + text[end + len(README_END) :], encoding="utf-8")
    return True


def _machine_markdown(machine: Mapping[str, Any]) -> str:
    keys = [
        ("cpu", "CPU"),
        ("cores", "cores"),
        ("load_average", "load average (1, 5, 15 min) at the start"),
        ("load_average_end", "load average at the end"),
        ("duration", "run time"),
        ("ram_gb", "RAM (GiB)"),
        ("os", "OS"),
        ("python", "Python"),
    ]
    rows = [[label, machine[key]] for key, label in keys if key in machine]
    if machine.get("git_commit"):
        rows.append(["copydesk commit", machine["git_commit"]])
    versions = ", ".join(
        f"{name} {version or 'not installed'}" for name, version in machine.get("packages", {}).items()
    )
    rows.append(["packages", versions])
    return table(["machine", ""], rows)


def render_markdown(
    sections: Sequence[Section],
    machine: Mapping[str, Any],
    *,
    quick: bool,
    command: str = "python -m benchmarks",
    plots: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """The whole report as Markdown."""
    mode = "quick (small inputs, CI smoke run: figures are indicative only)" if quick else "full"
    parts = [
        "# copydesk benchmarks",
        f"`{command}` — {mode} run, {machine.get('date', '?')}. "
        "Timings are medians of several runs; every peer ran on the same input in the same run.",
        _machine_markdown(machine),
    ]
    parts += [f"- {note}" for note in notes]
    failed = [s for s in sections if s.error and not s.skipped]
    skipped = [s for s in sections if s.skipped]
    if failed or skipped:
        lines = [f"- **{s.name}: failed** — {s.error.splitlines()[-1] if s.error else ''}" for s in failed]
        lines += [f"- {s.name}: skipped — {s.error}" for s in skipped]
        parts.append("\n".join(lines))
    rows = headline_rows(sections)
    if rows:
        parts += ["## Headline", table(["benchmark", "figure", "value"], rows)]
    if plots:
        parts += ["## Plots", "\n\n".join(f"![{Path(p).stem}]({Path(p).name})" for p in plots)]
    for section in sections:
        parts.append(f"## {section.title}")
        if section.markdown:
            parts.append(section.markdown.strip())
        if section.error:
            label = "Skipped" if section.skipped else "Error"
            parts.append(f"**{label}:**\n\n```\n{section.error.strip()}\n```")
        if section.notes:
            parts.append("\n".join(f"- {note}" for note in section.notes))
        parts.append(f"*`{section.name}` took {section.seconds:.1f} s.*")
    return "\n\n".join(parts) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def render_json(sections: Sequence[Section], machine: Mapping[str, Any], *, quick: bool) -> str:
    """The run as JSON: machine, mode and each section's metrics, notes and error.

    >>> data = json.loads(render_json([Section("T", metrics={"scaling": {"a": [(1, 0.5)]}})], {}, quick=False))
    >>> data["quick"], data["sections"][0]["metrics"], data["sections"][0]["error"]
    (False, {'scaling': {'a': [[1, 0.5]]}}, None)
    """
    data = {
        "quick": quick,
        "machine": _jsonable(machine),
        "sections": [
            {
                "name": s.name,
                "title": s.title,
                "seconds": round(s.seconds, 3),
                "error": s.error,
                "skipped": s.skipped,
                "metrics": _jsonable(s.metrics),
                "notes": s.notes,
            }
            for s in sections
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def write_report(
    sections: Sequence[Section],
    machine: Mapping[str, Any],
    out: Path,
    *,
    quick: bool,
    command: str = "python -m benchmarks",
    plots: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> Path:
    """Write ``latest.md`` and ``latest.json`` into ``out``; return the Markdown file's path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "latest.md"
    path.write_text(
        render_markdown(sections, machine, quick=quick, command=command, plots=plots, notes=notes), encoding="utf-8"
    )
    (out / "latest.json").write_text(render_json(sections, machine, quick=quick), encoding="utf-8")
    return path
