"""Security of reports: output folders that cannot be escaped, text that cannot become markup or code.

See SECURITY.md. The folder checks and the parameter checks need no kernel;
the markup check renders one real report.
"""

from __future__ import annotations

import ast
import copy
import functools
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smanalytics.errors import ReportError
from smanalytics.report import run_batch, run_report
from smanalytics.report.batch import BatchResult, ClientResult, Status
from smanalytics.report.index import index_html
from smanalytics.report.params import TEMPLATE, report_parameters
from smanalytics.report.spec import ClientSpec
from tests.report._exports import CAFE_POSTS, write_client

OUTPUTS = ["metrics.json", "report.html", "report.ipynb"]


def _tree(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


def test_a_client_folder_that_is_a_link_or_a_file_is_refused_and_nothing_goes_through_it(tmp_path: Path):
    data = tmp_path / "data"
    write_client(data / "linked")
    write_client(data / "blocked")
    manifest = data / "clients.yaml"
    clients = [{"id": i, "exports": [f"{i}/*.csv"]} for i in ("linked", "blocked")]
    manifest.write_text(json.dumps({"clients": clients}), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in OUTPUTS:  # outputs newer than the exports: a resume that followed the link would skip it
        (outside / name).write_text("not yours", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "linked").symlink_to(outside, target_is_directory=True)
    (out / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    before = _tree(outside)

    for resume in (False, True):
        result = run_batch(manifest, out, resume=resume, pdf=False)
        assert [(c.id, c.status) for c in result.clients] == [("linked", "failed"), ("blocked", "failed")]
        errors = {c["id"]: c["error"] for c in json.loads((out / "batch.json").read_text())["clients"]}
        assert errors["linked"]["exception"] == "ReportError"
        assert f"{out / 'linked'} is a symbolic link (to {outside})" in errors["linked"]["message"]
        assert errors["blocked"]["exception"] == "ReportError"
        assert "exists and is not a folder" in errors["blocked"]["message"]
    with pytest.raises(ReportError, match="is a symbolic link"):
        run_report(ClientSpec("linked", exports=[str(data / "linked" / "*.csv")]), out, pdf=False)
    assert _tree(outside) == before  # not one file written, replaced or touched
    assert (out / "linked").is_symlink() and (out / "blocked").is_file()
    assert {p.name for p in out.iterdir()} - {"portfolio.csv"} == {
        "batch.json",
        "blocked",
        "index.html",
        "linked",
    }


def test_an_output_folder_that_cannot_be_made_stops_the_batch_with_one_clear_error(tmp_path: Path):
    write_client(tmp_path / "cafe")
    manifest = tmp_path / "clients.yaml"
    manifest.write_text("clients:\n  - {id: cafe, exports: [cafe/*.csv]}\n", encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ReportError, match=r"cannot create the output folder .*file/out \(Not a directory\)"):
        run_batch(manifest, tmp_path / "file" / "out")


@functools.lru_cache(maxsize=1)
def _template():
    from papermill.iorw import load_notebook_node

    return load_notebook_node(str(TEMPLATE))  # as papermill loads it (every cell gets its tags)


def _injected(parameters: dict) -> list[ast.stmt]:
    """The statements papermill injects for ``parameters``, exactly as it builds them for a run."""
    from papermill.parameterize import parameterize_notebook

    notebook = parameterize_notebook(copy.deepcopy(_template()), parameters)
    (cell,) = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    return ast.parse(cell.source).body


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
hostile = st.sampled_from(
    ['\'; import os; os.system("touch PWNED") #', '"""\nimport os\n"""', "\\", '\\"', "{x}", "\n#", "\x00"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.one_of(text, hostile, st.tuples(text, hostile, text).map("".join)),
    path=st.one_of(text, hostile).map(lambda s: "/data/" + s),
    hours=st.one_of(st.none(), st.floats(min_value=0, max_value=1e6)),
)
def test_parameters_reach_papermill_as_literals_only(name: str, path: str, hours: float | None):
    spec = ClientSpec("cafe", exports=[path, path + ".csv"], name=name, hours_per_week=hours, reference=name)
    parameters = report_parameters(spec, out_dir="/out/cafe")
    body = _injected(parameters)
    assigned = {}
    for statement in body:  # nothing but NAME = LITERAL: no call, no import, no expression
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        (target,) = statement.targets
        assert isinstance(target, ast.Name)
        assigned[target.id] = ast.literal_eval(statement.value)
    assert assigned == parameters


HOSTILE_POSTS = [
    [
        "instagram",
        "cafe",
        "1",
        "2026-01-05T10:00:00Z",
        "image",
        "**bold** and _it_ # not a title",
        "false",
        200,
        20,
        4,
        2,
    ],
    [
        "instagram",
        "cafe",
        "2",
        "2026-01-12T10:00:00Z",
        "image",
        "[click](javascript:alert(1)) now",
        "false",
        200,
        30,
        3,
        0,
    ],
    [
        "instagram",
        "cafe",
        "3",
        "2026-01-19T10:00:00Z",
        "reel",
        "<script>alert(2)</script> sale",
        "false",
        400,
        40,
        6,
        4,
    ],
    [
        "instagram",
        "cafe",
        "4",
        "2026-02-02T10:00:00Z",
        "reel",
        '<a href="javascript:alert(3)">open</a>',
        "false",
        400,
        10,
        2,
        1,
    ],
]
HOSTILE_NAME = "# Big <b>Cafe</b> **now** [x](javascript:alert(4)) $x^2$"


class _Parsed(HTMLParser):
    """What a browser would make of a page: its elements, attribute values and text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[str] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [v or "" for _, v in attrs]

    def handle_data(self, data):
        self.text += data


@pytest.mark.slow
def test_export_text_and_names_never_render_as_markup_in_the_report_or_the_index(tmp_path: Path):
    assert len(HOSTILE_POSTS[0]) == len(CAFE_POSTS[0])
    exports = write_client(tmp_path / "exports" / "cafe", posts=HOSTILE_POSTS)
    out = tmp_path / "out"
    folder = run_report(
        ClientSpec("cafe", exports=[str(exports / "*.csv")], name=HOSTILE_NAME), out, pdf=False
    )
    page = (folder / "report.html").read_text(encoding="utf-8")
    index = index_html(
        BatchResult(
            [
                ClientResult("cafe", HOSTILE_NAME, Status.OK),
                ClientResult(
                    "bad", HOSTILE_NAME, Status.FAILED, error={"exception": "X", "message": "<script>y"}
                ),
            ],
            out,
        ),
        out,
    )
    for markup in (page, index):
        parsed = _Parsed(markup)
        assert "script" not in parsed.tags and "b" not in parsed.tags and "strong" not in parsed.tags
        assert not [v for v in parsed.attributes if v.strip().lower().startswith("javascript:")]
        assert HOSTILE_NAME in parsed.text  # shown as typed
    # each post's text reaches the reader as typed: text, never markdown or HTML
    text = _Parsed(page).text
    for post in HOSTILE_POSTS:
        assert post[5] in text
    # no export text reaches a markdown renderer: outputs are HTML built from escaped parts, and the
    # markdown cells are the template's own, unchanged
    executed = nbformat.read(folder / "report.ipynb", as_version=4)
    mimes = {m for c in executed.cells if c.cell_type == "code" for o in c.outputs for m in o.get("data", {})}
    assert "text/markdown" not in mimes and "text/html" in mimes
    template = nbformat.read(TEMPLATE, as_version=4)
    assert [c.source for c in executed.cells if c.cell_type == "markdown"] == [
        c.source for c in template.cells if c.cell_type == "markdown"
    ]
    assert not any(o.get("output_type") == "error" for c in executed.cells for o in c.get("outputs", []))
    assert sorted(os.listdir(folder)) == OUTPUTS
