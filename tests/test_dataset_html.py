"""A Dataset shows itself in JupyterLab: accounts, files and problems at a glance, every text escaped."""

from __future__ import annotations

import smanalytics

HOSTILE = '<img src=x onerror="alert(1)">'  # no comma: one CSV field


def _folder(tmp_path):
    folder = tmp_path / "client"
    folder.mkdir()
    (folder / "daily.csv").write_text(
        "platform,account,date,followers,follows\n"
        f"tiktok,{HOSTILE},2026-01-01,100,2\n"
        f"tiktok,{HOSTILE},2026-01-02,,3\n"
        f"tiktok,{HOSTILE},2026-01-03,lots,5\n"
        f"tiktok,{HOSTILE},2026-01-04,110,7\n"
    )
    (folder / "<b>notes.txt").write_text("call Lucy <script>alert(1)</script>\n")
    return folder


def test_the_notebook_picture_shows_accounts_files_and_grouped_problems(tmp_path):
    page = smanalytics.load(_folder(tmp_path))._repr_html_()
    assert "<h4>Accounts</h4>" in page and "<h4>Files</h4>" in page and "<h4>Rows not read</h4>" in page
    # one account: 2026-01-01 to 2026-01-04, no posts, 3 daily rows (the 3rd day's is a problem),
    # the followers of the 2nd rebuilt from the 1st's 100 and the 3 follows
    assert '<td>2026-01-01 to 2026-01-04</td><td class="n">0</td><td class="n">3</td>' in page
    assert ">reconstructed</span>" in page
    # the unknown file is listed as not used, with why
    assert '<tr class="unused">' in page and "<td>unknown</td>" in page
    # the problems are grouped sentences; the file not used is said once, in the files table
    assert page.count("not a known export") == 1
    assert "1 row of daily.csv: column &#x27;followers&#x27;: expected a whole number" in page


def test_every_text_from_the_exports_is_escaped(tmp_path):
    page = smanalytics.load(_folder(tmp_path))._repr_html_()
    assert "<img" not in page and "<script" not in page and "<b>notes" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;b&gt;notes.txt" in page


def test_an_empty_dataset_says_so():
    page = smanalytics.Dataset()._repr_html_()
    assert "No account data." in page and "No files." in page
    assert "Every row of every file used was read." in page
