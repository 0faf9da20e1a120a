"""Ready-made pipeline steps, configured with keyword arguments.

Each factory returns a step; ``default_steps()`` lists the default pipeline.

>>> from copydesk import Pipeline, steps
>>> Pipeline([steps.fix_encoding(), steps.punctuation(dashes=False)]).names
('fix_encoding', 'punctuation')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from copydesk import normalize
from copydesk.boilerplate import BoilerplateStep, Options, SiteProfile
from copydesk.captions import Captions, Credits, Repeats
from copydesk.pipeline import Step, TextStep

if TYPE_CHECKING:
    from copydesk.dedup.index import NearDuplicateIndex
    from copydesk.dedup.step import DedupStep

__all__ = [
    "boilerplate",
    "captions",
    "credits",
    "dedup",
    "default_steps",
    "fix_encoding",
    "html_entities",
    "invisibles",
    "punctuation",
    "repeats",
    "unicode",
    "whitespace",
]


def fix_encoding(**options: Any) -> TextStep:
    """Repair mojibake with ftfy, keeping typography; ``options`` are ftfy's.

    >>> fix_encoding(uncurl_quotes=True).apply("â€œhiâ€\\x9d")
    '"hi"'
    """
    return TextStep(
        normalize.repair_encoding_lines, "fix_encoding", "encoding.ftfy", "repaired text encoding", options, settle=True
    )


def html_entities() -> TextStep:
    """Decode HTML entity leftovers (``&amp;``, ``&#8217;``, ``&amp;amp;``)."""
    return TextStep(normalize.unescape_html, "html_entities", "html.entity", "decoded HTML entities", settle=True)


def invisibles() -> TextStep:
    """Remove invisible characters (zero-width spaces, soft hyphens, BOMs, bidi marks, controls)."""
    return TextStep(
        normalize.remove_invisibles, "invisibles", "invisible.remove", "removed invisible characters", settle=True
    )


def whitespace() -> TextStep:
    """Exotic spaces and tabs to one space, lines trimmed."""
    return TextStep(
        normalize.normalize_whitespace, "whitespace", "whitespace.normalize", "normalized whitespace", settle=True
    )


def unicode(form: Literal["NFC", "NFKC", "NFD", "NFKD"] = "NFC") -> TextStep:
    """Unicode normalization (NFC by default, NFKC on request).

    >>> unicode("NFKC").apply("½")
    '1⁄2'
    """
    normalize.normalize_unicode("", form)  # reject an unknown form now, not on first use
    return TextStep(
        normalize.normalize_unicode,
        "unicode",
        f"unicode.{form.lower()}",
        f"Unicode {form}",
        {"form": form},
        settle=True,
    )


def punctuation(*, quotes: bool = True, dashes: bool = True, ellipsis: bool = True) -> TextStep:
    """Straight quotes, ``-`` dashes and ``...`` (opt-in: not in the default pipeline)."""
    return TextStep(
        normalize.normalize_punctuation,
        "punctuation",
        "punctuation.ascii",
        "straightened punctuation",
        {"quotes": quotes, "dashes": dashes, "ellipsis": ellipsis},
        settle=True,
    )


def boilerplate(profile: SiteProfile | str | os.PathLike[str] | None = None, **options: Any) -> BoilerplateStep:
    """Body vs boilerplate: label every kept line (title, byline, dateline, teaser, body, boilerplate kinds).

    ``profile`` is a :class:`~copydesk.SiteProfile` (or the path of a saved one);
    ``options`` are those of :class:`copydesk.boilerplate.Options` (``threshold``,
    ``fields``, ``lexicon_override``, ``header_window``).

    >>> from copydesk import Pipeline
    >>> doc = Pipeline([boilerplate()])("Menu\\nThe mayor said the bridge would reopen in June after repairs.")
    >>> doc.body
    'The mayor said the bridge would reopen in June after repairs.'
    """
    if isinstance(profile, (str, os.PathLike)):
        profile = SiteProfile.load(profile)
    return BoilerplateStep(Options(**options), profile)


def dedup(
    index: NearDuplicateIndex | str | os.PathLike[str] | None = None,
    *,
    threshold: float = 0.9,
    containment: bool = False,
) -> DedupStep:
    """Drop body paragraphs that near-duplicate an earlier paragraph of the document or, given an
    ``index`` (a :class:`copydesk.NearDuplicateIndex` or a path to open one), of an earlier document.

    Not in the default pipeline. Removals say which paragraph was matched and the score.

    >>> from copydesk import Document, NearDuplicateIndex
    >>> step = dedup(NearDuplicateIndex())
    >>> first = Document.from_text("Rates held, López said.").with_fields(meta={"id": "ap-1"})
    >>> step(first).body
    'Rates held, López said.'
    >>> second = Document.from_text("Rates held, Lopez said!\\nNew paragraph.").with_fields(meta={"id": "afp-9"})
    >>> doc = step(second)
    >>> doc.body, doc.records[0].reason
    ('New paragraph.', 'exact duplicate of ap-1#0 (score 1.000)')
    """
    from copydesk.dedup.step import DedupStep, open_index

    return DedupStep(open_index(index, threshold, containment), threshold, containment)


def _langs(langs: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if langs is None else tuple(sorted(langs))


def credits(*, langs: Iterable[str] | None = None) -> Credits:
    """Remove lines that are only a photo credit, a media label or a gallery counter.

    ``langs`` picks the credit lexicons (``copydesk/lexicons/credits/<lang>.txt``; all when ``None``).

    >>> from copydesk import Document
    >>> credits(langs=["de"])(Document.from_text("Foto: dpa\\nBild 2 von 7\\nDer Rat tagte.")).body
    'Der Rat tagte.'
    """
    return Credits(langs=_langs(langs))


def captions(
    *,
    langs: Iterable[str] | None = None,
    window: int = 3,
    min_words: int = 3,
    max_words: int = 60,
    plain_max_words: int = 12,
    score_cutoff: float = 95.0,
) -> Captions:
    """Remove caption lines (credited, prefixed, or repeated nearby) into ``Document.captions``.

    ``window``: how many kept lines apart two copies may be; ``min_words``/``max_words``:
    the size of a caption-like line; ``plain_max_words``: the longest adjacent pair taken as a
    caption with nothing else marking it; ``score_cutoff``: rapidfuzz ``ratio`` for near copies.
    See :class:`copydesk.captions.Captions` for the rules.

    >>> from copydesk import Document
    >>> doc = captions()(Document.from_text("A fisherman at dawn. (\\nA fisherman at dawn. (\\nBody."))
    >>> doc.captions, doc.body
    (('A fisherman at dawn.',), 'Body.')
    """
    if window < 1 or min_words < 1 or max_words < min_words or plain_max_words < 1 or not 0 < score_cutoff <= 100:
        raise ValueError(
            "captions(): need window >= 1, 1 <= min_words <= max_words, plain_max_words >= 1, 0 < score_cutoff <= 100"
        )
    return Captions(
        langs=_langs(langs),
        window=window,
        min_words=min_words,
        max_words=max_words,
        plain_max_words=plain_max_words,
        score_cutoff=score_cutoff,
    )


def repeats(*, min_words: int = 20, quote_min_words: int = 6, quote_max_words: int = 50, window: int = 10) -> Repeats:
    """Remove pull quotes and later copies of a paragraph repeated in full (the first copy stays).

    ``min_words``: shortest paragraph whose repeat is removed; ``quote_min_words``/``quote_max_words``:
    the size of a pull quote; ``window``: how many kept lines away its paragraph may be.

    >>> from copydesk import Document
    >>> text = "The mayor spoke first. Then the council voted on the new budget.\\nThe council voted on the new budget."
    >>> repeats()(Document.from_text(text)).body
    'The mayor spoke first. Then the council voted on the new budget.'
    """
    if min_words < 1 or quote_min_words < 1 or quote_max_words < quote_min_words or window < 1:
        raise ValueError("repeats(): need min_words >= 1, 1 <= quote_min_words <= quote_max_words, window >= 1")
    return Repeats(min_words=min_words, quote_min_words=quote_min_words, quote_max_words=quote_max_words, window=window)


def default_steps() -> list[Step]:
    """The steps of the default pipeline, in order: encoding repair comes first.

    >>> [s.name for s in default_steps()][:3]
    ['fix_encoding', 'html_entities', 'invisibles']
    """
    return [
        fix_encoding(),
        html_entities(),
        invisibles(),
        whitespace(),
        unicode(),
        credits(),
        captions(),
        repeats(),
        boilerplate(),
    ]
