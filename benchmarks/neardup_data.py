"""Labelled near-duplicate paragraphs: real (or generated) paragraphs and seeded variants of them.

``variant(text, kind, rng)`` makes one edited copy of a paragraph; ``labelled_set``
mixes originals and variants, remembering which variant came from which original
and how it was made. Without the data folder, paragraphs come from
:func:`generated_paragraphs` (a word-level Markov chain over a built-in text), so the
benchmark also runs on a bare checkout.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

from benchmarks.common import read_jsonl_gz

#: Edits that keep a paragraph a near-duplicate (ratio on the key mostly >= 0.9).
NEAR_KINDS = ("typo", "quotes", "accents", "whitespace", "word", "case", "mojibake", "mixed")
#: Edits that only the containment test is meant to find.
CONTAINED_KINDS = ("truncated", "sentence_added", "sentence_dropped")
KINDS = NEAR_KINDS + CONTAINED_KINDS

_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ü", "n": "ñ", "c": "ç", "A": "Á", "E": "É", "O": "Ö"}
_SUBSTITUTES = {
    "said": "stated",
    "the": "a",
    "would": "will",
    "company": "firm",
    "year": "yr",
    "pct": "percent",
    "mln": "million",
    "dlrs": "dollars",
    "billion": "bln",
    "and": "&",
    "its": "their",
    "March": "April",
    "Monday": "Tuesday",
}
_SENTENCE_END = (". ", "? ", "! ")

_SEED_TEXT = (
    "The central bank said on Monday that it would keep its key interest rate unchanged for the third month. "
    "Officials in Brasília and São Paulo expect exports of coffee and cocoa to rise by five pct this year. "
    "The company reported a net profit of 12.4 mln dlrs in the first quarter, against a loss a year earlier. "
    "Shares of the group rose 3 pct in early trading after analysts raised their forecasts for the year. "
    "Müller told reporters in Zürich that talks with López would resume after a pause of several weeks. "
    "The ministry said oil output averaged 1.2 mln barrels per day in March, up from February levels. "
    "Traders said the market was quiet ahead of the holiday and volumes were thin across the board. "
    "The government plans to sell its stake in the airline before the end of the fiscal year, he said. "
    "Grain shipments from the port were delayed by a strike of dock workers that lasted nine days. "
    "Terms of the agreement, which is subject to approval by regulators, were not disclosed by either side."
)


@dataclass(frozen=True)
class Item:
    """One paragraph of a labelled set: its text, its original's position and how it was made."""

    text: str
    source: int  # position of the original in the set (itself for an original)
    kind: str  # "original" or one of KINDS


def real_paragraphs(path: Path | None, limit: int | None = None) -> list[str]:
    """The paragraphs of ``reuters-paragraphs.jsonl.gz`` (or ``[]`` without the file)."""
    if path is None:
        return []
    out = []
    for record in read_jsonl_gz(path):
        out.append(record["text"])
        if limit is not None and len(out) >= limit:
            break
    return out


def generated_paragraphs(count: int, seed: int, source: list[str] | None = None) -> list[str]:
    """``count`` paragraphs from an order-2 word Markov chain over ``source`` (default: a built-in text,
    with 40% of the words then replaced by pseudo-words so that paragraphs differ).

    >>> len(generated_paragraphs(3, seed=1))
    3
    """
    rng = random.Random(seed)
    words = " ".join(source or [_SEED_TEXT]).split()
    chain: dict[tuple[str, str], list[str]] = {}
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        chain.setdefault((a, b), []).append(c)
    starts = [pair for pair in chain if pair[0][:1].isupper()]
    out = []
    for _ in range(count):
        target = rng.randint(12, 60)
        pair = rng.choice(starts)
        para = list(pair)
        while len(para) < target or not para[-1].endswith("."):
            nexts = chain.get(pair)
            if not nexts or len(para) > 90:
                pair = rng.choice(starts)
                if not para[-1].endswith("."):
                    para[-1] += "."
                para.extend(pair)
                continue
            word = rng.choice(nexts)
            para.append(word)
            pair = (pair[1], word)
        if source is None:
            # the built-in text is short: pseudo-words keep generated paragraphs apart
            para = [w if rng.random() < 0.6 else _pseudo_word(rng) + w[-1] * (not w[-1].isalnum()) for w in para]
        out.append(" ".join(para))
    return out


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(rng.randint(1, 4)))


def sentences(text: str) -> list[str]:
    """``text`` cut after ". ", "? " and "! " (the marks kept)."""
    out, start = [], 0
    for i in range(len(text) - 1):
        if text[i : i + 2] in _SENTENCE_END and i + 2 - start > 20:
            out.append(text[start : i + 1])
            start = i + 2
    out.append(text[start:])
    return [s for s in out if s]


def _typo(text: str, rng: random.Random, count: int) -> str:
    chars = list(text)
    for _ in range(count):
        if len(chars) < 4:
            break
        i = rng.randrange(1, len(chars) - 1)
        op = rng.randrange(4)
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        if op == 0:
            chars[i] = letter
        elif op == 1:
            chars.insert(i, letter)
        elif op == 2:
            del chars[i]
        else:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _curly(text: str) -> str:
    out, opened = [], False
    for ch in text:
        if ch == '"':
            out.append("”" if opened else "“")
            opened = not opened
        elif ch == "'":
            out.append("’")
        elif ch == "-":
            out.append("–")
        else:
            out.append(ch)
    return "".join(out)


def variant(text: str, kind: str, rng: random.Random, other: str = "") -> str:
    """One edited copy of ``text``; ``other`` supplies the sentence for ``sentence_added``.

    >>> variant("López said", "mojibake", random.Random(0))
    'LÃ³pez said'
    >>> variant("Hello world.", "case", random.Random(0)) in ("HELLO WORLD.", "Hello World.")
    True
    """
    if kind == "typo":
        return _typo(text, rng, rng.randint(1, 3))
    if kind == "quotes":
        words = text.split(" ")
        i = rng.randrange(len(words))
        words[i] = f'"{words[i]}"'
        return _curly(" ".join(words)) if rng.random() < 0.5 else " ".join(words).replace("'", "’")
    if kind == "accents":
        out = list(text)
        spots = [i for i, ch in enumerate(out) if ch in _ACCENTS]
        for i in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
            out[i] = _ACCENTS[out[i]]
        return "".join(out)
    if kind == "whitespace":
        words = text.split(" ")
        return rng.choice(["  ", "\u00a0", " \t"]).join(words[:3]) + " " + "  ".join(words[3:]) + " "
    if kind == "word":
        words = text.split(" ")
        spots = [i for i, w in enumerate(words) if w in _SUBSTITUTES] or [rng.randrange(len(words))]
        for i in rng.sample(spots, min(len(spots), rng.randint(1, 2))):
            words[i] = _SUBSTITUTES.get(words[i], words[i][::-1])
        return " ".join(words)
    if kind == "case":
        return text.upper() if rng.random() < 0.5 else text.title()
    if kind == "mojibake":
        damaged = _curly(text) if text.isascii() else text
        if damaged.isascii():
            damaged = damaged.replace("e", "é", 1)
        return damaged.encode("utf-8").decode("sloppy-windows-1252")
    if kind == "mixed":
        for sub in rng.sample(["typo", "quotes", "accents", "whitespace", "case"], 2):
            text = variant(text, sub, rng)
        return text
    if kind == "truncated":
        words = text.split(" ")
        keep = max(3, int(len(words) * rng.uniform(0.5, 0.85)))
        return " ".join(words[:keep]) + rng.choice(["...", " …", ""])
    if kind == "sentence_added":
        extra = rng.choice(sentences(other or _SEED_TEXT))
        return f"{text} {extra}" if rng.random() < 0.6 else f"{extra} {text}"
    if kind == "sentence_dropped":
        parts = sentences(text)
        if len(parts) < 2:
            words = text.split(" ")
            return " ".join(words[: max(3, len(words) * 2 // 3)])
        del parts[rng.randrange(len(parts))]
        return " ".join(parts)
    raise ValueError(f"unknown variant kind {kind!r}")


def labelled_set(
    originals: list[str], size: int, seed: int, variant_share: float = 0.3, kinds: tuple[str, ...] = KINDS
) -> list[Item]:
    """``size`` items: originals in order, with ``variant_share`` of them variants of earlier originals.

    >>> items = labelled_set(generated_paragraphs(50, seed=2), 20, seed=3)
    >>> len(items), sum(it.kind != "original" for it in items) > 0
    (20, True)
    """
    rng = random.Random(seed)
    items: list[Item] = []
    next_original = 0
    originals_at: list[int] = []
    while len(items) < size:
        if originals_at and (rng.random() < variant_share or next_original >= len(originals)):
            source = rng.choice(originals_at)
            kind = rng.choice(kinds)
            other = originals[rng.randrange(len(originals))]
            items.append(Item(variant(items[source].text, kind, rng, other), source, kind))
        else:
            originals_at.append(len(items))
            items.append(Item(originals[next_original], len(items), "original"))
            next_original += 1
    return items


def stream(originals: list[str], seed: int) -> Iterator[str]:
    """Endless variants of random ``originals`` (kinds drawn uniformly)."""
    return _variants(originals, random.Random(seed))


def _variants(originals: list[str], rng: random.Random) -> Iterator[str]:
    while True:
        text = originals[rng.randrange(len(originals))]
        yield variant(text, rng.choice(KINDS), rng, originals[rng.randrange(len(originals))])


def scale_corpus(originals: list[str], size: int, seed: int) -> list[str]:
    """``size`` paragraphs: every original once, then seeded variants (all kinds) of random originals, shuffled.

    >>> len(scale_corpus(generated_paragraphs(20, seed=1), 100, seed=2))
    100
    """
    rng = random.Random(seed)
    out = list(originals[:size])
    out.extend(islice(_variants(originals, rng), size - len(out)))
    rng.shuffle(out)
    return out
