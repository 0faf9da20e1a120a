"""Near-duplicate search time against corpus size: copydesk vs datasketch MinHashLSH vs brute force.

The corpus, the datasketch pipeline and the brute force are the near-duplicate benchmark's
(``benchmarks.bench_neardup``, ``benchmarks.neardup_data``): its labelled set (real newswire
paragraphs when present, 30% of the items edited copies of earlier ones), timed here at growing
sizes. Every system looks for pairs whose matching keys (mojibake repaired, case, accents and
punctuation folded) have ``fuzz.ratio >= 90``, and every timing includes computing the keys:

- ``copydesk.find_near_duplicates(texts, threshold=0.9)`` (brute force up to 2,000 keys, its
  numpy MinHash/LSH above);
- ``datasketch MinHashLSH``: 5-character shingles of the keys, ``MinHash.bulk`` with 128
  permutations, ``MinHashLSH(threshold=0.5)``, candidates verified with ``rapidfuzz.fuzz.ratio``;
- brute force: ``rapidfuzz.process.cdist`` over all pairs on both cores, on the smaller sizes.

Recall is against brute force, where brute force ran.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import copydesk
from benchmarks.bench_neardup import THRESHOLD, Pairs, brute_force_pairs, datasketch_pairs, originals
from benchmarks.common import Context, MissingPeer, Section, median_seconds, peer, table
from benchmarks.neardup_data import labelled_set
from copydesk.dedup.keys import matching_keys

LSH_THRESHOLD = 0.5


def corpus(ctx: Context, size: int) -> tuple[list[str], str]:
    """``size`` items of the near-duplicate benchmark's labelled set, and where they came from."""
    texts, real = originals(ctx)
    source = "real newswire paragraphs (seeded order)" if real else "generated paragraphs (seeded)"
    return [item.text for item in labelled_set(texts, size, seed=ctx.seed)], source


def copydesk_pairs(texts: list[str]) -> Pairs:
    """The pairs ``copydesk.find_near_duplicates`` reports."""
    return {(m.i, m.j) for m in copydesk.find_near_duplicates(texts, threshold=THRESHOLD)}


def run(ctx: Context) -> Section:
    notes: list[str] = []
    sizes = [250, 500, 1_000] if ctx.quick else [1_000, 3_000, 10_000, 30_000, 100_000]
    brute_limit = 1_000 if ctx.quick else 10_000
    texts_all, source = corpus(ctx, sizes[-1])
    notes.append(ctx.source_note("neardup/reuters-paragraphs.jsonl.gz", "generated paragraphs"))
    datasketch = peer("datasketch", notes)
    numpy = peer("numpy", notes)
    if numpy is None and sizes[-1] > 2_000:
        raise MissingPeer("numpy")  # copydesk's own LSH needs it above 2,000 paragraphs

    systems: dict[str, Callable[[list[str]], Pairs]] = {"copydesk.find_near_duplicates": copydesk_pairs}
    if datasketch is not None:
        systems["datasketch MinHashLSH + ratio"] = lambda texts: datasketch_pairs(datasketch, texts, LSH_THRESHOLD)
    if numpy is not None:
        systems["brute force (rapidfuzz cdist)"] = lambda texts: brute_force_pairs(matching_keys(texts))

    scaling: dict[str, list[tuple[int, float]]] = {name: [] for name in systems}
    rows = []
    for n in sizes:
        texts = texts_all[:n]
        repeat = ctx.repeat if n <= 3_000 else 1
        found: dict[str, Pairs] = {}
        row: list[object] = [n, repeat]
        for name, func in systems.items():
            if name.startswith("brute") and n > brute_limit:
                row += [None, None, None]
                continue
            seconds = median_seconds(
                lambda func=func, texts=texts, name=name, found=found: found.__setitem__(name, func(texts)), repeat
            )
            scaling[name].append((n, seconds))
            row += [seconds, n / seconds, len(found[name])]
        truth = found.get("brute force (rapidfuzz cdist)")
        recall = {
            name: len(pairs & truth) / len(truth) if truth else None
            for name, pairs in found.items()
            if truth is not None and not name.startswith("brute")
        }
        row.append(
            ", ".join(f"{k.split('.')[0].split()[0]} {v:.3f}" for k, v in recall.items() if v is not None) or "-"
        )
        rows.append(row)
    header = ["paragraphs", "runs"]
    for name in systems:
        header += [f"{name} s", "paragraphs/s", "pairs"]
    header.append("recall vs brute force")
    exponents = {
        name: math.log(points[-1][1] / points[0][1]) / math.log(points[-1][0] / points[0][0])
        for name, points in scaling.items()
        if len(points) >= 2
    }
    mine = "copydesk.find_near_duplicates"
    peer_name = "datasketch MinHashLSH + ratio"
    ratios = {}
    headline = {}
    n_max, t_max = scaling[mine][-1]
    if peer_name in scaling:
        ratio = scaling[peer_name][-1][1] / t_max
        ratios[f"find_near_duplicates vs datasketch at {n_max:,} paragraphs (speed)"] = ratio
        headline[f"near-duplicate search, {n_max:,} paragraphs"] = (
            f"{t_max:.1f} s ({n_max / t_max:,.0f} paragraphs/s), {ratio:.2f}x the speed of datasketch MinHashLSH"
        )
    else:
        headline[f"near-duplicate search, {n_max:,} paragraphs"] = f"{t_max:.1f} s"
    markdown = "\n\n".join(
        [
            f"Corpus: {source}, {sizes[-1]:,} items of the labelled set (30% edited copies); "
            f"threshold {THRESHOLD} on the matching keys; datasketch with MinHashLSH(threshold={LSH_THRESHOLD}). "
            "Runs: medians over that many runs.",
            table(header, rows),
            "Growth exponent (slope of log time against log size; 1.0 = linear): "
            + ", ".join(f"{name} {value:.2f}" for name, value in exponents.items())
            + ".",
        ]
    )
    return Section(
        title="Near-duplicate search time against corpus size",
        markdown=markdown,
        metrics={
            "scaling": scaling,
            "scaling_unit": "paragraphs in the corpus",
            "growth_exponent": exponents,
            "ratios": ratios,
            "headline": headline,
        },
        notes=notes,
    )
