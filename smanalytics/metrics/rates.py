"""Per-post engagement-quality rates (Avinash Kaushik's conversation, amplification, applause).

Definitions, per post (``audience`` from :func:`~smanalytics.metrics.followers.post_audience`):

* ``conversation_rate`` = comments / audience
* ``amplification_rate`` = shares / audience
* ``applause_rate`` = likes / audience
* ``engagement_rate_reach`` = (likes + comments + shares + saves) / reach
* ``engagement_rate_impressions`` = (likes + comments + shares + saves) / impressions
* ``conversation_share`` = comments / (likes + comments + shares)
* ``conversation_rate_reach`` = comments / reach, and ``conversation_rate_impressions``
  = comments / impressions: conversation per person reached (per impression), for
  accounts whose follower count is not known

A missing component counts 0 in an engagement sum (likes + comments + shares
[+ saves]); a missing single count (the comments of a conversation rate) leaves
the rate missing. A rate whose denominator is missing or zero is missing
(``<NA>``), never 0 and never infinite.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import canonical, ratio
from smanalytics.metrics.followers import audience_floats, post_audience

__all__ = ["RATES", "PER_FOLLOWERS", "per_1k", "per_1k_text", "post_rates", "rate_terms"]

#: Reports and charts show follower rates per this many followers.
PER_FOLLOWERS = 1000

#: The rates of :func:`post_rates`, in order, as (name, numerator, denominator).
RATES: tuple[tuple[str, str, str], ...] = (
    ("conversation_rate", "comments", "audience"),
    ("amplification_rate", "shares", "audience"),
    ("applause_rate", "likes", "audience"),
    ("engagement_rate_reach", "engagements", "reach"),
    ("engagement_rate_impressions", "engagements", "impressions"),
    ("conversation_share", "comments", "interactions"),
    ("conversation_rate_reach", "comments", "reach"),
    ("conversation_rate_impressions", "comments", "impressions"),
)


def per_1k(rate):
    """A rate per follower (comments / followers, ...) as per 1,000 followers.

    A number gives a float, or None when unknown; a Series or array gives the
    same scaled.

    Examples
    --------
    >>> per_1k(0.0042), per_1k(None), per_1k(pd.NA)
    (4.2, None, None)
    """
    if getattr(rate, "ndim", 0):
        return rate * PER_FOLLOWERS
    if rate is None or pd.isna(rate):
        return None
    return float(rate) * PER_FOLLOWERS


def per_1k_text(rate) -> str:
    """A rate per follower as readable text per 1,000 followers: 12, 4.5, 0.47 (a dash when unknown).

    Whole numbers from 10, one decimal from 1, two significant digits below
    (X's few replies: 0.036, not 0.0).

    Examples
    --------
    >>> per_1k_text(0.0123), per_1k_text(0.0045), per_1k_text(0.000036), per_1k_text(None)
    ('12', '4.5', '0.036', '–')
    """
    from smanalytics.i18n import fmt

    value = per_1k(rate)
    if value is None or pd.isna(value):
        return fmt.UNKNOWN
    if value >= 10:
        return fmt.integer(value)
    if value >= 1:
        return fmt.number(value, 1)
    from decimal import Decimal

    significant = f"{Decimal(f'{value:.2g}'):f}"  # two significant digits, no trailing zero: 0.4, 0.036
    return fmt.number(value, len(significant.partition(".")[2]))


def rate_terms(posts: pd.DataFrame, daily: pd.DataFrame | None) -> dict[str, np.ndarray]:
    """The numerator and denominator of every rate of :data:`RATES`, per post, as float64 arrays.

    The summaries add these up per account (or account-period, or kind of
    post) and divide once, so that every rate there is sum(x) / sum(audience).
    See :func:`_terms`.
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    return _terms(posts, audience_floats(posts, daily))


def _terms(posts: pd.DataFrame, audience: np.ndarray) -> dict[str, np.ndarray]:
    """Per post, in the order of ``posts``: NaN where missing, else the count.

    ``audience``, ``likes``, ``comments``, ``shares``, ``reach`` and
    ``impressions``; ``engagements`` = likes + comments + shares + saves and
    ``interactions`` = likes + comments + shares, missing components counted
    0 (``interactions`` is missing where ``comments`` is). Counts are whole
    numbers far below 2**53: float64 holds them and their sums exactly.
    """
    count = {c: posts[c].to_numpy(dtype=float, na_value=np.nan) for c in _COUNTS}
    zero = {c: np.nan_to_num(count[c]) for c in ("likes", "comments", "shares", "saves")}
    interactions = zero["likes"] + zero["comments"] + zero["shares"]
    return {
        "audience": audience,
        "likes": count["likes"],
        "comments": count["comments"],
        "shares": count["shares"],
        "engagements": interactions + zero["saves"],
        "interactions": np.where(np.isnan(count["comments"]), np.nan, interactions),
        "reach": count["reach"],
        "impressions": count["impressions"],
    }


_COUNTS = ("likes", "comments", "shares", "saves", "reach", "impressions")


def post_rates(posts: pd.DataFrame, daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """Engagement-quality rates of every post.

    Parameters
    ----------
    posts
        Canonical posts table (any subset of the canonical columns with at
        least ``platform, account, published_at``).
    daily
        Canonical daily table, for the follower look-up of posts that do not
        carry their own ``followers`` (see
        :func:`~smanalytics.metrics.followers.post_audience`).

    Returns
    -------
    DataFrame
        One row per post, same index and order as ``posts``:
        ``platform, account, post_id, published_at, paid``, ``audience``
        (followers used as denominator) and ``audience_source``, then

        * ``conversation_rate``: comments / audience;
        * ``amplification_rate``: shares / audience;
        * ``applause_rate``: likes / audience;
        * ``engagement_rate_reach``: (likes + comments + shares + saves) / reach,
          missing components counted 0;
        * ``engagement_rate_impressions``: the same sum / impressions;
        * ``conversation_share``: comments / (likes + comments + shares);
        * ``conversation_rate_reach``: comments / reach, and
          ``conversation_rate_impressions``: comments / impressions.

        Rates are plain fractions (Float64); missing (``<NA>``) when the
        denominator is missing or zero, or when the single count a rate is
        about (comments, shares, likes) is missing.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"], "account": ["cafe"], "post_id": ["1"],
    ...     "published_at": pd.to_datetime(["2026-01-01T09:00Z"]), "followers": [400],
    ...     "likes": [20], "comments": [6], "shares": [None], "reach": [300]})
    >>> r = post_rates(posts).iloc[0]
    >>> float(r.conversation_rate), float(r.applause_rate), r.amplification_rate
    (0.015, 0.05, <NA>)
    >>> float(r.engagement_rate_reach), float(r.conversation_share)  # 26/300, 6/26
    (0.08666666666666667, 0.23076923076923078)
    >>> r.engagement_rate_impressions  # no impressions in the export
    <NA>
    """
    index = posts.index if isinstance(posts, pd.DataFrame) else None
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    found = post_audience(posts, daily)
    terms = _terms(posts, found["audience"].to_numpy(dtype=float, na_value=np.nan))
    out = posts[["platform", "account", "post_id", "published_at", "paid"]].assign(
        audience=found["audience"], audience_source=found["audience_source"]
    )
    for name, numerator, denominator in RATES:
        out[name] = ratio(terms[numerator], terms[denominator]).array
    out.index = index  # the caller's, whatever canonical() did to the rows' labels
    return out
