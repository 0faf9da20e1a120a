"""The benchmark framework: runner, report, tables and plots (never the figures themselves)."""

from __future__ import annotations

import json
import os
import random
import sys
import types
from pathlib import Path

import pytest
from benchmarks import __main__ as runner
from benchmarks.common import (
    Context,
    MissingPeer,
    Section,
    fmt,
    metric_table,
    peak_memory_mb,
    peer,
    require,
    run_in_fork,
    table,
    traced_peak_mb,
)
from benchmarks.report import headline_rows, render_json, render_markdown

SAMPLE_METRICS = {
    "quality": {"demo F1": {"copydesk": 0.91, "peer": 0.75, "as-is": 0.64}},
    "throughput_mb_s": {"step one": 12.0, "step two": 3.5},
    "scaling": {"copydesk": [(1_000, 0.01), (10_000, 0.1)], "peer": [(1_000, 0.02), (10_000, 0.4)]},
    "headline": {"demo F1 (copydesk)": 0.91},
}


def _fake(monkeypatch: pytest.MonkeyPatch, name: str, run: object) -> None:
    module = types.ModuleType(f"benchmarks._fake_{name}")
    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(runner.BENCHMARKS, name, module.__name__)


def _ok(ctx: Context) -> Section:
    assert ctx.quick and ctx.data is None
    return Section("Fake OK", table(["system", "F1"], [["copydesk", 0.91]]), metrics=SAMPLE_METRICS)


def _boom(ctx: Context) -> Section:
    raise RuntimeError("boom in the benchmark")


def _missing_peer(ctx: Context) -> Section:
    raise ImportError("No module named 'justext'", name="justext")


def _missing_copydesk_name(ctx: Context) -> Section:
    raise ImportError("cannot import name 'nothing_here' from 'copydesk'", name="copydesk")


def _not_a_section(ctx: Context) -> Section:
    return "oops"  # type: ignore[return-value]


def test_quick_run_of_a_real_benchmark_on_generated_data(tmp_path: Path) -> None:
    out = tmp_path / "results"
    argv = ["normalize", "--quick", "--data", str(tmp_path / "absent"), "--out", str(out), "--repeat", "1"]
    assert runner.main([*argv, "--no-plots"]) == 0
    report = (out / "latest.md").read_text(encoding="utf-8")
    assert "## Normalization speed" in report
    assert "no data folder" in report and "generated data only" in report
    assert "| CPU |" in report and "quick" in report
    data = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert data["quick"] is True
    assert [s["name"] for s in data["sections"]] == ["normalize"]
    assert data["sections"][0]["error"] is None
    assert data["machine"]["packages"]["ftfy"]


def test_failures_and_missing_peers_do_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, run in [
        ("boom", _boom),
        ("nopeer", _missing_peer),
        ("noname", _missing_copydesk_name),
        ("notsection", _not_a_section),
        ("ok", _ok),
    ]:
        _fake(monkeypatch, name, run)
    argv = ["boom", "nopeer", "noname", "notsection", "ok", "--quick", "--data", str(tmp_path / "absent")]
    assert runner.main([*argv, "--out", str(tmp_path), "--no-plots"]) == 1
    report = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "RuntimeError: boom in the benchmark" in report
    assert "peer justext not installed (pip install -e '.[bench]')" in report
    assert "cannot import name 'nothing_here'" in report
    assert "returned str, expected Section" in report
    assert "## Fake OK" in report and "| demo F1 (copydesk) | 0.910 |" in report
    sections = {s["name"]: s for s in json.loads((tmp_path / "latest.json").read_text())["sections"]}
    assert sections["nopeer"]["skipped"] and not sections["boom"]["skipped"]
    assert sections["ok"]["metrics"]["scaling"]["peer"] == [[1_000, 0.02], [10_000, 0.4]]
    assert "FAILED: boom, noname, notsection" in capsys.readouterr().err


def test_a_missing_peer_alone_is_not_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(monkeypatch, "nopeer", _missing_peer)
    assert runner.main(["nopeer", "--quick", "--data", str(tmp_path), "--out", str(tmp_path), "--no-plots"]) == 0


def test_a_run_of_some_benchmarks_leaves_the_full_report_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --out, a named run reports in results/partial/, never over the full run's results/latest.md."""
    _fake(monkeypatch, "ok", lambda ctx: Section("Fake OK", table(["system", "F1"], [["copydesk", 0.91]])))
    monkeypatch.setattr(runner, "DEFAULT_OUT", tmp_path / "results")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "latest.md").write_text("the full run", encoding="utf-8")
    assert runner.main(["ok", "--data", str(tmp_path / "absent"), "--no-plots"]) == 0
    assert (tmp_path / "results" / "latest.md").read_text(encoding="utf-8") == "the full run"
    assert "## Fake OK" in (tmp_path / "results" / "partial" / "latest.md").read_text(encoding="utf-8")


def test_unknown_benchmark_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        runner.main(["no-such-benchmark"])
    assert exc.value.code == 2
    assert "unknown benchmark" in capsys.readouterr().err


def test_plots_are_written_from_the_metric_conventions(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from benchmarks.plots import write_plots

    (tmp_path / "scaling.png").write_bytes(b"stale")
    sections = [Section("A", metrics=SAMPLE_METRICS), Section("B", metrics={"quality": {"x": {"copydesk": 1.0}}})]
    written = write_plots(sections, tmp_path)
    assert sorted(p.name for p in written) == ["quality.png", "scaling.png", "throughput.png"]
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # No metrics: no plot, and stale plots from an earlier run are removed.
    assert write_plots([Section("empty")], tmp_path) == []
    assert not (tmp_path / "scaling.png").exists()


def test_table_and_cells() -> None:
    assert fmt(0.5) == "0.500" and fmt(123456.7) == "123,457" and fmt(None) == "-" and fmt(True) == "True"
    assert fmt(12_345) == "12,345" and fmt(0.0) == "0.000" and fmt("a\nb") == "a b"
    assert table(["a", "b"], [[1, "x|y"]]).splitlines() == ["| a | b |", "|---|---|", "| 1 | x\\|y |"]
    assert table(["a"], []) == "| a |\n|---|"
    lines = metric_table({"F1": {"copydesk": 0.9}, "P": {"peer": 0.5}}).splitlines()
    assert lines[2:] == ["| copydesk | 0.900 | - |", "| peer | - | 0.500 |"]


def test_report_sections_headline_errors_and_plots() -> None:
    ok = Section("Quality", "| t |", metrics={"headline": {"F1": 0.9, "speed": "2.0x ftfy"}}, name="q", seconds=1.25)
    bad = Section("broken", error="Traceback ...\nValueError: bad", name="broken")
    skip = Section("peerless", error=str(MissingPeer("datasketch")), name="peerless", skipped=True)
    machine = {"cpu": "Test CPU", "cores": 2, "date": "2026-11-29 07:45 UTC", "packages": {"numpy": None}}
    md = render_markdown([ok, bad, skip], machine, quick=False, plots=["/x/quality.png"], notes=["data folder: /d"])
    assert "full run, 2026-11-29 07:45 UTC" in md
    assert "| CPU | Test CPU |" in md and "numpy not installed" in md
    assert "**broken: failed** — ValueError: bad" in md
    assert "peerless: skipped — peer datasketch not installed" in md
    assert "| Quality | F1 | 0.900 |" in md and "| Quality | speed | 2.0x ftfy |" in md
    assert "![quality](quality.png)" in md and "- data folder: /d" in md
    assert md.index("## Quality") < md.index("## broken") < md.index("## peerless")
    assert "*`q` took 1.2 s.*" in md or "*`q` took 1.3 s.*" in md
    assert headline_rows([bad]) == []
    assert json.loads(render_json([ok], machine, quick=True))["sections"][0]["metrics"]["headline"]["F1"] == 0.9


def test_peers_and_context(tmp_path: Path) -> None:
    notes: list[str] = []
    assert peer("json", notes) is not None and notes == []
    assert peer("surely_not_installed_peer", notes) is None
    assert notes == ["peer surely_not_installed_peer not installed (pip install -e '.[bench]')"]
    with pytest.raises(MissingPeer, match="peer surely_not_installed_peer not installed"):
        require("surely_not_installed_peer")
    (tmp_path / "neardup").mkdir()
    (tmp_path / "neardup" / "p.jsonl.gz").write_bytes(b"")
    ctx = Context(quick=False, data=tmp_path)
    assert ctx.data_file("neardup/p.jsonl.gz") == tmp_path / "neardup" / "p.jsonl.gz"
    assert ctx.data_file("neardup/q.jsonl.gz") is None
    assert ctx.size(100, 1) == 100
    assert "absent (not in" in ctx.source_note("neardup/q.jsonl.gz", "generated")


def test_memory_helpers_see_an_allocation() -> None:
    assert traced_peak_mb(lambda: bytes(20_000_000)) >= 19
    assert peak_memory_mb(lambda: b"x" * 40_000_000) >= 30
    with pytest.raises(ZeroDivisionError):
        peak_memory_mb(lambda: 1 / 0)
    with pytest.raises(ChildProcessError, match="exit code 3"):  # died without sending anything: an error, no hang
        run_in_fork(lambda: os._exit(3))


def test_corpus_is_seeded_and_damage_is_real() -> None:
    from benchmarks.corpus import MOJIBAKE, generated_paragraphs, mojibake, pages, paragraphs, typeset

    ctx = Context(quick=True)
    assert paragraphs(ctx, 20) == paragraphs(ctx, 20)
    assert generated_paragraphs(random.Random(3), 10) != generated_paragraphs(random.Random(4), 10)
    texts, source = pages(ctx, 3)
    assert len(texts) == 3 and "generated" in source and all("\n" in t for t in texts)
    clean = "Müller’s café in São Paulo — “open”. Second sentence here. Третье предложение."
    for kind in MOJIBAKE:
        damaged = mojibake(clean, kind)
        assert damaged != clean, kind
        assert damaged.encode("utf-8", "replace")  # still a valid str
    assert mojibake(clean, "double cp1252") == mojibake(mojibake(clean, "utf8-as-cp1252"), "utf8-as-cp1252")
    assert typeset('"Yes," she said - it\'s done.') == "“Yes,” she said – it’s done."


def test_update_readme_needs_a_full_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        runner.main(["--quick", "--update-readme"])
    assert "needs a full run" in capsys.readouterr().err


def test_readme_has_the_headline_markers() -> None:
    from benchmarks.report import README_END, README_START

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.index(README_START) < readme.index(README_END)


def test_list_names_every_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(runner.BENCHMARKS)
    assert all(len(line.split()) > 3 for line in lines)  # each with its description


def test_plots_can_be_drawn_again_from_the_json(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from benchmarks.plots import sections_from_json, write_plots
    from benchmarks.report import render_json

    (tmp_path / "latest.json").write_text(
        render_json([Section("A", metrics=SAMPLE_METRICS, name="a")], {}, quick=False)
    )
    sections = sections_from_json(tmp_path / "latest.json")
    assert sections[0].metrics["scaling"]["peer"] == [[1_000, 0.02], [10_000, 0.4]]
    assert len(write_plots(sections, tmp_path)) == 3


def test_index_run_reports_the_first_and_last_fifth_of_the_batches() -> None:
    pytest.importorskip("numpy")
    from benchmarks.bench_neardup import index_run
    from benchmarks.neardup_data import generated_paragraphs

    texts = generated_paragraphs(40, seed=4)
    texts += texts[:10]  # the last batch repeats the first: its hits are the copies
    result = index_run(texts, texts[:3], batch=5)
    first, last = result["slices"]["first"], result["slices"]["last"]
    assert first["paragraphs"] == last["paragraphs"] == 10  # 10 batches of 5: a fifth is 2 of them
    assert first["hits_per_paragraph"] == 0
    assert last["hits_per_paragraph"] >= 1
    assert first["per_cpu_s"] > 0 and last["per_cpu_s"] > 0
    assert result["hits"] >= last["hits_per_paragraph"] * 10
