"""Rates per real follower, by hand."""

import pandas as pd
import pytest

from smanalytics.metrics import real_follower_rates


def _posts():
    days = ["2026-03-01", "2026-03-20", "2026-05-01"]
    return pd.DataFrame(
        {
            "platform": ["x"] * 3 + ["instagram"],
            "account": ["cafe"] * 4,
            "post_id": list("abcd"),
            "published_at": pd.to_datetime([f"{d}T10:00Z" for d in days] + ["2026-05-01T10:00Z"]),
            "followers": [1000, 3000, 2800, 500],
            "comments": [4, 4, 4, 5],
            "shares": [1, 1, 1, 0],
            "likes": [10, 10, 10, 50],
        }
    )


def _events(**more):
    return pd.DataFrame(
        {
            "platform": ["x", "instagram"],
            "account": ["cafe", "cafe"],
            "label": ["suspected_bought", "organic"],
            "start": pd.to_datetime(["2026-03-14", "2026-01-01"]),
            "end": pd.to_datetime(["2026-03-15", "2026-01-02"]),
            "excess_follows": [2000, 300],
            **more,
        }
    )


def test_bought_excess_is_taken_off_from_the_event_on():
    r = real_follower_rates(_posts(), events=_events())
    # only X has a suspected-bought event; real audiences 1,000, 1,000 and 800 against 1,000 + 3,000 + 2,800
    assert r[["platform", "account"]].values.tolist() == [["x", "cafe"]]
    row = r.iloc[0]
    assert float(row.conversation_rate) == pytest.approx(12 / 6800)
    assert float(row.real_conversation_rate) == pytest.approx(12 / 2800)
    assert float(row.real_amplification_rate) == pytest.approx(3 / 2800)
    assert float(row.real_applause_rate) == pytest.approx(30 / 2800)
    assert (int(row.followers), int(row.bought_followers), int(row.real_followers)) == (2800, 2000, 800)


def test_only_the_retained_share_counts_a_month_after_the_event():
    # 60 % of the 2,000 were still there 30 days on: from 2026-04-15, 1,200 are taken off
    r = real_follower_rates(_posts(), events=_events(retention_30d=[0.6, 1.0])).iloc[0]
    assert float(r.real_conversation_rate) == pytest.approx(12 / (1000 + 1000 + 1600))
    assert (int(r.bought_followers), int(r.real_followers)) == (1200, 1600)


def test_without_bought_events_there_is_nothing_to_say():
    assert real_follower_rates(_posts(), events=_events().iloc[1:]).empty
    assert real_follower_rates(_posts(), events=pd.DataFrame()).empty
