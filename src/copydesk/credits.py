"""Photo and media credits: recognise credit lines and split a caption from its credit.

The phrases come from the lexicon files ``copydesk/lexicons/credits/<lang>.txt``,
one entry a line written ``KIND PHRASE``:

- ``label``: introduces a credit name ("Photo: Reuters", "Foto: dpa", "Image source, Getty Images");
- ``by``: a phrase followed by a name ("Photo by Jane Doe", "Foto von Max Muster");
- ``agency``: a photo agency, a credit on its own or inside one ("Getty Images", "AP Photo");
- ``wire``: a news agency, a credit on its own or with a photographer ("REUTERS/Jane Doe"),
  never when it stands alone at the end of a sentence ("... the company said. (Reuters)");
- ``generic``: an agency word that is a common word too ("Archiv", "File", "Especial"): a credit
  after a label, in brackets, before "/" and a name or beside another agency ("Foto: privat",
  "(FILE)", "Archivo/La Comarca", "dpa/Archiv"); never alone or after names ("Termine / Archiv");
- ``media``: a media noun ("Video"), never a credit name ("Foto/Video"), and the word before a
  gallery counter ("Video 3 of 9");
- ``line``: a whole line that is a media label or a gallery control ("View Full Image");
- ``caption``: a prefix that starts a caption ("FILE PHOTO: ...", "Image caption, ...");
- ``counter``: the word of a gallery counter ("3 of 12", "Bild 3 von 12");
- ``toggle``: a word that shows or hides the rest of a cut caption ("... more");
- ``notice``: a phrase of a legal notice ("All rights reserved", "Powered by"): a line that
  holds one before a "©" credit is a copyright notice, not a caption and its credit;
- ``byline``: a word that leads a byline, beside those of the byline lexicons
  (``copydesk/lexicons/byline``): a byline lead word, a name and an agency ("Von Lena Haas, dpa",
  "By Tom Alder, AP", "De Ana Lima, Lusa") is a byline, never a credit: the boilerplate step reads it;
- ``position``: a marker in brackets that says where a person stands in the photo, after a
  capitalised word ("Lena Haas (l.) und ...", "Tom Alder (right) looks on", "(von links)"):
  it makes a short line a caption (:meth:`CreditLexicon.position`);
- ``middle``: a marker of the middle ("(Mitte)", "(centre)"), the same but only after a name of
  two words ("Jo Ray (centre)"; not "Blech auf der Schiene (Mitte) einschieben").

A credit is only ever recognised as a whole line, in parentheses at the end of a
line, or after the last sentence of a line: a credit-like phrase inside a
sentence is left alone.

>>> lex = CreditLexicon()
>>> lex.line("Photo: Dana R. Whitfield").rule
'credit.line'
>>> lex.line("She took the photo: it was her last day.") is None
True
>>> parts = lex.parse("Joe Biden speaks in Washington. (AP Photo/Dale Varnum)")
>>> parts.caption, parts.credit, parts.rule
('Joe Biden speaks in Washington.', 'AP Photo/Dale Varnum', 'caption.credit')
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress, count, repeat
from operator import itemgetter

from copydesk.lexicon import languages, load_lexicon

__all__ = ["CaptionParts", "CreditLexicon", "CreditMatch", "credit_lexicon", "edge_words"]

_KINDS = (
    "label",
    "by",
    "agency",
    "wire",
    "generic",
    "media",
    "line",
    "caption",
    "counter",
    "toggle",
    "notice",
    "byline",
    "position",
    "middle",
)

#: Words that join the parts of a credit: "AFP via Getty Images", "Jane Doe for The Times".
_JOINERS = r"via|for|für|pour|para|per|por|über"
_SPLIT = re.compile(rf"\s*(?:[/|,·•]|\s[-–—]\s|\b(?:{_JOINERS})\b)\s*")
#: Name particles that may be lower case inside a name.
_PARTICLES = frozenset(
    "de da do dos das del della di du van von der den la le el al bin ibn y e & and und et ter ten zu".split()
)


def _name_token(token: str) -> bool:
    """Whether ``token`` starts like a name: an upper-case letter (Lu) or a decimal digit.

    >>> _name_token("Évan"), _name_token("3rd"), _name_token("van")
    (True, True, False)
    """
    return bool(token) and (token[0].isdecimal() or unicodedata.category(token[0]) == "Lu")


#: A sentence end inside a line, spaces or not after it ("... to help.Photograph: Jane Doe").
_SENTENCE_END = re.compile(r"(?<=[.!?…\"”’»)])\s*(?=\S)")
_CUT = re.compile(r"\s*(?:\(\s*|\[\s*|\.\.\.|…)$")


@dataclass(frozen=True, slots=True)
class CreditMatch:
    """A whole line recognised as a credit or a media control, with its rule id and reason.

    >>> CreditMatch("credit.counter", "gallery counter").rule
    'credit.counter'
    """

    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class CaptionParts:
    """A line read as a caption: the caption text, its credit, and how it was marked.

    ``rule`` is ``caption.credit`` (a trailing credit), ``caption.prefix`` (a
    caption prefix such as "FILE PHOTO:"), ``caption.position`` (a position marker after a
    name: "Jane Doe (left) and ...") or ``""`` (no caption marker); ``cut``
    says the caption ends in a cut-off mark ("(", "…", "... more").

    >>> CaptionParts("A caption.", "", "", False).marked
    False
    """

    caption: str
    credit: str
    rule: str
    cut: bool

    @property
    def marked(self) -> bool:
        """Whether a credit, a caption prefix or a position marker marks the line as a caption."""
        return bool(self.rule)


def _alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of ``phrases``, longest first, spaces matching ``space`` (any whitespace)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace("\\ ", " ").replace(" ", space) for p in ordered) or r"(?!)"


class CreditLexicon:
    """Credit patterns compiled from the lexicon files of ``langs`` (all languages when ``None``).

    >>> lex = CreditLexicon(["de"])
    >>> lex.line("Foto: dpa").rule, lex.line("Bild 3 von 12").rule
    ('credit.line', 'credit.counter')
    >>> lex.parse("Ein Mann läuft über die Brücke. (Foto: Redaktion/privat)").credit
    'Foto: Redaktion/privat'
    """

    def __init__(self, langs: Iterable[str] | None = None) -> None:
        self.langs = tuple(sorted(languages("credits") if langs is None else langs))
        entries: dict[str, set[str]] = {kind: set() for kind in _KINDS}
        for entry in load_lexicon("credits", self.langs):
            kind, _, phrase = entry.partition(" ")
            if kind not in entries or not phrase.strip():
                raise ValueError(f"credits lexicon: bad entry {entry!r}; expected 'KIND PHRASE', KIND one of {_KINDS}")
            entries[kind].add(phrase.strip())
        label = _alternation(entries["label"])
        by = _alternation(entries["by"])
        media = {*entries["label"], *entries["media"]}
        media_words = _alternation(media)
        counter = _alternation(entries["counter"])
        toggle = _alternation(entries["toggle"])
        # cheap gates: the first and last words a credit or a caption line can have
        self._label_first = frozenset(_first_word(p) for p in entries["label"])
        self._by_first = frozenset(_first_word(p) for p in entries["by"])
        # an agency, a wire or a generic word opens or closes every credit of the agency form
        self._edge_first = frozenset(_first_word(p) for k in ("agency", "wire", "generic") for p in entries[k])
        self._edge_last = frozenset(_last_word(p) for k in ("agency", "wire", "generic") for p in entries[k])
        self._caption_first = frozenset(_first_word(p) for p in entries["caption"])
        self._toggles = frozenset(_last_word(p) for p in entries["toggle"])
        # the first words a credit after a caption can have
        self._tail_words = self._label_first | self._by_first | self._edge_first
        # the first words a whole credit line or gallery control can have (no caption prefixes)
        self._line_first = self._tail_words | frozenset(_first_word(p) for p in entries["line"] | media)
        self._first_words = self._line_first | self._caption_first
        self._last_words = self._edge_last | self._toggles
        self._prefixes = tuple(sorted({" ".join(p.lower().split()) for p in entries["caption"]}))
        self._notice = re.compile(rf"\b(?:{_alternation(entries['notice'])})\b", re.IGNORECASE)
        bylines = {*entries["byline"], *_byline_leads(self.langs)}
        self._byline = re.compile(rf"^(?:{_alternation(bylines)})\s*:?\s+(?P<name>\S.*)$", re.IGNORECASE)
        ending: dict[str, set[str]] = {}
        for kind in ("agency", "wire", "generic"):
            for phrase in entries[kind]:
                ending.setdefault(_last_word(phrase), set()).add(" ".join(phrase.lower().split()))
        self._endings = {word: tuple(sorted(phrases)) for word, phrases in ending.items()}
        self._agencies = frozenset(a.casefold() for a in entries["agency"])
        self._generic = frozenset(a.casefold() for a in entries["generic"])
        self._media = frozenset(" ".join(p.casefold().split()) for p in media)
        self._wires = frozenset(entries["wire"])
        self._lines = frozenset(" ".join(p.casefold().split()) for p in entries["line"])
        # position markers, spaces inside optional ("(v.l.n.r.)", "(v. l. n. r.)"), an ordinal before
        # ("(2. von rechts)"); markers of the middle apart: they need a name of two words before them
        self._middles = frozenset(_squeeze(p) for p in entries["middle"])
        # (spaces but no line break: the lines are scanned joined, and each line's answer is its own)
        markers = _alternation(entries["position"] | entries["middle"], space=r"[^\S\n]*")
        self._marker = re.compile(rf"\((?:\d{{1,2}}\.[^\S\n]*)?(?P<where>{markers})[^\S\n]*\)", re.IGNORECASE)
        self._stopwords = load_lexicon("stopwords")
        # a one-word label and its colon after a comma: "Eine Windkraftanlage bei Steinheim, Foto: EnBW"
        self._comma_labels = frozenset(p.casefold() for p in entries["label"] if _WORDS.fullmatch(p))
        flags = re.IGNORECASE
        self._label = re.compile(rf"^(?:{label})\s*(?P<sep>[:/,|])\s*(?P<name>\S.*)$", flags)
        self._by = re.compile(rf"^(?:{by})\s+(?P<name>\S.*)$", flags)
        # "Photo © Jane Doe", "Foto: © dpa"; a bare "© 2024 The Herald" is a legal line, not a photo credit
        self._copyright = re.compile(rf"^(?:{label})\s*:?\s*(?:©|\(c\))\s*(?P<name>\S.*)$", flags)
        self._counter = re.compile(
            rf"^(?:(?:{media_words})\s+)?\d{{1,3}}\s*(?:{counter})\s*/?\s*\d{{1,4}}$"
            rf"|^(?:{media_words})\s+\d{{1,3}}\s*/\s*\d{{1,4}}$",
            flags,
        )
        # a prefix may carry a figure's number: "Abbildung 4: ...", "Fig. 2. ..."
        self._prefix = re.compile(
            rf"^(?:{_alternation(entries['caption'])})(?:\s*\d{{1,3}}[a-z]?\s*[.:]\s+|\s*[:,]\s*|\s+[-–—]\s+)"
            rf"(?P<rest>\S+(?:\s+\S+){{3,}})$",
            flags,
        )
        self._toggle_cut = re.compile(rf"\s*(?:\.\.\.|…)\s*(?:{toggle})$", flags)
        self._toggle_end = re.compile(rf"(?<=[.)\]])\s+(?:{toggle})$", flags)
        self._paren_tail = re.compile(r"\s*[(\[]\s*(?P<credit>[^()\[\]]{2,120}?)\s*[)\]]$")
        self._copyright_tail = re.compile(
            rf",\s*(?P<credit>(?:(?:{label})\s*)?(?:©|\(c\))\s*[^,©]{{1,80}}(?:,\s*\d{{4}})?)$", flags
        )

    # -- cheap gates ---------------------------------------------------------------------

    def maybe_lines(self, texts: Sequence[str]) -> list[int]:
        """The positions in ``texts`` that :meth:`line` may match: a cheap test on the first and last words.

        >>> CreditLexicon().maybe_lines(["Tom Alder, AP", "The council met on Monday.", "3 of 12", "© Jo Ray"])
        [0, 2, 3]
        """
        firsts, lasts = edge_words(texts)
        first_words, last_words = self._line_first, self._edge_last
        # a line led by a number is a gallery counter at most: short, with a second number ("3 of 12")
        found = [
            p
            for p, (first, last) in enumerate(zip(firsts, lasts, strict=True))
            if (
                first in first_words
                or last in last_words
                or (
                    ("0" <= first < ":" or (first > "~" and first[0].isdigit()))
                    and len(texts[p]) <= 16
                    and _TWO_NUMBERS.search(texts[p]) is not None
                )
            )
            and len(texts[p]) <= 160
        ]
        # a "©" and a name ("© Some Racing Team"): any first word
        owned = [
            p for p in compress(count(), map(str.startswith, texts, repeat(_COPYRIGHT_LEADS))) if len(texts[p]) <= 160
        ]
        return sorted(set(found).union(owned)) if owned else found

    def maybe_captions(
        self,
        texts: Sequence[str],
        max_chars: int = 500,
        *,
        edges: tuple[list[str], list[str]] | None = None,
    ) -> list[int]:
        """The positions in ``texts`` (lines up to ``max_chars`` long) where :meth:`parse` may find a
        caption marker: a cheap test. ``edges`` are :func:`edge_words` of ``texts`` when known.

        Set lookups on the first and last words, and scans over all lines joined for the marks
        at a line's end ("(", "…", ")"), a "©" and a credit-like word after a sentence end.

        >>> CreditLexicon().maybe_captions(["A man in Rome. (AP Photo/Jane Doe)", "The council met.", "Cut off. ("])
        [0, 2]

        Each line's answer depends on the line alone. The lines of the last call and those it
        found are remembered (one slot, :data:`_LAST_MAYBE`): when all of ``texts`` were among
        them (a pipeline's pass over the body it cleaned), the answer is read from there.
        """
        last = _LAST_MAYBE[0] if _LAST_MAYBE else None
        if last is not None and last[0] is self and last[1] == max_chars and last[2].issuperset(texts):
            found = last[3]
            return [p for p, text in enumerate(texts) if text in found]
        positions = self._maybe_captions(texts, max_chars, edges)
        _LAST_MAYBE[:] = [(self, max_chars, frozenset(texts), frozenset(texts[p] for p in positions))]
        return positions

    def _maybe_captions(
        self, texts: Sequence[str], max_chars: int, edges: tuple[list[str], list[str]] | None
    ) -> list[int]:
        """:meth:`maybe_captions` worked out."""
        firsts, lasts = edges if edges is not None else edge_words(texts)
        caption_first, last_words = self._caption_first, self._last_words
        hits = set()
        for p in [
            p for p, (f, w) in enumerate(zip(firsts, lasts, strict=True)) if f in caption_first or w in last_words
        ]:
            text, last = texts[p], lasts[p]
            if (last in last_words and self._credit_or_toggle_at_end(text, last)) or (
                firsts[p] in caption_first and text.lower().startswith(self._prefixes)
            ):
                hits.add(p)
        for p in compress(count(), map(str.endswith, texts, repeat(_MARKED_ENDS))):
            # a cut-off mark ("(", "[", "…", "..."), or a bracket that may hold a credit (a full stop may follow it)
            text = _without_stop(texts[p])
            if not text.endswith((")", "]")) or self._bracket_credit(text):
                hits.add(p)
        hits.update(compress(count(), map(str.__contains__, texts, repeat("©"))))
        hits |= self._tail_hits(texts)
        hits |= self._marker_hits(texts)
        return sorted(p for p in hits if 0 < len(texts[p]) <= max_chars)

    def _credit_or_toggle_at_end(self, text: str, last: str) -> bool:
        """Whether ``text`` ends with an agency name ("... Jane Doe/Getty Images") or a toggle after a cut."""
        tail = text[-60:].lower().rstrip(" .)]\"'”’»|/,·•-–—:;")
        if tail.endswith(self._endings.get(last, ())):
            return True
        if last in self._toggles:
            head = tail[: len(tail) - len(last)].rstrip()
            return head.endswith((".", "…", ")", "]"))
        return False

    def _bracket_credit(self, text: str) -> bool:
        """Whether the bracket ending ``text`` may hold a credit: "(AP Photo/Jane Doe)", "(Foto: dpa)", not "(3)"."""
        inner = text[max(text.rfind("("), text.rfind("[")) + 1 : -1]
        if len(inner) < 2:
            return False
        if "/" in inner or ":" in inner or "©" in inner:
            return True
        words = _WORDS.findall(inner.casefold())
        return bool(words) and (words[0] in self._first_words or words[-1] in self._last_words)

    def _marker_hits(self, texts: Sequence[str]) -> set[int]:
        """The positions in ``texts`` of lines with a position marker ("(left)", "(v. l.)") or a label and
        its colon after a comma ("..., Foto: EnBW"): one scan over all lines joined for each.

        >>> lex = CreditLexicon()
        >>> sorted(lex._marker_hits(["Jane Doe (left) and Tom.", "Turn left.", "Ann (v.l.)", "A pier, Photo: AP"]))
        [0, 2, 3]
        """
        joined = "\n".join(texts)
        hits = [m.start() for m in self._marker.finditer(joined)]
        # a comma, a word and its colon: one scan led by the comma (rarely matching past the word), then
        # a set lookup for one-word labels
        labels = self._comma_labels
        hits += [m.start() for m in _COMMA_WORD.finditer(joined) if m.group(1).casefold() in labels]
        if not hits:
            return set()
        starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        return {bisect_right(starts, start) - 1 for start in hits}

    def position(self, text: str) -> bool:
        """Whether ``text`` is a caption told by a position marker: at most ``_POSITION_MAX_WORDS``
        words, no question or lead-in, and a marker in brackets after a capitalised word that is
        no stopword ("Lena Haas (l.) und Jonas Berg", "Tom Alder (right) looks on");
        a marker of the middle after two such words, a name ("Jo Ray (centre) serves").

        >>> lex = CreditLexicon()
        >>> lex.position("Lena Haas (l.) und Jonas Berg eröffnen den Hafen.")
        True
        >>> lex.position("Das Blech auf die Schiene (Mitte) schieben."), lex.position("The photo on the left shows it.")
        (False, False)
        >>> lex.position("Landrat Peter Vogt (Mitte) mit den Preisträgern."), lex.position("Who is Jane Doe (left)?")
        (True, False)
        """
        if "(" not in text or text.count(" ") >= _POSITION_MAX_WORDS or text.rstrip().endswith(("?", ":")):
            return False
        for match in self._marker.finditer(text):
            names = 2 if _squeeze(match.group("where")) in self._middles else 1
            if self._name_before(text[: match.start()], names):
                return True
        return False

    def _name_before(self, text: str, names: int) -> bool:
        """Whether ``text`` ends in ``names`` capitalised words that are no stopwords (name particles
        and initials between them aside: "Ursula von der Leyen", "Eva M. Welskop-Deffaa").

        >>> lex = CreditLexicon()
        >>> lex._name_before("Ursula von der Leyen", 2), lex._name_before("an der Kreuzung", 2)
        (True, False)
        """
        found = 0
        for token in reversed(text.split()[-6:]):
            token = token.strip("\"'„“”‘’«»,")
            if found and (token.casefold() in _PARTICLES or (len(token) == 2 and token.endswith("."))):
                continue  # "von der", "M." inside a name
            if not (token[:1].isalpha() and token[0].isupper()) or token.casefold() in self._stopwords:
                return False
            found += 1
            if found == names:
                return True
        return False

    def _tail_hits(self, texts: Sequence[str]) -> set[int]:
        """The positions in ``texts`` of lines with a credit-like phrase after a sentence end.

        One scan over all lines joined for the word after each sentence end
        ("... in Frankfurt. REUTERS/Ole Brackmann"), then a set lookup.

        >>> sorted(CreditLexicon()._tail_hits(["A fire. Photo: Jane Doe", "No credit. Here.", "x. Getty Images"]))
        [0, 2]
        """
        tails = list(map(_TAIL_END, texts))  # a trailing credit sits in the last characters of a line
        joined = "\n".join(tails)
        if not joined:
            return set()
        words = self._tail_words
        # most pages have no credit word after a sentence end: the words found, lower-cased together
        if all(words.isdisjoint("\n".join(scan.findall(joined)).lower().split("\n")) for scan in _AFTER):
            return set()
        lowered = joined.lower()
        hits = [m.start() for scan in _AFTER for m in scan.finditer(lowered) if m.group(1) in words]
        if not hits:
            return set()
        # a few characters lower-case to two ("İ" -> "i̇"): then the lines' lengths are their lowered ones
        sizes = map(len, tails) if len(lowered) == len(joined) else (len(t.lower()) for t in tails)
        starts = list(accumulate((size + 1 for size in sizes), initial=0))
        return {bisect_right(starts, start) - 1 for start in hits}

    # -- whole lines --------------------------------------------------------------------

    def line(self, text: str) -> CreditMatch | None:
        """The credit or media control that makes up all of ``text``, if it is one.

        >>> lex = CreditLexicon()
        >>> [getattr(lex.line(t), "rule", None) for t in
        ...     ["Getty Images", "Image 1 of / 23", "View Full Image", "AFP via Getty Images", "Getty Images said so."]]
        ['credit.line', 'credit.counter', 'credit.control', 'credit.line', None]
        """
        text = text.strip()
        if not text or len(text) > 160:
            return None
        inner = _unwrap(text)
        if " ".join(inner.casefold().rstrip(",:;.").split()) in self._lines:
            return CreditMatch("credit.control", "media label or gallery control")
        if _DIGIT.search(inner) and self._counter.match(inner):
            return CreditMatch("credit.counter", "gallery counter")
        if self.credit(inner, alone=True, bracketed=inner is not text):
            return CreditMatch("credit.line", "photo or media credit")
        return None

    def credit(self, text: str, *, alone: bool = False, bracketed: bool = False) -> bool:
        """Whether ``text`` is a credit: "Photo: X", "Photo by X", "© X", "X/Getty Images".

        ``alone=True`` accepts a news agency on its own ("Reuters"), which a
        credit at the end of a caption line needs a photographer or a label for.
        ``bracketed=True`` (the text stood in brackets) accepts a generic agency
        word on its own ("(File)", "(Archiv)"), which is too common a word otherwise.

        >>> lex = CreditLexicon()
        >>> lex.credit("Reuters"), lex.credit("Reuters", alone=True), lex.credit("REUTERS/Reid Lafont")
        (False, True, True)
        >>> lex.credit("Archives", alone=True), lex.credit("File", bracketed=True), lex.credit("Archivo/La Comarca")
        (False, True, True)
        >>> lex.credit("Termine / Archiv"), lex.credit("Foto/Video"), lex.credit("Foto: privat")
        (False, False, True)
        """
        first = _first_word(text)
        # the patterns only where the first word lets them match: most lines fail here at once
        patterns: tuple[re.Pattern[str], ...] = (self._label, self._copyright) if first in self._label_first else ()
        if first in self._by_first:
            patterns = (*patterns, self._by)
        for pattern in patterns:
            match = pattern.match(text)
            if match and self._credit_name(match.group("name")):
                # a one-word label and a comma open a list of items or a teaser heading ("Foto, Werdegang",
                # "Bilder, Karten und Berichte ansehen"), not a credit, unless an agency follows ("Foto, dpa");
                # "Image source, Jane Doe" (a label of two words) is a credit
                if match.groupdict().get("sep") == "," and not self._comma_name(text, match.group("name")):
                    continue
                return True
        if text.startswith(_COPYRIGHT_LEADS):
            match = _COPYRIGHT_SIGN.match(text)
            if match:  # "© Getty Images", "© Lena Haas/dpa"; not "© 2024 The Herald"
                rest = match.group("rest")
                return self.credit(rest, alone=alone, bracketed=bracketed) or (
                    alone and not bracketed and _owner(rest) and self._notice.search(rest) is None
                )
        if first in self._edge_first or _last_word(text) in self._edge_last:
            return self._agency_form(text, alone=alone, bracketed=bracketed)
        return False

    def _credit_name(self, name: str) -> bool:
        """Whether ``name``, after a label or a "by" phrase, reads like a credit's name: a name, not
        media nouns; or a "by" phrase and a name ("Foto: Mit freundlicher Genehmigung von Max Muster").

        >>> lex = CreditLexicon()
        >>> lex._credit_name("Jane Doe"), lex._credit_name("Foto/Video"), lex._credit_name("Courtesy of Jane Doe")
        (True, False, True)
        >>> lex._credit_name("jdoe on Unsplash"), lex._credit_name("jdoe auf Pixabay")
        (True, True)
        >>> lex._credit_name("the road on Sunday")
        False
        """
        if _namey(name):
            return not self._media_name(name)
        head, slash, _ = name.partition("/")
        if slash and head.strip().casefold() in self._agencies:
            return True  # "Foto: Getty Images / Sunny side of the street.": an agency, then its photographer's tag
        on = _ON_SITE.search(name)
        if on and on.start() and name[on.end() :].strip(" .").casefold() in self._agencies:
            return True  # "Photo by jdoe on Unsplash", "Foto von jdoe auf Unsplash": a handle on a stock site
        if _first_word(name) not in self._by_first:
            return False
        match = self._by.match(name)
        return match is not None and _namey(match.group("name")) and not self._media_name(match.group("name"))

    def _comma_name(self, text: str, name: str) -> bool:
        """Whether ``name``, after the label and the comma that open ``text``, may be a credit's name:
        after a label of two words or more, any name ("Image source, Jane Doe"); after a one-word label,
        an agency, a news agency or a slashed credit ("Foto, dpa", "Photo, Jane Doe/AFP").

        >>> lex = CreditLexicon()
        >>> lex._comma_name("Image source, Jane Doe", "Jane Doe"), lex._comma_name("Foto, Werdegang", "Werdegang")
        (True, False)
        >>> lex._comma_name("Foto, dpa", "dpa"), lex._comma_name("Bilder, Worte und Orte", "Worte und Orte")
        (True, False)
        """
        label = text[: len(text) - len(name)].rstrip(" ,")
        if len(label.split()) > 1 or "/" in name:
            return True
        return self._known_source(name.strip(" .)]"))

    def _known_source(self, name: str) -> bool:
        """Whether ``name`` is an agency, a generic credit or a wire service of the lexicon ("dpa", "Getty Images")."""
        folded = name.casefold()
        return folded in self._agencies or folded in self._generic or name in self._wires

    def _comma_credit_name(self, name: str) -> bool:
        """Whether ``name``, after a comma, a label and a colon that end a line, names a credit: a name
        ("Jane Doe"), an agency ("dpa", "Getty Images") or a slashed credit, not a lower-case word
        ("Er zeigte Bilder, Fotos: keine.").

        >>> lex = CreditLexicon()
        >>> lex._comma_credit_name("EnBW"), lex._comma_credit_name("dpa"), lex._comma_credit_name("keine.")
        (True, True, False)
        """
        name = name.strip(" .")
        return _name_token(name) or "/" in name or self._known_source(name)

    def _media_name(self, name: str) -> bool:
        """Whether the "name" after a label is only media nouns: "Foto/Video", "Photo: Gallery"."""
        words = _WORDS.findall(name.casefold())
        return bool(words) and all(w in self._media for w in words)

    def _agency_form(self, text: str, *, alone: bool, bracketed: bool = False) -> bool:
        if len(text) > 120:
            return False
        pieces = [p for p in _SPLIT.split(text) if p]
        if not pieces or len(pieces) > 5:
            return False
        agency = wire = generic = False
        for n, piece in enumerate(pieces):
            piece = piece.strip(" .")
            folded = piece.casefold()
            edge = n == 0 or n == len(pieces) - 1  # an agency opens or closes a credit
            last = n == len(pieces) - 1
            if edge and (folded in self._agencies or (last and self._named_agency(piece))):
                agency = True
            elif edge and piece in self._wires:
                wire = True
            elif edge and folded in self._generic:
                # "(File)", "Archivo/La Comarca"; not "Archives" alone, nor "Termine / Archiv"
                generic = generic or bracketed or (n == 0 and len(pieces) > 1 and _slash_after_first(text))
            elif not (_name_piece(piece) or (len(pieces) > 1 and _HANDLE.match(piece))):
                return False
        if (
            wire
            and not (agency or generic or bracketed)
            and (_dateline(text, [p.strip(" .") for p in pieces], self._wires) or self._byline_piece(pieces[0]))
        ):
            return False  # a news agency's dateline, or a byline and its news agency ("Von Lena Haas, dpa")
        return agency or generic or (wire and (alone or len(pieces) > 1))

    def _byline_piece(self, piece: str) -> bool:
        """Whether ``piece``, the first part of an agency-form line, is a byline lead word and a name:
        "Von Lena Haas" in "Von Lena Haas, dpa". With news agencies only after it (not a photo agency,
        not in brackets) the line is a byline with its agency, not a credit.
        A lead word that is a name particle too ("von", "di", "de") needs two names after it: "Di Castelvetro"
        in "Di Castelvetro/ANSA" is a photographer's surname.

        >>> lex = CreditLexicon()
        >>> lex._byline_piece("Von Lena Haas"), lex._byline_piece("By Tom Alder"), lex._byline_piece("Lena Haas")
        (True, True, False)
        >>> lex._byline_piece("Di Castelvetro"), lex._byline_piece("Foto von Lena Haas")
        (False, False)
        >>> lex._byline_piece("By the river")
        False
        """
        match = self._byline.match(piece.strip())
        if match is None:
            return False
        name = match.group("name").strip(" .")
        lead = piece[: match.start("name")].strip(" :").casefold()
        return _name_piece(name) and (lead not in _PARTICLES or len(name.split()) >= 2)

    def _named_agency(self, piece: str) -> bool:
        """A photographer's name and a photo agency without a separator: "Mary Ann Tobin Getty Images"."""
        folded = " ".join(piece.casefold().split())
        for phrase in self._endings.get(_last_word(piece), ()):
            if phrase in self._agencies and folded.endswith(" " + phrase):
                return _name_piece(piece[: len(piece.rstrip()) - len(phrase)].strip())
        return False

    # -- captions -----------------------------------------------------------------------

    def parse(self, text: str) -> CaptionParts:
        """Read ``text`` as a caption: strip a caption prefix, a trailing credit and cut-off marks.

        >>> lex = CreditLexicon()
        >>> lex.parse("FILE PHOTO: A man walks past a bank in Frankfurt. REUTERS/Ole Brackmann")
        CaptionParts(caption='A man walks past a bank in Frankfurt.', credit='REUTERS/Ole Brackmann', \
rule='caption.credit', cut=False)
        >>> lex.parse("Inés María Núñez Ortega and Tomás Rivera. (")
        CaptionParts(caption='Inés María Núñez Ortega and Tomás Rivera.', credit='', rule='', cut=True)
        >>> lex.parse("The mayor said Getty Images paid for it.").rule
        ''
        """
        text = text.strip()
        cut = False
        rule = ""
        # each pattern only where a cheap test on the line's end or first word lets it match
        if _last_word(text) in self._toggles:
            match = self._toggle_cut.search(text, max(0, len(text) - 200))
            if match:
                text, cut = text[: match.start()], True
            else:
                match = self._toggle_end.search(text, max(0, len(text) - 200))
                if match:
                    text = text[: match.start()]
        match = self._prefix.match(text) if _first_word(text) in self._caption_first else None
        if match:
            text, rule = match.group("rest"), "caption.prefix"
        caption, credit = self._split_tail(text)
        if credit:
            text, rule = caption, "caption.credit"
        if text.rstrip().endswith(_CUT_ENDS):
            mark = _CUT.search(text, max(0, len(text) - 20))
            if mark and mark.start() > 0:
                text, cut = text[: mark.start()], True
        if not rule and self.position(text):
            rule = "caption.position"
        return CaptionParts(text.strip(), credit, rule, cut)

    def strip_credit(self, text: str) -> str:
        """``text`` without its trailing credit (``text`` itself when it has none).

        >>> CreditLexicon().strip_credit("Aino Virta speaks in Helsinki on December 29. Photo: AP")
        'Aino Virta speaks in Helsinki on December 29.'
        """
        caption, credit = self._split_tail(text.strip())
        return caption.rstrip(" |/,·•-–—") if credit else text

    def _split_tail(self, text: str) -> tuple[str, str]:
        """``(caption, credit)`` when ``text`` ends in a credit, else ``(text, "")``; a copyright
        notice is no caption with a credit (:meth:`_legal_notice`).

        >>> lex = CreditLexicon()
        >>> lex._split_tail("Blick auf die Stadt © Tourismus Seeland GmbH")
        ('Blick auf die Stadt', '© Tourismus Seeland GmbH')
        >>> lex._split_tail("Alle Inhalte sind urheberrechtlich geschützt (© Beispiel Fachverlag GmbH.)")[1]
        ''
        """
        caption, credit = self._find_tail(text)
        if credit and self._legal_notice(caption, credit):
            return text, ""
        return caption, credit

    def _legal_notice(self, caption: str, credit: str) -> bool:
        """Whether ``caption`` and its ``credit`` are a site's copyright notice: a "©" credit that
        spans years ("© The Garden Journal 2011-2019") or a legal phrase before it ("All rights
        reserved", "Powered by ...", "Alle Inhalte sind urheberrechtlich geschützt").

        >>> lex = CreditLexicon()
        >>> lex._legal_notice("Our affiliate links pay for this site.", "©The Garden Journal 2011-2019")
        True
        >>> lex._legal_notice("Fischer am Hafen von Kiel.", "© Jane Doe, 2018")
        False
        """
        if "©" not in credit and "(c)" not in credit.casefold():
            return False
        return _YEAR_SPAN.search(credit) is not None or self._notice.search(caption) is not None

    def _find_tail(self, text: str) -> tuple[str, str]:
        """``(caption, credit)`` when ``text`` ends in a credit, else ``(text, "")``."""
        closed = _without_stop(text)  # "... im Kongress (Foto: Jane Doe/Pool via REUTERS)."
        bracket = self._paren_tail.search(closed, max(0, len(closed) - 200)) if closed.endswith((")", "]")) else None
        if bracket and bracket.start() > 0 and self.credit(bracket.group("credit"), bracketed=True):
            return text[: bracket.start()], bracket.group("credit")
        if "©" in text or "(c)" in text or "(C)" in text:
            match = self._copyright_tail.search(text, max(0, len(text) - 200))
            if match:
                return text[: match.start()], match.group("credit")
        if "©" in text:  # "Solaranlage auf dem Scheunendach © AdobeStock.com/Jana Falk"
            bare = _BARE_COPYRIGHT.search(text, max(0, len(text) - 100))
            if bare and _photo_copyright(text[: bare.start()], bare.group("credit")[1:]):
                return text[: bare.start()], bare.group("credit")
        offset = max(0, len(text) - _TAIL)
        ends_like_credit = _last_word(text) in self._last_words
        for gap in _SENTENCE_END.finditer(text, offset):
            tail = text[gap.end() :].strip()
            if (ends_like_credit or _first_word(tail) in self._tail_words) and self.credit(tail.strip("()[]")):
                return text[: gap.start()], tail
        for separator in (" | ", " / ", " – ", " — ", " - "):
            if separator in text[offset:]:
                head, _, tail = text.rpartition(separator)
                tail = tail.strip()
                if (ends_like_credit or _first_word(tail) in self._tail_words) and self.credit(tail):
                    return head, tail
        if "," in text[offset:]:  # "Roman Novak, photo: Government Archives"; not "Bilder, Karten und Berichte"
            labels = self._comma_labels
            commas = [m for m in _COMMA_WORD.finditer(text, offset) if m.group(1).casefold() in labels]
            if commas:
                tail = text[commas[-1].start(1) :].strip()
                if self.credit(tail) and self._comma_credit_name(tail.partition(":")[2].strip()):
                    return text[: commas[-1].start()], tail
        return text, ""


_CUT_ENDS = ("(", "[", "…", "...")
#: A comma, a word and a colon, in one line: where a one-word label and its credit may follow a comma.
_COMMA_WORD = re.compile(r",[^\S\n]+(\w+)[^\S\n]*:")
#: How a line that may be a "©" credit starts.
_COPYRIGHT_LEADS = ("©", "(c)", "(C)")
#: How many words a caption told by a position marker may have: a longer line is a paragraph.
_POSITION_MAX_WORDS = 45
#: Years of a site's copyright notice: "2011-2019", "2003 – 2022".
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\b")
#: How far from the end of a line a trailing credit may start.
_TAIL = 130
#: The end of a line a trailing credit may sit in (a C-level slice).
_TAIL_END = itemgetter(slice(-_TAIL - 1, None))
#: A sentence end or a separator ("|", or " / " and dashes between spaces) and the word after it:
#: two scans, each led by a character class, are several times faster than one with both.
_AFTER = (
    re.compile(r"[.!?…\"”’»)|][ \t]*[^\w\n]*(\w+)"),
    re.compile(r"[/–—-](?<=[ \t][/–—-])[ \t]+[^\w\n]*(\w+)"),  # the separator first: rarer than a space
)
#: A credit after a copyright sign at the end of a caption, no comma before it.
_BARE_COPYRIGHT = re.compile(r"(?<=\S)\s+(?P<credit>©\s*[^©\s][^©]{0,79})$")
#: The word between a photographer's name and the stock site that holds the photo: "Photo by jdoe on Unsplash",
#: "Foto von jdoe auf Unsplash", "Photo de jdoe sur Unsplash", "Foto de jdoe en Unsplash" (the last one found).
_ON_SITE = re.compile(r"\s(?:on|auf|sur|en|su|em|via)\s(?!.*\s(?:on|auf|sur|en|su|em|via)\s)")
#: A photographer's handle next to an agency: "Shutterstock/kaltwind", "iStock/ben-ortiz".
_HANDLE = re.compile(r"^[\w.\-]{2,30}$")
_COPYRIGHT_SIGN = re.compile(r"^(?:©|\(c\))\s*(?P<rest>\S.*)$", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_TWO_NUMBERS = re.compile(r"\d\D+\d")
_FIRST_WORD = re.compile(r"^[^\w\n]*(\w*)", re.MULTILINE)


#: How a line that runs on into the next one ends: no whole credit ends so.
_RUNS_ON = (",", ";", " -", " –", " —")


def _dateline(text: str, pieces: list[str], wires: frozenset[str]) -> bool:
    """Whether a credit-like line led by a news agency (``pieces`` split at its separators) is a
    dateline: the agency, a comma and one place ("Reuters, Washington", "dpa, Berlin"), not the
    agency and a photographer ("REUTERS/Jane Doe"); or any such line that ends in a comma or a dash,
    running on into the next line.

    >>> wires = frozenset({"AFP", "REUTERS", "dpa"})
    >>> _dateline("AFP, Paris", ["AFP", "Paris"], wires), _dateline("AFP, dpa", ["AFP", "dpa"], wires)
    (True, False)
    >>> _dateline("REUTERS/Ole Brackmann", ["REUTERS", "Ole Brackmann"], wires)
    False
    """
    if text.endswith(_RUNS_ON):
        return True  # the line runs on into the next one, as a dateline does: "Reuters, Washington,"
    if len(pieces) != 2 or pieces[0] not in wires or pieces[1] in wires or len(pieces[1].split()) != 1:
        return False
    match = _SPLIT.search(text)
    return match is not None and match.group().strip() == ","


def _slash_after_first(text: str) -> bool:
    """Whether the first separator of a credit is a slash: "Archivo/La Comarca"."""
    match = _SPLIT.search(text)
    return match is not None and "/" in match.group()


def _photo_copyright(before: str, name: str) -> bool:
    """Whether "``before`` © ``name``" is a caption and its credit, not a legal line
    ("Copyright © 2023 The Herald", "Radio Nordwelle © 2009-2020").

    >>> _photo_copyright("Blick auf die Stadt", " Tourismus Seeland GmbH / Jana Falk")
    True
    >>> _photo_copyright("Copyright", " 2023 Harbor Media Group"), _photo_copyright("Bayline", " Copyright Bayline")
    (False, False)
    """
    name = name.strip()
    if not name[:1].isalpha() or name.casefold().startswith(("copyright", "all rights")):
        return False
    if not any(c.isalpha() for c in before):
        return False
    return not before.rstrip().casefold().endswith("copyright") and _namey(name)


def _squeeze(phrase: str) -> str:
    """``phrase`` case-folded, without spaces: how position markers are compared ("v. l." is "v.l.")."""
    return "".join(phrase.casefold().split())


def _owner(text: str) -> bool:
    """Whether ``text``, all a line holds after its "©", names only a person or an organisation:
    one to three short names, each a capitalised word or up to four ("© Some Racing Team",
    "© Hafenamt | Jonas Berg"); no year ("© 2024 The Herald" is a site's notice), no sentence.
    :meth:`CreditLexicon.credit` also wants no ``notice`` phrase in it ("© Copyright Jo Ray", "© Blog | Impressum").

    >>> _owner("Some Racing Team"), _owner("Hafenamt | Jonas Berg"), _owner("Jane Doe & Tom Alder")
    (True, True, True)
    >>> _owner("2024 The Herald"), _owner("Bleib auf dem Weg"), _owner("The Herald. All rights reserved.")
    (False, False, False)
    """
    pieces = [p.strip(" .") for p in _SPLIT.split(text.replace(" & ", " | "))]
    if not 1 <= len(pieces) <= 3 or text.rstrip().endswith(("!", "?", ":")):
        return False
    return all(p[:1].isalpha() and _name_piece(p) for p in pieces) and not any(
        len(token) == 4 and token.isdigit() for token in _WORDS.findall(text)
    )


def _first_word(text: str) -> str:
    """The first word of ``text``, lower case: ``"(AP Photo/Dale Varnum)"`` gives ``"ap"``."""
    match = _FIRST_WORD.match(text)
    return match.group(1).lower() if match else ""


def _last_word(text: str) -> str:
    """The last word of ``text``, lower case: ``"Timo Wendler/dpa"`` gives ``"dpa"``."""
    return _first_word(text[::-1])[::-1]


def edge_words(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """The first and the last word of each of ``texts`` (no newlines inside), lower case, in two scans.

    Each scan runs over all lines joined, led by the line break (a literal the regex engine
    skips to), and the words are lower-cased joined: no work per line in Python. The lines
    of the last call are remembered (:func:`_scan_edge_words`): the credits step and then the
    captions step ask about the same kept lines of a document unless a credit line went.

    >>> edge_words(["(AP Photo/Dale Varnum)", "", "Timo Wendler/dpa"])
    (['ap', '', 'timo'], ['varnum', '', 'dpa'])
    """
    firsts, lasts = _scan_edge_words(tuple(texts))
    return list(firsts), list(lasts)


@lru_cache(maxsize=1)
def _scan_edge_words(texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`edge_words`, as tuples: a pure function, so one slot remembers the last lines asked about."""
    if not texts:
        return (), ()
    full = "\n" + "\n".join(texts) + "\n"
    end = len(full) - 1  # the last line break opens no line
    firsts = "\n".join(_LINE_WORD.findall(full, 0, end)).lower().split("\n")
    backwards = full[::-1]
    lasts = "\n".join(_LINE_WORD.findall(backwards, 0, end))[::-1].lower().split("\n")
    return tuple(firsts), tuple(lasts)


#: The last call of :meth:`CreditLexicon.maybe_captions`: the lexicon, ``max_chars``, the lines and those found.
_LAST_MAYBE: list[tuple[CreditLexicon, int, frozenset[str], frozenset[str]]] = []

#: What a caption line may end in: a cut-off mark, or a bracket that may hold a credit.
_MARKED_ENDS = ("(", "[", "…", "...", ")", "]", ").", "].")


def _without_stop(text: str) -> str:
    """``text`` without the full stop after a closing bracket that ends it: a caption's credit in brackets
    is often followed by the sentence's stop ("... in the Congress (Photo: Jane Doe/Pool via REUTERS).").

    >>> _without_stop("In Rome (Photo: Jane Doe)."), _without_stop("In Rome."), _without_stop("In Rome (AP)")
    ('In Rome (Photo: Jane Doe)', 'In Rome.', 'In Rome (AP)')
    """
    return text[:-1] if text.endswith((").", "].")) else text


#: The first word of a line, after the line break before it.
_LINE_WORD = re.compile(r"\n[^\w\n]*(\w*)")


def _unwrap(text: str) -> str:
    """``text`` without one pair of surrounding brackets."""
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]":
        return text[1:-1].strip()
    return text


def _name_piece(piece: str) -> bool:
    """Whether ``piece`` looks like a short proper name: "Dale Varnum", "Oh Jin-Seong", "J. Doe"."""
    tokens = piece.split()
    if not 1 <= len(tokens) <= 4:
        return False
    return all(_name_token(t) or t.casefold() in _PARTICLES for t in tokens) and bool(_name_token(tokens[0]))


def _namey(name: str) -> bool:
    """Whether the text after a credit label reads like a credit name, not like a sentence."""
    name = name.strip().rstrip(")]").strip()
    tokens = name.split()
    if not tokens or len(tokens) > 8 or name[-1] in "?!:;":
        return False
    if name.endswith(".") and len(tokens) > 3 and len(tokens[-1]) > 3:
        return False
    if len(tokens) <= 2 or "/" in name:
        return True
    words = [t for t in tokens if t[0].isalpha()]
    capitalised = sum(1 for t in words if t[0].isupper())
    return _name_token(name) and capitalised * 2 >= len(words)


def _byline_leads(langs: Iterable[str]) -> frozenset[str]:
    """The byline lead words of the byline lexicons of ``langs`` (those that have one).

    >>> {"von", "by", "par"} <= _byline_leads(["de", "en", "fr", "xx"])
    True
    """
    have = set(languages("byline"))
    return load_lexicon("byline", [lang for lang in langs if lang in have])


@cache
def credit_lexicon(langs: tuple[str, ...] | None = None) -> CreditLexicon:
    """A shared, compiled :class:`CreditLexicon` for ``langs`` (all languages when ``None``).

    >>> credit_lexicon() is credit_lexicon()
    True
    """
    return CreditLexicon(langs)
