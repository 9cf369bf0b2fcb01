"""The report's period against another: the previous period of its kind, or the same one a year earlier.

:func:`compare_with` computes the other period's figures from the client's
history exactly as the report's own (the same summary over the days of it the
exports cover) and judges each change with
:func:`~smanalytics.metrics.changes.compare_figures`: a rise or a fall only
beyond the account's usual change. A period the exports do not cover at all
has no figures: its values are unknown, never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from smanalytics.periods import Period

__all__ = ["Against", "compare_with"]


@dataclass(frozen=True)
class Against:
    """The report's period against ``period``.

    Attributes
    ----------
    period
        The other period (:class:`~smanalytics.periods.Period`).
    covered
        Its first and last day that the exports cover; None when they cover none of it.
    summary
        :func:`~smanalytics.metrics.account_summary` over those days, one row
        per account that has data there (empty when none).
    changes
        :func:`~smanalytics.metrics.changes.compare_figures` of the report's
        summary against ``summary``: one row per account and figure, with
        ``value``, ``other_value``, ``change`` and ``verdict``.
    bought
        Follows of suspected-bought spikes that overlap it, per account
        (``platform, account, excess_follows``).
    """

    period: Period
    covered: tuple[dt.date, dt.date] | None
    summary: pd.DataFrame
    changes: pd.DataFrame
    bought: pd.DataFrame

    def change(self, platform: str, account: str, figure: str):
        """The row of :attr:`changes` of one account's ``figure`` (a named tuple), or None."""
        c = self.changes
        if not len(c):
            return None
        match = c[(c["platform"] == platform) & (c["account"] == account) & (c["figure"] == figure)]
        return next(match.itertuples(), None)


def compare_with(
    history, other: Period, summary: pd.DataFrame, *, usual: pd.DataFrame | None = None, events=None
) -> Against:
    """The report's ``summary`` against period ``other``, whose figures come from ``history``.

    Parameters
    ----------
    history
        The client's :class:`~smanalytics.dataset.Dataset` up to the
        report's period end.
    other
        The period to compare with.
    summary
        The report's account summary.
    usual
        :func:`~smanalytics.metrics.changes.usual_changes` of the accounts.
    events
        Follower spikes over the history (:func:`~smanalytics.growth.detect_spikes`).
    """
    from smanalytics.metrics import account_summary, compare_figures
    from smanalytics.report.content import data_span, limit_days, over_client_period

    covered = other.clip(*(data_span(history) or (None, None)))
    if covered is None:
        figures = pd.DataFrame()
    else:
        days = limit_days(history, *covered)
        figures = over_client_period(account_summary(days.posts, days.daily), *covered)
    return Against(
        period=other,
        covered=covered,
        summary=figures,
        changes=compare_figures(summary, figures, usual=usual),
        bought=_bought(events, covered),
    )


def _bought(events, covered) -> pd.DataFrame:
    columns = ["platform", "account", "excess_follows"]
    if events is None or not len(events) or covered is None or "label" not in events:
        return pd.DataFrame(columns=columns)
    first, last = pd.Timestamp(covered[0]), pd.Timestamp(covered[1])
    inside = (events["label"] == "suspected_bought") & (events["end"] >= first) & (events["start"] <= last)
    return events.loc[inside.fillna(False), columns].groupby(columns[:2], as_index=False).sum()
