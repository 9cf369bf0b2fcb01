"""Conversation rate versus follower count, by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from smanalytics.metrics import account_summary, fit_size_line, size_benchmark
from smanalytics.metrics.size import _t_quantile


def _portfolio(rates, followers):
    n = len(rates)
    return pd.DataFrame(
        {
            "platform": ["x"] * n,
            "account": [f"a{i}" for i in range(n)],
            "followers": followers,
            "conversation_rate": rates,
        }
    )


def test_an_exact_power_law_is_recovered_with_a_zero_width_interval():
    # rate = 0.5 * followers ** -0.5: log10 rate = log10 0.5 - 0.5 log10 followers
    followers = [100, 400, 1600, 10000, 40000]
    rates = [0.5 * f**-0.5 for f in followers]  # 0.05, 0.025, 0.0125, 0.005, 0.0025
    line = fit_size_line(_portfolio(rates, followers))
    assert line["method"] == "fit" and line["points"] == 5
    assert line["slope"] == pytest.approx(-0.5)
    assert line["intercept"] == pytest.approx(math.log10(0.5))
    out = size_benchmark(_portfolio(rates, followers))
    assert out["expected_conversation_rate"].tolist() == pytest.approx(rates)
    assert out["ratio"].tolist() == pytest.approx([1.0] * 5)
    assert (out["expected_high"] - out["expected_low"]).astype(float).tolist() == pytest.approx(
        [0] * 5, abs=1e-12
    )


def test_interval_and_ratio_by_hand():
    # x = log10 followers = 2, 3, 4, 2, 3, 4; y = log10 rate, residuals +-0.1 around a line of slope -0.5
    followers = [100, 1000, 10000, 100, 1000, 10000]
    logs = [-1.0 + 0.1, -1.5 - 0.1, -2.0 + 0.1, -1.0 - 0.1, -1.5 + 0.1, -2.0 - 0.1]
    rates = [10**y for y in logs]
    client = _portfolio(rates, followers)
    out = size_benchmark(client, level=0.9)
    # slope -0.5, intercept 0 (at x = 3 the line is -1.5); SSR = 6 * 0.01 = 0.06, s = sqrt(0.06 / 4)
    # Sxx = 4 * 1 = 4; at x0 = 3: half = t(0.95, 4) * s * sqrt(1 + 1/6) with t(0.95, 4) = 2.1318
    s = math.sqrt(0.06 / 4)
    half = 2.131847 * s * math.sqrt(1 + 1 / 6)
    row = out.iloc[1]
    assert float(row.slope) == pytest.approx(-0.5)
    assert float(row.expected_conversation_rate) == pytest.approx(10**-1.5)
    assert float(row.expected_low) == pytest.approx(10 ** (-1.5 - half), rel=1e-4)
    assert float(row.expected_high) == pytest.approx(10 ** (-1.5 + half), rel=1e-4)
    # observed 10 ** -1.6 against 10 ** -1.5 expected: 10 ** -0.1 = 0.794
    assert float(row.ratio) == pytest.approx(10**-0.1)
    assert row.explanation.startswith("0.8x the conversation expected for an account of 1,000 followers")


def test_too_few_points_fall_back_visibly_to_the_median():
    out = size_benchmark(_portfolio([0.01, 0.04, 0.02], [200, 500, 900]))
    assert out["method"].tolist() == ["portfolio median"] * 3
    # median of 0.01, 0.04, 0.02 = 0.02, interval = lowest .. highest
    assert out["expected_conversation_rate"].tolist() == [0.02] * 3
    assert out["ratio"].tolist() == pytest.approx([0.5, 2.0, 1.0])
    assert out["expected_low"].tolist() == [0.01] * 3 and out["expected_high"].tolist() == [0.04] * 3
    assert "too few comparable accounts" in out["explanation"].iloc[0]


def test_accounts_without_conversation_are_left_out_of_the_fit_and_get_no_ratio():
    out = size_benchmark(_portfolio([0.0, None, 0.02], [100, 200, None]))
    # no usable point: 0 cannot go on log axes, None is unknown, 0.02 has no followers -> "none"
    assert out["method"].tolist() == ["none"] * 3
    assert out["ratio"].isna().all()


def test_a_reference_table_is_used_instead_of_the_portfolio():
    followers = [100, 400, 1600, 10000, 40000]
    reference = pd.DataFrame(
        {"followers": followers, "conversation_rate": [0.5 * f**-0.5 for f in followers]}
    )
    client = _portfolio([0.03], [100])
    out = size_benchmark(client, reference=reference)
    # expected at 100 followers: 0.5 / 10 = 0.05; 0.03 / 0.05 = 0.6
    assert out.loc[0, "method"] == "reference"
    assert float(out.loc[0, "ratio"]) == pytest.approx(0.6)


def test_own_monthly_history_is_used_when_it_has_enough_points():
    posts = pd.DataFrame(
        {
            "platform": ["x"] * 5,
            "account": ["cafe"] * 5,
            "post_id": list("abcde"),
            "published_at": pd.to_datetime([f"2026-0{m}-10T10:00Z" for m in range(1, 6)]),
            "followers": [100, 400, 1600, 10000, 40000],
            "comments": [5, 10, 20, 50, 100],  # 0.05, 0.025, 0.0125, 0.005, 0.0025
        }
    )
    monthly = account_summary(posts, freq="M")
    summary = account_summary(posts)
    out = size_benchmark(summary, history=monthly)
    # latest followers 40,000; rate over all posts 185 / 52,100; expected 0.5 / 200 = 0.0025
    assert out.loc[0, "method"] == "own_history"
    assert float(out.loc[0, "expected_conversation_rate"]) == pytest.approx(0.0025)
    assert float(out.loc[0, "ratio"]) == pytest.approx((185 / 52100) / 0.0025)


@pytest.mark.parametrize("df", [3, 4, 5, 10, 30, 100])
def test_t_quantile_matches_published_values(df):
    published = {3: 2.353363, 4: 2.131847, 5: 2.015048, 10: 1.812461, 30: 1.697261, 100: 1.660234}
    assert _t_quantile(0.95, df) == pytest.approx(published[df], abs=2e-3)


def test_missing_columns_are_named():
    import smanalytics

    with pytest.raises(smanalytics.SchemaError, match="conversation_rate"):
        size_benchmark(pd.DataFrame({"platform": ["x"], "account": ["a"], "followers": [1]}))


def test_scale_of_random_portfolio_does_not_change_the_ratio(rng):
    followers = np.round(10 ** rng.uniform(2, 5, 30))
    rates = 10 ** (-0.4 * np.log10(followers) + rng.normal(0, 0.2, 30))
    base = size_benchmark(_portfolio(rates, followers))
    scaled = size_benchmark(_portfolio(rates * 3, followers))
    # tripling every rate triples every expectation: the ratios stay
    assert scaled["ratio"].astype(float).tolist() == pytest.approx(base["ratio"].astype(float).tolist())
