"""Line features for body/boilerplate decisions, computed in one pass over a page's lines.

Every line gets a handful of small integer *bins* (word count, stopword density,
end punctuation, capitalisation, digits, symbols, lexicon hits, position, the
shape of its neighbours). The model (:mod:`copydesk.boilerplate.model`) adds
one learned weight per bin, so the features stay cheap and explainable.

>>> page = Page.from_lines(["Home", "News", "The council met on Monday and voted to close the old bridge."])
>>> page.language
'en'
>>> page.words[2], page.stopwords[2]
(12, 5)
>>> page.topic[0]
'navigation'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from copydesk.lexicon import languages, load_lexicon

__all__ = ["FEATURES", "LANGUAGES", "TOPICS", "Page", "guess_language"]

#: Languages with stopword lists; a page in none of them uses all lists together.
LANGUAGES: tuple[str, ...] = ("de", "en", "es", "fr", "it", "pt", "ru")

#: Boilerplate topics, each a lexicon folder ``copydesk/lexicons/<topic>/`` and a segment kind.
TOPICS: tuple[str, ...] = (
    "navigation",
    "share",
    "newsletter",
    "related",
    "advertisement",
    "legal",
    "comments",
    "tags",
    "bio",
)

_WORD = regex.compile(r"\w+")
_UPPER_WORD = regex.compile(r"(?<!\w)\p{Lu}")
_DIGIT = regex.compile(r"\d")
_SYMBOL = regex.compile(r"[|•·»«›‹>/©®™@#*=_~^\[\]{}<]")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"'”’»)]?\s+[\"'“„«(]?\p{Lu}")
_URL = regex.compile(r"https?://|www\.|\.(?:com|org|net|de|html?)\b|\w@\w")
_COPYRIGHT = regex.compile(r"©|\(c\)\s*\d{4}|copyright", regex.IGNORECASE)
_NUMERIC_DATE = regex.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b")
_BYLINE_TAIL = regex.compile(r"\s*(?:[|•·/(]|\s[-–—]\s|\d)")
_NAME_SEPARATOR = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|\bи\b)\s*")
_CLOSERS = "\"'”’»)]*"


@cache
def _stopwords(language: str | None) -> frozenset[str]:
    return load_lexicon("stopwords", [language] if language else None)


@cache
def _topic_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    """One pattern for all boilerplate phrases (longest first) and the topic of each phrase."""
    topic_of: dict[str, str] = {}
    for topic in TOPICS:
        for phrase in load_lexicon(topic, languages(topic)):
            topic_of.setdefault(phrase, topic)
    alternation = "|".join(regex.escape(p) for p in sorted(topic_of, key=len, reverse=True))
    return regex.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)"), topic_of


@cache
def _byline_pattern() -> regex.Pattern[str]:
    prefixes = sorted(load_lexicon("byline", languages("byline")), key=len, reverse=True)
    alternation = "|".join(regex.escape(p) for p in prefixes)
    # "By Jane Doe", "Von Max Müller und Eva Schmidt", "Por María López |", "Author: Jane Doe"
    return regex.compile(rf"^(?i:{alternation})\s*:?\s+(?P<names>\p{{Lu}}[\p{{L}}'’.-]*(?:\s+\S+){{0,8}})$")


@cache
def _month_pattern() -> regex.Pattern[str]:
    months = sorted(load_lexicon("months", languages("months")), key=len, reverse=True)
    alternation = "|".join(regex.escape(m) for m in months)
    return regex.compile(rf"(?<!\w)(?:{alternation})\.?(?!\w)")


def guess_language(words: Sequence[str], minimum: int = 5) -> str | None:
    """The language whose stopwords cover most of ``words`` (lower case), or ``None``.

    ``None`` (fewer than ``minimum`` hits, or under 8% coverage) means: use all
    stopword lists together, the language-agnostic fallback.

    >>> guess_language("der hund und die katze sind in dem haus auf dem land".split())
    'de'
    >>> guess_language("ok".split()) is None
    True
    """
    best, hits = None, 0
    for language in LANGUAGES:
        lexicon = _stopwords(language)
        count = sum(map(lexicon.__contains__, words))
        if count > hits:
            best, hits = language, count
    if hits < minimum or hits < 0.08 * len(words):
        return None
    return best


#: name -> number of bins, in the order :meth:`Page.bins` emits them.
FEATURES: dict[str, int] = {
    "words": 16,
    "stopword_density": 8,
    "end": 8,
    "sentences": 5,
    "capitalised": 6,
    "digits": 5,
    "symbols": 4,
    "topic": 3 * (len(TOPICS) + 1) + 1,
    "date": 2,
    "byline": 2,
    "repeated": 3,
    "url": 2,
    "first_char": 6,
    "position": 10,
    "word_length": 7,
    "commas": 4,
    "page_long_lines": 8,
    "prev_words": 16,
    "next_words": 16,
    "prev_stopwords": 8,
    "next_stopwords": 8,
    "near_long": 7,
    "wide_long": 8,
    "language": len(LANGUAGES) + 1,
}

_WORD_BINS = (0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 9)  # 0..15 words; above: 10..15


def _word_bin(n: int) -> int:
    if n < 16:
        return _WORD_BINS[n]
    if n <= 20:
        return 10
    if n <= 30:
        return 11
    if n <= 50:
        return 12
    if n <= 100:
        return 13
    if n <= 200:
        return 14
    return 15


def _end_bin(line: str) -> int:
    if not line:
        return 7
    stripped = line.rstrip(_CLOSERS) or line
    last = stripped[-1]
    if last == ".":
        return 5 if stripped.endswith("...") else 0
    if last in "!?":
        return 1
    if last == ":":
        return 2
    if last in ",;":
        return 3
    if last == "…":
        return 5
    if len(stripped) < len(line):
        return 4
    return 6 if last.isalnum() else 7


def _first_bin(line: str) -> int:
    if not line:
        return 5
    first = line[0]
    if first.isupper():
        return 0
    if first.islower():
        return 1
    if first.isdigit():
        return 2
    if first in "-–—•*·›»>":
        return 3
    if first in "\"'“„«‘‚":
        return 4
    return 5


@dataclass
class Page:
    """The per-line measurements of one page (or extractor output), ready for :meth:`bins`.

    ``lines`` are the segment texts; ``skip`` marks lines another step already
    removed (captions): they count as context but are never relabelled.

    >>> p = Page.from_lines(["Share", "Der Rat tagte am Montag im alten Rathaus.", "Teilen"])
    >>> p.topic
    ['share', '', 'share']
    """

    lines: list[str]
    lowered: list[str]
    words: list[int]
    stopwords: list[int]
    topic: list[str]
    topic_cover: list[float]
    repeated: list[int]
    language: str | None

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Page:
        """Measure ``lines`` (each one non-empty line of text)."""
        lines = list(lines)
        lowered = [line.lower() for line in lines]
        tokens = [_WORD.findall(low) for low in lowered]
        sample: list[str] = []
        for toks in sorted(tokens, key=len, reverse=True)[:60]:
            sample.extend(toks)
        language = guess_language(sample)
        contains = _stopwords(language).__contains__
        pattern, topic_of = _topic_pattern()
        topic_search = pattern.search
        words = [len(t) for t in tokens]
        stopwords = [sum(map(contains, t)) for t in tokens]
        topic: list[str] = []
        cover: list[float] = []
        for low, n in zip(lowered, words, strict=True):
            match = topic_search(low) if n <= 40 else None
            if match is None:
                topic.append("")
                cover.append(0.0)
            else:
                topic.append(topic_of[match.group()])
                cover.append((match.end() - match.start()) / max(1, len(low)))
        counts = Counter(lowered)
        repeated = [counts[low] for low in lowered]
        return cls(lines, lowered, words, stopwords, topic, cover, repeated, language)

    def __len__(self) -> int:
        return len(self.lines)

    def is_byline(self, i: int) -> bool:
        """Whether line ``i`` reads like a byline ("By Jane Doe", "Von Max Müller")."""
        words = self.words[i]
        if words > 12 or (words > 4 and self.lines[i].endswith((".", "!", "?"))):
            return False
        return _byline_pattern().match(self.lines[i]) is not None

    def authors(self, i: int) -> list[str]:
        """The names in byline ``i`` ("By Jane Doe and Max Roe" -> ["Jane Doe", "Max Roe"]), or ``[]``."""
        match = _byline_pattern().match(self.lines[i]) if self.is_byline(i) else None
        if match is None:
            return []
        names = _BYLINE_TAIL.split(match.group("names"), maxsplit=1)[0]
        out = []
        for name in _NAME_SEPARATOR.split(names):
            name = name.strip(" .,;:-–—")
            if name and name[0].isupper() and len(name.split()) <= 5:
                out.append(name)
        return out

    def is_date(self, i: int) -> bool:
        """Whether line ``i`` is a short line with a date in it."""
        if self.words[i] > 14:
            return False
        low = self.lowered[i]
        if _NUMERIC_DATE.search(low):
            return True
        return _DIGIT.search(low) is not None and _month_pattern().search(low) is not None

    def is_copyright(self, i: int) -> bool:
        """Whether line ``i`` carries a copyright notice."""
        return self.words[i] <= 40 and _COPYRIGHT.search(self.lines[i]) is not None

    def bins(self) -> list[list[int]]:
        """For every line, one bin index per entry of :data:`FEATURES`, in that order."""
        n = len(self.lines)
        words = self.words
        stopwords = self.stopwords
        long_line = [1 if w >= 15 and s * 8 >= w else 0 for w, s in zip(words, stopwords, strict=True)]
        total_long = sum(long_line)
        page_long = min(7, int(8 * total_long / n)) if n else 0
        language_bin = LANGUAGES.index(self.language) + 1 if self.language else 0
        topic_index = {t: k for k, t in enumerate(TOPICS)}
        word_bins = [_word_bin(w) for w in words]
        stop_bins = [_stop_bin(w, s) for w, s in zip(words, stopwords, strict=True)]
        # prefix sums of long lines for the windows around each line
        prefix = [0]
        for flag in long_line:
            prefix.append(prefix[-1] + flag)
        out: list[list[int]] = []
        for i, line in enumerate(self.lines):
            nw = words[i]
            length = len(line)
            upper = len(_UPPER_WORD.findall(line)) if nw >= 2 else 0
            digits = len(_DIGIT.findall(line))
            symbols = len(_SYMBOL.findall(line))
            topic = self.topic[i]
            if topic:
                cover = self.topic_cover[i]
                grade = 0 if cover >= 0.6 else (1 if nw <= 12 else 2)
                topic_bin = 1 + 3 * topic_index[topic] + grade
            elif self.is_copyright(i):
                topic_bin = 3 * len(TOPICS) + 1 + (0 if nw <= 12 else 1)
            else:
                topic_bin = 0
            chars = max(1, length)
            word_length = (length - line.count(" ")) / nw if nw else 0.0
            row = [
                word_bins[i],
                stop_bins[i],
                _end_bin(line),
                _count_bin(len(_SENTENCE_BREAK.findall(line)), (0, 1, 2, 3, 3, 3, 4)),
                0 if nw < 2 else 1 + min(4, int(5 * upper / nw)),
                _fraction_bin(digits / chars, (0.0, 0.05, 0.15, 0.3)),
                min(3, symbols),
                topic_bin,
                1 if self.is_date(i) else 0,
                1 if self.is_byline(i) else 0,
                min(2, self.repeated[i] - 1),
                1 if _URL.search(self.lowered[i]) else 0,
                _first_bin(line),
                min(9, int(10 * i / n)),
                _length_bin(word_length),
                _fraction_bin(line.count(",") / max(1, nw), (0.0, 0.05, 0.1)),
                page_long,
                word_bins[i - 1] if i > 0 else 0,
                word_bins[i + 1] if i + 1 < n else 0,
                stop_bins[i - 1] if i > 0 else 0,
                stop_bins[i + 1] if i + 1 < n else 0,
                min(6, prefix[min(n, i + 4)] - prefix[max(0, i - 3)] - long_line[i]),
                _count_bin(
                    prefix[min(n, i + 11)] - prefix[max(0, i - 10)] - long_line[i], (0, 1, 2, 3, 4, 5, 6, 6, 6, 7)
                ),
                language_bin,
            ]
            out.append(row)
        return out


def _stop_bin(words: int, stops: int) -> int:
    if words < 3:
        return 0
    return 1 + min(6, int(10 * stops / words))


def _count_bin(count: int, table: tuple[int, ...]) -> int:
    return table[count] if count < len(table) else table[-1]


def _fraction_bin(value: float, edges: tuple[float, ...]) -> int:
    k = 0
    for k, edge in enumerate(edges):
        if value <= edge:
            return k
    return len(edges)


def _length_bin(value: float) -> int:
    for k, edge in enumerate((3.0, 4.0, 5.0, 6.0, 7.0, 9.0)):
        if value < edge:
            return k
    return 6
