"""Per-post rates and the follower look-up, with figures worked out by hand."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from smanalytics import schema
from smanalytics.metrics import post_audience, post_rates

NA = pd.NA


def _posts():
    return schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * 5 + ["instagram"],
                "account": ["cafe"] * 6,
                "post_id": ["p1", "p2", "p3", "p4", "p5", "i1"],
                # p2 at 23:30 UTC on Jan 2 is still Jan 2 (UTC day, not local)
                "published_at": pd.to_datetime(
                    [
                        "2026-01-01T09:00Z",
                        "2026-01-02T23:30Z",
                        "2026-01-05T08:00Z",
                        "2025-12-30T08:00Z",
                        "2026-01-06T10:00Z",
                        "2026-01-02T10:00Z",
                    ]
                ),
                "paid": [False, True, None, False, False, False],
                "followers": [400, None, None, None, 0, None],
                "likes": [20, 30, None, 5, 4, 9],
                "comments": [6, 2, 3, 1, 1, None],
                "shares": [2, None, 1, 0, 0, 1],
                "saves": [None, 4, None, None, None, 2],
                "reach": [300, 0, 80, None, 50, 100],
                "impressions": [600, 500, None, 40, 100, None],
            }
        ),
        "posts",
    )


def _daily():
    return schema.conform(
        pd.DataFrame(
            {
                "platform": ["x", "x", "x", "instagram"],
                "account": ["cafe"] * 4,
                "date": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-04", "2026-01-01"]),
                "followers": [500, 510, None, 90],
            }
        ),
        "daily",
    )


def test_follower_lookup_falls_back_post_then_same_day_then_last_known_before():
    found = post_audience(_posts(), _daily())
    expected = pd.DataFrame(
        {
            # p1: own 400; p2: daily on Jan 2 = 500; p3 (Jan 5): Jan 4 is missing,
            # so the last known before is Jan 3 = 510; p4 (Dec 30): nothing on or before;
            # p5: its own 0 (a value, so no look-up); i1 (Jan 2): instagram Jan 1 = 90
            "audience": pd.array([400, 500, 510, NA, 0, 90], dtype="Int64"),
            "audience_source": pd.array(
                ["post", "daily", "daily_before", NA, "post", "daily_before"], dtype="string"
            ),
        }
    )
    assert_frame_equal(found, expected)


def test_follower_lookup_without_daily_uses_only_the_posts():
    found = post_audience(_posts())
    assert found["audience"].tolist() == [400, NA, NA, NA, 0, NA]


def test_post_rates_by_hand():
    rates = post_rates(_posts(), _daily())
    f = "Float64"
    expected = pd.DataFrame(
        {
            # p1: 6/400, p2: 2/500, p3: 3/510, p4: no audience, p5: audience 0, i1: no comments
            "conversation_rate": pd.array([6 / 400, 2 / 500, 3 / 510, NA, NA, NA], dtype=f),
            # p2 shares missing -> NA (not 0)
            "amplification_rate": pd.array([2 / 400, NA, 1 / 510, NA, NA, 1 / 90], dtype=f),
            # p3 likes missing -> NA
            "applause_rate": pd.array([20 / 400, 30 / 500, NA, NA, NA, 9 / 90], dtype=f),
            # engagements with missing parts as 0: p1 20+6+2=28, p2 30+2+4=36, p3 3+1=4,
            # p4 5+1=6, p5 4+1=5, i1 9+1+2=12; p2 reach 0 -> NA, p4 reach missing -> NA
            "engagement_rate_reach": pd.array([28 / 300, NA, 4 / 80, NA, 5 / 50, 12 / 100], dtype=f),
            "engagement_rate_impressions": pd.array([28 / 600, 36 / 500, NA, 6 / 40, 5 / 100, NA], dtype=f),
            # comments / (likes + comments + shares): p1 6/28, p2 2/32, p3 3/4, p4 1/6, p5 1/5,
            # i1 comments missing -> NA
            "conversation_share": pd.array([6 / 28, 2 / 32, 3 / 4, 1 / 6, 1 / 5, NA], dtype=f),
        }
    )
    assert_frame_equal(rates[list(expected.columns)], expected)
    assert rates["post_id"].tolist() == ["p1", "p2", "p3", "p4", "p5", "i1"]


def test_rates_keep_the_index_and_order_of_the_input():
    posts = _posts().iloc[::-1]
    posts.index = [10, 11, 12, 13, 14, 15]
    rates = post_rates(posts, _daily())
    assert rates.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert rates.loc[15, "conversation_rate"] == pytest.approx(6 / 400)


def test_rates_keep_the_index_of_a_hand_made_table_too():
    # not canonical (plain int64 counts, no optional columns), so it is conformed inside
    posts = pd.DataFrame(
        {"platform": ["x", "x"], "account": ["cafe", "cafe"], "post_id": ["b", "a"],
         "published_at": pd.to_datetime(["2026-01-02T09:00Z", "2026-01-01T09:00Z"]),
         "followers": [400, 200], "comments": [6, 2]},
        index=["late", "early"],
    )  # fmt: skip
    rates = post_rates(posts)
    assert rates.index.tolist() == ["late", "early"]
    assert rates["conversation_rate"].tolist() == [6 / 400, 2 / 200]


def test_post_rates_do_not_change_their_input():
    posts, daily = _posts(), _daily()
    before_p, before_d = posts.copy(deep=True), daily.copy(deep=True)
    post_rates(posts, daily)
    assert_frame_equal(posts, before_p)
    assert_frame_equal(daily, before_d)


def test_missing_required_column_is_a_clear_error():
    import smanalytics

    with pytest.raises(smanalytics.SchemaError, match="published_at"):
        post_rates(pd.DataFrame({"platform": ["x"], "account": ["a"]}))
