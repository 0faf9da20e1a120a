"""Ready-made pipeline steps, configured with keyword arguments.

Each factory returns a step; ``default_steps()`` lists the default pipeline.

>>> from copydesk import Pipeline, steps
>>> Pipeline([steps.fix_encoding(), steps.punctuation(dashes=False)]).names
('fix_encoding', 'punctuation')
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Literal

from copydesk import normalize
from copydesk.boilerplate import BoilerplateStep, Options, SiteProfile
from copydesk.pipeline import Step, TextStep

if TYPE_CHECKING:
    from copydesk.dedup.index import NearDuplicateIndex
    from copydesk.dedup.step import DedupStep

__all__ = [
    "boilerplate",
    "dedup",
    "default_steps",
    "fix_encoding",
    "html_entities",
    "invisibles",
    "punctuation",
    "unicode",
    "whitespace",
]


def fix_encoding(**options: Any) -> TextStep:
    """Repair mojibake with ftfy, keeping typography; ``options`` are ftfy's.

    >>> fix_encoding(uncurl_quotes=True).apply("â€œhiâ€\\x9d")
    '"hi"'
    """
    return TextStep(
        normalize.repair_encoding, "fix_encoding", "encoding.ftfy", "repaired text encoding", options, settle=True
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


def default_steps() -> list[Step]:
    """The steps of the default pipeline, in order: encoding repair comes first.

    >>> [s.name for s in default_steps()][:3]
    ['fix_encoding', 'html_entities', 'invisibles']
    """
    return [fix_encoding(), html_entities(), invisibles(), whitespace(), unicode(), boilerplate()]
