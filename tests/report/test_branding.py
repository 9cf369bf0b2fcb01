"""The agency's branding: the manifest's ``agency:`` block, its logo checked before anything runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smanalytics import cli
from smanalytics.errors import ManifestError, SpecError
from smanalytics.report import run_batch
from smanalytics.report.branding import Agency, inside_folder, masthead, page_header, read_logo
from smanalytics.report.manifest import load_manifest
from smanalytics.report.runner import check_inputs
from smanalytics.report.spec import ClientSpec
from tests.report._exports import write_client

LOGO = Path(__file__).resolve().parents[2] / "data" / "samples" / "agency-logo.png"


def _manifest(folder: Path, agency: str, client: str = "") -> Path:
    write_client(folder / "cafe")
    path = folder / "clients.yaml"
    path.write_text(f"agency: {agency}\nclients:\n  - {{id: cafe, exports: [cafe/*.csv]{client}}}\n", "utf-8")
    return path


def test_the_agency_block_brands_every_client_with_its_logo_from_the_manifests_folder(tmp_path: Path):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(LOGO.read_bytes())
    manifest = _manifest(tmp_path, '{name: Harbour, logo: brand/logo.png, accent_color: "#0b6e4f"}')
    (client,) = load_manifest(manifest).clients
    assert client.agency == Agency("Harbour", str(tmp_path / "brand" / "logo.png"), "#0b6e4f", "")
    assert client.accent == "#0b6e4f"  # the agency's colour, as the client has none of its own
    assert str(tmp_path / "brand" / "logo.png") in client.input_paths()  # a new logo makes reports stale
    logo = str(tmp_path / "brand" / "logo.png")
    assert client.to_parameters()["agency"] == {
        "name": "Harbour", "logo": logo, "accent_color": "#0b6e4f", "footer": ""
    }  # fmt: skip
    assert ClientSpec.from_parameters(client.to_parameters()).agency == client.agency


@pytest.mark.parametrize(
    ("agency", "message"),
    [
        (
            "{name: H, logo: ../secret.png}",
            r"'agency.logo' '\.\./secret\.png' must be inside the manifest's folder",
        ),
        (
            "{name: H, logo: /etc/hostname}",
            r"must be inside the manifest's folder .*; it leads to /etc/hostname",
        ),
        ("{name: H, logo: nowhere.png}", r"'agency.logo' 'nowhere\.png' does not exist"),
        (
            "{name: H, logo: fake.png}",
            r"'fake\.png' is not a PNG or JPEG image; the logo must be a PNG or JPEG",
        ),
        ("{name: H, logo: cut.png}", r"'cut\.png' is not a whole PNG image \(.*\); export the logo again"),
        (
            "{name: H, logo: drawing.svg}",
            r"must be a PNG or JPEG file \(SVG is refused: it can carry scripts\)",
        ),
        ("{name: H, colour: red}", r"'agency' has unknown key 'colour'; expected some of name, logo"),
        ("{name: H, accent_color: red}", r"'agency' accent_color must be written #rrggbb"),
    ],
)
def test_a_logo_outside_the_folder_missing_or_not_an_image_stops_the_batch_before_anything_runs(
    tmp_path: Path, agency: str, message: str
):
    (tmp_path / "fake.png").write_text("<html>not an image</html>", encoding="utf-8")
    (tmp_path / "cut.png").write_bytes(LOGO.read_bytes()[:2000])
    (tmp_path / "drawing.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    manifest = _manifest(tmp_path, agency)
    with pytest.raises(ManifestError, match=message):
        run_batch(manifest, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_cut_logo_is_refused_even_after_weasyprint_told_pillow_to_accept_cut_images(tmp_path: Path):
    pytest.importorskip("weasyprint")  # its import sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES
    from PIL import ImageFile

    (tmp_path / "cut.png").write_bytes(LOGO.read_bytes()[:2000])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    with pytest.raises(ValueError, match="is not a whole PNG image"):
        read_logo(tmp_path / "cut.png")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "logo.png").write_bytes(LOGO.read_bytes())
    (tmp_path / "batch").mkdir()
    os.symlink(tmp_path / "elsewhere" / "logo.png", tmp_path / "batch" / "logo.png")
    with pytest.raises(ValueError, match=r"it leads to .*elsewhere/logo\.png"):
        inside_folder("logo.png", tmp_path / "batch")
    assert inside_folder("logo.png", tmp_path / "elsewhere") == tmp_path / "elsewhere" / "logo.png"


def test_the_command_line_says_what_is_wrong_with_the_logo_and_exits_non_zero(tmp_path: Path, capsys):
    (tmp_path / "fake.png").write_text("not an image", encoding="utf-8")
    manifest = _manifest(tmp_path, "{name: H, logo: fake.png}")
    assert cli.main(["batch", str(manifest), "--out", str(tmp_path / "out")]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err == (
        f"smanalytics: error: {manifest}: 'agency.logo' 'fake.png' is not a PNG or JPEG image; "
        "the logo must be a PNG or JPEG file\n"
    )
    # one report: the same check before its kernel starts
    spec = ClientSpec(
        "cafe", exports=[str(tmp_path / "cafe" / "*.csv")], agency={"logo": str(tmp_path / "no.png")}
    )
    with pytest.raises(SpecError, match=r"client 'cafe': 'agency.logo' .*no\.png does not exist"):
        check_inputs(spec, tmp_path / "out")


def test_a_logo_too_big_is_refused_with_its_size(tmp_path: Path):
    from PIL import Image

    Image.new("RGB", (4001, 10)).save(tmp_path / "wide.png")
    with pytest.raises(ValueError, match=r"is 4001 x 10 pixels; a logo may be at most 4000 pixels a side"):
        read_logo(tmp_path / "wide.png")
    logo = read_logo(LOGO)
    assert (logo.mime, logo.width, logo.height) == ("image/png", 360, 96)
    assert logo.data_uri().startswith("data:image/png;base64,iVBORw0KGgo")


def test_the_masthead_shows_the_logo_else_the_name_escaped():
    with_logo = masthead(Agency(name='H & "Co"', logo=str(LOGO), footer="<b>call</b>"))
    assert with_logo.startswith('<div class="sm-agency"><img class="sm-logo" src="data:image/png;base64,')
    assert with_logo.endswith(
        'alt="H &amp; &quot;Co&quot;"><span class="sm-agency-footer">&lt;b&gt;call&lt;/b&gt;</span></div>'
    )
    assert page_header(Agency(name="<i>H</i>")) == (
        '<div class="sm-page-header"><span class="sm-agency-name">&lt;i&gt;H&lt;/i&gt;</span></div>'
    )
    assert masthead(None) == page_header(None) == page_header(Agency(footer="x")) == ""


def test_the_index_shows_the_agency_and_links_each_report_and_its_pdf(tmp_path: Path):
    from smanalytics.report.batch import BatchResult, ClientResult, Status
    from smanalytics.report.index import index_html

    for client in ("cafe", "salon"):
        (tmp_path / client).mkdir()
        (tmp_path / client / "report.html").write_text("x", encoding="utf-8")
    (tmp_path / "cafe" / "report.pdf").write_bytes(b"%PDF-")  # the salon's was made with --no-pdf
    batch = BatchResult(
        [ClientResult("cafe", "Café", Status.OK), ClientResult("salon", "Salon", Status.SKIPPED)], tmp_path
    )
    page = index_html(batch, tmp_path, agency=Agency(name="Harbour", logo=str(LOGO), accent_color="#0b6e4f"))
    assert '<a href="cafe/report.html">Café</a> <a class="sm-pdf" href="cafe/report.pdf">PDF</a>' in page
    assert '<a href="salon/report.html">Salon</a><br>' in page and "salon/report.pdf" not in page
    assert '<div class="sm-agency"><img class="sm-logo" src="data:image/png;base64,' in page
    assert "--accent: #0b6e4f;" in page
