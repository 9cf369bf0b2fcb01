"""The workshop notebooks stay thin, complete and runnable (checked without a kernel).

nbval (``pytest --nbval-lax notebooks/``) runs them and compares the stored outputs of the
``# NBVAL_CHECK_OUTPUT`` cells; these tests check what nbval cannot: that each notebook has
its parameters cell, exercises with answers, only one-line calls into the library, stored
outputs without errors, paths that resolve from the notebook's own folder, and answers
whose code is valid Python.
"""

from __future__ import annotations

import ast
import base64
import glob
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKSHOP = ROOT / "notebooks" / "workshop"
NOTEBOOKS = sorted(WORKSHOP.glob("[0-9][0-9]_*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"
ANSWER = re.compile(r"^<details><summary>Answer</summary>(.*)</details>\s*$", re.S)
FENCED = re.compile(r"```python\n(.*?)```", re.S)
#: Statements that would make a notebook hold logic instead of calling the library.
LOGIC = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While, ast.If, ast.Try)


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def _ids(paths):
    return [p.stem for p in paths]


def test_there_are_four_lessons_or_more():
    # (1) exports, (2) conversations, (3) bought or organic, (4) time: one notebook each
    assert len(NOTEBOOKS) >= 4, [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_first_code_cell_is_tagged_parameters_with_help(path):
    first = _code(_read(path))[0]
    assert "parameters" in first.metadata.get("tags", [])
    lines = [ln for ln in first.source.splitlines() if ln.strip()]
    assert lines
    for line in lines:  # name: type = default  # help
        assert re.match(r"^\w+: \w+ = .+  # \S", line), line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_code_cells_hold_no_logic(path):
    for cell in _code(_read(path)):
        tree = ast.parse(cell.source)
        bad = [type(n).__name__ for n in ast.walk(tree) if isinstance(n, LOGIC)]
        assert not bad, f"{path.name}: {bad} in\n{cell.source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_every_exercise_is_followed_by_its_answer(path):
    cells = _read(path).cells
    exercises = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and "**Exercise" in c.source]
    assert len(exercises) >= 2, f"{path.name} has {len(exercises)} exercises"
    for i in exercises:
        after = cells[i + 1]
        assert after.cell_type == "markdown" and ANSWER.match(after.source), cells[i].source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_answer_code_is_python_and_no_placeholder_is_left(path):
    answers = [c.source for c in _read(path).cells if c.cell_type == "markdown" and ANSWER.match(c.source)]
    snippets = [s for a in answers for s in FENCED.findall(a)]
    assert snippets, f"{path.name}: no answer shows the code to type"
    for snippet in snippets:
        ast.parse(snippet)
    text = "\n".join(c.source for c in _read(path).cells)
    assert "ANSWER_" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_outputs_are_stored_without_errors(path):
    cells = _code(_read(path))
    assert all(c.execution_count is not None for c in cells), "run the notebook and save its outputs"
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "run top to bottom once, in order"
    for cell in cells:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        streams = [o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert not streams, f"warnings in {cell.source[:60]!r}: {streams}"
    checked = [c for c in cells if c.source.startswith(CHECK)]
    assert len(checked) >= 3 and all(c.outputs for c in checked)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_charts_are_small_pngs(path):
    images = [
        o.data["image/png"]
        for c in _code(_read(path))
        for o in c.outputs
        if o.output_type == "display_data" and "image/png" in o.get("data", {})
    ]
    assert images, f"{path.name} draws no chart"
    for image in images:
        assert len(base64.b64decode(image)) < 150_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_data_paths_resolve_from_the_notebook_folder(path):
    """nbval and JupyterLab both run a notebook in its own folder: paths are relative to it."""
    text = "\n".join(c.source for c in _code(_read(path)))
    first = ast.parse(_code(_read(path))[0].source)
    params = {n.target.id: ast.literal_eval(n.value) for n in first.body if isinstance(n, ast.AnnAssign)}
    patterns = [v for v in params.values() if isinstance(v, str) and "/" in v]
    patterns += [m.format(**params) for m in re.findall(r'f"(\{samples\}[^"]+)"', text)]
    patterns += re.findall(r'sm\.load\("([^"{]+)"\)', text)
    assert patterns
    for pattern in patterns:
        assert glob.glob(str(WORKSHOP / pattern)), f"{pattern} matches nothing from {WORKSHOP}"


def test_sanitize_file_keeps_figures():
    """The replacements hide addresses and paths, never a figure a lesson checks."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "notebooks" / "nbval_sanitize.cfg")
    rules = [(config[s]["regex"], config[s]["replace"]) for s in config.sections()]
    sample = (
        "<Figure at 0x7f3a2b1c9d40> /home/ann/smanalytics/data/samples/cafe/x.csv 2,000 follows "
        "x937 27% 3.51 h 0.73 /tmp/ipykernel_30647/4232887424.py 2026-03-14"
    )
    for regex, replace in rules:
        sample = re.sub(regex, replace, sample)
    assert sample == (
        "<Figure at 0xADDRESS> CHECKOUT/data/samples/cafe/x.csv 2,000 follows "
        "x937 27% 3.51 h 0.73 IPYKERNEL_CELL 2026-03-14"
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_answer_code_runs_after_the_notebook(path, monkeypatch):
    """What an answer tells participants to type works where they would type it: at the end."""
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(path.parent)
    nb = _read(path)
    namespace: dict = {}
    for cell in _code(nb):
        exec(compile(cell.source, f"{path.name} cell", "exec"), namespace)  # the notebook's own lines
    answers = [c.source for c in nb.cells if c.cell_type == "markdown" and ANSWER.match(c.source)]
    for snippet in (s for a in answers for s in FENCED.findall(a)):
        exec(compile(snippet, f"{path.name} answer", "exec"), namespace)
