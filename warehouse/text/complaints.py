"""Complaint text in the warehouse: keywords, category tags and keyword surges for a viewer."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

import pandas as pd

from warehouse.access.scope import Filters, Viewer, bind
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.text.dictionary import Entries, Tagger, dictionary, tagger
from warehouse.text.keywords import document_counts, generic_words, rank

# The most recent descriptions one call analyses; older ones in a long window are left out
# (the frame's attrs say so) so a page never pulls a whole table into memory.
MAX_TEXTS = 20_000
# A keyword needs this many complaints in the current window before it can surge.
SURGE_MIN_COUNT = 5
# warehouse/docs/risk_and_alerts.md rule kind 6 defaults: share × 3 against the baseline is yellow, × 5 red.
SURGE_YELLOW = 3.0
SURGE_RED = 5.0
# The baseline spans this many windows before the current one (see keyword_surges).
SURGE_BASELINE_WINDOWS = 7
# A surge must also be unlikely under the baseline share: Poisson upper tail below this.
SURGE_ALPHA = 1e-4


def _descriptions(con, params: dict) -> pd.DataFrame:
    return sqlfiles.df(con, "text/descriptions.sql", {**params, "max_texts": MAX_TEXTS})


def _texts(filters: Filters, viewer: Viewer, db) -> tuple[list[str], bool]:
    with connect(db) as con:
        frame = _descriptions(con, bind(filters, viewer))
    return frame["description"].tolist(), len(frame) >= MAX_TEXTS


def complaint_keywords(
    *, filters: Filters, viewer: Viewer, db: str | os.PathLike | None = None, top: int = 30
) -> pd.DataFrame:
    """The `top` keywords of the complaint descriptions the viewer may see inside the filters.

    Columns: keyword, count (complaints mentioning it), share (of the complaints analysed,
    0–1). Keywords are chosen by TF-IDF weight and listed by count. attrs: texts, capped.
    """
    texts, capped = _texts(filters, viewer, db)
    counts, total = document_counts(texts)
    chosen = [word for word, _ in rank(counts, total, top)]
    frame = pd.DataFrame(
        {
            "keyword": chosen,
            "count": [counts[w] for w in chosen],
            "share": [counts[w] / total for w in chosen],
        },
        columns=["keyword", "count", "share"],
    ).astype({"keyword": "string", "count": "int64", "share": "float64"})
    frame = frame.sort_values(["count", "keyword"], ascending=[False, True], ignore_index=True)
    frame.attrs.update(texts=total, capped=capped)
    return frame


def category_tags(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    dictionary_entries: Entries | Tagger | None = None,
) -> pd.DataFrame:
    """Complaints per dictionary category, tagged from their descriptions (one complaint may
    carry several categories). Columns: category, label_zh, count, share; most frequent first.

    Uses the saved dictionary unless one is given. attrs: texts, untagged, capped.
    """
    entries = dictionary_entries if dictionary_entries is not None else dictionary(db)
    compiled = tagger(entries)
    texts, capped = _texts(filters, viewer, db)
    counts, total, untagged = _category_counts(texts, compiled)
    labels = _labels(entries)
    rows = [
        {"category": c, "label_zh": labels.get(c, ""), "count": n, "share": n / total}
        for c, n in counts.items()
    ]
    frame = pd.DataFrame(rows, columns=["category", "label_zh", "count", "share"]).astype(
        {"category": "string", "label_zh": "string", "count": "int64", "share": "float64"}
    )
    frame = frame.sort_values(["count", "category"], ascending=[False, True], ignore_index=True)
    frame.attrs.update(texts=total, untagged=untagged, capped=capped)
    return frame


def _labels(entries: Entries | Tagger) -> dict[str, str]:
    if isinstance(entries, Tagger):
        return {}
    return {str(e.get("category", "")).strip().lower(): e.get("label_zh", "") for e in entries}


def _as_of(filters: Filters, viewer: Viewer, con) -> datetime | None:
    """The end of the surge window: the filter's end, else the hour after the latest complaint."""
    params = bind(filters, viewer)
    if params["end"] is not None:
        return params["end"]
    row = sqlfiles.one(con, "text/latest_complaint.sql", params)
    latest = row["latest"] if row else None
    if latest is None:
        return None
    return latest.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def surge_level(ratio: float, yellow: float = SURGE_YELLOW, red: float = SURGE_RED) -> str | None:
    if ratio >= red:
        return "red"
    if ratio >= yellow:
        return "yellow"
    return None


def poisson_tail(k: int, mean: float) -> float:
    """P(X ≥ k) for X ~ Poisson(mean), summed in log space so large means do not underflow."""
    if k <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    log_mean = math.log(mean)
    total, j = 0.0, k
    while True:
        term = math.exp(-mean + j * log_mean - math.lgamma(j + 1))
        total += term
        j += 1
        if j > mean and term < total * 1e-12:
            return min(total, 1.0)


SURGE_COLUMNS = ["keyword", "current", "baseline", "ratio", "level", "expected", "p_value"]


def surges_from_counts(
    current: Counter,
    current_total: int,
    baseline: Counter,
    baseline_total: int,
    *,
    factor: float = SURGE_YELLOW,
    red_factor: float = SURGE_RED,
    min_count: int = SURGE_MIN_COUNT,
    alpha: float = SURGE_ALPHA,
) -> pd.DataFrame:
    """The surge rule on mention counts of two windows (a pure function).

    For each key in at least `min_count` current texts: ratio = current share ÷ baseline share
    (a key absent from the baseline counts as mentioned once there, so a new word needs real
    volume, not a division by zero). It surges when the ratio reaches `factor` (yellow) or
    `red_factor` (red) AND the count is unlikely to be chance: P(X ≥ current) < alpha for X
    Poisson with the baseline share × the current texts as its mean (`expected`).
    """
    rows = []
    if current_total and baseline_total:
        for key, n in current.items():
            if n < min_count:
                continue
            before = baseline.get(key, 0)
            base_share = max(before, 1) / baseline_total
            ratio = (n / current_total) / base_share
            level = surge_level(ratio, factor, red_factor)
            if not level:
                continue
            expected = base_share * current_total
            p_value = poisson_tail(n, expected)
            if p_value < alpha:
                rows.append({"keyword": key, "current": n, "baseline": before, "ratio": ratio,
                             "level": level, "expected": expected, "p_value": p_value})
    frame = pd.DataFrame(rows, columns=SURGE_COLUMNS).astype(
        {"keyword": "string", "current": "int64", "baseline": "int64", "ratio": "float64",
         "level": "string", "expected": "float64", "p_value": "float64"}
    )
    frame["_red"] = frame["level"] == "red"
    frame = frame.sort_values(["_red", "ratio", "keyword"], ascending=[False, False, True], ignore_index=True)
    frame = frame.drop(columns="_red")
    frame.attrs.update(current_texts=current_total, baseline_texts=baseline_total)
    return frame


def surges_from_texts(current: Iterable[str | None], baseline: Iterable[str | None], **rule) -> pd.DataFrame:
    """The keyword surge rule on two sets of texts (see surges_from_counts for the rule); generic
    words (要求, 问题, issue: keywords.generic_words) never surge on their own."""
    now, now_total = document_counts(current)
    before, before_total = document_counts(baseline)
    generic = generic_words()
    for word in generic & now.keys():
        del now[word]
    return surges_from_counts(now, now_total, before, before_total, **rule)


def _category_counts(texts: Iterable[str | None], compiled: Tagger) -> tuple[Counter, int, int]:
    """Complaints per category (identical texts tagged once), texts, and texts without a tag."""
    counts: Counter = Counter()
    total = untagged = 0
    for text, times in Counter(t for t in texts if t and str(t).strip()).items():
        total += times
        found = compiled(text)
        counts.update(dict.fromkeys(found, times))
        untagged += 0 if found else times
    return counts, total, untagged


def _windows(filters, viewer, db, window_hours, baseline_windows, as_of):
    """(as_of, current texts, baseline texts, capped) for a surge check, or None without data."""
    if window_hours <= 0:
        raise ValueError("window_hours must be positive")
    if baseline_windows < 1:
        raise ValueError("baseline_windows must be at least 1")
    window = timedelta(hours=window_hours)
    with connect(db) as con:
        end = as_of or _as_of(filters, viewer, con)
        if end is None:
            return None
        params = bind(filters, viewer)
        current = _descriptions(con, {**params, "start": end - window, "end": end})
        baseline = _descriptions(
            con, {**params, "start": end - (1 + baseline_windows) * window, "end": end - window}
        )
    capped = len(current) >= MAX_TEXTS or len(baseline) >= MAX_TEXTS
    return end, current["description"], baseline["description"], capped


def keyword_surges(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    window_hours: float = 48,
    factor: float = SURGE_YELLOW,
    red_factor: float = SURGE_RED,
    min_count: int = SURGE_MIN_COUNT,
    baseline_windows: int = SURGE_BASELINE_WINDOWS,
    alpha: float = SURGE_ALPHA,
    as_of: datetime | None = None,
) -> pd.DataFrame:
    """Keywords whose share of complaints jumped in the last window against their baseline.

    current: complaints mentioning the keyword in [as_of − window, as_of); baseline: in the
    `baseline_windows` windows right before it (default 7: the 14 days before a 48-hour window;
    one window before is what rule kind 6 says literally, but a keyword in a handful of
    complaints needs a longer baseline to be told from chance). Shares, not counts, so a busy
    day that raises every word is no surge. Columns: keyword, current, baseline, ratio, level,
    expected, p_value; red first (see surges_from_counts for the rule).

    as_of defaults to the end of the filter's date range, else the hour after the latest
    complaint in scope; the filter's start date is ignored (the windows define the period).
    """
    if not 0 < factor <= red_factor:
        raise ValueError("factor must be positive and not above red_factor")
    found = _windows(filters, viewer, db, window_hours, baseline_windows, as_of)
    if found is None:
        return surges_from_texts([], [])
    end, current, baseline, capped = found
    frame = surges_from_texts(
        current, baseline, factor=factor, red_factor=red_factor, min_count=min_count, alpha=alpha
    )
    frame.attrs.update(as_of=end, window_hours=window_hours,
                       baseline_hours=baseline_windows * window_hours, capped=capped)
    return frame


def category_surges(
    *,
    filters: Filters,
    viewer: Viewer,
    db: str | os.PathLike | None = None,
    window_hours: float = 48,
    factor: float = SURGE_YELLOW,
    red_factor: float = SURGE_RED,
    min_count: int = SURGE_MIN_COUNT,
    baseline_windows: int = SURGE_BASELINE_WINDOWS,
    alpha: float = SURGE_ALPHA,
    as_of: datetime | None = None,
    dictionary_entries: Entries | Tagger | None = None,
) -> pd.DataFrame:
    """keyword_surges for dictionary categories tagged from the descriptions: the same windows
    and rule, with a `category` column instead of `keyword` (and label_zh)."""
    if not 0 < factor <= red_factor:
        raise ValueError("factor must be positive and not above red_factor")
    entries = dictionary_entries if dictionary_entries is not None else dictionary(db)
    compiled = tagger(entries)
    found = _windows(filters, viewer, db, window_hours, baseline_windows, as_of)
    if found is None:
        now, before, end, capped = (Counter(), 0), (Counter(), 0), None, False
    else:
        end, current, baseline, capped = found
        now = _category_counts(current, compiled)[:2]
        before = _category_counts(baseline, compiled)[:2]
    frame = surges_from_counts(
        *now, *before, factor=factor, red_factor=red_factor, min_count=min_count, alpha=alpha
    ).rename(columns={"keyword": "category"})
    labels = _labels(entries)
    frame.insert(1, "label_zh", pd.array([labels.get(c, "") for c in frame["category"]], dtype="string"))
    frame.attrs.update(as_of=end, window_hours=window_hours,
                       baseline_hours=baseline_windows * window_hours, capped=capped)
    return frame
