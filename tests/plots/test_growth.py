"""The follower growth plot: lines, bars, shaded events and their plain-word labels."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from smanalytics import schema
from smanalytics.errors import SmanalyticsError
from smanalytics.growth import detect_spikes
from smanalytics.plots.growth import plot_follower_growth


def make_daily(*, account="cafe", followers0=10_000, changes=None, days=120):
    """10 follows a day at 5,000 impressions, then ``changes`` ({column: {day: value}})."""
    frame = pd.DataFrame({"follows": [10.0] * days, "impressions": [5000.0] * days})
    for column, values in (changes or {}).items():
        for day, value in values.items():
            frame.loc[day, column] = value
    if followers0 is not None:
        frame["followers"] = followers0 + frame["follows"].cumsum()
    frame["date"] = pd.date_range("2026-01-01", periods=days, freq="D")
    frame["platform"], frame["account"] = "x", account
    return schema.conform(frame, "daily")


def test_followers_line_follows_bars_and_labelled_events():
    daily = make_daily(changes={"follows": {40: 200, 80: 1010}, "impressions": {40: 100_000}})
    events = detect_spikes(daily)
    fig, ax = plt.subplots()
    out = plot_follower_growth(daily, events, ax=ax)
    assert out is ax
    (line,) = ax.lines
    assert line.get_label() == "Followers"
    assert line.get_ydata()[-1] == 10_000 + 118 * 10 + 200 + 1010  # last total
    follows = [a for a in fig.axes if a is not ax][0]
    (steps,) = follows.patches  # one filled step for all 120 days, not a bar each
    assert len(steps.get_data().values) == 120 and steps.get_data().values[80] == 1010
    assert matplotlib.colors.to_hex(line.get_color()) == "#333333"  # X's colour in the palette
    spans = [p for p in ax.patches]
    assert len(spans) == 2
    assert [matplotlib.colors.to_hex(p.get_facecolor()) for p in spans] == ["#2ca02c", "#d62728"]
    assert [t.get_text() for t in ax.texts] == ["Organic +190", "Suspected bought +1,000"]
    assert ax.get_title() == "Followers of cafe on X"


def test_without_totals_the_bars_are_the_main_axes_and_accounts_must_be_chosen():
    a = make_daily(followers0=None, account="cafe")
    b = make_daily(followers0=None, account="salon")
    both = pd.concat([a, b], ignore_index=True)
    with pytest.raises(SmanalyticsError, match="pass platform= and account= to choose one"):
        plot_follower_growth(both)
    with pytest.raises(SmanalyticsError, match="'bakery' is not in the daily table; it has: cafe, salon"):
        plot_follower_growth(both, account="bakery")
    ax = plot_follower_growth(both, account="salon")
    (steps,) = ax.patches
    assert (
        len(ax.lines) == 0 and len(steps.get_data().values) == 120 and ax.get_ylabel() == "New follows a day"
    )


def test_the_same_account_name_on_two_platforms_is_chosen_by_platform():
    x = make_daily(account="cafe")
    instagram = make_daily(account="cafe", followers0=500).assign(platform="instagram")
    both = pd.concat([x, instagram], ignore_index=True)
    with pytest.raises(SmanalyticsError, match=r"2 accounts \(x cafe, instagram cafe\)"):
        plot_follower_growth(both)
    ax = plot_follower_growth(both, platform="instagram", account="cafe", ax=plt.figure().gca())
    assert ax.lines[0].get_ydata()[0] == 510 and ax.get_title() == "Followers of cafe on Instagram"
