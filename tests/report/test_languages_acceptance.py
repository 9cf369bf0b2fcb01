"""Issue 13's acceptance: a batch over a sample client in every shipped language.

Each report declares its language, writes numbers in the locale's forms and
holds none of the English template sentences, in its HTML and in its PDF.
One batch, one sample client (the fitness coach: three channels, a quiet
TikTok, best times, no bought spike) in each language but English.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from smanalytics.i18n import DEFAULT, LANGUAGES
from smanalytics.i18n.catalogs import TEMPLATE
from smanalytics.report import run_batch

pypdf = pytest.importorskip("pypdf")

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "fitness-coach"
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]

#: The sample's Instagram followers (12,851) and posts a week (4.8), as each language writes them.
NUMBERS = {
    "fr": ("12\u202f851", "4,8"),
    "es": ("12.851", "4,8"),
    "de": ("12.851", "4,8"),
    "pt": ("12\u00a0851", "4,8"),
}


def english_sentences() -> set[str]:
    """The English catalog's texts, cut at their placeholders: every run of four words or more."""
    with TEMPLATE.open("rb") as handle:
        catalog = read_po(handle)
    out = set()
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"\{[^}]*\}", text or ""):
                piece = piece.strip(" .,:;()")
                if len(piece.split()) >= 4:
                    out.add(piece)
    return out


def page_text(page: str) -> str:
    """What a reader sees of an HTML page: no styles, charts' markup or tags."""
    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<img[^>]*>", " ", page, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))  # keep no-break spaces


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    if not SAMPLE.is_dir():
        pytest.skip("the samples are not generated")
    out = tmp_path_factory.mktemp("languages")
    clients = "".join(
        f"  - {{id: coach-{code}, name: Fitness Coach, exports: ['{SAMPLE}/*.csv'], language: {code}}}\n"
        for code in TRANSLATED
    )
    manifest = out / "clients.yaml"
    manifest.write_text(f"clients:\n{clients}", encoding="utf-8")
    result = run_batch(manifest, out / "reports", workers=2)
    assert not result.failed, result.failed
    return out / "reports"


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_reads_as_its_own_in_html_and_pdf(reports: Path, language: str):
    folder = reports / f"coach-{language}"
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{language}">')
    text = page_text(page)
    followers, per_week = NUMBERS[language]
    assert followers in text and per_week in text
    english = english_sentences()
    assert sorted(s for s in english if s in text) == []

    pdf = pypdf.PdfReader(folder / "report.pdf")
    # compared without spaces (pypdf spaces out some glyphs) and the NULs some fonts' maps leave
    printed = "".join(per_word(p.extract_text().replace("\x00", "")) for p in pdf.pages)
    assert per_word(per_week) in printed
    assert sorted(s for s in english if per_word(s) in printed) == []


def per_word(text: str) -> str:
    return "".join(text.split())


@pytest.mark.slow
def test_the_index_speaks_the_language_of_the_reports(reports: Path):
    page = (reports / "index.html").read_text(encoding="utf-8")
    # four reports, one each in fr, es, de, pt: the first seen among equals
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "Rapports clients" in page and "4 clients" in page
