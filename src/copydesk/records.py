"""JSON Lines in, JSON Lines out: clean fields of records, one output line per input record, in order.

Each input line is read as bytes and handled on its own. A line that is not
valid UTF-8, not valid JSON, not a JSON object, lacks a field, has a field that
is not a string, or makes a step raise becomes an *error record* in its place::

    {"copydesk_error": {"line": 3, "reason": "invalid JSON: ...", "raw": "<the line>"}}

so the output has exactly one line per input record, in the same order, also
with several processes. Invalid UTF-8 is an error, not guessed at: the raw line
is kept with the bad bytes written as ``\\xNN`` escapes. Blank lines are not
records; they are skipped and counted.

Fields are dotted paths into nested objects (``article.body``; a number
indexes a list: ``pages.0.text``).

>>> job = CleanJob(fields=("text",))
>>> job.run_line(1, b'{"id": 7, "text": "caf\\xc3\\x83\\xc2\\xa9\\xc2\\xa0 au lait"}').data
b'{"id": 7, "text": "caf\\xc3\\xa9 au lait"}\\n'
>>> out = job.run_line(2, b'{"id": 8, "text": null}')
>>> out.kind, json.loads(out.data)["copydesk_error"]["reason"]
('error', "field 'text' is null, expected a string")
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Literal, NamedTuple

from copydesk.document import Document
from copydesk.pipeline import Pipeline
from copydesk.spec import PipelineSpec

__all__ = [
    "CleanJob",
    "Counts",
    "DedupJob",
    "FieldError",
    "Outcome",
    "RecordError",
    "WorkerError",
    "Workers",
    "clean_lines",
    "error_record",
    "explanation",
    "get_path",
    "parse_record",
    "read_lines",
    "set_path",
    "text_at",
    "texts_at",
]

ERROR_KEY = "copydesk_error"
EXPLAIN_KEY = "copydesk"


class RecordError(ValueError):
    """An input line that is not a usable record; the message is the reason given in its error record."""


class FieldError(RecordError):
    """A dotted field path that does not lead to a value (or to a string), or cannot be written."""


def _split(path: str) -> list[str]:
    parts = path.split(".")
    if not path or any(not p for p in parts):
        raise FieldError(f"bad field path {path!r}")
    return parts


def get_path(record: Any, path: str) -> Any:
    """The value at dotted ``path`` in ``record``; ``FieldError`` if it is missing.

    >>> get_path({"a": {"b": [{"c": 1}]}}, "a.b.0.c")
    1
    >>> get_path({"a": {}}, "a.b")
    Traceback (most recent call last):
    ...
    copydesk.records.FieldError: missing field 'a.b'
    """
    value = record
    for part in _split(path):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise FieldError(f"missing field {path!r}")
    return value


def set_path(record: Any, path: str, value: Any) -> None:
    """Write ``value`` at dotted ``path``, creating missing objects on the way.

    >>> r = {"a": 1}
    >>> set_path(r, "meta.clean", "x"); r
    {'a': 1, 'meta': {'clean': 'x'}}
    >>> set_path(r, "a.b", "x")
    Traceback (most recent call last):
    ...
    copydesk.records.FieldError: cannot write field 'a.b': 'a' is int, not an object
    """
    parts = _split(path)
    target = record
    for depth, part in enumerate(parts[:-1]):
        if isinstance(target, dict):
            target = target.setdefault(part, {})
        elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        else:
            break
        if not isinstance(target, (dict, list)):
            where = ".".join(parts[: depth + 1])
            raise FieldError(f"cannot write field {path!r}: {where!r} is {type(target).__name__}, not an object")
    last = parts[-1]
    if isinstance(target, dict):
        target[last] = value
    elif isinstance(target, list) and last.isdigit() and int(last) < len(target):
        target[int(last)] = value
    else:
        raise FieldError(f"cannot write field {path!r}")


def parse_record(raw: bytes) -> dict[str, Any]:
    """The JSON object on one line of bytes; ``RecordError`` with the reason if it is not one.

    >>> parse_record(b'{"text": "ok"}')
    {'text': 'ok'}
    >>> parse_record(b'[1, 2]')
    Traceback (most recent call last):
    ...
    copydesk.records.RecordError: record is an array, expected a JSON object
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(f"invalid UTF-8: {error}") from None
    try:
        record = json.loads(text)
    except ValueError as error:
        raise RecordError(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise RecordError(f"record is {_json_type(record)}, expected a JSON object")
    return record


def text_at(record: Any, path: str) -> str:
    """The string at dotted ``path``; ``FieldError`` if it is missing or not a string.

    >>> text_at({"a": {"b": "x"}}, "a.b")
    'x'
    >>> text_at({"text": None}, "text")
    Traceback (most recent call last):
    ...
    copydesk.records.FieldError: field 'text' is null, expected a string
    """
    value = get_path(record, path)
    if not isinstance(value, str):
        raise FieldError(f"field {path!r} is {_json_type(value)}, expected a string")
    return value


def explanation(doc: Document) -> dict[str, Any]:
    """What the pipeline found and did: ``Document.to_dict`` without the body and the segments.

    ``records`` lists every rewrite and removal with its step, rule, span in
    the original and reason; ``removed`` counts the lines left out of the body.

    >>> from copydesk import process
    >>> e = explanation(process("caf\\u00c3\\u00a9"))
    >>> sorted(e)
    ['authors', 'captions', 'records', 'removed', 'title']
    >>> e["records"][0]["step"], e["records"][0]["start"], e["records"][0]["end"]
    ('fix_encoding', 0, 5)
    """
    out = doc.to_dict(segments=False)
    del out["body"]
    out["removed"] = len(doc.removed)
    return out


def error_record(line: int, reason: str, raw: bytes | str, source: str | None = None) -> dict[str, Any]:
    """The record that stands in for a bad input line.

    ``raw`` bytes that are not UTF-8 are kept as ``\\xNN`` escapes.

    >>> error_record(4, "invalid JSON", b'{"text": "caf\\xe9', source="in.jsonl")
    {'copydesk_error': {'line': 4, 'reason': 'invalid JSON', 'raw': '{"text": "caf\\\\xe9', 'source': 'in.jsonl'}}
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "backslashreplace")
    body: dict[str, Any] = {"line": line, "reason": reason, "raw": raw.rstrip("\r\n")}
    if source is not None:
        body["source"] = source
    return {ERROR_KEY: body}


def _dumps(record: Any) -> bytes:
    """One JSON line; strings holding lone surrogates fall back to ``\\uXXXX`` escapes."""
    text = json.dumps(record, ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


class Outcome(NamedTuple):
    """What became of one input line: the output bytes (one JSON line; nothing for a blank or dropped line).

    ``removals`` counts the lines removed from the record's text; ``duplicate``
    says that all of its body repeats earlier documents (``dedup``).
    """

    kind: Literal["record", "error", "blank", "dropped"]
    data: bytes
    removals: int = 0
    duplicate: bool = False


_BLANK = Outcome("blank", b"")


def _error(number: int, reason: str, raw: bytes, source: str | None) -> Outcome:
    """The error outcome for line ``number`` of ``source``."""
    return Outcome("error", _dumps(error_record(number, reason, raw, source)))


@dataclass(frozen=True)
class CleanJob:
    """How to clean each record: which ``fields``, where to write them (``to``), explanations, the pipeline.

    ``to`` is empty (clean fields in place) or has one target per field.
    ``explain`` adds a ``copydesk`` object: the :func:`explanation` of the
    field's document, or one per field path when there are several fields.
    A ``CleanJob`` is picklable, so worker processes can be given one.

    >>> job = CleanJob(fields=("body",), to=("clean",), explain=True)
    >>> record = json.loads(job.run_line(1, b'{"body": "Hello\\\\u200b world"}').data)
    >>> record["body"], record["clean"], record["copydesk"]["records"][0]["rule"]
    ('Hello\\u200b world', 'Hello world', 'invisible.remove')
    """

    fields: tuple[str, ...] = ("text",)
    to: tuple[str, ...] = ()
    explain: bool = False
    spec: PipelineSpec = field(default_factory=PipelineSpec)
    source: str | None = None
    _pipeline: Pipeline | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.fields:
            raise ValueError("CleanJob needs at least one field")
        if self.to and len(self.to) != len(self.fields):
            raise ValueError(f"{len(self.to)} target fields for {len(self.fields)} fields; give one --to per --field")
        for path in (*self.fields, *self.to):
            _split(path)

    def pipeline(self) -> Pipeline:
        """The pipeline of this job (built once per process)."""
        if self._pipeline is None:
            object.__setattr__(self, "_pipeline", self.spec.build())
        assert self._pipeline is not None
        return self._pipeline

    def using(self, pipeline: Pipeline) -> CleanJob:
        """This job with ``pipeline``, already built from its spec, as its pipeline in this process.

        >>> job = CleanJob()
        >>> pipeline = job.spec.build()
        >>> job.using(pipeline).pipeline() is pipeline
        True
        """
        object.__setattr__(self, "_pipeline", pipeline)
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None  # rebuilt in each process
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def error(self, number: int, reason: str, raw: bytes) -> Outcome:
        """The error outcome for line ``number``."""
        return _error(number, reason, raw, self.source)

    def run_line(self, number: int, raw: bytes) -> Outcome:
        """Clean one input line (bytes, with or without its line break)."""
        if not raw.strip():
            return _BLANK
        try:
            return self._clean(parse_record(raw))
        except RecordError as error:
            return self.error(number, str(error), raw)
        except Exception as error:  # a step failed on this record: report it, go on with the next
            return self.error(number, f"cleaning failed: {type(error).__name__}: {error}", raw)

    def _clean(self, record: dict[str, Any]) -> Outcome:
        pipeline = self.pipeline()
        docs: list[tuple[str, Document]] = []
        for path in self.fields:
            docs.append((path, pipeline(text_at(record, path))))
        targets = self.to or self.fields
        for target, (_, doc) in zip(targets, docs, strict=True):
            set_path(record, target, doc.body)
        if self.explain:
            if len(docs) == 1:
                record[EXPLAIN_KEY] = explanation(docs[0][1])
            else:
                record[EXPLAIN_KEY] = {path: explanation(doc) for path, doc in docs}
        return Outcome("record", _dumps(record), sum(len(doc.removed) for _, doc in docs))

    def run_chunk(self, chunk: list[tuple[int, bytes]]) -> list[Outcome]:
        """:meth:`run_line` on each ``(number, line)`` of ``chunk``."""
        return [self.run_line(number, raw) for number, raw in chunk]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` for each line of a binary stream, numbered from 1; a leading BOM is dropped.

    >>> import io
    >>> list(read_lines(io.BytesIO(b'\\xef\\xbb\\xbf{"a": 1}\\n\\n{"a": 2}')))
    [(1, b'{"a": 1}\\n'), (2, b'\\n'), (3, b'{"a": 2}')]
    """
    for number, line in enumerate(stream, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        yield number, line


def texts_at(lines: Iterable[tuple[int, bytes]], path: str) -> Iterator[tuple[int, str | RecordError]]:
    """For each non-blank line, its number and the string at ``path``, or the :class:`RecordError` that stands in.

    >>> [(n, str(t)) for n, t in texts_at([(1, b'{"text": "a"}'), (2, b"\\n"), (3, b"{}")], "text")]
    [(1, 'a'), (3, "missing field 'text'")]
    """
    for number, raw in lines:
        if not raw.strip():
            continue
        try:
            yield number, text_at(parse_record(raw), path)
        except RecordError as error:
            yield number, error


@dataclass
class Counts:
    """Totals of a run: records written, lines removed, error records, blank lines, duplicate and dropped documents."""

    records: int = 0
    removals: int = 0
    errors: int = 0
    blank: int = 0
    duplicates: int = 0
    dropped: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.removals += outcome.removals
        self.duplicates += outcome.duplicate
        if outcome.kind == "record":
            self.records += 1
        elif outcome.kind == "error":
            self.errors += 1
        elif outcome.kind == "dropped":
            self.dropped += 1
        else:
            self.blank += 1

    def summary(self) -> str:
        """One line for humans.

        >>> Counts(records=3, removals=5, errors=1).summary()
        '3 records, 5 removals, 1 error'
        >>> Counts(records=1, blank=2).summary()
        '1 record, 0 removals, 0 errors, 2 blank lines skipped'
        >>> Counts(records=4, removals=9, duplicates=2, dropped=2).summary()
        '4 records, 9 removals, 0 errors, 2 duplicate documents (2 dropped)'
        """
        counted = [_plural(self.records, "record"), _plural(self.removals, "removal"), _plural(self.errors, "error")]
        text = ", ".join(counted)
        if self.duplicates:
            text += f", {_plural(self.duplicates, 'duplicate document')}"
            if self.dropped:
                text += f" ({self.dropped} dropped)"
        if self.blank:
            text += f", {_plural(self.blank, 'blank line')} skipped"
        return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class DedupJob:
    """Near-duplicate paragraphs and documents across records, remembered in ``index`` (see ``copydesk dedup``).

    Each record's ``field`` goes through ``before`` (steps to run first; none by
    default) and the ``dedup`` step with ``index``. Without ``drop`` the record
    is marked: a ``copydesk`` object lists the duplicate paragraphs (rule,
    span, reason naming the earlier paragraph and the score) and says whether
    the whole document is a duplicate. With ``drop`` the duplicate paragraphs
    leave the field (or go to ``to``) and a record whose body is all
    duplicates is dropped. ``id_field`` names the field holding the document
    id used in the index (default: a hash of the text).

    >>> from copydesk import NearDuplicateIndex
    >>> job = DedupJob(NearDuplicateIndex(), drop=True)
    >>> job.run_line(1, b'{"text": "Rates held, the bank said.\\\\nMarkets rose."}').kind
    'record'
    >>> json.loads(job.run_line(2, b'{"text": "Rates held, the bank said!\\\\nNew line."}').data)["text"]
    'New line.'
    >>> job.run_line(3, b'{"text": "Markets rose."}')
    Outcome(kind='dropped', data=b'', removals=1, duplicate=True)
    """

    def __init__(
        self,
        index: Any = None,
        *,
        field: str = "text",
        threshold: float = 0.9,
        containment: bool = False,
        drop: bool = False,
        to: str | None = None,
        id_field: str | None = None,
        explain: bool = False,
        before: Pipeline | None = None,
        source: str | None = None,
    ) -> None:
        from copydesk import steps

        for path in (field, to, id_field):
            if path is not None:
                _split(path)
        self.field, self.to, self.id_field = field, to, id_field
        self.drop, self.explain, self.source = drop, explain, source
        self.pipeline = Pipeline([*(before or ()), steps.dedup(index, threshold=threshold, containment=containment)])

    def run_line(self, number: int, raw: bytes) -> Outcome:
        """Mark or drop the duplicates of one input line."""
        if not raw.strip():
            return _BLANK
        try:
            record = parse_record(raw)
            text = text_at(record, self.field)
            meta: dict[str, str] = {}
            if self.id_field is not None:
                ident = get_path(record, self.id_field)
                if not isinstance(ident, (str, int)) or isinstance(ident, bool):
                    raise FieldError(f"id field {self.id_field!r} is {_json_type(ident)}, expected a string or number")
                meta["id"] = str(ident)
            doc = self.pipeline(Document.from_text(text).with_fields(meta=meta))
            duplicates = len(doc.of_kind("duplicate"))
            whole = bool(duplicates) and not doc.kept
            if self.drop and whole:
                return Outcome("dropped", b"", duplicates, True)
            if self.drop:
                set_path(record, self.to or self.field, doc.body)
            if self.explain or not self.drop:
                record[EXPLAIN_KEY] = {**explanation(doc), "duplicate_document": whole}
            return Outcome("record", _dumps(record), duplicates, whole)
        except RecordError as error:
            return _error(number, str(error), raw, self.source)
        except Exception as error:  # a step failed on this record: report it, go on with the next
            return _error(number, f"dedup failed: {type(error).__name__}: {error}", raw, self.source)


# -- several processes ---------------------------------------------------------------


class WorkerError(RuntimeError):
    """A worker process of :func:`clean_lines` ended abruptly (killed by a signal, out of memory).

    The lines it held have no outcome, so the run stops with this error instead
    of waiting for them forever. Every line before ``first`` has had its outcome.

    >>> str(WorkerError(129))
    'a worker process ended abruptly (killed, or out of memory?): no outcome for line 129 and after'
    """

    def __init__(self, first: int) -> None:
        super().__init__(
            f"a worker process ended abruptly (killed, or out of memory?): no outcome for line {first} and after"
        )
        self.first = first

    def __reduce__(self) -> tuple[type[WorkerError], tuple[int]]:
        return type(self), (self.first,)


_WORKER_PIPELINES: list[tuple[PipelineSpec, Pipeline]] = []  # in a worker: the pipelines built so far


def _run_worker_chunk(job: CleanJob, chunk: list[tuple[int, bytes]]) -> list[Outcome]:
    """In a worker: ``job`` on ``chunk``, with the pipeline of ``job.spec`` built once per process."""
    built = next((pipeline for spec, pipeline in _WORKER_PIPELINES if spec == job.spec), None)
    if built is None:
        built = job.spec.build()
        _WORKER_PIPELINES.append((job.spec, built))
    return job.using(built).run_chunk(chunk)


def _chunks(lines: Iterable[tuple[int, bytes]], size: int) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Workers:
    """``jobs`` worker processes for :func:`clean_lines`, to start once and reuse (several files, several calls).

    Workers are started with ``method``: ``spawn`` (the default) starts each in a
    new interpreter. ``fork`` starts faster, but a process forked while another
    thread holds a lock (a progress bar's monitor, a web server's threads, an
    import in progress) inherits the lock held and can wait for it forever; and
    ``forkserver`` workers are not children of this process, so their memory
    and CPU time do not show in its resource usage. With ``spawn`` (and
    ``forkserver``) a script that starts workers needs the
    ``if __name__ == "__main__":`` guard, as :mod:`multiprocessing` says.

    >>> with Workers(2) as workers:
    ...     outs = list(clean_lines([(1, b'{"text": "a\\\\u00a0b"}')], CleanJob(), workers=workers))
    >>> outs[0].data
    b'{"text": "a b"}\\n'
    """

    def __init__(self, jobs: int, *, method: str = "spawn") -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        self.executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method))

    def close(self) -> None:
        """Stop the workers: chunks not started are dropped, running ones finish."""
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clean_lines(
    lines: Iterable[tuple[int, bytes]],
    job: CleanJob,
    *,
    jobs: int = 1,
    chunk_size: int = 64,
    workers: Workers | None = None,
) -> Iterator[Outcome]:
    """One :class:`Outcome` per ``(number, line)``, in input order, using ``jobs`` processes (or ``workers``).

    Lines go to the workers in chunks of ``chunk_size``; at most ``4 * jobs``
    chunks are in flight, so memory stays flat however long the input is
    (``Pool.imap`` would read the whole input ahead of slow workers). Each
    worker builds the pipeline of ``job.spec`` once. Without ``workers``,
    ``jobs > 1`` starts :class:`Workers` for this call and stops them after.
    A worker that dies (killed, out of memory) raises :class:`WorkerError`
    after the outcomes of all lines before the ones it held, instead of hanging.

    >>> outs = list(clean_lines([(1, b'{"text": "a\\\\u00a0b"}'), (2, b"[]")], CleanJob()))
    >>> [o.kind for o in outs]
    ['record', 'error']
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if workers is None and jobs == 1:
        for number, raw in lines:
            yield job.run_line(number, raw)
        return
    if workers is None:
        with Workers(jobs) as own:
            yield from clean_lines(lines, job, chunk_size=chunk_size, workers=own)
        return
    pending: deque[tuple[int, Future[list[Outcome]]]] = deque()
    try:
        for chunk in _chunks(lines, chunk_size):
            try:
                future = workers.executor.submit(_run_worker_chunk, job, chunk)
            except BrokenProcessPool as error:  # a worker died before this chunk was handed out
                while pending:
                    yield from _outcomes(*pending.popleft())
                raise WorkerError(chunk[0][0]) from error
            pending.append((chunk[0][0], future))
            if len(pending) >= 4 * workers.jobs:
                yield from _outcomes(*pending.popleft())
        while pending:
            yield from _outcomes(*pending.popleft())
    finally:
        for _, future in pending:  # stopped early: leave the workers free for the next call
            future.cancel()


def _outcomes(first: int, future: Future[list[Outcome]]) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise WorkerError(first) from error
