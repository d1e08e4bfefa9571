"""Sentiment, keywords and tags against the labelled takeaway-delivery reviews (real public data)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from warehouse.text import default_dictionary, keywords, sentiment, tagger

# Measured when the lexicon was written (it holds general evaluative and service words, none
# taken from this file): 79.2 % of all 11,987 reviews get the label's sign (a score of 0 counts
# as a miss), 91.7 % get a non-zero score, and 86.5 % of those agree. Floors sit a few points below.
# With the trained model (built from these reviews among others, so in-sample here: held-out
# figures are bench/text.py's) 90.9 %, 97.8 % and 92.9 %; the floors stay the lexicon's, which
# is what the product falls back to without the model file.
AGREEMENT_FLOOR = 0.76
SCORED_AGREEMENT_FLOOR = 0.83
COVERAGE_FLOOR = 0.88


@pytest.fixture(scope="module")
def reviews(real_data) -> list[tuple[int, str]]:
    with open(real_data / "waimai_reviews_zh.csv", encoding="utf-8", newline="") as fh:
        return [(int(row["label"]), row["review"]) for row in csv.DictReader(fh)]


def test_file_is_what_the_readme_says(reviews):
    assert len(reviews) == 11_987
    assert {label for label, _ in reviews} == {0, 1}


def test_sentiment_sign_agrees_with_the_labels(reviews):
    scores = [(label, sentiment(text)) for label, text in reviews]
    agree = sum((s > 0 and label == 1) or (s < 0 and label == 0) for label, s in scores)
    scored = [(label, s) for label, s in scores if s != 0]
    scored_agree = sum((s > 0) == (label == 1) for label, s in scored)
    majority = max(Counter(label for label, _ in reviews).values()) / len(reviews)
    print(
        f"sentiment agreement {agree / len(scores):.4f} (majority class {majority:.4f}), "
        f"coverage {len(scored) / len(scores):.4f}, agreement on scored {scored_agree / len(scored):.4f}"
    )
    assert agree / len(scores) >= AGREEMENT_FLOOR
    assert len(scored) / len(scores) >= COVERAGE_FLOOR
    assert scored_agree / len(scored) >= SCORED_AGREEMENT_FLOOR
    # It must beat always answering "negative" (two thirds of the file) by a clear margin.
    assert agree / len(scores) >= majority + 0.08


def test_negative_reviews_are_about_delivery_time(reviews):
    negative = [w for w, _ in keywords([t for label, t in reviews if label == 0], top=20)]
    positive = [w for w, _ in keywords([t for label, t in reviews if label == 1], top=20)]
    print("negative keywords:", negative)
    # Takeaway complaints are mostly about waiting: 送餐 (delivery) and 小时 (hours) lead, and
    # 慢 (slow) is there as itself or as 太慢 (too slow).
    assert {"送餐", "小时"} <= set(negative[:5])
    assert {"慢", "太慢"} & set(negative)
    # Waiting hours and 难吃 (tastes bad) are what separates the negative reviews.
    assert "小时" not in positive
    assert "难吃" in negative and "难吃" not in positive


def test_tags_fire_on_negative_reviews_far_more_than_on_positive_ones(reviews):
    compiled = tagger(default_dictionary())
    shares = {}
    for wanted in (0, 1):
        texts = [t for label, t in reviews if label == wanted]
        counts = Counter()
        tagged = 0
        for text in texts:
            found = compiled(text)
            counts.update(found)
            tagged += bool(found)
        shares[wanted] = (tagged / len(texts), counts.most_common(1)[0][0], counts["delivery delay"] / len(texts))
    print("tagged share (negative, positive):", shares[0], shares[1])
    # Measured: 31 % of negative and 4.9 % of positive reviews carry a tag; delivery delay leads
    # (15 % of negative, 2.9 % of positive reviews). A category needs its specific terms, so a
    # bare topic word (送餐, 服务) in a negative review tags nothing: fewer tags, but right ones.
    assert shares[0][0] >= 0.28
    assert shares[1][0] <= 0.07
    assert shares[0][0] >= 5 * shares[1][0]
    assert shares[0][1] == "delivery delay"
    assert shares[0][2] >= 4 * shares[1][2]
