"""Event-level scoring of spike detections against the generator's truth.

A detection *hits* a true event of the same account when their windows
overlap with 2 days of slack on each side (``start <= true_end + 2`` and
``end >= true_start - 2``). Detections are the windows labelled
``suspected_bought`` (every window, for the baselines).

* recall of bought spikes by size (share of followers) and of drips;
* the target of the acceptance test: bought spikes of >= 2% delivered in
  <= 3 days. Its precision counts as false every detection that hits no
  bought or drip event; detections that hit only bought events outside the
  target (smaller, or drips) are neither true nor false for it;
* the share of viral posts, giveaways, shout-outs and collaborations hit
  (labelled bought), and of purges;
* recall of target packages delivered within a day of a viral post
  (``over_viral``, second generator only);
* false alarms per account-year on clean accounts (no event at all);
* for the detector, the mean absolute error of ``bought_share`` on target
  hits: the truth is the bought follows inside the detected window over all
  follows observed in it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["score", "errors", "SIZE_BUCKETS", "LOOKALIKES", "KINDS"]

SLACK = pd.Timedelta(days=2)
SIZE_BUCKETS = [(0.005, 0.01, "0.5-1%"), (0.01, 0.02, "1-2%"), (0.02, 0.05, "2-5%"), (0.05, 0.2001, "5-20%")]
#: Organic events that look like bought ones in the follower count alone.
LOOKALIKES = ("viral", "giveaway", "shoutout", "collab")
KINDS = ("bought", "drip", *LOOKALIKES)


def _hits(det: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """All (detection, true event) pairs that overlap within the slack."""
    pairs = det.reset_index(names="det").merge(
        truth.reset_index(names="event"), on="account", suffixes=("", "_true")
    )
    ok = (pairs["start"] <= pairs["end_true"] + SLACK) & (pairs["end"] >= pairs["start_true"] - SLACK)
    return pairs[ok]


def score(
    detections: pd.DataFrame, truth: pd.DataFrame, meta: pd.DataFrame, *, daily: pd.DataFrame | None = None
) -> dict:
    """Figures for one method on the accounts of ``meta``.

    ``detections`` has ``account, start, end`` (and for the detector
    ``label`` and ``bought_share``), ``truth`` the generator's events.
    """
    accounts = set(meta["account"])
    truth = truth[truth["account"].isin(accounts)].reset_index(drop=True)
    truth = truth.assign(days=(truth["end"] - truth["start"]).dt.days + 1)
    det = detections[detections["account"].isin(accounts)]
    if "label" in det:
        det = det[det["label"] == "suspected_bought"]
    det = det.reset_index(drop=True)
    pairs = _hits(det, truth)
    hit_events = set(pairs["event"])
    is_bought = truth["kind"].isin(["bought", "drip"])
    target = (truth["kind"] == "bought") & (truth["share"] >= 0.02) & (truth["days"] <= 3)
    bought_pairs = pairs[pairs["event"].isin(truth.index[is_bought])]
    target_pairs = pairs[pairs["event"].isin(truth.index[target])]
    false = set(det.index) - set(bought_pairs["det"])
    tp = len(set(target_pairs["det"]))
    recall = np.mean([i in hit_events for i in truth.index[target]]) if target.any() else np.nan
    precision = tp / (tp + len(false)) if tp + len(false) else np.nan
    out = {
        "target_events": int(target.sum()),
        "recall": recall,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "detections": len(det),
        "false_detections": len(false),
    }
    for lo, hi, name in SIZE_BUCKETS:
        for kind in KINDS:
            sel = truth.index[(truth["kind"] == kind) & (truth["share"] >= lo) & (truth["share"] < hi)]
            out[f"{kind}_hit_{name}"] = np.mean([i in hit_events for i in sel]) if len(sel) else np.nan
            out[f"{kind}_n_{name}"] = len(sel)
    for kind in (*KINDS, "purge"):
        sel = truth.index[truth["kind"] == kind]
        out[f"{kind}_hit"] = np.mean([i in hit_events for i in sel]) if len(sel) else np.nan
        out[f"{kind}_n"] = len(sel)
    over_viral = truth.index[
        target & truth.get("over_viral", pd.Series(False, index=truth.index)).fillna(False)
    ]
    out["over_viral_hit"] = np.mean([i in hit_events for i in over_viral]) if len(over_viral) else np.nan
    out["over_viral_n"] = len(over_viral)
    clean = meta[meta["clean"]]
    years = clean["days"].sum() / 365.0
    out["false_alarms_per_account_year"] = det["account"].isin(set(clean["account"])).sum() / years
    if daily is not None and "bought_share" in det:
        out["bought_share_mae"] = _share_error(det, truth, target_pairs, daily)
    return out


def _share_error(det, truth, pairs, daily) -> float:
    errors = []
    by_account = {a: g.set_index("date") for a, g in daily.groupby("account")}
    for row in pairs.itertuples():
        d = det.loc[row.det]
        rows = by_account[d["account"]].loc[d["start"] : d["end"]]
        observed = rows["follows"].astype(float).sum()
        if "follows" not in rows or rows["follows"].isna().all():
            observed = rows["followers"].astype(float).diff().sum()
        start0 = by_account[d["account"]].index.min()  # the generators keep every account's first day
        bought = sum(
            v
            for day, v in truth.loc[row.event, "bought_by_day"].items()
            if d["start"] <= start0 + pd.Timedelta(days=day) <= d["end"]
        )
        if observed > 0 and pd.notna(d["bought_share"]):
            errors.append(abs(min(1.0, bought / observed) - d["bought_share"]))
    return float(np.mean(errors)) if errors else np.nan


#: Misses of the target below this many follows sit in a small account's noise.
SMALL = 50


def errors(detections: pd.DataFrame, truth: pd.DataFrame, meta: pd.DataFrame, daily: pd.DataFrame) -> dict:
    """Why the detector errs: its false detections by what they hit, its target misses by cause.

    False detections are split by the true event they overlap (``none``
    when none) and whether the account's export has profile visits; a
    missed target is ``beside a viral post``, ``under 50 follows``, ``no
    candidate`` (no event window overlaps it) or the label its window got.
    """
    accounts = set(meta["account"])
    truth = truth[truth["account"].isin(accounts)].reset_index(drop=True)
    truth = truth.assign(days=(truth["end"] - truth["start"]).dt.days + 1)
    events = detections[detections["account"].isin(accounts)].reset_index(drop=True)
    det = events[events["label"] == "suspected_bought"].reset_index(drop=True)
    visits = daily.groupby("account")["profile_visits"].apply(lambda v: v.notna().any())
    pairs = _hits(det, truth)
    bought = set(pairs.loc[pairs["event"].isin(truth.index[truth["kind"].isin(["bought", "drip"])]), "det"])
    false = {}
    for i in sorted(set(det.index) - bought):
        kinds = sorted(set(truth.loc[pairs.loc[pairs["det"] == i, "event"], "kind"])) or ["none"]
        key = (kinds[0], "with visits" if visits.get(det.loc[i, "account"], False) else "without visits")
        false[key] = false.get(key, 0) + 1
    target = (truth["kind"] == "bought") & (truth["share"] >= 0.02) & (truth["days"] <= 3)
    found = set(pairs["event"])
    windows = _hits(events, truth)
    missed = {}
    for e in truth.index[target]:
        if e in found:
            continue
        row = truth.loc[e]
        labels = set(events.loc[windows.loc[windows["event"] == e, "det"], "label"])
        if bool(row.get("over_viral", False)):
            cause = "beside a viral post"
        elif row["size"] < SMALL:
            cause = f"under {SMALL} follows"
        elif not labels:
            cause = "no candidate"
        else:
            cause = "labelled " + " or ".join(sorted(labels))
        missed[cause] = missed.get(cause, 0) + 1
    return {"false": false, "missed": missed}
