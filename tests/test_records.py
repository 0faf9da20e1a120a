"""JSON Lines records: one outcome per line, in order, whatever the line holds; the same with processes."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import Document, Pipeline, clean
from copydesk.progress import NullBar, progress
from copydesk.records import CleanJob, Outcome, WorkerError, Workers, clean_lines, read_lines
from copydesk.spec import PipelineSpec
from tests.strategies import any_text, messy_text

record_values = st.one_of(messy_text, any_text, st.none(), st.integers(), st.lists(st.text(max_size=3), max_size=2))
records = st.dictionaries(st.sampled_from(["text", "id", "title"]), record_values, max_size=3)
json_lines = records.map(lambda r: json.dumps(r).encode("utf-8"))
garbage = st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b)
lines_strategy = st.lists(st.one_of(json_lines, garbage), max_size=12)


def numbered(lines: list[bytes]) -> list[tuple[int, bytes]]:
    return list(enumerate((line + b"\n" for line in lines), 1))


@settings(max_examples=60, deadline=None)
@given(lines_strategy)
def test_one_outcome_per_line_in_order(lines: list[bytes]) -> None:
    job = CleanJob(fields=("text",))
    outcomes = list(clean_lines(numbered(lines), job))
    assert len(outcomes) == len(lines)
    for number, (raw, outcome) in enumerate(zip(lines, outcomes, strict=True), 1):
        if not raw.strip():
            assert outcome.kind == "blank" and outcome.data == b""
            continue
        out = json.loads(outcome.data)
        assert outcome.data.endswith(b"\n") and outcome.data.count(b"\n") == 1
        if outcome.kind == "error":
            assert out["copydesk_error"]["line"] == number
        else:
            assert out["text"] == clean(json.loads(raw)["text"])


def test_processes_keep_order_and_match_one_process() -> None:
    lines = [json.dumps({"id": i, "text": f"Línea\u00a0{i}\u200b"}).encode() if i % 7 else b"{bad" for i in range(300)]
    job = CleanJob(fields=("text",), explain=True)
    single = list(clean_lines(numbered(lines), job))
    several = list(clean_lines(numbered(lines), job, jobs=2, chunk_size=5))
    assert several == single
    assert [json.loads(o.data).get("id") for o in several if o.kind == "record"] == [i for i in range(300) if i % 7]


def test_clean_lines_reads_its_input_lazily() -> None:
    """Only a bounded number of chunks is read ahead of the output, so memory stays flat."""
    read = 0

    def source():  # type: ignore[no-untyped-def]
        nonlocal read
        for i in range(1, 100_000):
            read = i
            yield i, json.dumps({"text": "x"}).encode()

    outputs = clean_lines(source(), CleanJob(), jobs=2, chunk_size=10)
    for _ in range(50):
        next(outputs)
    assert read <= 50 + 4 * 2 * 10 + 10
    outputs.close()


class DyingJob(CleanJob):
    """Ends its process abruptly on a record whose text is "die", as the kernel's out-of-memory killer would."""

    def run_line(self, number: int, raw: bytes) -> Outcome:
        if b'"die"' in raw:
            os._exit(9)
        return super().run_line(number, raw)


def _die_in_a_worker() -> None:
    """Run in a child interpreter by the test below, so that a hang shows as a timeout, not a stuck test run."""
    lines = [json.dumps({"text": "die" if i == 41 else f"Zeile\u00a0{i}"}).encode() for i in range(1, 90)]
    single = list(clean_lines(numbered(lines[:40]), CleanJob()))
    got = []
    try:
        for outcome in clean_lines(numbered(lines), DyingJob(), jobs=2, chunk_size=4):
            got.append(outcome)
    except WorkerError as error:
        assert 1 <= error.first <= 41 and got == single[: error.first - 1], (error.first, len(got))
        print(json.dumps({"first": error.first, "message": str(error)}))


class _BreaksAfter:
    """An executor whose pool breaks after ``ok`` chunks: the next ``submit`` raises, as a real one does
    once it has noticed a dead worker (under load that can come before the result of an earlier chunk)."""

    def __init__(self, ok: int) -> None:
        self.ok = ok

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        if self.ok == 0:
            raise BrokenProcessPool("A child process terminated abruptly")
        self.ok -= 1
        future: Future[list[Outcome]] = Future()
        future.set_result(fn(*args))
        return future


def test_a_pool_found_broken_when_handing_out_a_chunk_raises_worker_error() -> None:
    lines = [json.dumps({"text": f"Zeile\u00a0{i}"}).encode() for i in range(1, 20)]
    workers = SimpleNamespace(jobs=8, executor=_BreaksAfter(2))
    got = []
    with pytest.raises(WorkerError) as error:
        for outcome in clean_lines(numbered(lines), CleanJob(), chunk_size=4, workers=workers):  # type: ignore[arg-type]
            got.append(outcome)
    assert error.value.first == 9
    assert got == list(clean_lines(numbered(lines[:8]), CleanJob()))


def test_a_worker_that_dies_raises_instead_of_hanging() -> None:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    code = "from tests.test_records import _die_in_a_worker\nif __name__ == '__main__':\n    _die_in_a_worker()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root, env=env, timeout=90)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert json.loads(result.stdout)["message"].startswith("a worker process ended abruptly")


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_workers_reused_across_calls_and_pipelines_match_one_process(method: str) -> None:
    lines = [json.dumps({"id": i, "text": f"Ligne\u00a0{i} \u2014 fin\u200b  x"}).encode() for i in range(40)]
    jobs = [
        CleanJob(fields=("text",), explain=True, source="a.jsonl"),
        CleanJob(spec=PipelineSpec(steps=("whitespace",)), source="b.jsonl"),  # another pipeline, same workers
        CleanJob(fields=("text",), explain=True, source="c.jsonl"),
    ]
    with Workers(2, method=method) as workers:
        for job in jobs:
            expected = list(clean_lines(numbered(lines), job))
            assert list(clean_lines(numbered(lines), job, chunk_size=3, workers=workers)) == expected
    assert expected != list(clean_lines(numbered(lines), jobs[1]))  # the two pipelines differ on these lines


def test_lone_surrogates_and_bad_bytes_still_give_valid_utf8_json() -> None:
    job = CleanJob()
    out = job.run_line(1, b'{"text": "a\\ud800b"}')
    assert out.kind == "record"
    assert json.loads(out.data.decode("utf-8"))["text"] == clean("a\ud800b")
    bad = job.run_line(2, b'{"text": "\xff\xfe"}')
    assert json.loads(bad.data.decode("utf-8"))["copydesk_error"]["raw"] == '{"text": "\\xff\\xfe"}'


def test_bom_on_first_line_is_dropped() -> None:
    lines = list(read_lines(io.BytesIO(b'\xef\xbb\xbf{"text": "x"}\n')))
    assert CleanJob().run_line(*lines[0]).kind == "record"


def test_a_step_that_raises_gives_an_error_record() -> None:
    def explode(doc: Document) -> Document:
        if "boom" in doc.original:
            raise RuntimeError("step exploded")
        return doc

    job = CleanJob()
    object.__setattr__(job, "_pipeline", Pipeline([explode]))
    assert job.run_line(1, b'{"text": "ok"}').kind == "record"
    failed = job.run_line(2, b'{"text": "boom"}')
    assert failed.kind == "error"
    assert json.loads(failed.data)["copydesk_error"]["reason"] == "cleaning failed: RuntimeError: step exploded"


def test_bad_jobs() -> None:
    with pytest.raises(ValueError):
        CleanJob(fields=("a", "b"), to=("c",))
    with pytest.raises(ValueError, match="jobs"):
        list(clean_lines([], CleanJob(), jobs=0))


def test_progress_is_silent_off_a_terminal() -> None:
    assert isinstance(progress(10, stream=io.StringIO()), NullBar)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pytest.importorskip("tqdm")
    stream = Terminal()
    bar = progress(10, stream=stream)
    bar.update(5)
    bar.close()
    assert "copydesk:" in stream.getvalue() and "|" in stream.getvalue()  # tqdm drew a bar
