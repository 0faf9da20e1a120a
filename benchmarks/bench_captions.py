"""Captions, credits and repeats: what the three steps remove on real pages, and how fast.

For each page of ``boilerplate/gold-dev.jsonl.gz`` and ``boilerplate/snippets-dev.jsonl.gz``
(page text and trafilatura text), the normalizers and the ``credits``, ``captions`` and
``repeats`` steps run; every line these steps remove is checked against the page's labels
(data/README.md): a gold-body line has at least half of its 4-token shingles in the gold
body; on snippet pages a line containing a ``with`` snippet is body. A removed body line
whose text is still in the kept body (a pull quote, the second copy of a paragraph) is
counted apart as "still kept": its removal loses nothing. The seed article is checked too.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import copydesk
from benchmarks.common import Context, Section, median_seconds, read_jsonl_gz, table
from benchmarks.corpus import paragraphs
from copydesk import Document, Pipeline, steps

MINE = ("credits", "captions", "repeats")
NORMALIZERS = ("fix_encoding", "html_entities", "invisibles", "whitespace", "unicode")
SEED_CAPTION = "Andrés Manuel López Obrador and Joe Biden."
_TOKEN = re.compile(r"\w+")


def pipeline() -> Pipeline:
    """The normalizers of the default pipeline, then the three caption steps."""
    chosen = [s for s in steps.default_steps() if getattr(s, "name", "") in NORMALIZERS]
    return Pipeline([*chosen, steps.credits(), steps.captions(), steps.repeats()])


def shingles(text: str) -> list[tuple[str, ...]]:
    """The 4-token shingles of ``text`` as the scorers count them (one shorter tuple for short text)."""
    tokens = _TOKEN.findall(text)
    return [tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i : i + 4]]


def mostly_in(text: str, pool: set[tuple[str, ...]]) -> bool:
    """At least half of the shingles of ``text`` are in ``pool`` (the line-labelling rule)."""
    grams = shingles(text)
    return bool(grams) and 2 * sum(g in pool for g in grams) >= len(grams)


def check_page(pipe: Pipeline, text: str, gold: str | None, snippets: Iterable[str]) -> dict[str, Any]:
    """Run ``pipe`` on one page; count removed lines, body hits, and body hits whose text is still kept."""
    doc = pipe(text)
    removed = [r for r in doc.records if r.action == "remove" and r.step in MINE]
    gold_pool = set(shingles(gold)) if gold else set()
    kept_pool = set(shingles(doc.body))
    wanted = [s for s in snippets if s]
    out: dict[str, Any] = {"lines": len(doc.segments), "removed": 0, "hits": 0, "lost": 0, "by_rule": Counter()}
    out["hit_lines"] = []
    for record in removed:
        line = record.before
        out["removed"] += 1
        out["by_rule"][record.rule] += 1
        hit = mostly_in(line, gold_pool) if gold is not None else any(s in line for s in wanted)
        if hit:
            out["hits"] += 1
            lost = not mostly_in(line, kept_pool)
            out["lost"] += lost
            out["hit_lines"].append((record.rule, lost, line))
    return out


def evaluate(
    path: Path, field: str, pipe: Pipeline, limit: int | None = None, snippets: bool = False
) -> dict[str, Any]:
    """Totals over the pages of ``path`` for the text in ``field``."""
    total: dict[str, Any] = {"pages": 0, "lines": 0, "removed": 0, "hits": 0, "lost": 0, "by_rule": Counter()}
    total["hit_lines"] = []
    for n, record in enumerate(read_jsonl_gz(path)):
        if limit is not None and n >= limit:
            break
        gold = None if snippets else record.get("gold_body", "")
        page = check_page(pipe, record.get(field) or "", gold, record.get("with", []) if snippets else [])
        total["pages"] += 1
        for name in ("lines", "removed", "hits", "lost"):
            total[name] += page[name]
        total["by_rule"].update(page["by_rule"])
        total["hit_lines"] += [(record["id"], *hit) for hit in page["hit_lines"]]
    return total


def seed_check(ctx: Context) -> tuple[str, dict[str, Any]]:
    """The seed article: both caption lines out, one clean caption kept, nothing else of the body touched."""
    if ctx.data is None:
        return "seed article: not checked (no data folder)", {}
    seed = ctx.data.parent / "seed" / "article.txt"
    if not seed.exists():
        return f"seed article: not checked ({seed} absent)", {}
    text = seed.read_text(encoding="utf-8")
    doc = copydesk.process(text)
    mine = [r for r in doc.records if r.step in MINE]
    plain = Document.from_text(text)
    caption_lines = [s.text for s in plain.segments if s.text.startswith(SEED_CAPTION)]
    untouched = [s.text for s in plain.segments if not s.text.startswith(SEED_CAPTION)]
    kept_by_mine = pipeline()(text)
    ok = (
        doc.captions == (SEED_CAPTION,)
        and len(caption_lines) == 2
        and all(not s.kept for s in doc.segments if s.text.startswith(SEED_CAPTION))
        and [s.text for s in kept_by_mine.kept] == untouched
        and len(mine) == 2
    )
    figures = {"seed_ok": ok, "seed_captions": list(doc.captions), "seed_records": [r.describe() for r in mine]}
    verdict = "PASS" if ok else "FAIL"
    return (
        f"seed article ({verdict}): captions == {doc.captions!r}; {len(mine)} lines removed by these steps; "
        f"body otherwise untouched: {[s.text for s in kept_by_mine.kept] == untouched}",
        figures,
    )


def scaling(ctx: Context) -> list[list[Any]]:
    """Time the three steps on documents of growing size (paragraphs, with repeated cut-off captions
    and credit lines between them): linear time shows as flat µs/line."""
    rng = random.Random(ctx.seed)
    pool = paragraphs(ctx, 2_000 if ctx.quick else 20_000)
    sizes = [2_000, 8_000] if ctx.quick else [50_000, 200_000, 1_000_000]
    pipe = Pipeline([steps.credits(), steps.captions(), steps.repeats()])
    rows = []
    for size in sizes:
        lines = []
        for i in range(size):
            roll = rng.random()
            if roll < 0.1:
                caption = f"Officials inspect the new pier number {i % 97}."
                lines += [caption + " (", caption]
            elif roll < 0.15:
                lines.append(f"Photo: Jane Doe {i % 13}")
            else:  # a paragraph (newswire when the data has it), made unique
                lines.append(f"{rng.choice(pool)} Item {i}.")
        text = "\n".join(lines[:size])
        doc = Document.from_text(text)
        seconds = median_seconds(lambda doc=doc: pipe(doc), 1 if size > 50_000 else ctx.repeat)
        cpu = cpu_seconds(lambda doc=doc: pipe(doc), 1 if size > 50_000 else ctx.repeat)
        rows.append([f"{size:,}", seconds, 1e6 * seconds / size, 1e6 * cpu / size, len(text.encode()) / 1e6 / cpu])
    return rows


def speed(ctx: Context, texts: list[str]) -> list[list[Any]]:
    """MB/s of the default pipeline and of the three steps alone, on the page texts."""
    joined_mb = sum(len(t.encode()) for t in texts) / 1e6
    docs = [pipeline().without(*MINE)(t) for t in texts]
    mine = Pipeline([steps.credits(), steps.captions(), steps.repeats()])
    default = copydesk.default_pipeline()
    rows = []
    for name, func in [
        ("default pipeline (copydesk.process)", lambda: [default(t) for t in texts]),
        ("credits + captions + repeats only", lambda: [mine(d) for d in docs]),
        *[(f"{step.name} alone", lambda step=step: [step(d) for d in docs]) for step in mine],
    ]:
        seconds = median_seconds(func, ctx.repeat)
        rows.append([name, joined_mb / seconds, joined_mb / cpu_seconds(func, ctx.repeat)])
    return rows


def cpu_seconds(func: Callable[[], object], repeat: int) -> float:
    """Median CPU time (``time.process_time``) of ``repeat`` calls: steadier than wall time on a busy machine."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


def run(ctx: Context) -> Section:
    notes: list[str] = []
    metrics: dict[str, Any] = {}
    rows = []
    pipe = pipeline()
    limit = 40 if ctx.quick else None
    files = [
        ("gold-dev", "boilerplate/gold-dev.jsonl.gz", False),
        ("snippets-dev", "boilerplate/snippets-dev.jsonl.gz", True),
    ]
    page_texts: list[str] = []
    for label, relative, snippets in files:
        path = ctx.data_file(relative)
        if path is None:
            notes.append(f"{relative}: absent (no data folder or file), not measured")
            continue
        for field in ("full_text", "trafilatura_text"):
            result = evaluate(path, field, pipe, limit, snippets)
            rate = result["hits"] / result["removed"] if result["removed"] else 0.0
            lost_rate = result["lost"] / result["removed"] if result["removed"] else 0.0
            what = "hit a `with` snippet" if snippets else "gold-body"
            rows.append(
                [
                    f"{label} {field} ({result['pages']} pages)",
                    result["lines"],
                    result["removed"],
                    f"{result['hits']} {what}",
                    f"{100 * rate:.2f}%",
                    f"{result['lost']} ({100 * lost_rate:.2f}%)",
                    ", ".join(f"{k} {v}" for k, v in sorted(result["by_rule"].items())),
                ]
            )
            key = f"{label}/{field}"
            metrics[key] = {k: v for k, v in result.items() if k not in ("hit_lines", "by_rule")}
            metrics[key]["by_rule"] = dict(result["by_rule"])
            metrics[key]["rate"] = rate
            metrics[key]["hit_lines"] = result["hit_lines"][:50]
            metrics.setdefault("headline", {})[f"removed lines that are body, {key}"] = f"{100 * rate:.2f}%"
        if not page_texts:
            page_texts = [
                r["full_text"] for _, r in zip(range(20 if ctx.quick else 400), read_jsonl_gz(path), strict=False)
            ]
    seed_note, seed_figures = seed_check(ctx)
    metrics.update(seed_figures)
    notes.insert(0, seed_note)
    parts = []
    if rows:
        parts.append(
            table(
                ["input", "lines", "removed", "of which body", "rate", "body and no longer kept", "by rule"],
                rows,
            )
        )
        parts.append(
            "Target: under 0.5% of removed lines are body lines. 'Body and no longer kept': removed body "
            "lines whose text is not (by the same shingle rule) still in the kept body; a pull quote or the "
            "second copy of a repeated paragraph is body by the labelling rule but loses nothing."
        )
    else:
        parts.append("No data folder: the removal figures need ../shared/data (or --data DIR).")
    if page_texts:
        speeds = speed(ctx, page_texts)
        parts.append(table(["what", "MB/s (median wall time, page text)", "MB/s (median CPU time)"], speeds))
        metrics["throughput_mb_s"] = {row[0]: row[1] for row in speeds}
        metrics["throughput_cpu_mb_s"] = {row[0]: row[2] for row in speeds}
    grow = scaling(ctx)
    parts.append(table(["lines", "seconds (wall)", "µs per line (wall)", "µs per line (CPU)", "MB/s (CPU)"], grow))
    metrics["scaling"] = {"credits + captions + repeats": [(int(r[0].replace(",", "")), r[1]) for r in grow]}
    metrics["scaling_unit"] = "lines"
    return Section(title="Captions, credits and repeats", markdown="\n\n".join(parts), metrics=metrics, notes=notes)
