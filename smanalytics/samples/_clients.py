"""The six sample businesses, their accounts and the stories hidden in their data.

Each ``_build_*`` function simulates one business's accounts, writes its
exports into ``folder`` and returns its entry of the truth file: the accounts
(platform, account, period, followers at start and end, posts) and the
``events`` a reader of the data should be able to find.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics.samples import _layouts as layouts
from smanalytics.samples._platforms import (
    export_facebook,
    export_instagram,
    export_meta_daily,
    export_tiktok,
    export_x,
)
from smanalytics.samples._sim import AccountSpec, Bought, Simulated, Viral, simulate
from smanalytics.samples._texts import is_promotional

__all__ = ["END", "CLIENTS", "Client"]

#: Every sample history ends on this day (the day the owners downloaded their exports).
END = pd.Timestamp("2026-10-31")
MONTHS_12 = pd.Timestamp("2025-11-01")
MONTHS_18 = pd.Timestamp("2025-05-01")
MONTHS_24 = pd.Timestamp("2024-11-01")

WEEKEND = (0.85, 0.8, 0.85, 0.9, 1.1, 1.6, 1.5)
SALON_WEEK = (0.6, 1.0, 1.0, 1.1, 1.2, 1.3, 0.7)
WORK_WEEK = (1.2, 1.1, 1.1, 1.0, 0.9, 0.8, 0.9)
SUMMER = {1: 0.5, 2: 0.5, 3: 0.7, 4: 0.9, 5: 1.1, 6: 1.5, 7: 1.8, 8: 1.8, 9: 1.1, 10: 0.8, 11: 0.5, 12: 0.6}
AUTUMN = {1: 1.1, 2: 0.9, 3: 0.9, 4: 0.9, 5: 0.9, 6: 0.8, 7: 0.8, 8: 0.8, 9: 1.0, 10: 1.2, 11: 1.4, 12: 1.5}
NEW_YEAR = {1: 1.5, 2: 1.2, 3: 1.1, 4: 1.0, 5: 1.0, 6: 1.0, 7: 0.8, 8: 0.8, 9: 1.1, 10: 1.0, 11: 0.9, 12: 0.8}


class Client:
    """One sample business: id, display name, hours per week and its builder."""

    def __init__(self, id: str, name: str, hours_per_week: float, what: str, build: Callable):
        self.id, self.name, self.hours_per_week, self.what, self.build = id, name, hours_per_week, what, build


def _season(table: dict[int, float]) -> Callable[[int], float]:
    return table.__getitem__


def _hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def _account_entry(sim: Simulated, posts: pd.DataFrame) -> dict:
    d = sim.daily
    return {
        "platform": sim.spec.platform,
        "account": sim.spec.account,
        "start": sim.spec.start.date().isoformat(),
        "end": sim.spec.end.date().isoformat(),
        "followers_start": int(d["followers"].iloc[0]),
        "followers_end": int(d["followers"].iloc[-1]),
        "posts": len(posts),
    }


def _followers_csv(
    folder: Path, sims: list[Simulated], rng: np.random.Generator, *, keep: tuple = ()
) -> None:
    """The owner's follower log (canonical daily CSV) for accounts whose exports give no totals."""
    frames = []
    for sim in sims:
        d = sim.daily[["date", "followers"]].copy()
        gone = rng.choice(d.index[~d["date"].isin(list(keep))], size=len(d) // 60, replace=False)
        d = d.drop(index=sorted(gone))
        frames.append(
            pd.DataFrame(
                {
                    "platform": sim.spec.platform,
                    "account": sim.spec.account,
                    "date": [x.date().isoformat() for x in d["date"]],
                    "followers": d["followers"].astype(int),
                }
            )
        )
    layouts.write_plain_csv(folder / "followers.csv", pd.concat(frames, ignore_index=True))


def _effort_csv(folder: Path, plan: list[tuple[str, float, pd.Timestamp, pd.Timestamp]], rng) -> None:
    """The owner's time log (canonical effort CSV): hours per platform per week (Mondays)."""
    rows = []
    for platform, hours, start, end in plan:
        for monday in pd.date_range(start, end, freq="W-MON"):
            h = round(hours * float(np.exp(rng.normal(0.0, 0.25))) * 4) / 4
            rows.append((monday.date().isoformat(), platform, f"{max(h, 0.25):.2f}"))
    rows.sort()
    layouts.write_plain_csv(folder / "effort.csv", pd.DataFrame(rows, columns=["date", "platform", "hours"]))


def _spec(platform: str, account: str, start: pd.Timestamp, **kw) -> AccountSpec:
    return AccountSpec(platform=platform, account=account, start=start, end=END, **kw)


def _lemonade(folder: Path, rng: np.random.Generator) -> dict:
    season = _season(SUMMER)
    ig = simulate(
        _spec(
            "instagram",
            "lucyslemonade",
            MONTHS_12,
            followers=180,
            posts_per_week=3,
            reach_rate=0.55,
            like_rate=0.16,
            comment_rate=0.05,
            share_rate=0.01,
            follow_rate=0.006,
            churn=0.0003,
            weekday=WEEKEND,
            post_weekday=(0.5, 0.5, 0.5, 0.7, 1, 2, 2),
            season=season,
            post_kinds=("photo", "reel"),
        ),
        rng,
    )
    fb = simulate(
        _spec(
            "facebook",
            "lucyslemonade",
            MONTHS_12,
            followers=110,
            posts_per_week=1.5,
            reach_rate=0.45,
            like_rate=0.12,
            comment_rate=0.05,
            share_rate=0.01,
            follow_rate=0.009,
            churn=0.0003,
            weekday=WEEKEND,
            season=season,
        ),
        rng,
    )
    ig_posts = export_instagram(ig, folder, rng, business="lemonade", name="Lucy's Lemonade")
    fb_posts = export_facebook(fb, folder, rng, business="lemonade", page_name="Lucy's Lemonade")
    export_meta_daily(folder, "lucyslemonade", facebook=fb, instagram=ig, reach=("facebook",))
    _followers_csv(folder, [ig, fb], rng)
    _effort_csv(folder, [("instagram", 1.5, MONTHS_12, END), ("facebook", 0.5, MONTHS_12, END)], rng)
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
    return {"accounts": [_account_entry(ig, ig_posts), _account_entry(fb, fb_posts)], "events": events}


def _conversation(posts: pd.DataFrame, sim: Simulated) -> float:
    """Kaushik's conversation rate for the account: sum(comments) / sum(followers when posted) x 1000."""
    followers = sim.daily.set_index("date")["followers"]
    at_post = followers.reindex(posts["published_at"].dt.normalize()).to_numpy()
    return round(float(posts["comments"].sum() / at_post.sum() * 1000), 2)


def _cafe(folder: Path, rng: np.random.Generator) -> dict:
    bought = Bought(start=pd.Timestamp("2026-03-14"), parts=(1200, 800), lost_share=0.3, lost_days=42)
    x = simulate(
        _spec(
            "x",
            "cornercafe",
            MONTHS_24,
            followers=860,
            posts_per_week=4,
            reach_rate=0.22,
            like_rate=0.03,
            comment_rate=0.006,
            share_rate=0.004,
            follow_rate=0.004,
            churn=0.0005,
            weekday=WEEKEND,
            post_weekday=(1, 1, 1, 1, 1.3, 1.6, 1.4),
            bought=bought,
            season=_season(AUTUMN),
        ),
        rng,
    )
    ig = simulate(
        _spec(
            "instagram",
            "cornercafe",
            MONTHS_24,
            followers=900,
            posts_per_week=3.5,
            reach_rate=0.3,
            like_rate=0.07,
            comment_rate=0.006,
            share_rate=0.004,
            follow_rate=0.003,
            weekday=WEEKEND,
            post_weekday=(0.7, 0.7, 0.8, 0.9, 1.2, 1.8, 1.6),
            season=_season(AUTUMN),
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
    _followers_csv(folder, [x, ig], rng, keep=event_days)
    _effort_csv(folder, [("x", 1.0, MONTHS_24, END), ("instagram", 2.0, MONTHS_24, END)], rng)
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
    }
    return {"accounts": [_account_entry(x, x_posts), _account_entry(ig, ig_posts)], "events": [event]}


def _salon(folder: Path, rng: np.random.Generator) -> dict:
    ig = simulate(
        _spec(
            "instagram",
            "sheardelight",
            MONTHS_18,
            followers=1400,
            posts_per_week=4,
            reach_rate=0.28,
            like_rate=0.08,
            comment_rate=0.006,
            share_rate=0.004,
            follow_rate=0.003,
            weekday=SALON_WEEK,
            post_weekday=SALON_WEEK,
            season=_season(AUTUMN),
            post_kinds=("photo", "carousel", "reel"),
        ),
        rng,
    )
    fb = simulate(
        _spec(
            "facebook",
            "sheardelight",
            MONTHS_18,
            followers=620,
            posts_per_week=2,
            reach_rate=0.2,
            like_rate=0.06,
            comment_rate=0.008,
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
    fb_posts = export_facebook(fb, folder, rng, business="salon", page_name="Shear Delight Salon")
    export_meta_daily(folder, "sheardelight", facebook=fb, instagram=ig)
    _followers_csv(folder, [ig, fb], rng)
    _effort_csv(folder, [("instagram", 2.5, MONTHS_18, END), ("facebook", 1.0, MONTHS_18, END)], rng)
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
    return {"accounts": [_account_entry(ig, ig_posts), _account_entry(fb, fb_posts)], "events": events}


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
    own = _hash(sim.spec.account)
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
                    _hash(name),
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


def _bnb(folder: Path, rng: np.random.Generator) -> dict:
    viral = Viral(day=pd.Timestamp("2026-07-18"), multiplier=55.0, follow_rate=0.012, visit_rate=0.03)
    ig = simulate(
        _spec(
            "instagram",
            "seasidebnb",
            MONTHS_18,
            followers=760,
            posts_per_week=3,
            reach_rate=0.3,
            like_rate=0.07,
            comment_rate=0.008,
            share_rate=0.005,
            follow_rate=0.003,
            weekday=WEEKEND,
            season=_season(SUMMER),
            viral=viral,
            post_kinds=("photo", "reel", "carousel"),
        ),
        rng,
    )
    fb = simulate(
        _spec(
            "facebook",
            "seasidebnb",
            MONTHS_18,
            followers=430,
            posts_per_week=1.5,
            reach_rate=0.25,
            like_rate=0.06,
            comment_rate=0.008,
            share_rate=0.006,
            follow_rate=0.002,
            weekday=WEEKEND,
            season=_season(SUMMER),
        ),
        rng,
    )
    ig.posts.loc[ig.viral_post, "post_type"] = "reel"
    ig_posts = export_instagram(ig, folder, rng, business="bnb", name="Seaside B&B")
    fb_posts = export_facebook(fb, folder, rng, business="bnb", page_name="Seaside B&B")
    export_meta_daily(
        folder, "seasidebnb", facebook=fb, instagram=ig, reach=("facebook", "instagram"), views=True
    )
    _followers_csv(folder, [ig, fb], rng, keep=tuple(pd.date_range(viral.day, periods=3)))
    _effort_csv(folder, [("instagram", 2.0, MONTHS_18, END), ("facebook", 0.5, MONTHS_18, END)], rng)
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
    return {"accounts": [_account_entry(ig, ig_posts), _account_entry(fb, fb_posts)], "events": [event]}


def _craft(folder: Path, rng: np.random.Generator) -> dict:
    kw = dict(weekday=WORK_WEEK, season=_season(AUTUMN), comment_rate=0.0008, click_rate=0.03)
    fb = simulate(
        _spec(
            "facebook",
            "knotandneedle",
            MONTHS_24,
            followers=2100,
            posts_per_week=6,
            reach_rate=0.08,
            like_rate=0.02,
            share_rate=0.001,
            follow_rate=0.002,
            post_kinds=("photo", "video"),
            **kw,
        ),
        rng,
    )
    ig = simulate(
        _spec(
            "instagram",
            "knotandneedle",
            MONTHS_24,
            followers=3200,
            posts_per_week=7,
            reach_rate=0.12,
            like_rate=0.03,
            share_rate=0.001,
            follow_rate=0.0018,
            post_kinds=("photo", "carousel"),
            **kw,
        ),
        rng,
    )
    fb_posts = export_facebook(
        fb, folder, rng, business="craft", page_name="Knot & Needle", promo_share=0.85, content_months=4
    )
    ig_posts = export_instagram(
        ig, folder, rng, business="craft", name="Knot & Needle Craft Shop", promo_share=0.85, content_months=4
    )
    export_meta_daily(folder, "knotandneedle", facebook=fb, instagram=ig)
    _followers_csv(folder, [fb, ig], rng)
    _effort_csv(folder, [("facebook", 2.0, MONTHS_24, END), ("instagram", 3.0, MONTHS_24, END)], rng)
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
    return {"accounts": [_account_entry(fb, fb_posts), _account_entry(ig, ig_posts)], "events": events}


def _fitness(folder: Path, rng: np.random.Generator) -> dict:
    last_post = pd.Timestamp("2026-06-14")
    ig = simulate(
        _spec(
            "instagram",
            "coachmayafit",
            MONTHS_18,
            followers=2400,
            posts_per_week=5,
            reach_rate=0.25,
            like_rate=0.06,
            comment_rate=0.01,
            share_rate=0.006,
            follow_rate=0.002,
            weekday=WORK_WEEK,
            season=_season(NEW_YEAR),
            post_kinds=("reel", "photo", "carousel"),
        ),
        rng,
    )
    tt = simulate(
        _spec(
            "tiktok",
            "coachmayafit",
            MONTHS_12,
            followers=850,
            posts_per_week=3,
            reach_rate=0.9,
            like_rate=0.05,
            comment_rate=0.004,
            share_rate=0.004,
            visit_rate=0.01,
            follow_rate=0.003,
            churn=0.0006,
            weekday=WORK_WEEK,
            season=_season(NEW_YEAR),
            post_kinds=("video",),
            last_post=last_post,
            background=0.02,
        ),
        rng,
    )
    x = simulate(
        _spec(
            "x",
            "coachmayafit",
            MONTHS_18,
            followers=520,
            posts_per_week=2,
            reach_rate=0.25,
            like_rate=0.025,
            comment_rate=0.005,
            share_rate=0.004,
            follow_rate=0.002,
            weekday=WORK_WEEK,
            season=_season(NEW_YEAR),
        ),
        rng,
    )
    ig_posts = export_instagram(ig, folder, rng, business="fitness", name="Coach Maya", order="follows-last")
    export_meta_daily(folder, "coachmayafit", instagram=ig)
    tt_posts = export_tiktok(tt, folder, rng, business="fitness")
    x_posts = export_x(x, folder, rng, business="fitness", content_months=6)
    _followers_csv(folder, [ig, x], rng)
    _effort_csv(
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
    accounts = [_account_entry(ig, ig_posts), _account_entry(tt, tt_posts), _account_entry(x, x_posts)]
    return {"accounts": accounts, "events": [event]}


CLIENTS: tuple[Client, ...] = (
    Client(
        "lucys-lemonade", "Lucy's Lemonade", 2, "a lemonade stall run by a 12-year-old and her dad", _lemonade
    ),
    Client("corner-cafe", "The Corner Café", 3, "a neighbourhood café, busiest at weekends", _cafe),
    Client("hair-salon", "Shear Delight Salon", 3.5, "a two-chair hair salon", _salon),
    Client("seaside-bnb", "Seaside B&B", 2.5, "a four-room bed & breakfast by the sea", _bnb),
    Client("craft-shop", "Knot & Needle Craft Shop", 5, "a yarn and craft-kit shop with a web shop", _craft),
    Client("fitness-coach", "Coach Maya Fitness", 5.5, "a personal trainer with online classes", _fitness),
)
