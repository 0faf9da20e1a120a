"""The ``copydesk`` command line: ``clean``, ``show`` (and more), over plain text or JSON Lines.

``copydesk clean FILE ...`` prints the cleaned body of plain-text files;
with ``--field`` the files are JSON Lines and the named fields are cleaned in
each record (see :mod:`copydesk.records`). ``copydesk show FILE`` prints one
article with every line's label and reason; ``copydesk profile learn|show``
makes and prints site profiles for the boilerplate step. ``-`` (or no file) reads
standard input. The exit status is 1 when any input could not be read or any
record became an error record, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from typing import BinaryIO

from copydesk.encoding import decode_with_codec
from copydesk.pipeline import Pipeline
from copydesk.progress import Bar, progress
from copydesk.records import (
    CleanJob,
    Counts,
    DedupJob,
    Outcome,
    RecordError,
    WorkerError,
    Workers,
    clean_lines,
    parse_record,
    read_lines,
    text_at,
    texts_at,
)
from copydesk.spec import PipelineSpec, spec_from_settings

__all__ = ["build_parser", "main"]


class UsageError(Exception):
    """A bad combination of options or values, reported with exit status 2."""


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    from copydesk.spec import step_factories
    from copydesk.steps import default_steps

    defaults = [step.name for step in default_steps()]
    others = [name for name in step_factories() if name not in defaults]
    group = parser.add_argument_group(
        "pipeline",
        f"the default pipeline ({', '.join(defaults)}), changed step by step; other steps: {', '.join(others)}",
    )
    group.add_argument("--skip", action="append", default=[], metavar="STEP", help="leave out a default step")
    group.add_argument("--add", action="append", default=[], metavar="STEP", help="add a step from copydesk.steps")
    group.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="STEP.OPTION=VALUE",
        help="an option of a step's factory; VALUE is JSON when it parses (2, true, null), else a string",
    )
    group.add_argument("--steps", metavar="A,B,...", help="exactly these steps, in this order, instead of the default")
    group.add_argument(
        "--profile", metavar="FILE", help="a site profile for the boilerplate step (see: copydesk profile learn)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``copydesk`` command.

    >>> build_parser().parse_args(["clean", "--field", "text", "in.jsonl"]).field
    ['text']
    """
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Fix, trim and de-duplicate scraped article text, in plain-text files or JSON Lines records.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        help="clean plain-text files, or fields of JSON Lines records",
        description="Clean plain-text files (the body of each is printed), or with --field the fields of "
        "JSON Lines records (one output record per input record; bad lines become error records).",
    )
    clean.add_argument("files", nargs="*", default=["-"], help="input files; - or none for standard input")
    clean.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    clean.add_argument(
        "-f", "--field", action="append", metavar="PATH", help="JSON Lines: clean this field (dotted path; repeatable)"
    )
    clean.add_argument(
        "--to", action="append", default=[], metavar="PATH", help="write the cleaned field here (one per --field)"
    )
    clean.add_argument(
        "--explain", action="store_true", help="add a 'copydesk' object to each record (plain text: print the records)"
    )
    clean.add_argument("--errors", metavar="FILE", help="JSON Lines: write error records here instead of the output")
    clean.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="JSON Lines: use N processes")
    clean.add_argument("--chunk-size", type=int, default=64, metavar="N", help=argparse.SUPPRESS)
    clean.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    _add_pipeline_options(clean)

    dedup = commands.add_parser(
        "dedup",
        help="mark or drop near-duplicate paragraphs and documents across JSON Lines records",
        description="Find paragraphs that repeat an earlier one (of the same record, an earlier record, or, "
        "with --index, an earlier run). Records are marked with a 'copydesk' object, or with --drop the "
        "duplicate paragraphs are removed and records with nothing new are left out.",
    )
    dedup.add_argument("files", nargs="*", default=["-"], help="JSON Lines files; - or none for standard input")
    dedup.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    dedup.add_argument("-f", "--field", default="text", metavar="PATH", help="the field to compare (text)")
    dedup.add_argument("--id", metavar="PATH", help="the field holding each record's id (default: a hash of its text)")
    dedup.add_argument("--index", metavar="FILE", help="an SQLite index that remembers paragraphs across runs")
    dedup.add_argument("--threshold", type=float, default=0.9, help="similarity from which paragraphs match (0.9)")
    dedup.add_argument("--containment", action="store_true", help="also match a paragraph contained in a longer one")
    dedup.add_argument("--drop", action="store_true", help="remove duplicate paragraphs and all-duplicate records")
    dedup.add_argument("--to", metavar="PATH", help="with --drop: write the remaining text here")
    dedup.add_argument("--explain", action="store_true", help="with --drop: add the 'copydesk' object too")
    dedup.add_argument("--clean", action="store_true", help="run the cleaning pipeline before matching")
    dedup.add_argument("--errors", metavar="FILE", help="write error records here instead of the output")
    dedup.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    _add_pipeline_options(dedup)

    show = commands.add_parser(
        "show",
        help="one article with every line's label and reason",
        description="Print one plain-text article with every line numbered, labelled and explained; "
        "removed lines are struck through (in colour on a terminal, with rich installed).",
    )
    show.add_argument("file", help="a plain-text article; - for standard input")
    show.add_argument("-f", "--field", metavar="PATH", help="the file is JSON Lines: show this field of one record")
    show.add_argument("--line", type=int, default=1, metavar="N", help="with --field: the record on line N (1)")
    show.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colours: auto (when standard output is a terminal and rich is installed), always, never",
    )
    _add_pipeline_options(show)

    profile = commands.add_parser(
        "profile",
        help="learn or show a site profile (lines that recur across a site's pages)",
        description="Site profiles for the boilerplate step: lines that recur on many pages of one site.",
    )
    actions = profile.add_subparsers(dest="action", required=True, metavar="ACTION")
    learn = actions.add_parser(
        "learn",
        help="learn a profile from pages of one site",
        description="Learn a site profile from pages of one site: plain-text files (one page each), "
        "or JSON Lines with --field (one page per record). Bad lines are reported and skipped.",
    )
    learn.add_argument("files", nargs="*", default=["-"], help="pages; - or none for standard input")
    learn.add_argument("-o", "--output", metavar="FILE", help="write the profile here (default: standard output)")
    learn.add_argument("-f", "--field", metavar="PATH", help="JSON Lines: the field holding each page's text")
    learn.add_argument("--min-share", type=float, default=0.5, help="share of pages a line must be on (0.5)")
    learn.add_argument("--min-pages", type=int, default=2, help="pages a line must be on at least (2)")
    learn.add_argument("--site", default="", help="a label for the site, e.g. its host name")
    show_profile = actions.add_parser("show", help="print a saved profile")
    show_profile.add_argument("file", help="a profile written by: copydesk profile learn")
    return parser


def _spec(args: argparse.Namespace) -> tuple[PipelineSpec, Pipeline]:
    """The spec of the command's pipeline and the pipeline, built once: a bad step or option is reported now."""
    steps = None if args.steps is None else [s.strip() for s in args.steps.split(",") if s.strip()]
    settings = list(args.set)
    if args.profile:
        settings.append(f"boilerplate.profile={json.dumps(args.profile)}")
    try:
        spec = spec_from_settings(skip=args.skip, add=args.add, settings=settings, steps=steps)
        return spec, spec.build()
    except (ValueError, OSError) as error:  # a bad step or option; a profile that cannot be read
        raise UsageError(str(error)) from error


def _open_input(path: str) -> AbstractContextManager[BinaryIO]:
    """The file at ``path`` to read in a ``with`` block; ``-``: standard input, left open after it."""
    return nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path) if path != "-" else None
    except OSError:
        return None


def _read_text(path: str) -> str:
    """The text of a plain-text file; a file that is not UTF-8 is read as windows-1252, and a line says so."""
    with _open_input(path) as stream:
        text, codec = decode_with_codec(stream.read())
    if codec == "windows-1252":
        print(f"copydesk: {path}: not valid UTF-8: read as windows-1252 (every byte kept)", file=sys.stderr)
    return text


def _cannot_read(path: str, error: OSError) -> None:
    print(f"copydesk: {path}: {error.strerror or error}", file=sys.stderr)


def _clean_text(args: argparse.Namespace, pipeline: Pipeline, out: BinaryIO) -> int:
    status = 0
    for number, path in enumerate(args.files):
        try:
            text = _read_text(path)
        except OSError as error:
            _cannot_read(path, error)
            status = 1
            continue
        try:
            doc = pipeline(text)
        except Exception as error:  # a step failed on this file: say so, go on with the next
            print(f"copydesk: {path}: cleaning failed: {type(error).__name__}: {error}", file=sys.stderr)
            status = 1
            continue
        result = doc.explain() if args.explain else doc.body
        out.write((("\n" if number else "") + result + "\n").encode("utf-8", "surrogateescape"))
    return status


def _counted(lines: Iterator[tuple[int, bytes]], bar: Bar) -> Iterator[tuple[int, bytes]]:
    for item in lines:
        bar.update(len(item[1]))
        yield item


Handler = Callable[[str | None, Iterator[tuple[int, bytes]]], Iterator[Outcome]]


def _run_jsonl(args: argparse.Namespace, handle: Handler, out: BinaryIO, errors: BinaryIO) -> Counts | None:
    """Feed each input file's lines to ``handle`` and write what comes out; ``None`` if a file could not be read."""
    counts = Counts()
    unread = False
    sizes = [_size(p) for p in args.files]
    total = None if None in sizes else sum(s for s in sizes if s is not None)
    bar = progress(total)
    try:
        for path in args.files:
            try:
                opened = _open_input(path)
            except OSError as error:
                _cannot_read(path, error)
                unread = True
                continue
            with opened as stream:
                source = path if len(args.files) > 1 else None
                for outcome in handle(source, _counted(read_lines(stream), bar)):
                    counts.add(outcome)
                    if outcome.data:
                        (errors if outcome.kind == "error" else out).write(outcome.data)
    finally:
        bar.close()
    if not args.quiet:
        print(f"copydesk: {counts.summary()}", file=sys.stderr)
    return None if unread else counts


def _clean_jsonl(
    args: argparse.Namespace, spec: PipelineSpec, pipeline: Pipeline, out: BinaryIO, errors: BinaryIO
) -> int:
    workers = Workers(args.jobs) if args.jobs > 1 else None  # started once for all the files

    def handle(source: str | None, lines: Iterator[tuple[int, bytes]]) -> Iterator[Outcome]:
        job = CleanJob(fields=tuple(args.field), to=tuple(args.to), explain=args.explain, spec=spec, source=source)
        job = job.using(pipeline)
        return clean_lines(lines, job, chunk_size=args.chunk_size, workers=workers)

    try:
        counts = _run_jsonl(args, handle, out, errors)
    finally:
        if workers is not None:
            workers.close()
    return 1 if counts is None or counts.errors else 0


def _outputs(args: argparse.Namespace, stack: ExitStack) -> tuple[BinaryIO, BinaryIO]:
    out = stack.enter_context(open(args.output, "wb")) if args.output else sys.stdout.buffer  # noqa: SIM115
    errors = stack.enter_context(open(args.errors, "wb")) if args.errors else out  # noqa: SIM115
    return out, errors


def _dedup(args: argparse.Namespace) -> int:
    if not 0 < args.threshold <= 1:
        raise UsageError(f"--threshold must be in (0, 1], got {args.threshold}")
    if args.to and not args.drop:
        raise UsageError("--to needs --drop: without it records keep their text and are only marked")
    try:
        from copydesk.dedup import NearDuplicateIndex

        index = NearDuplicateIndex(args.index, threshold=args.threshold, containment=args.containment)
    except (ImportError, ValueError, OSError) as error:
        raise UsageError(f"{args.index or 'index'}: {error}") from error
    before = _spec(args)[1] if args.clean else None
    with ExitStack() as stack:
        stack.callback(index.close)
        out, errors = _outputs(args, stack)

        def handle(source: str | None, lines: Iterator[tuple[int, bytes]]) -> Iterator[Outcome]:
            job = DedupJob(
                index,
                field=args.field,
                threshold=args.threshold,
                containment=args.containment,
                drop=args.drop,
                to=args.to,
                id_field=args.id,
                explain=args.explain,
                before=before,
                source=source,
            )
            return (job.run_line(number, raw) for number, raw in lines)

        counts = _run_jsonl(args, handle, out, errors)
        if not args.quiet:
            where = f"index {args.index}" if args.index else "index in memory"
            print(f"copydesk: {where}: {len(index)} paragraphs", file=sys.stderr)
    return 1 if counts is None or counts.errors else 0


def _clean(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.chunk_size < 1:
        raise UsageError(f"--chunk-size must be at least 1, got {args.chunk_size}")
    if not args.field and (args.to or args.errors):
        raise UsageError("--to and --errors work on JSON Lines; name the field to clean with --field")
    if args.field and args.to and len(args.to) != len(args.field):
        raise UsageError(f"{len(args.to)} --to for {len(args.field)} --field; give one --to per --field")
    spec, pipeline = _spec(args)
    if "dedup" in spec.names() and args.jobs > 1:
        raise UsageError("the dedup step needs one process (documents are compared in order); drop --jobs")
    with ExitStack() as stack:
        out, errors = _outputs(args, stack)
        if not args.field:
            return _clean_text(args, pipeline, out)
        return _clean_jsonl(args, spec, pipeline, out, errors)


def _record_text(path: str, field: str, line: int) -> str:
    """The string at ``field`` in the record on line ``line`` of a JSON Lines file."""
    with _open_input(path) as stream:
        for number, raw in read_lines(stream):
            if number == line:
                try:
                    return text_at(parse_record(raw), field)
                except RecordError as error:
                    raise UsageError(f"{path}:{line}: {error}") from error
    raise UsageError(f"{path} has no line {line}")


def _show(args: argparse.Namespace) -> int:
    pipeline = _spec(args)[1]
    try:
        text = _record_text(args.file, args.field, args.line) if args.field else _read_text(args.file)
    except OSError as error:
        _cannot_read(args.file, error)
        return 1
    doc = pipeline(text)
    from copydesk.show import render_plain, render_rich

    use_rich = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    if use_rich:
        try:
            from rich.console import Console
        except ImportError:
            if args.color == "always":
                print("copydesk: --color always needs rich: pip install 'copydesk[cli]'", file=sys.stderr)
            use_rich = False
    if use_rich:
        render_rich(doc, Console(force_terminal=True if args.color == "always" else None, highlight=False))
    else:
        sys.stdout.write(render_plain(doc) + "\n")
    return 0


def _pages(args: argparse.Namespace, failures: list[str]) -> Iterator[str]:
    """The pages of ``profile learn``: whole files, or one field of each JSON Lines record."""
    for path in args.files:
        if not args.field:
            try:
                yield _read_text(path)
            except OSError as error:
                _cannot_read(path, error)
                failures.append(path)
            continue
        try:
            opened = _open_input(path)
        except OSError as error:
            _cannot_read(path, error)
            failures.append(path)
            continue
        with opened as stream:
            for number, text in texts_at(read_lines(stream), args.field):
                if isinstance(text, RecordError):
                    print(f"copydesk: {path}:{number}: {text}", file=sys.stderr)
                    failures.append(f"{path}:{number}")
                else:
                    yield text


def _profile(args: argparse.Namespace) -> int:
    from copydesk.boilerplate import SiteProfile

    if args.action == "show":
        try:
            profile = SiteProfile.load(args.file)
        except (OSError, ValueError) as error:
            print(f"copydesk: {args.file}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
            return 1
        options = ", ".join(f"{k} {v}" for k, v in sorted(profile.options.items()))
        print(f"site: {profile.site or '(no label)'}")
        print(f"pages: {profile.pages}" + (f" ({options})" if options else ""))
        print(f"lines: {len(profile)}")
        for line in sorted(profile.lines):
            print(f"  {line}")
        return 0
    failures: list[str] = []
    try:
        profile = SiteProfile.learn(
            _pages(args, failures), min_share=args.min_share, min_pages=args.min_pages, site=args.site
        )
    except ValueError as error:
        raise UsageError(str(error)) from error
    if args.output:
        profile.save(args.output)
    else:
        print(json.dumps(profile.to_dict(), ensure_ascii=False, indent=1))
    print(
        f"copydesk: {profile.pages} pages, {len(profile)} recurring lines, {len(failures)} errors",
        file=sys.stderr,
    )
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["clean", "--jobs", "0", "x.jsonl"])  # the message goes to standard error
    2
    """
    args = build_parser().parse_args(argv)
    command = {"clean": _clean, "dedup": _dedup, "show": _show, "profile": _profile}[args.command]
    try:
        return command(args)
    except UsageError as error:
        print(f"copydesk: {error}", file=sys.stderr)
        return 2
    except WorkerError as error:  # a --jobs worker was killed: the output so far is complete up to the line it names
        print(f"copydesk: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``copydesk clean ... | head``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as error:  # an output file that cannot be written, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"copydesk: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
