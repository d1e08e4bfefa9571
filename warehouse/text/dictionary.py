"""The complaint category dictionary: shipped defaults, analyst edits kept in the warehouse, tagging."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from warehouse.access import audit
from warehouse.access.permissions import require
from warehouse.access.scope import Viewer
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction
from warehouse.text.sentiment import lexicon_sentiment
from warehouse.text.tokens import CLAUSE_BREAKS, has_cjk, normalise

SETTING_KEY = "text_dictionary"
MAX_CATEGORY_CHARS = 60
MAX_TERM_CHARS = 40
# English terms also match their common inflections: crash -> crashes, crashed, crashing.
_EN_SUFFIXES = ("", "s", "es", "ed", "d", "ing")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_SPLIT = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "]+")

# What one match is worth towards a category's minimum specificity (default 1: one term).
# An aspect (a topic word such as 配送 or fee) counts only in a clause that reads negative, and
# only half: on its own it never tags, so a generic topic word in a complaint is not a category.
TERM_SPECIFICITY = 1.0
ASPECT_SPECIFICITY = 0.5
MAX_SPECIFICITY = 5.0

Entries = list[dict[str, Any]]


class DictionaryError(ValueError):
    """A dictionary an analyst submitted cannot be saved; the message says what to fix."""


def default_dictionary() -> Entries:
    """The shipped categories (warehouse/text/data/dictionary.json)."""
    text = resources.files("warehouse.text.data").joinpath("dictionary.json").read_text(encoding="utf-8")
    return validate(json.loads(text)["entries"])


def _term_list(value: Any, where: str) -> list[str]:
    """Terms as a list, accepting the comma / 、 / newline separated text a table editor gives."""
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[,，、;；\n]", value)
    if not isinstance(value, Iterable):
        raise DictionaryError(f"{where}: give the terms as a list or as comma-separated text.")
    out: list[str] = []
    for term in value:
        term = normalise(str(term)).strip()
        if not term:
            continue
        if len(term) > MAX_TERM_CHARS:
            raise DictionaryError(f"{where}: the term {term[:20]!r}… is longer than {MAX_TERM_CHARS} characters.")
        if term not in out:
            out.append(term)
    return out


def validate(entries: Any) -> Entries:
    """Checked and normalised entries: unique category names, each with at least one term."""
    if isinstance(entries, Mapping):
        entries = [{"category": k, "terms": v} for k, v in entries.items()]
    if not isinstance(entries, (list, tuple)):
        raise DictionaryError("The dictionary must be a list of categories, each with its terms.")
    out: Entries = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            raise DictionaryError(f"Row {number}: give a category and its terms.")
        category = normalise(str(entry.get("category") or "")).strip()
        where = f"Row {number} ({category or 'no name'})"
        if not category:
            raise DictionaryError(f"Row {number}: the category name is empty; name it or delete the row.")
        if len(category) > MAX_CATEGORY_CHARS:
            raise DictionaryError(f"{where}: shorten the category name to {MAX_CATEGORY_CHARS} characters.")
        if category in seen:
            raise DictionaryError(f"{where}: the category appears twice; merge the two rows.")
        seen.add(category)
        terms = _term_list(entry.get("terms"), where)
        aspects = _term_list(entry.get("aspects"), where)
        exclude = _term_list(entry.get("exclude"), where)
        if not terms and not aspects:
            raise DictionaryError(f"{where}: add at least one term, or delete the row.")
        need = _specificity(entry.get("min_specificity"), where)
        if not terms and need > ASPECT_SPECIFICITY:
            raise DictionaryError(f"{where}: its aspects alone can never reach the minimum specificity; "
                                  "add terms or lower it.")
        label_zh = str(entry.get("label_zh") or "").strip()
        out.append({"category": category, "label_zh": label_zh, "terms": terms, "aspects": aspects,
                    "exclude": exclude, "min_specificity": need})
    return out


def _specificity(value: Any, where: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return TERM_SPECIFICITY
    try:
        need = float(value)
    except (TypeError, ValueError):
        raise DictionaryError(f"{where}: the minimum specificity must be a number such as 1 or 1.5.") from None
    if math.isnan(need):  # an empty cell of the table editor
        return TERM_SPECIFICITY
    if not ASPECT_SPECIFICITY <= need <= MAX_SPECIFICITY:
        raise DictionaryError(f"{where}: set the minimum specificity between {ASPECT_SPECIFICITY} and "
                              f"{MAX_SPECIFICITY}.")
    return need


class _View:
    """A normalised text as the matchers see it; its Latin words are split once, when needed."""

    __slots__ = ("_joined", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None
        self._joined: str | None = None

    def _split(self) -> None:
        found = _LATIN_WORD.findall(self.text)
        self._words = frozenset(found)
        self._joined = " " + " ".join(found) + " "

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._split()
        return self._words

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._split()
        return self._joined


@dataclass(frozen=True)
class _Matcher:
    """Chinese terms match as substrings; Latin terms as whole words or phrases, with the
    inflections in _EN_SUFFIXES (sets and substring tests, not regex alternations, which
    are slow on long English narratives)."""

    cjk: tuple[str, ...]
    words: frozenset[str]
    phrases: tuple[tuple[str, str], ...]  # (first word, " the whole phrase ")

    @classmethod
    def build(cls, terms: list[str]) -> _Matcher | None:
        if not terms:
            return None
        cjk, words, phrases = [], set(), []
        for term in terms:
            if has_cjk(term):
                cjk.append(term)
                continue
            parts = _LATIN_WORD.findall(term)
            forms = [parts[-1] + suffix for suffix in _EN_SUFFIXES]
            if len(parts) == 1:
                words.update(forms)
            elif parts:
                phrases.extend((parts[0], " " + " ".join(parts[:-1] + [form]) + " ") for form in forms)
        return cls(tuple(cjk), frozenset(words), tuple(phrases))

    def __call__(self, view: _View) -> bool:
        if any(term in view.text for term in self.cjk):
            return True
        if self.words and not self.words.isdisjoint(view.words):
            return True
        # The set lookup of the first word spares most substring searches of long texts.
        words = view.words
        return any(first in words and phrase in view.joined for first, phrase in self.phrases)


@dataclass(frozen=True)
class _Category:
    category: str
    terms: _Matcher | None
    aspects: _Matcher | None
    exclude: _Matcher | None
    need: float

    def specificity(self, clauses: list[_View]) -> float:
        """Evidence for the category, clause by clause: a clause holding an excluded term (退款很快,
        refund was processed) gives none; each clause with a term gives TERM_SPECIFICITY; aspects
        in negative clauses give ASPECT_SPECIFICITY once, however many there are (a long
        narrative repeating "fee" is no more about billing errors than one saying it once)."""
        total, aspect = 0.0, 0.0
        for clause in clauses:
            if self.exclude and self.exclude(clause):
                continue
            if self.terms and self.terms(clause):
                total += TERM_SPECIFICITY
            elif not aspect and self.aspects and self.aspects(clause) and _negative(clause.text):
                aspect = ASPECT_SPECIFICITY
        return total + aspect


@dataclass(frozen=True)
class Tagger:
    """A compiled dictionary: call it with a text to get its categories."""

    entries: tuple[_Category, ...]

    @classmethod
    def build(cls, entries: Entries) -> Tagger:
        return cls(tuple(
            _Category(e["category"], _Matcher.build(e["terms"]), _Matcher.build(e["aspects"]),
                      _Matcher.build(e["exclude"]), e["min_specificity"])
            for e in validate(entries)
        ))

    def __call__(self, text: str | None) -> list[str]:
        text = normalise(text)
        if not text.strip():
            return []
        view = _View(text)
        found = []
        clauses = None
        for entry in self.entries:
            terms, aspects = entry.terms, entry.aspects
            term_hit = bool(terms and terms(view))
            aspect_hit = not term_hit and bool(aspects and aspects(view))
            if not term_hit and (not aspect_hit or entry.need > ASPECT_SPECIFICITY):
                continue  # aspects alone cannot reach the minimum: no clause needs reading
            if term_hit and entry.need <= TERM_SPECIFICITY and not (entry.exclude and entry.exclude(view)):
                found.append(entry.category)  # the common case: one specific term, nothing excluded
                continue
            if clauses is None:
                clauses = [_View(c) for c in _CLAUSE_SPLIT.split(text) if c.strip()]
            if entry.specificity(clauses) >= entry.need:
                found.append(entry.category)
        return found


@lru_cache(maxsize=4096)
def _negative(clause: str) -> bool:
    return lexicon_sentiment(clause) < 0


@lru_cache(maxsize=16)
def _tagger_for(frozen: str) -> Tagger:
    return Tagger.build(json.loads(frozen))


def tagger(dictionary: Entries | Mapping[str, Iterable[str]] | Tagger | None = None) -> Tagger:
    """A compiled dictionary (the shipped one when none is given)."""
    if isinstance(dictionary, Tagger):
        return dictionary
    if dictionary is None:
        dictionary = default_dictionary()
    if isinstance(dictionary, Mapping):
        dictionary = [{"category": k, "terms": list(v)} for k, v in dictionary.items()]
    return _tagger_for(json.dumps(dictionary, ensure_ascii=False, sort_keys=True))


def tag(text: str | None, dictionary: Entries | Mapping[str, Iterable[str]] | Tagger | None = None) -> list[str]:
    """Categories of one complaint text, in dictionary order (none when nothing matches)."""
    return tagger(dictionary)(text)


def dictionary(db: str | os.PathLike | None = None) -> Entries:
    """The dictionary in use: the analysts' saved version, or the shipped default."""
    with connect(db) as con:
        row = sqlfiles.one(con, "text/dictionary_get.sql", {"key": SETTING_KEY})
    if row is None:
        return default_dictionary()
    return validate(json.loads(row["value"])["entries"])


def save_dictionary(entries: Any, *, user: Viewer | str, db: str | os.PathLike | None = None) -> Entries:
    """Validate and store the dictionary, with its before/after in settings history and the audit log.

    Raises DictionaryError (message safe to show) for bad input and PermissionDenied for a
    viewer whose role may not edit it; nothing is written then.
    """
    if isinstance(user, Viewer):
        require(user, "edit_text_dictionary")
        user_name = user.name
    else:
        user_name = str(user)
    clean = validate(entries)
    after = json.dumps({"entries": clean}, ensure_ascii=False)
    with connect(db, write=True) as con, transaction(con):
        row = sqlfiles.one(con, "text/dictionary_get.sql", {"key": SETTING_KEY})
        before = row["value"] if row else None
        old = json.loads(before)["entries"] if before else default_dictionary()
        params = {"key": SETTING_KEY, "value": after, "user_name": user_name}
        sqlfiles.execute(con, "text/dictionary_put.sql", params)
        sqlfiles.execute(con, "text/dictionary_history.sql", {**params, "before": before, "after": after})
        old_names = {e["category"] for e in old}
        new_names = {e["category"] for e in clean}
        audit.record(con, user_name, "text_dictionary.save", SETTING_KEY, {
            "categories": len(clean),
            "added": sorted(new_names - old_names),
            "removed": sorted(old_names - new_names),
        })
    return clean
