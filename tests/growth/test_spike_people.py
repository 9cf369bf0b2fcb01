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


def noisy_comments(daily_of, follows_on_day_80: int) -> pd.DataFrame:
    """Comments known from day 30 only, 10 and 50 by turns: too few weeks for weekday factors."""
    comments = {d: (10 if d % 2 else 50) if d >= 30 else None for d in range(120)}
    comments[80] = 30
    return daily_of(
        reach=None,
        profile_visits=None,
        engagements=None,
        followers0=5000,
        changes={"follows": {80: follows_on_day_80}, "impressions": {80: 5500}, "comments": comments},
    )


def test_people_who_could_hide_in_noisy_comments_keep_a_small_spike_from_being_called_bought(daily_of):
    # Day 80: 60 follows where 10 are usual, impressions 5,500. 0.002 follows per impression explain
    # 0.002 x (5,500 - 2 x sqrt(5,500)) = 10.7 (x5.6: bought by exposure alone). But comments wander
    # by 1.4826 x 20 = 29.65 a day about the 0.006 x 5,500 = 33 the reach brings: 30 + 2 x
    # sqrt(30 + 29.65^2) - 33 = 57.3 more commenters could have come unseen, more than the 50 extra follows.
    (event,) = detect_spikes(noisy_comments(daily_of, 60)).itertuples()
    assert (event.excess_follows, event.expected_from_exposure, event.label) == (50, 11, "unclear")
    assert event.explanation == (
        "+50 follows above the usual in 1 day while impressions stayed flat (x1.1): 11 follows per 1,000 "
        "impressions against a usual 2.0 (x5.5), but comments vary so much here that up to 57 more people "
        "than usual could have come unseen (a giveaway or contest?), too many to call the follows bought."
    )
    # 70 extra follows are more than 57 unseen people could bring: bought
    (bigger,) = detect_spikes(noisy_comments(daily_of, 80)).itertuples()
    assert (bigger.excess_follows, bigger.label) == (70, "suspected_bought")
