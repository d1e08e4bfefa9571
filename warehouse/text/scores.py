"""Per-text analysis (sentiment, content words, tags) computed once per distinct text and kept.

Exports repeat the same descriptions, and every view of a page asks about the same texts again:
each distinct text is analysed once per process and remembered by its own value (tags once per
dictionary too), so moving a filter never re-scores a text already seen.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from warehouse.text.dictionary import Tagger
from warehouse.text.sentiment import sentiment
from warehouse.text.tokens import detect_lang, normalise, words

# Remembered texts; past this the memory is dropped and refilled (a few hundred MB at most).
MAX_REMEMBERED = 400_000
# Fewer new texts than this are scored in this process; more are split over the CPU cores.
PARALLEL_FROM = 20_000

_lock = threading.Lock()
_analysed: dict[str, tuple[float, tuple[str, ...], str]] = {}
_tagged: dict[Tagger, dict[str, tuple[str, ...]]] = {}


def _analyse(text: str) -> tuple[float, tuple[str, ...], str]:
    lang = detect_lang(normalise(text))
    # Each content word once: what document counts, contrast and surges count.
    return sentiment(text), tuple(dict.fromkeys(words(text))), lang


def _analyse_many(texts: Sequence[str]) -> list[tuple[float, tuple[str, ...], str]]:
    return [_analyse(t) for t in texts]


def _workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def analyse(texts: Iterable[str]) -> dict[str, tuple[float, tuple[str, ...], str]]:
    """(sentiment, content words, language) of each distinct text, from memory where known."""
    distinct = list(dict.fromkeys(t for t in texts if isinstance(t, str)))
    new = [t for t in distinct if t not in _analysed]
    if new:
        workers = _workers()
        if len(new) >= PARALLEL_FROM and workers > 1:
            chunks = [new[i::workers] for i in range(workers)]
            # spawn, not fork: the app server has threads, and a forked copy of a held lock hangs
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                done = {}
                for chunk, result in zip(chunks, pool.map(_analyse_many, chunks), strict=True):
                    done.update(zip(chunk, result, strict=True))
        else:
            done = dict(zip(new, _analyse_many(new), strict=True))
        with _lock:
            if len(_analysed) + len(done) > MAX_REMEMBERED:
                _analysed.clear()
            _analysed.update(done)
    return {t: _analysed[t] if t in _analysed else _analyse(t) for t in distinct}


def tags(texts: Iterable[str], tagger: Tagger) -> dict[str, tuple[str, ...]]:
    """The categories of each distinct text under TAGGER, from memory where known."""
    with _lock:
        known = _tagged.setdefault(tagger, {})
        if len(_tagged) > 8:  # an edited dictionary leaves its old tags behind
            for old in [k for k in _tagged if k is not tagger][:-4]:
                del _tagged[old]
    distinct = list(dict.fromkeys(t for t in texts if isinstance(t, str)))
    done = {t: tuple(tagger(t)) for t in distinct if t not in known}
    if done:
        with _lock:
            if len(known) + len(done) > MAX_REMEMBERED:
                known.clear()
            known.update(done)
    return {t: known[t] if t in known else tuple(tagger(t)) for t in distinct}


def annotate(frame: pd.DataFrame, tagger: Tagger) -> pd.DataFrame:
    """FRAME (a `text` column) with sentiment, words, lang and tags columns added."""
    out = frame.copy()
    texts = out["text"].astype(str).tolist()
    analysed = analyse(texts)
    tagged = tags(texts, tagger)
    out["sentiment"] = pd.array([analysed[t][0] for t in texts], dtype="float64")
    out["words"] = [analysed[t][1] for t in texts]
    out["lang"] = pd.array([analysed[t][2] for t in texts], dtype="string")
    out["tags"] = [tagged[t] for t in texts]
    return out


def forget() -> None:
    """Drop everything remembered (tests; after the model was rebuilt)."""
    with _lock:
        _analysed.clear()
        _tagged.clear()
