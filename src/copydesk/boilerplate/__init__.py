"""Body vs boilerplate from plain text: features, a small learned model, decisions, site profiles.

``steps.boilerplate()`` is the step; :func:`label_document` does the work.

>>> from copydesk import Document
>>> doc = label_document(Document.from_text("Menu\\nThe mayor said the bridge would reopen in June after repairs."))
>>> [(s.kind, s.kept) for s in doc.segments]
[('navigation', False), ('body', True)]
"""

from copydesk.boilerplate.decisions import BoilerplateStep, Options, label_document
from copydesk.boilerplate.features import LANGUAGES, TOPICS, Page, guess_language
from copydesk.boilerplate.model import Model, load_model, score_page
from copydesk.boilerplate.profiles import SiteProfile, line_key

__all__ = [
    "LANGUAGES",
    "TOPICS",
    "BoilerplateStep",
    "Model",
    "Options",
    "Page",
    "SiteProfile",
    "guess_language",
    "label_document",
    "line_key",
    "load_model",
    "score_page",
]
