"""The ``copydesk`` command line.

``copydesk clean FILE ...`` prints the cleaned body of each plain-text file
(``-`` reads standard input); ``--explain`` prints every record instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from copydesk.encoding import decode
from copydesk.pipeline import process

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``copydesk`` command."""
    parser = argparse.ArgumentParser(prog="copydesk", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("clean", help="print the cleaned body of plain-text files")
    clean.add_argument("files", nargs="+", help="text files to clean; - for standard input")
    clean.add_argument("--explain", action="store_true", help="print what each step did instead of the body")
    return parser


def _read(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    return decode(data)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["clean", "--help"])  # doctest: +SKIP
    """
    args = build_parser().parse_args(argv)
    status = 0
    for number, path in enumerate(args.files):
        try:
            text = _read(path)
        except OSError as error:
            print(f"copydesk: {path}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        doc = process(text)
        if number:
            print()
        print(doc.explain() if args.explain else doc.body)
    return status
