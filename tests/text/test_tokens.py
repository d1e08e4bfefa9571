"""Segmentation and tokenisation on hand-checked sentences."""

from __future__ import annotations

import pytest

from warehouse.text import detect_lang, normalise, segment, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Checked by hand: each of these is one word a Chinese reader would mark.
        ("送餐太慢了，等了一个多小时", {"送餐", "太慢", "小时"}),
        ("app一直闪退，客服态度差", {"app", "闪退", "客服", "态度", "差"}),
        ("退款三天了还没到账", {"退款", "三天"}),
    ],
)
def test_chinese_words_are_segmented(text, expected):
    assert expected <= set(segment(text))


def test_chinese_segmentation_keeps_every_character_once():
    text = "味道不错但是送得太慢"
    assert "".join(segment(text)) == text


def test_english_tokens_split_contractions_and_possessives():
    assert segment("The agent didn't call back; the bank's app CRASHED.") == (
        "the", "agent", "didnt", "call", "back", ";", "the", "bank", "app", "crashed", ".",
    )


def test_full_width_text_is_normalised():
    assert normalise("ＡＰＰ闪退，请处理！") == "app闪退,请处理!"
    assert "app" in segment("ＡＰＰ闪退")


def test_words_drop_stop_words_punctuation_and_counting_words():
    assert words("送餐太慢了，等了一个多小时") == ["送餐", "太慢", "小时"]
    assert words("The refund was never processed, 3 times!") == ["refund", "never", "processed", "times"]


def test_single_chinese_characters_with_meaning_are_kept():
    assert "慢" in words("慢，凉")
    assert "凉" in words("慢，凉")


def test_language_detection():
    assert detect_lang("送餐慢") == "zh"
    assert detect_lang("app 闪退") == "zh"
    assert detect_lang("late delivery") == "en"
    with pytest.raises(ValueError, match="unknown language"):
        segment("text", "fr")


def test_empty_text():
    assert segment("") == ()
    assert words(None) == []
