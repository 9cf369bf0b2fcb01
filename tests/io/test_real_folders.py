"""The acceptance harness of issue 10: every real export file loads whole or is said to be what it is.

Every file of ``../shared/real-exports-wild/`` and ``../shared/real-exports/``
is read alone, as :func:`smanalytics.load` reads each file of a folder, and
must either

* load whole: read, ``loaded rows + problem rows == data rows``, problem rows
  at most 1% of the data rows, each with a reason; and where SOURCES.md gives a
  plain count of data rows, that count is the reader's;
* or be recognised as what it is when it holds no account data
  (:data:`BREAKDOWNS`: demographics, breakdowns, ads reports; a file whose
  follower total is used may be read instead) or is not an export at all
  (:data:`NOT_EXPORTS`).

Files that a developer has not fixed yet are in :data:`NOT_YET`, each with its
owner: the test is ``xfail(strict=True)``, so whoever fixes a file removes its
row. The files are skipped when ``../shared`` is not beside the checkout.
Each file is read once (about 35 s of CPU for the ~260 files): the module is
marked slow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smanalytics.io import assemble, read_each

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[3] / "shared"
ROOTS = (SHARED / "real-exports-wild", SHARED / "real-exports")

#: Files holding no account data: recognised, and said to be what they are (relative to ../shared).
BREAKDOWNS = {
    "real-exports-wild/facebook/scctsi__facebook_ads_manager.csv",
    "real-exports-wild/instagram/CyberSystema__Audience.csv",
    "real-exports-wild/meta-business-suite/TanyaRastogi04__Audience.csv",
    "real-exports-wild/tiktok/CyberSystema__FollowerActivity.csv",
    "real-exports-wild/tiktok/CyberSystema__FollowerGender.csv",
    "real-exports-wild/tiktok/CyberSystema__FollowerTopTerritories.csv",
    "real-exports-wild/tiktok/sobatti-polines__FollowerActivity.csv",
    "real-exports-wild/youtube/CodingTrain__Chart data.csv",
    "real-exports-wild/youtube/CodingTrain__Table data.csv",
    "real-exports-wild/youtube/Deepakshandilya__Chart data.csv",
    "real-exports-wild/youtube/Dhanrajmkanade__Table data.csv",
    "real-exports-wild/youtube/violetzq__Subscription status_Chart data.csv",
    "real-exports-wild/youtube/violetzq__Viewer_Cities.csv",
    "real-exports-wild/youtube/violetzq__viewer_age.csv",
    "real-exports/meta-business-suite/elitravel_Audience.csv",
    "real-exports/meta-business-suite/oigetit_Audience.csv",
    "real-exports/tiktok/haileytupy_FollowerActivity.csv",
    "real-exports/tiktok/haileytupy_FollowerGender.csv",
    "real-exports/tiktok/haileytupy_FollowerTopTerritories.csv",
    "real-exports/youtube/ligardo_content_Chart data.csv",
    "real-exports/youtube/ligardo_content_Totals.csv",
    "real-exports/youtube/prakash_content_Chart data.csv",
    "real-exports/youtube/prakash_content_Totals.csv",
    "real-exports/youtube/priyanka_content_Chart data.csv",
    "real-exports/youtube/rehan_trafficsource_Chart data.csv",
    "real-exports/youtube/rehan_trafficsource_Table data.csv",
}

#: Rows the platform itself wrote broken (file -> how many): problems that no reader can avoid.
PLATFORM_BROKEN_ROWS = {
    # "An error occurred while computing metadata for content ...": Meta wrote no post id, no figures
    "real-exports/meta-business-suite/mh4u_Dec-12-2023_Mar-06-2024_1032418178499222.csv": 3,
}

#: Data rows that SOURCES.md counts differently (file -> the reader's count, and why).
COUNTED_OTHERWISE = {
    # 98 rows in All posts, of which 19 are the organic and sponsored parts of 8 boosted posts
    "real-exports-wild/linkedin/NicoMandala__leaf-space_content_1753863379800.xlsx": 240 + 79,
}

#: Files in the folders that are no platform export (a benchmark's series and its labels).
NOT_EXPORTS = re.compile(r"^real-exports/nab-realtweets/")

#: Files not handled yet: path -> (owner, what is missing). Remove a row when its file passes.
NOT_YET: dict[str, tuple[str, str]] = {}


def _files() -> list[Path]:
    return sorted(
        p
        for root in ROOTS
        if root.is_dir()
        for p in root.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    )


def _name(path: Path) -> str:
    return path.relative_to(SHARED).as_posix()


# -- the counts SOURCES.md gives ---------------------------------------------------
_PLAIN = re.compile(r"^(\d+)(?: data rows)?(?: \(\+1 header, \+1 description row\))?$")
_SUM = re.compile(r"^(\d+) \+ (\d+) \(FB \+ IG sections\)$")
_WITH_TOTAL = re.compile(r'^(\d+) \(incl\. Total row\)$|^(\d+) data rows \+ 1 "Total" row$')
_SHEETS = re.compile(r"^Metrics: ?(\d+); All posts: ?(\d+)$")


def _counted(text: str) -> int | None:
    """The data rows a SOURCES.md cell counts, when it says it plainly (a Total row is not a data row)."""
    text = text.strip().strip("`")
    if match := _PLAIN.match(text):
        return int(match.group(1))
    if match := _SUM.match(text):
        return int(match.group(1)) + int(match.group(2))
    if match := _WITH_TOTAL.match(text):
        return int(match.group(1)) - 1 if match.group(1) else int(match.group(2))
    if match := _SHEETS.match(text):
        return int(match.group(1)) + int(match.group(2))
    return None


def _source_counts() -> dict[str, int]:
    """File -> data rows, from the tables of both SOURCES.md (column 'data rows' or 'rows')."""
    counts: dict[str, int] = {}
    for root in ROOTS:
        index = root / "SOURCES.md"
        if not index.is_file():
            continue
        column = None
        for line in index.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if line.startswith("| file |"):
                column = next((i for i, c in enumerate(cells) if c in ("data rows", "rows")), None)
            elif line.startswith("| `") and column is not None and len(cells) > column:
                number = _counted(cells[column])
                if number is not None:
                    counts[f"{root.name}/{cells[0].strip('`')}"] = number
    return counts


SOURCE_COUNTS = _source_counts()


def _cases():
    for path in _files():
        name = _name(path)
        marks = []
        if name in NOT_YET:
            owner, why = NOT_YET[name]
            marks.append(pytest.mark.xfail(strict=True, reason=f"{owner}: {why}"))
        yield pytest.param(path, id=name, marks=marks)


def test_the_not_yet_table_names_only_real_files():
    if not _files():
        pytest.skip("../shared is not beside this checkout")
    names = {_name(p) for p in _files()}
    assert set(NOT_YET) <= names and BREAKDOWNS <= names
    assert {owner for owner, _ in NOT_YET.values()} <= {
        "io-layouts",
        "io-agency",
        "io-accounts",
        "io-containers",
    }


@pytest.mark.parametrize("path", list(_cases()))
def test_every_real_file_loads_whole_or_is_said_to_be_what_it_is(path: Path):
    name = _name(path)
    (read,) = list(read_each(path))
    sources = read.dataset.sources.iloc[0]
    if NOT_EXPORTS.match(name):
        assert read.status == "unknown", sources["notes"]
        return
    if name in BREAKDOWNS and read.status != "read":
        assert read.status == "not account data", sources["notes"]
        assert sources["family"] is not None and str(sources["notes"])
        return
    assert read.status == "read", f"{read.status}: {sources['notes']}"
    # the file's rows as load gives them (a follower total without a date becomes a daily row)
    rows = sum(len(table) for table in assemble([read]).tables().values())
    problems, data_rows = int(sources["problems"]), int(sources["data_rows"])
    assert rows + problems == data_rows, sources["notes"]
    assert (problems - PLATFORM_BROKEN_ROWS.get(name, 0)) * 100 <= data_rows, read.dataset.problems.head()
    assert read.dataset.problems["reason"].fillna("").str.len().gt(0).all()
    expected = COUNTED_OTHERWISE.get(name, SOURCE_COUNTS.get(name))
    if expected is not None:
        assert data_rows == expected, "the data rows SOURCES.md counts"
