"""Run the spike benchmark: the detector and four baselines on both generators' suites, then NAB.

Usage (from the repository root, a few minutes on 2 cores)::

    .venv/bin/python benchmarks/spikes/run.py [--seed 20261123] [--out FILE]

Three suites: ``generate.py`` in its ``default`` and ``hard`` styles (240
accounts of 365 days) and ``audience.py``, the second, independent
generator (240 accounts of 540 days). Writes every figure to
``benchmarks/RESULTS-spikes.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from audience import audience_suite  # noqa: E402
from baselines import BASELINES  # noqa: E402
from generate import generate_suite  # noqa: E402
from nab import run_nab  # noqa: E402
from score import KINDS, LOOKALIKES, SIZE_BUCKETS, errors, score  # noqa: E402

from smanalytics import schema  # noqa: E402
from smanalytics.growth import SpikeSettings, detect_spikes  # noqa: E402

NAB = HERE.parent.parent.parent / "shared" / "real-exports" / "nab-realtweets"
DEFAULT_Z = SpikeSettings().z_peak
LOOKALIKE_WORDS = {"viral": "viral", "giveaway": "giveaway", "shoutout": "shout-out", "collab": "collab"}


@dataclass
class Suite:
    name: str
    generator: str
    seed: int
    daily: pd.DataFrame
    posts: pd.DataFrame | None
    truth: pd.DataFrame
    meta: pd.DataFrame
    seconds: float

    @property
    def scored(self) -> pd.DataFrame:
        """Accounts whose export has some exposure (the others are scored apart)."""
        return self.meta[self.meta["exports"] != "bare"]


def make_suite(name: str, seed: int, accounts: int) -> Suite:
    t0 = time.perf_counter()
    if name == "audience":
        daily, posts, truth, meta = audience_suite(seed, accounts=accounts)
        generator = "audience.py"
    else:
        daily, truth, meta = generate_suite(seed, accounts=accounts, style=name)
        posts, generator = None, f"generate.py, {name} style"
    return Suite(name, generator, seed, daily, posts, truth, meta, time.perf_counter() - t0)


def run_detector(suite: Suite) -> tuple[pd.DataFrame, float]:
    start = time.perf_counter()
    posts = None if suite.posts is None else schema.conform(suite.posts, "posts")
    events = detect_spikes(schema.conform(suite.daily, "daily"), posts)
    return events, time.perf_counter() - start


def run_baseline(name: str, daily: pd.DataFrame, accounts) -> tuple[pd.DataFrame, float]:
    fn = BASELINES[name]
    start = time.perf_counter()
    rows = []
    for account, part in daily[daily["account"].isin(accounts)].groupby("account"):
        rows += [{"account": account, "start": a, "end": b} for a, b in fn(part)]
    return pd.DataFrame(rows, columns=["account", "start", "end"]), time.perf_counter() - start


def _pct(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{100 * x:.0f}%"


def _f(x, digits=2) -> str:
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{digits}f}"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=240)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", default=str(HERE.parent / "RESULTS-spikes.md"))
    parser.add_argument("--suites", default="default,hard,audience", help="suites, comma-separated")
    parser.add_argument("--other-seeds", default="1,2", help="seeds for the detector-only stability table")
    parser.add_argument("--no-baselines", action="store_true", help="run the detector only")
    parser.add_argument(
        "--z-peak-sweep",
        default="4,6,8",
        help="z_peak values tried on every suite (the NAB section's trade-off)",
    )
    args = parser.parse_args(argv)
    args.argv = argv
    started, load_before = dt.datetime.now(dt.UTC), _load()
    summary, with_visits, sections = [], [], []
    for i, name in enumerate(args.suites.split(",")):
        suite = make_suite(name, args.seed + i, args.accounts)
        results, seconds, events = _run_suite(suite, baselines=not args.no_baselines)
        summary.append((suite, results["detector"]))
        with_visits += _with_visits(suite, events)
        sections += _suite_section(suite, results, seconds, events)
    stability = _stability(args) if args.other_seeds else []
    t1 = time.perf_counter()
    nab = run_nab(NAB) if NAB.is_dir() else None
    nab_lines = _nab_section(nab, time.perf_counter() - t1)
    if args.z_peak_sweep:
        nab_lines += _z_peak_sweep(args, [float(z) for z in args.z_peak_sweep.split(",")], summary)
    head = _head(args, started, load_before) + _summary(summary, with_visits)
    lines = head + sections + stability + nab_lines + NOTES
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


NOTES = [
    "",
    "## Reading the figures",
    "",
    "* **Why the second generator falls short of F1 0.95**, from its section's line \"false detections"
    ' by the event they hit" (seed 20261125). Of its 14 false detections, 8 are shout-outs in exports'
    " without profile visits: follows jump while impressions, reach and interactions stay within "
    "their usual wandering (the visitors look at a few posts, but an ordinary post adds more reach on"
    " any day), so no figure such an export has tells them from a purchase; where the export has "
    "visits no shout-out was called bought. 4 are bursts of 15-42 follows where no event was "
    "injected, and 2 are parts of giveaways of 17 and 29 entrants. Of its 12 missed targets, 5 were "
    "delivered within a day of a viral post of about their size: with exposure up 3 times or more the"
    " detector asks for 5 times the follows exposure explains, the low end of the jump reported for "
    "purchases, and the post's own follows hide the package (the label is `unclear` or `organic`, "
    "never a guess). 2 are packages under 50 follows, 1 was never a candidate (an account whose "
    "follows swing several-fold with its posts hides a 2% package in that swing), and 4 were labelled"
    " `unclear` by the exposure and people evidence. The shout-outs are a hard limit of such exports,"
    " not a tuning gap: every shout-out in an export with visits was left unbought (0 of 17; 0 of 12 "
    "on seed 777), while 8 of 8 without visits were called bought (14 of 15 on seed 777). Without "
    "them precision would be 0.89 and F1 0.84 on this seed (0.95 and 0.88 on seed 777); finding the "
    "5 packages beside a viral post as well would still leave F1 near 0.89. The held-out generator of"
    " issue 16 has no shout-outs; its quarter of exports without visits is where a shout-out and a "
    "purchase look alike.",
    "* **What changed since the last run** (each measured on both generators and on a second seed, "
    "240 accounts per suite). A window whose days the export skipped hold most of its follows (they "
    "come from the totals, with no exposure) was `unclear` as a whole; the skipped days are now "
    "judged apart (`unclear`) and the days the export shows by their own exposure, while a window "
    "whose shown days hold half of its follows or more stays whole (a drip with a skipped day stays "
    "one drip): hard-style recall 0.83 to 0.89 (seed 20261124), default 0.96 to 0.97, audience "
    "unchanged. And where the signal an event is judged on is a count of people that did not rise "
    "(a few comments a day, at x0.81 usual beside impressions at x0.52), the account's own "
    "wandering is measured against the steadiest of it and its reach signals, not against the "
    "comments' own counting noise: hard-style recall 0.89 to 0.91 (seed 778: 0.91 to 0.92), "
    "default and audience unchanged, no new false detection. Both together on the stability table's "
    "seed 777: hard recall 0.79 to 0.82 (F1 0.87 to 0.89), default F1 0.99 and audience 0.79 as "
    "before.",
    "* **What the detector weighs against look-alikes.** Each extra visitor, commenter or liker "
    "beyond what the reach brings may explain one follow, in the daily table and post by post (a "
    "giveaway's post gathers comments its reach does not bring; follows a platform attributes to a "
    "post are people). Where such people explain half of the follows that exposure leaves unexplained"
    " or more, the rest is `unclear`, never bought. Where a daily likes, comments or visits signal "
    "wanders so much that as many people as the follows above the usual could have come unseen (a "
    "giveaway of a few dozen entrants on a small account), the label is `unclear` as well: this took "
    "giveaways labelled bought on the second generator from 13% to 4% and its false detections from "
    "18 to 14, at a cost: small packages are found less often (24% and 37% in the two smallest size "
    "bands, were 35% and 47%) and 1 target more is missed. On the first generator it changed 1 label "
    "of the 1,743 events of the hard suite, no figure of the summary table. An account's own wild "
    "days (heavy tails in follows per impression) raise the bar its events must pass.",
    "* **Tried and not kept** (on seeds 20261125 and 777 of the second generator, 240 accounts). "
    "The timing of follows inside an event: each day judged against the event's own conversion on "
    "its other days (where exposure rose 3 times or more, the viral post's follows per impression "
    "measured on its days without the package, and the package day needing 3 times that) found 1 "
    "more target and 1 more false detection on seed 20261125 and 1 more false detection on seed 777;"
    " letting it also overrule the people evidence found 3 more targets on seed 777 but called 2 more"
    " giveaways bought. Packages beside a viral post mostly land on its first or second day, whose "
    "own conversion is then the one contaminated, and a package of about the post's size only "
    "doubles that day's follows, short of the 3 times needed. A floor of 0.4 under the account's "
    "wandering (a one-day jump needing 5 times the follows exposure explains) removed 3 of the 14 "
    "false detections of seed 20261125 (2 bursts of 16-42 follows, 1 shout-out) and none of seed "
    "777, lost 1 target of the hard style, and turned a 13-follow day of the real X export from "
    "`suspected_bought` to `unclear` once 12% of days were dropped (the robustness test of the real "
    "exports); at 0.5 it lost 4 targets. Measuring the wandering against the steadiest signal even "
    "where the signal judged rose found 1 more target on seed 20261125 but called a viral post "
    "(x3.4 its interactions' usual follows) bought on seed 777. Candidates judged against each "
    "day's own exposure (an earlier run) found 1 more target on the default suite and 2 on seed "
    "20261125 but lost 1 and added a false detection on seed 777.",
    "* **The candidate threshold.** NAB scores the candidate stage alone: every candidate counts as a"
    " detection, and its standard profile charges each false one. The default `z_peak` is 5, within "
    "10% of NAB's best single threshold; at 4 ordinary heavy-tailed days became candidates that the "
    "exposure stage now and then called bought, and packages of 2% of followers stand far above 5.",
    "* The first generator's `hard` style (stronger noise and weekly cycles, 10% missing days, viral "
    "posts converting at up to 1.5x the usual rate) is kept beside its default style as a stress "
    "test, as it was before the second generator existed.",
]


def _run_suite(suite: Suite, *, baselines: bool):
    results, seconds = {}, {}
    events, seconds["detector"] = run_detector(suite)
    results["detector"] = score(events, suite.truth, suite.scored, daily=suite.daily)
    for name in BASELINES if baselines else ():
        found, seconds[name] = run_baseline(name, suite.daily, set(suite.scored["account"]))
        results[name] = score(found, suite.truth, suite.scored)
    return results, seconds, events


def _head(args, started, load_before) -> list[str]:
    return [
        "# Follower spike benchmark",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC on {platform.node() or 'a'} ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, pandas {pd.__version__}); load "
        f"average {load_before} at the start and {_load()} at the end (1, 5, 15 minutes). The machine "
        "was shared with other developers' work, so timings are indicative only; the detection figures "
        "do not depend on load.",
        "",
        "Command: `.venv/bin/python benchmarks/spikes/run.py "
        + " ".join(shlex.quote(a) for a in (sys.argv[1:] if args.argv is None else args.argv))
        + "`",
        "",
        "Two generators, written apart so that one can check a detector tuned on the other: "
        "`generate.py` draws exposure and turns it into follows at a steady rate per impression (styles "
        "`default` and `hard`: stronger noise, weekly cycles, post effects, 10% missing days, level "
        "shifts, viral conversion up to 1.5x); `audience.py` simulates the path people take (posts reach "
        "people, some open the profile, some follow), with heavy-tailed noise, weekday habits, yearly "
        "seasons and holidays, platform outages with zero days, drips over 1-4 weeks, purges, packages "
        "bought within a day of a viral post, collaborations, giveaways whose entrants leave after the "
        "draw, and six export kinds (Meta per-metric files without totals or comments, X without "
        "totals, TikTok without impressions, reach without impressions, totals without follows, no "
        "exposure), a quarter without profile visits and half without a posts table.",
        "",
        "A hit is a `suspected_bought` window (every window, for the baselines) that overlaps the true "
        "window within 2 days either side. The target of the acceptance test is bought spikes of >= 2% "
        "of followers delivered in <= 3 days; detections that hit only a smaller bought spike or a drip "
        "count neither for nor against it, and any other detection is a false one. False alarms are "
        "`suspected_bought` windows on clean accounts (no event at all) per account-year.",
        "",
        "Methods: `detector` is `smanalytics.growth.detect_spikes` with its default `SpikeSettings` "
        "(given the posts table where the suite has one); the baselines (`benchmarks/spikes/baselines.py`) "
        "flag windows and cannot label them, so every window counts as a bought claim: `robust_z` (daily "
        "follows against a centred 29-day median, 1.4826 MAD, z >= 3.5), `shesd` (the `sesd` package's "
        "Seasonal Hybrid ESD, period 7, alpha 0.05, at most 3% of days, upward only), `adtk_level` "
        "(ADTK's LevelShiftAD pipeline, window 5, c 6, positive side, on the follower count; re-done in "
        "numpy because ADTK 0.6 raises under pandas 3) and `pelt` (ruptures' PELT search with an L2 "
        "cost, penalty 3 sigma^2 log n; segments above both neighbours and at most 30 days long). "
        "Accounts that export no exposure are scored apart.",
        "",
    ]


def _with_visits(suite: Suite, events: pd.DataFrame) -> list[tuple[str, dict]]:
    """The detector's figures on the accounts whose export has profile visits, where some lack them."""
    visits = suite.daily.groupby("account")["profile_visits"].apply(lambda v: v.notna().any())
    have = suite.scored[suite.scored["account"].map(visits).fillna(False).astype(bool)]
    if len(have) in (0, len(suite.scored)):
        return []
    name = f"{suite.name}, exports with profile visits ({len(have)} of {len(suite.scored)} accounts)"
    return [(name, score(events, suite.truth, have, daily=suite.daily))]


def _summary(summary, with_visits=()) -> list[str]:
    words = " | ".join(f"{LOOKALIKE_WORDS[k]} labelled bought" for k in LOOKALIKES)
    L = [
        "## The detector on both generators",
        "",
        "Acceptance (issue 16), on both generators: bought >= 2% F1 >= 0.95, viral labelled bought <= 3%, "
        "giveaways labelled bought <= 10%, false alarms <= 0.1 per account-year.",
        "",
        f"| suite | target events | recall | precision | F1 | {words} | false alarms / account-year |",
        "|---|---|---|---|---|" + "---|" * len(LOOKALIKES) + "---|",
    ]
    for name, r in [(suite.name, r) for suite, r in summary] + list(with_visits):
        cells = " | ".join(f"{_pct(r[f'{k}_hit'])} (n={r[f'{k}_n']})" for k in LOOKALIKES)
        L.append(
            f"| {name} | {r['target_events']} | {_f(r['recall'])} | {_f(r['precision'])} | "
            f"{_f(r['f1'])} | {cells} | {_f(r['false_alarms_per_account_year'])} |"
        )
    return L + [""]


def _suite_section(suite: Suite, results, seconds, events) -> list[str]:
    meta, truth = suite.meta, suite.truth
    d = results["detector"]
    years = int(meta["days"].iloc[0])
    exports = ", ".join(f"{k} {v}" for k, v in meta["exports"].value_counts().items())
    L = [
        f"## Suite: {suite.name}",
        "",
        f"{len(meta)} synthetic accounts of {years} days (generator `benchmarks/spikes/{suite.generator}`, "
        f"seed {suite.seed}, {suite.seconds:.1f} s): {int(meta['clean'].sum())} clean, the rest with 1-3 "
        f"events. Exports: {exports}. Events: "
        + ", ".join(f"{k} {v}" for k, v in truth["kind"].value_counts().items())
        + ".",
        "",
        "| method | target events | recall | precision | F1 | "
        + " | ".join(f"{LOOKALIKE_WORDS[k]} flagged" for k in LOOKALIKES)
        + " | false alarms / account-year (clean) | seconds |",
        "|---|---|---|---|---|" + "---|" * len(LOOKALIKES) + "---|---|",
    ]
    for m, r in results.items():
        L.append(
            f"| {m} | {r['target_events']} | {_f(r['recall'])} | {_f(r['precision'])} | {_f(r['f1'])} | "
            + " | ".join(_pct(r[f"{k}_hit"]) for k in LOOKALIKES)
            + f" | {_f(r['false_alarms_per_account_year'])} | {seconds[m]:.1f} |"
        )
    L += [
        "",
        "### By event size (share of followers)",
        "",
        "For bought spikes and drips the share found; for the organic look-alikes the share wrongly "
        "flagged (lower is better).",
        "",
        "| method | kind | " + " | ".join(name for *_, name in SIZE_BUCKETS) + " |",
        "|---|---|" + "---|" * len(SIZE_BUCKETS),
    ]
    for m, r in results.items():
        for kind in KINDS:
            if not r[f"{kind}_n"]:
                continue
            cells = [f"{_pct(r[f'{kind}_hit_{n}'])} (n={r[f'{kind}_n_{n}']})" for *_, n in SIZE_BUCKETS]
            label = "flagged" if kind in LOOKALIKES else "found"
            L.append(f"| {m} | {kind} {label} | " + " | ".join(cells) + " |")
    bare = set(meta.loc[meta["exports"] == "bare", "account"])
    bare_events = events[events["account"].isin(bare)]
    bare_truth = truth[truth["account"].isin(bare) & truth["kind"].isin(["bought", "drip"])]
    L += [
        "",
        "### The detector in more detail",
        "",
        f"* all bought spikes (0.5-20%) found: {_pct(d['bought_hit'])} of {d['bought_n']}; "
        f"drip-fed purchases found: {_pct(d['drip_hit'])} of {d['drip_n']}",
    ]
    if d["over_viral_n"]:
        L.append(
            f"* target packages delivered within a day of a viral post found: {_pct(d['over_viral_hit'])} "
            f"of {d['over_viral_n']}"
        )
    L += [
        _stray_flags(suite, events),
        _errors_line(suite, events),
        f"* purges hit by a `suspected_bought` window: {_pct(d['purge_hit'])} of {d['purge_n']}",
        f"* `suspected_bought` windows: {d['detections']}, of which {d['false_detections']} hit no bought "
        "event",
        f"* mean absolute error of `bought_share` on target hits: {_f(d.get('bought_share_mae'), 3)}",
        f"* labels of all {len(events)} events: "
        + ", ".join(f"{k} {v}" for k, v in events["label"].value_counts().items()),
        f"* accounts without exposure columns: {len(bare_events)} events, labels "
        + (", ".join(f"{k} {v}" for k, v in bare_events["label"].value_counts().items()) or "none")
        + f"; {len(bare_truth)} bought or drip events were injected there and none can be called bought "
        "without exposure (by design the label is `unclear`).",
        "",
    ]
    return L


#: A clean account counts as one "with missing days" from this share of its days missing.
MISSING_SHARE = 0.05


def _stray_flags(suite: Suite, events: pd.DataFrame) -> str:
    """Bought flags per account-year on the clean accounts, by the gap their export has."""
    clean = suite.scored[suite.scored["clean"]]
    daily = suite.daily[suite.daily["account"].isin(set(clean["account"]))]
    rows = daily.groupby("account").size()
    visits = daily.groupby("account")["profile_visits"].apply(lambda v: v.notna().any())
    posts = clean.set_index("account")["posts"] if "posts" in clean else pd.Series(False, index=rows.index)
    days = clean.set_index("account")["days"]
    gappy = rows.index[rows < (1 - MISSING_SHARE) * days[rows.index]]
    groups = {
        "all": rows.index,
        f"with {MISSING_SHARE:.0%} of days or more missing": gappy,
        "without profile visits": visits.index[~visits.astype(bool)],
        "without a posts table": posts.index[~posts.astype(bool)],
    }
    flags = events[events["label"] == "suspected_bought"].groupby("account").size()
    parts = []
    for name, accounts in groups.items():
        if len(accounts):
            years = days[accounts].sum() / 365.0
            per_year = flags.reindex(accounts, fill_value=0).sum() / years
            parts.append(f"{name} ({len(accounts)} accounts) {per_year:.2f}")
    return "* stray `suspected_bought` flags per account-year on clean accounts: " + "; ".join(parts)


def _errors_line(suite: Suite, events: pd.DataFrame) -> str:
    why = errors(events, suite.truth, suite.scored, suite.daily)
    false = "; ".join(f"{kind} {where} {n}" for (kind, where), n in sorted(why["false"].items())) or "none"
    missed = "; ".join(f"{cause} {n}" for cause, n in sorted(why["missed"].items())) or "none"
    return (
        f"* false detections by the event they hit and the export: {false}. Target packages missed, by "
        f"cause: {missed}"
    )


def _stability(args) -> list[str]:
    """The detector alone on suites of other seeds: how much its figures move."""
    words = " | ".join(f"{LOOKALIKE_WORDS[k]} flagged" for k in LOOKALIKES)
    L = [
        "## Stability: the detector on suites of other seeds",
        "",
        f"| suite | seed | target events | recall | precision | F1 | {words} | false alarms / account-year |",
        "|---|---|---|---|---|---|" + "---|" * len(LOOKALIKES) + "---|",
    ]
    for seed in [int(s) for s in args.other_seeds.split(",")]:
        for name in args.suites.split(","):
            suite = make_suite(name, seed, args.accounts)
            events, _ = run_detector(suite)
            r = score(events, suite.truth, suite.scored)
            L.append(
                f"| {name} | {seed} | {r['target_events']} | {_f(r['recall'])} | {_f(r['precision'])} "
                f"| {_f(r['f1'])} | "
                + " | ".join(_pct(r[f"{k}_hit"]) for k in LOOKALIKES)
                + f" | {_f(r['false_alarms_per_account_year'])} |"
            )
    return L + [""]


def _default_nab(nab) -> float:
    return float(nab.loc[nab["threshold"] == DEFAULT_Z, "score"].iloc[0])


def _z_peak_sweep(args, values, summary) -> list[str]:
    """The follower suites at other candidate thresholds: what NAB's best threshold would cost."""
    L = [
        "",
        "### The candidate threshold on the follower suites",
        "",
        "| suite | z_peak | target recall | precision | F1 | all bought found | drips found |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, name in enumerate(args.suites.split(",")):
        suite = make_suite(name, args.seed + i, args.accounts)
        posts = None if suite.posts is None else schema.conform(suite.posts, "posts")
        daily = schema.conform(suite.daily, "daily")
        found = {DEFAULT_Z: summary[i][1]}
        for z in values:
            found[z] = score(detect_spikes(daily, posts, z_peak=z), suite.truth, suite.scored)
        for z, r in found.items():
            L.append(
                f"| {name} | {z:g} | {_f(r['recall'])} | {_f(r['precision'])} | {_f(r['f1'])} "
                f"| {_pct(r['bought_hit'])} | {_pct(r['drip_hit'])} |"
            )
    return L + [""]


def _nab_section(nab, seconds):
    L = []
    if nab is not None:
        best = nab.loc[nab["score"].idxmax()]
        L += [
            "",
            "## NAB realTweets: the candidate stage, causal, NAB standard profile",
            "",
            "The burst stage (robust level, MAD noise with a Poisson floor, z) run causally on NAB's 10 "
            "realTweets series (5-minute mention counts); detections are the onsets of runs above the "
            "threshold with a day's refractory period. Scoring is NAB's sweep scorer, re-implemented in "
            "`benchmarks/spikes/nab.py` (standard profile TP 1.0, FP 0.11, FN 1.0; probationary 15%; "
            "normalised so that no detection scores 0 and a detection at each window's start 100). As in "
            f"NAB, one threshold is chosen for the whole corpus: z >= {best['threshold']:g} scores "
            f"**{best['score']:.1f}** ({int(best['windows_found'])} of {int(best['windows'])} windows, "
            f"{int(best['fp_points'])} false detections); the detector's default `z_peak` "
            f"({DEFAULT_Z:g}) scores {_default_nab(nab):.1f}, {100 * _default_nab(nab) / best['score']:.0f}% "
            "of the best. Every threshold tried:",
            "",
            "| z threshold | normalised score | windows found | false detections |",
            "|---|---|---|---|",
        ]
        for row in nab.itertuples():
            L.append(
                f"| {row.threshold:g} | {row.score:.1f} | {row.windows_found}/{row.windows} "
                f"| {row.fp_points} |"
            )
        L += ["", f"NAB run time: {seconds:.1f} s."]
    return L


if __name__ == "__main__":
    sys.exit(main())
