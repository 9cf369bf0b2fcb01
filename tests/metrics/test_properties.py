"""Invariants of the rates, checked on generated posts (hypothesis)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from smanalytics import schema
from smanalytics.metrics import RATE_NAMES, account_summary, post_rates

FOLLOWER_RATES = ("conversation_rate", "amplification_rate", "applause_rate")
count = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))


@st.composite
def tables(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    rows = {
        "platform": draw(st.lists(st.sampled_from(["x", "instagram"]), min_size=n, max_size=n)),
        "account": draw(st.lists(st.sampled_from(["cafe", "salon"]), min_size=n, max_size=n)),
        "post_id": [str(i) for i in range(n)],
        "published_at": [
            pd.Timestamp("2026-01-01T00:00Z") + pd.Timedelta(minutes=m)
            for m in draw(st.lists(st.integers(0, 60 * 24 * 90), min_size=n, max_size=n))
        ],
        "paid": draw(st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n)),
    }
    for name in ("likes", "comments", "shares", "saves", "reach", "impressions", "followers"):
        rows[name] = draw(st.lists(count, min_size=n, max_size=n))
    posts = schema.conform(pd.DataFrame(rows), "posts")
    days = draw(st.integers(min_value=0, max_value=5))
    daily = schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * days,
                "account": ["cafe"] * days,
                "date": pd.date_range("2026-01-01", periods=days, freq="10D"),
                "followers": draw(st.lists(count, min_size=days, max_size=days)),
            }
        ),
        "daily",
    )
    return posts, daily


@settings(max_examples=20, deadline=None)
@given(tables(), st.integers(min_value=2, max_value=1000))
def test_multiplying_followers_by_k_divides_follower_rates_by_k(data, k):
    posts, daily = data
    base = post_rates(posts, daily)
    scaled = post_rates(
        posts.assign(followers=posts["followers"] * k), daily.assign(followers=daily["followers"] * k)
    )
    for name in FOLLOWER_RATES:
        a = base[name].astype(float).to_numpy()
        b = scaled[name].astype(float).to_numpy()
        np.testing.assert_allclose(b * k, a, rtol=1e-12)
    s0 = account_summary(posts, daily)
    s1 = account_summary(
        posts.assign(followers=posts["followers"] * k), daily.assign(followers=daily["followers"] * k)
    )
    for name in FOLLOWER_RATES:
        np.testing.assert_allclose(
            s1[name].astype(float).to_numpy() * k, s0[name].astype(float).to_numpy(), rtol=1e-12
        )


@settings(max_examples=20, deadline=None)
@given(tables())
def test_rates_are_never_negative_nor_infinite_and_na_where_the_denominator_is_unknown(data):
    posts, daily = data
    rates = post_rates(posts, daily)
    for name in RATE_NAMES:
        values = rates[name].astype(float).to_numpy()
        finite = values[~np.isnan(values)]
        assert np.isfinite(finite).all() and (finite >= 0).all()
    for name, denominator in (
        ("engagement_rate_reach", "reach"),
        ("engagement_rate_impressions", "impressions"),
    ):
        unknown = (posts[denominator].isna() | (posts[denominator] == 0)).to_numpy(bool)
        assert rates.loc[unknown, name].isna().all()
        # known and positive: always a value, since missing components count 0
        assert rates.loc[~unknown, name].notna().all()
    no_audience = (rates["audience"].isna() | (rates["audience"] == 0)).to_numpy(bool)
    for name in FOLLOWER_RATES:
        assert rates.loc[no_audience, name].isna().all()
    summary = account_summary(posts, daily)
    for name in RATE_NAMES:
        values = summary[name].astype(float).to_numpy()
        finite = values[~np.isnan(values)]
        assert np.isfinite(finite).all() and (finite >= 0).all()


@settings(max_examples=12, deadline=None)
@given(tables())
def test_inputs_are_never_mutated(data):
    posts, daily = data
    before_p, before_d = posts.copy(deep=True), daily.copy(deep=True)
    post_rates(posts, daily)
    account_summary(posts, daily)
    account_summary(posts, daily, freq="W")
    assert_frame_equal(posts, before_p)
    assert_frame_equal(daily, before_d)


@settings(max_examples=12, deadline=None)
@given(tables())
def test_summary_rate_is_the_weighted_mean_of_post_rates(data):
    posts, daily = data
    rates = post_rates(posts, daily)
    summary = account_summary(posts, daily).set_index(["platform", "account"])
    for (platform, account), group in rates.groupby(["platform", "account"]):
        ok = group["conversation_rate"].notna()
        weights = group.loc[ok, "audience"].astype(float)
        got = summary.loc[(platform, account), "conversation_rate"]
        if weights.sum() == 0:
            assert got is pd.NA
        else:
            expected = (group.loc[ok, "conversation_rate"].astype(float) * weights).sum() / weights.sum()
            assert float(got) == pytest.approx(expected, rel=1e-9)
        assert summary.loc[(platform, account), "posts"] == len(group)
