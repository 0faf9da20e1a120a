"""copydesk.clear_caches: what is kept between documents is forgotten, and outputs do not depend on it."""

import copydesk
from copydesk.boilerplate import features

PAGE = "\n".join(
    [
        "Home",
        "News",
        "Photo: Agency / Jane Doe",
        "The council met on Monday and voted to close the old bridge for six months of repairs.",
        "Drivers will be sent through the town centre, which shopkeepers welcomed after a quiet winter.",
        "Share this article",
    ]
)


def test_clear_caches_forgets_the_lines_and_changes_no_output():
    first = copydesk.process(PAGE)
    assert any(features._CACHE.values())  # short lines were remembered
    copydesk.clear_caches()
    assert not any(features._CACHE.values())
    again = copydesk.process(PAGE)
    assert again == first
    assert copydesk.process(PAGE) == first  # and with the caches warm again
