"""What copydesk keeps between documents, and how to forget it.

Pages of one site repeat their menus and footers, so the boilerplate step
remembers the measurements of short lines across documents, and a few steps
remember the lines of the last document they saw. Outputs never depend on
these caches; :func:`clear_caches` frees their memory, and lets a benchmark
time a first pass over pages rather than a second.

>>> import copydesk
>>> _ = copydesk.process("Home\\nThe council met on Monday and voted to close the bridge for repairs.")
>>> clear_caches()
>>> copydesk.process("Home\\nThe council met on Monday and voted to close the bridge for repairs.").body
'The council met on Monday and voted to close the bridge for repairs.'
"""

from __future__ import annotations

__all__ = ["clear_caches"]


def clear_caches() -> None:
    """Forget every line, score table and last document remembered between calls."""
    from copydesk.boilerplate import decisions, features, model
    from copydesk.captions import _folded
    from copydesk.credits import _LAST_MAYBE, _scan_edge_words

    features._CACHE.clear()
    model._DERIVED.clear()
    decisions._LAST.clear()
    _scan_edge_words.cache_clear()
    _LAST_MAYBE.clear()
    _folded.cache_clear()
