"""Problem rows grouped by file and reason, so that a person can read them."""

from __future__ import annotations

import pandas as pd

import smanalytics
from smanalytics.problem_summary import describe_problems, summarise_problems


def _problems() -> pd.DataFrame:
    greek = [f"column 'Date': expected a date, found '{d} Φεβρουαρίου'" for d in range(1, 29)]
    return pd.DataFrame(
        {
            "file": ["in/CyberSystema__Overview.csv"] * 28 + ["in/Content.csv", "in/Audience.csv"],
            "line": [*range(2, 30), 7, None],
            "column": ["Date"] * 28 + ["Likes", None],
            "reason": greek
            + ["column 'Likes': expected a whole number, found 'lots'", "file not used: not a known export"],
        }
    ).astype(smanalytics.schema.PROBLEM_COLUMNS)


def test_rows_alike_but_for_the_value_found_are_one_group():
    summary = summarise_problems(_problems())
    assert summary[["file", "column", "reason", "rows"]].values.tolist() == [
        ["in/CyberSystema__Overview.csv", "Date", "column 'Date': expected a date", 28],
        ["in/Content.csv", "Likes", "column 'Likes': expected a whole number", 1],
        ["in/Audience.csv", pd.NA, "file not used: not a known export", 1],
    ]
    assert summary["lines"].tolist() == [[2, 3, 4], [7], []]
    assert summary["examples"].iloc[0] == ["'1 Φεβρουαρίου'", "'2 Φεβρουαρίου'", "'3 Φεβρουαρίου'"]


def test_each_group_is_one_sentence_with_the_first_lines_as_examples():
    assert describe_problems(_problems()) == [
        "28 rows of CyberSystema__Overview.csv: column 'Date': expected a date"
        " (lines 2, 3, 4, ...; found '1 Φεβρουαρίου', '2 Φεβρουαρίου', '3 Φεβρουαρίου', ...)",
        "1 row of Content.csv: column 'Likes': expected a whole number (line 7; found 'lots')",
        "Audience.csv: file not used: not a known export",
    ]


def test_the_dataset_gives_its_summary_and_an_empty_one_when_all_was_read():
    ds = smanalytics.Dataset(problems=_problems())
    assert ds.problem_summary()["rows"].tolist() == [28, 1, 1]
    assert len(smanalytics.Dataset().problem_summary()) == 0
    assert describe_problems(smanalytics.Dataset().problems) == []
