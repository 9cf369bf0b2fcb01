"""A client's follower counts and account names: in the spec, read from the exports, named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from papermill.translators import PythonTranslator

from smanalytics import cli
from smanalytics.errors import SpecError
from smanalytics.report import figures, findings, sections
from smanalytics.report.content import prepare
from smanalytics.report.manifest import parse_manifest
from smanalytics.report.spec import ClientSpec

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ELI = SHARED / "real-exports" / "meta-business-suite"
WILD = SHARED / "real-exports-wild"


@pytest.fixture
def shared() -> Path:
    if not ELI.is_dir() or not WILD.is_dir():
        pytest.skip("../shared/real-exports* are not beside this checkout")
    return SHARED


def test_followers_and_accounts_from_the_manifest_the_command_line_and_the_template():
    text = (
        "clients:\n  - id: eli\n    exports: [eli/]\n"
        "    followers: {instagram: 1629, TikTok: 24}\n    accounts: {instagram: elitravelguy}\n"
    )
    client = parse_manifest(text, base="/data").clients[0]
    assert client.followers == (("instagram", 1629), ("tiktok", 24))
    assert client.accounts == (("instagram", "elitravelguy"),)
    args = cli._parser().parse_args(
        ["report", "eli", "a.csv", "--followers", "instagram:1629", "--accounts", "instagram=elitravelguy"]
    )
    assert (args.followers, args.accounts) == (["instagram:1629"], ["instagram=elitravelguy"])
    spec = ClientSpec("eli", exports=["a.csv"], followers=args.followers, accounts=args.accounts)
    assert spec == ClientSpec.from_parameters(spec.to_parameters()) and spec.followers == client.followers[:1]
    # as papermill writes them into the template's cell (it writes a tuple as its text)
    namespace: dict = {}
    exec(PythonTranslator.codify(spec.to_parameters()), namespace)
    assert ClientSpec.from_parameters(namespace) == spec
    with pytest.raises(SpecError, match="'followers' must give a follower count per platform"):
        ClientSpec("eli", exports=["a.csv"], followers={"instagram": "many"})
    with pytest.raises(SpecError, match="'accounts' must give an account name per platform"):
        ClientSpec("eli", exports=["a.csv"], accounts=["instagram"])


def test_without_a_follower_count_the_report_names_its_denominator(shared):
    report = prepare(ClientSpec("eli", exports=[str(ELI / "elitravel_*")]))
    assert report.summary[["platform", "account"]].values.tolist() == [["instagram", "elitravelguy"]]
    # 1,079 comments over 408,151 people reached: 2.64 per 1,000
    assert "2.64 per 1,000 people reached" in str(sections.key_figures(report))
    top = str(sections.top_posts(report))
    # the post with the most comments per person reached: 15 comments, 2,715 reached -> 5.5 per 1,000
    assert "Comments per 1,000 people reached" in top and ">5.5<" in top
    said = " ".join(findings.findings(report))
    assert "2.6 comments per 1,000 people reached" in said and "no follower count" in said
    assert "Export your posts" not in findings.recommendation(report)
    index = {e["label"]: e["value"] for e in figures.metrics(report)["index"]}
    assert index["Best conversation (comments per 1,000)"] == "2.64 per 1,000 reached (Instagram)"
    assert index["Followers"] == "–"  # unknown, not 0


def test_the_owners_count_gives_conversation_per_follower(shared):
    spec = ClientSpec("eli", exports=[str(ELI / "elitravel_*")], followers={"instagram": 100000})
    report = prepare(spec)
    row = report.summary.iloc[0]
    assert row["followers"] == 100000 and row["conversation_basis"] == "followers"
    figures = str(sections.key_figures(report))
    assert "100,000" in figures and "rebuilt from one known total" in figures
    assert "per 1,000 followers" in findings.findings(report)[0]


def test_cybersystema_reads_its_followers_on_both_platforms(shared):
    exports = [str(WILD / "instagram" / "CyberSystema__*"), str(WILD / "tiktok" / "CyberSystema__*")]
    report = prepare(ClientSpec("cyber", exports=exports))
    s = report.summary.set_index("platform")
    assert list(s.index) == ["instagram", "tiktok"]
    assert list(s["account"]) == ["orthodox_korea", "orthodox.korea"]
    # Instagram: the Audience export's 1,629; TikTok: FollowerHistory's last day, 24 Μαρτίου: 3,352
    assert (s.loc["instagram", "followers"], s.loc["tiktok", "followers"]) == (1629, 3352)
    assert list(s["conversation_basis"]) == ["followers", "followers"]
    basis = report.dataset.follower_basis.set_index("platform")["followers_basis"]
    assert basis.to_dict() == {"instagram": "reconstructed", "tiktok": "exported"}
    assert "Export your posts" not in findings.recommendation(report)


def test_without_follower_totals_the_growth_chart_draws_the_follows_and_names_the_spike(shared):
    import base64
    import re

    from smanalytics.report import drawings

    report = prepare(ClientSpec("eli", exports=[str(ELI / "elitravel_*")]))
    chart = drawings.growth_chart(report)
    assert chart.caption.startswith("How many people followed each day (light blue). The exports give no")
    (data,) = re.findall(r"base64,([^\"]+)", chart._repr_html_())
    drawing = base64.b64decode(data).decode("utf-8")
    # elitravel_Follows.csv: 20 days of follows, the 1,529 above the usual over 5-8 Jun
    assert ">New follows a day<" in drawing and ">Suspected bought +1,529<" in drawing


def test_exports_without_posts_draw_no_silent_channel(shared):
    from smanalytics.report import drawings

    # vintage_*: Meta's per-metric daily files of Oct-Dec 2025 and no posts table
    report = prepare(ClientSpec("vintage", exports=[str(ELI / "vintage_*")]))
    assert len(report.monthly) == 3 and not len(report.history.posts)
    chart = drawings.posting_chart(report)
    assert chart.figure is None
    assert chart.missing == "No posts in the exports: posting consistency cannot be shown."
