"""Fast paths of the boilerplate decisions held against the simple code they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.boilerplate import Page
from copydesk.boilerplate.decisions import _Topical

_PIECES = ["Schule", "schule", "Gesamtschule", "SCHULE", "Straße", "strasse", "Südpark", "der", "12", "_", " ", ", "]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join), min_size=1, max_size=8),
    st.data(),
)
def test_topical_share_equals_the_share_of_the_body_words(lines, data):
    lines = [line.strip() or "x" for line in lines]
    body = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    end = data.draw(st.integers(min_value=1, max_value=len(lines)))
    page = Page.from_lines(lines)
    topical = _Topical(page, body, end)
    text = " ".join(lines[j] for j in range(end - 1, len(lines)) if body[j])
    words = frozenset(re.findall(r"\w+", text.casefold()))  # what the body's words were before the fast path
    for i in range(len(lines)):
        own = set(topical.content(i))
        expected = sum(w in words for w in own) / len(own) if own else None
        assert topical.share(i) == expected
