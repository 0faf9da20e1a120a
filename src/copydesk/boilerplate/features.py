"""Line features for body/boilerplate decisions, computed in one pass over a page's lines.

Every line gets a handful of small integer *bins* (word count, stopword density,
end punctuation, capitalisation, digits, symbols, lexicon hits, position, the
shape of its neighbours). The model (:mod:`copydesk.boilerplate.model`) adds
one learned weight per bin, so the features stay cheap and explainable.

>>> page = Page.from_lines(["Home", "News", "The council met on Monday and voted to close the old bridge."])
>>> page.language
'en'
>>> page.words[2], page.local[2].stopwords
(12, 5)
>>> page.topic[0]
'navigation'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import islice
from typing import NamedTuple

import regex

from copydesk.lexicon import languages, load_lexicon

__all__ = [
    "CONTEXT_FEATURES",
    "FEATURES",
    "LANGUAGES",
    "LOCAL_FEATURES",
    "TOPICS",
    "Local",
    "Memo",
    "Page",
    "find_topic",
    "guess_language",
    "measure",
    "opens_with_byline",
    "phrase_keys",
]

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
# a capital that opens a word: "\b" before a capital (a word character) is "not after a word character", found faster
_UPPER_WORD = regex.compile(r"\b\p{Lu}")
#: digits and symbols, found in one scan (the standard engine: faster per call)
_DIGIT_OR_SYMBOL = re.compile(r"[\d|•·»«›‹>/©®™@#*=_~^\[\]{}<]")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"'”’»)]?\s+[\"'“„«(]?\p{Lu}")
_URL_DOTS = re.compile(r"\.(?:com|org|net|de|htm)")
_COPYRIGHT = regex.compile(r"\(c\)\s*\d{4}")
_NUMERIC_DATE = regex.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b")
_BYLINE_TAIL = regex.compile(r"\s*(?:[|•·/(]|\s[-–—]\s|\d)")
_NAME_SEPARATOR = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|\bи\b)\s*")
# "HomeNewsSport", "ends.Next": a capital glued to a lower-case letter (looked for from the capitals: fast)
_GLUED = regex.compile(r"(?<=\p{Ll}[.!?]?)\p{Lu}\p{Ll}")
_CLOCK = regex.compile(r"\d:\d\d")
_SAID = ("said:", "says:", "sagt:", "schreibt:", "schrieb:", "dit :", "dit:", "dice:", "disse:", "написал:", "пишет:")
_CLOSERS = "\"'”’»)]*"


@cache
def _stopwords(language: str | None) -> frozenset[str]:
    return load_lexicon("stopwords", [language] if language else None)


@cache
def phrase_keys(lexicon: str) -> frozenset[tuple[str, ...]]:
    """The phrases of ``lexicon`` (all its languages), each as a tuple of its lower-case words.

    >>> ("read", "more") in phrase_keys("related")
    True
    """
    return frozenset(
        key for key in (tuple(_WORD.findall(p.lower())) for p in load_lexicon(lexicon, languages(lexicon))) if key
    )


@cache
def _phrases() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """Every boilerplate phrase as a tuple of words -> its topic; the words phrases start with; the longest."""
    topic_of: dict[tuple[str, ...], str] = {}
    for topic in TOPICS:
        for key in phrase_keys(topic):
            topic_of.setdefault(key, topic)
    return topic_of, frozenset(k[0] for k in topic_of), max(map(len, topic_of))


@cache
def _phrase_sizes() -> dict[str, tuple[int, ...]]:
    """The first word of every boilerplate phrase -> the lengths (in words) of the phrases it starts, longest first.

    >>> _phrase_sizes()["newsletter"][-1]
    1
    """
    sizes: dict[str, set[int]] = {}
    for key in _phrases()[0]:
        sizes.setdefault(key[0], set()).add(len(key))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


def find_topic(tokens: Sequence[str]) -> tuple[str, int, int]:
    """The topic of the longest boilerplate phrase in ``tokens`` (lower-case words), its length and start.

    Lines of more than 15 words are only searched in their first 6 words.

    >>> find_topic(["please", "sign", "up", "for", "our", "newsletter"])
    ('newsletter', 5, 1)
    >>> find_topic(["the", "bridge", "reopened"])
    ('', 0, 0)
    """
    phrases = _phrases()[0]
    sizes_of = _phrase_sizes()
    n = len(tokens)
    if n > 15:
        tokens, n = tokens[:6], 6
    best, size_found, start = "", 0, 0
    for i, token in enumerate(tokens):
        sizes = sizes_of.get(token)
        if sizes is None:
            continue
        # only the lengths of the phrases that start with this word, longest first
        for size in sizes:
            if size <= size_found:
                break
            if i + size <= n:
                topic = phrases.get(tuple(tokens[i : i + size]))
                if topic:
                    best, size_found, start = topic, size, i
                    break
    return best, size_found, start


@cache
def _byline_pattern() -> regex.Pattern[str]:
    prefixes = sorted(load_lexicon("byline", languages("byline")) | _name_only_prefixes(), key=len, reverse=True)
    alternation = "|".join(regex.escape(p) for p in prefixes)
    # "By Jane Doe", "Von Max Müller und Eva Schmidt", "Por María López |", "Author: Jane Doe"
    return regex.compile(rf"^(?P<prefix>(?i:{alternation}))\s*:?\s+(?P<names>\p{{Lu}}[\p{{L}}'’.-]*(?:\s+\S+){{0,8}})$")


@cache
def _name_only_prefixes() -> frozenset[str]:
    """Byline prefixes that are also common prepositions (lexicon ``byline_before_name``: Portuguese "de")."""
    return load_lexicon("byline_before_name", languages("byline_before_name"))


#: a capitalised word of a name ("Ana", "O'Neil", "J.", "Souza-Lima")
_NAME_WORD = regex.compile(r"\p{Lu}[\p{L}'’.-]*")
#: a lower-case particle between the words of a name ("da", "de", "dos", "e", "y", "van")
_PARTICLE = regex.compile(r"\p{Ll}{1,3}")


def _byline_match(line: str, language: str | None = None) -> regex.Match[str] | None:
    """The byline pattern's match on ``line``, or ``None``; after a prefix that is also a preposition
    (``byline_before_name``) the words must make a name (see :func:`_name_shaped`), and on a page whose
    ``language`` is known, that prefix must be one of its language's (Portuguese "De", not Spanish "De").

    >>> _byline_match("De Ana Souza")["names"], _byline_match("De Lisboa ao Porto em três horas")
    ('Ana Souza', None)
    >>> _byline_match("De Vuelta al Barrio", "pt") is not None, _byline_match("De Vuelta al Barrio", "es")
    (True, None)
    """
    match = _byline_pattern().match(line)
    if match is None or match["prefix"].lower() not in _name_only_prefixes():
        return match
    if language is not None and match["prefix"].lower() not in _name_only_prefixes_of(language):
        return None
    return match if _name_shaped(match["names"]) else None


@cache
def _name_only_prefixes_of(language: str) -> frozenset[str]:
    """The ``byline_before_name`` prefixes of ``language`` (none for a language without the lexicon)."""
    return (
        load_lexicon("byline_before_name", [language]) if language in languages("byline_before_name") else frozenset()
    )


def _name_shaped(names: str) -> bool:
    """Whether ``names`` (what follows a byline prefix) opens with a person's name: up to the first comma
    or separator, two to six words, at least two of them capitalised, the others short lower-case
    particles ("João da Silva e Maria Santos"); what follows the comma (a role, an agency) is free.

    >>> _name_shaped("Ana Souza, da Lusa"), _name_shaped("João da Silva e Maria Santos | 12/03/2024")
    (True, True)
    >>> _name_shaped("Portugal"), _name_shaped("Lisboa ao Porto em três horas"), _name_shaped("Ana 2 Souza")
    (False, False, False)
    """
    head = _BYLINE_TAIL.split(names, maxsplit=1)[0].split(",", 1)[0].split()
    if not 2 <= len(head) <= 6:
        return False
    capitalised = 0
    for word in head:
        if _NAME_WORD.fullmatch(word):
            capitalised += 1
        elif _PARTICLE.fullmatch(word) is None:
            return False
    return capitalised >= 2


@cache
def _news_agencies() -> frozenset[str]:
    """News agencies of the credits lexicons ("AP", "dpa"): named after a byline, they are not authors."""
    return frozenset(entry.split(None, 1)[1] for entry in load_lexicon("credits") if entry.startswith("wire "))


@cache
def _month_words() -> frozenset[str]:
    return frozenset(m for m in load_lexicon("months", languages("months")) if _WORD.fullmatch(m))


def guess_language(words: Sequence[str], minimum: int = 5) -> str | None:
    """The language whose stopwords cover most of ``words`` (lower case), or ``None``.

    ``None`` (fewer than ``minimum`` hits, or under 8% coverage) means: use all
    stopword lists together, the language-agnostic fallback.

    >>> guess_language("der hund und die katze sind in dem haus auf dem land".split())
    'de'
    >>> guess_language("ok".split()) is None
    True
    """
    languages_of = _stopword_languages()
    hits = [0] * len(LANGUAGES)
    for word, count in Counter(filter(languages_of.__contains__, words)).items():
        for k in languages_of[word]:
            hits[k] += count
    best, most = None, 0
    for language, count in zip(LANGUAGES, hits, strict=True):
        if count > most:
            best, most = language, count
    if most < minimum or most < 0.08 * len(words):
        return None
    return best


@cache
def _stopword_languages() -> dict[str, tuple[int, ...]]:
    """Every stopword -> the indexes (in :data:`LANGUAGES`) of the languages that list it."""
    out: dict[str, tuple[int, ...]] = {}
    for k, language in enumerate(LANGUAGES):
        for word in _stopwords(language):
            out[word] = (*out.get(word, ()), k)
    return out


#: Features of a line on its own (cached per line text and language), then features of its context.
LOCAL_FEATURES: dict[str, int] = {
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
    "url": 2,
    "first_char": 6,
    "word_length": 7,
    "commas": 4,
    "glued": 3,
    "comment_header": 2,
    "topic_first": 3,
    # crosses of coarse word counts with other features (the model is otherwise additive)
    "words_x_end": 8 * 8,
    "words_x_stopwords": 8 * 8,
    "words_x_capitalised": 8 * 6,
    "stopwords_x_end": 8 * 8,
}
CONTEXT_FEATURES: dict[str, int] = {
    "repeated": 3,
    "position": 10,
    "from_end": 6,
    "page_long_lines": 8,
    "prev_words": 16,
    "next_words": 16,
    "prev_stopwords": 8,
    "next_stopwords": 8,
    "near_long": 7,
    "wide_long": 8,
    "language": len(LANGUAGES) + 1,
    "comments_before": 4,
    "words_before": 10,
}
#: name -> number of bins, in the order :meth:`Page.bins` emits them.
FEATURES: dict[str, int] = {**LOCAL_FEATURES, **CONTEXT_FEATURES}
PAGE_LONG = list(FEATURES).index("page_long_lines")

#: word-count bin (0..15) -> coarse bin (0..7) for the crosses
_COARSE_WORDS = (0, 1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7, 7)
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


#: first character -> its bin, for the ASCII characters and the quotes and dashes
_FIRST_BINS: dict[str, int] = {}


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


_FIRST_BINS.update((chr(c), _first_bin(chr(c))) for c in range(128))
_FIRST_BINS.update((c, _first_bin(c)) for c in "-–—•*·›»>\"'“„«‘‚")
_FIRST_BINS[""] = 5


class Local(NamedTuple):
    """What is known about one line on its own (for one stopword language)."""

    bins: tuple[int, ...]
    words: int
    stopwords: int
    topic: str
    cover: float
    #: 1 for a long sentence-like line (15+ words, an eighth or more of them stopwords)
    long: int = 0
    #: 1 for a line that opens a comment (a comment header, or a short comments phrase)
    comment: int = 0

    @property
    def is_copyright(self) -> bool:
        """Whether the line carries a copyright notice (the copyright bins of the ``topic`` feature)."""
        return self.bins[7] > 3 * len(TOPICS)


#: language -> line -> its :class:`Local` (lines of at most ``_CACHED_LENGTH`` characters)
_CACHE: dict[str | None, dict[str, Local]] = {}
_CACHE_LIMIT = 200_000
_CACHED_LENGTH = 100


def _cache(language: str | None) -> dict[str, Local]:
    cache = _CACHE.get(language)
    if cache is None or len(cache) >= _CACHE_LIMIT:
        cache = _CACHE[language] = {}
    return cache


def measure(line: str, language: str | None) -> Local:
    """The local features of ``line`` (short lines are cached: menus repeat across pages).

    >>> measure("Share this article", "en").topic
    'share'
    """
    cache = _cache(language)
    found = cache.get(line)
    if found is None:
        low = line.lower()
        found = _measure(line, low, _TOKEN.findall(low), _stopwords(language))
        if len(line) <= _CACHED_LENGTH:
            cache[line] = found
    return found


#: tokens for the features: ``\w+`` of the lower-cased line (the standard library's engine: faster per call)
_TOKEN = re.compile(r"\w+")
#: a digit anywhere in a line: what the date feature needs first (as ``_DIGIT_OR_SYMBOL`` counts digits)
_ANY_DIGIT = re.compile(r"\d")


def _measure(line: str, low: str, toks: list[str], stopwords: frozenset[str]) -> Local:
    nw = len(toks)
    stops = len(list(filter(stopwords.__contains__, toks)))
    length = len(line)
    word_bin = _WORD_BIN_TABLE[nw] if nw <= 200 else 15
    stop_bin = _STOP_BINS[10 * stops // nw] if nw >= 3 else 0
    last = line[-1:]
    end_bin = _END_BINS.get(last, -1)
    if end_bin < 0:  # a full stop, a closing mark or a character outside the table
        end_bin = (5 if line.endswith("...") else 0) if last == "." else _end_bin(line)
    marks = _DIGIT_OR_SYMBOL.findall(line)
    digits = sum(map(str.isdigit, marks)) if marks else 0
    topic, size, start = "", 0, 0
    # a one-word phrase in a line that does not read as furniture ("declined to comment."): the topic bins
    # still hold it (the model weighs it as before), the line's ``topic`` does not (labels and rules ignore it)
    weak = False
    if nw <= 40:
        if not _phrases()[1].isdisjoint(toks if nw <= 15 else toks[:6]):
            topic, size, start = find_topic(toks)
        if topic:
            cover = size / nw
            topic_bin = 1 + 3 * _TOPIC_INDEX[topic] + (0 if cover >= 0.6 else (1 if nw <= 12 else 2))
            weak = size == 1 and topic in _LABEL_TOPICS and not _one_word_furniture(low, toks, stops, start, end_bin)
        else:
            cover = 0.0
            topic_bin = (
                3 * len(TOPICS) + 1 + (0 if nw <= 12 else 1)
                if "©" in low or "copyright" in low or ("(c)" in low and _COPYRIGHT.search(low) is not None)
                else 0
            )
        date = 1 if nw <= 14 and digits and _is_date(low, toks) else 0
        byline = (
            1
            if 2 <= nw <= 12 and (nw <= 4 or not line.endswith((".", "!", "?"))) and _byline_match(line) is not None
            else 0
        )
        # a comment header ends with a colon (every word of _SAID does), "pm", "am" or "uhr"
        comment_header = (
            1
            if nw <= 20 and low.endswith(_COMMENT_ENDS) and (low.endswith(_SAID) or _CLOCK.search(low) is not None)
            else 0
        )
    else:
        cover, topic_bin, date, byline, comment_header = 0.0, 0, 0, 0, 0
    # sentence breaks: counted up to 6 (the bins stop there), so a long paragraph is not scanned to its end
    # (a break needs one of ".!?…": a line without any is not scanned)
    sentences = (
        _SENTENCE_BINS[len(list(islice(_SENTENCE_BREAK.finditer(line), 6)))]
        if nw >= 4 and ("." in line or "!" in line or "?" in line or "…" in line)
        else 0
    )
    if nw < 2:
        capitalised = 0
    elif line.islower():  # no capital in the line
        capitalised = 1
    else:
        capitalised = 1 + min(4, 5 * len(_UPPER_WORD.findall(line)) // nw)
    if digits:
        share = digits / length
        digit_bin = 1 if share <= 0.05 else 2 if share <= 0.15 else 3 if share <= 0.3 else 4
    else:
        digit_bin = 0
    if nw:
        commas = line.count(",")
        comma_bin = 0 if not commas else 1 if commas <= 0.05 * nw else 2 if commas <= 0.1 * nw else 3
        word_length = bisect_right(_LENGTH_EDGES, (length - line.count(" ")) / nw)
    else:
        comma_bin = 0 if "," not in line else 3
        word_length = 0
    first = line[:1]
    first_bin = _FIRST_BINS.get(first)
    if first_bin is None:
        first_bin = _first_bin(first)
    coarse = _COARSE_WORDS[word_bin]
    symbols = len(marks) - digits
    return _new_local(
        Local,
        (
            (
                word_bin,
                stop_bin,
                end_bin,
                sentences,
                capitalised,
                digit_bin,
                symbols if symbols < 3 else 3,
                topic_bin,
                date,
                byline,
                1 if ("://" in low or "www." in low or "@" in low or ("." in low and _URL_DOTS.search(low))) else 0,
                first_bin,
                word_length,
                comma_bin,
                min(2, len(_GLUED.findall(line))) if nw >= 3 and not line.islower() else 0,
                comment_header,
                # "Read more: ...", "Lesen Sie auch: ...": a boilerplate phrase opening the line, then a colon
                (2 if ":" in low[:60] else 1) if topic and start == 0 else 0,
                coarse * 8 + end_bin,
                coarse * 8 + stop_bin,
                coarse * 6 + capitalised,
                stop_bin * 8 + end_bin,
            ),
            nw,
            stops,
            "" if weak else topic,
            0.0 if weak else cover,
            1 if nw >= 15 and stops * 8 >= nw else 0,
            1 if comment_header or (topic == "comments" and nw <= 6) else 0,
        ),
    )


#: topics whose one-word phrases are link labels ("Home", "Share", "Reply", "More", "Tags"): furniture only as labels;
#: a one-word phrase of the others names a notice's subject, in a sentence too ("We use cookies to ...")
_LABEL_TOPICS = frozenset({"navigation", "share", "related", "comments", "tags", "bio"})


def _one_word_furniture(low: str, toks: Sequence[str], stops: int, start: int, end_bin: int) -> bool:
    """Whether a line whose longest boilerplate phrase is one word reads as page furniture.

    A one-word phrase of a link label ("comment", "more", "home", "menu", "réponse") counts when the
    line is mostly such words (half its words: "Kommentare (12)", "Facebook Twitter
    Print"), or is a short label (three words or less, or no stopword at all, and no
    sentence end: "Home | News | Sport", "More in Crime"), or opens with the phrase
    and has a colon near its start ("Tags: ...", "Suche nach:"). A sentence that
    uses the word ("The ministry declined to comment.", "More ferries each day")
    does not: the word there is prose, not a link or a label.

    >>> _one_word_furniture("kommentare (12)", ["kommentare", "12"], 0, 0, 4)
    True
    >>> _one_word_furniture("the ministry declined to comment.", "the ministry declined to comment".split(), 2, 4, 0)
    False
    """
    nw = len(toks)
    singles = _single_words()
    if 2 * sum(t in singles for t in toks) >= nw:
        return True
    if end_bin > 1 and (nw <= 3 or not stops):  # no full stop, "!" or "?" at the end
        return True
    return start == 0 and ":" in low[:60]


@cache
def _single_words() -> frozenset[str]:
    """The boilerplate phrases (all topics) that are one word."""
    return frozenset(key[0] for key in _phrases()[0] if len(key) == 1)


_new_local = tuple.__new__
#: word count -> its bin (counts above 200 are bin 15)
_WORD_BIN_TABLE = tuple(_word_bin(n) for n in range(201))
#: a tenth of the words that are stopwords (0..10) -> the stopword-density bin (lines of 3 words or more)
_STOP_BINS = tuple(1 + min(6, k) for k in range(11))
#: the last character of a line -> its end bin, where that character alone decides it (not ".", not a closer)
_END_BINS: dict[str, int] = {
    c: _end_bin(c) for c in (*map(chr, range(128)), "…", "") if c != "." and (not c or c not in _CLOSERS)
}
_COMMENT_ENDS = (":", "pm", "am", "uhr")


_TOPIC_INDEX = {topic: k for k, topic in enumerate(TOPICS)}
_SENTENCE_BINS = (0, 1, 2, 3, 3, 3, 4)


def _is_date(low: str, toks: Sequence[str]) -> bool:
    """Whether a line with digits in it holds a date (a month name, or 12.03.2024 and the like)."""
    return not _month_words().isdisjoint(toks) or _NUMERIC_DATE.search(low) is not None


def _is_byline(line: str, words: int) -> bool:
    if words > 12 or words < 2 or (words > 4 and line.endswith((".", "!", "?"))):
        return False
    return _byline_match(line) is not None


def opens_with_byline(line: str) -> bool:
    """Whether ``line`` opens with a byline that a date or a separator follows on the same line.

    >>> opens_with_byline("By Jane Doe/March 3, 2024 8:15 am"), opens_with_byline("Von Anna Schmidt | 12. März 2024")
    (True, True)
    >>> opens_with_byline("By the end of the year"), opens_with_byline("By Jane Doe")
    (False, False)
    """
    head = _BYLINE_TAIL.split(line, maxsplit=1)[0].strip()
    return head != line.strip() and _is_byline(head, len(head.split()))


def header_marks(line: str) -> tuple[int, bool, bool]:
    """What :class:`Page` says of ``line`` as a header line, without its other features: the word
    count (``Page.words``), whether it reads like a byline (``Page.is_byline``) and whether it is a
    short line with a date (``Page.is_date``). For a check that reads a few lines, not a whole page.

    >>> header_marks("By Jane Doe"), header_marks("Mar 4 2024, 10:12am ist")
    ((3, True, False), (6, False, True))
    """
    low = line.lower()
    toks = _TOKEN.findall(low)
    words = len(toks)
    date = words <= 14 and _ANY_DIGIT.search(line) is not None and _is_date(low, toks)
    return words, _is_byline(line, words), date


@dataclass
class Memo:
    """What :meth:`Page.from_lines` measured, kept while one text is measured again (a step settling on its body).

    >>> memo = Memo()
    >>> Page.from_lines(["Home", "The council met on Monday and voted to close the old bridge."], memo).language
    'en'
    >>> sorted(memo.tokens)[0]
    'Home'
    >>> list(memo.languages.values())
    ['en']
    """

    #: line -> its words (lower case)
    tokens: dict[str, list[str]] = field(default_factory=dict)
    #: language -> line -> its features
    local: dict[str | None, dict[str, Local]] = field(default_factory=dict)
    #: the longest lines of a page (what the language is guessed from) -> the language guessed
    languages: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    #: the rule ids of a list of line rules (the line rules of the decisions) -> line -> the label they give it
    found: dict[tuple[str, ...], dict[str, tuple[str, str, str] | None]] = field(default_factory=dict)


@dataclass
class Page:
    """The per-line measurements of one page (or extractor output), ready for :meth:`bins`.

    >>> p = Page.from_lines(["Share", "Der Rat tagte am Montag im alten Rathaus, und die Sitzung war lang.", "Teilen"])
    >>> p.topic, p.language
    (['share', '', 'share'], 'de')
    """

    lines: list[str]
    local: list[Local]
    language: str | None
    #: the memo the page was measured with, kept for what the decisions find in its lines
    memo: Memo | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_lines(cls, lines: Sequence[str], memo: Memo | None = None) -> Page:
        """Measure ``lines`` (each one line of text); each distinct line is measured once.

        Short lines are remembered across pages; ``memo`` also keeps the long ones
        (and the words of lines), for pages made again from the same lines.
        """
        lines = list(lines)
        tokens: dict[str, list[str]] = {} if memo is None else memo.tokens
        longest = tuple(sorted(lines, key=len, reverse=True)[:40])  # nlargest(40, ...): the same lines, in C
        language: str | None
        if memo is not None and longest in memo.languages:  # the same page again (settling): same language
            language = memo.languages[longest]
        else:
            sample: list[str] = []
            for line in longest:
                toks = tokens.get(line)
                if toks is None:
                    toks = tokens[line] = _TOKEN.findall(line.lower())
                sample.extend(toks)
            language = guess_language(sample)
            if memo is not None:
                memo.languages[longest] = language
        cache = _cache(language)
        local: list[Local | None] = list(map(cache.get, lines))
        if None in local:
            stopwords = _stopwords(language)
            fresh: dict[str, Local] = {} if memo is None else memo.local.setdefault(language, {})
            for i, found in enumerate(local):
                if found is not None:
                    continue
                line = lines[i]
                found = fresh.get(line)
                if found is None:
                    low = line.lower()
                    toks = tokens.get(line)
                    found = fresh[line] = _measure(line, low, _TOKEN.findall(low) if toks is None else toks, stopwords)
                    if len(line) <= _CACHED_LENGTH:
                        cache[line] = found
                local[i] = found
        return cls(lines, local, language, memo)  # type: ignore[arg-type]  # no None is left

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def words(self) -> list[int]:
        """Word count of each line."""
        return [m.words for m in self.local]

    @cached_property
    def topic(self) -> list[str]:
        """Boilerplate topic of each line ("" for none)."""
        return [m.topic for m in self.local]

    @cached_property
    def topic_cover(self) -> list[float]:
        """Share of each line's words that its topic phrase covers."""
        return [m.cover for m in self.local]

    @cached_property
    def counts(self) -> Counter[str]:
        """How many times each distinct line occurs on the page."""
        return Counter(self.lines)

    @cached_property
    def repeated(self) -> list[int]:
        """How many times each line occurs on the page."""
        counts = self.counts
        return [counts[line] for line in self.lines]

    def is_byline(self, i: int) -> bool:
        """Whether line ``i`` reads like a byline ("By Jane Doe", "Von Max Müller"); a prefix that is also a
        preposition counts on a page of its language only ("De Ana Souza" in Portuguese, not "De Vuelta al Barrio"
        in Spanish; the line's byline bin, a feature of the line alone, holds it either way)."""
        if self.local[i].bins[9] != 1:
            return False
        return self.language is None or _byline_match(self.lines[i], self.language) is not None

    def authors(self, i: int) -> list[str]:
        """The names in byline ``i`` ("By Jane Doe and Max Roe" -> ["Jane Doe", "Max Roe"]), or ``[]``.

        A news agency named beside the authors ("By Jane Doe, AP") is not one of them;
        alone ("By AP") it is the author.
        """
        match = _byline_match(self.lines[i], self.language) if self.is_byline(i) else None
        if match is None:
            return []
        names = _BYLINE_TAIL.split(match.group("names"), maxsplit=1)[0]
        out = []
        for name in _NAME_SEPARATOR.split(names):
            name = name.strip(" .,;:-–—")
            if name and name[0].isupper() and len(name.split()) <= 5:
                out.append(name)
        agencies = _news_agencies()
        people = [name for name in out if name not in agencies]
        return people or out

    def is_date(self, i: int) -> bool:
        """Whether line ``i`` is a short line with a date in it."""
        return self.local[i].bins[8] == 1

    def is_comment_header(self, i: int) -> bool:
        """Whether line ``i`` opens a comment ("Jane on May 3, 2024 at 4:47 pm said:", "Max schrieb:")."""
        return self.local[i].bins[15] == 1

    def is_copyright(self, i: int) -> bool:
        """Whether line ``i`` carries a copyright notice."""
        return self.local[i].is_copyright

    def bins(self) -> list[tuple[int, ...]]:
        """For every line, one bin index per entry of :data:`FEATURES`, in that order."""
        return [m.bins + c for m, c in zip(self.local, self.context_bins(), strict=True)]

    def context_bins(self) -> list[tuple[int, ...]]:
        """For every line, one bin index per entry of :data:`CONTEXT_FEATURES`."""
        n = len(self.lines)
        local = self.local
        long_line = [m.long for m in local]
        page_long = min(7, int(8 * sum(long_line) / n)) if n else 0
        language_bin = LANGUAGES.index(self.language) + 1 if self.language else 0
        word_bins = [m.bins[0] for m in local]
        stop_bins = [m.bins[1] for m in local]
        repeated = self.repeated
        prefix = [0]
        for flag in long_line:
            prefix.append(prefix[-1] + flag)
        total_words = sum(m.words for m in local) or 1
        words_before = 0
        comments_before = 0
        near = [min(6, prefix[min(n, i + 4)] - prefix[max(0, i - 3)] - long_line[i]) for i in range(n)]
        wide = [_WIDE_BINS[min(9, prefix[min(n, i + 11)] - prefix[max(0, i - 10)] - long_line[i])] for i in range(n)]
        from_end = [_FROM_END_BINS[min(11, n - 1 - i)] for i in range(n)]
        prev_words = [0, *word_bins[:-1]]
        next_words = [*word_bins[1:], 0]
        prev_stops = [0, *stop_bins[:-1]]
        next_stops = [*stop_bins[1:], 0]
        out: list[tuple[int, ...]] = []
        for i in range(n):
            m = local[i]
            out.append(
                (
                    min(2, repeated[i] - 1),
                    min(9, 10 * i // n),
                    from_end[i],
                    page_long,
                    prev_words[i],
                    next_words[i],
                    prev_stops[i],
                    next_stops[i],
                    near[i],
                    wide[i],
                    language_bin,
                    min(3, comments_before),
                    min(9, 10 * words_before // total_words),
                )
            )
            words_before += m.words
            comments_before += m.comment
        return out


_WIDE_BINS = (0, 1, 2, 3, 4, 5, 6, 6, 6, 7)
_FROM_END_BINS = (0, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 5)

#: a mean word length's bin is the number of these edges it reaches (0..6)
_LENGTH_EDGES = (3.0, 4.0, 5.0, 6.0, 7.0, 9.0)
