"""The demo frames before loading: deterministic, bilingual, and written as the messy exports."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import pytest

from pipelines.demo.export import write_exports
from pipelines.demo.tables import build_tables

END = date(2026, 6, 30)

# Words a reader would look for in each category's text (independent of the templates' code).
KEYWORDS = {
    "delivery delay": ("物流延迟", "配送慢", "送得慢", "迟到", "送到", "late", "delivered"),
    "product quality": ("质量", "坏", "quality", "broke", "damaged"),
    "installation issue": ("安装", "install"),
    "wrong item": ("发错", "wrong item"),
    "slow refund": ("退款", "退钱", "refund"),
    "rude staff": ("态度", "rude"),
    "billing error": ("扣费", "多收", "charged", "billing"),
    "app bug": ("闪退", "bug", "crash"),
    "payment failure": ("付款失败", "支付", "payment"),
    "website error": ("报错", "error"),
    "misleading sales": ("虚假宣传", "收费", "misleading"),
    "long wait": ("排队", "等待", "wait"),
    "slow complaint handling": ("处理", "complaint"),
    "technical support unresolved": ("解决", "support", "unresolved"),
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build_tables(7, END)


def _digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def test_same_seed_and_end_give_the_same_year(frames):
    again = build_tables(7, END)
    assert {k: _digest(v) for k, v in frames.items()} == {k: _digest(v) for k, v in again.items()}


def test_another_seed_gives_another_year(frames):
    other = build_tables(8, END)
    assert _digest(other["complaints"]) != _digest(frames["complaints"])
    assert _digest(other["survey"]) != _digest(frames["survey"])


def test_sizes_of_a_mid_size_company(frames):
    assert len(frames["crm"]) == 20_000
    assert 55_000 <= len(frames["survey"]) <= 65_000
    assert 13_000 <= len(frames["complaints"]) <= 17_000
    # 36 months x (3 competitors + industry) x (5 overall metrics + csat/nps on 6 touchpoints)
    assert len(frames["benchmarks"]) == 36 * 4 * (5 + 2 * 6)


def test_the_year_ends_on_the_end_date(frames):
    for kind, col in (("survey", "submitted_at"), ("complaints", "created_at")):
        stamps = pd.to_datetime(frames[kind][col])
        assert stamps.min().date() == date(2025, 7, 1), kind
        assert stamps.max().date() == END, kind


def test_descriptions_mix_chinese_and_english_and_carry_their_category_words(frames):
    c = frames["complaints"]
    chinese = c["description"].str.contains(r"[\u4e00-\u9fff]", regex=True)
    assert 0.45 <= chinese.mean() <= 0.75
    for category, words in KEYWORDS.items():
        texts = c.loc[c["category"] == category, "description"].str.lower()
        assert len(texts) > 100, category
        found = texts.apply(lambda t, ws=words: any(w in t for w in ws))
        assert found.all(), (category, texts[~found].head(3).tolist())


def test_exports_use_chinese_headers_gbk_xlsx_and_semicolons(frames, tmp_path):
    paths = write_exports(frames, tmp_path)
    raw = paths["complaints"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    tickets = pd.read_csv(paths["complaints"], encoding="gbk", dtype=str, keep_default_na=False)
    assert list(tickets.columns[:6]) == ["工单号", "创建时间", "客户编号", "渠道", "区域", "触点"]
    assert len(tickets) == len(frames["complaints"])
    assert tickets["创建时间"].str.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}").all()
    assert set(tickets["是否升级"]) == {"是", "否"}
    assert paths["survey"].read_bytes().startswith(b"\xef\xbb\xbf")
    bench = pd.read_excel(paths["benchmarks"])
    assert len(bench) == len(frames["benchmarks"])
    ops = pd.read_csv(paths["ops"], sep=";")
    assert len(ops) == len(frames["ops"])
    # Four survey rows are broken on purpose (nps 11, csat 0, ces 9, no date).
    survey = pd.read_csv(paths["survey"], encoding="utf-8-sig", dtype=str)
    assert len(survey) == len(frames["survey"]) + 4
