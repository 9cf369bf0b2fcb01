"""Period against period: whether a figure rose, fell or stayed about the same.

A small account's monthly rates are noisy: three comments more in a month of
four posts doubles its conversation rate and means nothing. So a change is
judged against the account's own history:

* the **usual change** of a figure is the median, over the account's history
  before the period, of how much it moved from one period to the next
  (month to month for a monthly report, week to week for a weekly one):
  the median of ``|x[t] - x[t-1]|`` over consecutive periods where both are
  known (:func:`usual_changes`);
* a change is a ``"rise"`` or a ``"fall"`` only when it is more than
  :data:`CHANGE_FACTOR` (2) times that usual change, else ``"same"`` (about
  the same). For independent monthly noise, a change that big happens by
  chance in about one month in six;
* with fewer than :data:`MIN_CHANGES` (3) earlier changes to learn from, only
  a figure that at least doubled or at most halved counts as a rise or fall;
* counts that are measured, not sampled (``followers``), rise or fall by any
  change;
* a figure unknown in either period gives ``"unknown"``, never a change from
  or to zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import ACCOUNT

__all__ = [
    "COMPARED_FIGURES",
    "CHANGE_FACTOR",
    "MIN_CHANGES",
    "VERDICTS",
    "usual_changes",
    "compare_figures",
]

#: The summary figures compared between periods, and how a change is judged:
#: ``"count"`` (any change is real) or ``"noisy"`` (against the usual change).
COMPARED_FIGURES: dict[str, str] = {
    "followers": "count",
    "posts_per_week": "noisy",
    "organic_conversation_rate": "noisy",
    "organic_conversation_rate_reach": "noisy",
    "organic_conversation_rate_impressions": "noisy",
    "organic_amplification_rate": "noisy",
    "organic_applause_rate": "noisy",
    "organic_engagement_rate_reach": "noisy",
}

#: A noisy figure rose or fell when it moved more than this many times its usual change.
CHANGE_FACTOR = 2.0

#: Earlier changes needed to know a figure's usual change.
MIN_CHANGES = 3

#: The verdicts of :func:`compare_figures`.
VERDICTS = ("rise", "fall", "same", "unknown")


def _values(frame: pd.DataFrame, figure: str) -> np.ndarray:
    if figure not in frame:
        return np.full(len(frame), np.nan)
    return frame[figure].astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def usual_changes(history: pd.DataFrame, *, figures=tuple(COMPARED_FIGURES)) -> pd.DataFrame:
    """Each account's usual change of each figure from one period to the next.

    Parameters
    ----------
    history
        :func:`~smanalytics.metrics.account_summary` with ``freq``: one row
        per account and period (``period`` column), every period from the
        account's first to its last, and only periods before the one
        reported on.
    figures
        The summary columns to measure.

    Returns
    -------
    DataFrame
        ``platform, account, figure, usual_change`` (the median of
        ``|x[t] - x[t-1]|`` over consecutive periods where both values are
        known; NaN with fewer than :data:`MIN_CHANGES` of them) and
        ``changes`` (how many there were).

    Examples
    --------
    >>> months = pd.DataFrame({"platform": "x", "account": "cafe",
    ...     "period": pd.period_range("2026-01", periods=5, freq="M"),
    ...     "posts_per_week": [1.0, 2.0, None, 1.5, 2.5]})
    >>> usual_changes(months, figures=["posts_per_week"])  # |2-1| and |2.5-1.5|: too few
      platform account          figure  usual_change  changes
    0        x    cafe  posts_per_week           NaN        2
    """
    rows = []
    if not len(history):
        return pd.DataFrame(columns=[*ACCOUNT, "figure", "usual_change", "changes"])
    ordered = history.sort_values([*ACCOUNT, "period"], kind="stable")
    for (platform, account), frame in ordered.groupby(ACCOUNT, sort=False):
        for figure in figures:
            values = _values(frame, figure)
            steps = np.abs(np.diff(values))
            steps = steps[~np.isnan(steps)]
            usual = float(np.median(steps)) if len(steps) >= MIN_CHANGES else np.nan
            rows.append((platform, account, figure, usual, len(steps)))
    return pd.DataFrame(rows, columns=[*ACCOUNT, "figure", "usual_change", "changes"])


def compare_figures(
    current: pd.DataFrame,
    other: pd.DataFrame,
    *,
    usual: pd.DataFrame | None = None,
    figures: dict[str, str] | None = None,
    factor: float = CHANGE_FACTOR,
) -> pd.DataFrame:
    """Every figure of every account of ``current`` against the same account in ``other``.

    Parameters
    ----------
    current, other
        Account summaries (one row per ``platform, account``) of the period
        and of the period it is compared with; an account missing from
        ``other`` (the exports do not cover that period) is ``"unknown"``.
    usual
        :func:`usual_changes` of the accounts (None: every noisy figure is
        judged by the doubling rule).
    figures
        Summary column -> ``"count"`` or ``"noisy"`` (default
        :data:`COMPARED_FIGURES`).
    factor
        How many usual changes a noisy figure must move by to rise or fall.

    Returns
    -------
    DataFrame
        ``platform, account, figure, value, other_value, change`` (value -
        other_value), ``usual_change`` and ``verdict`` (see :data:`VERDICTS`),
        one row per account and figure, in ``current``'s order.

    Examples
    --------
    >>> now = pd.DataFrame({"platform": ["x"], "account": ["cafe"], "followers": [120],
    ...                     "posts_per_week": [3.0]})
    >>> before = now.assign(followers=[100], posts_per_week=[2.5])
    >>> usual = pd.DataFrame({"platform": ["x"], "account": ["cafe"], "figure": ["posts_per_week"],
    ...                       "usual_change": [0.5], "changes": [6]})
    >>> judged = compare_figures(now, before, usual=usual,
    ...                          figures={"followers": "count", "posts_per_week": "noisy"})
    >>> judged[["figure", "value", "other_value", "usual_change", "verdict"]]
               figure  value  other_value  usual_change verdict
    0       followers  120.0        100.0           NaN    rise
    1  posts_per_week    3.0          2.5           0.5    same
    """
    figures = COMPARED_FIGURES if figures is None else figures
    columns = [*ACCOUNT, "figure", "value", "other_value", "change", "usual_change", "verdict"]
    if not len(current):
        return pd.DataFrame(columns=columns)
    keys = current[ACCOUNT].astype(str).reset_index(drop=True)
    if len(other):
        matched = keys.merge(
            other.assign(**{c: other[c].astype(str) for c in ACCOUNT}), on=ACCOUNT, how="left"
        )
    else:
        matched = keys.assign(**{f: np.nan for f in figures})
    spread = {}
    if usual is not None and len(usual):
        spread = {(r.platform, r.account, r.figure): r.usual_change for r in usual.itertuples()}
    parts = []
    for figure, how in figures.items():
        value, before = _values(current.reset_index(drop=True), figure), _values(matched, figure)
        change = value - before
        usual_change = np.array(
            [spread.get((p, a, figure), np.nan) for p, a in keys.itertuples(index=False)], dtype=float
        )
        if how == "count":
            usual_change[:] = np.nan
            verdict = np.where(change > 0, "rise", np.where(change < 0, "fall", "same"))
        else:
            verdict = _judge(value, before, change, usual_change, factor)
        verdict = np.where(np.isnan(change), "unknown", verdict)
        parts.append(
            keys.assign(figure=figure, value=value, other_value=before, change=change,
                        usual_change=usual_change, verdict=verdict, _order=np.arange(len(keys)))
        )  # fmt: skip
    out = pd.concat(parts, ignore_index=True).sort_values("_order", kind="stable", ignore_index=True)
    return out[columns]


def _judge(value, before, change, usual, factor) -> np.ndarray:
    """``rise``/``fall`` beyond ``factor`` usual changes, or by doubling/halving where none is known."""
    with np.errstate(invalid="ignore"):
        known = ~np.isnan(usual)
        beyond = np.abs(change) > factor * np.where(known, usual, 0)
        doubled = (value >= 2 * before) & (value > before)
        halved = (value <= before / 2) & (value < before)
        rise = np.where(known, beyond & (change > 0), doubled)
        fall = np.where(known, beyond & (change < 0), halved)
    return np.where(rise, "rise", np.where(fall, "fall", "same"))
