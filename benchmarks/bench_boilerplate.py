"""Body vs boilerplate: copydesk against the input as-is and jusText, on page text and trafilatura text.

Quality uses the development data's own metrics (``benchmarks/scoring.py``: the 4-gram F1 of
the article-extraction-benchmark on ``gold-dev``, trafilatura's snippet F1 on
``snippets-dev``). jusText gets the same page text, each line a ``<p>``, English stoplist,
default settings. Speed: the whole default pipeline (normalizers, captions when present,
boilerplate) on page text, and the boilerplate step alone: UTF-8 MB per second of CPU time of
this process (``time.process_time``, one process: MB/s per core, as in ``bench_steps``), medians,
with the wall-time figure beside it.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

import copydesk
from benchmarks.common import Context, Section, median_wall_and_cpu, megabytes, peer, read_jsonl_gz, table
from benchmarks.scoring import gold_scores, slug_title_count, snippet_scores
from copydesk import Document, Pipeline, steps

FILES = {"gold": "boilerplate/gold-dev.jsonl.gz", "snippets": "boilerplate/snippets-dev.jsonl.gz"}
FIELDS = {"page": "full_text", "trafilatura": "trafilatura_text"}


def justext_body(text: str, justext: Any) -> str:
    """jusText on plain text: each line a paragraph, English stoplist, defaults."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def generated_pages(ctx: Context, count: int) -> list[str]:
    """Seeded article pages with navigation, a headline, a byline, body paragraphs and a footer."""
    rng = random.Random(ctx.seed)
    words = (
        "the council said on monday that the new bridge would open in june after a long delay while "
        "engineers in the city reviewed the costs of the work and residents asked for more buses"
    ).split()
    pages = []
    for k in range(count):
        nav = ["Home", "News", "World", "Sport", "Culture", "Search", "Sign in"]
        body = [
            " ".join(rng.choice(words) for _ in range(rng.randint(25, 70))).capitalize() + "."
            for _ in range(rng.randint(4, 10))
        ]
        pages.append(
            "\n".join([*nav, f"Bridge story number {k}", "By Jane Doe", *body, "Share", "Read more", "© 2024 Example"])
        )
    return pages


def site_profile_rows(
    gold: Sequence[dict[str, Any]], pipeline: Pipeline, notes: list[str], bodies: Mapping[str, str] | None = None
) -> list[list[Any]]:
    """Gold pages (``gold``: every case of the file) grouped by host: copydesk alone against copydesk with a
    profile of the host's other pages. ``bodies``: ``pipeline``'s bodies of page texts already cleaned, by id
    (the quality table's), not cleaned again."""
    by_host: dict[str, list[dict[str, Any]]] = {}
    for case in gold:
        by_host.setdefault(urlparse(case["url"]).netloc, []).append(case)
    groups = [cases for cases in by_host.values() if len(cases) >= 2]
    cases = [c for group in groups for c in group]
    if not cases:
        return []
    known = bodies or {}
    plain = {c["id"]: known[c["id"]] if c["id"] in known else pipeline(c["full_text"]).body for c in cases}
    profiled = {}
    for group in groups:
        for case in group:
            others = [c["full_text"] for c in group if c is not case]
            profile = copydesk.SiteProfile.learn(others, min_pages=1, min_share=1.0)
            profiled[case["id"]] = (pipeline.without("boilerplate") + [steps.boilerplate(profile=profile)])(
                case["full_text"]
            ).body
    notes.append(f"site profiles: {len(groups)} sites with 2+ pages in gold-dev ({len(cases)} pages): a small sample")
    return [
        ["copydesk", len(cases), gold_scores(cases, plain)["f1"]],
        ["copydesk + site profile", len(cases), gold_scores(cases, profiled)["f1"]],
    ]


#: issue 4's must-show for the seed article
SEED_TITLE = "How a Summit Signals a Step Forward for U.S.-Mexico Relations"
SEED_AUTHORS = ("Carin Zissis",)


def seed_check(ctx: Context) -> tuple[str, bool | None]:
    """The seed article's fields: title, authors, the quoted line as teaser (out of the body), the three
    paragraphs after it as the body, "Read the full article." labelled read-more (``related``)."""
    seed = None if ctx.data is None else ctx.data.parent / "seed" / "article.txt"
    if seed is None or not seed.exists():
        return "seed article: not checked (no ../shared/seed/article.txt)", None
    doc = copydesk.process(seed.read_text(encoding="utf-8"))
    lines = [s.text for s in doc.segments]
    teaser = next((i for i, line in enumerate(lines) if line.startswith('"The biggest challenge')), None)
    checks = {
        "title": doc.title == SEED_TITLE,
        "authors": doc.authors == SEED_AUTHORS,
        "teaser": teaser is not None and doc.segments[teaser].kind == "teaser" and not doc.segments[teaser].kept,
        "body": teaser is not None and doc.body == "\n\n".join(lines[teaser + 1 : teaser + 4]),
        "read-more": lines[-1] == "Read the full article." and doc.segments[-1].kind == "related",
    }
    ok = all(checks.values())
    failed = [name for name, passed in checks.items() if not passed]
    return f"seed article fields ({'PASS' if ok else 'FAIL: ' + ', '.join(failed)}): title {doc.title!r}, " + (
        f"authors {list(doc.authors)}, kinds {[s.kind for s in doc.segments]}"
    ), ok


def run(ctx: Context) -> Section:
    notes: list[str] = []
    seed_note, seed_ok = seed_check(ctx)
    notes.append(seed_note)
    justext = peer("justext", notes)
    quality: dict[str, dict[str, float]] = {}
    f1: dict[str, float] = {}
    rows = []
    pipeline = copydesk.default_pipeline()
    page_texts: list[str] = []
    gold: list[dict[str, Any]] = []  # every gold case (before --quick trims), for the site profiles
    gold_bodies: dict[str, str] = {}  # copydesk's bodies of the gold page texts, by id
    titles: dict[str, tuple[int, int]] = {}  # pages whose title matches the URL slug, pages with a slug
    title_rows: list[list[Any]] = []
    for source, relative in FILES.items():
        path = ctx.data_file(relative)
        if path is None:
            notes.append(f"{relative} not found: no {source} quality figures (give --data)")
            continue
        cases = list(read_jsonl_gz(path))
        if source == "gold":
            gold = cases
        if ctx.quick:
            cases = cases[: 12 if source == "gold" else 60]
        page_texts.extend(c["full_text"] for c in cases)
        score: Callable[[Sequence[dict[str, Any]], dict[str, str]], dict[str, float]]
        score = gold_scores if source == "gold" else snippet_scores
        for kind, field in FIELDS.items():
            docs = {c["id"]: pipeline(c[field] or "") for c in cases}
            systems: dict[str, dict[str, str]] = {
                "as-is": {c["id"]: c[field] or "" for c in cases},
                "copydesk": {i: doc.body for i, doc in docs.items()},
            }
            matched, slugged = slug_title_count(cases, {i: doc.title for i, doc in docs.items()})
            titles[f"{source}/{kind}"] = (matched, slugged)
            title_rows.append([source, kind, slugged, matched, matched / slugged if slugged else 0.0])
            if source == "gold" and kind == "page":
                gold_bodies = systems["copydesk"]
            if justext is not None:
                systems["jusText"] = {c["id"]: justext_body(c[field] or "", justext) for c in cases}
            table_name = f"{source}-dev {kind} text F1"
            quality[table_name] = {}
            for system, preds in systems.items():
                result = score(cases, preds)
                quality[table_name][system] = result["f1"]
                f1[f"{source}/{kind}/{system}"] = result["f1"]
                rows.append(
                    [source, kind, system, result["f1"], result["precision"], result["recall"], int(result["empty"])]
                )
    profile_rows = site_profile_rows(gold, pipeline, notes, gold_bodies)
    if not page_texts:
        page_texts = generated_pages(ctx, ctx.size(400, 40))
        notes.append("speed measured on generated pages (no development data)")
    size = megabytes(page_texts)
    normalizers = Pipeline(s for s in pipeline if getattr(s, "name", "") != "boilerplate")
    normalized = [normalizers(t) for t in page_texts]
    step = steps.boilerplate()
    jobs: dict[str, Callable[[], object]] = {
        "default pipeline": lambda: [pipeline(t) for t in page_texts],
        "normalizers only": lambda: [normalizers(t) for t in page_texts],
        "boilerplate step alone": lambda: [step(d) for d in normalized],
    }
    timed = {name: median_wall_and_cpu(job, ctx.repeat) for name, job in jobs.items()}
    throughput = {name: size / cpu for name, (_, cpu) in timed.items()}  # per core: CPU time
    throughput_wall = {name: size / wall for name, (wall, _) in timed.items()}
    doc_count = len(page_texts)
    speed_rows = [[name, value, throughput_wall[name]] for name, value in throughput.items()]
    markdown = ""
    if rows:
        markdown += table(["data", "input", "system", "F1", "P", "R", "empty"], rows) + "\n\n"
    if title_rows:
        markdown += (
            "Titles: pages whose URL has a slug of three words or more (the path segment with the most words), "
            "and how many of them got a `Document.title` holding at least half the slug's words (a stand-in for "
            "the right headline; a right title worded unlike its URL counts as wrong):\n\n"
            + table(["data", "input", "pages with a slug", "title matches slug", "share"], title_rows)
            + "\n\n"
        )
    if profile_rows:
        markdown += (
            "Site profiles (gold-dev page text, sites with at least two pages; each page cleaned with a "
            "profile learned from the site's other pages):\n\n"
            + table(["system", "pages", "F1"], profile_rows)
            + "\n\n"
        )
        for name, _, value in profile_rows:
            f1[f"gold/page-by-site/{name}"] = value
    markdown += table(["what (page text)", "MB/s per core (CPU time, median)", "MB/s wall (median)"], speed_rows)
    markdown += f"\n\n{doc_count} pages, {size:.1f} MB; default pipeline: {' → '.join(pipeline.names)}"
    headline = {}
    for key in (
        "gold/page/copydesk",
        "gold/trafilatura/copydesk",
        "snippets/page/copydesk",
        "snippets/trafilatura/copydesk",
    ):
        if key in f1:
            headline[f"boilerplate F1 {key.rsplit('/', 1)[0]}"] = f"{f1[key]:.3f}"
    for key, (matched, slugged) in titles.items():
        headline[f"titles matching the URL slug, {key}"] = f"{matched} of {slugged}"
    if seed_ok is not None:
        headline["seed article: title, authors, teaser, body, read-more"] = "PASS" if seed_ok else "FAIL"
    headline["default pipeline MB/s per core (page text, CPU time)"] = (
        f"{throughput['default pipeline']:.2f} (wall time {throughput_wall['default pipeline']:.2f})"
    )
    return Section(
        title="Body and boilerplate",
        markdown=markdown,
        metrics={
            "quality": quality,
            "f1": f1,
            "throughput_mb_s": throughput,
            "throughput_mb_s_wall": throughput_wall,
            "headline": headline,
            "seed_ok": seed_ok,
            "titles_matching_slug": {key: {"matched": m, "pages": n} for key, (m, n) in titles.items()},
        },
        notes=notes,
    )


__all__ = ["Document", "generated_pages", "justext_body", "run", "seed_check"]
