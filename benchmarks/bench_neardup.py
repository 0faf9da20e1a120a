"""Near-duplicate paragraphs: quality against brute force, speed against datasketch, scale, the SQLite index.

1. A labelled set (``benchmarks.neardup_data.labelled_set``): real newswire paragraphs when the
   data folder has them (else seeded generated ones), 30% of the items seeded variants of earlier
   ones (typos, quotes, accents, whitespace, word changes, case, mojibake, mixes, truncations,
   sentences added or dropped). Truth: every pair whose matching keys have ``fuzz.ratio >= 90``,
   by brute force (``rapidfuzz.process.cdist`` over all pairs, both cores).
2. ``copydesk.find_near_duplicates`` on it: recall and precision against the truth; with
   ``containment=True``, the share of truncated and sentence-added/dropped variants found with
   their original.
3. The same data through datasketch ``MinHashLSH`` (5-character shingles of the same keys,
   128 permutations, candidates verified with ``fuzz.ratio``; exact keys grouped first, as
   copydesk does), at the highest LSH threshold whose recall is at least copydesk's: time ratio.
4. Scale: 1,000,000 paragraphs (every real paragraph plus seeded variants of them) through
   ``find_near_duplicates`` in a fresh (spawned) process: wall time and peak resident memory.
5. ``NearDuplicateIndex`` on an SQLite file: ``add_many`` in batches of 1,000 (each paragraph
   matched against all earlier ones, then stored; CPU and wall time, memory held; CPU throughput and
   hits per paragraph of the first and the last fifth of the batches, as the index grows), and
   ``query_many`` after reopening.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import copydesk
from benchmarks.common import Context, Section, alone_in_the_heap, peer, run_in_fresh_process, table
from benchmarks.neardup_data import (
    CONTAINED_KINDS,
    Item,
    generated_paragraphs,
    labelled_set,
    real_paragraphs,
    scale_corpus,
)
from copydesk.dedup.keys import matching_keys

THRESHOLD = 0.9
DATA = "neardup/reuters-paragraphs.jsonl.gz"
Pairs = set[tuple[int, int]]


def originals(ctx: Context) -> tuple[list[str], bool]:
    """Real paragraphs in a seeded order (or generated ones), and whether they are real."""
    real = real_paragraphs(ctx.data_file(DATA))
    if real:
        random.Random(ctx.seed).shuffle(real)
        return real, True
    return generated_paragraphs(ctx.size(30_000, 3_000), seed=ctx.seed), False


def brute_force_pairs(keys: list[str]) -> Pairs:
    """Every pair of non-empty keys with ``fuzz.ratio >= 90``: ``cdist`` over all pairs, in row blocks."""
    import numpy as np
    from rapidfuzz import fuzz, process

    found: Pairs = set()
    block = 2_000
    for start in range(0, len(keys), block):
        scores = process.cdist(
            keys[start : start + block],
            keys,
            scorer=fuzz.ratio,
            score_cutoff=THRESHOLD * 100,
            workers=-1,
            dtype=np.uint8,
        )
        rows, cols = np.nonzero(scores)
        rows = rows + start
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if i < j and keys[i]:
                found.add((i, j))
    return found


def datasketch_pairs(datasketch: Any, texts: list[str], lsh_threshold: float) -> Pairs:
    """datasketch MinHashLSH over 5-character shingles of the keys, candidates verified with ``fuzz.ratio``."""
    from rapidfuzz import fuzz

    keys = matching_keys(texts)
    groups: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        if key:
            groups.setdefault(key, []).append(position)
    unique = list(groups)
    shingles = [{key[i : i + 5].encode("utf-8") for i in range(max(1, len(key) - 4))} for key in unique]
    hashes = datasketch.MinHash.bulk(shingles, num_perm=128)
    lsh = datasketch.MinHashLSH(threshold=lsh_threshold, num_perm=128)
    with lsh.insertion_session() as session:
        for i, mh in enumerate(hashes):
            session.insert(i, mh)
    found: Pairs = set()
    members = list(groups.values())
    for group in members:
        found.update((a, b) for n, a in enumerate(group) for b in group[n + 1 :])
    for u, mh in enumerate(hashes):
        for v in lsh.query(mh):
            if v > u and fuzz.ratio(unique[u], unique[v], score_cutoff=THRESHOLD * 100):
                found.update((min(a, b), max(a, b)) for a in members[u] for b in members[v])
    return found


def verbatim_share(pairs: list[copydesk.Match], keys: list[str]) -> float:
    """Share of ``pairs`` whose shorter key is nearly verbatim (``partial_ratio >= 90``) in the longer one."""
    from rapidfuzz import fuzz

    if not pairs:
        return 1.0
    verbatim = 0
    for m in pairs:
        shorter, longer = sorted((keys[m.i], keys[m.j]), key=len)
        verbatim += fuzz.partial_ratio(shorter, longer, score_cutoff=THRESHOLD * 100) > 0
    return verbatim / len(pairs)


def timed(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time of ``runs`` calls and the last result; each call runs ``alone_in_the_heap``, as in
    ``common.timings``, so no call pays for the collector's passes over objects alive before it."""
    times, result = [], None
    for _ in range(max(1, runs)):
        with alone_in_the_heap():
            start = time.perf_counter()
            result = func()
            times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _scale_measure(originals: list[str], size: int, seed: int) -> tuple[float, float, float, int, dict[str, int]]:
    texts = scale_corpus(originals, size, seed=seed)
    before = _status_mb("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    found = copydesk.find_near_duplicates(texts, threshold=THRESHOLD)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    kinds = {kind: sum(1 for m in found if m.kind == kind) for kind in ("exact", "near")}
    kinds["cpu_seconds"] = cpu
    return seconds, before, _status_mb("VmHWM"), len(found), kinds


def scale_run(originals: list[str], size: int, seed: int) -> tuple[float, float, float, int, dict[str, int]]:
    """``find_near_duplicates`` on ``scale_corpus(originals, size, seed)``, built and run in a fresh process.

    Returns seconds, RSS before the call (interpreter and input), peak RSS (MB), pairs and kinds.
    A fresh process (not a fork) holds nothing of this benchmark's earlier work, so the peak is
    what the call needs with its input.
    """
    return run_in_fresh_process(_scale_measure, originals, size, seed)  # type: ignore[no-any-return]


def index_run(texts: list[str], queries: list[str], batch: int = 1_000) -> dict[str, Any]:
    """Add ``texts`` to a fresh SQLite index in batches, then reopen it and query ``queries``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seen.sqlite"
        per_batch: list[tuple[int, float, int]] = []  # paragraphs, CPU seconds, hits of each batch
        start, cpu = time.perf_counter(), time.process_time()
        with copydesk.NearDuplicateIndex(path) as index:
            for first in range(0, len(texts), batch):
                before = time.process_time()
                results = index.add_many((str(n), texts[n]) for n in range(first, min(first + batch, len(texts))))
                per_batch.append((len(results), time.process_time() - before, sum(len(h) for h in results)))
            add_seconds, add_cpu = time.perf_counter() - start, time.process_time() - cpu
            memory = index.memory_bytes()
        start = time.perf_counter()
        with copydesk.NearDuplicateIndex(path, readonly=True) as index:
            opened = time.perf_counter() - start
            start = time.perf_counter()
            answers = index.query_many(queries)
            query_seconds = time.perf_counter() - start
        size = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1e6
    tail = max(1, len(per_batch) // 5)  # the first and the last fifth of the batches
    slices = {name: _slice(part) for name, part in (("first", per_batch[:tail]), ("last", per_batch[-tail:]))}
    return {
        "add_per_s": len(texts) / add_seconds,
        "add_per_cpu_s": len(texts) / add_cpu,
        "memory_bytes_per_paragraph": memory / len(texts),
        "add_seconds": add_seconds,
        "hits": sum(h for _, _, h in per_batch),
        "slices": slices,
        "open_seconds": opened,
        "query_per_s": len(queries) / query_seconds,
        "query_hits": sum(len(a) for a in answers),
        "file_mb": size,
    }


def _slice(batches: list[tuple[int, float, int]]) -> dict[str, float]:
    """Paragraphs, paragraphs per CPU-second and hits per paragraph of some ``(paragraphs, cpu, hits)`` batches."""
    paragraphs = sum(p for p, _, _ in batches)
    return {
        "paragraphs": paragraphs,
        "per_cpu_s": paragraphs / max(sum(c for _, c, _ in batches), 1e-9),
        "hits_per_paragraph": sum(h for _, _, h in batches) / max(paragraphs, 1),
    }


def _slices_text(slices: dict[str, dict[str, float]]) -> str:
    first, last = slices["first"], slices["last"]
    return (
        f"the first {first['paragraphs']:,} paragraphs at {first['per_cpu_s']:,.0f}/s "
        f"({first['hits_per_paragraph']:.2f} hits per paragraph), the last {last['paragraphs']:,} at "
        f"{last['per_cpu_s']:,.0f}/s ({last['hits_per_paragraph']:.2f} hits per paragraph)"
    )


def run(ctx: Context) -> Section:
    notes: list[str] = [ctx.source_note(DATA, "generated paragraphs")]
    base, real = originals(ctx)
    size = ctx.size(20_000, 2_000)
    runs = ctx.size(3, 1)
    items: list[Item] = labelled_set(base, size, seed=ctx.seed)
    texts = [item.text for item in items]
    keys = matching_keys(texts)

    brute_seconds, truth = timed(lambda: brute_force_pairs(keys), 1)
    mine_seconds, found = timed(lambda: copydesk.find_near_duplicates(texts, threshold=THRESHOLD), runs)
    mine = {(m.i, m.j) for m in found}
    recall = len(mine & truth) / len(truth) if truth else 1.0
    precision = len(mine & truth) / len(mine) if mine else 1.0

    cont_seconds, with_containment = timed(
        lambda: copydesk.find_near_duplicates(texts, threshold=THRESHOLD, containment=True), runs
    )
    cont_pairs = {(m.i, m.j) for m in with_containment}
    per_kind: dict[str, list[int]] = {kind: [0, 0] for kind in CONTAINED_KINDS}
    for j, item in enumerate(items):
        if item.kind in per_kind and keys[j]:
            per_kind[item.kind][1] += 1
            per_kind[item.kind][0] += (min(item.source, j), max(item.source, j)) in cont_pairs
    found_contained = sum(f for f, _ in per_kind.values()) / max(1, sum(t for _, t in per_kind.values()))
    contained = [m for m in with_containment if m.kind == "contained"]
    foreign = [m for m in contained if items[m.i].source != items[m.j].source]
    own_verbatim = verbatim_share([m for m in contained if items[m.i].source == items[m.j].source], keys)
    foreign_verbatim = verbatim_share(foreign, keys)

    rows: list[list[Any]] = [
        ["copydesk.find_near_duplicates", mine_seconds, recall, precision, len(mine)],
        ["brute force (rapidfuzz cdist, 2 cores): the truth", brute_seconds, 1.0, 1.0, len(truth)],
    ]
    ratios: dict[str, float] = {}
    datasketch = peer("datasketch", notes)
    ds_summary = "datasketch not installed (pip install -e '.[bench]'): no comparison"
    if datasketch is not None:
        for lsh_threshold in (0.5, 0.4, 0.3):
            ds_seconds, ds_found = timed(lambda t=lsh_threshold: datasketch_pairs(datasketch, texts, t), runs)
            ds_recall = len(ds_found & truth) / len(truth) if truth else 1.0
            ds_precision = len(ds_found & truth) / len(ds_found) if ds_found else 1.0
            rows.append(
                [
                    f"datasketch MinHashLSH(threshold={lsh_threshold}) + ratio",
                    ds_seconds,
                    ds_recall,
                    ds_precision,
                    len(ds_found),
                ]
            )
            if ds_recall >= recall:
                break
        ratio = ds_seconds / mine_seconds
        ratios["find_near_duplicates vs datasketch MinHashLSH (speed)"] = ratio
        ds_summary = (
            f"copydesk at {ratio:.1f}x the speed of datasketch MinHashLSH (threshold {lsh_threshold}, "
            f"recall {ds_recall:.4f} vs copydesk {recall:.4f})"
        )

    scale_n = ctx.size(1_000_000, 10_000)
    scale_seconds, rss_before, peak, scale_pairs, kinds = scale_run(base, scale_n, seed=ctx.seed + 1)

    index_n = ctx.size(100_000, 3_000)
    index_texts = scale_corpus(base, index_n, seed=ctx.seed + 2)
    query_texts = scale_corpus(base, ctx.size(20_000, 1_000), seed=ctx.seed + 3)
    idx = index_run(index_texts, query_texts)

    kind_rows = [[kind, t, f / t if t else None] for kind, (f, t) in per_kind.items()]
    data_name = "real newswire paragraphs" if real else "generated paragraphs (seeded; no data folder)"
    markdown = "\n\n".join(
        [
            f"Labelled set: {size:,} paragraphs ({data_name}), 30% of them seeded variants of earlier ones; "
            f"truth = all pairs with `fuzz.ratio >= 90` on the matching keys ({len(truth):,} pairs). "
            f"Times are medians of {runs} run(s) (brute force: 1 run).",
            table(["system", "seconds", "recall", "precision", "pairs"], rows),
            f"With `containment=True` ({cont_seconds:.2f} s): {found_contained:.3f} of the truncated and "
            f"sentence-added/dropped variants found with their original. "
            f"{len(foreign):,} contained pairs join paragraphs of different originals. Checked with "
            "`fuzz.partial_ratio` (the shorter key against its best-aligned stretch of the longer one): "
            f"{foreign_verbatim:.1%} of them have the shorter key nearly verbatim (>= 90) in the longer one "
            "(shared text: a sentence added from another paragraph, a repeated template); the others are "
            "subsequence matches of templated text with other figures or names (in the newswire data, "
            "`note company went public in april 1986` in `... in september 1986`), which the containment "
            "test accepts. Of the contained pairs of one "
            f"original, {own_verbatim:.1%} are nearly verbatim.",
            table(["variant kind", "variants", "found with containment"], kind_rows),
            f"Scale: {scale_n:,} paragraphs (every original plus seeded variants) through `find_near_duplicates` "
            "in a fresh process (built there, so nothing of this benchmark's earlier work counts): "
            f"{scale_seconds:.1f} s wall ({kinds['cpu_seconds']:.1f} s of CPU), "
            f"peak resident memory {peak:,.0f} MB "
            f"(input texts and interpreter {rss_before:,.0f} MB of it), {scale_pairs:,} pairs "
            f"({kinds['exact']:,} exact, {kinds['near']:,} near).",
            f"SQLite index: {index_n:,} paragraphs added in batches of 1,000 (each matched against all earlier "
            f"ones, then stored) at {idx['add_per_s']:,.0f} paragraphs/s of wall time, "
            f"{idx['add_per_cpu_s']:,.0f} per second of CPU ({idx['hits']:,} hits), holding about "
            f"{idx['memory_bytes_per_paragraph']:,.0f} bytes per paragraph in memory (postings and matching "
            f"keys, `memory_bytes()`); reopened "
            f"read-only in {idx['open_seconds']:.2f} s; {len(query_texts):,} queries at "
            f"{idx['query_per_s']:,.0f} paragraphs/s; file {idx['file_mb']:.0f} MB.",
            "As the index grows (CPU time of each `add_many`, the same run): " + _slices_text(idx["slices"]) + ".",
            ds_summary,
        ]
    )
    headline = {
        f"near-duplicates, {size:,} labelled paragraphs": (
            f"recall {recall:.4f}, precision {precision:.4f} vs brute force; "
            + (f"{ratios[next(iter(ratios))]:.1f}x datasketch" if ratios else "datasketch not installed")
        ),
        f"near-duplicates, {scale_n:,} paragraphs": f"{scale_seconds:.0f} s, peak {peak:,.0f} MB",
        "near-duplicate SQLite index": (
            f"{idx['add_per_s']:,.0f} paragraphs/s add+query ({idx['add_per_cpu_s']:,.0f} per CPU-second; "
            f"last fifth {idx['slices']['last']['per_cpu_s']:,.0f})"
        ),
    }
    return Section(
        title="Near-duplicate paragraphs: quality, speed, scale, index",
        markdown=markdown,
        metrics={
            "quality": {
                f"near-duplicate pairs, {size:,} paragraphs (recall vs brute force)": {
                    row[0].split(" + ")[0].split("(threshold")[0].strip(): row[2]
                    for row in rows
                    if "truth" not in row[0]
                },
                "truncated / sentence-added / -dropped variants found (containment)": {"copydesk": found_contained},
            },
            "ratios": ratios,
            "peak_memory_mb": {f"find_near_duplicates, {scale_n:,} paragraphs": peak},
            "headline": headline,
            "recall": recall,
            "precision": precision,
            "containment_found": found_contained,
            "containment_other_original_pairs": len(foreign),
            "containment_verbatim_share": {"other originals": foreign_verbatim, "same original": own_verbatim},
            "containment_per_kind": {k: (f / t if t else None) for k, (f, t) in per_kind.items()},
            "scale": {"paragraphs": scale_n, "seconds": scale_seconds, "peak_rss_mb": peak, "pairs": scale_pairs},
            "index": idx,
            "seconds": {"copydesk": mine_seconds, "brute_force": brute_seconds, "containment": cont_seconds},
        },
        notes=notes,
    )
