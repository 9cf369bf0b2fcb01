"""Hand-built daily series for the growth tests: flat, exact numbers, one account."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smanalytics import schema

START = pd.Timestamp("2026-01-01")


def make_daily(
    days: int = 120,
    *,
    follows: float = 10,
    impressions: float | None = 5000,
    reach: float | None = 3000,
    profile_visits: float | None = 100,
    engagements: float | None = 200,
    comments: float | None = 20,
    unfollows: float | None = None,
    followers0: int | None = 10_000,
    account: str = "cafe",
    platform: str = "x",
    changes: dict | None = None,
) -> pd.DataFrame:
    """A canonical daily table with constant figures, then ``changes``.

    ``changes`` maps a column to ``{day_number: value}`` (day 0 is 2026-01-01).
    ``followers`` is the running total of follows minus unfollows.
    """
    data = {
        "follows": np.full(days, follows, dtype=float),
        "impressions": impressions,
        "reach": reach,
        "profile_visits": profile_visits,
        "engagements": engagements,
        "comments": comments,
        "unfollows": unfollows,
    }
    frame = pd.DataFrame(
        {k: (np.full(days, np.nan) if v is None else np.full(days, v, dtype=float)) for k, v in data.items()}
    )
    for column, values in (changes or {}).items():
        for day, value in values.items():
            frame.loc[day, column] = value
    if followers0 is not None:
        net = frame["follows"] - frame["unfollows"].fillna(0)
        frame["followers"] = followers0 + net.cumsum()
    frame["date"] = pd.date_range(START, periods=days, freq="D")
    frame["platform"], frame["account"] = platform, account
    return schema.conform(frame, "daily")


@pytest.fixture
def daily_of():
    return make_daily
