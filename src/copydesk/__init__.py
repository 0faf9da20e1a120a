"""copydesk: fix, trim and de-duplicate scraped article text.

>>> import copydesk
>>> copydesk.clean("LÃ³pez Obrador\\u00a0spoke.\\n\\n\\n")
'López Obrador spoke.'
"""

from copydesk import steps
from copydesk.batch import BatchResult, clean_batch
from copydesk.boilerplate import SiteProfile
from copydesk.caches import clear_caches
from copydesk.captions import Captions, Credits, Repeats
from copydesk.credits import CreditLexicon
from copydesk.dedup import Match, Matches, NearDuplicateIndex, find_near_duplicates
from copydesk.document import Document, Record, Segment
from copydesk.encoding import decode, fix_text
from copydesk.normalize import (
    normalize_punctuation,
    normalize_unicode,
    normalize_whitespace,
    remove_invisibles,
    repair_encoding,
    unescape_html,
)
from copydesk.pipeline import Pipeline, Step, TextStep, clean, default_pipeline, pipe, process

__version__ = "0.1.0"

__all__ = [
    "BatchResult",
    "Captions",
    "CreditLexicon",
    "Credits",
    "Document",
    "Match",
    "Matches",
    "NearDuplicateIndex",
    "Pipeline",
    "Record",
    "Repeats",
    "Segment",
    "SiteProfile",
    "Step",
    "TextStep",
    "clean",
    "clean_batch",
    "clear_caches",
    "decode",
    "default_pipeline",
    "find_near_duplicates",
    "fix_text",
    "normalize_punctuation",
    "normalize_unicode",
    "normalize_whitespace",
    "pipe",
    "process",
    "remove_invisibles",
    "repair_encoding",
    "steps",
    "unescape_html",
]
