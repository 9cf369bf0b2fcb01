"""The report's language: the option, ``auto``, the locale's number forms, the catalogs, metrics.json."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from smanalytics import cli, i18n
from smanalytics.i18n import catalogs
from smanalytics.report import content, figures, formats
from smanalytics.report.manifest import parse_manifest
from smanalytics.report.spec import ClientSpec


def test_the_catalogs_are_complete_current_and_compiled():
    """Fails when a message of the code is missing from a catalog, untranslated, fuzzy or stale."""
    assert catalogs.problems() == []


@pytest.mark.parametrize(
    ("language", "rate", "count", "share"),
    [
        ("en", "2.7", "1,318", "27%"),
        ("fr", "2,7", "1\u202f318", "27\u00a0%"),  # CLDR: narrow no-break space, no-break space before %
        ("es", "2,7", "1.318", "27\u00a0%"),
        ("de", "2,7", "1.318", "27\u00a0%"),
        ("pt", "2,7", "1\u00a0318", "27%"),  # Portugal's forms
    ],
)
def test_numbers_are_written_in_the_languages_forms(language, rate, count, share):
    with i18n.use(language):
        assert (formats.number(2.7), formats.number(1318, 0), formats.number(27.3, 0, suffix="%")) == (
            rate,
            count,
            share,
        )
        assert formats.number(None) == "–"


def test_days_and_months_are_named_in_the_language():
    from smanalytics.periods import parse_period

    october = parse_period("2026-10")
    with i18n.use("fr"):
        assert (formats.period_name(october), formats.day("2026-10-02")) == ("octobre 2026", "2 oct. 2026")
    with i18n.use("de"):
        assert formats.period_name(october) == "Oktober 2026"
        assert formats.period_days(parse_period("2026-W42")) == "12. Okt. bis 18. Okt. 2026"
    with i18n.use("pt"):
        assert formats.day("2026-10-02") == "2 de outubro de 2026"


def test_language_is_an_option_of_the_manifest_the_cli_and_the_spec():
    manifest = (
        "language: fr\nclients:\n  - {id: a, exports: a.csv}\n  - {id: b, exports: b.csv, language: DE}\n"
    )
    a, b = parse_manifest(manifest, base="/data").clients
    assert (a.language, b.language) == ("fr", "de")
    assert ClientSpec("c", exports=["x.csv"]).language == "en"
    assert ClientSpec("c", exports=["x.csv"], language="auto").language == "auto"
    args = cli._parser().parse_args(["report", "cafe", "x.csv", "--language", "es"])
    assert args.language == "es"


def test_auto_takes_the_language_most_export_files_were_written_in():
    spec = ClientSpec("c", exports=["x.csv"], language="auto")
    files = SimpleNamespace(sources=pd.DataFrame({"language": ["fr", None, "fr", "en"]}))
    assert content.report_language(spec, files) == "fr"
    unknown = SimpleNamespace(sources=pd.DataFrame({"language": ["ja", None]}))  # no catalog: English
    assert content.report_language(spec, unknown) == "en"
    assert content.report_language(spec, SimpleNamespace(sources=pd.DataFrame({"file": ["a.csv"]}))) == "en"
    assert content.report_language(ClientSpec("c", exports=["x.csv"], language="pt"), files) == "pt"


def test_metrics_json_says_its_language_and_keeps_keys_and_labels_in_english(cafe: Path, tmp_path: Path):
    spec = ClientSpec("cafe", exports=[str(cafe / "*.csv")], language="fr")
    report = content.prepare(spec, strict=True)
    assert report.language == "fr"
    data = json.loads(figures.save_metrics(report, tmp_path).read_text(encoding="utf-8"))
    assert data["language"] == "fr"
    assert data["accounts"][0]["conversation_per_1k"] == pytest.approx(10.0)  # a number, not "10,0"
    assert [e["label"] for e in data["index"]][0] == "Followers"
    assert data["period"]["start"] is None or data["period"]["start"][4] == "-"  # ISO dates
