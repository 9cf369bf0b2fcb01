"""The figures of ``smanalytics metrics``: a readable table and stable JSON.

JSON (``summary_json``)::

    {"accounts": [{"platform": "x", "account": "cafe", "start": "2026-01-01",
                   "end": "2026-01-31", "days": 31, "posts": 12, "paid_posts": 2,
                   "followers": 1100, "conversation_rate": 0.0042, ...,
                   "posts_per_week": 2.71, "longest_gap_days": 6,
                   "last_post": "2026-01-30", "days_since_last_post": 1,
                   "organic": {"posts": 10, "conversation_rate": 0.0039, ...}}],
     "problems": [{"file": "...", "line": 7, "column": "likes", "reason": "..."}]}

Rates are plain fractions (0.0042, not 4.2 per 1,000 or 0.42 %), dates are ISO
``YYYY-MM-DD``, and anything unknown is ``null``. The object serialises with
``json.dumps(..., allow_nan=False)``.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.dataset import Dataset
from smanalytics.metrics._common import to_float
from smanalytics.metrics.summary import RATE_NAMES, account_summary

__all__ = ["summary_json", "summary_table"]

_DATES = ("start", "end", "last_post")


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _date(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def summary_json(dataset: Dataset) -> dict:
    """The engagement-quality figures of every account, JSON-ready.

    Parameters
    ----------
    dataset
        What :func:`smanalytics.load` returned.

    Returns
    -------
    dict
        ``{"accounts": [...], "problems": [...]}``: one object per account
        with the columns of :func:`~smanalytics.metrics.summary.account_summary`
        (rates as plain fractions: conversation_rate = comments / followers,
        engagement_rate_reach = engagements / reach, ...; see there for each
        denominator), ``followers_basis`` (``exported``, ``reconstructed``,
        ``total``, ``none``: see ``Dataset.follower_basis``; null for tables
        not read by :func:`smanalytics.load`), ``conversation_basis`` and
        ``headline_conversation_rate`` (the conversation rate over the best
        denominator known: followers, else reach, else impressions), and
        ``organic``, the same rates over posts not marked paid; ``problems``
        lists the rows that could not be read.

    Examples
    --------
    >>> import json
    >>> ds = Dataset.from_tables(posts=pd.DataFrame({"platform": ["x"], "account": ["cafe"],
    ...     "post_id": ["1"], "published_at": ["2026-01-01T09:00Z"], "followers": [500],
    ...     "comments": [3], "likes": [12]}))
    >>> out = summary_json(ds)
    >>> a = out["accounts"][0]
    >>> a["start"], a["posts"], a["conversation_rate"], a["amplification_rate"]
    ('2026-01-01', 1, 0.006, None)
    >>> a["organic"]["applause_rate"]  # 12 / 500
    0.024
    >>> json.dumps(out, allow_nan=False)[:14]
    '{"accounts": ['
    """
    summary = account_summary(dataset.posts, dataset.daily)
    basis = {
        (str(b.platform), str(b.account)): str(b.followers_basis)
        for b in dataset.follower_basis.itertuples(index=False)
    }
    accounts = []
    for row in summary.to_dict("records"):
        item: dict = {"platform": str(row["platform"]), "account": str(row["account"])}
        for name in ("start", "end"):
            item[name] = _date(row[name])
        for name in ("days", "posts", "paid_posts", "followers"):
            item[name] = _int(row[name])
        item["followers_basis"] = basis.get((item["platform"], item["account"]))
        for name in RATE_NAMES:
            item[name] = to_float(row[name])
        basis_name = row["conversation_basis"]
        item["conversation_basis"] = None if pd.isna(basis_name) else str(basis_name)
        item["headline_conversation_rate"] = to_float(row["headline_conversation_rate"])
        item["posts_per_week"] = to_float(row["posts_per_week"])
        item["longest_gap_days"] = _int(row["longest_gap_days"])
        item["last_post"] = _date(row["last_post"])
        item["days_since_last_post"] = _int(row["days_since_last_post"])
        item["organic"] = {"posts": _int(row["organic_posts"])} | {
            name: to_float(row[f"organic_{name}"]) for name in RATE_NAMES
        }
        accounts.append(item)
    problems = [
        {
            "file": None if pd.isna(p["file"]) else str(p["file"]),
            "line": _int(p["line"]),
            "column": None if pd.isna(p["column"]) else str(p["column"]),
            "reason": None if pd.isna(p["reason"]) else str(p["reason"]),
        }
        for p in dataset.problems.to_dict("records")
    ]
    return {"accounts": accounts, "problems": problems}


def _per_1k(value) -> str:
    return "-" if pd.isna(value) else f"{float(value) * 1000:.2f}"


def _percent(value) -> str:
    return "-" if pd.isna(value) else f"{float(value) * 100:.1f}%"


def _number(value, digits: int = 0) -> str:
    return "-" if pd.isna(value) else f"{float(value):,.{digits}f}"


def summary_table(dataset: Dataset) -> pd.DataFrame:
    """A readable table of each account's figures, for people (values are text).

    Follower rates are shown per 1,000 followers (conversation = comments per
    1,000 followers per post, likewise amplification = shares, applause =
    likes), engagement by reach and by impressions and the conversation share
    (comments / (likes + comments + shares)) as percentages, unknown as ``-``.
    For the numbers themselves use
    :func:`~smanalytics.metrics.summary.account_summary` or
    :func:`summary_json`.

    Examples
    --------
    >>> ds = Dataset.from_tables(posts=pd.DataFrame({"platform": ["x"], "account": ["cafe"],
    ...     "post_id": ["1"], "published_at": ["2026-01-01T09:00Z"], "followers": [500],
    ...     "comments": [3], "likes": [12], "reach": [240]}))
    >>> summary_table(ds)[["account", "conversation /1k followers", "engagement % of reach"]]
      account conversation /1k followers engagement % of reach
    0    cafe                       6.00                  6.2%
    """
    s = account_summary(dataset.posts, dataset.daily)
    table = pd.DataFrame(
        {
            "platform": s["platform"].astype(str),
            "account": s["account"].astype(str),
            "period": [f"{_date(a)}..{_date(b)}" for a, b in zip(s["start"], s["end"], strict=True)],
            "posts": s["posts"].map(_number),
            "paid": s["paid_posts"].map(_number),
            "followers": s["followers"].map(_number),
            "conversation /1k followers": s["conversation_rate"].map(_per_1k),
            "organic conversation /1k": s["organic_conversation_rate"].map(_per_1k),
            "conversation /1k reached": s["conversation_rate_reach"].map(_per_1k),
            "amplification /1k": s["amplification_rate"].map(_per_1k),
            "applause /1k": s["applause_rate"].map(_per_1k),
            "engagement % of reach": s["engagement_rate_reach"].map(_percent),
            "engagement % of impressions": s["engagement_rate_impressions"].map(_percent),
            "conversation share": s["conversation_share"].map(_percent),
            "posts/week": s["posts_per_week"].map(lambda v: _number(v, 1)),
            "longest gap (days)": s["longest_gap_days"].map(_number),
        }
    )
    return table
