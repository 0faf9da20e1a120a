import pytest

from copydesk.lexicon import languages, load_lexicon


def test_every_core_language_has_stopwords():
    assert set(languages("stopwords")) >= {"en", "de", "fr", "es", "pt", "it", "ru"}
    for lang in languages("stopwords"):
        words = load_lexicon("stopwords", [lang])
        assert len(words) > 50
        assert all(w == w.strip().lower() for w in words)


def test_unknown_language_or_topic_is_a_clear_error():
    with pytest.raises(LookupError, match="'xx'"):
        load_lexicon("stopwords", ["xx"])
    assert load_lexicon("stopwords", []) == frozenset()
    assert languages("nothing-here") == []
