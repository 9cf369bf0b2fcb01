"""When posts get the most conversation: a heatmap of weekdays and parts of the day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.errors import SchemaError
from smanalytics.i18n import Nn_, _, fmt, ngettext
from smanalytics.plots.style import ACCENT, GRID, HIGHLIGHT, INK, MUTED, PARTS_OF_DAY, axes, literal

__all__ = ["plot_best_times"]

#: The rows of the heatmap, top to bottom: the day as it goes.
_ROWS = (6, 12, 18, 0)

#: A cell's count of posts (gettext picks the plural form).
POSTS = Nn_("{n} post", "{n} posts")


def plot_best_times(
    times: pd.DataFrame,
    *,
    platform: str | None = None,
    account: str | None = None,
    ax=None,
    accent: str = ACCENT,
    title: str | None = None,
):
    """Draw one account's conversation by weekday and part of the day against its usual.

    Parameters
    ----------
    times
        :func:`smanalytics.metrics.best_times`; with several accounts,
        ``platform`` and ``account`` pick one.
    platform, account
        The account to draw.
    ax
        Axes to draw on (default: the current Axes).
    accent
        Colour of the cells above the account's usual conversation; cells
        below it shade towards red, cells near it stay white.
    title
        The title (default: none).

    Returns
    -------
    Axes
        One column per weekday, one row per part of the day (morning,
        afternoon, evening, night), or a single row when the exports give
        only days. Each judged cell is coloured by its ratio to the usual and
        says it ("2.1x") with its number of posts; a cell with too few posts
        is grey and gives only the count.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from smanalytics.metrics import best_times
    >>> posts = pd.DataFrame({"platform": "x", "account": "cafe", "post_id": list("abcdef"),
    ...     "published_at": pd.to_datetime(["2026-03-07T09:00Z"] * 6), "followers": 100,
    ...     "comments": [1, 2, 3, 3, 4, 5]})
    >>> ax = plot_best_times(best_times(posts), ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.texts]  # Saturday morning: 6 posts, their median is the usual
    ['1.0x\\n6 posts']
    """
    for column in ("platform", "account", "weekday", "hour", "posts", "ratio", "enough"):
        if column not in times:
            raise SchemaError(f"plot_best_times needs the column {column!r} of metrics.best_times")
    mine = times
    if platform is not None:
        mine = mine[mine["platform"] == platform]
    if account is not None:
        mine = mine[mine["account"] == account]
    if mine[["platform", "account"]].drop_duplicates().shape[0] > 1:
        raise SchemaError("best times of several accounts: pick one with platform= and account=")
    ax = axes(ax)
    by_time = mine[mine["hour"].notna()]
    cells = by_time if len(by_time) else mine[mine["hour"].isna()]
    rows = list(_ROWS) if len(by_time) else [None]
    ratio = np.full((len(rows), 7), np.nan)
    for r in cells.itertuples():
        y = rows.index(None if pd.isna(r.hour) else int(r.hour))
        x = int(r.weekday)
        if bool(r.enough):
            ratio[y, x] = float(r.ratio)
        posts = ngettext(*POSTS, int(r.posts)).format(n=fmt.integer(r.posts))
        label = f"{fmt.times(r.ratio)}\n{posts}" if bool(r.enough) else posts
        ax.text(x, y, label, ha="center", va="center", fontsize=8, color=INK if bool(r.enough) else MUTED)
    from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm

    top = max(2.0, float(np.nanmax(ratio)) if np.isfinite(ratio).any() else 2.0)
    cmap = LinearSegmentedColormap.from_list("below_usual_above", [HIGHLIGHT, "#ffffff", accent])
    cmap = cmap.with_extremes(bad=GRID)
    ax.imshow(
        np.ma.masked_invalid(ratio), cmap=cmap, norm=TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=top),
        aspect="auto", alpha=0.75,
    )  # fmt: skip
    ax.set_xticks(range(7), [fmt.weekday_abbreviation(d) for d in range(7)])
    ax.set_yticks(range(len(rows)), [_row_label(h) for h in rows])
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(-0.5, 7), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(literal(title), loc="left", fontsize=10)
    return ax


def _row_label(hour: int | None) -> str:
    if hour is None:
        return _("any time")
    # Translators: a row of the best-time chart: the part of the day, then its hours ("06–12h").
    return _("{part_of_day}\n{first:02d}–{last:02d}h").format(
        part_of_day=_(PARTS_OF_DAY[hour]).capitalize(), first=hour, last=hour + 6
    )
