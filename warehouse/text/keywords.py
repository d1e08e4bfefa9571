"""Keywords of a set of texts: document frequency in the set weighted by general-language rarity."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from warehouse.text.tokens import data_lines, words

# Below this many texts every recurring word is shown; above it a keyword must recur.
MIN_TEXTS_FOR_RECURRENCE = 10


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """Inverse document frequencies of general Chinese text, shipped with jieba (offline).

    Words it does not know (English, new compounds) get its median, as jieba's own TF-IDF does.
    """
    table: dict[str, float] = {}
    text = resources.files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, value = line.rpartition(" ")
        if word:
            table[word] = float(value)
    return table, statistics.median(table.values())


def document_counts(texts: Iterable[str | None], lang: str = "auto") -> tuple[Counter, int]:
    """How many texts mention each content word, and how many non-empty texts there were.

    Identical texts are analysed once and counted as often as they occur (exports repeat them).
    """
    counts: Counter = Counter()
    total = 0
    for text, times in Counter(str(t) for t in texts if t and str(t).strip()).items():
        total += times
        counts.update(dict.fromkeys(words(text, lang), times))
    return counts, total


def rank(counts: Counter, total: int, top: int) -> list[tuple[str, float]]:
    """TF-IDF over the set: share of texts mentioning a word × the word's general rarity.

    A word every complaint shares with ordinary language (问题, 订单) sinks; a word this set
    uses far more than ordinary text does (送餐, 退款, 闪退) rises.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    if not total:
        return []
    idf, default = _idf()
    least = 2 if total >= MIN_TEXTS_FOR_RECURRENCE else 1
    scored = [
        (word, (n / total) * idf.get(word, default))
        for word, n in counts.items()
        if n >= least
    ]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:top]


def keywords(texts: Iterable[str | None], top: int = 20, lang: str = "auto") -> list[tuple[str, float]]:
    """The `top` keywords of a set of Chinese and/or English texts, as (word, weight), best first."""
    counts, total = document_counts(texts, lang)
    return rank(counts, total, top)


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words too general to name a problem (warehouse/text/data/generic_words.txt): never a
    contrast keyword, never a keyword surge on their own."""
    return frozenset(data_lines("generic_words.txt"))
