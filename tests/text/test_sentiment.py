"""Lexicon sentiment on hand-written sentences: polarity, negation, degree words, contrast."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warehouse.text import raw_score, sentiment


@pytest.mark.parametrize(
    "text",
    ["很快，好吃，味道足", "服务态度很好，不错", "Great service, thanks!", "the agent was helpful and polite"],
)
def test_favourable_texts_score_positive(text):
    assert sentiment(text) > 0


@pytest.mark.parametrize(
    "text",
    [
        "送餐太慢了，等了一个多小时，饭都凉了",
        "客服态度差",
        "退款三天了还没到账",
        "The agent was very rude and the refund never arrived",
        "app crashed again, terrible",
    ],
)
def test_complaints_score_negative(text):
    assert sentiment(text) < 0


def test_negation_flips_and_weakens():
    # 好吃 = +1; 不 before it flips it with factor 0.75 (hand: -0.75).
    assert raw_score("好吃") == pytest.approx(1.0)
    assert raw_score("不好吃") == pytest.approx(-0.75)
    assert raw_score("not helpful") == pytest.approx(-0.75)
    assert raw_score("not bad") == pytest.approx(0.75)


def test_degree_words_scale():
    # 差 = -1; 很 ×1.3, 非常 ×1.6.
    assert raw_score("差") == pytest.approx(-1.0)
    assert raw_score("很差") < raw_score("差")
    assert raw_score("服务非常热情") == pytest.approx(1.6)
    # 好 is a degree word before an evaluative word: 好慢 = 1.3 × (-1).
    assert raw_score("好慢") == pytest.approx(-1.3)


def test_degree_after_negation_softens_before_negation_strengthens():
    # 不太好吃: -0.75 / 1.6; 很不好: 很 ×1.3 applied to 不好 (-1).
    assert raw_score("不太好吃") == pytest.approx(-0.75 / 1.6)
    assert raw_score("很不好") == pytest.approx(-1.3)


def test_contrast_makes_the_second_half_count_more():
    # 不错 +1 × 0.4 before 但是, then 太慢 -1: -0.6.
    assert raw_score("味道不错，但是送得太慢") == pytest.approx(-0.6)
    assert sentiment("food was good but delivery was slow") < 0


def test_bare_negation_reads_as_a_complaint():
    assert raw_score("没有送水") == pytest.approx(-0.5)
    assert sentiment("the parcel never arrived") < 0


def test_neutral_and_empty_texts_score_zero():
    assert sentiment("") == 0
    assert sentiment(None) == 0
    assert sentiment("订单号 12345") == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_sentiment_is_bounded(text):
    assert -1.0 <= sentiment(text) <= 1.0
