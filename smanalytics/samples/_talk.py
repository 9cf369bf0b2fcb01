"""The conversation stories: who talks with their customers, and who only sells.

* Lucy's Lemonade is tiny (a few hundred followers) but every post starts a
  conversation;
* Shear Delight Salon answers every customer comment within hours (the only
  client with a ``comments.csv``, since no platform exports comments);
* Knot & Needle posts mostly prices, sales, codes and shop links, and hardly
  anyone comments.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics.samples import _layouts as layouts
from smanalytics.samples._common import (
    AUTUMN,
    END,
    MONTHS_12,
    MONTHS_18,
    MONTHS_24,
    SALON_WEEK,
    SUMMER,
    WEEKEND,
    WORK_WEEK,
    account_entry,
    effort_csv,
    followers_csv,
    hash12,
    season,
    spec,
)
from smanalytics.samples._platforms import (
    export_facebook,
    export_instagram,
    export_meta_daily,
)
from smanalytics.samples._sim import Simulated, simulate
from smanalytics.samples._texts import is_promotional

__all__ = ["lemonade", "salon", "craft"]


def lemonade(folder: Path, rng: np.random.Generator) -> dict:
    summer = season(SUMMER)
    ig = simulate(
        spec(
            "instagram",
            "lucyslemonade",
            MONTHS_12,
            followers=180,
            posts_per_week=3,
            reach_rate=0.55,
            like_rate=0.09,
            comment_rate=0.0062,
            share_rate=0.01,
            follow_rate=0.006,
            churn=0.0003,
            weekday=WEEKEND,
            post_weekday=(0.5, 0.5, 0.5, 0.7, 1, 2, 2),
            season=summer,
            post_kinds=("photo", "reel"),
        ),
        rng,
    )
    fb = simulate(
        spec(
            "facebook",
            "Lucy's Lemonade",
            MONTHS_12,
            followers=110,
            posts_per_week=1.5,
            reach_rate=0.45,
            like_rate=0.12,
            comment_rate=0.0079,
            share_rate=0.01,
            follow_rate=0.009,
            churn=0.0003,
            weekday=WEEKEND,
            season=summer,
        ),
        rng,
    )
    ig_posts = export_instagram(ig, folder, rng, business="lemonade", name="Lucy's Lemonade")
    fb_posts = export_facebook(fb, folder, rng, business="lemonade", handle="lucyslemonade")
    export_meta_daily(folder, "lucyslemonade", instagram=ig)
    followers_csv(folder, [ig, fb], rng)
    effort_csv(folder, [("instagram", 1.5, MONTHS_12, END), ("facebook", 0.5, MONTHS_12, END)], rng)
    events = []
    for sim, posts in ((ig, ig_posts), (fb, fb_posts)):
        events.append(
            {
                "kind": "small_high_conversation",
                "platform": sim.spec.platform,
                "account": sim.spec.account,
                "start": sim.spec.start.date().isoformat(),
                "end": END.date().isoformat(),
                "size": int(sim.daily["followers"].max()),
                "comments": int(posts["comments"].sum()),
                "posts": len(posts),
                "comments_per_post_per_1000_followers": _conversation(posts, sim),
            }
        )
    return {"accounts": [account_entry(ig, ig_posts), account_entry(fb, fb_posts)], "events": events}


def _conversation(posts: pd.DataFrame, sim: Simulated) -> float:
    """Kaushik's conversation rate for the account: sum(comments) / sum(followers when posted) x 1000."""
    followers = sim.daily.set_index("date")["followers"]
    at_post = followers.reindex(posts["published_at"].dt.normalize()).to_numpy()
    return round(float(posts["comments"].sum() / at_post.sum() * 1000), 2)


def salon(folder: Path, rng: np.random.Generator) -> dict:
    ig = simulate(
        spec(
            "instagram",
            "sheardelight",
            MONTHS_18,
            followers=1400,
            posts_per_week=4,
            reach_rate=0.28,
            like_rate=0.08,
            comment_rate=0.0024,
            share_rate=0.004,
            follow_rate=0.003,
            weekday=SALON_WEEK,
            post_weekday=SALON_WEEK,
            season=season(AUTUMN),
            post_kinds=("photo", "carousel", "reel"),
        ),
        rng,
    )
    fb = simulate(
        spec(
            "facebook",
            "Shear Delight Salon",
            MONTHS_18,
            followers=2900,
            posts_per_week=2,
            reach_rate=0.2,
            like_rate=0.06,
            comment_rate=0.00135,
            share_rate=0.005,
            follow_rate=0.003,
            weekday=SALON_WEEK,
            post_weekday=SALON_WEEK,
            post_kinds=("photo", "video"),
        ),
        rng,
    )
    for sim in (ig, fb):  # every customer comment gets one reply from the salon
        sim.posts["comments"] = sim.posts["comments"] * 2
    ig_posts = export_instagram(ig, folder, rng, business="salon", name="Shear Delight Salon")
    fb_posts = export_facebook(fb, folder, rng, business="salon", handle="sheardelight")
    export_meta_daily(folder, "sheardelight", instagram=ig)
    followers_csv(folder, [ig, fb], rng)
    effort_csv(folder, [("instagram", 2.5, MONTHS_18, END), ("facebook", 1.0, MONTHS_18, END)], rng)
    comments, events = [], []
    for sim, posts in ((ig, ig_posts), (fb, fb_posts)):
        table = _answered_comments(sim, posts, rng)
        comments.append(table)
        delay = table["_delay"].dropna()
        events.append(
            {
                "kind": "answers_every_comment",
                "platform": sim.spec.platform,
                "account": sim.spec.account,
                "start": sim.spec.start.date().isoformat(),
                "end": END.date().isoformat(),
                "size": int((~table["from_account"]).sum()),
                "answered": int(table["from_account"].sum()),
                "median_reply_hours": round(float(delay.median()), 2),
                "max_reply_hours": round(float(delay.max()), 2),
            }
        )
    table = pd.concat(comments, ignore_index=True).drop(columns="_delay")
    layouts.write_plain_csv(
        folder / "comments.csv",
        table.assign(from_account=table["from_account"].map({True: "true", False: "false"})),
    )
    return {"accounts": [account_entry(ig, ig_posts), account_entry(fb, fb_posts)], "events": events}


_FIRST = (
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hugo",
    "Isla",
    "Jay",
    "Kemi",
    "Leo",
    "Maya",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sol",
    "Tara",
    "Uma",
    "Vik",
    "Wren",
    "Yara",
    "Zoe",
)


def _answered_comments(sim: Simulated, posts: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    own = hash12(sim.spec.account)
    for post in posts.sort_values("published_at", kind="stable").itertuples(index=False):
        for _ in range(int(post.comments) // 2):
            name = f"{_FIRST[int(rng.integers(0, len(_FIRST)))]} {chr(65 + int(rng.integers(0, 26)))}."
            asked = post.published_at + pd.Timedelta(minutes=int(rng.exponential(8 * 60)) + 1)
            delay = int(rng.integers(15, 6 * 60))
            cid, rid = (
                "17" + str(int(rng.integers(10**15, 10**16))),
                "17" + str(int(rng.integers(10**15, 10**16))),
            )
            rows.append(
                (
                    sim.spec.platform,
                    sim.spec.account,
                    post.post_id,
                    cid,
                    _stamp(asked),
                    hash12(name),
                    False,
                    "",
                    None,
                )
            )
            rows.append(
                (
                    sim.spec.platform,
                    sim.spec.account,
                    post.post_id,
                    rid,
                    _stamp(asked + pd.Timedelta(minutes=delay)),
                    own,
                    True,
                    cid,
                    delay / 60,
                )
            )
    columns = [
        "platform",
        "account",
        "post_id",
        "comment_id",
        "created_at",
        "author",
        "from_account",
        "reply_to",
        "_delay",
    ]
    return pd.DataFrame(rows, columns=columns)


def _stamp(t: pd.Timestamp) -> str:
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:00Z"


def craft(folder: Path, rng: np.random.Generator) -> dict:
    kw = dict(weekday=WORK_WEEK, season=season(AUTUMN), click_rate=0.03)
    fb = simulate(
        spec(
            "facebook",
            "Knot & Needle",
            MONTHS_24,
            followers=300,
            posts_per_week=6,
            reach_rate=0.08,
            like_rate=0.02,
            comment_rate=0.0021,
            share_rate=0.001,
            follow_rate=0.002,
            post_kinds=("photo", "video"),
            **kw,
        ),
        rng,
    )
    ig = simulate(
        spec(
            "instagram",
            "knotandneedle",
            MONTHS_24,
            followers=2000,
            posts_per_week=7,
            reach_rate=0.12,
            like_rate=0.03,
            comment_rate=0.0012,
            share_rate=0.001,
            follow_rate=0.0018,
            post_kinds=("photo", "carousel"),
            **kw,
        ),
        rng,
    )
    fb_posts = export_facebook(
        fb, folder, rng, business="craft", handle="knotandneedle", promo_share=0.85, content_months=4
    )
    ig_posts = export_instagram(
        ig, folder, rng, business="craft", name="Knot & Needle Craft Shop", promo_share=0.85, content_months=4
    )
    export_meta_daily(folder, "knotandneedle", instagram=ig)
    followers_csv(folder, [fb, ig], rng)
    effort_csv(folder, [("facebook", 2.0, MONTHS_24, END), ("instagram", 3.0, MONTHS_24, END)], rng)
    events = []
    for sim, posts in ((fb, fb_posts), (ig, ig_posts)):
        promo = posts["text"].map(is_promotional)
        events.append(
            {
                "kind": "self_promotion",
                "platform": sim.spec.platform,
                "account": sim.spec.account,
                "start": sim.spec.start.date().isoformat(),
                "end": END.date().isoformat(),
                "size": round(float(promo.mean()), 3),
                "promotional_posts": int(promo.sum()),
                "posts": len(posts),
                "comments_per_post": round(float(posts["comments"].mean()), 2),
            }
        )
    return {"accounts": [account_entry(fb, fb_posts), account_entry(ig, ig_posts)], "events": events}
