"""Time complaint text analysis on the labelled takeaway reviews: sentiment, keywords, tagging."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.access.scope import SYSTEM, Filters
from warehouse.text import default_dictionary, keyword_surges, keywords, sentiment, tagger
from warehouse.text.tokens import clear_segment_cache, segmenter

REVIEWS = ROOT.parent / "shared" / "data" / "real" / "waimai_reviews_zh.csv"


def _timed(label: str, work) -> object:
    """Run WORK and print its wall time and its CPU time (the latter is steadier on a busy machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(f"{label:<48} {time.perf_counter() - started:7.2f} s wall {time.process_time() - cpu:7.2f} s CPU")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=REVIEWS, help="label,review CSV (default: %(default)s)")
    parser.add_argument("--surges", type=Path, metavar="DB",
                        help="also run keyword_surges at every midnight of this warehouse's complaints")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"{args.file} not found; pass --file with a label,review CSV.", file=sys.stderr)
        return 2
    with open(args.file, encoding="utf-8", newline="") as fh:
        rows = [(int(r["label"]), r["review"]) for r in csv.DictReader(fh)]
    texts = [text for _, text in rows]
    print(f"{len(texts):,} reviews from {args.file.name}")
    _timed("load jieba's dictionary (once per process)", segmenter)
    scores = _timed("sentiment of every review (cold segment cache)", lambda: [sentiment(t) for t in texts])
    clear_segment_cache()
    _timed("keywords of every review (cold segment cache)", lambda: keywords(texts, top=30))
    compiled = tagger(default_dictionary())
    _timed("category tags of every review (warm cache)", lambda: [compiled(t) for t in texts])
    agree = sum((s > 0 and label == 1) or (s < 0 and label == 0) for (label, _), s in zip(rows, scores))
    print(f"sentiment sign agrees with the label on {agree / len(rows):.2%} of reviews")
    if args.surges:
        _surge_days(args.surges)
    return 0


def _surge_days(db: Path) -> None:
    """Every day's surges (as of midnight, whole company): how often the rule fires, and when."""
    from datetime import datetime, timedelta

    from warehouse.storage.db import connect

    with connect(db) as con:
        first, last = con.execute("select min(created_at), max(created_at) from complaints").fetchone()
    day = datetime.combine(first.date(), datetime.min.time()) + timedelta(days=16)
    fired, days, started = [], 0, time.perf_counter()
    while day <= last + timedelta(days=1):
        frame = keyword_surges(filters=Filters(), viewer=SYSTEM, db=db, as_of=day)
        days += 1
        if not frame.empty:
            fired.append((day.date(), frame["level"].iloc[0], ", ".join(frame["keyword"].head(5))))
        day += timedelta(days=1)
    took = time.perf_counter() - started
    print(f"keyword surges on {days} days of {db.name}: {len(fired)} days fire ({took / days * 1000:.0f} ms a day)")
    for when, level, words in fired:
        print(f"  {when}  {level:<6} {words}")


if __name__ == "__main__":
    sys.exit(main())
