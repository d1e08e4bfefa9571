"""Sentiment of Chinese and English text: a trained model for Chinese documents, lexicons for the rest.

Chinese texts are scored by the character n-gram model (warehouse/text/model.py) plus the
lexicon below; English texts by VADER's lexicon together with this one
(complaint words such as refund or crash that VADER does not know). Clauses (tagging) and any
text when the model file is missing use the lexicon alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from warehouse.text import model
from warehouse.text.tokens import CLAUSE_BREAKS, data_lines, has_cjk, normalise, segment

# A negation word reaches this many tokens ahead (不 太 好吃, not very good).
NEGATION_REACH = 3
# A negated word is weaker than its opposite: 不好 is bad, but less bad than 差.
NEGATED_FACTOR = -0.75
# A negation with nothing evaluative after it (没有送水, never arrived) still reads as a complaint.
BARE_NEGATION = -0.5
# Everything said before a contrast word (但是, but) counts this much.
BEFORE_CONTRAST = 0.4
# score / sqrt(score² + ALPHA) maps a sum of word weights into (-1, 1); one plain word ≈ ±0.58.
ALPHA = 2.0
# The lexicon's sum is added to the model's log-odds with this weight, whatever the model says:
# chosen by leaving one domain out (hotels, computers, books, takeaway; bench/text.py), where the
# model alone is over-confident about n-grams of the domains it was trained on. 1 gains 0.1–1.4
# points over the former rule (weight 0.5, only where |log-odds| < 1) on every held-out domain.
LEXICON_WEIGHT = 1.0
# Below this model log-odds a text without any evaluative word of the lexicon is neutral (0):
# 订单号 12345 (the model's z is about −1.6 there, from digits and 订单).
NEUTRAL_BELOW = 2.0


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, float]
    negators: frozenset[str]
    degree: dict[str, float]
    contrast: frozenset[str]
    longest: int


def _weights(name: str) -> dict[str, float]:
    out = {}
    for line in data_lines(name):
        word, weight = line.split("\t")
        out[word.strip()] = float(weight)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    negators = frozenset(data_lines("negators.txt"))
    words = {w: v for w, v in {**_weights("sentiment_zh.txt"), **_weights("sentiment_en.txt")}.items()
             if w not in negators}
    degree = _weights("degree.txt")
    vocabulary = set(words) | negators | set(degree)
    return Lexicon(
        words=words,
        negators=negators,
        degree=degree,
        contrast=frozenset(data_lines("adversatives.txt")),
        longest=max(len(w) for w in vocabulary if has_cjk(w)),
    )


def _split_unknown(token: str, lex: Lexicon) -> list[str]:
    """Forward maximum match of an unknown Chinese token against the lexicon's vocabulary.

    jieba keeps compounds such as 味道不好 or 好慢 whole; splitting them into 不好 or 好 / 慢
    lets the lexicon see the evaluative part. A single character is trusted only when the
    whole token decomposes (好慢) or it is a negation (没到): inside an ordinary word
    (小时) a lone character means nothing.
    """
    pieces, covered, i = [], 0, 0
    while i < len(token):
        for size in range(min(lex.longest, len(token) - i), 0, -1):
            piece = token[i : i + size]
            if piece in lex.words or piece in lex.negators or piece in lex.degree or piece in lex.contrast:
                pieces.append(piece)
                covered += size
                i += size
                break
        else:
            i += 1
    if covered == len(token):
        return pieces
    return [p for p in pieces if len(p) > 1 or p in lex.negators]


def _expand(tokens: tuple[str, ...], lex: Lexicon) -> list[str]:
    out = []
    for token in tokens:
        known = token in lex.words or token in lex.negators or token in lex.degree
        if known or token in lex.contrast or token in CLAUSE_BREAKS or not has_cjk(token):
            out.append(token)
        elif len(token) > 1:
            out.extend(_split_unknown(token, lex))
    return out


def raw_score(text: str | None) -> float:
    """The unbounded sum of word weights (positive = favourable)."""
    if not text:
        return 0.0
    lex = lexicon()
    tokens = _expand(segment(text), lex)
    total = 0.0
    negations, negated_at = 0, -1  # pending negation words and where the last one stood
    degree, degree_before_negation = 1.0, 1.0

    def settle_bare_negation() -> float:
        return BARE_NEGATION if negations % 2 == 1 else 0.0

    for i, token in enumerate(tokens):
        if token in CLAUSE_BREAKS or token in lex.contrast:
            total += settle_bare_negation()
            if token in lex.contrast:
                total *= BEFORE_CONTRAST
            negations, degree, degree_before_negation = 0, 1.0, 1.0
            continue
        if negations and i - negated_at > NEGATION_REACH:
            total += settle_bare_negation()
            negations, degree_before_negation = 0, 1.0
        if token in lex.negators:
            if not negations:
                degree_before_negation, degree = degree, 1.0
            negations += 1
            negated_at = i
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # 好 is a degree word before an evaluative word (好慢) and an evaluative word otherwise.
        if token in lex.degree and (nxt in lex.words or nxt in lex.negators or nxt in lex.degree):
            degree *= lex.degree[token]
            continue
        weight = lex.words.get(token)
        if weight is None:
            continue
        if negations % 2 == 1:
            # 很不好 (degree before the negation) is worse than 不好; 不太好 (after it) is milder.
            value = weight * NEGATED_FACTOR * degree_before_negation / degree
        else:
            value = weight * degree * degree_before_negation
        total += value
        negations, degree, degree_before_negation = 0, 1.0, 1.0
    return total + settle_bare_negation()


def lexicon_sentiment(text: str | None) -> float:
    """The lexicon's judgement alone in [-1, 1] (0 when nothing evaluative is found): for clauses."""
    score = raw_score(text)
    return score / math.sqrt(score * score + ALPHA)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def method() -> str:
    """How Chinese documents are scored here: "model", or "lexicon" when the model file is missing."""
    return "model" if model.load() is not None else "lexicon"


def sentiment(text: str | None) -> float:
    """Sentiment of a Chinese or English text in [-1, 1] (positive = favourable); 0 when empty or
    nothing evaluative is found."""
    return sentiment_with(text, model.load())


def sentiment_with(text: str | None, trained: model.Model | None) -> float:
    """sentiment() with a given Chinese model (None: the lexicon), e.g. one trained for a benchmark."""
    if not text or not str(text).strip():
        return 0.0
    text = str(text)
    if not has_cjk(text):
        compound = _vader().polarity_scores(text)["compound"]
        return (compound + lexicon_sentiment(text)) / 2
    if trained is None:
        return lexicon_sentiment(text)
    log_odds = trained.decision(text)
    if abs(log_odds) < NEUTRAL_BELOW and not _evaluative(normalise(text)):
        return 0.0  # no evaluative word and no strong model evidence: neutral (订单号 123)
    return math.tanh((log_odds + LEXICON_WEIGHT * raw_score(text)) / 2)


@lru_cache(maxsize=1)
def _evaluative_words() -> re.Pattern:
    lex = lexicon()
    vocabulary = sorted((w for w in (*lex.words, *lex.negators) if has_cjk(w)), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in vocabulary))


def _evaluative(text: str) -> bool:
    """Whether any Chinese word of the lexicon (or a negation) appears in TEXT: one search in C,
    instead of segmenting the text."""
    return _evaluative_words().search(text) is not None
