"""Seeded synthetic accounts with injected follower events, returned with the truth.

Each account is a canonical daily table (``platform, account, date,
followers, follows, unfollows, impressions, reach, engagements, likes,
comments, shares, profile_visits, posts``) of ``days`` days, and a truth
table of the events injected into it.

The organic part: an account of 10^2.5-10^6 followers, exposure
(impressions) proportional to followers with a weekly cycle, a trend, an
occasional level shift, autocorrelated (AR(1)) log-noise and heavy-tailed
(Pareto) post effects; follows arrive from exposure at a steady rate per
impression (Poisson), unfollows at a steady churn. Some days are missing.

Two styles (:data:`STYLES`): ``default`` and ``hard``, which stretches
noise, seasonality, post effects, missing days and viral conversion.

Events (``kind``):

``bought``   0.5-20% of followers in 1-3 days, no exposure; half are
             followed by losses (slow unfollows or a purge day); half are
             round package sizes.
``drip``     2-20% of followers spread over 7-30 days, no exposure.
``viral``    a post whose extra impressions bring the same excess follows
             (0.5-20%) at 0.5-1.2x the usual rate per impression.
``giveaway`` comments (and some likes, impressions) jump with the follows.
``shoutout`` profile visits jump with the follows; own impressions barely move.
``purge``    1-10% of followers removed in one day.

Examples
--------
>>> daily, truth = generate_account(np.random.default_rng(1), "a1", kinds=["bought"])
>>> truth["kind"].tolist()
['bought']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["generate_account", "generate_suite", "PACKAGES"]

#: Knobs of the two styles of suite. ``hard`` stretches every one of them, to see
#: whether the detector holds on data it was not tuned on.
STYLES = {
    "default": {
        "weekly": 0.4,
        "sigma": (0.1, 0.3),
        "pareto": 2.5,
        "viral_q": (0.5, 1.2),
        "missing": 0.02,
        "level_shift": 0.3,
    },
    "hard": {
        "weekly": 0.7,
        "sigma": (0.2, 0.5),
        "pareto": 1.6,
        "viral_q": (0.3, 1.5),
        "missing": 0.10,
        "level_shift": 0.6,
    },
}

PACKAGES = np.array([100, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000])
START = pd.Timestamp("2025-01-01")


def _logu(rng, lo, hi):
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def generate_account(
    rng: np.random.Generator,
    name: str,
    *,
    kinds=(),
    days: int = 365,
    exports: str = "full",
    style: str = "default",
):
    """One account with ``kinds`` events injected; returns ``(daily, truth)``.

    ``exports``: ``full`` (follows, followers and exposure), ``totals`` (no
    follows/unfollows columns: followers only, with exposure) or ``bare``
    (follows and followers, no exposure at all).
    """
    knobs = STYLES[style]
    missing = knobs["missing"]
    t = np.arange(days)
    f0 = 10 ** rng.uniform(2.5, 6.0)
    growth = _logu(rng, 3e-4, 3e-3)  # organic follows per follower per day
    imp_per_follower = _logu(rng, 0.05, 1.5)
    weekly = 1 + rng.uniform(0, knobs["weekly"]) * np.cos(2 * np.pi * (t - rng.integers(7)) / 7)
    trend = np.exp(rng.uniform(-0.5, 1.0) * t / days)
    shift = np.ones(days)
    if rng.random() < knobs["level_shift"]:
        shift[rng.integers(60, days - 60) :] = rng.choice([_logu(rng, 1.5, 2.5), _logu(rng, 0.4, 0.7)])
    phi, sigma = rng.uniform(0.3, 0.8), rng.uniform(*knobs["sigma"])
    noise = np.zeros(days)
    for i in range(1, days):
        noise[i] = phi * noise[i - 1] + sigma * rng.standard_normal()
    posting = rng.random(days) < rng.uniform(0.2, 0.8)
    effect = np.zeros(days)
    for i in np.flatnonzero(posting):  # heavy-tailed post effects that fade over 3 days
        size = 0.6 * (rng.pareto(knobs["pareto"]))
        effect[i : i + 3] += size * np.array([1.0, 0.35, 0.1])[: days - i]
    exposure_mult = weekly * trend * shift * np.exp(noise) * (1 + effect)
    base_impressions = f0 * imp_per_follower
    rate = f0 * growth / base_impressions  # follows per impression
    q_noise = np.exp(0.15 * rng.standard_normal(days))  # day-to-day conversion wobble
    rates = {
        k: _logu(rng, lo, hi)
        for k, lo, hi in (
            ("likes", 0.005, 0.05),
            ("comments", 0.0005, 0.005),
            ("shares", 0.0003, 0.003),
            ("visits", 0.003, 0.02),
        )
    }
    churn = growth * rng.uniform(0.1, 0.5)

    impressions = base_impressions * exposure_mult
    extra = {
        k: np.zeros(days)
        for k in ("follows", "impressions", "comments", "likes", "visits", "bought", "lost", "purged")
    }
    truth = []
    starts = _event_starts(rng, len(kinds), days)
    for kind, s in zip(kinds, starts, strict=True):
        truth.append(_inject(rng, kind, s, days, f0 * trend[s] * shift[s], rate, extra, knobs))
    impressions = impressions + extra["impressions"]
    lam_follows = impressions * rate * q_noise
    follows = rng.poisson(lam_follows) + extra["follows"]
    organic_followers_level = f0 * trend * shift
    unfollows = rng.poisson(organic_followers_level * churn) + extra["lost"]
    followers = f0 + np.cumsum(follows - unfollows - extra["purged"])
    comments = rng.poisson(impressions * rates["comments"]) + extra["comments"]
    likes = rng.poisson(impressions * rates["likes"]) + extra["likes"]
    shares = rng.poisson(impressions * rates["shares"])
    visits = rng.poisson(impressions * rates["visits"]) + extra["visits"]
    daily = pd.DataFrame(
        {
            "platform": "synthetic",
            "account": name,
            "date": START + pd.to_timedelta(t, unit="D"),
            "followers": np.round(followers),
            "follows": follows,
            "unfollows": unfollows,
            "impressions": np.round(impressions),
            "reach": np.round(impressions * rng.uniform(0.5, 0.8)),
            "engagements": likes + comments + shares + follows,
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "profile_visits": visits,
            "posts": posting.astype(int),
        }
    )
    if exports == "totals":
        daily[["follows", "unfollows"]] = np.nan
    elif exports == "bare":
        daily[["impressions", "reach", "engagements", "likes", "comments", "shares", "profile_visits"]] = (
            np.nan
        )
    keep = rng.random(days) >= missing
    keep[[0, -1]] = True
    truth_frame = pd.DataFrame(truth, columns=["kind", "start", "end", "size", "share", "bought_by_day"])
    truth_frame.insert(0, "account", name)
    for col in ("start", "end"):
        truth_frame[col] = START + pd.to_timedelta(truth_frame[col].astype(int), unit="D")
    return daily[keep].reset_index(drop=True), truth_frame


def _event_starts(rng, n, days):
    """Event starts at least 50 days apart, away from the first 60 and last 45 days."""
    for _ in range(1000):
        starts = np.sort(rng.integers(60, days - 45, n))
        if n < 2 or np.diff(starts).min() >= 50:
            return starts.tolist()
    return list(np.linspace(60, days - 45, n).astype(int))


def _inject(rng, kind, s, days, followers, rate, extra, knobs) -> tuple:
    """Add one event to ``extra`` (in place); return its truth row."""
    if kind == "purge":
        size = round(followers * rng.uniform(0.01, 0.10))
        extra["purged"][s] += size
        return (kind, s, s, size, size / followers, {})
    if kind == "drip":
        length = int(rng.integers(7, 31))
        size = followers * _logu(rng, 0.02, 0.2)
        per_day = rng.multinomial(round(size), rng.dirichlet(np.full(length, 20.0)))
        extra["follows"][s : s + length] += per_day
        extra["bought"][s : s + length] += per_day
        return (
            kind,
            s,
            s + length - 1,
            round(size),
            size / followers,
            {s + i: int(v) for i, v in enumerate(per_day)},
        )
    length = int(rng.integers(1, 4))
    share = _logu(rng, 0.005, 0.2)
    size = followers * share
    if kind == "bought":
        if rng.random() < 0.5:  # round package
            size = float(PACKAGES[np.argmin(np.abs(PACKAGES - size))])
        per_day = rng.multinomial(round(size), rng.dirichlet(np.full(length, 3.0)))
        extra["follows"][s : s + length] += per_day
        extra["bought"][s : s + length] += per_day
        if rng.random() < 0.5:  # losses afterwards
            lost = round(size * rng.uniform(0.2, 0.7))
            if rng.random() < 0.5:
                when = s + length + int(rng.integers(7, 30))
                if when < days:
                    extra["purged"][when] += lost
            else:
                span = np.arange(s + length, min(days, s + length + 30))
                extra["lost"][span] += rng.multinomial(lost, np.full(len(span), 1 / len(span)))
        return (
            kind,
            s,
            s + length - 1,
            round(size),
            size / followers,
            {s + i: int(v) for i, v in enumerate(per_day)},
        )
    profile = np.array([1.0, 0.5, 0.25])[:length]
    profile = profile / profile.sum()
    span = slice(s, s + length)
    if kind == "viral":
        q = rng.uniform(*knobs["viral_q"])  # follows per impression against usual
        extra["impressions"][span] += size / (rate * q) * profile
    elif kind == "giveaway":
        extra["follows"][span] += np.round(size * profile)
        extra["comments"][span] += np.round(size * rng.uniform(0.8, 3.0) * profile)
        extra["likes"][span] += np.round(size * rng.uniform(1.0, 4.0) * profile)
        extra["impressions"][span] += size / rate * rng.uniform(0.2, 1.0) * profile
    elif kind == "shoutout":
        extra["follows"][span] += np.round(size * profile)
        extra["visits"][span] += np.round(size / rng.uniform(0.2, 0.5) * profile)
        extra["impressions"][span] += size / rate * rng.uniform(0.0, 0.3) * profile
    else:
        raise ValueError(f"unknown event kind {kind!r}")
    return (kind, s, s + length - 1, round(size), share, {})


def generate_suite(seed: int = 20261123, *, accounts: int = 240, days: int = 365, style: str = "default"):
    """A benchmark suite: ``(daily, truth, meta)`` for ``accounts`` accounts.

    ``style`` is ``default`` or ``hard`` (:data:`STYLES`: stronger weekly
    cycles, noise, heavier post effects, viral posts converting at up to
    1.5x the usual rate, 10% missing days, more level shifts).
    A quarter of the accounts are clean (no events), the rest carry 1-3
    events drawn from every kind, bought and viral most often. One account in
    eight exports totals only, one in ten no exposure at all.
    """
    rng = np.random.default_rng(seed)
    kinds_pool = ["bought", "bought", "bought", "viral", "viral", "drip", "giveaway", "shoutout", "purge"]
    dailies, truths, meta = [], [], []
    for i in range(accounts):
        clean = i % 4 == 0
        kinds = [] if clean else list(rng.choice(kinds_pool, size=int(rng.integers(1, 4))))
        exports = "totals" if i % 8 == 3 else "bare" if i % 10 == 7 else "full"
        name = f"acct{i:03d}"
        daily, truth = generate_account(rng, name, kinds=kinds, days=days, exports=exports, style=style)
        dailies.append(daily)
        truths.append(truth)
        meta.append({"account": name, "clean": clean, "exports": exports, "days": days})
    return pd.concat(dailies, ignore_index=True), pd.concat(truths, ignore_index=True), pd.DataFrame(meta)
