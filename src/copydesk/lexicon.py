"""Word lists shipped as data files: ``copydesk/lexicons/<topic>/<language>.txt``.

One entry per line; blank lines and lines starting with ``#`` are ignored.
Every module that needs phrases, patterns or stopwords reads them from here,
so that adding a language is adding a file.

>>> "the" in load_lexicon("stopwords", ["en"])
True
>>> sorted(languages("stopwords"))[:2]
['de', 'en']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

__all__ = ["languages", "load_lexicon"]

_ROOT = "copydesk.lexicons"


def languages(topic: str) -> list[str]:
    """The languages that have a file for ``topic``.

    >>> languages("no-such-topic")
    []
    """
    folder = resources.files(_ROOT) / topic
    if not folder.is_dir():
        return []
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def load_lexicon(topic: str, langs: Iterable[str] | None = None) -> frozenset[str]:
    """The entries of ``topic`` for ``langs`` (all languages when ``None``), as one set.

    >>> load_lexicon("stopwords", ["xx"])
    Traceback (most recent call last):
    ...
    LookupError: no lexicon 'stopwords' for language 'xx'; have: de, en, es, fr, it, pt, ru
    """
    wanted = tuple(sorted(languages(topic) if langs is None else langs))
    return _load(topic, wanted)


@cache
def _load(topic: str, langs: tuple[str, ...]) -> frozenset[str]:
    entries: set[str] = set()
    for lang in langs:
        path = resources.files(_ROOT) / topic / f"{lang}.txt"
        if not path.is_file():
            have = ", ".join(languages(topic)) or "none"
            raise LookupError(f"no lexicon {topic!r} for language {lang!r}; have: {have}")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                entries.add(line)
    return frozenset(entries)
