"""Whether a figure rose, fell or stayed about the same, judged against the account's usual change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smanalytics.metrics import compare_figures, usual_changes


def months(values: dict[str, list], start: str = "2026-01") -> pd.DataFrame:
    n = len(next(iter(values.values())))
    return pd.DataFrame(
        {"platform": "instagram", "account": "cafe", "period": pd.period_range(start, periods=n, freq="M"),
         **values}
    )  # fmt: skip


def test_the_usual_change_is_the_median_step_between_consecutive_known_periods():
    history = months(
        {
            # steps 2, 1, 3, 1 (both known): median 1.5
            "posts_per_week": [1.0, 3.0, 2.0, 5.0, 4.0],
            # steps only where both months are known: |2 - 4| = 2 and |2 - 1| = 1: too few
            "organic_conversation_rate": [4.0, None, 2.0, 1.0, None],
        }
    )
    usual = usual_changes(history, figures=["posts_per_week", "organic_conversation_rate"])
    assert usual[["figure", "changes"]].values.tolist() == [
        ["posts_per_week", 4],
        ["organic_conversation_rate", 1],
    ]
    assert usual["usual_change"].iloc[0] == 1.5
    assert np.isnan(usual["usual_change"].iloc[1])


def summary(**figures) -> pd.DataFrame:
    columns = {k: [v] for k, v in figures.items()}
    return pd.DataFrame({"platform": ["instagram"], "account": ["cafe"], **columns})


@pytest.mark.parametrize(
    ("now", "before", "usual", "verdict"),
    [
        (4.0, 2.0, 0.9, "rise"),  # +2.0 > 2 x 0.9
        (4.0, 2.5, 0.9, "same"),  # +1.5 < 1.8
        (1.0, 3.0, 0.9, "fall"),  # -2.0
        (2.0, 2.0, 0.0, "same"),  # no change, even against a figure that never moves
        (2.1, 2.0, 0.0, "rise"),  # any change of a figure that never moved
        (1.9, 1.0, np.nan, "same"),  # too little history: doubling rule, 1.9 < 2 x 1.0
        (2.0, 1.0, np.nan, "rise"),  # doubled
        (0.5, 1.0, np.nan, "fall"),  # halved
        (3.0, 0.0, np.nan, "rise"),  # from nothing
        (0.0, 0.0, np.nan, "same"),
        (3.0, np.nan, 0.5, "unknown"),  # unknown before: never a change from zero
    ],
)
def test_a_noisy_figure_rises_or_falls_only_beyond_twice_its_usual_change(now, before, usual, verdict):
    spread = pd.DataFrame(
        {"platform": ["instagram"], "account": ["cafe"], "figure": ["posts_per_week"],
         "usual_change": [usual], "changes": [5]}
    )  # fmt: skip
    (row,) = compare_figures(
        summary(posts_per_week=now), summary(posts_per_week=before), usual=spread,
        figures={"posts_per_week": "noisy"},
    ).itertuples()  # fmt: skip
    assert row.verdict == verdict
    assert (row.value, row.change) == (now, now - before) or np.isnan(row.change)


def test_followers_rise_or_fall_by_any_change_and_an_uncovered_account_is_unknown():
    now = pd.concat([summary(followers=1303), summary(followers=12).assign(platform="x")], ignore_index=True)
    before = summary(followers=1302)  # the X account has no data in the other period
    judged = compare_figures(now, before, figures={"followers": "count"})
    assert judged[["platform", "value", "other_value", "change", "verdict"]].values.tolist()[0] == [
        "instagram", 1303.0, 1302.0, 1.0, "rise",
    ]  # fmt: skip
    assert judged["verdict"].tolist() == ["rise", "unknown"]
    assert judged["other_value"].isna().tolist() == [False, True]
    nothing = compare_figures(now, pd.DataFrame(), figures={"followers": "count"})
    assert nothing["verdict"].tolist() == ["unknown", "unknown"]
