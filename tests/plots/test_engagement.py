"""Engagement plots: inspect the artists, not the pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smanalytics import SchemaError  # noqa: E402
from smanalytics.metrics import account_summary, channel_focus, content_mix, size_benchmark  # noqa: E402
from smanalytics.plots.engagement import (  # noqa: E402
    plot_channels,
    plot_content_mix,
    plot_posting_calendar,
    plot_rates_over_time,
    plot_size_benchmark,
)

POSTS = pd.DataFrame(
    {
        "platform": ["x"] * 4 + ["instagram"] * 2,
        "account": ["cafe"] * 6,
        "post_id": list("abcdef"),
        "published_at": pd.to_datetime(
            [
                "2026-01-05T10:00Z",
                "2026-01-06T10:00Z",
                "2026-02-10T10:00Z",
                "2026-03-02T10:00Z",
                "2026-03-03T10:00Z",
                "2026-03-03T15:00Z",
            ]
        ),
        "paid": [False, True, False, False, False, False],
        "text": ["Sale today", "What's new?", "Thanks!", "Rain", "Buy now", "Any questions?"],
        "comments": [2, 6, 3, 1, 4, 8],
        "likes": [10, 20, 5, 5, 40, 30],
        "shares": [1, 0, 0, 0, 2, 1],
        "followers": [1000, 1000, 1000, 1000, 500, 500],
    }
)


def test_rates_over_time_draws_per_thousand_followers():
    monthly = account_summary(POSTS[POSTS["platform"] == "x"], freq="M")
    ax = plot_rates_over_time(monthly, ax=plt.figure().gca())
    labels = [line.get_label() for line in ax.lines]
    assert labels == [
        "Conversation (comments)",
        "Amplification (shares)",
        "Applause (likes)",
        "Conversation, unpaid posts only",
    ]
    # January: (2 + 6) / 2,000 followers = 4 per 1,000; organic only post a: 2 per 1,000
    assert ax.lines[0].get_ydata()[0] == pytest.approx(4.0)
    assert ax.lines[3].get_ydata()[0] == pytest.approx(2.0)
    # February 3 / 1,000 = 3; March 1 / 1,000 = 1
    assert list(ax.lines[0].get_ydata()[1:]) == pytest.approx([3.0, 1.0])
    assert "1,000 followers" in ax.get_ylabel()


def test_size_benchmark_plot_is_log_log_with_band_and_the_client_highlighted(rng):
    followers = np.round(10 ** rng.uniform(2, 5, 20))
    portfolio = pd.DataFrame(
        {
            "platform": ["x"] * 20,
            "account": [f"a{i}" for i in range(20)],
            "followers": followers,
            "conversation_rate": 10 ** (-0.4 * np.log10(followers) + rng.normal(0, 0.1, 20)),
        }
    )
    bench = size_benchmark(portfolio)
    ax = plot_size_benchmark(bench, client="a3", ax=plt.figure().gca())
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    band, others, you = ax.collections
    assert len(others.get_offsets()) == 19 and len(you.get_offsets()) == 1
    x, y = you.get_offsets()[0]
    assert x == followers[3] and y == pytest.approx(float(bench.loc[3, "conversation_rate"]) * 1000)
    ratio = float(bench.loc[3, "ratio"])
    assert [t.get_text() for t in ax.texts] == [f"{ratio:.1f}x expected"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Expected for an account of this size",
        "Other accounts",
        "You",
    ]


def test_size_benchmark_ticks_are_plain_numbers_at_1_2_and_5():
    bench = pd.DataFrame({"platform": ["x"] * 2, "account": ["a", "b"], "followers": [400, 12000],
                          "conversation_rate": [0.006, 0.0002]})  # fmt: skip
    ax = plot_size_benchmark(bench, ax=plt.figure().gca())
    ax.figure.canvas.draw()

    def shown(axis, limits):
        ticks = []
        for minor in (True, False):
            labels = [t.get_text() for t in axis.get_ticklabels(minor=minor)]
            ticks += zip(axis.get_ticklocs(minor=minor), labels, strict=True)
        return [text for v, text in sorted(ticks) if limits[0] <= v <= limits[1] and text]

    # followers 400 .. 12,000 and 0.2 .. 6 per 1,000, with margins: no 10^3, no 5x10^-1
    assert shown(ax.xaxis, ax.get_xlim()) == ["500", "1,000", "2,000", "5,000", "10,000"]
    assert shown(ax.yaxis, ax.get_ylim()) == ["0.2", "0.5", "1", "2", "5"]


def test_posting_calendar_counts_posts_per_day():
    ax = plot_posting_calendar(POSTS, ax=plt.figure().gca())
    grid = ax.collections[0].get_array().reshape(7, -1)
    # weeks from Mon Jan 5 to the week of Mar 2: 9 weeks; 6 posts in all
    assert grid.shape == (7, 9) and grid.sum() == 6
    # Tuesday Mar 3 (week 8, row 1) had 2 posts
    assert grid[1, 8] == 2 and grid[0, 0] == 1


def test_content_mix_plot_shows_percent_of_posts_with_conversation():
    mix = content_mix(POSTS[POSTS["platform"] == "x"])
    ax = plot_content_mix(mix, ax=plt.figure().gca())
    # x: community 2 of 4 (What's new?, Thanks!), other 1, self-promotion 1
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Community and conversation",
        "Other",
        "Self-promotion",
    ]
    assert [p.get_width() for p in ax.patches] == pytest.approx([50, 25, 25])
    # community: (6 + 3) / 2,000 = 4.5 per 1,000
    assert ax.texts[0].get_text() == "4.5 comments per 1,000 followers"


def test_channels_plot_ranks_and_colours_recommended_channels():
    focus = channel_focus(POSTS)
    ax = plot_channels(focus, ax=plt.figure().gca())
    # instagram 12 comments / 2 posts = 6; x 12 / 4 = 3 (half of 6: also kept)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Instagram", "X"]
    assert [p.get_width() for p in ax.patches] == [6.0, 3.0]
    assert ax.get_xlabel() == "Comments per post"
    green = matplotlib.colors.to_rgba("#2ca02c")
    assert [p.get_facecolor() == green for p in ax.patches] == [True, True]


def test_plots_use_the_current_axes_and_never_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("show() called"))
    monkeypatch.setattr(plt, "savefig", lambda *a, **k: pytest.fail("savefig() called"))
    fig, ax = plt.subplots()
    assert plot_posting_calendar(POSTS) is ax


def test_a_table_without_the_needed_columns_is_a_clear_error():
    with pytest.raises(SchemaError, match="followers"):
        plot_size_benchmark(pd.DataFrame({"conversation_rate": [0.1]}), ax=plt.figure().gca())
