"""Voice of the customer: contrast keywords, tags, surges, sentiment and verbatims of complaint and survey text."""

from __future__ import annotations

import math
import os
from collections import Counter
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from warehouse.access.scope import Filters, Viewer, bind
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.text import scores
from warehouse.text.complaints import (
    SURGE_ALPHA,
    SURGE_BASELINE_WINDOWS,
    SURGE_MIN_COUNT,
    SURGE_RED,
    SURGE_YELLOW,
    poisson_tail,
    surge_level,
)
from warehouse.text.dictionary import Entries, dictionary, tagger
from warehouse.text.keywords import generic_words
from warehouse.text.tokens import normalise

# The newest texts of each source one view analyses (the frame's attrs say when it was cut).
MAX_TEXTS = 100_000
SOURCES = ("complaints", "responses", "all")
GROUPS = ("channel", "touchpoint", "region")
# The informative Dirichlet prior's total weight: how many words of pseudo-counts, spread like
# the background, each side gets (Monroe, Colaresi & Quinn 2008, "Fightin' Words").
PRIOR_WEIGHT = 500.0
# A keyword needs this many texts in the selection before it is listed.
MIN_KEYWORD_TEXTS = 3
VERBATIM_LIMIT = 500
ANNOTATIONS = ("sentiment", "words", "lang", "tags")
TEXT_COLUMNS = ["source", "id", "created_at", "channel", "region", "touchpoint", "product", "category", "text"]


def _read(con, params: dict, source: str) -> pd.DataFrame:
    parts = []
    if source in ("complaints", "all"):
        parts.append(sqlfiles.df(con, "text/complaint_texts.sql", params))
    if source in ("responses", "all"):
        parts.append(sqlfiles.df(con, "text/response_texts.sql", {**params, "wide_ratings": True}))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TEXT_COLUMNS})
    return pd.concat(parts, ignore_index=True)


def texts(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "complaints",
    dictionary_entries: Entries | None = None,
) -> pd.DataFrame:
    """Complaint descriptions and/or survey comments inside the filters and the viewer's scope,
    each with its sentiment (-1…1), content words, language and dictionary tags.

    Columns: source (complaint/response), id, at (UTC), channel, region, touchpoint, product,
    category, text, sentiment, words, lang, tags. attrs: capped (the newest MAX_TEXTS of a
    source were kept).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}")
    entries = dictionary_entries if dictionary_entries is not None else dictionary(db)
    with connect(db) as con:
        frame = _read(con, {**bind(filters, viewer), "max_texts": MAX_TEXTS}, source)
    capped = bool((frame["source"].value_counts() >= MAX_TEXTS).any()) if len(frame) else False
    frame["created_at"] = pd.to_datetime(frame["created_at"])
    frame = scores.annotate(frame, tagger(entries))
    for column in ANNOTATIONS:  # an empty selection has the columns too
        if column not in frame:
            frame[column] = pd.Series(dtype="object")
    frame.attrs.update(capped=capped)
    return frame


def _doc_counts(frame: pd.DataFrame) -> Counter:
    counts: Counter = Counter()
    for found in frame["words"]:
        counts.update(found)
    return counts


def log_odds(target: Counter, rest: Counter, prior_weight: float = PRIOR_WEIGHT) -> dict[str, tuple[float, float]]:
    """Log-odds ratio of each word, target against rest, with an informative Dirichlet prior
    spread like target + rest: (delta, z). z = delta / its standard deviation: large where a
    word is much more frequent in the target and frequent enough to be sure of it."""
    both = target + rest
    total_both = sum(both.values())
    n_t, n_r = sum(target.values()), sum(rest.values())
    if not total_both or not n_t:
        return {}
    out = {}
    for word, y_t in target.items():
        alpha = prior_weight * both[word] / total_both
        y_r = rest.get(word, 0)
        delta = (math.log((y_t + alpha) / (n_t + prior_weight - y_t - alpha))
                 - math.log((y_r + alpha) / (n_r + prior_weight - y_r - alpha)))
        variance = 1 / (y_t + alpha) + 1 / (y_r + alpha)
        out[word] = (delta, delta / math.sqrt(variance))
    return out


def contrast_keywords(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "complaints",
    top: int = 30,
) -> pd.DataFrame:
    """Words that the selected texts use far more than the background (the other texts of the
    same source the viewer may see, any date; the other source when there are none), ranked by
    the log-odds z-score.

    Columns: keyword, count (selected texts mentioning it), share, background_share (of the
    other texts), ratio, z. attrs: texts, background_texts. Template words every text shares
    ("days", "yuan", 订单) score near zero and drop out; generic words never appear.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    selected = texts(filters=filters, viewer=viewer, db=db, source=source)
    everything = Filters(exclude_suspect=filters.exclude_suspect)
    chosen = set(zip(selected["source"], selected["id"], strict=True))
    others = _others(texts(filters=everything, viewer=viewer, db=db, source=source), chosen)
    if others.empty and source != "all":
        # The selection is every text of its kind: contrast it with the other kind instead.
        others = _others(texts(filters=everything, viewer=viewer, db=db, source="all"), chosen)
    target, rest = _doc_counts(selected), _doc_counts(others)
    generic = generic_words()
    scored = [
        (word, delta, z) for word, (delta, z) in log_odds(target, rest).items()
        if target[word] >= MIN_KEYWORD_TEXTS and word not in generic and delta > 0
    ]
    scored.sort(key=lambda item: (-item[2], item[0]))
    n_sel, n_rest = len(selected), len(others)
    rows = [
        {
            "keyword": word,
            "count": target[word],
            "share": target[word] / n_sel,
            "background_share": rest.get(word, 0) / n_rest if n_rest else np.nan,
            "z": z,
        }
        for word, _, z in scored[:top]
    ]
    frame = pd.DataFrame(rows, columns=["keyword", "count", "share", "background_share", "z"])
    frame["ratio"] = frame["share"] / frame["background_share"].where(frame["background_share"] > 0)
    frame = frame[["keyword", "count", "share", "background_share", "ratio", "z"]].astype(
        {"keyword": "string", "count": "int64", "share": "float64", "background_share": "float64",
         "ratio": "float64", "z": "float64"})
    frame.attrs.update(texts=n_sel, background_texts=n_rest, capped=selected.attrs.get("capped", False))
    return frame


def _others(frame: pd.DataFrame, chosen: set) -> pd.DataFrame:
    keys = zip(frame["source"], frame["id"], strict=True)
    return frame[[key not in chosen for key in keys]]


def _week(at: pd.Series) -> pd.Series:
    return at.dt.to_period("W-SUN").dt.start_time


def keyword_weeks(
    *,
    keywords: tuple[str, ...],
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "complaints",
) -> pd.DataFrame:
    """Weekly mentions of each keyword among the selected texts: week (Monday, UTC), keyword,
    count (texts mentioning it), texts (all texts that week), share."""
    frame = texts(filters=filters, viewer=viewer, db=db, source=source)
    return _weekly(frame, {k: frame["words"].map(lambda found, k=k: k in found) for k in keywords}, "keyword")


def _weekly(frame: pd.DataFrame, masks: dict[str, pd.Series], name: str) -> pd.DataFrame:
    columns = ["week", name, "count", "texts", "share"]
    if frame.empty or not masks:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    week = _week(frame["created_at"])
    totals = week.value_counts()
    parts = []
    for key, mask in masks.items():
        counts = week[mask.to_numpy()].value_counts().reindex(totals.index, fill_value=0)
        parts.append(pd.DataFrame({"week": totals.index, name: key, "count": counts.to_numpy(),
                                   "texts": totals.to_numpy()}))
    out = pd.concat(parts, ignore_index=True).sort_values(["week", name], ignore_index=True)
    out["share"] = out["count"] / out["texts"]
    return out[columns].astype({name: "string", "count": "int64", "texts": "int64", "share": "float64"})


def _labels(entries: Entries) -> dict[str, str]:
    return {e["category"]: e.get("label_zh", "") for e in entries}


def tag_counts(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "complaints",
) -> pd.DataFrame:
    """Texts per dictionary category (a text may carry several): category, label_zh, count,
    share, negative_share (of its texts reading negative); most frequent first. attrs: texts,
    untagged."""
    entries = dictionary(db)
    frame = texts(filters=filters, viewer=viewer, db=db, source=source, dictionary_entries=entries)
    exploded = frame[["tags", "sentiment"]].explode("tags").dropna(subset=["tags"])
    labels = _labels(entries)
    grouped = exploded.groupby("tags")["sentiment"].agg(count="size", negative=lambda s: float((s < 0).mean()))
    out = pd.DataFrame({
        "category": grouped.index.astype(str),
        "label_zh": [labels.get(c, "") for c in grouped.index],
        "count": grouped["count"].to_numpy(),
        "share": grouped["count"].to_numpy() / max(len(frame), 1),
        "negative_share": grouped["negative"].to_numpy(),
    }, columns=["category", "label_zh", "count", "share", "negative_share"])
    out = out.astype({"category": "string", "label_zh": "string", "count": "int64", "share": "float64",
                      "negative_share": "float64"})
    out = out.sort_values(["count", "category"], ascending=[False, True], ignore_index=True)
    out.attrs.update(texts=len(frame), untagged=int((frame["tags"].map(len) == 0).sum()) if len(frame) else 0)
    return out


def tag_weeks(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "complaints",
) -> pd.DataFrame:
    """Weekly texts per category: week, category, count, texts, share (as keyword_weeks)."""
    frame = texts(filters=filters, viewer=viewer, db=db, source=source)
    found = sorted({c for t in frame["tags"] for c in t})
    return _weekly(frame, {c: frame["tags"].map(lambda t, c=c: c in t) for c in found}, "category")


def sentiment_weeks(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "all",
    by: str = "channel",
) -> pd.DataFrame:
    """Weekly sentiment of the selected texts per channel, touchpoint or region: week, group,
    texts, mean (-1…1), negative_share. Texts without the grouping value go under "—"."""
    if by not in GROUPS:
        raise ValueError(f"by must be one of {', '.join(GROUPS)}")
    frame = texts(filters=filters, viewer=viewer, db=db, source=source)
    columns = ["week", "group", "texts", "mean", "negative_share"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    work = pd.DataFrame({
        "week": _week(frame["created_at"]),
        "group": frame[by].fillna("—").astype(str).str.strip().replace("", "—"),
        "sentiment": frame["sentiment"],
        "negative": frame["sentiment"] < 0,
    })
    out = work.groupby(["week", "group"], as_index=False).agg(
        texts=("sentiment", "size"), mean=("sentiment", "mean"), negative_share=("negative", "mean"))
    return out[columns].astype({"group": "string", "texts": "int64", "mean": "float64",
                                "negative_share": "float64"})


SURGE_HISTORY_COLUMNS = ["key", "first_day", "last_day", "days", "peak_day", "current", "current_texts",
                         "baseline", "baseline_texts", "ratio", "expected", "p_value", "level"]
SURGE_KINDS = ("keyword", "category")


def surge_history(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    by: str = "keyword",
    window_hours: int = 48,
    baseline_windows: int = SURGE_BASELINE_WINDOWS,
    factor: float = SURGE_YELLOW,
    red_factor: float = SURGE_RED,
    min_count: int = SURGE_MIN_COUNT,
    alpha: float = SURGE_ALPHA,
) -> pd.DataFrame:
    """The surge rule (complaints.surges_from_counts) checked at every midnight of the filter's
    period, on complaint keywords or on dictionary categories: each key that surged, with the
    days it fired and the figures of its strongest day. Generic words (要求, 问题, issue) never
    surge on their own.

    Columns: key (the keyword or category), first_day, last_day (the midnights it fired), days,
    peak_day, current (complaints mentioning it in the window before the peak midnight),
    current_texts, baseline (in the baseline windows before that), baseline_texts, ratio,
    expected, p_value, level (red if any day was red). attrs: window_hours, baseline_hours, by.
    """
    if by not in SURGE_KINDS:
        raise ValueError(f"by must be one of {', '.join(SURGE_KINDS)}")
    if window_hours % 24 or window_hours <= 0:
        raise ValueError("window_hours must be a whole number of days")
    span = window_hours // 24
    base_days = span * baseline_windows
    first = filters.start
    reach = filters.with_(start=first - timedelta(days=span + base_days)) if first else filters
    frame = texts(filters=reach, viewer=viewer, db=db, source="complaints")
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in SURGE_HISTORY_COLUMNS})
    empty.attrs.update(window_hours=window_hours, baseline_hours=base_days * 24, by=by)
    if frame.empty:
        return empty
    day = frame["created_at"].dt.normalize()
    days = pd.date_range(day.min(), day.max() + pd.Timedelta(days=1), freq="D")
    index = {d: i for i, d in enumerate(days)}
    skip = generic_words() if by == "keyword" else frozenset()
    per_key: dict[str, np.ndarray] = {}
    for d, found in zip(day, frame["words" if by == "keyword" else "tags"], strict=True):
        for key in found:
            if key not in skip:
                series = per_key.get(key)
                if series is None:
                    series = per_key[key] = np.zeros(len(days), dtype=np.int64)
                series[index[d]] += 1
    totals = day.value_counts().reindex(days, fill_value=0).to_numpy()
    # Cumulative sums give any window's count at once: check i (the midnight starting day i)
    # counts days [i - span, i) now and [i - span - base_days, i - span) as the baseline.
    cum_total = np.concatenate([[0], np.cumsum(totals)])
    first_check = pd.Timestamp(first) if first else days[0]
    checks = [i for i in range(span + base_days, len(days)) if days[i] >= first_check]
    fires = []
    for key in sorted(per_key):
        cum = np.concatenate([[0], np.cumsum(per_key[key])])
        for i in checks:
            current = int(cum[i] - cum[i - span])
            if current < min_count:
                continue
            n_cur = int(cum_total[i] - cum_total[i - span])
            baseline = int(cum[i - span] - cum[i - span - base_days])
            n_base = int(cum_total[i - span] - cum_total[i - span - base_days])
            if not n_base:
                continue
            base_share = max(baseline, 1) / n_base
            ratio = (current / n_cur) / base_share
            level = surge_level(ratio, factor, red_factor)
            expected = base_share * n_cur
            if level and poisson_tail(current, expected) < alpha:
                fires.append({"key": key, "day": days[i].date(), "current": current, "current_texts": n_cur,
                              "baseline": baseline, "baseline_texts": n_base, "ratio": ratio,
                              "expected": expected, "p_value": poisson_tail(current, expected),
                              "level": level})
    if not fires:
        return empty
    rows = []
    for key, group in pd.DataFrame(fires).groupby("key"):
        peak = group.sort_values(["ratio", "day"], ascending=[False, True]).iloc[0]
        rows.append({"key": key, "first_day": group["day"].min(), "last_day": group["day"].max(),
                     "days": len(group), "peak_day": peak["day"],
                     **{k: peak[k] for k in ("current", "current_texts", "baseline", "baseline_texts",
                                             "ratio", "expected", "p_value")},
                     "level": "red" if (group["level"] == "red").any() else "yellow"})
    out = pd.DataFrame(rows, columns=SURGE_HISTORY_COLUMNS)
    out["_red"] = out["level"] == "red"
    out = out.sort_values(["_red", "current", "key"], ascending=[False, False, True], ignore_index=True)
    out = out.drop(columns="_red").astype({"key": "string", "days": "int64", "current": "int64",
                                           "current_texts": "int64", "baseline": "int64",
                                           "baseline_texts": "int64", "ratio": "float64",
                                           "expected": "float64", "p_value": "float64", "level": "string"})
    out.attrs.update(window_hours=window_hours, baseline_hours=base_days * 24, by=by)
    return out


def verbatims(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    source: str = "all",
    query: str = "",
    keyword: str | None = None,
    category: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = VERBATIM_LIMIT,
) -> pd.DataFrame:
    """The texts behind a keyword, a category or a search, newest first (at most `limit`).

    query matches case- and width-insensitively anywhere in the text (Chinese or English);
    keyword matches a content word; category a tag; start/end (UTC, end exclusive) narrow the
    time, e.g. to a surge's window. Columns: source, id, at, channel, region, touchpoint,
    product, category, sentiment, tags, text. attrs: matched (before the limit).
    """
    frame = texts(filters=filters, viewer=viewer, db=db, source=source)
    mask = pd.Series(True, index=frame.index)
    if query and query.strip():
        needle = normalise(query).strip()
        mask &= frame["text"].map(lambda t: needle in normalise(t))
    if keyword:
        mask &= frame["words"].map(lambda found: keyword in found)
    if category:
        mask &= frame["tags"].map(lambda found: category in found)
    if start is not None:
        mask &= frame["created_at"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["created_at"] < pd.Timestamp(end)
    found = frame[mask].sort_values(["created_at", "id"], ascending=[False, True])
    out = found.head(limit)[["source", "id", "created_at", "channel", "region", "touchpoint", "product", "category",
                             "sentiment", "tags", "text"]].reset_index(drop=True)
    out["tags"] = out["tags"].map(", ".join).astype("string")
    out.attrs.update(matched=int(mask.sum()))
    return out
