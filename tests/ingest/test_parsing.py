"""Date, number, yes/no and period parsing (the SQL macros the stager uses), checked by hand and Hypothesis."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import parsing

moments = st.datetimes(min_value=datetime(1992, 1, 1), max_value=datetime(2090, 12, 31)).map(
    lambda d: d.replace(microsecond=0))


def test_known_values():
    got = parsing.parse_timestamps(
        ["2025/3/7 14:05", "2025-03-07T01:02:03Z", "2025-03-07 14:05:00 +08:00", "2025年3月7日", "", "soon"],
        tz="Asia/Shanghai")
    assert got == [datetime(2025, 3, 7, 6, 5), datetime(2025, 3, 7, 1, 2, 3), datetime(2025, 3, 7, 6, 5),
                   datetime(2025, 3, 7), None, None]
    assert parsing.parse_timestamps(["07/03/2025"], dayfirst=True) == [datetime(2025, 3, 7)]
    assert parsing.parse_timestamps(["07/03/2025"], dayfirst=False) == [datetime(2025, 7, 3)]
    # Excel: serial 45000 is 2023-03-15; .5 is noon.
    assert parsing.parse_timestamps(["45000", "45000.5"]) == [datetime(2023, 3, 15), datetime(2023, 3, 15, 12)]
    assert parsing.parse_numbers(["1,234.5", "¥1,234", "-3", "1,23", "abc", "N/A"]) == [1234.5, 1234.0, -3.0,
                                                                                        None, None, None]
    assert parsing.parse_bools(["Yes", "否", "是", "N", "maybe"]) == [True, False, True, False, None]
    assert parsing.parse_periods(["2025Q2", "2025-03", "2025年3月", "2025", "2025-13"]) == [
        date(2025, 4, 1), date(2025, 3, 1), date(2025, 3, 1), date(2025, 1, 1), None]


@settings(max_examples=150, deadline=None)
@given(moments)
def test_iso_and_slash_forms_round_trip(moment):
    texts = [moment.strftime("%Y-%m-%d %H:%M:%S"), moment.strftime("%Y-%m-%dT%H:%M:%S"),
             f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}:{moment.second:02d}"]
    assert parsing.parse_timestamps(texts, tz="UTC") == [moment] * 3


@settings(max_examples=150, deadline=None)
@given(moments)
def test_local_time_is_stored_in_utc(moment):
    # Asia/Shanghai has no daylight saving since 1992: UTC = local - 8 h.
    got = parsing.parse_timestamps([moment.strftime("%Y-%m-%d %H:%M:%S")], tz="Asia/Shanghai")[0]
    assert got == moment - timedelta(hours=8)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_day_first_and_month_first(day):
    dmy = f"{day.day:02d}/{day.month:02d}/{day.year}"
    mdy = f"{day.month:02d}/{day.day:02d}/{day.year}"
    assert parsing.parse_dates([dmy], dayfirst=True) == [day]
    assert parsing.parse_dates([mdy], dayfirst=False) == [day]
    serial = (day - date(1899, 12, 30)).days
    if serial >= 10000:
        assert parsing.parse_dates([str(serial)]) == [day]


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_with_thousands_separators(value):
    plain, grouped = f"{value:.2f}", f"{value:,.2f}"
    assert parsing.parse_numbers([plain, grouped]) == [float(plain), float(plain)]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcxyz!?#", min_size=1, max_size=8))
def test_words_are_not_numbers(text):
    assert parsing.parse_numbers([text]) == [None]
