"""The client spec: each option declared once, and reaching the manifest, the CLI and the template."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
import pytest

from smanalytics import cli
from smanalytics.errors import ManifestError, ReportError, SpecError
from smanalytics.report.manifest import parse_manifest
from smanalytics.report.params import RUN_PARAMETERS, TEMPLATE, check_template, report_parameters
from smanalytics.report.spec import ClientSpec, option, options, parameter_type


def _tone(value: object) -> str | None:
    if value in (None, ""):
        return None
    if value not in ("plain", "formal"):
        raise ValueError("must be one of plain, formal")
    return str(value)


@dataclass(frozen=True)
class WithTone(ClientSpec):
    """The spec with one more option, as a later issue adds one."""

    tone: str | None = option(
        "the report's tone: plain or formal (default: plain)", parse=_tone, default=None
    )


def test_the_templates_parameters_cell_declares_every_option_with_its_type_and_help():
    declared = papermill.inspect_notebook(str(TEMPLATE))
    expected = [(o.parameter or f.name, parameter_type(ClientSpec, f).__name__, o.help) for f, o in options()]
    expected += [(name, kind.__name__, help) for name, (kind, help) in RUN_PARAMETERS.items()]
    assert [(p["name"], p["inferred_type_name"], p["help"]) for p in declared.values()] == expected
    assert list(declared)[:2] == ["client_id", "exports"]


def test_a_new_option_reaches_manifest_validation_the_command_line_and_the_notebook(tmp_path: Path):
    manifest = (
        "tone: formal\nclients:\n  - {id: a, exports: a.csv}\n  - {id: b, exports: b.csv, tone: plain}\n"
    )
    a, b = parse_manifest(manifest, base="/data", spec=WithTone).clients
    assert (a.tone, b.tone) == ("formal", "plain")
    with pytest.raises(ManifestError, match=r"client 'a': 'tone' must be one of plain, formal; got 'loud'"):
        parse_manifest("clients:\n  - {id: a, exports: a.csv, tone: loud}\n", base="/", spec=WithTone)
    with pytest.raises(ManifestError, match="unknown key 'tone'"):  # the shipped spec has no such option
        parse_manifest("clients:\n  - {id: a, exports: a.csv, tone: formal}\n", base="/")

    args = cli._parser(WithTone).parse_args(["report", "cafe", "x.csv", "--tone", "formal"])
    assert (args.id, args.exports, args.tone, args.spec) == ("cafe", ["x.csv"], "formal", WithTone)
    assert "--tone" not in cli._parser().format_help()

    parameters = report_parameters(WithTone("cafe", exports=["x.csv"], tone="formal"), out_dir="/o")
    assert parameters["tone"] == "formal"
    assert WithTone.from_parameters(parameters) == WithTone("cafe", exports=["x.csv"], tone="formal")
    # the shipped template does not declare it: refused before any kernel starts, saying what to add
    with pytest.raises(ReportError, match="does not declare tone: add a line"):
        check_template(TEMPLATE, spec=WithTone)
    template = tmp_path / "template.ipynb"
    shutil.copy(TEMPLATE, template)
    notebook = nbformat.read(template, as_version=4)
    notebook.cells[0].source += '\ntone: str = ""  # the report\'s tone: plain or formal (default: plain)'
    nbformat.write(notebook, template)
    assert check_template(template, spec=WithTone) == str(template.resolve())
    assert (
        papermill.inspect_notebook(str(template))["tone"]["help"]
        == WithTone.__dataclass_fields__["tone"].metadata["option"].help
    )


def test_the_template_parameters_make_the_same_spec_back():
    spec = ClientSpec(
        "cafe", exports=("a.csv", "b/"), name="Café", period="2026-Q1", hours_per_week=2,
        reference="/r.csv", accent_color="#0b6e4f",
    )  # fmt: skip
    parameters = spec.to_parameters()
    assert parameters == {
        "client_id": "cafe",
        "exports": ["a.csv", "b/"],
        "client_name": "Café",
        "period": "2026-Q1",
        "today": None,
        "hours_per_week": 2.0,
        "reference": "/r.csv",
        "accent_color": "#0b6e4f",
        "paper": "a4",
        "agency": None,
        "notes": "",
        "notes_file": None,
        "followers": [],
        "accounts": [],
        "language": "en",
    }
    assert ClientSpec.from_parameters({**parameters, "out_dir": "/o"}) == spec
    # the template's "not given" is the empty text
    blank = {"period": "", "today": "", "hours_per_week": "", "reference": "", "accent_color": ""}
    empty = ClientSpec.from_parameters({"client_id": "cafe", "exports": ["a.csv"], **blank})
    assert empty == ClientSpec("cafe", exports=["a.csv"])


#: What the spec says a period must look like.
PERIODS = (
    "'period' must be a period: YYYY-MM, YYYY-Qn, YYYY-Wnn, YYYY-MM-DD..YYYY-MM-DD, last-month, "
    "last-quarter, last-week"
)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"hours_per_week": -1}, "'hours_per_week' must be a number of hours, 0 or more; got -1"),
        ({"hours_per_week": True}, "'hours_per_week' must be a number of hours"),
        ({"hours_per_week": float("nan")}, "'hours_per_week' must be a number of hours"),
        ({"accent_color": "red"}, "'accent_color' must be written #rrggbb; got 'red'"),
        ({"today": "1 March"}, "'today' must be a date written YYYY-MM-DD"),
        ({"period": "March"}, f"{PERIODS}; got 'March'"),
        ({"period": "2026-13"}, f"{PERIODS}; 13 is not a month (1 to 12); got '2026-13'"),
        ({"period": "2027-W53"}, f"{PERIODS}; 53 is not a week of 2027 (1 to 52)"),  # 2026 has 53
        ({"period": "2026-09-30..2026-07-01"}, f"{PERIODS}; 2026-07-01 is before 2026-09-30"),
        ({"exports": []}, "'exports' must be a file, a folder, a glob or a list of them"),
        ({"exports": ["a.csv", ""]}, "'exports' must be a file"),
        ({"reference": 3}, "'reference' must be the path of a file"),
        ({"language": "ja"}, "'language' must be one of en, fr, es, de, pt, auto; got 'ja'"),
    ],
)
def test_a_bad_value_names_the_option_the_value_and_what_it_must_be(values, message):
    with pytest.raises(SpecError) as info:
        ClientSpec("cafe", **{"exports": ["a.csv"], **values})
    assert str(info.value).startswith(f"client 'cafe': {message}")
    assert info.value.option == next(iter(values))


def test_the_command_line_report_takes_every_option(monkeypatch, tmp_path: Path):
    seen = {}

    def fake_run_report(spec, out, *, timeout, warm_kernels, pdf):
        seen.update(spec=spec, out=out, timeout=timeout, warm_kernels=warm_kernels, pdf=pdf)
        return Path(out) / spec.id

    monkeypatch.setattr("smanalytics.report.runner.run_report", fake_run_report)
    argv = ["report", "cafe", "a.csv", "b/", "--name", "The Café", "--hours-per-week", "2.5",
            "--period", "last-month", "--today", "2026-10-05", "--accent-color", "#0b6e4f",
            "--out", str(tmp_path)]  # fmt: skip
    assert cli.main(argv) == 0
    assert seen["spec"] == ClientSpec(
        "cafe", exports=("a.csv", "b/"), name="The Café", hours_per_week=2.5, period="2026-09",
        today="2026-10-05", accent_color="#0b6e4f",
    )  # fmt: skip
    assert seen["timeout"] == 600 and seen["warm_kernels"] is True and seen["pdf"] is True


def test_a_bad_option_on_the_command_line_is_one_line_and_exit_2(capsys):
    assert cli.main(["report", "cafe", "a.csv", "--accent-color", "red"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["smanalytics: error: client 'cafe': 'accent_color' must be written #rrggbb; got 'red'"]


def test_the_readme_lists_every_option():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| option | what it is |") :].split("\n\n")[0]
    listed = {name for row in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    assert listed == {f.name for f, _ in options()}
