"""Deciding what each line is: body, title, byline, dateline, teaser or a kind of boilerplate.

The model scores every line; these rules turn the scores into labels, find the
article's fields around the start of the body, name the kind of each removed
line (from the boilerplate lexicons) and make sure a body never comes out empty.

>>> from copydesk import Document
>>> doc = label_document(Document.from_text(
...     "Home\\nNews\\nBridge to close for repairs\\nBy Jane Doe\\n"
...     "The council voted on Monday to close the old bridge for six months while engineers replace its deck.\\n"
...     "Drivers will be sent through the town centre, which shopkeepers welcomed after a difficult winter.\\n"
...     "Share this article"))
>>> doc.title, doc.authors
('Bridge to close for repairs', ('Jane Doe',))
>>> [s.kind for s in doc.segments]
['navigation', 'navigation', 'title', 'byline', 'body', 'body', 'share']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count, islice
from operator import and_, attrgetter
from typing import ClassVar

import regex

from copydesk.boilerplate.features import (
    FEATURES,
    TOPICS,
    Local,
    Memo,
    Page,
    _month_words,
    _news_agencies,
    _stopwords,
    opens_with_byline,
    phrase_keys,
)
from copydesk.boilerplate.model import Model, densest_run, load_model, run_weights, score_page
from copydesk.boilerplate.names import without_role
from copydesk.boilerplate.profiles import SiteProfile
from copydesk.boilerplate.titles import ECHO_WORDS, is_doubled, is_echoed, is_relative_time, is_trail
from copydesk.document import Document, _collector_paused
from copydesk.lexicon import languages, load_lexicon

__all__ = ["BoilerplateStep", "Options", "label_document"]

#: the bin of the ``topic_first`` feature: 2 when a boilerplate phrase opens the line and a colon follows
_TOPIC_FIRST = list(FEATURES).index("topic_first")
#: the bin of the ``date`` feature: 1 for a short line with a date in it
_DATE = list(FEATURES).index("date")
#: topics whose phrase, opening a line before a colon, makes the line a link or a comment header
_LINK_TOPICS = frozenset({"related", "comments"})
_WORD = re.compile(r"\w+")
#: a word character as ``_WORD`` reads it
_TOKEN_CHAR = re.compile(r"\w")
#: a word with a letter in it
_LETTERS = re.compile(r"\w*[^\W\d_]\w*")
_QUOTES_OPEN = "\"“„«‘'‚‹"


@dataclass(frozen=True)
class Options:
    """How the boilerplate step decides.

    ``threshold``: body probability a line needs (``None``: the model's own);
    ``bare_threshold``: the same for text that starts with its body (no page header:
    what extractors return), where removing less is safer (``None``: the model's own);
    ``fields``: look for title, byline, dateline and teaser; ``lexicon_override``:
    a short line that is all boilerplate phrase ("Share", "Read more") is never body, nor
    are short reader appeals, source lines and links with a cue ("Watch: ...") anywhere;
    ``short_text``: below this many words in all, the model is not asked (too little
    to compare), only lexicon lines and site-profile lines are removed;
    ``interior_floor``: in text that starts with its body, a line between two body
    lines stays in the body unless its probability is below this (subheadings, lists
    and Q/A lines of extractor output; ``None``: no such rule).

    >>> Options().fields
    True
    """

    threshold: float | None = None
    bare_threshold: float | None = None
    fields: bool = True
    lexicon_override: bool = True
    header_window: int = 15
    short_text: int = 30
    interior_floor: float | None = 0.15


@dataclass(frozen=True)
class BoilerplateStep:
    r"""The pipeline step: label every kept segment, fill ``title`` and ``authors``.

    Segments an earlier step already removed (captions, say) are left alone.

    >>> from copydesk import Document
    >>> step = BoilerplateStep()
    >>> step.name, step(Document.from_text("Share\nThe bridge reopened on Monday after two years of work.")).body
    ('boilerplate', 'The bridge reopened on Monday after two years of work.')
    """

    options: Options = Options()
    profile: SiteProfile | None = None
    model: Model | None = None
    name: str = "boilerplate"
    #: The step keeps every line of its own output (it settles its decisions, see ``_settle``),
    #: so :meth:`Pipeline.stabilize` need not run it again on the body it produced.
    settles: ClassVar[bool] = True

    def __call__(self, doc: Document) -> Document:
        return label_document(doc, options=self.options, profile=self.profile, model=self.model, step=self.name)


def label_document(
    doc: Document,
    *,
    options: Options | None = None,
    profile: SiteProfile | None = None,
    model: Model | None = None,
    step: str = "boilerplate",
) -> Document:
    """Label every segment that is still kept; fill ``title`` and ``authors``."""
    options = options or Options()
    model = model or load_model()
    segments = doc.segments
    if not segments:
        return doc
    with _collector_paused():
        return _label(doc, options, profile, model, step)


def _label(doc: Document, options: Options, profile: SiteProfile | None, model: Model, step: str) -> Document:
    segments = doc.segments
    n = len(segments)
    texts = [s.text for s in segments]
    memo = _memo_for(texts)
    page = Page.from_lines(texts, memo)
    decision = _decide(page, [s.kept for s in segments], options, profile, model)
    body, labels, probability = decision.body, decision.labels, decision.probability
    if not all(body):
        _settle(texts, body, labels, options, profile, model, memo)
    # (kind, rule, reason) -> the lines removed with that label; (kind, True, rule, reason) -> lines kept
    # with that label: one dict, so the groups keep the order in which they first occur
    groups: dict[tuple[str, str, str] | tuple[str, bool, str, str], list[int]] = {}
    notes: dict[int, tuple[str, str]] = {}
    threshold, short = decision.threshold, decision.short
    labelled = decision.kept
    for i in range(n):
        if body[i]:
            special = labelled.get(i)
            if special is not None:
                if special[0] != "body" or segments[i].kind != "body":
                    groups.setdefault((special[0], True, special[1], special[2]), []).append(i)
                else:
                    notes[i] = special[1:]
            elif segments[i].kind == "body":
                # already body and kept: the segment says why, nothing to record
                notes[i] = _body_note(probability[i], threshold, short)
            else:
                groups.setdefault(_MODEL_BODY, []).append(i)
        else:
            label = labels[i]
            if label is not None:
                found = groups.get(label)
                if found is None:
                    groups[label] = [i]
                else:
                    found.append(i)
    if groups:
        doc = doc.relabel_many(
            [
                (indexes, key[0], True, key[2], key[3]) if len(key) == 4 else (indexes, key[0], False, key[1], key[2])
                for key, indexes in groups.items()
            ],
            step=step,
        )
    if notes:
        doc = doc.annotate(notes)
    changes: dict[str, object] = {}
    if decision.title and not doc.title:
        changes["title"] = decision.title
    if decision.authors and not doc.authors:
        changes["authors"] = decision.authors
    return doc.with_fields(**changes) if changes else doc


_MODEL_BODY = ("body", True, "body.model", "body-like line")

#: The measurements of the last text labelled and its lines: one slot, replaced by each new text.
_LAST: list[tuple[Memo, set[str]]] = []


def _memo_for(texts: list[str]) -> Memo:
    """The memo of the last text labelled when ``texts`` are some of its lines, else a new one (kept for the next).

    A pipeline's pass over the body it produced labels lines already measured on
    the page (at 100k lines the features are most of the step's cost); a line's
    features depend on the line alone, so a memo shared between the two texts
    gives what fresh measurements would. One slot: any other text (the same text
    again too, so that timing a text twice measures it twice) replaces it.

    >>> _memo_for(["Home", "A line."]) is _memo_for(["A line."])
    True
    >>> _memo_for(["Other."]) is _memo_for(["Other."])
    False
    """
    lines = set(texts)
    last = _LAST[0] if _LAST else None
    if last is not None and lines < last[1]:
        return last[0]
    memo = Memo()
    _LAST[:] = [(memo, lines)]
    return memo


#: How many times :func:`_settle` decides again at most (each time removes at least one more line).
SETTLE_ROUNDS = 50


def _settle(
    texts: Sequence[str],
    body: list[bool],
    labels: list[tuple[str, str, str] | None],
    options: Options,
    profile: SiteProfile | None,
    model: Model,
    memo: Memo,
) -> None:
    """Decide again on the kept lines alone, as if the body were a new text, until that keeps them all.

    Decisions depend on the whole page (the densest run, the neighbours, the
    page's share of long lines), so a body line can read differently once the
    page around it is gone. Settling here makes the step keep every line of its
    own output: running it on its body changes nothing. A line removed on a
    later round keeps that round's label. Features are measured once (``memo``).
    """
    for _ in range(SETTLE_ROUNDS):
        kept = [i for i, ok in enumerate(body) if ok]
        if not kept:
            return
        again = _decide(Page.from_lines([texts[i] for i in kept], memo), [True] * len(kept), options, profile, model)
        if all(again.body):
            return
        for j, i in enumerate(kept):
            if not again.body[j]:
                body[i] = False
                label = again.labels[j]
                if label is not None:
                    labels[i] = (label[0], label[1], label[2] + " (on the body alone)")


@dataclass
class _Decision:
    """What :func:`_decide` found: for every line, body or not, and the label of a line that is not."""

    body: list[bool]
    labels: list[tuple[str, str, str] | None]  # (kind, rule, reason) of each line the step removes
    kept: dict[int, tuple[str, str, str]]  # body lines with a label of their own (a standfirst, ...)
    probability: list[float]
    threshold: float
    short: bool
    title: str | None
    authors: list[str]


def _decide(
    page: Page, open_: Sequence[bool], options: Options, profile: SiteProfile | None, model: Model
) -> _Decision:
    """Decide every line of ``page`` that is ``open_`` (still kept when the step began)."""
    probability = score_page(page, model)
    threshold = model.threshold if options.threshold is None else options.threshold
    bare = (_starts_with_body(page, probability, threshold) or _has_no_chrome(page)) and not _has_page_chrome(page)
    if bare:
        threshold = model.bare_threshold if options.bare_threshold is None else options.bare_threshold
    n = len(page)
    words = page.words
    kept: dict[int, tuple[str, str, str]] = {}  # body lines with a label of their own: (kind, rule, reason)
    short = sum(compress(words, open_)) < options.short_text
    if short:
        body = list(open_)
    else:
        body = [p >= threshold for p in probability]
        if not all(open_):
            body = list(map(and_, body, open_))
        if bare and True in body:
            first = body.index(True)
            if options.interior_floor is not None:
                # text that opens with its body (extractor output): what lies between body lines is body too
                # (subheadings, lists, Q/A), unless it scores below the floor or a rule below removes it;
                # a line that opens with a boilerplate phrase and a colon ("Related: ...") links elsewhere
                last = n - 1 - body[::-1].index(True)
                floor = options.interior_floor
                for i in range(first + 1, last):
                    if not body[i] and open_[i] and probability[i] >= floor and page.local[i].bins[_TOPIC_FIRST] != 2:
                        body[i] = True
                        kept[i] = (
                            "body",
                            "body.interior",
                            f"between body lines of text that opens with its body (score {probability[i]:.2f})",
                        )
            _date_lists(page, body, open_, kept, first)  # the interior rule keeps ``first`` the first body line
    labels: list[tuple[str, str, str] | None] = [None] * n

    if profile is not None:
        for i, line in enumerate(page.lines):
            if open_[i] and line in profile:
                body[i] = False
                labels[i] = (_kind(page, i), "boilerplate.profile", "recurs on many pages of this site")
    if options.lexicon_override:
        cover = page.topic_cover
        topics = page.topic
        for i in compress(count(), topics):  # the lines with a boilerplate phrase
            topic = topics[i]
            if not open_[i] or labels[i] is not None:
                continue
            if cover[i] >= 0.6 and words[i] <= 6:
                body[i] = False
                labels[i] = (topic, f"boilerplate.{topic}.lexicon", f"{topic} phrase")
            elif topic in _LINK_TOPICS and page.local[i].bins[_TOPIC_FIRST] == 2:
                # "Read more: ...", "Lesen Sie auch: ...", "Comment by Jane — 17.07.2011 @ 13:04": a link or a comment
                body[i] = False
                labels[i] = (topic, f"boilerplate.{topic}.prefix", f"opens with a {topic} phrase and a colon")

    if not bare:
        _teaser_cards(page, body, open_, labels)
    _comment_section(page, body, open_, labels)
    _comment_heading(page, body, open_, labels, bare)
    _appeal_tail(page, body, open_, labels)
    _timestamps(page, body, open_, labels)
    if options.lexicon_override:
        # short reader appeals, source lines, links with a cue, in one pass
        _remove_lines(page, body, open_, labels, _LEXICON_LINES)
    if not any(body) and any(open_):
        _rescue(page, probability, open_, body)

    title: str | None = None
    authors: list[str] = []
    if options.fields and any(body):
        title, authors = _fields(page, body, open_, labels, options.header_window, kept)
        if not bare:
            _lede(page, body, open_, labels, kept, probability)
            _tail(page, body, open_, labels, kept, probability)
            _between(page, body, open_, labels, kept, probability)
            _edges(page, body, open_, labels, kept, probability)
            _colon_lists(page, body, open_, labels, kept)
            _islands(page, body, open_, labels, kept)
        if not any(body):  # the fields took every body line: give the body back its best lines
            _rescue(page, probability, open_, body)
            for i in range(n):
                if body[i]:
                    labels[i] = None

    local = page.local
    for i in range(n):
        if labels[i] is None and not body[i] and open_[i]:
            labels[i] = _boilerplate_label(local[i])
    return _Decision(body, labels, kept, probability, threshold, short, title, authors)


def _body_note(probability: float, threshold: float, short: bool) -> tuple[str, str]:
    """Why a line stays in the body: ``(rule, reason)``."""
    if short:
        return "body.short_text", "short text: every line is kept"
    if probability >= threshold:
        return "body.model", f"body-like line (score {probability:.2f} >= {threshold:.2f})"
    return "body.rescue", f"kept so that the body is not empty (score {probability:.2f})"


def _comment_section(
    page: Page, body: list[bool], open_: Sequence[bool], labels: list[tuple[str, str, str] | None]
) -> None:
    """From the first of two or more dated comment headers ("Jane on May 3, 2024 at 4:47 pm said:") on: comments."""
    local = page.local
    headers = [
        i
        for i in compress(count(), map(_OPENS_COMMENT, local))
        if local[i].bins[15] == 1
        and local[i].words <= 16
        and page.lines[i].endswith(":")
        and any(c.isdigit() for c in page.lines[i])
    ]
    if len(headers) < 2 or not any(body[: headers[0]]):
        return
    start = headers[0]
    if start > 0 and page.topic[start - 1] == "comments":
        start -= 1
    for i in range(start, len(body)):
        if open_[i] and body[i]:
            body[i] = False
            labels[i] = ("comments", "comments.section", "in the comment section")


#: a headline glued to the sentence after it: a lower-case letter (a closing mark may follow), then a capital
#: opening a word or standing alone ("... Fares To Rise In SpringThe harbour company says", "... KitchenA chef from",
#: "... On The Rise?Violence is"); or a digit (a closing mark may follow), then a capital opening a word (headlines
#: end in numbers and dates: "... Top 10 Trails Of 2024The list", "Fares Rise 12 March 2024Ferry"; not "4K TVs")
_GLUE = regex.compile(r"(?<=\p{Ll}[.!?\"”’)]?)\p{Lu}(?:\p{Ll}|\s)|(?<=\d[.!?\"”’)]?)\p{Lu}\p{Ll}")
_WORDS = regex.compile(r"\w+")
_WORD_END = regex.compile(r"\w+$")
_WORD_CHAR = regex.compile(r"\w")
#: this many teaser cards or more, each within CARD_GAP lines of the last, make a block of cards
CARDS = 3
CARD_GAP = 2


def _card(line: str, at: int, tokens: Counter[str]) -> bool:
    """Whether ``line``, glued at ``at`` (where :data:`_GLUE` matched), is a teaser card: a headline (3 to 20
    words, half of them capitalised or numbers) glued to a sentence of 5 words or more, where the glued word
    occurs once on the page (``tokens``: how often words stand on the page, the glued one among them; a name
    written in CamelCase, "SeaLink", "McAllister", mostly recurs).

    >>> line = "Ferry Fares To Rise Again In SpringThe harbour company says fuel costs leave it no choice."
    >>> _card(line, _GLUE.search(line).start(), Counter())
    True
    >>> line = "The Harbour Board said on Monday that SeaLink is preparing to cut two crossings."
    >>> _card(line, _GLUE.search(line).start(), Counter(SeaLink=2))
    False
    """
    if _TOKEN_CHAR.match(line, at - 1) and tokens[_glued_word(line, at)] > 1:
        # a name written in CamelCase recurs; a capital after a closing mark ("Rise?Violence") is never one
        return False
    head: list[str] = _WORDS.findall(line, 0, at)
    if not 3 <= len(head) <= 20 or len(_WORDS.findall(line, at)) < 5:
        return False
    capitalised = sum(1 for w in head if w[0].isupper() or w[0].isdigit())
    return 2 * capitalised >= len(head)


def _glued_word(line: str, at: int) -> str:
    """The word of ``line`` around ``at``, where a headline's last word meets a summary's first.

    >>> _glued_word("Fares To Rise In SpringThe harbour company says", 23)
    'SpringThe'
    """
    before = _WORD_END.search(line, 0, at)
    after = _WORDS.match(line, at)
    return (before.group() if before else "") + (after.group() if after else "")


def _whole_words(text: str, word: str, word_char: Callable[[str, int], object]) -> Iterator[int]:
    """Where ``word`` (word characters only) stands in ``text`` as a whole word, not inside a longer one;
    ``word_char`` tells a word character at a position (``match`` of ``\\w`` in the engine that cut ``word``).

    >>> list(_whole_words("SeaLink said. SeaLinks and MySeaLink; SeaLink", "SeaLink", _WORD_CHAR.match))
    [0, 38]
    """
    at = text.find(word)
    while at >= 0:
        if not (at and word_char(text, at - 1)) and not word_char(text, at + len(word)):
            yield at
        at = text.find(word, at + 1)


def _word_count(text: str, word: str) -> int:
    """How many times ``word`` stands as a whole word in ``text``: what ``Counter(regex.findall(r"\\w+",
    text))[word]`` gives, without counting every word of ``text``.

    >>> _word_count("SeaLink said. SeaLinks and MySeaLink; SeaLink", "SeaLink")
    2
    """
    return sum(1 for _ in _whole_words(text, word, _WORD_CHAR.match))


def _teaser_cards(
    page: Page, body: list[bool], open_: Sequence[bool], labels: list[tuple[str, str, str] | None]
) -> None:
    """Blocks of teaser cards (rule ``related.cards``): :data:`CARDS` or more lines that each glue a headline
    to its summary (a scraper joined the card's blocks without a break), each within :data:`CARD_GAP`
    lines of the last, are links to other stories, however body-like their summaries read."""
    lines = page.lines
    words = page.words
    glue_at: dict[int, int] = {}  # candidate line -> where its headline meets its summary
    for i in range(len(lines)):
        if open_[i] and 8 <= words[i] <= 80:
            m = _GLUE.search(lines[i])
            if m is not None:
                glue_at[i] = m.start()
    if len(glue_at) < CARDS:
        return
    # how often each glued word stands as a word of the page: all that _card looks up
    text = "\n".join(lines)
    glued = {_glued_word(lines[i], at) for i, at in glue_at.items()}
    tokens = Counter({word: _word_count(text, word) for word in glued})
    cards = [i for i, at in glue_at.items() if _card(lines[i], at, tokens)]
    group: list[int] = []
    for i in [*cards, -1]:
        if group and (i < 0 or i - group[-1] > CARD_GAP + 1):
            if len(group) >= CARDS:
                reason = f"one of {len(group)} teaser cards: a headline glued to its summary"
                for j in group:
                    body[j] = False
                    labels[j] = ("related", "related.cards", reason)
            group = []
        group.append(i)


#: at most this many lines at the end of the body are checked for a reader appeal
APPEAL_LINES = 3


@cache
def _appeals() -> tuple[frozenset[tuple[str, ...]], frozenset[str], int]:
    """The reader-appeal phrases (lexicon ``appeal``) as tuples of words, the words they start with, the longest."""
    phrases = phrase_keys("appeal")
    return phrases, frozenset(p[0] for p in phrases), max(map(len, phrases))


@lru_cache(maxsize=1 << 15)  # a text's lines are decided again on every settling round, and sites repeat appeals
def _appeal_phrase(line: str) -> str:
    """The first reader-appeal phrase (lexicon ``appeal``: support us, subscribe, sign up, get the app) in ``line``.

    >>> _appeal_phrase("Enjoyed this story? Support our journalism with a monthly gift.")
    'support our journalism'
    >>> _appeal_phrase("Residents can support the plan at the town hall until Friday.")
    ''
    """
    phrases, first, longest = _appeals()
    tokens = _WORDS.findall(line.lower())
    for i, token in enumerate(tokens):
        if token in first:
            found = _phrase_at(tokens, i, phrases, longest)
            if found:
                return found
    return ""


def _phrase_at(tokens: list[str], i: int, phrases: frozenset[tuple[str, ...]], longest: int) -> str:
    """The longest of ``phrases`` (tuples of words, none longer than ``longest``) that ``tokens`` hold at ``i``.

    >>> _phrase_at(["please", "sign", "up", "now"], 1, frozenset({("sign",), ("sign", "up")}), 2)
    'sign up'
    """
    for size in range(min(longest, len(tokens) - i), 0, -1):
        if tuple(tokens[i : i + size]) in phrases:
            return " ".join(tokens[i : i + size])
    return ""


def _appeal_tail(
    page: Page, body: list[bool], open_: Sequence[bool], labels: list[tuple[str, str, str] | None]
) -> None:
    """Reader appeals that close the body (rule ``newsletter.appeal``): from the last body line up, at most
    :data:`APPEAL_LINES` lines with an appeal phrase anywhere in them ("Support our journalism", "Abonnieren
    Sie unseren Newsletter", "Suscríbete") leave it, as long as two body lines stay above them."""
    kept = [i for i in range(len(body)) if body[i] and open_[i]]
    for k in range(len(kept) - 1, max(2, len(kept) - APPEAL_LINES) - 1, -1):
        i = kept[k]
        phrase = _appeal_phrase(page.lines[i])
        if not phrase:
            return
        body[i] = False
        labels[i] = ("newsletter", "newsletter.appeal", f"reader appeal at the end of the body ({phrase!r})")


#: a line of at most this many words with a reader appeal in it is no body line, wherever it stands
APPEAL_LINE_WORDS = 30


#: Short reader appeals anywhere in the text leave the body (rule ``newsletter.appeal_line``, kind
#: ``newsletter``): a line of at most :data:`APPEAL_LINE_WORDS` words with a phrase of the ``appeal`` lexicon
#: in it ("Sign up here", "Never miss our top stories", "Melden Sie sich zu unserem Newsletter an",
#: "Suscríbete"), as sites put them between paragraphs too. A longer paragraph that holds one stays, unless
#: it closes the body (:func:`_appeal_tail`). One of the line rules of :data:`_LEXICON_LINES`.
_APPEAL_LINE = ("newsletter", "newsletter.appeal_line", "short reader appeal ({!r})")


#: a line rule of :func:`_remove_lines`: at most this many words, what finds the phrase (``""``: none), the label
_LineRule = tuple[int, Callable[[str], str], tuple[str, str, str]]


def _remove_lines(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    rules: Sequence[_LineRule],
) -> None:
    """Take out of the body every body line, no label yet, that one of ``rules`` finds something in (the first
    that does, in their order): a rule is the most words a line may have, what finds a phrase in it (``""``
    for nothing) and the (kind, rule, reason) it gets, ``{}`` in the reason standing for what was found.
    One pass over the lines for all the rules.

    >>> page = Page.from_lines(["Sign up here", "The bridge reopened."])
    >>> body, labels = [True, True], [None, None]
    >>> _remove_lines(page, body, [True, True], labels, [_APPEAL_RULE])
    >>> body, labels[0]
    ([False, True], ('newsletter', 'newsletter.appeal_line', "short reader appeal ('sign up here')"))
    """
    words = page.words
    most = max(rule[0] for rule in rules)
    # the label each line gets (None: none), kept while the text settles (every round decides the same lines
    # again): what the rules find depends on the line alone, its word count too
    known = {} if page.memo is None else page.memo.found.setdefault(tuple(r[2][1] for r in rules), {})
    missing = _MISSING
    for i, line in enumerate(page.lines):
        if body[i] and open_[i] and words[i] <= most and labels[i] is None:
            label = known.get(line, missing)
            if label is missing:
                label = known[line] = _line_label(line, words[i], rules)
            if label is not None:
                body[i] = False
                labels[i] = label


#: what :func:`_remove_lines` finds in its memo for a line it has not looked at
_MISSING = ("", "", "")


def _line_label(line: str, words: int, rules: Sequence[_LineRule]) -> tuple[str, str, str] | None:
    """The label of the first of ``rules`` that finds something in ``line`` (of ``words`` words), or ``None``.

    >>> _line_label("Quelle: dpa", 2, _LEXICON_LINES)
    ('credit', 'boilerplate.source', "source line ('quelle' and a colon)")
    """
    for limit, found, (kind, rule, reason) in rules:
        if words <= limit:
            what = found(line)
            if what:
                return kind, rule, reason.format(what)
    return None


#: a timestamp line has at most this many words
STAMP_WORDS = 14


@cache
def _stamps() -> tuple[frozenset[tuple[str, ...]], int]:
    """The phrases that open a timestamp line (lexicon ``timestamp``) as tuples of words, and the longest."""
    phrases = phrase_keys("timestamp")
    return phrases, max(map(len, phrases))


def _stamp_phrase(line: str) -> str:
    """The timestamp phrase (lexicon ``timestamp``: "Updated", "Veröffentlicht am", "Publié le") ``line`` opens
    with, or ``""``.

    >>> _stamp_phrase("Updated 3:27 am, March 4, 2024"), _stamp_phrase("Veröffentlicht am 04.03.2024")
    ('updated', 'veröffentlicht am')
    >>> _stamp_phrase("The council updated its plans on March 4, 2024."), _stamp_phrase("(Published March 4, 2024)")
    ('', '')
    """
    if not line[:1].isalpha():  # "(Published March 4, 2024)": a bracketed stamp belongs to a video or photo
        return ""
    return _phrase_at(_WORD.findall(line[:80].lower()), 0, *_stamps())


def _timestamps(page: Page, body: list[bool], open_: Sequence[bool], labels: list[tuple[str, str, str] | None]) -> None:
    """Timestamp lines anywhere in the text leave the body (rule ``dateline.stamp``, kind ``dateline``): a short
    line (at most :data:`STAMP_WORDS` words) with a date in it that opens with a timestamp phrase ("Updated 3:27 am
    PST, Wednesday, March 4, 2024", "Aktualisiert: 04.03.2024, 10:27", "Publié le 4 mars 2024"). The field search
    only looks above the body; a page often stamps its article again beside a photo or below the text."""
    local = page.local
    for i in range(len(body)):
        m = local[i]
        if body[i] and open_[i] and m.words <= STAMP_WORDS and m.bins[_DATE] == 1 and labels[i] is None:
            phrase = _stamp_phrase(page.lines[i])
            if phrase:
                body[i] = False
                labels[i] = ("dateline", "dateline.stamp", f"timestamp line ({phrase!r} and a date)")


#: a source line has at most this many words
SOURCE_WORDS = 15
#: a source label, a colon (a space may come before it, as French writes it), then the source
_SOURCE = regex.compile(r"^\W{0,2}(\w+)\s?:\s*\S")


@cache
def _source_labels() -> frozenset[str]:
    """The words that open a source line (lexicon ``source``: "Quelle", "Source", "Fuente"), lower case."""
    return frozenset(load_lexicon("source", languages("source")))


def _source_label(line: str) -> str:
    """The source label (lexicon ``source``) that ``line`` opens with, before a colon and the source, or ``""``.

    >>> _source_label("Quelle: Landesregierung Hessen"), _source_label("Source : ministère de la Santé")
    ('quelle', 'source')
    >>> _source_label("The source of the leak was never found."), _source_label("Quellen:")
    ('', '')
    """
    m = _SOURCE.match(line)
    if m is None:
        return ""
    word = m.group(1).lower()
    return word if word in _source_labels() else ""


#: Source lines anywhere in the text leave the body (rule ``boilerplate.source``, kind ``credit``): a short line
#: (at most :data:`SOURCE_WORDS` words) that opens with a source label and a colon and names the source ("Quelle:
#: Landesregierung", "Source: State Department, March 2024", "Fuente: INE"). It says where the text, a table or
#: a picture came from; it is not part of the article (a "Sources:" heading over a list of references stays).
_SOURCE_LINE = ("credit", "boilerplate.source", "source line ({!r} and a colon)")


#: a line that links to another story has at most this many words
CUE_WORDS = 25


@cache
def _cue_pattern() -> regex.Pattern[str]:
    """A line that opens with a link cue (lexicons ``link_cue`` and ``related``: "Watch", "Lea", "À lire aussi",
    "Read more"), then ":", "»", ">>", "›" or "|" and more text."""
    cues = load_lexicon("link_cue", languages("link_cue")) | load_lexicon("related", languages("related"))
    alternation = "|".join(regex.escape(c.rstrip(":")) for c in sorted(cues, key=len, reverse=True))
    return regex.compile(rf"^\W{{0,3}}(?P<cue>(?i:{alternation}))\s*(?::|»|>>?|›|\|)\s*\w")


def _link_cue(line: str) -> str:
    """The link cue ``line`` opens with when it is a link to another story, or ``""``: a link cue and a
    separator, then a headline that does not end with a full stop (at most :data:`CUE_WORDS` words: the rule
    checks that).

    >>> _link_cue("MIRA: Madre denuncia la detención de su hijo en la capital")
    'MIRA'
    >>> _link_cue("À lire aussi » Ballonnements : quel est votre profil digestif ?")
    'À lire aussi'
    >>> _link_cue("Watch: the full interview with the mayor ran on Sunday night.")
    ''
    >>> _link_cue("Lesen Sie dazu den Bericht der Kommission: er erschien im Mai")
    ''
    """
    if _CUE_SEPARATOR.search(line) is None or line.rstrip(_CLOSERS).endswith("."):  # most lines: no separator
        return ""
    m = _cue_pattern().match(line)
    return m.group("cue") if m is not None else ""


#: closing marks after the last word of a line
_CLOSERS = "\"'”’»)] "
#: a character that opens a separator after a link cue (found with the standard engine: faster per call)
_CUE_SEPARATOR = re.compile(r"[:»>›|]")


#: Links to other stories anywhere in the text leave the body (rule ``related.cue``, kind ``related``): a line
#: that opens with a link cue ("Watch", "Lea", "Czytaj", or a read-more phrase: "À lire aussi", "Lesen Sie auch"),
#: then ":", "»", ">>" or "|", then a headline ("MIRA: Madre denuncia ...", "À lire aussi » Ballonnements ...").
#: A sentence after the cue (it ends with a full stop) stays.
_CUE_LINE = ("related", "related.cue", "a link cue ({!r}) and a headline: a link to another story")
_APPEAL_RULE: _LineRule = (APPEAL_LINE_WORDS, _appeal_phrase, _APPEAL_LINE)
_SOURCE_RULE: _LineRule = (SOURCE_WORDS, _source_label, _SOURCE_LINE)
_CUE_RULE: _LineRule = (CUE_WORDS, _link_cue, _CUE_LINE)
#: the line rules :func:`_decide` runs in one pass (:func:`_remove_lines`): short reader appeals, source lines,
#: links with a cue, in that order
_LEXICON_LINES: tuple[_LineRule, ...] = (_APPEAL_RULE, _SOURCE_RULE, _CUE_RULE)


#: a run of this many dated lines or more, below the first body line of extractor output, is a list in the body
DATE_LIST = 3


def _date_lists(
    page: Page, body: list[bool], open_: Sequence[bool], kept: dict[int, tuple[str, str, str]], first: int
) -> None:
    """In text that opens with its body, runs of dated lines below its first body line stay: tour dates, schedules."""
    local = page.local
    n = len(body)
    i = first + 1
    while i < n:
        if not _dated_item(local[i], open_[i]):
            i += 1
            continue
        j = i
        while j < n and _dated_item(local[j], open_[j]):
            j += 1
        if j - i >= DATE_LIST:
            for k in range(i, j):
                if not body[k]:
                    body[k] = True
                    kept[k] = ("body", "body.date_list", f"one of {j - i} dated lines in a row: a list in the body")
        i = j


def _dated_item(local: Local, open_: bool) -> bool:
    """A line with a date and at least five words ("June 6 -- Harbor Amphitheatre, Portland"), not "May 2019 (3)"."""
    return open_ and local.words >= 5 and local.bins[_DATE] == 1


def _comment_heading(
    page: Page, body: list[bool], open_: Sequence[bool], labels: list[tuple[str, str, str] | None], bare: bool
) -> None:
    """From a comments heading ("Comments", "3 Kommentare", "Leave a reply") below the body to the end: comments.

    The heading must come after a full paragraph of body and, unless the text opens
    with its body (extractor output), after half of the body's words: page text often
    names its comment count near the top ("12 Comments" beside the share buttons).
    """
    words = page.words
    total = sum(compress(words, body))
    before = 0  # words of the body lines above line i
    paragraph = False  # whether one of them is a full paragraph
    seen = 0  # the lines counted in ``before`` and ``paragraph``: those above ``seen``
    lines = page.lines
    local = page.local
    for i in compress(count(), map(_OPENS_COMMENT, local)):  # a short comments phrase is among these
        m = local[i]
        if m.topic != "comments" or m.words > 6 or not open_[i]:
            continue
        above = list(compress(words[seen:i], body[seen:i]))
        before += sum(above)
        paragraph = paragraph or max(above, default=0) >= 20
        seen = i
        if paragraph and (bare or 2 * before >= total) and _is_heading(lines[i], m):
            reason = f"below the comments heading {lines[i]!r}"
            for j in range(i, len(body)):
                if open_[j] and (body[j] or j == i):
                    body[j] = False
                    labels[j] = ("comments", "comments.heading", "comments heading" if j == i else reason)
            return


#: 1 for a line that opens a comment: a comment header, or a comments phrase of six words or less
_OPENS_COMMENT = attrgetter("comment")


def _is_heading(line: str, local: Local) -> bool:
    """Whether a short comments-topic line is all phrase ("Comments"), or a count and the phrase ("3 Kommentare")."""
    if not (line[-1].isalnum() or line[-1] in ":)|"):
        return False
    if local.cover >= 0.6:
        return True
    return line[0].isdigit() and round(local.cover * local.words) == local.words - 1


def _starts_with_body(page: Page, probability: Sequence[float], threshold: float) -> bool:
    """Whether the text opens with body lines (one short line, a title say, may come first).

    A first line that reads as a full paragraph (20 words or more, a quarter of them
    stopwords, no boilerplate phrase or copyright) counts whatever it scores: the
    score of a first line depends on what follows it, and extractor output whose
    lead paragraph lacks a full stop would otherwise lose it, then the next line,
    on the passes that settle the body.
    """
    words = page.words
    if words and words[0] >= 20:
        first = page.local[0]
        if 4 * first.stopwords >= first.words and not first.topic and not first.is_copyright:
            return True
    for i, p in enumerate(probability[:2]):
        if p >= threshold and words[i] >= 8:
            return True
        if words[i] > 12:
            return False
    return False


#: body lines this many lines or more below the article (lines still open between them) ...
ISLAND_GAP = 7
#: ... and of fewer words than this in all are stray lines, not the article
ISLAND_WORDS = 100


def _islands(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
) -> None:
    """Small islands of body lines far below the article leave the body (rule ``boilerplate.island``).

    The article is the run of body lines (among the lines still open) with the most words; below it, a
    run of body lines of fewer than :data:`ISLAND_WORDS` words with :data:`ISLAND_GAP` or more non-body
    lines between it and the body above (a byline of rule ``byline.below`` not counted: it belongs to the
    article) is what pages put under an article: the summaries of other stories, an author's bio, a cookie
    or membership notice, a reader's comment. Page text only.
    """
    lines = [i for i in range(len(body)) if open_[i]]
    runs: list[list[int]] = []  # runs of body lines among the open lines, as positions in ``lines``
    for k, i in enumerate(lines):
        if body[i]:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    if len(runs) < 2:
        return
    words = page.words
    sizes = [sum(words[lines[k]] for k in run) for run in runs]
    main = sizes.index(max(sizes))
    # a byline found under the article's first paragraph (rule ``byline.below``) belongs to the article: no gap
    header = [k for k, i in enumerate(lines) if (label := labels[i]) is not None and label[1] == "byline.below"]
    for r in range(main + 1, len(runs)):
        gap = runs[r][0] - runs[r - 1][-1] - 1
        gap -= sum(runs[r - 1][-1] < k < runs[r][0] for k in header)
        if gap < ISLAND_GAP or sizes[r] >= ISLAND_WORDS:
            continue
        reason = f"{sizes[r]} words of body-like lines {gap} lines below the body above them"
        for k in runs[r]:
            i = lines[k]
            body[i] = False
            kept.pop(i, None)
            labels[i] = (page.topic[i] or "boilerplate", "boilerplate.island", reason)


#: page text has at least this many lines ...
CHROME_LINES = 40
#: ... at least this share of them short (three words or fewer: menu items, buttons, labels) ...
CHROME_SHORT = 0.5
#: ... and at least this many lines that are all boilerplate phrase ("Share", "Newsletter", "Impressum")
CHROME_PHRASES = 3


def _has_page_chrome(page: Page) -> bool:
    """Whether ``page`` carries a whole page's chrome: :data:`CHROME_LINES` lines or more, a share of
    :data:`CHROME_SHORT` or more of them three words or shorter, and :data:`CHROME_PHRASES` or more lines
    that are all boilerplate phrase. Such text is page text even when its first lines read as body (a
    site's intro paragraph, a cookie notice or a teaser above the menus), so it does not get the lower
    bar and the interior rule of text that opens with its body (extractor output), which has no menus.

    >>> menu = ["Home", "Sport", "Share", "Newsletter", "Imprint"] * 8
    >>> _has_page_chrome(Page.from_lines(menu)), _has_page_chrome(Page.from_lines(menu[:10]))
    (True, False)
    """
    n = len(page)
    if n < CHROME_LINES:
        return False
    words = page.words
    if sum(1 for w in words if w <= 3) < CHROME_SHORT * n:
        return False
    return _phrase_lines(page, CHROME_PHRASES) >= CHROME_PHRASES


#: text with a share of short lines below this ...
CHROMELESS_SHORT = 0.35
#: ... and at most this many lines that are all boilerplate phrase carries no page chrome
CHROMELESS_PHRASES = 1


def _has_no_chrome(page: Page) -> bool:
    """Whether ``page`` carries no page chrome at all: under :data:`CHROMELESS_SHORT` of its lines three
    words or shorter and at most :data:`CHROMELESS_PHRASES` line that is all boilerplate phrase. Such text
    is extractor output (menus, buttons and labels are gone) even when its first lines do not read as body
    (a kicker, a short dek, a date), so it gets the bar and the interior rule of text that opens with its body.

    >>> prose = "The council approved the new harbour plan on Tuesday after a long debate."
    >>> _has_no_chrome(Page.from_lines([prose] * 4)), _has_no_chrome(Page.from_lines(["Home", "Share", prose]))
    (True, False)
    """
    n = len(page)
    if not n or sum(1 for w in page.words if w <= 3) >= CHROMELESS_SHORT * n:
        return False
    return _phrase_lines(page, CHROMELESS_PHRASES + 1) <= CHROMELESS_PHRASES


def _phrase_lines(page: Page, enough: int) -> int:
    """How many lines of ``page`` are all boilerplate phrase ("Share", "Newsletter"), counted up to ``enough``."""
    phrases = 0
    for m in page.local:
        if m.topic and m.cover >= 0.6 and m.words <= 6:
            phrases += 1
            if phrases >= enough:
                break
    return phrases


def _rescue(page: Page, probability: Sequence[float], open_: Sequence[bool], body: list[bool]) -> None:
    """Nothing passed: keep the best run of lines rather than return an empty body."""
    candidates = [i for i, ok in enumerate(open_) if ok]
    best = max(probability[i] for i in candidates)
    half = best / 2
    scores = [(probability[i] - half) if open_[i] else -1.0 for i in range(len(open_))]
    start, end = densest_run(scores, run_weights(page))
    kept = False
    for i in range(start, end):
        if open_[i] and probability[i] >= half:
            body[i] = kept = True
    if not kept:
        body[max(candidates, key=lambda i: probability[i])] = True


def _kind(page: Page, i: int) -> str:
    if page.topic[i]:
        return page.topic[i]
    if page.is_copyright(i):
        return "legal"
    return "navigation" if page.words[i] <= 6 else "boilerplate"


def _boilerplate_label(local: Local) -> tuple[str, str, str]:
    """The label of a line scored as boilerplate, from what it says (a lexicon topic, a copyright) or its length."""
    topic = local.topic
    if topic:
        return _TOPIC_LABELS[topic]
    if local.is_copyright:
        return _COPYRIGHT_LABEL
    if local.words <= 6:
        return _SHORT_LABEL
    return _MODEL_LABEL


_TOPIC_LABELS = {
    topic: (topic, f"boilerplate.{topic}.lexicon", f"{topic} phrase in a line scored as boilerplate")
    for topic in TOPICS
}
_COPYRIGHT_LABEL = ("legal", "boilerplate.legal.copyright", "copyright notice")
_SHORT_LABEL = ("navigation", "boilerplate.navigation.short", "short link-like line scored as boilerplate")
_MODEL_LABEL = ("boilerplate", "boilerplate.model", "line scored as boilerplate")


def _title_like(page: Page, i: int, counts: Counter[str], dated_headline: bool = False) -> bool:
    """Whether line ``i`` may be the title; ``counts`` says how often each line occurs among those
    still kept. A headline often occurs twice or more (a breadcrumb or og:title copy, the h1, a share
    text; an earlier step may have removed one); a short line (under :data:`ECHO_WORDS` words) kept
    three times or more is a menu item or a label. A date line ("5. März 2024"), a byline that goes
    on with its date, a line of fewer than two words of letters, or mostly numbers ("245 0 0",
    "Harbor City 21 14 18 12 — 65"), a relative time ("1 hour ago"), an interface string written
    twice ("Donate Donate") and a breadcrumb ("Blog > Nutrition > Meal Plans") are no title
    (:mod:`copydesk.boilerplate.titles`); nor is a name with a news agency or a job title after it, a
    byline without its "By" ("Tom Davies Associated Press", "Anna Schmidt Redakteurin"). A short dated
    line is no title unless it reads as a headline (``dated_headline``: :meth:`_Topical.dated_headline`)."""
    words = page.words[i]
    line = page.lines[i]
    if not 2 <= words <= 30 or (counts[line] > 2 and words < ECHO_WORDS):
        return False
    if page.topic[i] and page.topic_cover[i] >= 0.5:
        return False
    if line.endswith((".", ":", ",", ";")) and not line.endswith("..."):
        return False
    if (words <= 4 and page.is_date(i) and not dated_headline) or opens_with_byline(line) or _credited_name(line):
        return False
    lettered = len(_LETTERS.findall(line))
    if lettered < 2 or 2 * lettered < words:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in _QUOTES_OPEN):
        return False
    return not (is_relative_time(line) or is_doubled(line) or is_trail(line))


def _pick_title(
    page: Page,
    body: Sequence[bool],
    open_: Sequence[bool],
    labels: Sequence[tuple[str, str, str] | None],
    lo: int,
    end: int,
    window: int,
    bylines: Sequence[int],
    topical: _Topical,
    headlines: set[int],
) -> tuple[int | None, bool]:
    """The headline among the lines from ``lo`` to the first full paragraph (``end - 1``), or ``None``,
    and whether it stands just above the byline.

    Just above the byline (a date, a kicker or a dek may come between; the byline may be the
    window's first line), the first line that may be a title and is no interface string
    (:func:`_topical`), or of those lines the one the page repeats (``titles.is_echoed``: the HTML
    title "Headline - Site" or a second copy; the line under it is then a dek). Else the best scored
    of those lines: longer and nearer the body is better; followed by the body, a byline, a date, a
    share line or only chrome before the body is better (followed by a menu or a link list is not);
    sharing its words with the body is better, in proportion to how many it has up to three (one
    shared word is little evidence), and sharing none (a section name, "Zurück zur Übersicht",
    "Close extra sharing options") is worse; repeated on the page is better. A short line the model
    kept above the first full paragraph may be the headline too.
    """
    n = len(body)
    # the page's own counts (score_page made them) when every line is still kept, as on every settling pass
    counts = page.counts if all(open_) else Counter(compress(page.lines, open_))
    if bylines:
        top = max(0, bylines[0] - 4)  # the headline may stand above the window's first line
        above = [
            i
            for i in range(bylines[0] - 1, top - 1, -1)
            if open_[i]
            and labels[i] is None
            and _title_like(page, i, counts, i in headlines)
            and topical.share(i) != 0.0
        ]
        if above:
            return next((i for i in above if is_echoed(page.lines[i], page.lines, page.counts)), above[0]), True
    first_body = next((i for i in range(n) if body[i]), n)
    title_at = None
    best = -1.0
    for i in range(lo, end - 1):
        if not open_[i] or labels[i] is not None or not _title_like(page, i, counts, i in headlines):
            continue
        score = min(page.words[i], 14) / 14 + (i - lo) / (2 * window)
        following = next((j for j in range(i + 1, n) if open_[j]), n)
        label = labels[following] if following < n else None
        if following < n and (body[following] or (label is not None and label[0] in _FOLLOWERS)):
            score += 1.0
            if label is not None and label[0] in _HEADER_KINDS:
                if _bare_name(page.lines[i]):
                    continue  # the author's name over the date: a byline without its "By"
                score += _ABOVE_HEADER  # just above the byline or the date line
        elif _chrome_until(page, open_, labels, following, first_body):
            score += 1.0  # only share buttons, dates and bylines between it and the body
        share = topical.share(i)
        if share is not None:
            if share > 0:  # one shared word of three is little evidence: "CNBC TV", "Our team"
                share *= min(1.0, len(set(topical.content(i))) / 3)
            score += share if share > 0 else -_UNTOPICAL
        if share != 0.0 and is_echoed(page.lines[i], page.lines, page.counts):
            score += _ECHO  # (a share bar at the top and the foot of the article repeats too, sharing no word)
        if score > best:
            best, title_at = score, i
    return title_at, False


def _bare_name(line: str) -> bool:
    """Whether ``line`` is only a person's name: two or three words, each capitalised.

    >>> _bare_name("Marie Dubois"), _bare_name("Summit in Glasgow"), _bare_name("Trade talks resume in Beijing")
    (True, False, False)
    """
    tokens = line.split()
    return 2 <= len(tokens) <= 3 and all(t[0].isupper() and t.replace("-", "").isalpha() for t in tokens)


def _credited_name(line: str) -> bool:
    """Whether ``line`` is a byline without its "By": a person's name (:func:`_bare_name`) and after it a
    news agency (the credits lexicons' wire services) or a job title (lexicon ``byline_roles``).

    >>> _credited_name("Tom Davies Associated Press"), _credited_name("Marie Dubois, AFP")
    (True, True)
    >>> _credited_name("Anna Schmidt Redakteurin"), _credited_name("Jane Doe"), _credited_name("Reuters cuts jobs")
    (True, False, False)
    """
    for agency in _agencies_longest_first():
        if line.endswith(agency) and len(line) > len(agency):
            rest = line[: -len(agency)]
            if rest[-1] in _CREDIT_GAP:
                return _bare_name(without_role(rest.rstrip(_CREDIT_GAP)))
    name = without_role(line)
    return name != line and _bare_name(name)


def _credited_byline(line: str) -> str:
    """The author of a byline without its "By" (:func:`_credited_name`), or ``""``: a name and a news agency,
    or a name and a job title with a word of its own (lexicon ``byline_roles``), not only words that qualify one
    (lexicon ``byline_role_qualifiers``: "Business", "Senior"), since a section or a menu ends with those too.

    >>> _credited_byline("Tom Davies Associated Press"), _credited_byline("Anna Schmidt Redakteurin")
    ('Tom Davies', 'Anna Schmidt')
    >>> _credited_byline("Lucía Martín Enviada especial"), _credited_byline("Jane DoeStaff Writer")
    ('Lucía Martín', 'Jane Doe')
    >>> _credited_byline("Owen Marsh Education editor"), _credited_byline("Ana Ruiz Agencia EFE")
    ('Owen Marsh', 'Ana Ruiz')
    >>> _credited_byline("Follow CNN Business"), _credited_byline("Theoretical Computer Science")
    ('', '')
    """
    words = line.split()
    if not 3 <= len(words) <= 8 or not (words[0][0].isupper() and words[1][0].isupper()):
        return ""
    if line.endswith(_agencies_longest_first()):
        for agency in _agencies_longest_first():
            if line.endswith(agency) and len(line) > len(agency):
                rest = line[: -len(agency)]
                if rest[-1] not in _CREDIT_GAP:
                    return ""
                name = without_role(rest.rstrip(_CREDIT_GAP))  # "Ana Ruiz Agencia EFE" -> "Ana Ruiz"
                return name if _bare_name(name) else ""
    joined = " ".join(words)
    name = without_role(joined)
    if name == joined or not joined.startswith(name) or not _bare_name(name):
        return ""
    qualifiers = _role_qualifiers()
    role = joined[len(name) :].split()
    return name if any(word.casefold().strip(",.") not in qualifiers for word in role) else ""


@cache
def _role_qualifiers() -> frozenset[str]:
    return load_lexicon("byline_role_qualifiers", languages("byline_role_qualifiers"))


#: A byline without its "By" above the body (rule ``byline.credited``): a name and a job title or a news agency
_CREDITED = "byline", "byline.credited", "byline without a prefix (a name and {}): {}"
#: what may stand between a name and the agency after it
_CREDIT_GAP = " ,|/-–—·"


@cache
def _agencies_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_news_agencies(), key=len, reverse=True))


#: What a candidate title gains when the page repeats it (its HTML title, "Headline - Site", or a second copy).
_ECHO = 1.0
#: Labels of a line that a headline may stand right above (besides the body).
_FOLLOWERS = ("byline", "dateline", "share", "teaser")

#: What a candidate title that shares no word with the body loses from its score.
_UNTOPICAL = 1.5
#: What a candidate title right above the byline or the date line gains.
_ABOVE_HEADER = 0.5


class _Topical:
    """How much of a line's vocabulary the article's body shares: the body's words are read once,
    when first asked, from the lines the model kept from ``end - 1`` (the first full paragraph) on.

    >>> page = Page.from_lines(["Zurück zur Übersicht", "Gesamtschule erhält neuen Standort",
    ...     "Die Gesamtschule am Südpark bekommt ein neues Gebäude, teilte die Stadt am Dienstag mit."])
    >>> topical = _Topical(page, [False, True, True], 3)
    >>> topical.share(0), topical.share(1)
    (0.0, 0.25)
    """

    def __init__(self, page: Page, body: Sequence[bool], end: int) -> None:
        self.page, self.body, self.end = page, body, end
        self._text: str | None = None  # the body's text, case-folded
        self._stopwords = _stopwords(page.language)

    def content(self, i: int) -> list[str]:
        """The words of line ``i`` that carry its topic: three letters or more, no stopword, no number."""
        return [
            w
            for w in _WORD.findall(self.page.lines[i].casefold())
            if len(w) >= 3 and not w.isdigit() and w not in self._stopwords
        ]

    def share(self, i: int) -> float | None:
        """The share of line ``i``'s topic words found in the body (``None`` when it has none)."""
        words = self.content(i)
        if not words:
            return None
        return self._found(set(words)) / len(set(words))

    def dated_headline(self, i: int) -> bool:
        """Whether dated line ``i`` reads as a headline: two of its topic words or more, no month among
        them, occur in the body ("September 2018 open thread" over "... our June 2018 open thread ...").
        A date line's other words (a weekday, "Updated", a place) seldom do, twice."""
        line = self.page.lines[i]
        if _META_MARKS.search(line) is not None or _PLACE_FIRST.match(line) is not None:
            return False  # "Jane Doe | 12. März 2024 | Politik", "Hamburg/Berlin, 12. März 2024"
        if _stamp_phrase(line) or _by_name().search(line) is not None:
            return False  # "Veröffentlicht am 13. März 2019", "Am 13. November 2019 Von Henry In Aktuell"
        months = _month_words()
        own = {w for w in self.content(i) if w not in months}
        return len(own) >= 2 and self._found(own) >= 2

    def _found(self, own: set[str]) -> int:
        """How many of the words ``own`` occur in the body."""
        if self._text is None:
            lines = self.page.lines
            self._text = " ".join(lines[j] for j in range(max(0, self.end - 1), len(lines)) if self.body[j]).casefold()
        # a word of the body: one of ``_WORD.findall(self._text)``, looked for alone rather than all of them cut
        return sum(1 for w in own if next(_whole_words(self._text, w, _TOKEN_CHAR.match), None) is not None)


#: separators of a meta line ("Jane Doe | 12. März 2024 | Politik")
_META_MARKS = regex.compile(r"[|•·]")
#: a place (or places) and a comma before the date: "Hamburg/Berlin, 12. März 2024", "Paris, le 12 mars 2024"
_PLACE_FIRST = regex.compile(r"[^,\d]{2,40},")


@cache
def _by_name() -> regex.Pattern[str]:
    """A one-word byline prefix (lexicons ``byline`` and ``byline_before_name``: "by", "von", "de") before a
    capitalised word, anywhere in a line: "... Von Henry In Aktuell"."""
    prefixes = {
        p
        for topic in ("byline", "byline_before_name")
        for p in load_lexicon(topic, languages(topic))
        if _WORD.fullmatch(p)
    }
    alternation = "|".join(sorted(map(regex.escape, prefixes), key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?i:{alternation})\s+\p{{Lu}}")


def _chrome_until(
    page: Page, open_: Sequence[bool], labels: Sequence[tuple[str, str, str] | None], start: int, end: int
) -> bool:
    """Whether the kept lines from ``start`` up to the body at ``end`` are all chrome: short (three words
    at most), a date, or a byline or date line already labelled.

    >>> page = Page.from_lines(["Share permalink", "Mar 4 2024, 10:12am ist", "Trade talks resume in Beijing"])
    >>> _chrome_until(page, [True] * 3, [None] * 3, 0, 2), _chrome_until(page, [True] * 3, [None] * 3, 0, 3)
    (True, False)
    """
    if start >= end or end >= len(page):
        return False
    for j in range(start, end):
        label = labels[j]
        if open_[j] and page.words[j] > 3 and not page.is_date(j) and (label is None or label[0] not in _HEADER_KINDS):
            return False
    return True


_HEADER_KINDS = ("byline", "dateline")


#: how many kept lines may stand between a standfirst and the body
LEDE_GAP = 3
#: the body probability a standfirst needs
LEDE_FLOOR = 0.2


def _reads_as_paragraph(page: Page, i: int) -> bool:
    """Whether line ``i`` reads as running prose: 15 words or more, a sixth of them stopwords, ending
    a sentence, with no boilerplate phrase, copyright, address or glued words ("SpringThe")."""
    local = page.local[i]
    bins = local.bins
    return (
        local.words >= 15
        and 6 * local.stopwords >= local.words
        and bins[2] in (0, 1, 5)
        and not local.topic
        and not local.is_copyright
        and not bins[10]
        and not bins[14]
    )


def _lede(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
    probability: Sequence[float],
) -> None:
    """A standfirst the model scored low: the nearest prose paragraph above the first body line, with at
    most :data:`LEDE_GAP` lines (date, author, caption) between them, stays in the body, labelled
    ``teaser`` (rule ``teaser.lede``)."""
    first_body = next((i for i, b in enumerate(body) if b), None)
    if first_body is None:
        return
    seen = 0
    for i in range(first_body - 1, -1, -1):
        if not open_[i]:
            continue
        if seen > LEDE_GAP:
            return
        seen += 1
        label = labels[i]
        if label is not None and label[0] in ("title", "byline", "dateline", "teaser"):
            if label[0] in ("title", "teaser"):
                # a paragraph above the headline belongs to something else; a teaser the fields found
                # (a quoted standfirst under the byline) was decided already
                return
            continue
        if _reads_as_paragraph(page, i):
            if probability[i] >= LEDE_FLOOR:
                body[i] = True
                labels[i] = None
                kept[i] = ("teaser", "teaser.lede", "prose paragraph just above the body")
            return


#: how many lines may stand between the last body line and a prose paragraph that continues the body
TAIL_GAP = 2
#: the body probability such a paragraph needs
TAIL_FLOOR = 0.2
#: the first body line must come this far down the page (a page header above it: page text, not extractor output)
TAIL_HEADER = 3


def _tail(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
    probability: Sequence[float],
) -> None:
    """Prose paragraphs just below the last body line continue the body (rule ``body.tail``).

    Page text often breaks its last paragraphs away from the densest run (an ad, a
    photo, a pull quote between them), and they score lower there. A line that reads
    as prose (:func:`_reads_as_paragraph`), scores at least :data:`TAIL_FLOOR` and has
    at most :data:`TAIL_GAP` lines between it and the body joins it; then the next.
    Lines a rule labelled (lexicon lines) stay out, and a comments line ("Comments", "3 Kommentare") ends the search.
    """
    n = len(body)
    last = next((i for i in range(n - 1, -1, -1) if body[i]), None)
    if last is None or body.index(True) < TAIL_HEADER:
        return
    while True:
        seen = 0
        found = None
        for i in range(last + 1, n):
            if not open_[i]:
                continue
            if seen > TAIL_GAP or page.topic[i] == "comments":
                break  # too far, or the comment section starts
            seen += 1
            if labels[i] is None and probability[i] >= TAIL_FLOOR and _reads_as_paragraph(page, i):
                found = i
                break
        if found is None:
            return
        body[found] = True
        kept[found] = ("body", "body.tail", f"prose paragraph just below the body (score {probability[found]:.2f})")
        last = found


#: the body probability a line needs to join the body when it stands alone between two body paragraphs
BETWEEN_FLOOR = 0.45
#: how many words each of those paragraphs needs
BETWEEN_WORDS = 8


def _between(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
    probability: Sequence[float],
) -> None:
    """A lone line between two body paragraphs of page text joins the body when it scores at least
    :data:`BETWEEN_FLOOR` (rule ``body.between``: a short paragraph, a subheading, a quote line that fell
    just below the threshold; jusText keeps a near-good line between good ones the same way). A line a
    rule labelled, or with a boilerplate phrase or a copyright, stays out."""
    words = page.words
    local = page.local
    lines = [i for i in range(len(body)) if open_[i]]
    for a, b, c in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            not body[b]
            and body[a]
            and body[c]
            and labels[b] is None
            and probability[b] >= BETWEEN_FLOOR
            and words[a] >= BETWEEN_WORDS
            and words[c] >= BETWEEN_WORDS
            and not local[b].topic
            and not local[b].is_copyright
        ):
            body[b] = True
            kept[b] = ("body", "body.between", f"alone between two body paragraphs (score {probability[b]:.2f})")


#: a list that a body paragraph announces with a colon has at most this many items (lines)
LIST_ITEMS = 15
#: and the paragraph at least this many words
LIST_INTRO_WORDS = 4


def _colon_lists(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
) -> None:
    """In page text, the lines between a body paragraph that ends with a colon ("The plan has three parts:",
    "Dafür braucht man:", "Voici les règles :") and the next body line join the body, when there are at most
    :data:`LIST_ITEMS` of them and the model alone took them out (no rule labelled them, no boilerplate phrase or
    copyright in them): the items of the list the paragraph announces (rule ``body.list``). A run that no body
    line closes stays out (a paragraph may announce a form, a menu or the comments)."""
    words = page.words
    local = page.local
    lines = [i for i in range(len(body)) if open_[i]]
    for k, i in enumerate(lines):
        if not body[i] or words[i] < LIST_INTRO_WORDS or not page.lines[i].rstrip().endswith(":"):
            continue
        run: list[int] = []
        headings = 0
        for j in lines[k + 1 :]:
            if body[j]:
                break
            headings += page.lines[j].rstrip().endswith(":")
            if (
                labels[j] is not None
                or local[j].topic
                or local[j].is_copyright
                or len(run) == LIST_ITEMS
                or headings > 1  # headings of their own ("Starke Zahlen bei BMW:"): teasers or sections, not items
                or page.is_date(j)
                or page.is_byline(j)  # another story's header
            ):
                run = []
                break
            run.append(j)
        else:
            run = []  # no body line closes the run
        for j in run:
            body[j] = True
            kept[j] = ("body", "body.list", "an item of the list a body paragraph announces with a colon")


#: the body probability a sentence next to a body paragraph needs to join it
EDGE_FLOOR = 0.2
#: how many words that sentence and the body paragraph beside it need
EDGE_WORDS = 8


def _edges(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    kept: dict[int, tuple[str, str, str]],
    probability: Sequence[float],
) -> None:
    """A line of page text right above or below a body paragraph joins the body when it is a sentence (it ends
    like one and has :data:`EDGE_WORDS` words or more) and scores at least :data:`EDGE_FLOOR` (rule
    ``body.edge``: the first or last sentences of a run of paragraphs, which score lower beside the page's
    chrome; jusText's context pass keeps near-good lines next to good ones the same way). A line a rule
    labelled, or with a boilerplate phrase or a copyright, stays out; a line that joins lets the next one join."""
    words = page.words
    local = page.local
    lines = [i for i in range(len(body)) if open_[i]]
    candidates = [
        k
        for k, i in enumerate(lines)
        if not body[i]
        and labels[i] is None
        and probability[i] >= EDGE_FLOOR
        and words[i] >= EDGE_WORDS
        and local[i].bins[2] in _SENTENCE_ENDS
        and not local[i].topic
        and not local[i].is_copyright
    ]
    changed = bool(candidates)
    while changed:
        changed = False
        for k in candidates:
            i = lines[k]
            if body[i]:
                continue
            for j in (lines[k - 1] if k else None, lines[k + 1] if k + 1 < len(lines) else None):
                if j is not None and body[j] and words[j] >= EDGE_WORDS:
                    body[i] = changed = True
                    kept[i] = ("body", "body.edge", f"a sentence next to a body paragraph (score {probability[i]:.2f})")
                    break


#: the bins of the ``end`` feature of a line that ends a sentence: ".", "!" or "?", "..." or "…"
_SENTENCE_ENDS = (0, 1, 5)


#: how many lines below the first full paragraph a byline may stand and still open the article (rule
#: ``byline.below``)
BELOW_LINES = 3


def _byline_below(
    page: Page, open_: Sequence[bool], labels: Sequence[tuple[str, str, str] | None], end: int
) -> tuple[int, list[str]] | None:
    """The first byline with a prefix, and its authors' names, among the :data:`BELOW_LINES` lines of page text
    right under the first full paragraph (which ends at ``end``), or ``None``: the header search ends at that
    paragraph, which is a standfirst or a teaser when a byline follows it ("By Jane DoeStaff Writer" under a
    30-word dek; rule ``byline.below``, called only when the header has no byline of its own). Only a byline with
    a person's name in it (two or three capitalised words once a job title is left out): not "Von Risiken und
    Nebenwirkungen", a subheading."""
    for i in islice((i for i in range(end, len(open_)) if open_[i]), BELOW_LINES):
        if labels[i] is None and page.is_byline(i):
            names = [without_role(name) for name in page.authors(i)]
            return (i, names) if any(_bare_name(name) for name in names) else None
    return None


def _fields(
    page: Page,
    body: list[bool],
    open_: Sequence[bool],
    labels: list[tuple[str, str, str] | None],
    window: int,
    kept: dict[int, tuple[str, str, str]],
) -> tuple[str | None, list[str]]:
    """Title, byline, dateline and teaser, looked for in the lines above the first full paragraph."""
    n = len(body)
    end = next((i for i in range(n) if body[i] and page.words[i] >= 20), None)
    if end is None:
        end = next(i for i in range(n) if body[i])
    end += 1
    lo = max(0, end - window)
    free = [i for i in range(lo, end) if open_[i] and labels[i] is None]
    authors: list[str] = []
    bylines: list[int] = []
    topical = _Topical(page, body, end)
    headlines: set[int] = set()  # dated lines that read as a headline ("September 2018 open thread")
    # a byline with a prefix ("By ...") makes the page's other credited names photo credits, not bylines
    prefixed = any(page.is_byline(i) for i in free)
    for i in free:
        if page.is_byline(i):
            names = [without_role(name) for name in page.authors(i)]  # "Jane DoeStaff Writer" -> "Jane Doe"
            if names:
                body[i] = False
                labels[i] = ("byline", "byline.prefix", "byline: " + ", ".join(names))
                authors = authors or names
                bylines.append(i)
        elif not prefixed and not bylines and (name := _credited_byline(page.lines[i])):
            # "Tom Davies Associated Press", "Anna Schmidt Redakteurin": the first such line above the body
            body[i] = False
            what = "a job title" if without_role(page.lines[i]) != page.lines[i] else "a news agency"
            kind, rule, reason = _CREDITED
            labels[i] = (kind, rule, reason.format(what, name))
            authors = [name]
            bylines.append(i)
        elif page.is_date(i) and (page.words[i] <= 8 or (not body[i] and page.words[i] <= 10)):
            if topical.dated_headline(i):
                headlines.add(i)
                continue
            body[i] = False
            labels[i] = ("dateline", "dateline.date", "date line above the body")
    if not bylines and (found := _byline_below(page, open_, labels, end)) is not None:
        # the first full paragraph was a standfirst or a teaser: the byline under it is the article's; the title
        # and teaser searches below go on as without it (the headline stands above the standfirst)
        below, names = found
        body[below] = False
        labels[below] = ("byline", "byline.below", "byline under the first paragraph: " + ", ".join(names))
        authors = names
    title_at, above_byline = _pick_title(page, body, open_, labels, lo, end, window, bylines, topical, headlines)
    if title_at is not None and body[title_at] and not above_byline:
        # a short line the model kept above the first paragraph: the headline, and it stays in the body
        kept[title_at] = ("title", "title.kept", "headline the body opens with")
    elif title_at is not None:
        body[title_at] = False
        labels[title_at] = ("title", "title.headline", "headline above the body")
    # teaser: a quoted standfirst right under the byline, with the body following it
    if bylines:
        after = [i for i in range(bylines[-1] + 1, n) if open_[i] and labels[i] is None]
        if (
            len(after) >= 2
            and body[after[0]]
            and body[after[1]]
            and page.lines[after[0]][0] in _QUOTES_OPEN
            and page.words[after[0]] <= 80
        ):
            body[after[0]] = False
            labels[after[0]] = ("teaser", "teaser.quote", "quoted standfirst under the byline")
    elif title_at is not None:
        # a standfirst: the paragraph right under the headline, cut off from the body by a date, byline or chrome
        after = [i for i in range(title_at + 1, min(n, title_at + 4)) if open_[i]]
        if (
            len(after) >= 2
            and labels[after[0]] is None
            and body[after[0]]
            and page.words[after[0]] >= 8
            and (not body[after[1]] or labels[after[1]] is not None)
            and any(body[j] and labels[j] is None for j in range(after[1] + 1, n))
        ):
            # it stays in the body (it is the article's first paragraph to most readers), labelled teaser
            kept[after[0]] = ("teaser", "teaser.standfirst", "standfirst between the headline and the body")
    title = page.lines[title_at] if title_at is not None else None
    return title, authors
