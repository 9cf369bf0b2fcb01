"""Real runs: papermill with a real kernel, batches with failing clients, resume, Dask, plain papermill.

These start kernels (about 5-20 s each on a busy 2-core machine), so they are
marked slow and share as few runs as possible.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smanalytics import cli
from smanalytics.errors import ManifestError
from smanalytics.report import run_batch, run_report
from smanalytics.report.params import TEMPLATE
from smanalytics.report.spec import ClientSpec
from tests.report._exports import write_client

SAMPLE_LOGO = Path(__file__).resolve().parents[2] / "data" / "samples" / "agency-logo.png"
HOSTILE_NOTE = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> [x](javascript:alert(3))'
HOSTILE_NAME = 'Bob\'s "Café"\'; import os; os.system("touch PWNED") #\n</title><script>alert(1)</script>'


def _charts(notebook: dict) -> list[str]:
    """The HTML of the charts among an executed notebook's outputs."""
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    return [
        html
        for o in outputs
        if 'class="sm-figure"' in (html := "".join(o.get("data", {}).get("text/html", "")))
    ]


def _no_temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_one_report_with_a_real_kernel_its_pdf_the_agency_and_a_hostile_note(
    cafe: Path, tmp_path: Path, monkeypatch
):
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.png").write_bytes(SAMPLE_LOGO.read_bytes())
    agency = {"name": "Harbour <b>Social</b>", "logo": "logo.png", "footer": "hello@harbour.example"}
    spec = ClientSpec(
        "cafe", exports=[str(cafe / "*.csv")], name=HOSTILE_NAME, agency=agency, notes=HOSTILE_NOTE
    )
    folder = run_report(spec.with_paths_from(tmp_path), tmp_path / "out")
    assert folder == tmp_path / "out" / "cafe"
    assert sorted(p.name for p in folder.iterdir()) == [
        "metrics.json",
        "report.html",
        "report.ipynb",
        "report.pdf",
    ]
    assert not list(tmp_path.rglob("PWNED"))  # the name was a value, never code
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and not re.search(r"<img[^>]*onerror", page, re.I)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; hi" in page  # post 2's text, escaped
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; sale" in page  # post 3's text, escaped
    assert "Bob&#x27;s &quot;Café&quot;&#x27;; import os" in page
    assert "content.prepare" not in page and "sections.headline" not in page  # no code
    assert page.count('src="data:image/svg+xml;base64,') >= 3
    # the agency and the note, escaped; the logo embedded
    assert (
        "<h2>A note from Harbour &lt;b&gt;Social&lt;/b&gt;</h2><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        in page
    )
    assert "javascript:" not in page.replace("[x](javascript:alert(3))", "")  # shown as text only
    assert 'class="sm-logo" src="data:image/png;base64,' in page
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["client_name"] == HOSTILE_NAME
    assert metrics["accounts"][0]["conversation_per_1k"] == pytest.approx(10.0)  # (4 + 2 + 2) / 800 * 1000
    executed = json.loads((folder / "report.ipynb").read_text(encoding="utf-8"))
    assert all(c.get("execution_count") for c in executed["cells"] if c["cell_type"] == "code")
    assert len(_charts(executed)) >= 3  # the charts, drawn once for the screen and the PDF
    # the PDF: A4 pages numbered, the client in every footer, the logo embedded
    reader = pypdf.PdfReader(folder / "report.pdf")
    pages = ["".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) >= 2 and [round(float(v)) for v in reader.pages[0].mediabox] == [0, 0, 595, 842]
    for number, text in enumerate(pages, 1):
        assert f"Page{number}of{len(pages)}" in text and "hello@harbour.example" in text
    assert "<script>alert(1)</script>" in pages[0] and "AnotefromHarbour<b>Social</b>" in pages[0]
    assert (360, 96) in {(i.image.width, i.image.height) for i in reader.pages[0].images}


@pytest.mark.slow
def test_batch_with_failing_clients_resume_and_command_line(tmp_path: Path, capsys):
    data = tmp_path / "data"
    write_client(data / "cafe")
    write_client(data / "salon")
    (data / "garbage").mkdir()
    (data / "garbage" / "export.csv").write_bytes(b"\x00\x01\x02 not an export \xff\xfe" * 50)
    manifest = data / "clients.yaml"
    clients = [
        {"id": "cafe", "name": "The Cafe", "exports": ["cafe/*.csv"], "hours_per_week": 2},
        {"id": "missing", "name": "Missing", "exports": ["nowhere/*.csv"]},
        {"id": "garbage", "name": "Garbage", "exports": ["garbage/export.csv"]},
        {"id": "salon", "name": HOSTILE_NAME, "exports": ["salon/*.csv"]},
    ]
    manifest.write_text(json.dumps({"clients": clients}), encoding="utf-8")  # JSON is YAML
    out = tmp_path / "out"
    result = run_batch(manifest, out, workers=2, pdf=False)
    assert [(c.id, c.status) for c in result.clients] == [
        ("cafe", "ok"), ("missing", "failed"), ("garbage", "failed"), ("salon", "ok")
    ]  # fmt: skip
    saved = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    errors = {c["id"]: c["error"] for c in saved["clients"]}
    assert errors["cafe"] is None and errors["salon"] is None
    assert errors["missing"]["exception"] == "ExportError"
    assert errors["missing"]["message"].endswith("nowhere/*.csv: no such file matches this pattern") or (
        "no file matches this pattern" in errors["missing"]["message"]
    )
    assert errors["garbage"]["exception"] == "UnknownFormatError"
    assert saved["counts"] == {"ok": 2, "skipped": 0, "failed": 2}
    executed = json.loads((out / "cafe" / "report.ipynb").read_text(encoding="utf-8"))
    assert len(_charts(executed)) >= 3  # --no-pdf: the same charts
    for client in ("cafe", "salon"):
        assert sorted(p.name for p in (out / client).iterdir()) == [
            "metrics.json",
            "report.html",
            "report.ipynb",
        ]
    assert not (out / "missing").exists() and not (out / "garbage").exists()  # failed before a kernel
    assert _no_temp_files(out) == []
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="cafe/report.html"' in index and 'href="salon/report.html"' in index
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in index and "UnknownFormatError" in index
    assert "<script" not in index
    assert not list(tmp_path.rglob("PWNED")) and not list(Path.cwd().glob("PWNED"))

    before = (out / "cafe" / "report.html").stat().st_mtime_ns
    again = run_batch(manifest, out, resume=True, pdf=False)
    assert [c.status for c in again.clients] == ["skipped", "failed", "failed", "skipped"]
    assert (out / "cafe" / "report.html").stat().st_mtime_ns == before

    status = cli.main(["batch", str(manifest), "--out", str(out), "--resume", "--no-pdf"])
    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.out + captured.err
    assert "4 clients: 0 ok, 2 skipped (current), 2 failed" in captured.out
    assert "failed garbage: UnknownFormatError" in captured.out


def test_an_id_that_escapes_the_output_folder_stops_the_batch_before_anything_runs(tmp_path: Path):
    write_client(tmp_path / "cafe")
    manifest = tmp_path / "clients.yaml"
    manifest.write_text(
        "clients:\n  - {id: cafe, exports: [cafe/*.csv]}\n  - {id: ../evil, exports: [cafe/*.csv]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ManifestError, match=r"client '\.\./evil': 'id' must be lowercase"):
        run_batch(manifest, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "evil").exists()


@pytest.mark.slow
def test_batch_on_a_dask_local_cluster(cafe: Path, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    manifest = tmp_path / "clients.yaml"
    manifest.write_text(f"clients:\n  - {{id: cafe, exports: ['{cafe}/*.csv']}}\n", encoding="utf-8")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        result = run_batch(manifest, tmp_path / "out", scheduler=cluster.scheduler_address, pdf=False)
    assert [(c.id, c.status) for c in result.clients] == [("cafe", "ok")], result.summary()
    assert result.scheduler == cluster.scheduler_address
    page = (tmp_path / "out" / "cafe" / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/svg+xml;base64,') >= 3


@pytest.mark.slow
def test_template_runs_under_plain_papermill(cafe: Path, tmp_path: Path):
    papermill = Path(sys.executable).with_name("papermill")
    out_dir = tmp_path / "plain"
    out_dir.mkdir()
    command = [
        str(papermill), str(TEMPLATE), str(tmp_path / "out.ipynb"), "--no-progress-bar",
        "-y", json.dumps({"client_id": "cafe", "client_name": "The Cafe", "exports": [f"{cafe}/*.csv"],
                          "out_dir": str(out_dir)}),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    metrics = json.loads((out_dir / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["client_name"] == "The Cafe"
    assert metrics["accounts"][0]["applause_per_1k"] == pytest.approx(75.0)  # (20 + 30 + 10) / 800 * 1000
