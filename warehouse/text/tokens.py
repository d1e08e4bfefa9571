"""Text normalisation, Chinese segmentation (jieba, offline) and English tokenisation."""

from __future__ import annotations

import logging
import re
import sys
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

import jieba

_DATA = "warehouse.text.data"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER_OR_CJK = re.compile(r"[a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Counting words (一个多, 两份, 几次) say how much, not what about.
_NUMERAL_WORD = re.compile(r"^[零一二三四五六七八九十百千万两几多半个份次些]+$")
_EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?|[^\sa-z\d]")
# Clause breaks: punctuation after NFKC (full-width marks become ASCII) plus the ideographic ones.
CLAUSE_BREAKS = frozenset(",.!?;:~\n\r\t()[]{}\"'、。…|/")
LANGS = ("auto", "zh", "en")

_segmenter_lock = threading.Lock()
_segmenter: jieba.Tokenizer | None = None


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped word list in warehouse/text/data/."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(data_lines("stopwords_zh.txt") + data_lines("stopwords_en.txt"))


def normalise(text: str | None) -> str:
    """NFKC (full-width letters and punctuation become ASCII) and lower case."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", str(text)).lower()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def detect_lang(text: str) -> str:
    """'zh' when the text holds any CJK character (jieba also splits the Latin runs), else 'en'."""
    return "zh" if has_cjk(text) else "en"


def segmenter() -> jieba.Tokenizer:
    """jieba's bundled dictionary, loaded once on first use (about a second) and quietly."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                jieba.setLogLevel(logging.WARNING)
                segmenter = jieba.Tokenizer()
                segmenter.initialize()
                _segmenter = segmenter
    return _segmenter


def _english(text: str) -> list[str]:
    out = []
    for token in _EN_TOKEN.findall(text):
        if "'" in token:
            # don't -> dont (a negator); customer's -> customer
            token = token.replace("'", "") if token.endswith("n't") else token.split("'")[0]
        out.append(token)
    return out


def _segment(text: str, lang: str) -> tuple[str, ...]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    text = normalise(text)
    if lang == "auto":
        lang = detect_lang(text)
    if lang == "zh":
        tokens = []
        for piece in segmenter().lcut(text):
            piece = piece.strip()
            if not piece:
                continue
            # jieba keeps English runs whole but splits "don't" at the quote; re-tokenise them.
            tokens.extend(_english(piece) if not has_cjk(piece) and len(piece) > 1 else [piece])
    else:
        tokens = _english(text)
    # Interned: cached token tuples then share one copy of each word.
    return tuple(sys.intern(t) for t in tokens)


# Complaint exports repeat the same short descriptions often; long narratives are unique, so
# only short texts are cached (memory stays bounded: about 20,000 × a few hundred bytes).
CACHE_MAX_CHARS = 200
_segment_cached = lru_cache(maxsize=20_000)(_segment)


def segment(text: str | None, lang: str = "auto") -> tuple[str, ...]:
    """Every token of the normalised text, punctuation included (clauses need it), no blanks."""
    if not text:
        return ()
    if len(text) <= CACHE_MAX_CHARS:
        return _segment_cached(text, lang)
    return _segment(text, lang)


def clear_segment_cache() -> None:
    _segment_cached.cache_clear()


def is_content(token: str) -> bool:
    """A token that can be a keyword: has a letter or a CJK character, not a stop word."""
    if token in stopwords() or not _LETTER_OR_CJK.search(token) or _NUMERAL_WORD.match(token):
        return False
    # Single Latin letters are noise; single CJK characters (慢, 凉, 贵) are kept.
    return len(token) > 1 or has_cjk(token)


def words(text: str, lang: str = "auto") -> list[str]:
    """Content words of a text, in order: what keyword extraction counts."""
    return [t for t in segment(text, lang) if is_content(t)]
