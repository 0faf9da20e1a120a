"""Marks of a headline among the lines above an article's body, and of lines that only look like one.

The boilerplate step picks ``Document.title`` from the lines above the first full
paragraph (``decisions._pick_title``). These checks read one line, or the page's
lines once, and know no site:

- :func:`is_relative_time`: "1 hour ago", "vor 3 Stunden", "il y a 2 jours" (a time stamp, not a title);
- :func:`is_doubled`: "Donate Donate", "Menu Menu" (an interface string written twice: icon text and label);
- :func:`is_trail`: "Blog > Nutrition > Meal Plans", "Sport | Fußball | Bundesliga" (a breadcrumb or a menu);
- :func:`is_echoed`: whether a line recurs on the page as the head of a "headline - site name" line
  (the HTML title a scraper keeps) or as a second whole copy: a mark of the headline.

>>> is_relative_time("1 hour ago"), is_doubled("Donate Donate"), is_trail("BLOG > Nutrition > Meal Plans")
(True, True, True)
>>> from collections import Counter
>>> lines = ["Bridge opens after two years - City Times", "News", "Bridge opens after two years", "Text."]
>>> is_echoed(lines[2], lines, Counter(lines))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import regex

from copydesk.lexicon import languages, load_lexicon

__all__ = ["ECHO_WORDS", "is_doubled", "is_echoed", "is_relative_time", "is_trail"]

#: what may stand between a headline and the site's name in an HTML title ("Headline - Site", "Headline | Site")
_SITE_SEPARATOR = regex.compile(r"\s+(?:[-–—|·•:]|::|«|»)\s+")
#: separators of a breadcrumb ("Home > News > World") or a menu written on one line ("News | Sport | Weather")
_TRAIL_ONE = regex.compile(r"\s+(?:>|»|›|//|>>)\s+")
_TRAIL_TWO = regex.compile(r"\s+(?:\||/|·|•)\s+")  # not dashes: "Office 365 – Teams – die Dritte"
#: an echo counts for a line of this many words or more (a site's name is shorter)
ECHO_WORDS = 4


@cache
def _relative_time() -> regex.Pattern[str]:
    return regex.compile(_relative_time_source(load_lexicon("ago", languages("ago"))))


def _relative_time_source(templates: Iterable[str]) -> str:
    """The relative-time pattern for ``templates`` ("vor {}", "{} ago"): the span of a number and a unit
    written twice, once after the words that go before it and once before the words that go after it.

    One alternative per template, each with its own copy of the span, gives the same matches
    (no unit is one of the words before a span, so no two alternatives match at one start), but
    took 0.04 s to compile, once per process (its first page with a title candidate).

    >>> source = _relative_time_source(["vor {}", "{} ago", "il y a {}"])
    >>> source.count("|minutos|") == 4 and regex.match(source, "il y a 2 minutes") is not None
    True
    """
    units = sorted(load_lexicon("time_units", languages("time_units")), key=len, reverse=True)
    amount = r"(?:\d+|" + "|".join(regex.escape(u) for u in units) + r")"
    span = rf"{amount}\s+{amount}\.?"  # a number (or "a", "einer", "un") and a unit; "an hour": two words
    parts = [t.partition("{}") for t in sorted(templates, key=len, reverse=True)]
    before = [regex.escape(b) for b, _, a in parts if b and not a]  # "vor {}", "il y a {}"
    after = [regex.escape(a) for b, _, a in parts if not b]  # "{} ago", "{} назад"
    forms = [f"(?:{'|'.join(before)}){span}"] if before else []
    forms += [f"{span}(?:{'|'.join(after)})"] if after else []
    forms += [regex.escape(b) + span + regex.escape(a) for b, _, a in parts if b and a]  # none so far
    return r"(?i)(?<!\w)(?:" + "|".join(forms) + r")(?!\w)"


def is_relative_time(line: str) -> bool:
    """Whether ``line`` is a relative time stamp, alone or with one more word ("Updated 2 hours ago").

    >>> [is_relative_time(s) for s in ("1 hour ago", "Aktualisiert vor 3 Stunden", "il y a 2 jours", "hace 5 minutos")]
    [True, True, True, True]
    >>> [is_relative_time(s) for s in ("2 ore fa", "5 часов назад", "há 3 dias", "an hour ago")]
    [True, True, True, True]
    >>> is_relative_time("Vor 10 Jahren: Die Flut im Ahrtal"), is_relative_time("Ten years ago the river rose")
    (False, False)
    """
    words = line.split()
    if len(words) > 6:
        return False
    match = _relative_time().search(line)
    if match is None:
        return False
    return len(words) - len(match.group().split()) <= 1


def is_doubled(line: str) -> bool:
    """Whether ``line`` is one phrase written twice or more ("Donate Donate", "Menu Menu Menu").

    >>> is_doubled("Donate Donate"), is_doubled("Jetzt spenden Jetzt spenden"), is_doubled("New rules for new cars")
    (True, True, False)
    """
    words = line.casefold().split()
    n = len(words)
    return any(n % k == 0 and words == words[:k] * (n // k) for k in range(1, n // 2 + 1))


def is_trail(line: str) -> bool:
    """Whether ``line`` is a breadcrumb or a menu on one line: parts of three words at most between ``>``,
    ``»`` or ``//``, or of four words at most between two or more ``|``, ``/``, ``·``, ``•``.

    >>> is_trail("Startseite > Politik > Ausland"), is_trail("Literatur & Film // Lesen & Hören")
    (True, True)
    >>> is_trail("Sport | Fußball | Bundesliga"), is_trail("Deportes · Fútbol · Liga")
    (True, True)
    >>> is_trail("Ukraine war: talks resume in Geneva | Reuters"), is_trail("Profits > wages, the report finds")
    (False, False)
    >>> is_trail("Corona – was jetzt gilt – ein Überblick")
    False
    """
    for pattern, least, most in ((_TRAIL_ONE, 1, 3), (_TRAIL_TWO, 2, 4)):
        parts = pattern.split(line)
        if len(parts) - 1 >= least and all(1 <= len(p.split()) <= most for p in parts):
            return True
    return False


def is_echoed(line: str, lines: Sequence[str], counts: Mapping[str, int]) -> bool:
    """Whether ``line``, of ``ECHO_WORDS`` words or more, recurs among ``lines`` (whose ``counts`` are given):
    as a second whole copy, or as the head of another line that goes on with a separator and a shorter
    tail (an HTML title: "Headline - Site", "Headline | Site"; case aside).

    >>> from collections import Counter
    >>> lines = ["Rathaus wird ab Mai saniert | Stadtanzeiger", "Rathaus wird ab Mai saniert", "Mehr"]
    >>> is_echoed(lines[1], lines, Counter(lines)), is_echoed("Mehr", lines, Counter(lines))
    (True, False)
    >>> lines = ["Le conseil vote le budget", "Texte.", "Le conseil vote le budget"]
    >>> is_echoed(lines[0], lines, Counter(lines))
    True
    >>> lines = ["Short head - Site", "Short head", "Headline of the day - A much longer site name than it"]
    >>> is_echoed("Short head", lines, Counter(lines)), is_echoed("Headline of the day", lines, Counter(lines))
    (False, False)
    """
    words = len(line.split())
    if words < ECHO_WORDS:
        return False
    if counts.get(line, 0) >= 2:
        return True
    head = line.lower()
    size = len(line)
    for other in lines:
        if len(other) > size + 2 and other[:size].lower() == head:
            separator = _SITE_SEPARATOR.match(other, size)
            if separator is not None and len(other[separator.end() :].split()) < words:
                return True
    return False
