"""Conversation rate versus follower count: a fair comparison at the account's size.

Small accounts get more conversation per follower than big ones, so a raw
rate flatters the café and shames the chain. :func:`size_benchmark` fits a
straight line to log10(conversation rate) against log10(followers) over a
reference population and reports, for each account, the rate expected at its
size with a prediction interval and the ratio observed / expected.

Method and limits
-----------------
* Ordinary least squares on the log-log points; the interval is the usual
  prediction interval of a new point, ``yhat +/- t * s * sqrt(1 + 1/n +
  (x0 - xbar)^2 / Sxx)``, with Student's t at ``n - 2`` degrees of freedom, so
  it widens quickly with few points and away from the middle of the sizes.
* Accounts with a zero or unknown conversation rate or follower count cannot
  be placed on log axes and are left out of the fit (they still get a row).
* The fit gives each point the same weight; one odd account can tilt it with
  few points. With fewer than ``min_points`` usable points, or all at one
  size, there is no fit: the expected rate falls back to the median rate of
  the population, with its lowest and highest rate as the interval
  (``method`` ends in ``"median"``), and with no point at all it is unknown.
* The portfolio includes the account itself; for a large portfolio that
  barely matters, for a small one read the interval rather than the ratio.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from smanalytics.errors import SchemaError
from smanalytics.metrics._common import ACCOUNT

__all__ = ["size_benchmark", "fit_size_line"]

SIZE_COLUMNS = (
    "platform",
    "account",
    "followers",
    "conversation_rate",
    "expected_conversation_rate",
    "expected_low",
    "expected_high",
    "ratio",
    "method",
    "points",
    "slope",
    "explanation",
)


def _t_quantile(p: float, df: int) -> float:
    """Student's t quantile (Cornish-Fisher expansion around the normal; close for df >= 3)."""
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def _points(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    missing = [c for c in ("followers", "conversation_rate") if c not in table.columns]
    if missing:
        raise SchemaError(
            f"the reference table has no column {', '.join(repr(c) for c in missing)}; "
            "expected 'followers' and 'conversation_rate' (e.g. account_summary output)"
        )
    x = pd.to_numeric(table["followers"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    y = pd.to_numeric(table["conversation_rate"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    return x[ok], y[ok]


def fit_size_line(
    reference: pd.DataFrame, *, min_points: int = 5, level: float = 0.9
) -> dict[str, float | int | str]:
    """Fit log10(conversation rate) = intercept + slope * log10(followers).

    Parameters
    ----------
    reference
        Rows with ``followers`` and ``conversation_rate`` (comments / followers).
    min_points
        Fewest usable points for a fit; below it, the median fallback.
    level
        Coverage of the prediction interval.

    Returns
    -------
    dict
        ``method`` (``"fit"``, ``"median"`` or ``"none"``), ``points``,
        ``intercept``, ``slope``, ``s`` (residual standard deviation),
        ``xbar``, ``sxx``, ``t``, and for the fallback ``median``, ``low``,
        ``high``.

    Examples
    --------
    >>> ref = pd.DataFrame({"followers": [100, 1000, 10000, 100, 1000, 10000],
    ...                     "conversation_rate": [0.02, 0.01, 0.005, 0.02, 0.01, 0.005]})
    >>> line = fit_size_line(ref)
    >>> line["method"], round(line["slope"], 4)  # log10(0.5) per tenfold: -0.301
    ('fit', -0.301)
    """
    x, y = _points(reference)
    n = len(x)
    if n == 0:
        return {"method": "none", "points": 0}
    lx, ly = np.log10(x), np.log10(y)
    sxx = float(((lx - lx.mean()) ** 2).sum())
    if n < max(min_points, 4) or sxx <= 1e-12:
        return {
            "method": "median",
            "points": n,
            "median": float(np.median(y)),
            "low": float(y.min()),
            "high": float(y.max()),
        }
    slope = float(((lx - lx.mean()) * (ly - ly.mean())).sum() / sxx)
    intercept = float(ly.mean() - slope * lx.mean())
    resid = ly - (intercept + slope * lx)
    s = math.sqrt(float((resid**2).sum()) / (n - 2))
    return {
        "method": "fit",
        "points": n,
        "intercept": intercept,
        "slope": slope,
        "s": s,
        "xbar": float(lx.mean()),
        "sxx": sxx,
        "n": n,
        "t": _t_quantile((1 + level) / 2, n - 2),
    }


def _expect(line: dict, followers: float) -> tuple[float, float, float]:
    if line["method"] == "none":
        return (np.nan, np.nan, np.nan)
    if line["method"] == "median":
        return (line["median"], line["low"], line["high"])
    if not (followers > 0):
        return (np.nan, np.nan, np.nan)
    x0 = math.log10(followers)
    yhat = line["intercept"] + line["slope"] * x0
    half = line["t"] * line["s"] * math.sqrt(1 + 1 / line["n"] + (x0 - line["xbar"]) ** 2 / line["sxx"])
    return (10**yhat, 10 ** (yhat - half), 10 ** (yhat + half))


def size_benchmark(
    summary: pd.DataFrame,
    *,
    reference: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    min_points: int = 5,
    level: float = 0.9,
) -> pd.DataFrame:
    """The conversation rate expected at each account's size, and how it compares.

    Parameters
    ----------
    summary
        One row per account with ``platform, account, followers,
        conversation_rate`` (comments / followers), e.g.
        :func:`~smanalytics.metrics.summary.account_summary`.
    reference
        A population to compare with (``followers, conversation_rate``), e.g.
        a table the user gives. Default: ``summary`` itself, the portfolio.
    history
        The accounts' own monthly figures (``account_summary(..., freq="M")``).
        When the population is too small for a fit, an account with
        ``min_points`` usable months of different sizes is compared with its
        own trend (``method = "own_history"``): peers of the same size come
        first, the account's own past is the fallback.
    min_points
        Fewest usable points for a fit (default 5); fewer fall back to the
        median of the population, visibly in ``method``.
    level
        Coverage of the interval (default 0.9).

    Returns
    -------
    DataFrame
        ``platform, account, followers, conversation_rate``,
        ``expected_conversation_rate`` (comments per follower expected at this
        many followers), ``expected_low``, ``expected_high`` (the interval),
        ``ratio`` = observed / expected, ``method`` (``"own_history"``,
        ``"reference"``, ``"portfolio"``, the same + ``" median"`` for the
        fallback, or ``"none"``), ``points`` (in the population used),
        ``slope`` (change of log10 rate per tenfold followers) and
        ``explanation``, a plain sentence.

    Examples
    --------
    >>> portfolio = pd.DataFrame({"platform": ["x"] * 6, "account": list("abcdef"),
    ...     "followers": [100, 1000, 10000, 100, 1000, 10000],
    ...     "conversation_rate": [0.03, 0.01, 0.005, 0.02, 0.02, 0.005]})
    >>> out = size_benchmark(portfolio)
    >>> out.loc[4, "method"], round(float(out.loc[4, "ratio"]), 2)
    ('portfolio', 1.67)
    >>> out.loc[4, "explanation"]
    '1.7x the conversation expected for an account of 1,000 followers (5.8 to 24.9 per 1,000 expected).'
    """
    missing = [c for c in (*ACCOUNT, "followers", "conversation_rate") if c not in summary.columns]
    if missing:
        raise SchemaError(
            f"the summary has no column {', '.join(repr(c) for c in missing)}; "
            "expected account_summary output (platform, account, followers, conversation_rate)"
        )
    own_name, own = ("reference", reference) if reference is not None else ("portfolio", summary)
    population = fit_size_line(own, min_points=min_points, level=level)
    if population["method"] == "median" and reference is not None:
        portfolio = fit_size_line(summary, min_points=min_points, level=level)
        if portfolio["method"] == "fit":
            own_name, population = "portfolio", portfolio
    rows = []
    for row in summary.itertuples(index=False):
        line, name = population, own_name
        if (
            population["method"] != "fit"
            and history is not None
            and {"platform", "account"} <= set(history.columns)
        ):
            mine = history[(history["platform"] == row.platform) & (history["account"] == row.account)]
            theirs = fit_size_line(mine, min_points=min_points, level=level)
            if theirs["method"] == "fit":
                line, name = theirs, "own_history"
        followers = float(row.followers) if pd.notna(row.followers) else np.nan
        observed = float(row.conversation_rate) if pd.notna(row.conversation_rate) else np.nan
        expected, low, high = _expect(line, followers)
        ratio = observed / expected if expected > 0 and np.isfinite(observed) else np.nan
        method = (
            "none" if line["method"] == "none" else name + (" median" if line["method"] == "median" else "")
        )
        rows.append(
            {
                "platform": row.platform,
                "account": row.account,
                "followers": row.followers,
                "conversation_rate": observed,
                "expected_conversation_rate": expected,
                "expected_low": low,
                "expected_high": high,
                "ratio": ratio,
                "method": method,
                "points": int(line["points"]),
                "slope": line.get("slope", np.nan),
                "explanation": _explain(ratio, followers, low, high, method),
            }
        )
    out = pd.DataFrame(rows, columns=list(SIZE_COLUMNS))
    floats = [
        "conversation_rate",
        "expected_conversation_rate",
        "expected_low",
        "expected_high",
        "ratio",
        "slope",
    ]
    out[floats] = out[floats].astype(float).astype("Float64")
    out["followers"] = pd.array(out["followers"], dtype="Int64")
    return out.astype(
        {"platform": "string", "account": "string", "method": "string", "explanation": "string"}
    )


def _explain(ratio: float, followers: float, low: float, high: float, method: str) -> str:
    if not np.isfinite(followers):
        return "The follower count is unknown, so no size comparison is possible."
    size = f"an account of {followers:,.0f} followers"
    if method == "none":
        return f"No comparable accounts with conversation, so nothing is expected for {size}."
    if not np.isfinite(ratio):
        return f"No conversation rate to compare with what is expected for {size}."
    note = " (too few comparable accounts for a fit: median of them)" if method.endswith("median") else ""
    return (
        f"{ratio:.1f}x the conversation expected for {size}"
        f" ({low * 1000:.1f} to {high * 1000:.1f} per 1,000 expected){note}."
    )
