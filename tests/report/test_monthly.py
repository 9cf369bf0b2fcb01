"""A report of one period: its figures beside the previous period's and a year ago's, worked out apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import smanalytics
from smanalytics.metrics import best_times
from smanalytics.report import content, figures, findings, sections
from smanalytics.report.manifest import load_manifest
from tests.metrics import test_best_times as tm
from tests.report._exports import CAFE_POSTS, write_client
from tests.report.test_content import cells, prepare

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "clients.yaml"


def test_a_month_the_exports_stop_in_is_said_and_compared_with_the_month_before(cafe: Path):
    # the cafe's data runs 1 Jan to 4 Feb 2026 (200 followers + 5 a day)
    report = prepare(cafe, "cafe", period="2026-02")
    assert report.covered == (dt.date(2026, 2, 1), dt.date(2026, 2, 4))
    assert sections.coverage_note(report) == (
        "The exports end on 4 Feb, so the figures for February 2026 cover 1 Feb to 4 Feb 2026."
    )
    assert "Social media report: Instagram, February 2026" in str(sections.title(report))
    header, rows = cells(sections.key_figures(report))
    assert header == [
        "Channel", "Figure", "February 2026 (1 Feb to 4 Feb 2026)", "January 2026", "Change",
        "February 2025", "Change",
    ]  # fmt: skip
    # February: post 4 alone, 2 comments / 400 followers = 5.00 per 1,000; 1 post in 4 days = 1.75 a week;
    # followers 200 + 5 x 34 = 370 on 4 Feb.
    # January: posts 1 and 2 organic, (4 + 2) / (200 + 200) = 15.00 per 1,000; 3 posts in 31 days =
    # 0.68 a week; followers 200 + 5 x 30 = 350 on 31 Jan.
    # One month of history before February: no change to learn from, so only doubling counts:
    # 15.00 -> 5.00 is a third: fell; 0.68 -> 1.75 more than doubled: rose; followers +20: rose.
    # February 2025 is before the data: unknown.
    assert rows[:3] == [
        ["Instagram", "Followers", "370", "350", "↑ +20", "unknown", ""],
        ["", "Posts a week", "1.8", "0.7", "↑ +1.1", "unknown", ""],
        ["", "Comments per 1,000 followers", "5.00", "15.00", "↓ −10.00", "unknown", ""],
    ]
    assert findings.findings(report)[0] == (
        "Conversation on Instagram fell from 15.00 to 5.00 comments per 1,000 followers compared with "
        "January 2026."
    )
    # the consistency table gives the period's posts a week as the key figures do (not 1 post a week
    # touched)
    _, consistency = cells(sections.consistency(report))
    assert consistency[0][:2] == ["Instagram", "1.8"]


def test_a_period_the_exports_start_and_end_inside_is_said(cafe: Path):
    report = prepare(cafe, "cafe", period="2025-12-15..2026-02-10")
    assert sections.coverage_note(report) == (
        "The exports start on 1 Jan and end on 4 Feb, so the figures for 15 Dec 2025 to 10 Feb 2026 "
        "cover only those days."
    )


def test_a_period_the_exports_do_not_cover_is_said_and_has_no_figures(cafe: Path):
    report = prepare(cafe, "cafe", period="2026-W20")
    assert report.covered is None and not len(report.summary)
    assert sections.coverage_note(report) == (
        "The exports hold no data for week 20 of 2026: there is nothing to report for it."
    )
    assert "The exports hold no data for the period of this report." in report.missing


def _expected(posts: pd.DataFrame, daily: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Followers, posts a week and organic comments per 1,000 followers per account, in plain pandas."""
    start, end = pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1)
    day = posts["published_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    mine = posts[(day >= start) & (day < end)].copy()
    mine["day"] = day[mine.index].dt.normalize()
    known = daily.dropna(subset=["followers"]).sort_values("date")
    rows = []
    for (platform, account), d in known.groupby(["platform", "account"]):
        p = mine[(mine["platform"] == platform) & (mine["account"] == account)]

        # each post's audience: its own followers, else the account's followers that day (or the day before)
        def audience_of(post, d=d):
            before = d.loc[d["date"] <= post.day, "followers"]
            return post.followers if pd.notna(post.followers) else before.iloc[-1] if len(before) else np.nan

        audience = [audience_of(post) for post in p.itertuples()]
        p = p.assign(audience=pd.array(audience, dtype="Float64"))
        organic = p[~p["paid"].fillna(False) & p["comments"].notna() & (p["audience"] > 0).fillna(False)]
        up_to = d[d["date"] < end]
        rows.append(
            {
                "platform": platform,
                "account": account,
                "followers": float(up_to["followers"].iloc[-1]) if len(up_to) else np.nan,
                "posts_per_week": len(p) / ((last - first).days + 1) * 7,
                "conversation_per_1k": 1000 * organic["comments"].sum() / organic["audience"].sum()
                if len(organic) else np.nan,
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.slow
@pytest.mark.parametrize(("client", "year_ago_known"), [("corner-cafe", True), ("lucys-lemonade", False)])
def test_september_2026_beside_august_and_a_year_ago_equals_a_computation_from_the_canonical_tables(
    client, year_ago_known
):
    (spec,) = [c for c in load_manifest(SAMPLES).clients if c.id == client]
    dataset = smanalytics.load(content.resolve_exports(spec.exports))
    report = content.prepare(dataclasses.replace(spec, period="2026-09"), strict=True)
    periods = {
        "September 2026": (report.summary, dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
        "August 2026": (report.previous.summary, dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
        "September 2025": (report.year_ago.summary, dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
    }
    for name, (summary, first, last) in periods.items():
        if name == "September 2025" and not year_ago_known:
            # Lucy's exports start in November 2025: a year ago is unknown, not zero
            assert report.year_ago.covered is None and not len(summary)
            continue
        expected = _expected(dataset.posts, dataset.daily, first, last)
        got = summary.assign(conversation_per_1k=1000 * summary["organic_conversation_rate"].astype(float))
        got = got[["platform", "account", "followers", "posts_per_week", "conversation_per_1k"]]
        got = got.astype({"platform": str, "account": str, "followers": float, "posts_per_week": float})
        expected = expected.astype({"platform": str, "account": str})
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_exact=False, rtol=1e-9)
    header, rows = cells(sections.key_figures(report))
    assert header[2:] == ["September 2026", "August 2026", "Change", "September 2025", "Change"]
    tables = re.findall(r"<table.*?</table>", str(sections.key_figures(report)))
    assert len(tables) == len(report.summary) > 1  # one per channel: a page break can fall between them
    assert len({re.search(r"<thead>.*</thead>", t).group() for t in tables}) == 1  # each with the header
    comments = [r for r in rows if r[1] == "Comments per 1,000 followers"]
    assert len(comments) == len(report.summary)
    for row, r in zip(comments, report.summary.itertuples(), strict=True):
        assert row[2] == f"{1000 * r.organic_conversation_rate:.2f}"
        august = report.previous.summary.set_index("platform")["organic_conversation_rate"]
        assert row[3] == f"{1000 * august[r.platform]:.2f}"
        assert row[4][0] in "↑↓→"
        assert (row[5] == "unknown") != year_ago_known


def test_metrics_json_format_2_has_the_period_the_comparison_and_best_times(cafe: Path, tmp_path: Path):
    report = prepare(cafe, "cafe", period="2026-02")
    data = figures.metrics(report)
    assert data["format"] == 2
    assert data["period"] == {
        "start": "2026-02-01", "end": "2026-02-28", "kind": "month",
        "covered": {"start": "2026-02-01", "end": "2026-02-04"},
    }  # fmt: skip
    previous, year_ago = data["comparison"]["previous"], data["comparison"]["year_ago"]
    assert (previous["start"], previous["end"]) == ("2026-01-01", "2026-01-31")
    (january,) = previous["accounts"]
    assert january["conversation_per_1k"] == pytest.approx(15.0)  # (4 + 2) / (200 + 200)
    assert set(january) == set(data["accounts"][0])  # the same figures per account
    change = next(c for c in previous["changes"] if c["figure"] == "organic_conversation_rate")
    assert change["value"] == pytest.approx(0.005) and change["other_value"] == pytest.approx(0.015)
    assert change["verdict"] == "fall"
    assert year_ago["covered"] is None and year_ago["accounts"] == []
    assert {c["verdict"] for c in year_ago["changes"]} == {"unknown"}
    # the index figures carry their previous values: 350 followers on 31 Jan, 0.7 posts a week
    index = {e["label"]: e for e in data["index"]}
    assert index["Followers"] == {"label": "Followers", "value": "370", "previous": "350", "year_ago": None,
                                  "verdict": "rise"}  # fmt: skip
    assert index["Posts a week"]["previous"] == "0.7"
    assert index["Best conversation (comments per 1,000)"]["previous"] == "15.00"
    assert index["Best conversation (comments per 1,000)"]["verdict"] == "fall"
    # 4 posts in all: too few for any weekday to be judged
    assert data["best_times"] == []
    json.dumps(data, allow_nan=False)  # stays valid JSON


def test_all_the_data_is_kind_all_with_no_comparison(cafe: Path):
    data = figures.metrics(prepare(cafe, "cafe"))
    assert data["period"] == {"start": "2026-01-01", "end": "2026-02-04", "kind": "all",
                              "covered": {"start": "2026-01-01", "end": "2026-02-04"}}  # fmt: skip
    assert data["comparison"] == {"previous": None, "year_ago": None}
    assert "previous" not in data["index"][0]


def test_the_index_shows_each_figure_with_its_change(cafe: Path, tmp_path: Path):
    from smanalytics.report.batch import BatchResult, ClientResult
    from smanalytics.report.index import index_html

    out = tmp_path / "out"
    (out / "cafe").mkdir(parents=True)
    data = figures.metrics(prepare(cafe, "cafe", period="2026-02"))
    (out / "cafe" / "metrics.json").write_text(json.dumps(data), encoding="utf-8")
    page = index_html(BatchResult([ClientResult("cafe", "Café", "ok")], out), out)
    assert "1 client: February 2026, against January 2026" in page
    assert '370<br><small class="sm-change">↑ from 350</small>' in page
    assert '5.00 (Instagram)<br><small class="sm-change">↓ from 15.00</small>' in page


def test_the_periods_posts_with_no_comment_are_listed(tmp_path: Path):
    posts = [row[:] for row in CAFE_POSTS]
    posts[1][9] = 0  # post 2 (12 Jan): no comment
    folder = write_client(tmp_path / "quiet", posts=posts)
    shown = str(sections.quiet_posts(prepare(folder, "cafe", period="2026-01")))
    assert "1 of the 3 posts of January 2026 got no comment at all:" in shown
    _, rows = cells(shown)
    assert [r[0] for r in rows] == ["12 Jan 2026"]
    assert "Every post of February 2026 got at least one comment." in str(
        sections.quiet_posts(prepare(folder, "cafe", period="2026-02"))
    )


def test_the_best_time_is_one_sentence_per_channel(cafe: Path):
    report = prepare(cafe, "cafe", period="2026-02")
    said = str(sections.best_times(report))  # 3 organic posts up to February: post 3 was boosted
    assert (
        "On Instagram, not enough posts yet to say: 3 posts whose conversation is known so far, and a day "
        "needs 5."
    ) in said
    times = best_times(tm.cafe())
    said = str(sections.best_times(dataclasses.replace(report, best_times=times)))
    assert "Your Saturday morning posts on Instagram got 2.0x your usual conversation (6 posts)." in said


def test_the_headline_names_the_days_of_the_previous_period_the_exports_cover(cafe: Path):
    # week 2 (5 to 11 Jan 2026): post 1 alone, 4 comments / 200 followers = 20.00 per 1,000; week 1
    # (29 Dec to 4 Jan) is covered from 1 Jan only, with no post: its conversation is not given.
    report = prepare(cafe, "cafe", period="2026-W02")
    assert findings.findings(report)[0] == (
        "Conversation on Instagram was 20.00 comments per 1,000 followers in week 2 of 2026; the exports "
        "do not give it for week 1 of 2026 (1 Jan to 4 Jan 2026), so it cannot be compared."
    )


def test_without_a_period_a_channel_that_started_late_is_counted_from_its_first_day(tmp_path: Path):
    facebook = ["facebook", "cafe", "f1", "2025-11-01T10:00:00Z", "photo", "old", "false", 50, 1, 1, 0]
    report = prepare(write_client(tmp_path / "c", posts=[*CAFE_POSTS, facebook]), "c")
    # Facebook: 1 post, 1 Nov 2025 to the client's last day, 4 Feb 2026 (96 days): 7 / 96 a week.
    # Instagram's data starts on 1 Jan 2026: 4 posts in 35 days = 0.8 a week (not 4 in 96 days).
    weekly = report.summary.set_index("platform")["posts_per_week"].astype(float)
    assert weekly.to_dict() == pytest.approx({"facebook": 7 / 96, "instagram": 0.8})
    assert report.summary.set_index("platform")["days_since_last_post"].to_dict() == {
        "facebook": 95, "instagram": 2,
    }  # fmt: skip
    _, rows = cells(sections.consistency(report))
    assert [r[:2] for r in rows] == [["Facebook", "0.1"], ["Instagram", "0.8"]]
