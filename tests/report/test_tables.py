"""One read per client: the portfolio pass's tables, handed to the report as Parquet."""

from __future__ import annotations

import glob
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.report import content, run_batch
from smanalytics.report.params import TEMPLATE
from smanalytics.report.portfolio import portfolio_rows
from smanalytics.report.spec import ClientSpec
from smanalytics.report.tables import WORK_AREA, fingerprint, read_tables, tables_folder, write_tables
from tests.report._exports import write_client

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p.name for p in (ROOT / "data" / "samples").iterdir() if p.is_dir())
REAL = [
    "../shared/real-exports/meta-business-suite/elitravel_*",
    "../shared/real-exports-wild/instagram/CyberSystema__*",
    "../shared/real-exports-wild/tiktok/CyberSystema__*",
]


def _assert_same(back, dataset) -> None:
    for name in dataset.__dataclass_fields__:
        if name.startswith("_"):
            continue
        assert_frame_equal(getattr(back, name), getattr(dataset, name), check_exact=True, obj=name)
        assert getattr(back, name).attrs == getattr(dataset, name).attrs


@pytest.mark.parametrize("exports", [f"data/samples/{s}/*.csv" for s in SAMPLES] + REAL)
def test_tables_come_back_exactly_as_read(exports: str, tmp_path: Path):
    files = sorted(glob.glob(str(ROOT / exports) if exports.startswith("data/") else exports))
    if not files:
        pytest.skip(f"{exports}: not here")
    dataset = smanalytics.load(files)
    folder = write_tables(dataset, tmp_path / "client", fingerprint(files))
    _assert_same(read_tables(folder, files), dataset)  # values, dtypes, index: exactly


def test_tables_are_not_used_once_an_export_changed_or_is_added(cafe: Path, tmp_path: Path):
    files = sorted(cafe.glob("*.csv"))
    folder = write_tables(smanalytics.load(files), tmp_path / "cafe", fingerprint(files))
    assert read_tables(folder, files) is not None
    stamp = files[0].stat()
    os.utime(files[0], ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))  # touched
    assert read_tables(folder, files) is None
    os.utime(files[0], ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert read_tables(folder, files) is not None
    extra = cafe / "more.csv"
    shutil.copy(files[0], extra)  # one more export
    assert read_tables(folder, [*files, extra]) is None
    assert read_tables(tmp_path / "elsewhere", files) is None  # no tables at all
    (folder / "posts.parquet").unlink()  # half a folder
    assert read_tables(folder, files) is None


def test_the_portfolio_pass_reads_the_exports_once_for_the_report_too(
    cafe: Path, tmp_path: Path, monkeypatch
):
    spec = ClientSpec("cafe", exports=[str(cafe / "*.csv")])
    reads = []
    load = smanalytics.load
    monkeypatch.setattr(smanalytics, "load", lambda *a, **k: reads.append(a) or load(*a, **k))
    folder = tables_folder(tmp_path / "out", "cafe")
    rows = portfolio_rows(spec, str(folder))
    assert [r["account"] for r in rows] and len(reads) == 1
    report = content.prepare(spec, tables=folder)
    assert len(reads) == 1  # the report used the tables
    monkeypatch.setattr(smanalytics, "load", load)
    fresh = content.prepare(spec)
    _assert_same(report.dataset, fresh.dataset)
    assert_frame_equal(report.summary, fresh.summary)


TRAP = """\
import smanalytics  # injected by tests/report/test_tables.py: reading an export fails the report
def _no_reading(*args, **kwargs):
    raise RuntimeError("the report read its exports")
smanalytics.load = _no_reading
"""


@pytest.mark.slow
def test_in_a_batch_no_report_reads_its_exports_and_the_work_area_goes(tmp_path: Path):
    for client in ("cafe", "salon"):
        write_client(tmp_path / "exports" / client)
    manifest = tmp_path / "clients.yaml"
    clients = "".join(f"  - {{id: {c}, exports: [exports/{c}/*.csv]}}\n" for c in ("cafe", "salon"))
    manifest.write_text("clients:\n" + clients, encoding="utf-8")
    template = tmp_path / "trap.ipynb"
    notebook = nbformat.read(TEMPLATE, as_version=4)
    notebook.cells.insert(2, new_code_cell(TRAP))  # after the imports, before content.prepare
    nbformat.write(notebook, template)

    result = run_batch(manifest, tmp_path / "out", workers=2, template=template, pdf=False)
    assert [(c.id, c.status) for c in result.clients] == [("cafe", "ok"), ("salon", "ok")], result.summary()
    assert not (tmp_path / "out" / WORK_AREA).exists()
    executed = json.loads((tmp_path / "out" / "cafe" / "report.ipynb").read_text(encoding="utf-8"))
    injected = "".join(executed["cells"][1]["source"])
    assert f'tables = "{tables_folder((tmp_path / "out").resolve(), "cafe")}"' in injected

    # the trap is real: a client whose export changed after the portfolio pass reads it, and fails
    spec = ClientSpec("cafe", exports=[str(tmp_path / "exports" / "cafe" / "*.csv")])
    folder = tables_folder(tmp_path / "again", "cafe")
    portfolio_rows(spec, str(folder))
    (tmp_path / "exports" / "cafe" / "posts.csv").write_text(
        (tmp_path / "exports" / "cafe" / "posts.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    from smanalytics.errors import ReportError
    from smanalytics.report.runner import run_report

    with pytest.raises(ReportError, match="the report read its exports"):
        run_report(spec, tmp_path / "again", template=template, tables=folder, pdf=False)
