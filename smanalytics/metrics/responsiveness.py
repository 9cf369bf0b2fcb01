"""Responsiveness: does the account answer its customers, and how fast?

Uses the optional comments table. A *customer comment* is one not written by
the account (``from_account`` false; comments whose author is unknown are
left out). It is *answered* when the account replied to it: a comment of the
same account with ``from_account`` true and ``reply_to`` equal to its
``comment_id``. The time to answer is from the customer comment to the
account's first reply (replies timed before the comment, a clock problem of
the export, count as answered but not in the times).

An account none of whose comments is its own is one whose export holds what
customers sent but not the replies (a Hootsuite inbound-messages export): its
customer comments are counted, and how many were answered is missing, not 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import ACCOUNT, canonical

__all__ = ["responsiveness"]


def responsiveness(comments: pd.DataFrame | None) -> pd.DataFrame:
    """Share of customer comments answered and time to answer, per account.

    Parameters
    ----------
    comments
        Canonical comments table (``platform, account, comment_id,
        created_at, from_account, reply_to``).

    Returns
    -------
    DataFrame
        One row per account: ``customer_comments``, ``answered``,
        ``answered_share`` = answered / customer_comments (``<NA>`` with no
        customer comment; ``answered`` and the share are ``<NA>`` when the
        account's export holds none of its own replies), ``median_hours_to_answer`` and
        ``p90_hours_to_answer`` (hours from the comment to the account's
        first reply, over answered comments with both times; quantiles by
        linear interpolation).

    Examples
    --------
    >>> comments = pd.DataFrame({"platform": ["x"] * 5, "account": ["cafe"] * 5,
    ...     "post_id": ["1"] * 5, "comment_id": ["c1", "c2", "c3", "r1", "r2"],
    ...     "created_at": pd.to_datetime(["2026-03-01T10:00Z", "2026-03-01T11:00Z",
    ...         "2026-03-01T12:00Z", "2026-03-01T12:00Z", "2026-03-02T11:00Z"]),
    ...     "from_account": [False, False, False, True, True],
    ...     "reply_to": [None, None, None, "c1", "c2"]})
    >>> r = responsiveness(comments).iloc[0]
    >>> int(r.customer_comments), int(r.answered), round(float(r.answered_share), 4)
    (3, 2, 0.6667)
    >>> float(r.median_hours_to_answer), float(r.p90_hours_to_answer)  # of 2 h and 24 h
    (13.0, 21.8)
    """
    comments = canonical(comments, "comments")
    customer = comments[(comments["from_account"] == False).fillna(False).to_numpy(bool)]  # noqa: E712
    own = comments[(comments["from_account"] == True).fillna(False).to_numpy(bool)]  # noqa: E712
    replying = set(own[ACCOUNT].drop_duplicates().itertuples(index=False, name=None))
    replies = own[own["reply_to"].notna()]
    first_reply = (
        replies.groupby(ACCOUNT + ["reply_to"], observed=True)["created_at"]
        .min()
        .rename("answered_at")
        .reset_index()
        .rename(columns={"reply_to": "comment_id"})
    )
    joined = customer[ACCOUNT + ["comment_id", "created_at"]].merge(
        first_reply, on=ACCOUNT + ["comment_id"], how="left", indicator=True
    )
    joined["answered"] = joined["_merge"] == "both"
    hours = (joined["answered_at"] - joined["created_at"]).dt.total_seconds() / 3600
    joined["hours"] = hours.where(hours >= 0)
    rows = []
    for key, group in joined.groupby(ACCOUNT, observed=True):
        times = group["hours"].dropna().to_numpy(dtype=float)
        n = len(group)
        answered = int(group["answered"].sum()) if tuple(key) in replying else pd.NA
        rows.append(
            (
                *key,
                n,
                answered,
                answered / n if n and answered is not pd.NA else np.nan,
                float(np.median(times)) if len(times) else np.nan,
                float(np.quantile(times, 0.9)) if len(times) else np.nan,
            )
        )
    columns = ACCOUNT + [
        "customer_comments",
        "answered",
        "answered_share",
        "median_hours_to_answer",
        "p90_hours_to_answer",
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(
        {
            "platform": "string",
            "account": "string",
            "customer_comments": "Int64",
            "answered": "Int64",
            "answered_share": "Float64",
            "median_hours_to_answer": "Float64",
            "p90_hours_to_answer": "Float64",
        }
    )
