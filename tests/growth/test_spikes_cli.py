"""``smanalytics spikes FILES [--json]`` end to end on canonical daily CSVs."""

from __future__ import annotations

import json

from smanalytics.cli import main
from smanalytics.io.canonical import write_csv


def _write(daily, path):
    write_csv(daily, path)
    return str(path)


def test_spikes_json_from_two_files(daily_of, tmp_path, capsys):
    cafe = _write(daily_of(changes={"follows": {80: 1010}}), tmp_path / "cafe.csv")
    salon = _write(
        daily_of(account="salon", changes={"follows": {50: 200}, "impressions": {50: 100_000}}),
        tmp_path / "salon.csv",
    )
    assert main(["spikes", cafe, salon, "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    summary = [(r["account"], r["start"], r["end"], r["label"], r["excess_follows"]) for r in records]
    assert summary == [
        ("cafe", "2026-03-22", "2026-03-22", "suspected_bought", 1000),
        ("salon", "2026-02-20", "2026-02-20", "organic", 190),
    ]
    assert records[0]["bought_share"] == 1000 / 1010
    assert records[0]["explanation"].startswith("+1,000 follows above the usual in 1 day")


def test_spikes_text_and_nothing_found(daily_of, tmp_path, capsys):
    path = _write(daily_of(changes={"follows": {80: 1010}}), tmp_path / "cafe.csv")
    assert main(["spikes", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("x/cafe 2026-03-22..2026-03-22 suspected_bought: +1,000 follows")
    quiet = _write(daily_of(), tmp_path / "quiet.csv")
    assert main(["spikes", quiet]) == 0
    assert capsys.readouterr().out == "no follower spikes found\n"
    assert main(["spikes", quiet, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
