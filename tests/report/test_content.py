"""What the report says: figures worked out by hand, escaping, thin data, metrics.json."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from smanalytics.report import content, drawings, figures, findings, sections
from smanalytics.report.manifest import load_manifest
from smanalytics.report.spec import ClientSpec
from tests.report._exports import CAFE_POSTS, daily_rows, write_client, write_csv

#: Every part of the report, in the template's order.
PARTS = [
    sections.title,
    sections.headline,
    sections.key_figures,
    drawings.conversation_chart,
    sections.size_comparison,
    sections.top_posts,
    sections.quiet_posts,
    drawings.best_time_chart,
    sections.best_times,
    drawings.growth_chart,
    sections.spikes,
    drawings.posting_chart,
    sections.consistency,
    sections.content_mix,
    sections.responsiveness,
    sections.channel_focus,
    sections.appendix,
]
CHARTS = (
    drawings.conversation_chart,
    drawings.best_time_chart,
    drawings.growth_chart,
    drawings.posting_chart,
)


def prepare(folder: Path, client_id: str, **options) -> content.Report:
    """The report of the client in ``folder``, strict: a figure that cannot be computed fails the test."""
    return content.prepare(ClientSpec(client_id, exports=[str(folder / "*.csv")], **options), strict=True)


def pages(report) -> dict[str, str]:
    return {part.__name__: part(report)._repr_html_() for part in PARTS}


@pytest.fixture
def report(cafe: Path):
    return prepare(cafe, "cafe", name="Café <b>Bold</b>", hours_per_week=2)


def test_key_figures_are_per_1000_followers_with_paid_apart(report):
    header, rows = cells(sections.key_figures(report))
    assert header == [
        "Channel",
        "Followers",
        "Posts a week",
        "Comments",
        "Comments (boosted)",
        "Shares",
        "Likes",
        "Engaged of those reached",
    ]
    # latest followers: 200 + 5 * 34 = 370 on Feb 4; 4 posts in 35 days = 0.8 a week;
    # organic comments (4 + 2 + 2) / (200 + 200 + 400) * 1000 = 10.00;
    # the boosted post 6 / 400 * 1000 = 15.00; organic shares (2 + 0 + 1) / 800 * 1000 = 3.75;
    # likes (20 + 30 + 10) / 800 * 1000 = 75.0; no reach exported
    assert rows == [["Instagram", "370", "0.8", "10.00", "15.00", "3.75", "75.0", "–"]]


def cells(markup) -> tuple[list[str], list[list[str]]]:
    """Header and body cells of an HTML table (unescaped); of several tables with one header (as the
    key figures give one per channel), the header once and every table's rows in turn."""
    text = str(markup)
    head = re.search(r"<thead>(.*?)</thead>", text).group(1)
    header = [html.unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", head)]
    rows = [
        [html.unescape(c) for c in re.findall(r"<td(?: [^>]*)?>(.*?)</td>", tr)]
        for body in re.findall(r"<tbody>(.*?)</tbody>", text)
        for tr in re.findall(r"<tr>(.*?)</tr>", body)
    ]
    return header, rows


def test_headline_has_three_findings_and_one_recommendation(report):
    said = findings.findings(report)
    assert len(said) == 3
    assert said[0].startswith(
        "Your best conversation is on Instagram: each post gets 10.0 comments per 1,000"
    )
    # longest silence: Jan 19 -> Feb 2 = 14 days
    assert said[2] == "You post 0.8 times a week on Instagram; your longest silence there was 14 days."
    plain = replace(report, benchmark=pd.DataFrame())
    assert findings.recommendation(plain).startswith("Post at least once a week")
    markup = str(sections.headline(report))
    assert markup.count("<li>") == 3 and markup.count('class="sm-reco"') == 1


def test_an_abandoned_channel_is_named_and_is_the_recommendation(tmp_path: Path):
    posts = CAFE_POSTS + [
        ["facebook", "cafe", "f1", "2025-11-01T10:00:00Z", "photo", "old", "false", 50, 1, 1, 0]
    ]
    folder = write_client(tmp_path / "c", posts=posts)
    report = prepare(folder, "c")
    # Facebook's last post Nov 1 2025; the data ends Feb 4 2026: 95 days of silence
    assert "Facebook has been silent since 1 Nov 2025 (95 days)" in " ".join(findings.findings(report))
    assert findings.recommendation(report).startswith("Either bring Facebook back")
    _, rows = cells(sections.consistency(report))
    # Facebook: Nov 1 2025 to Feb 4 2026 is 14 weeks with 1 post: 0.07 a week, 1/14 = 7% of weeks,
    # silent for the last 95 days. Instagram: Jan 1 to Feb 4 is 5 weeks with 4 posts: 0.8 a week,
    # posts in 4 of the 5 weeks (none Jan 26-Feb 1) = 80%, longest gap Jan 19 -> Feb 2 = 14 days.
    assert rows == [
        ["Facebook", "0.1", "7%", "95", "1 Nov 2025", "looks abandoned"],
        ["Instagram", "0.8", "80%", "14", "2 Feb 2026", "active"],
    ]


def test_export_text_is_escaped_everywhere(report):
    shown = "".join(pages(report).values())
    assert "<script" not in shown and "<img src=x" not in shown and "<b>Bold" not in shown
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; hi" in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; sale" in shown
    assert "Café &lt;b&gt;Bold&lt;/b&gt;" in shown
    assert shown.count('<img src="data:image/svg+xml;base64,') == 3


def test_thin_data_gives_a_report_that_says_what_is_missing(tmp_path: Path):
    folder = write_client(tmp_path / "thin", posts=[], daily=daily_rows("x", "thin", "2026-03-01", 3, 10, 1))
    report = prepare(folder, "thin")
    shown = pages(report)
    assert "no posts" in shown["key_figures"].lower() or "no posts" in shown["appendix"].lower()
    assert "The exports hold no posts, so no engagement rate can be given." in shown["appendix"]
    assert "cannot be picked" in shown["top_posts"]
    assert shown["growth_chart"].count("data:image/svg+xml") == 1  # 3 days of followers still draw
    assert findings.recommendation(report).startswith("Export your posts")


def test_metrics_json_holds_the_figures_shown(report, tmp_path: Path):
    path = figures.save_metrics(report, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["client_name"] == "Café <b>Bold</b>"
    (account,) = data["accounts"]
    assert account["conversation_per_1k"] == pytest.approx(10.0)  # 8 / 800 * 1000
    assert account["applause_per_1k"] == pytest.approx(75.0)  # 60 / 800 * 1000
    assert data["paid"][0]["conversation_rate"] == pytest.approx(0.015)  # 6 / 400
    index = {e["label"]: e["value"] for e in data["index"]}
    assert index["Best conversation (comments per 1,000)"] == "10.00 (Instagram)"
    assert data["headline"]["findings"] == findings.findings(report)
    assert figures.save_metrics(report, "") is None


def test_period_limits_the_data_and_keeps_the_history_before_it(cafe: Path):
    report = prepare(cafe, "cafe", period="2026-01-10..2026-01-31")
    # posts 2 and 3 only; organic: post 2 alone, 2 / 200 * 1000 = 10.0; 22 days of daily rows
    assert report.dataset.posts["post_id"].tolist() == ["2", "3"]
    assert len(report.dataset.daily) == 22
    assert float(report.summary["organic_conversation_rate"].iloc[0]) == pytest.approx(0.01)
    # the baseline: Jan 1 to Jan 31 (post 4, Feb 2, is after the period and not read)
    assert report.history.posts["post_id"].tolist() == ["1", "2", "3"]
    assert len(report.history.daily) == 31
    # the previous span of 22 days, Dec 19 to Jan 9, is covered from Jan 1: post 1 alone, 4 / 200
    assert report.previous.covered == (dt.date(2026, 1, 1), dt.date(2026, 1, 9))
    assert float(report.previous.summary["organic_conversation_rate"].iloc[0]) == pytest.approx(0.02)
    assert report.year_ago.covered is None and not len(report.year_ago.summary)


def test_relative_sample_paths_resolve_from_the_project_root(monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    resolved = content.resolve_exports(["data/samples/lucys-lemonade/*.csv"])
    assert resolved == [str(content.PROJECT_ROOT / "data/samples/lucys-lemonade/*.csv")]


@pytest.mark.parametrize(
    ("rate", "basis", "verdict", "sentence"),
    [
        # 0.012 is above the interval 0.004-0.010: 0.012 / 0.006 = 2.0 times
        (0.012, "peers", "above", "more than is usual for accounts of your size (2.0x)"),
        # 0.002 is below 0.004: 0.002 / 0.006 = 0.3 times
        (0.002, "own_history", "below", "less than is usual for your own months at this size (0.3x)"),
        # 0.009 is inside 0.004-0.010, whatever the ratio (1.5)
        (0.009, "reference", "within", "in the usual range for accounts of your size"),
    ],
)
def test_conversation_is_judged_by_the_interval_not_the_ratio(report, rate, basis, verdict, sentence):
    benchmark = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["cafe"],
            "conversation_rate": [rate],
            "expected_conversation_rate": [0.006],
            "expected_low": [0.004],
            "expected_high": [0.010],
            "ratio": [rate / 0.006],
            "basis": [basis],
        }
    )
    judged = replace(report, benchmark=benchmark)
    row = next(judged.summary.itertuples())
    assert findings.comparison(judged, row)["verdict"] == verdict
    assert findings.conversation_finding(judged).endswith(sentence + ".")
    below = findings.recommendation(replace(judged, summary=judged.summary.assign(posts_per_week=3.0)))
    assert below.startswith("Ask a question") == (verdict == "below")


def test_too_few_comparable_accounts_is_said_not_a_usual_range(report):
    # the account's own months, 6x either way (0.001-0.036 around 0.006): not usable
    benchmark = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["cafe"],
            "followers": [370],
            "conversation_rate": [0.010],
            "expected_conversation_rate": [0.006],
            "expected_low": [0.001],
            "expected_high": [0.036],
            "ratio": [0.010 / 0.006],
            "basis": ["own_history"],
            "usable": pd.array([False], dtype="boolean"),
            "explanation": ["Too few comparable accounts to say what is usual for an account of 370."],
        }
    )
    judged = replace(report, benchmark=benchmark)
    row = next(judged.summary.itertuples())
    assert findings.comparison(judged, row)["verdict"] == "unknown"
    assert findings.conversation_finding(judged).endswith(
        "; there are too few comparable accounts to say what is usual at your size."
    )
    assert "Too few comparable accounts" in str(sections.size_comparison(judged))
    chart = drawings.conversation_chart(judged)
    assert len(chart.figure.axes[0].lines) == 0  # no usual value or range drawn


def test_conversation_per_real_follower_is_said_plainly(report):
    real = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["cafe"],
            "bought_followers": pd.array([2000], dtype="Int64"),
            "conversation_rate": [0.0013],
            "real_conversation_rate": [0.0045],
        }
    )
    said = str(sections.size_comparison(replace(report, real=real)))
    assert said.endswith(
        "Without the 2,000 followers that look bought, your conversation on Instagram would be "
        "4.5 comments per 1,000 followers, not 1.3.</p>"
    )
    assert "look bought" not in str(sections.size_comparison(report))  # no bought spike here


def test_responsiveness_counts_answered_customer_comments(tmp_path: Path):
    folder = write_client(tmp_path / "salon")
    header = [
        "platform",
        "account",
        "post_id",
        "comment_id",
        "created_at",
        "author",
        "from_account",
        "reply_to",
    ]
    rows = [
        ["instagram", "cafe", "1", "c1", "2026-01-05T10:00:00Z", "ann", "false", ""],
        ["instagram", "cafe", "1", "c2", "2026-01-05T11:00:00Z", "bob", "false", ""],
        ["instagram", "cafe", "1", "c3", "2026-01-05T12:00:00Z", "cy", "false", ""],
        ["instagram", "cafe", "1", "r1", "2026-01-05T12:00:00Z", "cafe", "true", "c1"],
        ["instagram", "cafe", "1", "r2", "2026-01-05T15:00:00Z", "cafe", "true", "c2"],
    ]
    write_csv(folder / "comments.csv", header, rows)
    report = prepare(folder, "salon")
    _, table = cells(sections.responsiveness(report))
    # 3 customer comments, 2 answered (67%), after 2 and 4 hours: median 3.0
    assert table == [["Instagram", "3", "67%", "3.0"]]
    assert findings.responsiveness_finding(report) == (
        "You answered 67% of your customers' comments, usually within 3 hours."
    )


@pytest.mark.parametrize(
    ("rate", "basis", "verdict"),
    [
        # interval 0.001-0.036 (a small, varied portfolio); expected 0.006
        (0.021, "peers", "above"),  # 0.021 / 0.006 = 3.5 times: called out against peers
        (0.0025, "reference", "below"),  # 0.0025 / 0.006 = 0.42 times
        (0.010, "peers", "within"),  # 1.7 times: not clearly apart
        (0.021, "own_history", "within"),  # the account's own months count only outside the interval
    ],
)
def test_against_peers_twice_or_half_the_usual_is_called_out(report, rate, basis, verdict):
    benchmark = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["cafe"],
            "conversation_rate": [rate],
            "expected_conversation_rate": [0.006],
            "expected_low": [0.001],
            "expected_high": [0.036],
            "ratio": [rate / 0.006],
            "basis": [basis],
        }
    )
    row = next(replace(report, benchmark=benchmark).summary.itertuples())
    assert findings.comparison(replace(report, benchmark=benchmark), row)["verdict"] == verdict


def test_a_dollar_in_an_account_name_is_drawn_as_text_not_maths():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from smanalytics.plots.style import literal

    fig = Figure()
    ax = fig.subplots()
    ax.set_title(literal("Instagram ($^$ deals): followers"))
    FigureCanvasAgg(fig).draw()  # the same text unescaped is bad maths and fails to draw
    assert ax.get_title() == r"Instagram (\$^\$ deals): followers"
    unescaped = Figure()
    unescaped.subplots().set_title("Instagram ($^$ deals): followers")
    with pytest.raises(ValueError):
        FigureCanvasAgg(unescaped).draw()


SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "clients.yaml"


@pytest.mark.slow
@pytest.mark.parametrize("client", [c.id for c in load_manifest(SAMPLES).clients])
def test_every_figure_of_the_sample_reports_is_computed(client):
    (spec,) = [c for c in load_manifest(SAMPLES).clients if c.id == client]
    report = content.prepare(spec, strict=True)  # a figure that cannot be computed raises here
    assert report.missing == ()
    shown = "".join(part(report)._repr_html_() for part in PARTS if part not in CHARTS)
    assert "could not be computed" not in shown


def test_a_file_not_used_is_said_once_with_why(cafe: Path):
    gender = cafe / "FollowerGender.csv"  # TikTok Studio demographics: no posts or daily figures
    gender.write_bytes('\ufeff"Gender","Distribution"\n"Female","0.46"\n"Male","0.54"'.encode())
    markup = sections.appendix(prepare(cafe, "cafe")).markup
    _, files = cells(markup)
    assert [
        "FollowerGender.csv",
        "TikTok Studio: follower distribution (gender, territories; refused)",
        "not used",
        "–",
        "–",
        "–",
    ] in files
    unused = html.unescape(markup.split("<h3>Files not used (1)</h3>")[1].split("</ul>")[0])
    assert unused.startswith("<ul><li>FollowerGender.csv: a TikTok Studio export of a distribution")
    assert "no posts or daily figures" in unused and "Rows that could not be read" not in markup
    assert "Every row of every file used was read." in markup


def test_the_appendix_groups_problem_rows_by_file_and_reason(cafe: Path):
    (cafe / "extra.csv").write_text(
        "platform,account,date,followers\n"
        + "".join(f"instagram,cafe,2026-02-0{d},lots\n" for d in range(1, 6))
        + "instagram,cafe,2026-02-07,x\n"
    )
    markup = sections.appendix(prepare(cafe, "cafe")).markup
    head, rows = cells(markup.split("Rows that could not be read")[1])
    assert "(6), by file and reason" in markup and head == ["File", "Rows", "First lines", "Why"]
    ((file, count, lines, why),) = rows  # six rows alike: one line of the appendix
    assert (file, count, lines) == ("extra.csv", "6", "2, 3, 4, ...")
    assert why.endswith("; found 'lots', 'x'") and "followers" in why


def test_a_channel_with_follows_but_no_totals_is_drawn_with_its_follows_beside_one_with_totals(
    tmp_path: Path,
):
    folder = write_client(tmp_path / "two", daily=[])
    days = pd.date_range("2026-01-01", periods=35, freq="D")
    rows = [["instagram", "cafe", f"{d:%Y-%m-%d}", 200 + 5 * i, ""] for i, d in enumerate(days)]
    rows += [["facebook", "cafe", f"{d:%Y-%m-%d}", "", 3] for d in days]
    write_csv(folder / "daily.csv", ["platform", "account", "date", "followers", "follows"], rows)
    chart = drawings.growth_chart(prepare(folder, "two"))
    assert chart.caption.startswith(
        "Followers at the end of each day (line) and how many were gained each day (light blue). "
        "A channel whose exports give no follower totals shows only its daily follows."
    )
    assert len(chart.figure.axes) == 3  # Instagram: followers and its twin for the follows; Facebook: follows
