"""Site profiles: lines that recur across many pages of one site are boilerplate there.

>>> stories = ["The ferry ran late.", "A new bakery opened.", "Rain is due.", "The mayor resigned."]
>>> pages = [f"Home\\nWorld\\n{story}\\n© 2024 Example News" for story in stories]
>>> profile = SiteProfile.learn(pages)
>>> sorted(profile.lines)
['home', 'world', '© 0000 example news']
>>> "HOME" in profile, "The ferry ran late." in profile
(True, False)
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from copydesk.document import Document, check_text

__all__ = ["SiteProfile", "line_key"]

_DIGITS = regex.compile(r"\d")
_SPACES = regex.compile(r"\s+")
_FORMAT = "copydesk.site-profile/1"


def line_key(line: str) -> str:
    """The form in which a profile stores and compares lines: lower case, digits as 0, spaces collapsed.

    >>> line_key("  Updated 12 May  2024 ")
    'updated 00 may 0000'
    """
    return _SPACES.sub(" ", _DIGITS.sub("0", line.lower())).strip()


@dataclass(frozen=True)
class SiteProfile:
    """The recurring lines of one site, learned from a sample of its pages.

    ``lines`` holds :func:`line_key` forms; ``pages`` is how many pages it was
    learned from; ``site`` is a free label (a host name, say).
    """

    lines: frozenset[str]
    pages: int = 0
    site: str = ""
    options: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def learn(
        cls,
        pages: Iterable[str],
        *,
        min_share: float = 0.5,
        min_pages: int = 2,
        site: str = "",
    ) -> SiteProfile:
        """Learn from the texts of several pages of one site.

        A line is boilerplate when it occurs on at least ``min_pages`` pages and
        on at least ``min_share`` of them.

        >>> SiteProfile.learn(["Menu\\nA.", "Menu\\nB.", "Menu\\nC."]).lines
        frozenset({'menu'})
        """
        if not 0.0 < min_share <= 1.0:
            raise ValueError(f"min_share must be in (0, 1], got {min_share}")
        counts: Counter[str] = Counter()
        total = 0
        for page in pages:
            check_text(page, "SiteProfile.learn()")
            total += 1
            counts.update({line_key(s.text) for s in Document.from_text(page).segments})
        needed = max(min_pages, min_share * total)
        lines = frozenset(key for key, count in counts.items() if count >= needed and key)
        return cls(lines, total, site, {"min_share": min_share, "min_pages": min_pages})

    def __contains__(self, line: object) -> bool:
        return isinstance(line, str) and line_key(line) in self.lines

    def __len__(self) -> int:
        return len(self.lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (see :meth:`save`)."""
        return {
            "format": _FORMAT,
            "site": self.site,
            "pages": self.pages,
            "options": dict(self.options),
            "lines": sorted(self.lines),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteProfile:
        """The inverse of :meth:`to_dict`; a wrong or missing format raises ``ValueError``."""
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ValueError(f"not a copydesk site profile (expected format {_FORMAT!r})")
        lines = data.get("lines")
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise ValueError("site profile 'lines' must be a list of strings")
        return cls(
            frozenset(lines), int(data.get("pages", 0)), str(data.get("site", "")), dict(data.get("options", {}))
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile as JSON to ``path``."""
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.to_dict(), handle, ensure_ascii=False, indent=1)
            handle.write("\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteProfile:
        """Read a profile written by :meth:`save`.

        >>> import tempfile, os
        >>> folder = tempfile.mkdtemp()
        >>> SiteProfile.learn(["Menu\\nA.", "Menu\\nB."], site="example.org").save(os.path.join(folder, "p.json"))
        >>> SiteProfile.load(os.path.join(folder, "p.json")).site
        'example.org'
        """
        with open(path, encoding="utf-8") as handle:
            try:
                data = json.load(handle)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: not JSON: {error}") from None
        return cls.from_dict(data)
