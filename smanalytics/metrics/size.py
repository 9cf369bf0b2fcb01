"""Conversation rate versus follower count: a fair comparison at the account's size.

Small accounts get more conversation per follower than big ones, so a raw
rate flatters the café and shames the chain. :func:`size_benchmark` gives,
for each account, the conversation rate (comments per post per follower)
usual at its size on its platform, a 90 % interval, the ratio observed /
expected, and the ``basis`` it used, the first of these that is good enough:

1. ``peers``: the other accounts of the same platform in the portfolio (or a
   table of accounts the caller gives), when there are at least
   ``min_points`` of them and their fit is tight enough (the interval at the
   account's size at most :data:`~smanalytics.metrics.reference.MAX_SPREAD`
   times either way);
2. ``reference``: the shipped published benchmarks of that platform
   (:mod:`smanalytics.metrics.reference`), whose interval is at most
   ``MAX_SPREAD`` times either way by construction;
3. ``own_history``: the account's own months, when there are ``min_points``
   of them at different sizes;
4. ``none``: nothing to compare with.

``usable`` says whether the interval spans at most ``MAX_SPREAD`` times
either way; where it does not (a wide own history), the explanation says
"too few comparable accounts" instead of giving a verdict.

Method and limits
-----------------
* Peers and own history: ordinary least squares on log10(rate) against
  log10(followers), the prediction interval of a new point
  ``yhat +/- t * s * sqrt(1 + 1/n + (x0 - xbar)^2 / Sxx)`` with Student's t
  at ``n - 2`` degrees of freedom. The account itself is not among its peers.
* Accounts with a zero or unknown rate or follower count cannot be placed on
  log axes: they are left out of fits and get no ratio.
* Each point weighs the same; a few odd accounts can tilt a small fit, which
  is why a small portfolio falls back to the reference.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from smanalytics.errors import SchemaError
from smanalytics.i18n import Nn_, _, fmt, ngettext
from smanalytics.metrics._common import ACCOUNT
from smanalytics.metrics.rates import per_1k_text
from smanalytics.metrics.reference import MAX_SPREAD, _expectation, reference_lines, size_reference

__all__ = ["size_benchmark", "fit_size_line", "SIZE_COLUMNS", "BASES"]

#: The comparison bases, in the order they are tried.
BASES = ("peers", "reference", "own_history", "none")

SIZE_COLUMNS = (
    "platform",
    "account",
    "followers",
    "conversation_rate",
    "expected_conversation_rate",
    "expected_low",
    "expected_high",
    "ratio",
    "basis",
    "points",
    "slope",
    "usable",
    "explanation",
)

_NAMES = {"x": "X", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn"}


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
            f"the table of accounts has no column {', '.join(repr(c) for c in missing)}; "
            "expected 'followers' and 'conversation_rate' (e.g. account_summary output)"
        )
    x = pd.to_numeric(table["followers"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    y = pd.to_numeric(table["conversation_rate"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    return x[ok], y[ok]


def fit_size_line(
    accounts: pd.DataFrame, *, min_points: int = 5, level: float = 0.9
) -> dict[str, float | int | str]:
    """Fit log10(conversation rate) = intercept + slope * log10(followers) over some accounts.

    Parameters
    ----------
    accounts
        Rows with ``followers`` and ``conversation_rate`` (comments per post
        per follower).
    min_points
        Fewest usable points (at least 4, at more than one size) for a fit.
    level
        Coverage of the prediction interval.

    Returns
    -------
    dict
        ``method`` (``"fit"`` or ``"none"``) and ``points``; for a fit also
        ``intercept``, ``slope``, ``s`` (residual standard deviation), ``xbar``,
        ``sxx`` and ``t``.

    Examples
    --------
    >>> ref = pd.DataFrame({"followers": [100, 1000, 10000, 100, 1000, 10000],
    ...                     "conversation_rate": [0.02, 0.01, 0.005, 0.02, 0.01, 0.005]})
    >>> line = fit_size_line(ref)
    >>> line["method"], round(line["slope"], 4)  # log10(0.5) per tenfold: -0.301
    ('fit', -0.301)
    """
    return _fit(*_points(accounts), min_points=min_points, level=level)


def _fit(x: np.ndarray, y: np.ndarray, *, min_points: int, level: float) -> dict[str, float | int | str]:
    """:func:`fit_size_line` of the usable points ``x`` (followers) and ``y`` (rates)."""
    n = len(x)
    lx, ly = np.log10(x), np.log10(y)
    sxx = float(((lx - lx.mean()) ** 2).sum()) if n else 0.0
    if n < max(min_points, 4) or sxx <= 1e-12:
        return {"method": "none", "points": n}
    slope = float(((lx - lx.mean()) * (ly - ly.mean())).sum() / sxx)
    intercept = float(ly.mean() - slope * lx.mean())
    resid = ly - (intercept + slope * lx)
    return {
        "method": "fit",
        "points": n,
        "intercept": intercept,
        "slope": slope,
        "s": math.sqrt(float((resid**2).sum()) / (n - 2)),
        "xbar": float(lx.mean()),
        "sxx": sxx,
        "t": _t_quantile((1 + level) / 2, n - 2),
    }


def _fitted(line: dict, followers: float) -> tuple[float, float]:
    """``(log10 expected rate, half-width in log10)`` of an OLS line at ``followers``."""
    x0 = math.log10(followers)
    half = line["t"] * line["s"] * math.sqrt(1 + 1 / line["points"] + (x0 - line["xbar"]) ** 2 / line["sxx"])
    return line["intercept"] + line["slope"] * x0, half


def size_benchmark(
    summary: pd.DataFrame,
    *,
    peers: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    min_points: int = 8,
    level: float = 0.9,
) -> pd.DataFrame:
    """The conversation rate usual at each account's size, and how the account compares.

    Parameters
    ----------
    summary
        One row per account with ``platform, account, followers,
        conversation_rate`` (comments per post per follower), e.g.
        :func:`~smanalytics.metrics.summary.account_summary`.
    peers
        Accounts to compare with (``followers, conversation_rate`` and,
        where known, ``platform`` and ``account``), e.g. the batch's
        portfolio. Default: ``summary`` itself. Only rows of the account's
        platform count (all rows when there is no ``platform`` column), and
        never the account itself.
    reference
        Published benchmarks like :func:`~smanalytics.metrics.reference.size_reference`
        (default: the shipped table).
    history
        The accounts' own monthly figures (``account_summary(..., freq="M")``),
        the last resort.
    min_points
        Fewest peers (default 8), or months of history, for a fit.
    level
        Coverage of the interval (default 0.9).

    Returns
    -------
    DataFrame
        Columns :data:`SIZE_COLUMNS`: the account's ``followers`` and
        ``conversation_rate``, ``expected_conversation_rate`` with the
        interval ``expected_low`` .. ``expected_high``, ``ratio`` = observed /
        expected, ``basis`` (one of :data:`BASES`), ``points`` (how many
        accounts, published figures or months it rests on), ``slope``
        (change of log10 rate per tenfold followers), ``usable`` (interval
        at most ``MAX_SPREAD`` times either way) and ``explanation``.

    Examples
    --------
    >>> cafe = pd.DataFrame({"platform": ["instagram"], "account": ["cafe"],
    ...                      "followers": [1000], "conversation_rate": [0.004]})
    >>> row = size_benchmark(cafe).iloc[0]
    >>> row["basis"], int(row["points"]), round(float(row["ratio"]), 1)
    ('reference', 6, 2.4)
    >>> float(row["expected_high"] / row["expected_conversation_rate"]) <= 4
    True
    """
    missing = [c for c in (*ACCOUNT, "followers", "conversation_rate") if c not in summary.columns]
    if missing:
        raise SchemaError(
            f"the summary has no column {', '.join(repr(c) for c in missing)}; "
            "expected account_summary output (platform, account, followers, conversation_rate)"
        )
    peers = _Points(summary if peers is None else peers)
    own_months = history is not None and {"platform", "account"} <= set(history.columns)
    months = _Points(history) if own_months else None
    lines = reference_lines(size_reference() if reference is None else reference).set_index("platform")
    rows = []
    for row in summary.itertuples(index=False):
        followers = float(row.followers) if pd.notna(row.followers) else math.nan
        observed = float(row.conversation_rate) if pd.notna(row.conversation_rate) else math.nan
        basis, points, slope, (log_expected, half) = _basis(
            row, followers, peers, lines, months, min_points, level
        )
        expected = 10**log_expected if math.isfinite(log_expected) else math.nan
        low, high = (
            (10 ** (log_expected - half), 10 ** (log_expected + half)) if expected > 0 else (math.nan,) * 2
        )
        ratio = observed / expected if expected > 0 and math.isfinite(observed) else math.nan
        usable = bool(math.isfinite(half) and half <= math.log10(MAX_SPREAD) + 1e-9)
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
                "basis": basis,
                "points": points,
                "slope": slope,
                "usable": usable,
                "explanation": _explain(row.platform, ratio, followers, low, high, basis, points, usable),
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
    out["points"] = pd.array(out["points"], dtype="Int64")
    out["usable"] = out["usable"].astype("boolean")
    return out.astype({"platform": "string", "account": "string", "basis": "string", "explanation": "string"})


_NOTHING = (math.nan, math.nan)


class _Points:
    """The usable points (followers, rate) of a table of accounts or months, with their keys.

    Each account's comparison fits a line over some of these points (its
    platform's, without its own); they are picked from numpy arrays taken
    once, not by filtering the table once per account.
    """

    def __init__(self, table: pd.DataFrame) -> None:
        self.x, self.y = _points(table)  # checks the columns
        usable = _usable(table)
        self.platform = _keys(table, "platform", usable)
        self.account = _keys(table, "account", usable)

    def of(self, platform, *, without) -> tuple[np.ndarray, np.ndarray]:
        """The points of ``platform`` (all of them when the table has no platform), less account ``without``.

        As pandas masks do, a missing platform or account matches nothing, so
        peers whose account is missing are left out too.
        """
        if self.platform is None:
            return self.x, self.y
        keep = _equal(self.platform, platform)
        if self.account is not None:
            keep &= ~_equal(self.account, without) & (self.account != None) & pd.notna(without)  # noqa: E711
        return self.x[keep], self.y[keep]

    def only(self, platform, account) -> tuple[np.ndarray, np.ndarray]:
        """The points of one account (its months)."""
        keep = _equal(self.platform, platform) & _equal(self.account, account)
        return self.x[keep], self.y[keep]


def _keys(table: pd.DataFrame, column: str, usable: np.ndarray) -> np.ndarray | None:
    """``column`` of the usable rows as objects, missing values None (None when there is no column)."""
    if column not in table.columns:
        return None
    return table[column].to_numpy(dtype=object, na_value=None)[usable]


def _equal(keys: np.ndarray, value) -> np.ndarray:
    """Which ``keys`` are ``value``; a missing value is equal to nothing."""
    if pd.isna(value):
        return np.zeros(len(keys), dtype=bool)
    return keys == value


def _usable(table: pd.DataFrame) -> np.ndarray:
    """Which rows of ``table`` :func:`_points` keeps."""
    x = pd.to_numeric(table["followers"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    y = pd.to_numeric(table["conversation_rate"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)


def _basis(row, followers, peers, lines, months, min_points, level):
    """``(basis, points, slope, (log10 expected, half-width))`` for one account."""
    if not (followers > 0):
        return "none", 0, math.nan, _NOTHING
    line = _fit(*peers.of(row.platform, without=row.account), min_points=min_points, level=level)
    if line["method"] == "fit":
        log_expected, half = _fitted(line, followers)
        if half <= math.log10(MAX_SPREAD):
            return "peers", line["points"], line["slope"], (log_expected, half)
    if row.platform in lines.index:
        ref = lines.loc[row.platform]
        return "reference", int(ref["points"]), float(ref["slope"]), _expectation(ref, followers, level=level)
    if months is not None:
        line = _fit(*months.only(row.platform, row.account), min_points=min(min_points, 5), level=level)
        if line["method"] == "fit":
            return "own_history", line["points"], line["slope"], _fitted(line, followers)
    return "none", 0, math.nan, _NOTHING


#: What a size comparison was made against, by basis: placeholders ``points`` and ``platform``.
AGAINST = {
    "peers": Nn_(
        "{points} other {platform} account of the portfolio",
        "{points} other {platform} accounts of the portfolio",
    ),
    "reference": Nn_("{points} published benchmark figure", "{points} published benchmark figures"),
    "own_history": Nn_("the account's own {points} month", "the account's own {points} months"),
}


def _explain(platform, ratio, followers, low, high, basis, points, usable) -> str:
    """The size comparison in words, in the active language (one whole sentence per outcome)."""
    if not math.isfinite(followers):
        return _("The follower count is unknown, so no size comparison is possible.")
    where = _NAMES.get(str(platform), str(platform).capitalize())
    # Translators: {size} in the sentences of the size comparison.
    size = ngettext(
        "an account of {followers} follower on {platform}",
        "an account of {followers} followers on {platform}",
        int(followers),
    ).format(followers=fmt.integer(followers), platform=where)
    if basis == "none":
        return _("Too few comparable accounts to say what is usual for {size}.").format(size=size)
    against = ngettext(*AGAINST[basis], int(points)).format(points=fmt.integer(points), platform=where)
    # Translators: {usual} in the sentences of the size comparison: the usual range of comments per 1,000.
    usual = _("{low} to {high} per 1,000 usual, from {against}").format(
        low=per_1k_text(low), high=per_1k_text(high), against=against
    )
    if not usable:
        return _("Too few comparable accounts to say what is usual for {size} ({usual}).").format(
            size=size, usual=usual
        )
    if not math.isfinite(ratio):
        return _("No conversation rate to compare with what is usual for {size} ({usual}).").format(
            size=size, usual=usual
        )
    return _("{ratio} the conversation usual for {size} ({usual}).").format(
        ratio=fmt.times(ratio), size=size, usual=usual
    )
