"""The bad-input corpus (tests/data/bad/make_bad.py): every file loads or is refused cleanly."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import smanalytics
from smanalytics.cli import main

_spec = importlib.util.spec_from_file_location(
    "make_bad", Path(__file__).resolve().parents[1] / "data" / "bad" / "make_bad.py"
)
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

# name -> (loaded rows, problem rows), worked out from the corpus text
LOADS = {
    "header_only": (0, 0),
    "utf16_without_bom": (2, 0),
    "unreadable_dates": (2, 1),  # 'someday'
    "text_in_numbers": (2, 1),  # 'lots'
    "negative_counts": (3, 0),  # -5 followers: left missing, the row kept, a note says so
    "nul_bytes": (1, 0),  # two NULs in a count: removed, a note says so
    "ragged_rows": (2, 2),  # 4 fields and 8 fields against a header of 6
    "huge_text_field": (1, 0),
    "latin1_text": (1, 0),
    "semicolon_sep_line": (2, 0),
    "padded_headers": (1, 0),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_bad.build(tmp_path_factory.mktemp("bad"))


def test_every_case_has_an_expectation(corpus):
    expected_loads = {name for name, (_, expect) in corpus.items() if expect == "load"}
    assert expected_loads == set(LOADS)


@pytest.mark.parametrize("name", sorted(LOADS))
def test_partly_bad_files_load_the_good_rows_and_record_the_rest(corpus, name):
    path, _ = corpus[name]
    ds = smanalytics.load(path)
    rows = len(ds.posts) + len(ds.daily)
    assert (rows, len(ds.problems)) == LOADS[name]
    assert all(ds.problems["file"] == str(path))
    assert ds.problems["line"].notna().all()


def test_problem_rows_name_line_and_column(corpus):
    ds = smanalytics.load(corpus["text_in_numbers"][0])
    problem = ds.problems.iloc[0]
    assert (problem["line"], problem["column"]) == (2, "followers")
    assert "'lots'" in problem["reason"] and "whole number" in problem["reason"]


def test_negative_counts_and_control_characters_are_noted_not_lost(corpus):
    negative = smanalytics.load(corpus["negative_counts"][0])
    # -5 followers on 3 January is left missing, then rebuilt from the 103 of 2 January and its 2 follows
    assert negative.daily["followers"].tolist() == [100, 103, 105]
    assert negative.follower_basis["followers_basis"].tolist() == ["reconstructed"]
    assert "1 negative value in 'followers'" in negative.sources["notes"].iloc[0]
    assert "its row kept (line 2)" in negative.sources["notes"].iloc[0]
    nul = smanalytics.load(corpus["nul_bytes"][0])
    assert nul.daily["followers"].tolist() == [1]
    assert "removed 2 control characters" in nul.sources["notes"].iloc[0]


def test_encodings_survive(corpus):
    latin = smanalytics.load(corpus["latin1_text"][0]).posts.iloc[0]
    assert (latin["account"], latin["text"]) == ("café-niño", "Crème brûlée señor")
    huge = smanalytics.load(corpus["huge_text_field"][0]).posts.iloc[0]
    assert len(huge["text"]) == 9 * (5 * 1024 * 1024 // 9)  # "lemonade " repeated, kept as written


@pytest.mark.parametrize("name", sorted(n for n, (_, _, e) in make_bad.cases().items() if e == "refuse"))
def test_refused_files_raise_a_smanalytics_error_naming_the_file(corpus, name, capsys):
    path, _ = corpus[name]
    with pytest.raises(smanalytics.SmanalyticsError) as info:
        smanalytics.load(path)
    assert str(path) in str(info.value)
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("smanalytics: error: ") and str(path) in err[0]


def test_the_command_survives_the_whole_corpus_in_bounded_time_and_memory(corpus, tmp_path):
    """One process inspects every file: no traceback, exit 0 (some load), < 60 s and < 400 MB resident."""
    paths = [str(p) for p, _ in corpus.values() if p.exists()]
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.time();"
        "r = subprocess.run([sys.executable, '-m', 'smanalytics', 'inspect', *sys.argv[1:]],"
        " capture_output=True, text=True);"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024;"
        "print(r.returncode, round(time.time() - t, 1), rss); sys.stdout.write(r.stdout);"
        " sys.stderr.write(r.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *paths], capture_output=True, text=True, timeout=300)
    figures, _, listing = done.stdout.partition("\n")
    code, seconds, rss_mb = figures.split()
    assert code == "0"
    assert "Traceback" not in done.stderr
    refused = [p for p, expect in corpus.values() if expect == "refuse" and p.exists() and p.is_file()]
    assert all(f"{p}\n  status   not used" in listing for p in refused)
    assert float(seconds) < 60
    assert int(rss_mb) < 400
