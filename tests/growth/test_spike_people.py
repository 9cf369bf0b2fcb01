"""The people an event's posts brought: a giveaway seen in its post's comments, not in the daily table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smanalytics.growth import detect_spikes

DAY = pd.Timestamp("2026-01-01")


def posts_with(comments_on_day_80: int, days: int = 120) -> pd.DataFrame:
    """One post a day at noon, 1,000 impressions and 10 comments each; day 80's post gets more."""
    comments = [10] * days
    comments[80] = comments_on_day_80
    return pd.DataFrame(
        {
            "platform": "x",
            "account": "cafe",
            "post_id": [f"p{d}" for d in range(days)],
            "published_at": pd.date_range(DAY + pd.Timedelta(hours=12), periods=days, freq="D", tz="UTC"),
            "impressions": 1000.0,
            "comments": pd.array(comments, dtype="Int64"),
        }
    )


@pytest.fixture
def flat_export(daily_of):
    # impressions and reach only (no daily comments, interactions or visits); day 80 gets 510 follows
    return daily_of(profile_visits=None, engagements=None, comments=None, changes={"follows": {80: 510}})


def test_giveaway_seen_only_in_its_posts_comments_is_organic(flat_export):
    # Posts of days 79 and 80 hold 10 + 610 comments where 1,000 impressions usually bring 10 each:
    # 620 - 20 usual - 2 x sqrt(620) = 550.2 extra commenters, enough for the 500 extra follows.
    (event,) = detect_spikes(flat_export, posts_with(610)).itertuples()
    assert (event.label, event.confidence, event.linked_post_id) == ("organic", 0.7, "p80")
    assert event.explanation == (
        "+500 follows above the usual in 1 day, with 550 more comments on its posts than usual "
        "(x31, most on post p80, a giveaway or contest?): enough people came to the account to bring them."
    )


def test_people_who_explain_half_the_follows_keep_the_rest_from_being_called_bought(flat_export):
    # 320 - 20 - 2 x sqrt(320) = 264.2 extra commenters: over half of the 500 follows no reach explains
    (event,) = detect_spikes(flat_export, posts_with(310)).itertuples()
    assert (event.label, event.confidence) == ("unclear", 0.5)
    assert event.explanation == (
        "+500 follows above the usual in 1 day, with 264 more comments on its posts than usual "
        "(x16, most on post p80, a giveaway or contest?): people came to the account, too many to call "
        "the other follows bought."
    )


def test_a_few_extra_commenters_leave_a_package_bought(flat_export):
    # 120 - 20 - 2 x sqrt(120) = 78.1 extra commenters explain 78 of the 500 unexplained follows;
    # the other 422 are still 43x the 10 the impressions explain
    (event,) = detect_spikes(flat_export, posts_with(110)).itertuples()
    assert event.label == "suspected_bought"
    assert event.bought_share == pytest.approx((510 - 10 - (100 - 2 * math.sqrt(120))) / 510)
