"""Time complaint text analysis on the labelled takeaway reviews: sentiment, keywords, tagging."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.text import default_dictionary, keywords, sentiment, tagger
from warehouse.text.tokens import clear_segment_cache, segmenter

REVIEWS = ROOT.parent / "shared" / "data" / "real" / "waimai_reviews_zh.csv"


def _timed(label: str, work) -> object:
    started = time.perf_counter()
    result = work()
    print(f"{label:<48} {time.perf_counter() - started:7.2f} s")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=REVIEWS, help="label,review CSV (default: %(default)s)")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
