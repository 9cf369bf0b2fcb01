"""Small hand-made client exports (canonical CSV) for the report tests.

``write_client`` writes one client's ``posts.csv`` and ``daily.csv``; the
figures the tests expect are worked out from the rows below.
"""

from __future__ import annotations

import csv
from pathlib import Path

POSTS_HEADER = [
    "platform",
    "account",
    "post_id",
    "published_at",
    "post_type",
    "text",
    "paid",
    "followers",
    "likes",
    "comments",
    "shares",
]

#: Instagram "cafe": organic conversation = (4 + 2 + 2) / (200 + 200 + 400) = 0.010 (10.0 per 1,000);
#: boosted post 3: 6 / 400 = 0.015 (15.0 per 1,000); organic shares (2 + 0 + 1) / 800 = 3.75 per 1,000;
#: organic likes (20 + 30 + 10) / 800 = 75.0 per 1,000.
CAFE_POSTS = [
    [
        "instagram",
        "cafe",
        "1",
        "2026-01-05T10:00:00Z",
        "image",
        "Fresh lemonade today!",
        "false",
        200,
        20,
        4,
        2,
    ],
    [
        "instagram",
        "cafe",
        "2",
        "2026-01-12T10:00:00Z",
        "image",
        "<script>alert('x')</script> hi",
        "false",
        200,
        30,
        2,
        0,
    ],
    [
        "instagram",
        "cafe",
        "3",
        "2026-01-19T10:00:00Z",
        "reel",
        '<img src=x onerror="alert(1)"> sale',
        "true",
        400,
        40,
        6,
        4,
    ],
    ["instagram", "cafe", "4", "2026-02-02T10:00:00Z", "reel", "Come by, we're open", "false", 400, 10, 2, 1],
]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def daily_rows(platform: str, account: str, start: str, days: int, followers: int, step: int) -> list[list]:
    """One row a day: followers = ``followers + step * day``."""
    import pandas as pd

    dates = pd.date_range(start, periods=days, freq="D")
    return [[platform, account, f"{d:%Y-%m-%d}", followers + step * i] for i, d in enumerate(dates)]


def write_client(folder: Path, *, posts=CAFE_POSTS, daily: list[list] | None = None) -> Path:
    """Write ``posts.csv`` and ``daily.csv`` into ``folder``.

    The default daily rows run Jan 1 to Feb 4 2026 with 200 followers + 5 a day.
    """
    if posts:
        write_csv(folder / "posts.csv", POSTS_HEADER, posts)
    if daily is None:
        daily = daily_rows("instagram", "cafe", "2026-01-01", 35, 200, 5)
    if daily:
        write_csv(folder / "daily.csv", ["platform", "account", "date", "followers"], daily)
    return folder
