"""Rendering, the index page, resume checks and kernel-start retries, without starting a kernel."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from smanalytics.errors import ReportError
from smanalytics.report import runner
from smanalytics.report.batch import BatchResult, ClientResult, is_current
from smanalytics.report.index import index_html
from smanalytics.report.render import notebook_to_html
from smanalytics.report.spec import ClientSpec


def test_html_has_no_code_no_prompts_no_warnings_and_no_network():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "SECRET_CODE = 42",
                execution_count=1,
                outputs=[
                    new_output("stream", name="stderr", text="UserWarning: noisy\n"),
                    new_output("display_data", data={"text/html": "<p>shown</p>", "text/plain": "x"}),
                    new_output("execute_result", data={"image/png": "iVBORw0KGgo="}, execution_count=1),
                ],
            ),
            new_markdown_cell("## Section"),
        ]
    )
    page = notebook_to_html(nb, title='Bob\'s "<Café>"', accent_color="red;}</style><script>")
    assert "SECRET_CODE" not in page and "noisy" not in page and "In&nbsp;[" not in page
    assert "<p>shown</p>" in page and 'src="data:image/png;base64,iVBORw0KGgo="' in page
    assert "<title>Bob&#x27;s &quot;&lt;Café&gt;&quot;</title>" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "--accent: #2a6f97" in page  # a colour that is not #rrggbb is ignored


def _batch(tmp_path: Path) -> BatchResult:
    ok = tmp_path / "cafe"
    ok.mkdir()
    metrics = {"index": [["Followers", "370"], ["Posts a week", "0.8"]],
               "headline": {"recommendation": "Answer <every> comment"}}  # fmt: skip
    (ok / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    return BatchResult(
        [
            ClientResult("cafe", "Café <script>x</script>", "ok", 10.0, report=str(ok / "report.html")),
            ClientResult(
                "gone",
                "Gone & Co",
                "failed",
                0.1,
                error={"exception": "ExportError", "message": "a.csv: no such file", "cell": None},
            ),
        ],  # fmt: skip
        tmp_path,
    )


def test_index_links_every_report_with_its_figures_and_failures(tmp_path: Path):
    page = index_html(_batch(tmp_path), tmp_path)
    assert '<a href="cafe/report.html">Café &lt;script&gt;x&lt;/script&gt;</a>' in page
    assert '<td class="num">370</td><td class="num">0.8</td><td>Answer &lt;every&gt; comment</td>' in page
    assert "Gone &amp; Co" in page and "failed: ExportError: a.csv: no such file" in page
    assert 'href="gone/' not in page and "<script" not in page


def test_summary_names_each_failure(tmp_path: Path):
    batch = _batch(tmp_path)
    batch.seconds = 12.34
    assert batch.summary() == (
        "2 clients: 1 ok, 1 failed in 12.3 s\n"
        "  failed gone: ExportError: a.csv: no such file\n"
        f"index: {tmp_path / 'index.html'}"
    )
    assert [c.id for c in batch.failed] == ["gone"]


def test_current_means_every_output_newer_than_inputs_and_template_and_the_same_period(tmp_path: Path):
    exports = tmp_path / "in.csv"
    exports.write_text("x", encoding="utf-8")
    template = tmp_path / "t.ipynb"
    template.write_text("{}", encoding="utf-8")
    client = ClientSpec("cafe", exports=(str(exports),))
    folder = tmp_path / "out" / "cafe"
    folder.mkdir(parents=True)
    for name, when in (("in.csv", 1000), ("t.ipynb", 1000)):
        os.utime(tmp_path / name, (when, when))
    assert not is_current(client, tmp_path / "out", template=template)  # no outputs yet
    for name in runner.OUTPUTS:
        text = '{"format": 2, "period": {"start": "2026-08-01", "end": "2026-08-31", "kind": "month"}}'
        (folder / name).write_text(text if name == "metrics.json" else "x", encoding="utf-8")
        os.utime(folder / name, (2000, 2000))
    assert not is_current(client, tmp_path / "out", template=template)  # August's, not all the data
    assert is_current(replace(client, period="2026-08"), tmp_path / "out", template=template)
    # a month later, last-month is September: August's report is not current
    september = replace(client, period="last-month", today="2026-10-05")
    assert not is_current(september, tmp_path / "out", template=template)
    client = replace(client, period="2026-08")
    assert is_current(client, tmp_path / "out", template=template)
    os.utime(exports, (3000, 3000))  # a newer export
    assert not is_current(client, tmp_path / "out", template=template)
    os.utime(exports, (1000, 1000))
    os.utime(template, (3000, 3000))  # a newer template
    assert not is_current(client, tmp_path / "out", template=template)
    os.utime(template, (1000, 1000))
    (folder / "report.html").unlink()  # a half-finished report
    assert not is_current(client, tmp_path / "out", template=template)


def test_kernel_start_failures_are_retried_but_failing_cells_are_not(monkeypatch):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    calls = []

    def flaky(*args, **kwargs):
        calls.append(kwargs["kernel_manager_class"].__name__)
        assert kwargs["extra_arguments"] == ["--HistoryManager.enabled=False"]
        if len(calls) < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "executed"

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(runner.time, "sleep", lambda s: None)
    assert runner.execute_template({}, client="cafe", retries=3) == "executed"
    assert calls == ["IPCKernelManager"] * 3

    calls.clear()
    with pytest.raises(ReportError, match="kernel failed .* after 2 attempt"):
        runner.execute_template({}, client="cafe", retries=2)
    assert len(calls) == 2

    def failing_cell(*args, **kwargs):
        calls.append("cell")
        raise PapermillExecutionError(5, 3, "report.x()", "ValueError", "bad value", [])

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", failing_cell)
    with pytest.raises(ReportError) as info:
        runner.execute_template({}, client="cafe", retries=3)
    assert calls == ["cell"]
    assert (info.value.cell_index, info.value.ename) == (5, "ValueError")
    assert str(info.value) == "client 'cafe': cell 5 failed: ValueError: bad value"


def test_template_parameters_cell_lists_every_parameter():
    from smanalytics.report.params import TEMPLATE, parameter_names

    nb = nbformat.read(TEMPLATE, as_version=4)
    first = nb.cells[0]
    assert first.metadata["tags"] == ["parameters"]
    names = [line.split(":")[0] for line in first.source.splitlines()]
    assert names == parameter_names()
    code = [c.source for c in nb.cells[1:] if c.cell_type == "code"]
    assert not any(("def " in c or "class " in c or "for " in c or "if " in c) for c in code)


def test_relative_paths_reach_the_kernel_absolute(cafe, tmp_path: Path, monkeypatch):
    """The kernel runs in the client's folder: a relative export path given here must not change meaning."""
    seen = {}

    def execute(parameters, **kwargs):
        seen.update(parameters=parameters, cwd=kwargs["cwd"])
        (Path(parameters["out_dir"]) / "metrics.json").write_text("{}", encoding="utf-8")
        return new_notebook(cells=[new_markdown_cell("## Report")])

    monkeypatch.setattr(runner, "execute_template", execute)
    monkeypatch.chdir(cafe.parent)
    folder = runner.run_report(ClientSpec("cafe", exports=["cafe/*.csv"]), "out")
    assert seen["parameters"]["exports"] == [f"{cafe}/*.csv"]
    assert seen["cwd"] == folder == Path("out") / "cafe"
    assert seen["parameters"]["out_dir"] == str(cafe.parent / "out" / "cafe")
    assert sorted(p.name for p in folder.iterdir()) == sorted(runner.OUTPUTS)


def test_reports_start_largest_exports_first_in_manifest_order_among_equals(tmp_path: Path):
    from smanalytics.report.batch import largest_first

    def client(name: str, size: int | None) -> ClientSpec:
        path = tmp_path / f"{name}.csv"
        if size is not None:
            path.write_bytes(b"x" * size)
        return ClientSpec(name, exports=[str(path)])

    clients = [client("a", 10), client("b", 300), client("gone", None), client("c", 300), client("d", 50)]
    assert [c.id for c in largest_first(clients)] == ["b", "c", "d", "a", "gone"]
