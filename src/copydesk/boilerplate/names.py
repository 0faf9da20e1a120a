"""Author names from a byline without the job title that follows them, glued or not.

Pages often print the author's role right after the name, in the same element, so
that page text glues them ("By Jane DoeStaff Writer") or writes them as one run
("By Ana Ruiz Staff Writer"). The role words are a lexicon per language
(``lexicons/byline_roles``).

>>> without_role("Jane DoeStaff Writer"), without_role("Martin HalvorsenBusiness Columnist")
('Jane Doe', 'Martin Halvorsen')
>>> without_role("Anna Schmidt Redakteurin"), without_role("Jane McDonald"), without_role("Staff Writer")
('Anna Schmidt', 'Jane McDonald', 'Staff Writer')
"""

from __future__ import annotations

from functools import cache

import regex

from copydesk.boilerplate.features import _stopwords
from copydesk.lexicon import languages, load_lexicon

__all__ = ["without_role"]

#: a small letter followed by a capital and a small letter: where two words were glued ("DoeStaff")
_GLUE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")


@cache
def _roles() -> frozenset[str]:
    return load_lexicon("byline_roles", languages("byline_roles"))


def without_role(name: str) -> str:
    """``name`` without a trailing run of job-title words; a word glued to the name is split off first when
    what follows the glue is a job-title word. At least two words of the name stay, the last of them no
    stopword, else ``name`` is returned.

    >>> without_role("Marie Dubois Journaliste"), without_role("Lucía MartínCorresponsal"), without_role("Jane Doe")
    ('Marie Dubois', 'Lucía Martín', 'Jane Doe')
    >>> without_role("Letters To The Editor")
    'Letters To The Editor'
    """
    roles = _roles()
    words: list[str] = []
    for token in name.split():
        parts = _GLUE.split(token)
        # split only where the glued-on part is a role word: "McDonald", "DeShawn" stay whole
        cut = next((k for k in range(1, len(parts)) if parts[k].casefold() in roles), None)
        if cut is None:
            words.append(token)
        else:
            words += ["".join(parts[:cut]), *parts[cut:]]
    end = len(words)
    while end > 0 and words[end - 1].casefold().strip(",.") in roles:
        end -= 1
    if end == len(words) or end < 2 or words[end - 1].casefold() in _stopwords(None):
        return name  # "Letters To The Editor" is no name with a role
    return " ".join(words[:end])
