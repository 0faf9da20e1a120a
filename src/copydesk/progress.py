"""A progress bar on standard error for long runs, only when standard error is a terminal.

tqdm draws it when installed (the ``cli`` extra); otherwise, or when standard
error is not a terminal, :func:`progress` returns a bar that does nothing.

>>> import io
>>> bar = progress(total=100, stream=io.StringIO())
>>> bar.update(10)
>>> bar.close()
>>> type(bar).__name__
'NullBar'
"""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO

__all__ = ["Bar", "NullBar", "progress"]


class Bar(Protocol):
    """What the command line needs from a progress bar: ``update`` and ``close``."""

    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...


class NullBar:
    """A bar that shows nothing."""

    def update(self, n: int = 1) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""


def progress(total: int | None, *, unit: str = "B", desc: str = "copydesk", stream: TextIO | None = None) -> Bar:
    """A tqdm bar counting ``total`` units on ``stream`` (standard error) if it is a terminal.

    Otherwise, or without tqdm installed, a :class:`NullBar`.
    """
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return NullBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return NullBar()
    bar: Bar = tqdm(total=total, unit=unit, unit_scale=True, unit_divisor=1024, desc=desc, file=stream, leave=False)
    return bar
