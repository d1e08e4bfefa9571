"""Complaint text analysis, offline: segmentation, keywords, category tags, sentiment, surges."""

from warehouse.text.complaints import (
    MAX_TEXTS,
    category_surges,
    category_tags,
    complaint_keywords,
    keyword_surges,
    surge_level,
    surges_from_texts,
)
from warehouse.text.dictionary import (
    DictionaryError,
    Tagger,
    default_dictionary,
    dictionary,
    save_dictionary,
    tag,
    tagger,
    validate,
)
from warehouse.text.keywords import keywords
from warehouse.text.sentiment import raw_score, sentiment
from warehouse.text.tokens import detect_lang, normalise, segment, words

__all__ = [
    "MAX_TEXTS",
    "DictionaryError",
    "Tagger",
    "category_surges",
    "category_tags",
    "complaint_keywords",
    "default_dictionary",
    "detect_lang",
    "dictionary",
    "keyword_surges",
    "keywords",
    "normalise",
    "raw_score",
    "save_dictionary",
    "segment",
    "sentiment",
    "surge_level",
    "surges_from_texts",
    "tag",
    "tagger",
    "validate",
    "words",
]
