"""The ``copydesk`` command run as a subprocess, on plain text and on JSON Lines with bad lines."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import copydesk

ROOT = Path(__file__).resolve().parent.parent

GOOD = [
    {"id": 1, "lang": "en", "text": "LÃ³pez Obrador\u00a0met the  governors on Monday.\n\n\n\nRead more &amp; share"},
    {
        "id": 2,
        "lang": "de",
        "text": "Die Stadtwerke erhÃ¶hen die Preise\u200b zum 1. Januar.\n\nDer Gemeinderat stimmte zu.",
    },
    {"id": 3, "lang": "es", "text": "El ayuntamiento aprobÃ³ el presupuesto\u00ad de 2025.\t\n\n\nFin."},
    {"id": 4, "lang": "fr", "text": "Le conseil municipal s\u2019est réuni\u00a0lundi soir."},
]


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "copydesk", *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120
    )


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def mixed_input(copies: int = 1) -> tuple[list[bytes], dict[int, str]]:
    """Good records and every kind of bad line, repeated; returns the lines and the expected error per line number."""
    lines: list[bytes] = []
    bad: dict[int, str] = {}
    for copy in range(copies):
        for record in GOOD:
            lines.append(json.dumps({**record, "id": record["id"] + 10 * copy}).encode())
        for raw, reason in (
            (b'{"id": 99, "text": "unterminated', "invalid JSON"),
            (b'{"id": 98, "text": "caf\xe9 cr\xe8me"}', "invalid UTF-8"),
            (b'{"id": 97, "text": 12}', "is a number, expected a string"),
            (b'{"id": 96, "text": null}', "is null, expected a string"),
            (b'{"id": 95, "body": "no text field"}', "missing field 'text'"),
            (b'["an", "array"]', "expected a JSON object"),
        ):
            lines.append(raw)
            bad[len(lines)] = reason
    return lines, bad


@pytest.mark.parametrize("jobs", [1, 2])
def test_clean_jsonl_with_bad_lines(tmp_path: Path, jobs: int) -> None:
    lines, bad = mixed_input(copies=5)
    source = write_lines(tmp_path / "in.jsonl", lines)
    result = run("clean", "--field", "text", "--jobs", str(jobs), "--chunk-size", "3", str(source))

    assert result.returncode == 1, result.stderr
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    for number, (raw, record) in enumerate(zip(lines, out, strict=True), 1):
        if number in bad:
            error = record["copydesk_error"]
            assert error["line"] == number
            assert bad[number] in error["reason"]
            assert error["raw"] == raw.decode("utf-8", "backslashreplace")
        else:
            original = json.loads(raw)
            assert record["id"] == original["id"], "records out of order"
            assert record["text"] == copydesk.clean(original["text"])
            assert record["text"] != original["text"]
            assert "Ã" not in record["text"] and "\u200b" not in record["text"] and "\u00ad" not in record["text"]
    summary = result.stderr.decode()
    assert f"{len(lines) - len(bad)} records" in summary and f"{len(bad)} errors" in summary


def test_clean_jsonl_valid_input_exits_zero_and_cleans_nested_fields(tmp_path: Path) -> None:
    records = [{"id": r["id"], "article": {"body": r["text"], "title": "Caf\u00c3\u00a9"}} for r in GOOD]
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(r).encode() for r in records] + [b""])
    result = run(
        "clean", "-f", "article.body", "-f", "article.title", "--to", "clean.body", "--to", "clean.title", str(source)
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(records)
    for before, after in zip(records, out, strict=True):
        assert after["article"] == before["article"]  # --to leaves the source fields alone
        assert after["clean"] == {"body": copydesk.clean(before["article"]["body"]), "title": "Café"}
    assert "1 blank line skipped" in result.stderr.decode()


def test_clean_jsonl_explain_adds_copydesk_object(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD[0]).encode()])
    result = run("clean", "--field", "text", "--explain", str(source))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    explained = record["copydesk"]
    assert {"title", "authors", "captions", "records", "removed"} <= set(explained)
    doc = copydesk.process(GOOD[0]["text"])
    assert [r["rule"] for r in explained["records"]] == [r.rule for r in doc.records]
    first = explained["records"][0]
    assert GOOD[0]["text"][first["start"] : first["end"]] == first["before"]


def test_errors_go_to_their_own_file(tmp_path: Path) -> None:
    lines, bad = mixed_input()
    source = write_lines(tmp_path / "in.jsonl", lines)
    errors = tmp_path / "errors.jsonl"
    output = tmp_path / "out.jsonl"
    result = run("clean", "--field", "text", "--errors", str(errors), "-o", str(output), str(source))
    assert result.returncode == 1
    assert result.stdout == b""
    good = output.read_text("utf-8").splitlines()
    failed = [json.loads(line)["copydesk_error"] for line in errors.read_text("utf-8").splitlines()]
    assert len(good) + len(failed) == len(lines)
    assert [e["line"] for e in failed] == sorted(bad)


def test_stdin_and_several_files_name_the_source(tmp_path: Path) -> None:
    first = write_lines(tmp_path / "a.jsonl", [json.dumps(GOOD[0]).encode(), b"oops"])
    second = write_lines(tmp_path / "b.jsonl", [b"oops", json.dumps(GOOD[1]).encode()])
    result = run("clean", "--field", "text", str(first), str(second))
    errors = [json.loads(x)["copydesk_error"] for x in result.stdout.splitlines() if b"copydesk_error" in x]
    assert [(Path(e["source"]).name, e["line"]) for e in errors] == [("a.jsonl", 2), ("b.jsonl", 1)]
    piped = run("clean", "--field", "text", "-", stdin=second.read_bytes())
    assert len(piped.stdout.splitlines()) == 2 and piped.returncode == 1


def test_pipeline_options(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": "\u201cHi\u201d \u2014 ok\u00a0"}).encode()])
    result = run("clean", "-f", "text", "--add", "punctuation", "--set", "punctuation.dashes=false", str(source))
    assert json.loads(result.stdout)["text"] == '"Hi" \u2014 ok'
    result = run("clean", "-f", "text", "--skip", "nonsense", str(source))
    assert result.returncode == 2 and b"unknown step 'nonsense'" in result.stderr
    result = run("clean", "-f", "text", "--to", "a", "--to", "b", str(source))
    assert result.returncode == 2


def test_plain_text_file_as_in_readme() -> None:
    result = run("clean", "examples/article.txt")
    assert result.returncode == 0
    text = (ROOT / "examples" / "article.txt").read_bytes().decode("utf-8")
    assert result.stdout.decode("utf-8") == copydesk.clean(text) + "\n"


def test_missing_file_is_reported() -> None:
    result = run("clean", "--field", "text", "no/such/file.jsonl")
    assert result.returncode == 1 and b"no/such/file.jsonl" in result.stderr


def test_show_labels_every_line() -> None:
    result = run("show", "examples/article.txt")
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode("utf-8")
    doc = copydesk.process((ROOT / "examples" / "article.txt").read_text("utf-8"))
    rows = [re.fullmatch(r" *(\d+) ([-+~]) (\S+) +(.*)", line) for line in shown.splitlines()]
    rows = [row for row in rows if row]
    assert len(rows) == len(doc.segments)
    assert {seg.kind for seg in doc.segments} >= {"body", "title", "byline"}  # the article has labels to show
    for row, seg in zip(rows, doc.segments, strict=True):
        mark, kind, text = row.group(2), row.group(3), row.group(4)
        assert (kind, text) == (seg.kind, seg.text)
        notes = shown.split(row.group(0), 1)[1].split("\n")[1]
        if not seg.kept:
            assert seg.reason in notes and seg.rule in notes
        assert mark == ("+" if seg.kept and seg.text == doc.source(seg) else "~" if seg.kept else "-")
    assert "\x1b[" not in shown  # no colour codes when standard output is not a terminal


def test_show_one_record_of_json_lines(tmp_path: Path) -> None:
    article = (ROOT / "examples" / "article.txt").read_text("utf-8")
    source = write_lines(tmp_path / "in.jsonl", [b"{}", json.dumps({"doc": {"text": article}}).encode()])
    shown = run("show", "--field", "doc.text", "--line", "2", str(source))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == run("show", "examples/article.txt").stdout
    missing = run("show", "--field", "doc.text", "--line", "1", str(source))
    assert missing.returncode == 2 and b":1: missing field 'doc.text'" in missing.stderr
    assert run("show", "--field", "doc.text", "--line", "9", str(source)).returncode == 2


def test_show_in_colour_on_request() -> None:
    pytest.importorskip("rich")
    result = run("show", "--color", "always", "examples/article.txt")
    assert result.returncode == 0, result.stderr
    assert b"\x1b[" in result.stdout


SITE_STORIES = [
    "The harbour authority approved the new ferry timetable on Tuesday evening.",
    "Two fishing cooperatives merged to share a cold store near the estuary.",
    "The town library will open on Sundays from March, the council decided.",
    "Water prices rise by four percent in April after the desalination contract.",
]


def site_page(story: str) -> str:
    return f"Subscribe today and save\n{story}\nIt was the third such decision this year, officials said.\nWeather Desk"


def test_profile_learn_show_and_use(tmp_path: Path) -> None:
    pages = [json.dumps({"page": {"text": site_page(s)}}).encode() for s in SITE_STORIES] + [b"{oops"]
    source = write_lines(tmp_path / "pages.jsonl", pages)
    profile = tmp_path / "site.json"
    learned = run("profile", "learn", "--field", "page.text", "--site", "courier", "-o", str(profile), str(source))
    assert learned.returncode == 1  # the bad line is reported, and the profile is still written
    assert f"{source}:5: invalid JSON" in learned.stderr.decode()
    saved = copydesk.SiteProfile.load(profile)
    assert saved.pages == 4 and "Weather Desk" in saved and "Subscribe today and save" in saved

    shown = run("profile", "show", str(profile)).stdout.decode()
    assert "site: courier" in shown and "pages: 4" in shown and "  weather desk" in shown

    text_files = []
    for number, story in enumerate(SITE_STORIES):
        text_files.append(tmp_path / f"p{number}.txt")
        text_files[-1].write_text(site_page(story), encoding="utf-8")
    from_text = run("profile", "learn", *map(str, text_files))
    assert from_text.returncode == 0 and json.loads(from_text.stdout)["lines"] == sorted(saved.lines)

    fresh = tmp_path / "fresh.txt"
    fresh.write_text(site_page("A brand new story about the bridge repairs that start next week."), encoding="utf-8")
    with_profile = run("show", "--profile", str(profile), str(fresh)).stdout.decode()
    assert "boilerplate.profile" in with_profile
    cleaned = run("clean", "--profile", str(profile), str(fresh)).stdout.decode()
    assert "Weather Desk" not in cleaned and "bridge repairs" in cleaned
    assert run("clean", "--profile", str(tmp_path / "missing.json"), str(fresh)).returncode == 2


P_AUDIT = "The regional water commission will publish its audit of the desalination contracts in March."
P_BARGE = "The barge dropped anchor on Tuesday after a three-week tow from Guaymas, its operators said."
P_FISH = "Fishermen who work the shallows near the estuary asked for independent monitoring of the brine."
P_BIBLIO = "Die Stadtbibliothek öffnet ab März auch sonntags, wie der Gemeinderat am Montag beschloss."


def test_dedup_across_records_and_runs(tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    first = [
        {"id": "a", "text": f"{P_AUDIT}\n{P_BARGE}"},
        {"id": "b", "text": f"{P_FISH}\n{P_AUDIT.replace('.', '!')}"},  # a near copy of a paragraph of a
        {"id": "c", "text": f"{P_BARGE}\n\n{P_AUDIT}"},  # nothing new: a duplicate document
        {"id": "d", "text": None},
    ]
    lines = [json.dumps(r).encode() for r in first] + [b"{broken"]
    result = run("dedup", "--id", "id", "--index", str(index), "--drop", str(write_lines(tmp_path / "1.jsonl", lines)))
    assert result.returncode == 1
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r.get("id") for r in out] == ["a", "b", None, None]  # c dropped; two error records
    assert out[0]["text"] == f"{P_AUDIT}\n\n{P_BARGE}"
    assert out[1]["text"] == P_FISH
    assert [e["copydesk_error"]["line"] for e in out[2:]] == [4, 5]
    assert "1 duplicate document (1 dropped)" in result.stderr.decode()

    second = [{"id": "e", "text": f"{P_BIBLIO}\n{P_BARGE}"}, {"id": "a", "text": f"{P_AUDIT}\n{P_BARGE}"}]
    lines = [json.dumps(r).encode() for r in second]
    result = run("dedup", "--id", "id", "--index", str(index), str(write_lines(tmp_path / "2.jsonl", lines)))
    assert result.returncode == 0, result.stderr
    marked = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["text"] for r in marked] == [r["text"] for r in second]  # marking keeps the text
    caught = [r for r in marked[0]["copydesk"]["records"] if r["step"] == "dedup"]
    assert len(caught) == 1 and caught[0]["before"] == P_BARGE and "a#" in caught[0]["reason"]
    assert second[0]["text"][caught[0]["start"] : caught[0]["end"]] == P_BARGE
    assert marked[0]["copydesk"]["duplicate_document"] is False
    assert marked[1]["copydesk"]["records"] == []  # the same document seen again is not its own duplicate


def test_dedup_usage_errors(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", [b'{"text": "x"}'])
    assert run("dedup", "--threshold", "0", str(source)).returncode == 2
    assert run("dedup", "--to", "other", str(source)).returncode == 2
    assert run("clean", "-f", "text", "--add", "dedup", "--jobs", "2", str(source)).returncode == 2


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found: list[int] = []
    for task in tasks:
        with contextlib.suppress(OSError):  # the task ended meanwhile
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return found


def _workers(pid: int) -> list[int]:
    """Descendants of ``pid`` that have no children: the pool's workers (and the resource tracker, left out)."""
    leaves, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        below = _children(child)
        todo += below
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if not below and b"resource_tracker" not in command:
            leaves.append(child)
    return leaves


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker processes through Linux /proc")
def test_a_killed_worker_stops_the_run_with_a_message_instead_of_a_hang(tmp_path: Path) -> None:
    """SIGKILL, as the out-of-memory killer sends: a process pool used to wait forever for the lost chunk."""
    lines, bad = mixed_input(copies=400)
    source = write_lines(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "copydesk", "clean", "-f", "text", "-j", "2", "--chunk-size", "8", "-o", str(out)]
    with subprocess.Popen([*command, str(source)], stderr=subprocess.PIPE, env=env) as process:
        watchdog = threading.Timer(90, process.kill)
        watchdog.start()
        try:
            while process.poll() is None and not (out.exists() and out.stat().st_size):
                time.sleep(0.01)  # output has started: the workers hold chunks
            workers = _workers(process.pid)
            assert workers, "the run ended before a worker could be killed"
            os.kill(workers[0], signal.SIGKILL)
            _, stderr = process.communicate(timeout=90)
        finally:
            watchdog.cancel()
    assert process.returncode == 1, stderr
    assert b"a worker process ended abruptly" in stderr and b"Traceback" not in stderr
    first = int(re.search(rb"no outcome for line (\d+)", stderr).group(1))  # type: ignore[union-attr]
    written = out.read_bytes().splitlines()
    assert len(written) == first - 1 < len(lines)  # every line before it, in order, and nothing after
    for number, line in enumerate(written, 1):
        record = json.loads(line)
        if number in bad:
            assert record["copydesk_error"]["line"] == number
        else:
            assert record["id"] == json.loads(lines[number - 1])["id"]


def test_unwritable_output_and_a_reader_that_goes_away(tmp_path: Path) -> None:
    lines, _ = mixed_input(copies=40)
    source = write_lines(tmp_path / "in.jsonl", lines)
    result = run("clean", "--field", "text", "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), str(source))
    assert result.returncode == 1 and b"No such file or directory" in result.stderr
    assert b"Traceback" not in result.stderr

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "copydesk", "clean", "--field", "text", str(source)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as process:
        watchdog = threading.Timer(60, process.kill)  # the reads below have no timeout of their own
        watchdog.start()
        try:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.read(10)
            process.stdout.close()  # like `| head -c 10`
            stderr = process.stderr.read()
            assert process.wait(timeout=60) == 1
        finally:
            watchdog.cancel()
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


@pytest.mark.parametrize("command", [["clean"], ["clean", "--field", "text"], ["show"]])
def test_each_command_builds_its_pipeline_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    from copydesk import cli
    from copydesk.spec import PipelineSpec

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD[0]) + "\n" + json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    builds: list[PipelineSpec] = []
    build = PipelineSpec.build

    def counted(spec: PipelineSpec) -> copydesk.Pipeline:
        builds.append(spec)
        return build(spec)

    monkeypatch.setattr(PipelineSpec, "build", counted)
    assert cli.main([*command, str(path)]) == 0
    capsys.readouterr()
    assert len(builds) == 1


def test_a_plain_text_file_that_is_not_utf8_is_read_as_windows_1252_and_the_command_says_so(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 owners in the old town reopened on Monday, the council said.\n".encode("cp1252"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes("Café owners in the old town reopened on Monday, the council said.\n".encode())
    read_latin, read_utf8 = run("clean", str(latin)), run("clean", str(utf8))
    assert read_latin.returncode == read_utf8.returncode == 0
    assert read_latin.stdout == read_utf8.stdout  # the same text either way
    assert f"{latin}: not valid UTF-8: read as windows-1252" in read_latin.stderr.decode()
    assert "UTF-8" not in read_utf8.stderr.decode()
