"""A second spike generator, built from how an audience finds an account.

Written apart from ``generate.py`` (and not from its code), so that a detector
tuned on one can be checked on the other. Where ``generate.py`` draws
exposure and turns it into follows at a steady rate, this one simulates the
path people take: posts reach people, some of them open the profile, some of
those follow; on top of that each platform exports a different subset of
the figures, with the gaps real exports have.

The organic account
-------------------
* Size: 200 to 300,000 followers (log-uniform).
* Posting: 1-12 posts a week with the account's own weekday habits (some
  never post at weekends). Each post reaches a share of the followers and
  some non-followers; its reach is log-Student-t (3 degrees of freedom), so
  the ordinary posts include the occasional hit, and it is seen over 1-4
  days (a decaying curve per account).
* Discovery: people who find the account without a new post (search,
  explore, the profile itself), on a weekday profile drawn per account (a
  café busy at weekends, a B2B shop quiet), a yearly season (peak month per
  account) and holidays: late November to Christmas, Easter, August.
* Day noise is heavy-tailed (log-Student-t, 3 degrees of freedom), on top
  of Poisson counts.
* People: impressions are reach times a frequency; a share of impressions
  opens the profile (profile visits); a share of visitors follows, plus a
  few follows straight from a post. Likes, comments and shares are shares of
  impressions with their own day noise. Churn removes a small share of
  followers every day.
* Platform outages (0-3 a year): 1-3 days on which every figure is 0;
  after half of them the next day holds the missed days' counts (a
  catch-up), after the rest they are simply lost (the total still rose).

Events (``kind`` in the truth)
------------------------------
``bought``    1-20% of followers (a few 0.5-1%) in 1-3 days, nobody seeing
              anything; 40% are round package sizes; half lose 20-80% of
              them later (slowly over weeks, or in one purge day). One in five
              lands within a day of a viral post (``over_viral`` in the truth).
``drip``      3-20% delivered over 1-4 weeks, a little every day.
``viral``     a post reaching 10-300x a usual one, mostly non-followers;
              visitors and follows rise with it at 0.3-1.5x the usual
              conversion.
``giveaway``  follow-to-enter: entrants follow, like and comment (0.3-3
              comments each, tagging friends), most open the profile; the
              contest runs 2-10 days, strongest on the first and last; the
              post's impressions rise only by a few per entrant; 20-60% of
              entrants unfollow in the weeks after the draw.
``shoutout``  another account sends its audience to the profile: visits jump,
              10-50% of visitors follow; own impressions rise a little.
``collab``    a post shared with a partner's audience: reach and impressions
              from elsewhere, follows at 0.2-1x the usual conversion.
``purge``     the platform removes 1-8% of followers in one day.

Exports (``exports`` in the meta)
---------------------------------
``meta``      follows, reach, impressions (views), engagements (all
              interactions), profile visits; no totals, no comments or likes
              per day (the Meta Business Suite per-metric files);
``x``         follows, unfollows, impressions, engagements (counting
              follows), likes, comments, shares, profile visits; no totals;
``tiktok``    follower totals and follows, video views, profile visits, likes,
              comments, shares; no impressions or reach;
``reach``     follower totals and follows, reach and engagements, no
              impressions;
``totals``    follower totals with impressions, reach and engagements, but
              no follows column;
``bare``      follows and follower totals, no exposure at all.

Then a quarter of the accounts lose profile visits, half have no posts
table, and every account loses 0-8% of its days at random plus, in one
account in four, a block of 5-20 days in a row.

Examples
--------
>>> daily, posts, truth = simulate_account(np.random.default_rng(3), "a", kinds=["giveaway"], days=200)
>>> truth["kind"].tolist(), bool((daily["follows"] >= 0).all())
(['giveaway'], True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["simulate_account", "audience_suite", "EXPORTS", "KINDS"]

START = pd.Timestamp("2024-03-01")
KINDS = ("bought", "drip", "viral", "giveaway", "shoutout", "collab", "purge")
PACKAGE_SIZES = (100, 200, 250, 500, 1000, 1500, 2000, 2500, 3000, 5000, 10000, 15000, 20000, 25000, 50000)

#: Daily columns each export kind carries (besides platform, account, date, posts).
EXPORTS = {
    "meta": ("follows", "reach", "impressions", "engagements", "profile_visits"),
    "x": (
        "follows",
        "unfollows",
        "impressions",
        "engagements",
        "likes",
        "comments",
        "shares",
        "profile_visits",
    ),
    "tiktok": ("followers", "follows", "video_views", "profile_visits", "likes", "comments", "shares"),
    "reach": ("followers", "follows", "reach", "engagements"),
    "totals": ("followers", "impressions", "reach", "engagements"),
    "bare": ("followers", "follows"),
}

#: The platform each export kind comes from (X counts follows among engagements; Meta does not).
PLATFORMS = {
    "meta": "instagram",
    "x": "x",
    "tiktok": "tiktok",
    "reach": "facebook",
    "totals": "linkedin",
    "bare": "youtube",
}

_HOLIDAYS = (  # (month, day from, day to, factor range): busy or quiet seasons of the year
    (11, 24, 30, (1.1, 1.6)),  # late November sales
    (12, 1, 23, (1.1, 1.8)),  # Christmas shopping
    (12, 24, 31, (0.4, 0.9)),  # the holidays themselves
    (8, 1, 31, (0.6, 1.0)),  # August
)


def _log_uniform(rng, lo, hi):
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def _heavy(rng, scale, n):
    """Multiplicative heavy-tailed noise: exp(scale * t_3), clipped at 6 scales."""
    return np.exp(scale * np.clip(rng.standard_t(3, n), -6, 6))


def _calendar(rng, dates: pd.DatetimeIndex) -> np.ndarray:
    """Weekday habits x yearly season x holidays, one factor per day."""
    weekday = rng.dirichlet(np.full(7, rng.uniform(3, 30))) * 7
    season = 1 + rng.uniform(0, 0.35) * np.cos(2 * np.pi * (dates.day_of_year - rng.integers(365)) / 365)
    factor = weekday[dates.day_of_week] * season
    for month, lo, hi, (fmin, fmax) in _HOLIDAYS:
        if rng.random() < 0.6:
            inside = (dates.month == month) & (dates.day >= lo) & (dates.day <= hi)
            factor = np.where(inside, factor * rng.uniform(fmin, fmax), factor)
    return factor


def simulate_account(rng: np.random.Generator, name: str, *, kinds=(), days: int = 540, exports: str = "x"):
    """One account with the events ``kinds``; returns ``(daily, posts, truth)``.

    ``daily`` is canonical (only the columns ``exports`` carries, the rest
    missing), ``posts`` one row per post, ``truth`` one row per event with
    ``kind, start, end, size, share, bought_by_day, over_viral``.
    """
    dates = pd.date_range(START, periods=days, freq="D")
    followers0 = _log_uniform(rng, 200, 300_000)
    calendar = _calendar(rng, dates)
    # people's habits on this account
    freq = rng.uniform(1.1, 1.7)  # impressions per person reached
    visit_rate = _log_uniform(rng, 0.004, 0.04)  # profile visits per impression
    follow_per_visit = _log_uniform(rng, 0.03, 0.25)
    rates = {"likes": _log_uniform(rng, 0.01, 0.08), "comments": _log_uniform(rng, 0.0005, 0.006)}
    rates["shares"] = rates["likes"] * rng.uniform(0.02, 0.2)
    churn = _log_uniform(rng, 2e-5, 3e-4)
    noise = rng.uniform(0.1, 0.45)

    # posts: how many, when, how far each one goes
    per_week = rng.uniform(1, 12)
    habit = rng.dirichlet(np.full(7, 2.0)) * 7
    if rng.random() < 0.3:
        habit[5:] = 0.0
    habit = habit / habit.mean()
    n_posts = rng.poisson(per_week / 7 * habit[dates.day_of_week])
    post_day = np.repeat(np.arange(days), n_posts)
    post_reach_share = _log_uniform(rng, 0.05, 0.5)
    post_reach = post_reach_share * _heavy(rng, 0.6, len(post_day))  # x followers
    decay = rng.uniform(0.2, 0.7)
    curve = decay ** np.arange(4)
    curve /= curve.sum()

    funnel = {"freq": freq, "visit_rate": visit_rate, "follow_per_visit": follow_per_visit}
    extra = {
        k: np.zeros(days)
        for k in (
            "reach",
            "outside_reach",
            "outside_conv",
            "visits",
            "follows",
            "likes",
            "comments",
            "lost",
            "purged",
        )
    }
    post_comments = np.zeros(len(post_day))
    post_follows = np.zeros(len(post_day))
    truth = []
    for kind, start in zip(kinds, _starts(rng, len(kinds), days), strict=True):
        row = _event(rng, kind, start, days, followers0, funnel, extra, post_day, post_comments, post_follows)
        truth.append(row)

    # follower level (without events) drives every count
    level = followers0 * np.exp(_log_uniform(rng, 1e-5, 2e-3) * rng.uniform(-0.5, 1.0) * np.arange(days))
    discovery = _log_uniform(rng, 0.05, 0.6) * level * calendar * _heavy(rng, noise, days)
    reach_posts = np.zeros(days)
    for lag, weight in enumerate(curve):
        np.add.at(reach_posts, np.minimum(post_day + lag, days - 1), weight * post_reach)
    reach_posts *= level * _heavy(rng, noise / 2, days)
    own = discovery + reach_posts + extra["reach"]
    reach = own + extra["outside_reach"]
    impressions = reach * freq
    # people reached from outside (a viral post, a collaboration) open the profile at their own rate
    conversion = (own + extra["outside_conv"]) / reach
    visits = (
        rng.poisson(impressions * visit_rate * conversion * _heavy(rng, noise / 2, days)) + extra["visits"]
    )
    follows = rng.binomial(visits.astype(np.int64), follow_per_visit)
    follows = follows + rng.poisson(0.1 * visits * follow_per_visit) + extra["follows"]
    counts = {k: rng.poisson(impressions * r * _heavy(rng, noise / 2, days)) for k, r in rates.items()}
    counts["likes"] = counts["likes"] + extra["likes"]
    counts["comments"] = counts["comments"] + extra["comments"]
    unfollows = rng.poisson(level * churn) + extra["lost"]
    followers = followers0 + np.cumsum(follows - unfollows - extra["purged"])
    daily = pd.DataFrame(
        {
            "date": dates,
            "followers": np.round(followers),
            "follows": follows.astype(float),
            "unfollows": unfollows.astype(float),
            "impressions": np.round(impressions),
            "reach": np.round(reach),
            "video_views": np.round(impressions * rng.uniform(0.3, 0.9)),
            "engagements": (counts["likes"] + counts["comments"] + counts["shares"]).astype(float),
            "likes": counts["likes"].astype(float),
            "comments": counts["comments"].astype(float),
            "shares": counts["shares"].astype(float),
            "profile_visits": visits.astype(float),
            "posts": np.bincount(post_day, minlength=days).astype(float),
        }
    )
    if exports == "x":
        daily["engagements"] += daily["follows"]  # X counts a follow as an engagement
    _outages(rng, daily, [(row[1], row[2]) for row in truth])
    posts = _posts_table(
        rng,
        name,
        PLATFORMS[exports],
        dates,
        post_day,
        post_reach,
        level,
        freq,
        rates,
        post_comments,
        post_follows,
    )
    daily = _export(rng, daily, exports)
    daily.insert(0, "account", name)
    daily.insert(0, "platform", PLATFORMS[exports])
    truth = pd.DataFrame(
        truth, columns=["kind", "start", "end", "size", "share", "bought_by_day", "over_viral"]
    )
    truth.insert(0, "account", name)
    for column in ("start", "end"):
        truth[column] = START + pd.to_timedelta(truth[column].astype(int), unit="D")
    return daily, posts, truth


def _starts(rng, n, days):
    """Event days at least 60 days apart, after the first 70 and before the last 50."""
    for _ in range(2000):
        starts = np.sort(rng.integers(70, days - 50, n))
        if n < 2 or np.diff(starts).min() >= 60:
            return starts.tolist()
    return np.linspace(70, days - 50, n).astype(int).tolist()


def _event(rng, kind, s, days, size0, funnel, extra, post_day, post_comments, post_follows) -> tuple:
    """Add one event to the day arrays (in place); return its truth row."""
    share = _log_uniform(rng, 0.01, 0.2) if rng.random() < 0.85 else _log_uniform(rng, 0.005, 0.01)
    size = size0 * share
    if kind == "purge":
        size = round(size0 * rng.uniform(0.01, 0.08))
        extra["purged"][s] += size
        return (kind, s, s, size, size / size0, {}, False)
    if kind == "drip":
        length = int(rng.integers(7, 29))
        size = size0 * _log_uniform(rng, 0.03, 0.2)
        per_day = rng.multinomial(round(size), np.full(length, 1 / length))
        extra["follows"][s : s + length] += per_day
        _losses(rng, extra, s + length, days, size)
        return (kind, s, s + length - 1, round(size), size / size0, _by_day(s, per_day), False)
    if kind == "bought":
        over_viral = bool(rng.random() < 0.2)
        if rng.random() < 0.4:
            size = float(min(PACKAGE_SIZES, key=lambda p: abs(p - size)))
        length = int(rng.integers(1, 4))
        per_day = rng.multinomial(round(size), rng.dirichlet(np.full(length, 2.0)))
        if over_viral:  # a viral post from the day before to the day after the package starts
            wanted = size0 * _log_uniform(rng, 0.01, 0.2)
            _outside_reach(rng, s + int(rng.integers(-1, 2)), wanted, rng.uniform(0.3, 1.5), funnel, extra)
        extra["follows"][s : s + length] += per_day
        _losses(rng, extra, s + length, days, size)
        return (kind, s, s + length - 1, round(size), size / size0, _by_day(s, per_day), over_viral)
    if kind == "viral":
        end = _outside_reach(rng, s, size, rng.uniform(0.3, 1.5), funnel, extra)
        return (kind, s, end, round(size), share, {}, False)
    if kind == "collab":
        end = _outside_reach(
            rng, s, size, rng.uniform(0.2, 1.0), funnel, extra, length=int(rng.integers(2, 6))
        )
        return (kind, s, end, round(size), share, {}, False)
    if kind == "giveaway":
        length = int(rng.integers(2, 11))
        shape = np.exp(-np.arange(length) / rng.uniform(1, 3))
        shape[-1] += rng.uniform(0.2, 1.0)  # the last-day rush
        entrants = rng.multinomial(round(size), shape / shape.sum()).astype(float)
        span = slice(s, s + length)
        extra["follows"][span] += entrants
        extra["likes"][span] += np.round(entrants * rng.uniform(0.7, 1.0))
        comments = rng.poisson(entrants * _log_uniform(rng, 0.3, 3.0))
        extra["comments"][span] += comments
        extra["visits"][span] += np.round(entrants * rng.uniform(0.5, 1.2))
        extra["reach"][span] += entrants * rng.uniform(1.0, 5.0)  # entrants and the friends they tag
        _post_of(s, post_day, post_comments, post_follows, comments.sum(), entrants.sum())
        lost = size * rng.uniform(0.2, 0.6)
        after = np.arange(s + length, min(days, s + length + 21))
        if len(after):
            extra["lost"][after] += rng.multinomial(round(lost), np.full(len(after), 1 / len(after)))
        return (kind, s, s + length - 1, round(size), share, {}, False)
    if kind == "shoutout":
        length = int(rng.integers(1, 4))
        conversion = rng.uniform(0.1, 0.5)
        weights = np.array([1.0, 0.4, 0.15])[:length]
        visitors = np.round(weights / weights.sum() * size / conversion)
        extra["visits"][s : s + length] += visitors
        extra["follows"][s : s + length] += rng.binomial(visitors.astype(int), conversion)
        extra["reach"][s : s + length] += visitors * _log_uniform(rng, 0.3, 3.0)  # they look at a few posts
        return (kind, s, s + length - 1, round(size), share, {}, False)
    raise ValueError(f"unknown event kind {kind!r}")


def _outside_reach(rng, day, follows, conversion, funnel, extra, *, length=3) -> int:
    """Reach from beyond the followers that brings ``follows`` at ``conversion`` x the usual rate.

    The follows are not added: they come through the account's own funnel
    (impressions, then profile visits, then follows) from the extra reach.
    Returns the last day.
    """
    weights = 0.45 ** np.arange(length)
    weights /= weights.sum()
    per_reach = funnel["freq"] * funnel["visit_rate"] * funnel["follow_per_visit"] * 1.1 * conversion
    reach = follows / per_reach * weights
    stop = min(day + length, len(extra["reach"]))
    extra["outside_reach"][day:stop] += reach[: stop - day]
    extra["outside_conv"][day:stop] += conversion * reach[: stop - day]
    return stop - 1


def _post_of(day, post_day, post_comments, post_follows, comments, follows):
    near = np.flatnonzero(np.abs(post_day - day) <= 1)
    if len(near):
        post_comments[near[0]] += comments
        post_follows[near[0]] += follows


def _losses(rng, extra, after, days, size):
    """Half of purchases lose 20-80% later: slowly over weeks, or in one purge day."""
    if rng.random() >= 0.5 or after >= days:
        return
    lost = round(size * rng.uniform(0.2, 0.8))
    if rng.random() < 0.5:
        when = after + int(rng.integers(5, 60))
        if when < days:
            extra["purged"][when] += lost
    else:
        span = np.arange(after, min(days, after + int(rng.integers(10, 60))))
        extra["lost"][span] += rng.multinomial(lost, np.full(len(span), 1 / len(span)))


def _by_day(start, per_day) -> dict:
    return {start + i: int(v) for i, v in enumerate(per_day)}


def _outages(rng, daily: pd.DataFrame, events) -> None:
    """0-3 outages a year: every figure 0 for 1-3 days; half are caught up the day after.

    Outages keep a week away from the events, whose true days would move otherwise.
    """
    days = len(daily)
    counts = [c for c in daily.columns if c not in ("date", "followers")]
    for _ in range(rng.poisson(1.5 * days / 365)):
        first = int(rng.integers(1, days - 4))
        if any(a - 7 <= first <= b + 7 for a, b in events):
            continue
        span = slice(first, first + int(rng.integers(1, 4)))
        missed = daily.loc[daily.index[span], counts].sum()
        daily.loc[daily.index[span], counts] = 0.0
        if rng.random() < 0.5:
            after = daily.index[span.stop]
            daily.loc[after, counts] = daily.loc[after, counts] + missed


def _posts_table(
    rng, name, platform, dates, post_day, reach_share, level, freq, rates, comments, follows
) -> pd.DataFrame:
    reach = np.round(reach_share * level[post_day])
    impressions = np.round(reach * freq)
    hours = rng.integers(7, 22, len(post_day))
    return pd.DataFrame(
        {
            "platform": platform,
            "account": name,
            "post_id": [f"{name}-{i}" for i in range(len(post_day))],
            "published_at": (dates[post_day] + pd.to_timedelta(hours, unit="h")).tz_localize("UTC"),
            "impressions": impressions,
            "reach": reach,
            "likes": rng.poisson(impressions * rates["likes"]).astype(float),
            "comments": rng.poisson(impressions * rates["comments"]) + comments,
            "shares": rng.poisson(impressions * rates["shares"]).astype(float),
            "follows": rng.poisson(impressions * 0.001) + follows,
        }
    )


def _export(rng, daily: pd.DataFrame, exports: str) -> pd.DataFrame:
    """Keep what the export kind carries; lose visits (a quarter) and days (0-8%, and a block)."""
    keep = set(EXPORTS[exports]) | {"date", "posts"}
    if "profile_visits" in keep and rng.random() < 0.25:
        keep.discard("profile_visits")
    for column in daily.columns:
        if column not in keep:
            daily[column] = np.nan
    present = rng.random(len(daily)) >= rng.uniform(0, 0.08)
    if rng.random() < 0.25:
        first = int(rng.integers(10, len(daily) - 30))
        present[first : first + int(rng.integers(5, 21))] = False
    present[[0, -1]] = True
    return daily[present].reset_index(drop=True)


def audience_suite(seed: int = 20261201, *, accounts: int = 160, days: int = 540):
    """A benchmark suite: ``(daily, posts, truth, meta)``.

    A quarter of the accounts are clean; the rest carry 1-3 events, bought
    most often. Export kinds rotate through :data:`EXPORTS`, ``bare`` one
    account in twelve; half the accounts have a posts table (``posts`` holds
    only theirs).
    """
    rng = np.random.default_rng(seed)
    pool = [
        "bought",
        "bought",
        "bought",
        "drip",
        "viral",
        "viral",
        "giveaway",
        "giveaway",
        "shoutout",
        "collab",
        "purge",
    ]
    rotation = ["meta", "x", "tiktok", "reach", "totals", "meta", "x", "tiktok", "reach", "meta", "x", "bare"]
    dailies, posts, truths, meta = [], [], [], []
    for i in range(accounts):
        clean = i % 4 == 0
        kinds = [] if clean else list(rng.choice(pool, size=int(rng.integers(1, 4))))
        exports = rotation[i % len(rotation)]
        name = f"aud{i:03d}"
        daily, account_posts, truth = simulate_account(rng, name, kinds=kinds, days=days, exports=exports)
        has_posts = bool(rng.random() < 0.5)
        dailies.append(daily)
        truths.append(truth)
        if has_posts:
            posts.append(account_posts)
        meta.append({"account": name, "clean": clean, "exports": exports, "days": days, "posts": has_posts})
    return (
        pd.concat(dailies, ignore_index=True),
        pd.concat(posts, ignore_index=True),
        pd.concat(truths, ignore_index=True),
        pd.DataFrame(meta),
    )
