"""The growth and consistency stories: bought followers, a viral post, an abandoned channel.

* The Corner Café bought a package of 2,000 X followers: follows jump with no
  matching impressions or profile visits, and 30 % leave again;
* Seaside B&B's reel went viral: reach, views, profile visits and follows rise
  together, linked to one post;
* Coach Maya stopped posting on TikTok in June 2026 and never came back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics.samples._common import (
    AUTUMN,
    END,
    MONTHS_12,
    MONTHS_18,
    MONTHS_24,
    NEW_YEAR,
    SUMMER,
    WEEKEND,
    WORK_WEEK,
    account_entry,
    effort_csv,
    followers_csv,
    season,
    spec,
)
from smanalytics.samples._platforms import (
    export_facebook,
    export_instagram,
    export_meta_daily,
    export_tiktok,
    export_x,
)
from smanalytics.samples._sim import Bought, Viral, simulate

__all__ = ["cafe", "bnb", "fitness"]


def cafe(folder: Path, rng: np.random.Generator) -> dict:
    bought = Bought(start=pd.Timestamp("2026-03-14"), parts=(1200, 800), lost_share=0.3, lost_days=42)
    x = simulate(
        spec(
            "x",
            "cornercafe",
            MONTHS_24,
            followers=860,
            posts_per_week=4,
            reach_rate=0.22,
            like_rate=0.03,
            comment_rate=0.00016,
            share_rate=0.004,
            follow_rate=0.0035,
            churn=0.0002,
            background=0.4,
            weekday=WEEKEND,
            post_weekday=(1, 1, 1, 1, 1.3, 1.6, 1.4),
            bought=bought,
            season=season(AUTUMN),
        ),
        rng,
    )
    ig = simulate(
        spec(
            "instagram",
            "cornercafe",
            MONTHS_24,
            followers=900,
            posts_per_week=3.5,
            reach_rate=0.3,
            like_rate=0.07,
            comment_rate=0.0035,
            share_rate=0.004,
            follow_rate=0.003,
            weekday=WEEKEND,
            post_weekday=(0.7, 0.7, 0.8, 0.9, 1.2, 1.8, 1.6),
            season=season(AUTUMN),
            post_kinds=("photo", "carousel", "reel"),
        ),
        rng,
    )
    event_days = tuple(pd.date_range(bought.start, periods=len(bought.parts)))
    x_posts = export_x(x, folder, rng, business="cafe", promo_share=0.1, keep=event_days)
    ig_posts = export_instagram(
        ig,
        folder,
        rng,
        business="cafe",
        name="The Corner Café",
        promo_share=0.1,
        overlap_days=14,
        order="follows-last",
    )
    export_meta_daily(folder, "cornercafe", instagram=ig)
    followers_csv(folder, [x, ig], rng, keep=event_days)
    effort_csv(folder, [("x", 1.0, MONTHS_24, END), ("instagram", 2.0, MONTHS_24, END)], rng)
    daily = x.daily.set_index("date")
    lost_end = event_days[-1] + pd.Timedelta(days=bought.lost_days)
    event = {
        "kind": "bought_followers",
        "platform": "x",
        "account": "cornercafe",
        "start": event_days[0].date().isoformat(),
        "end": event_days[-1].date().isoformat(),
        "size": bought.size,
        "parts": list(bought.parts),
        "observed_follows": int(daily.loc[list(event_days), "follows"].sum()),
        "lost": bought.lost,
        "lost_until": lost_end.date().isoformat(),
        "followers_before": int(daily.loc[event_days[0] - pd.Timedelta(days=1), "followers"]),
        "engagement_per_1000_followers_before": _engagement(daily, event_days[0] - pd.Timedelta(days=56), 56),
        "engagement_per_1000_followers_after": _engagement(daily, event_days[-1] + pd.Timedelta(days=1), 56),
    }
    return {"accounts": [account_entry(x, x_posts), account_entry(ig, ig_posts)], "events": [event]}


def _engagement(daily: pd.DataFrame, first: pd.Timestamp, days: int) -> float:
    """Likes, replies and reposts per 1,000 followers per day over ``days`` days from ``first``."""
    window = daily.loc[first : first + pd.Timedelta(days=days - 1)]
    acts = window[["likes", "comments", "shares"]].sum(axis=1)
    return round(float((acts / window["followers"]).mean() * 1000), 2)


def bnb(folder: Path, rng: np.random.Generator) -> dict:
    viral = Viral(day=pd.Timestamp("2026-07-18"), multiplier=55.0, follow_rate=0.008, visit_rate=0.03)
    ig = simulate(
        spec(
            "instagram",
            "seasidebnb",
            MONTHS_18,
            followers=760,
            posts_per_week=3,
            reach_rate=0.3,
            like_rate=0.07,
            comment_rate=0.003,
            share_rate=0.005,
            follow_rate=0.003,
            weekday=WEEKEND,
            season=season(SUMMER),
            viral=viral,
            post_kinds=("photo", "reel", "carousel"),
        ),
        rng,
    )
    fb = simulate(
        spec(
            "facebook",
            "Seaside B&B",
            MONTHS_18,
            followers=590,
            posts_per_week=1.5,
            reach_rate=0.25,
            like_rate=0.06,
            comment_rate=0.0024,
            share_rate=0.006,
            follow_rate=0.002,
            weekday=WEEKEND,
            season=season(SUMMER),
        ),
        rng,
    )
    ig.posts.loc[ig.viral_post, "post_type"] = "reel"
    ig_posts = export_instagram(ig, folder, rng, business="bnb", name="Seaside B&B")
    fb_posts = export_facebook(fb, folder, rng, business="bnb", handle="seasidebnb")
    export_meta_daily(folder, "seasidebnb", instagram=ig, reach=("instagram",), views=True)
    followers_csv(folder, [ig, fb], rng, keep=tuple(pd.date_range(viral.day, periods=3)))
    effort_csv(folder, [("instagram", 2.0, MONTHS_18, END), ("facebook", 0.5, MONTHS_18, END)], rng)
    post = ig_posts.loc[ig.viral_post]
    days = pd.date_range(viral.day, periods=3)
    daily = ig.daily.set_index("date")
    event = {
        "kind": "viral_post",
        "platform": "instagram",
        "account": "seasidebnb",
        "start": days[0].date().isoformat(),
        "end": days[-1].date().isoformat(),
        "size": int(post["follows"]),
        "post_id": post["post_id"],
        "post_reach": int(post["reach"]),
        "post_views": int(post["impressions"]),
        "post_profile_visits": int(post["profile_visits"]),
        "observed_follows": int(daily.loc[days, "follows"].sum()),
        "observed_reach": int(daily.loc[days, "reach"].sum()),
    }
    return {"accounts": [account_entry(ig, ig_posts), account_entry(fb, fb_posts)], "events": [event]}


def fitness(folder: Path, rng: np.random.Generator) -> dict:
    last_post = pd.Timestamp("2026-06-14")
    ig = simulate(
        spec(
            "instagram",
            "coachmayafit",
            MONTHS_18,
            followers=11000,
            posts_per_week=5,
            reach_rate=0.25,
            like_rate=0.06,
            comment_rate=0.006,
            share_rate=0.006,
            follow_rate=0.002,
            weekday=WORK_WEEK,
            season=season(NEW_YEAR),
            post_kinds=("reel", "photo", "carousel"),
        ),
        rng,
    )
    tt = simulate(
        spec(
            "tiktok",
            "coachmayafit",
            MONTHS_12,
            followers=850,
            posts_per_week=3,
            reach_rate=0.9,
            like_rate=0.05,
            comment_rate=0.0007,
            share_rate=0.004,
            visit_rate=0.01,
            follow_rate=0.003,
            churn=0.0006,
            weekday=WORK_WEEK,
            season=season(NEW_YEAR),
            post_kinds=("video",),
            last_post=last_post,
            background=0.02,
        ),
        rng,
    )
    x = simulate(
        spec(
            "x",
            "coachmayafit",
            MONTHS_18,
            followers=520,
            posts_per_week=2,
            reach_rate=0.25,
            like_rate=0.025,
            comment_rate=0.00012,
            share_rate=0.004,
            follow_rate=0.003,
            background=0.3,
            weekday=WORK_WEEK,
            season=season(NEW_YEAR),
        ),
        rng,
    )
    ig_posts = export_instagram(ig, folder, rng, business="fitness", name="Coach Maya", order="follows-last")
    export_meta_daily(folder, "coachmayafit", instagram=ig)
    tt_posts = export_tiktok(tt, folder, rng, business="fitness")
    x_posts = export_x(x, folder, rng, business="fitness", content_months=6)
    followers_csv(folder, [ig, x], rng)
    effort_csv(
        folder,
        [
            ("instagram", 3.0, MONTHS_18, END),
            ("tiktok", 2.0, MONTHS_12, last_post),
            ("x", 0.5, MONTHS_18, END),
        ],
        rng,
    )
    last = tt_posts["published_at"].max().normalize()
    event = {
        "kind": "abandoned_channel",
        "platform": "tiktok",
        "account": "coachmayafit",
        "start": (last + pd.Timedelta(days=1)).date().isoformat(),
        "end": END.date().isoformat(),
        "size": int((END - last).days),
        "last_post": last.date().isoformat(),
    }
    accounts = [account_entry(ig, ig_posts), account_entry(tt, tt_posts), account_entry(x, x_posts)]
    return {"accounts": accounts, "events": [event]}
