"""Organic growth net of spikes, and the JSON records of events."""

from __future__ import annotations

import json

import pandas as pd

from smanalytics.growth import detect_spikes, growth_summary, spikes_json
from smanalytics.growth.summary import SUMMARY_COLUMNS


def test_summary_takes_bought_excess_out_of_growth(daily_of):
    # 120 days of 10 follows (followers 10,010 on day 0 to 11,200 on day 119, +1,000 bought on day 80)
    # plus an organic viral day 40 (+190) and comments-driven day 100 (+150).
    daily = daily_of(
        changes={
            "follows": {40: 200, 80: 1010, 100: 160},
            "impressions": {40: 100_000},
            "comments": {100: 600},
        }
    )
    events = detect_spikes(daily)
    assert events["label"].tolist() == ["organic", "suspected_bought", "organic"]
    summary = growth_summary(daily, events)
    follows = 117 * 10 + 200 + 1010 + 160  # 2,540 gained
    expected = pd.DataFrame(
        {
            "platform": ["x"],
            "account": ["cafe"],
            "start": [pd.Timestamp("2026-01-01")],
            "end": [pd.Timestamp("2026-04-30")],
            "days": [120],
            "net_growth": [2530],  # last total 12,540 - first 10,010
            "follows": [follows],
            "spike_excess_follows": [1340],  # 190 + 1,000 + 150
            "net_growth_excluding_spikes": [2530 - 1340],
            "net_growth_excluding_bought": [2530 - 1000],
            "suspected_bought_share": [1000 / follows],
            "organic_spike_share": [340 / follows],
            "unclear_spike_share": [0.0],
        }
    ).astype(SUMMARY_COLUMNS)
    pd.testing.assert_frame_equal(summary, expected)


def test_summary_of_an_account_without_totals_uses_follows_minus_unfollows(daily_of):
    daily = daily_of(days=30, followers0=None, unfollows=4)
    summary = growth_summary(daily, detect_spikes(daily))
    # 30 x (10 - 4) = 180, no spikes
    assert summary[
        ["net_growth", "net_growth_excluding_spikes", "suspected_bought_share"]
    ].values.tolist() == [[180, 180, 0.0]]


def test_spikes_json_is_plain_and_strict(daily_of):
    events = detect_spikes(daily_of(changes={"follows": {80: 1010}}))
    (record,) = spikes_json(events)
    text = json.dumps([record], allow_nan=False)  # raises on NaN or numpy types
    assert json.loads(text)[0] == record
    assert (record["start"], record["peak"], record["end"]) == ("2026-03-22",) * 3
    assert record["excess_follows"] == 1000 and isinstance(record["excess_follows"], int)
    assert record["linked_post_id"] is None
    assert record["label"] == "suspected_bought"
    assert list(record) == list(events.columns)


def test_spikes_json_turns_unknowns_into_null(daily_of):
    daily = daily_of(
        impressions=None,
        reach=None,
        profile_visits=None,
        engagements=None,
        comments=None,
        days=90,
        changes={"follows": {80: 1010}},
    )
    (record,) = spikes_json(detect_spikes(daily))
    nulls = {k for k, v in record.items() if v is None}
    assert nulls == {
        "expected_from_exposure",
        "bought_share",
        "follows_per_1k_impressions_event",
        "follows_per_1k_impressions_baseline",
        "reach_lift",
        "engagement_lift",
        "visits_lift",
        "linked_post_id",
        "retention_30d",  # the export ends 9 days after the spike
    }
    json.dumps(record, allow_nan=False)


def test_a_table_without_platform_or_account_is_one_account():
    # 60 days of +2 followers, +500 on day 40; no follows column, no exposure.
    daily = pd.DataFrame(
        {"date": pd.date_range("2026-01-01", periods=60), "followers": [100 + 2 * i for i in range(60)]}
    )
    daily.loc[40:, "followers"] += 500
    events = detect_spikes(daily)
    assert events[["start", "label", "excess_follows"]].values.tolist() == [
        [pd.Timestamp("2026-02-10"), "unclear", 500]
    ]
    summary = growth_summary(daily, events)
    # net 118 + 500 = 618; 500 of 618 follows came from an unclear spike
    assert summary[["net_growth", "net_growth_excluding_spikes"]].values.tolist() == [[618, 118]]
    assert summary["unclear_spike_share"].iloc[0] == 500 / 618
    assert summary["platform"].isna().all() and summary["account"].isna().all()
