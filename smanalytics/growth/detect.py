"""``detect_spikes``: follower spikes of every account, labelled and explained.

A straight pipeline of small steps, per account (``platform, account``):
:func:`~smanalytics.growth.series.prepare` (calendar, follows from totals when
needed), :func:`~smanalytics.growth.candidates.find_candidates` (robust
seasonal baseline, bursts and drips), each window cut apart where days the
export skipped meet days it shows and where a package meets a popular post,
then for each piece :func:`~smanalytics.growth.exposure.exposure_evidence`
(what the reach explains), :func:`~smanalytics.growth.people.people_evidence` and
:func:`~smanalytics.growth.post_people.post_people` (who came beyond it, in
the daily table and post by post), the aftermath
(:mod:`~smanalytics.growth.aftermath`), :func:`~smanalytics.growth.classify.classify`
and :func:`~smanalytics.growth.explain.explain`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.growth.aftermath import engagement_per_follower_change, retention_30d
from smanalytics.growth.candidates import find_candidates
from smanalytics.growth.classify import classify
from smanalytics.growth.explain import explain
from smanalytics.growth.exposure import EXPOSURE_SIGNALS, baseline_days, exposure_evidence
from smanalytics.growth.people import people_evidence
from smanalytics.growth.post_people import post_days, post_people
from smanalytics.growth.series import accounts, follows_source, prepare
from smanalytics.growth.settings import SpikeSettings, settings_with

__all__ = ["EVENT_COLUMNS", "LABELS", "detect_spikes", "empty_events"]

LABELS = ("suspected_bought", "organic", "unclear")

DEFAULT = SpikeSettings()

#: An account needs daily gains on this many days (two weeks) to have a usual to compare with.
MIN_KNOWN_DAYS = 14

#: Columns of the events table and their dtypes (DESIGN.md §6).
EVENT_COLUMNS: dict[str, str] = {
    "platform": "string",
    "account": "string",
    "start": "datetime64[ns]",
    "peak": "datetime64[ns]",
    "end": "datetime64[ns]",
    "observed_follows": "Int64",
    "baseline_follows": "Int64",
    "excess_follows": "Int64",
    "expected_from_exposure": "Int64",
    "bought_share": "Float64",
    "follows_per_1k_impressions_event": "Float64",
    "follows_per_1k_impressions_baseline": "Float64",
    "reach_lift": "Float64",
    "engagement_lift": "Float64",
    "visits_lift": "Float64",
    "linked_post_id": "string",
    "retention_30d": "Float64",
    "label": "string",
    "confidence": "Float64",
    "explanation": "string",
}


def empty_events() -> pd.DataFrame:
    """An events table with no rows and every column at its dtype."""
    return schema.empty_of(EVENT_COLUMNS)


def detect_spikes(
    daily: pd.DataFrame,
    posts: pd.DataFrame | None = None,
    *,
    settings: SpikeSettings = DEFAULT,
    **overrides,
) -> pd.DataFrame:
    """Find follower spikes and say whether each looks organic or bought.

    Parameters
    ----------
    daily
        Canonical daily table (any number of accounts). Needs ``follows`` or
        ``followers``; exposure columns (``impressions``, ``reach``,
        ``video_views``, ``profile_visits``, ``engagements``, ``comments``)
        are what tells organic from bought. Not modified.
    posts
        Canonical posts table, optional: posts of the event (or the day
        before) with more comments, likes or attributed follows than their
        reach brings show people who came (a giveaway's post,
        :mod:`~smanalytics.growth.post_people`); the one with the most where
        they decide the label, else the one with the most follows, else
        impressions, becomes ``linked_post_id``.
    settings
        Every threshold and weight of the detector
        (:class:`~smanalytics.growth.settings.SpikeSettings`, whose
        docstring gives each default and its meaning).
    **overrides
        Fields of ``settings`` to change for this call, by name
        (``min_share=0.002``); an unknown name is a ``TypeError``.

    Returns
    -------
    DataFrame
        One row per event, columns :data:`EVENT_COLUMNS`: ``start``, ``peak``,
        ``end`` (days), ``observed_follows`` (in the window),
        ``baseline_follows`` (usual for those days), ``excess_follows``
        (observed - baseline), ``expected_from_exposure`` (what the most
        generous exposure signal explains; NA without exposure),
        ``bought_share`` (share of observed follows that neither exposure nor
        the extra people who came explain, 0-1),
        ``follows_per_1k_impressions_event`` / ``_baseline``,
        ``reach_lift``, ``engagement_lift``, ``visits_lift`` (mean per day in
        the event over the usual: reach; likes + comments + shares, else
        engagements, net of follows on X; profile visits),
        ``linked_post_id``, ``retention_30d`` (share of the excess still
        there 30 days later), ``label`` (``suspected_bought``, ``organic``,
        ``unclear``), ``confidence`` (0-1), ``explanation``.

    Examples
    --------
    >>> days = pd.date_range("2026-01-01", periods=90, freq="D")
    >>> follows = [10] * 90; follows[60] = 1010
    >>> daily = pd.DataFrame({"platform": "x", "account": "cafe", "date": days,
    ...                       "follows": follows, "impressions": [5000] * 90})
    >>> events = detect_spikes(daily)
    >>> events[["start", "excess_follows", "label"]].to_dict("records")
    [{'start': Timestamp('2026-03-02 00:00:00'), 'excess_follows': 1000, 'label': 'suspected_bought'}]
    """
    settings = settings_with(settings, overrides)
    rows = []
    for platform, account, part in accounts(daily):
        account_posts = _posts_of(posts, platform, account)
        rows.extend(_account_events(part, platform, account, account_posts, settings))
    if not rows:
        return empty_events()
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    return events.astype(EVENT_COLUMNS).reset_index(drop=True)


def _account_events(part, platform, account, posts, s: SpikeSettings) -> list[dict]:
    if follows_source(part) is None:
        return []
    frame = prepare(part)
    if frame["follows"].notna().sum() < MIN_KNOWN_DAYS:
        return []
    windows, base = find_candidates(frame["follows"], s)
    # days of every window, and drops far below usual (a purge seen in totals), are never usual days
    busy = (base["z"] <= -s.z_peak).to_numpy(dtype=bool, na_value=False).copy()
    for a, b in windows:
        busy[a : b + 1] = True
    follows = frame["follows"].to_numpy(dtype=float)
    usual = base["usual"].to_numpy(dtype=float)
    followers = frame["followers"].to_numpy(dtype=float)
    days_of_posts = None if posts is None else post_days(posts, frame.index)
    out = []
    pieces = []
    for window in windows:
        for a, b in _split_unseen(frame, *window):
            pieces += _split_mixed(frame, a, b, busy, s)
    for a, b in pieces:
        known = ~np.isnan(follows[a : b + 1])
        observed = float(np.nansum(follows[a : b + 1]))
        baseline = float(usual[a : b + 1][known].sum())
        excess = observed - baseline
        before = followers[max(0, a - 7) : a + 1]
        size = np.nanmax(before) if np.isfinite(before).any() else np.nan
        if excess < s.min_excess or (np.isfinite(size) and excess < s.min_share * size):
            continue
        out.append(
            _event(
                frame,
                a,
                b,
                busy,
                observed,
                baseline,
                excess,
                usual,
                (posts, days_of_posts),
                s,
                platform=platform,
                account=account,
            )
        )
    return out


def _split_unseen(frame, a, b) -> list[tuple[int, int]]:
    """Split a window where days the export shows sit next to days it skipped.

    A day the export skipped keeps its follows when the follower totals on
    both sides give them, but no exposure. Where the days the export shows
    hold half of a window's follows or more, they judge the whole window
    (a drip with a skipped day in it stays one drip); where the skipped days
    hold more, the window as a whole cannot be judged, and would be
    ``unclear`` even when the days shown have a package no exposure explains.
    Then the skipped days are judged apart (``unclear``: nothing says what
    exposure they had) and the days shown by their own exposure. Days whose
    follows are unknown too are no reason to cut and stay with the days
    before them.
    """
    signals = [c for c in EXPOSURE_SIGNALS if c in frame]
    if b == a or not signals:
        return [(a, b)]
    days = frame.iloc[a : b + 1]
    follows = days["follows"].to_numpy(dtype=float)
    seen = days[signals].notna().any(axis=1).to_numpy()
    if np.nansum(follows[seen]) >= 0.5 * np.nansum(follows):
        return [(a, b)]
    state = pd.Series(np.where(np.isfinite(follows), seen, np.nan)).ffill().bfill()
    if state.isna().all() or state.nunique() < 2:
        return [(a, b)]
    cuts = np.flatnonzero(np.diff(state.to_numpy(dtype=float))) + 1
    edges = [0, *cuts.tolist(), b - a + 1]
    return [(a + lo, a + hi - 1) for lo, hi in zip(edges[:-1], edges[1:], strict=True)]


def _split_mixed(frame, a, b, busy, s: SpikeSettings) -> list[tuple[int, int]]:
    """Split a window where days no exposure explains sit next to days of high exposure.

    A package bought the day after a popular post merges with it into one
    window, whose exposure then seems to explain everything. Judged day by
    day, the days whose follows are ``bought_ratio`` times what exposure
    explains are cut apart from the others, when the others include a day of
    exposure at least ``flat_lift`` times usual.
    """
    if b == a:
        return [(a, b)]
    base = _usual_days(frame, a, b, busy, s)
    follows = frame["follows"].to_numpy(dtype=float)
    unexplained, lifted = [], []
    for d in range(a, b + 1):
        evidence = exposure_evidence(frame, d, d, base, s)
        best = evidence.best
        if best is None or np.isnan(follows[d]):
            return [(a, b)]
        unexplained.append(follows[d] >= s.bought_ratio * max(evidence.expected[best], 1.0))
        lifted.append(evidence.lift(best) >= s.flat_lift)
    unexplained, lifted = np.array(unexplained), np.array(lifted)
    if not unexplained.any() or not (lifted & ~unexplained).any():
        return [(a, b)]
    cuts = np.flatnonzero(np.diff(unexplained.astype(int))) + 1
    edges = [0, *cuts.tolist(), len(unexplained)]
    return [(a + lo, a + hi - 1) for lo, hi in zip(edges[:-1], edges[1:], strict=True)]


def _usual_days(frame, a, b, busy, s: SpikeSettings) -> np.ndarray:
    return baseline_days(frame, a, b, busy, days=s.baseline_days_before, min_days=s.min_baseline_days)


def _event(frame, a, b, busy, observed, baseline, excess, usual, posts, s, *, platform, account) -> dict:
    base = _usual_days(frame, a, b, busy, s)
    evidence = exposure_evidence(frame, a, b, base, s)
    best = evidence.best
    expected = evidence.expected[best] if best else None
    crowd = post_people(people_evidence(frame, a, b, base, s), *posts, a, b, base, s)
    people = crowd.came(observed - (expected or 0.0))
    retention = retention_30d(frame, b, excess, base)
    engagement_change = engagement_per_follower_change(frame, a, b)
    days = b - a + 1
    verdict = classify(
        observed=observed,
        expected=expected,
        excess=excess,
        days=days,
        retention=retention,
        engagement_change=engagement_change,
        exposure_lift=evidence.lift(best) if best else np.nan,
        capacity=people.capacity,
        room=crowd.hidden.room,
        ratio=evidence.ratios[best] if best else None,
        spread=evidence.wander() if best else 0.0,
        settings=s,
    )
    excess_by_day = frame["follows"].to_numpy(dtype=float)[a : b + 1] - usual[a : b + 1]
    peak = a + int(np.nanargmax(excess_by_day))
    dates = frame.index
    came = min(people.capacity, max(0.0, observed - expected)) if expected is not None else 0.0
    bought_share = np.nan if expected is None else min(1.0, max(0.0, (observed - expected - came) / observed))
    # a bought verdict reads best in impressions; a people one in the people who came; any other
    # in the signal that decided it
    by_people = verdict.reason in ("people", "some_people")
    judged = verdict.reason in ("bought", "hidden_people")
    shown = evidence.shown if judged else people.signal if by_people else best
    sentence = explain(
        verdict=verdict,
        excess=excess,
        days=days,
        usual_per_day=baseline / max(1, days),
        best=shown,
        event_rate=evidence.event_rates.get(shown, np.nan) if shown else np.nan,
        usual_rate=evidence.rates.get(shown, np.nan) if shown else np.nan,
        lift=people.lift if by_people else evidence.lift(shown) if shown else np.nan,
        extra=people.extra if by_people else np.nan,
        retention=retention,
        post_id=people.post_id,
        hidden=crowd.hidden.signal,
        room=crowd.hidden.room,
    )
    return {
        "platform": platform,
        "account": account,
        "start": dates[a],
        "peak": dates[peak],
        "end": dates[b],
        "observed_follows": round(observed),
        "baseline_follows": round(baseline),
        "excess_follows": round(excess),
        "expected_from_exposure": None if expected is None else round(expected),
        "bought_share": bought_share,
        "follows_per_1k_impressions_event": 1000 * evidence.event_rates.get("impressions", np.nan),
        "follows_per_1k_impressions_baseline": 1000 * evidence.rates.get("impressions", np.nan),
        "reach_lift": evidence.lift("reach"),
        "engagement_lift": evidence.lift("interactions"),
        "visits_lift": evidence.lift("profile_visits"),
        "linked_post_id": (people.post_id if by_people else None)
        or _linked_post(posts[0], dates[a], dates[b]),
        "retention_30d": retention,
        "label": verdict.label,
        "confidence": verdict.confidence,
        "explanation": sentence,
    }


def _posts_of(posts: pd.DataFrame | None, platform, account) -> pd.DataFrame | None:
    if posts is None or not len(posts) or "published_at" not in posts or "post_id" not in posts:
        return None
    keep = pd.Series(True, index=posts.index)
    for column, value in (("platform", platform), ("account", account)):
        if column in posts and not pd.isna(value):
            keep &= posts[column] == value
    return posts[keep.fillna(False).astype(bool)]


def _linked_post(posts: pd.DataFrame | None, start: pd.Timestamp, end: pd.Timestamp):
    if posts is None or not len(posts):
        return None
    day = pd.to_datetime(posts["published_at"], utc=True).dt.tz_localize(None).dt.normalize()
    inside = posts[(day >= start - pd.Timedelta(days=1)) & (day <= end)]
    if not len(inside):
        return None
    order = [c for c in ("follows", "impressions") if c in inside]
    if order:
        inside = inside.sort_values(order, ascending=False, na_position="last")
    return inside["post_id"].iloc[0]
