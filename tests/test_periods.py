"""Report periods: the forms an agency writes, the periods compared with, and the days data covers."""

from __future__ import annotations

import datetime as dt

import pytest

from smanalytics.periods import Period, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "kind", "code"),
    [
        ("2026-10", D(2026, 10, 1), D(2026, 10, 31), "month", "2026-10"),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28), "month", "2026-02"),
        ("2028-02", D(2028, 2, 1), D(2028, 2, 29), "month", "2028-02"),  # a leap year
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter", "2026-Q3"),
        ("2026-q4", D(2026, 10, 1), D(2026, 12, 31), "quarter", "2026-Q4"),
        # ISO week 42 of 2026: Monday 12 to Sunday 18 October
        ("2026-W42", D(2026, 10, 12), D(2026, 10, 18), "week", "2026-W42"),
        # ISO week 1 of 2026 starts on Monday 29 December 2025 (1 January 2026 is a Thursday)
        ("2026-W01", D(2025, 12, 29), D(2026, 1, 4), "week", "2026-W01"),
        ("2026-W53", D(2026, 12, 28), D(2027, 1, 3), "week", "2026-W53"),
        ("2026-07-01..2026-09-30", D(2026, 7, 1), D(2026, 9, 30), "span", "2026-07-01..2026-09-30"),
        (" 2026-07-01 .. 2026-07-01 ", D(2026, 7, 1), D(2026, 7, 1), "span", "2026-07-01..2026-07-01"),
    ],
)
def test_every_form_gives_its_days_and_kind(text, start, end, kind, code):
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.code) == (start, end, kind, code)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("text", "today", "code"),
    [
        ("last-month", "2026-10-05", "2026-09"),
        ("last-month", "2026-01-31", "2025-12"),
        ("LAST-MONTH", "2026-03-01", "2026-02"),
        ("last-quarter", "2026-10-01", "2026-Q3"),
        ("last-quarter", "2026-03-31", "2025-Q4"),
        ("last-week", "2026-10-19", "2026-W42"),  # a Monday: the week before is the whole of 42
        ("last-week", "2026-01-02", "2025-W52"),  # in ISO week 1 of 2026
    ],
)
def test_relative_periods_count_back_from_today(text, today, code):
    assert parse_period(text, today=today).code == code
    assert parse_period(text, today=dt.date.fromisoformat(today)).code == code


@pytest.mark.parametrize(
    ("text", "previous", "year_ago"),
    [
        ("2026-09", "2026-08", "2025-09"),
        ("2026-01", "2025-12", "2025-01"),
        ("2026-Q1", "2025-Q4", "2025-Q1"),
        ("2026-W42", "2026-W41", "2025-W42"),
        ("2027-W01", "2026-W53", "2026-W01"),
        ("2026-W53", "2026-W52", "2025-W52"),  # 2025 has no week 53
        # 31 days: the 31 days before; a year ago, the same dates
        ("2026-10-15..2026-11-14", "2026-09-14..2026-10-14", "2025-10-15..2025-11-14"),
    ],
)
def test_a_period_is_compared_with_the_one_before_and_the_same_one_a_year_earlier(text, previous, year_ago):
    period = parse_period(text)
    assert period.previous().code == previous
    assert period.previous().kind == period.kind
    assert period.year_ago().code == year_ago
    assert period.previous().days == period.days or period.kind in ("month", "quarter")


@pytest.mark.parametrize(
    "text",
    ["", "2026", "2026-13", "2026-00", "2026-Q5", "2026-W00", "2027-W53", "Sept 2026",
     "2026-09-31..2026-10-01", "2026-10-01..2026-09-01", "next-month"],
)  # fmt: skip
def test_anything_else_is_refused_saying_what_a_period_looks_like(text):
    with pytest.raises(ValueError, match="must be a period: YYYY-MM, YYYY-Qn, YYYY-Wnn"):
        parse_period(text)


def test_the_days_data_covers_of_a_period():
    september = parse_period("2026-09")
    # the exports end on 20 September
    assert september.clip(D(2025, 11, 1), D(2026, 9, 20)) == (D(2026, 9, 1), D(2026, 9, 20))
    # they start on 10 September
    assert september.clip(D(2026, 9, 10), D(2026, 10, 31)) == (D(2026, 9, 10), D(2026, 9, 30))
    assert september.clip(D(2026, 10, 1), D(2026, 10, 31)) is None
    assert september.clip(None, None) is None
    with pytest.raises(ValueError, match="ends on or after its start"):
        Period(D(2026, 9, 2), D(2026, 9, 1), "span")
