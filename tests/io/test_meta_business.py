"""Meta Business Suite importers: content exports and per-metric daily files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import NotATimeSeriesError
from smanalytics.io import read_file
from smanalytics.io.meta_business_daily import account_from_filename, daily_metric_of

MBS = "meta-business-suite"
ELI_CONTENT = "elitravel_May-25-2026_Jun-21-2026_1493633672508178.csv"
MH4U_CONTENT = "mh4u_Dec-12-2023_Mar-06-2024_1032418178499222.csv"
OIG_FB_Q1 = "oigetit_Jan-14-2025_Apr-14-2025_1396269028466733.csv"
OIG_FB_MAR = "oigetit_Mar-18-2025_Apr-14-2025_553302954456165.csv"
OIG_IG = "oigetit_Mar-18-2025_Apr-14-2025_1019826952924933.csv"
PRO_FB = "proefficient_Feb-01-2025_Mar-15-2025_613168031534769.csv"

pytestmark = pytest.mark.real_exports


def _csv_rows(path) -> list[dict]:
    """The raw content export, read independently with the csv module."""
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _total(rows: list[dict], column: str) -> int:
    return sum(int(r[column]) for r in rows if r.get(column) and r.get("Post ID"))


def _daily_blocks(path) -> dict[str, list[tuple[str, int]]]:
    """Title -> [(date, value)] of a per-metric file, read independently."""
    blocks: dict[str, list[tuple[str, int]]] = {}
    title = None
    for line in path.read_bytes().decode("utf-16").splitlines()[1:]:
        fields = next(csv.reader([line]), [])
        if len(fields) == 1:
            title = fields[0]
            blocks[title] = []
        elif len(fields) == 2 and fields[0] != "Date":
            blocks[title].append((fields[0][:10], int(fields[1])))
    return blocks


# -- content exports -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "platform", "account", "likes", "rows", "problems"),
    [
        (ELI_CONTENT, "instagram", "elitravelguy", "Likes", 21, 0),
        (OIG_IG, "instagram", "oigetit_sa", "Likes", 78, 0),
        (OIG_FB_Q1, "facebook", "Oigetit Fake News Filter - South Africa", "Reactions", 261, 0),
        (MH4U_CONTENT, "facebook", "Психічне здоров'я для України", "Reactions", 41, 3),
        (PRO_FB, "facebook", "Pro Efficient Data Entry", "Reactions", 20, 0),
    ],
)
def test_content_totals_match_the_raw_file(real_exports, name, platform, account, likes, rows, problems):
    path = real_exports / MBS / name
    raw = _csv_rows(path)
    ds = smanalytics.load(path)
    posts = ds.posts
    assert len(posts) == rows and len(ds.problems) == problems
    assert len(posts) + len(ds.problems) == len(raw) == ds.sources["data_rows"].iloc[0]
    assert set(posts["platform"]) == {platform}
    assert set(posts["account"]) == {account}
    assert posts["likes"].sum() == _total(raw, likes)
    assert posts["comments"].sum() == _total(raw, "Comments")
    assert posts["shares"].sum() == _total(raw, "Shares")
    assert posts["reach"].sum() == _total(raw, "Reach")
    assert posts["post_id"].tolist() != [] and posts["post_id"].is_unique


def test_instagram_post_figures_and_collaboration(real_exports):
    ds = smanalytics.load(real_exports / MBS / ELI_CONTENT)
    post = ds.posts.set_index("post_id").loc["17974697564884257"]
    # the file's row: Views 4993, Reach 3206, Likes 287, Shares 56, Follows 2, Comments 0, Saves 7
    assert (post["impressions"], post["reach"], post["likes"], post["shares"]) == (4993, 3206, 287, 56)
    assert (post["follows"], post["comments"], post["saves"]) == (2, 0, 7)
    assert post["published_at"] == pd.Timestamp("2026-05-26 10:23", tz="UTC")
    assert post["post_type"] == "IG reel"
    assert pd.isna(post["clicks"]) and pd.isna(post["paid"])
    # caryjack's collaboration reel (Reach blank) counts under elitravelguy, reach missing, not 0
    collab = ds.posts.set_index("post_id").loc["17956430532130456"]
    assert collab["account"] == "elitravelguy" and pd.isna(collab["reach"]) and collab["likes"] == 269
    assert "caryjack" in ds.sources["notes"].iloc[0]


def test_facebook_short_rows_and_failed_rows(real_exports):
    ds = smanalytics.load(real_exports / MBS / OIG_FB_Q1)
    # a 27-field row of a 31-column header: Views 20, Reach 9, Reactions 0, Total clicks 0
    post = ds.posts.set_index("post_id").loc["917187207167939"]
    assert (post["impressions"], post["reach"], post["likes"], post["clicks"]) == (20, 9, 0, 0)
    assert post["paid"] is pd.NA  # no boosted-reach column in this export
    assert "5 rows had fewer fields" in ds.sources["notes"].iloc[0]
    mh4u = smanalytics.load(real_exports / MBS / MH4U_CONTENT)
    assert mh4u.problems["line"].tolist() == [38, 733, 763]
    assert mh4u.problems["reason"].str.contains("Meta could not compute").all()
    first = mh4u.posts.set_index("post_id").loc["1142979803545328"]
    # Impressions wins over Views when both exist: Reach 5969, Impressions 6970, Reactions 236
    assert (first["reach"], first["impressions"], first["likes"], first["clicks"]) == (5969, 6970, 236, 142)


def test_facebook_paid_from_boosted_reach(real_exports):
    posts = smanalytics.load(real_exports / MBS / OIG_FB_MAR).posts
    # every row has "Reach from Boosted posts" = 0, so every post is organic
    assert posts["paid"].tolist() == [False] * 48


def test_overlapping_and_repeated_content_exports_count_each_post_once(real_exports):
    q1, march = real_exports / MBS / OIG_FB_Q1, real_exports / MBS / OIG_FB_MAR
    # the March file's 48 posts are all inside the January-April file's 261
    ds = smanalytics.load([q1, march, q1])
    assert len(ds.posts) == 261
    assert ds.posts["comments"].sum() == _total(_csv_rows(q1), "Comments") == 20


# -- daily per-metric files -----------------------------------------------------------
def test_daily_reach_values(real_exports):
    path = real_exports / MBS / "elitravel_Reach.csv"
    daily = smanalytics.load(path, platform="instagram").daily
    raw = _daily_blocks(path)["Reach"]
    assert len(daily) == len(raw) == 28
    assert daily["reach"].sum() == sum(v for _, v in raw) == 808076
    assert daily["date"].iloc[0] == pd.Timestamp("2026-05-25") and daily["reach"].iloc[0] == 14551
    assert daily["date"].iloc[-1] == pd.Timestamp("2026-06-21") and daily["reach"].iloc[-1] == 48955
    assert set(daily["account"]) == {"elitravel"} and set(daily["platform"]) == {"instagram"}
    others = [c for c in daily.columns if c not in ("platform", "account", "date", "reach")]
    assert daily[others].isna().all().all()  # each file fills only its own column


def test_stacked_blocks_get_their_platforms(real_exports):
    path = real_exports / MBS / "mh4u_Follows.csv"
    ds = smanalytics.load(path)
    blocks = _daily_blocks(path)
    by = ds.daily.groupby("platform")["follows"].agg(["size", "sum"])
    # "Follows" (Facebook): 242 days, 4795 follows; "Instagram follows": 229 days, 1352
    assert by.loc["facebook"].tolist() == [len(blocks["Follows"]), sum(v for _, v in blocks["Follows"])]
    assert by.loc["facebook"].tolist() == [242, 4795]
    assert by.loc["instagram"].tolist() == [229, 1352]
    assert ds.sources["data_rows"].iloc[0] == 471 == len(ds.daily)
    visits = smanalytics.load(real_exports / MBS / "mh4u_Visits.csv").daily
    assert set(visits["platform"]) == {"facebook", "instagram"}
    assert visits["profile_visits"].notna().all() and visits["follows"].isna().all()


def test_per_metric_files_merge_into_one_row_per_day(real_exports):
    names = ["Reach", "Views", "Follows", "Visits", "Interactions"]
    ds = smanalytics.load([real_exports / MBS / f"elitravel_{n}.csv" for n in names], platform="instagram")
    daily = ds.daily.set_index("date")
    assert len(daily) == 28  # 2026-05-25 .. 2026-06-21, Follows has only 20 of them
    assert daily["follows"].notna().sum() == 20
    first = daily.loc[pd.Timestamp("2026-05-25")]
    # first data rows: Reach 14551, Views 20701, Follows 65, Visits 165, Interactions 228
    assert (first["reach"], first["impressions"], first["follows"]) == (14551, 20701, 65)
    assert (first["profile_visits"], first["engagements"]) == (165, 228)


def test_platform_rules_for_titles_without_one(real_exports):
    path = real_exports / MBS / "elitravel_Views.csv"
    assert set(smanalytics.load(path).daily["platform"]) == {"instagram"}
    assert set(smanalytics.load(path, platform="facebook").daily["platform"]) == {"facebook"}
    assert set(smanalytics.load(path, account="eli").daily["account"]) == {"eli"}
    oig = smanalytics.load(real_exports / MBS / "oigetit_Reach.csv").daily  # "Facebook reach"
    assert set(oig["platform"]) == {"facebook"} and len(oig) == 105


@pytest.mark.parametrize("name", ["elitravel_Audience.csv", "oigetit_Audience.csv"])
def test_files_without_daily_figures_are_refused_saying_where_the_figures_are(real_exports, name):
    where = r"carries no posts or daily figures \(those are in the per-metric files, Reach, Views"
    with pytest.raises(NotATimeSeriesError, match=where) as info:
        smanalytics.load(real_exports / MBS / name)
    assert info.value.path.endswith(name)


# -- what analysts do to files --------------------------------------------------------
def _rewrite_content(src, dst, *, encoding="utf-8-sig", delimiter=",", newline="\n", reverse=False):
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8-sig"), newline="")))
    if reverse:
        rows = [list(reversed(r + [""] * (len(rows[0]) - len(r)))) for r in rows]
    with open(dst, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return dst


@pytest.mark.parametrize("name", [ELI_CONTENT, PRO_FB])
@pytest.mark.parametrize(
    "variant",
    [
        {"encoding": "utf-16", "newline": "\r\n"},
        {"reverse": True},
        {"delimiter": ";"},
    ],
    ids=["utf16-bom-crlf", "columns-reversed", "semicolons"],
)
def test_content_variants_give_the_same_table(real_exports, tmp_path, name, variant):
    src = real_exports / MBS / name
    original = smanalytics.load(src).posts
    copy = _rewrite_content(src, tmp_path / name, **variant)
    assert_frame_equal(smanalytics.load(copy).posts, original)


def _rewrite_daily(src, dst, *, encoding="utf-16", delimiter=",", newline="\n", swap=False, sep_line=True):
    lines = src.read_bytes().decode("utf-16").splitlines()[1:]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL)
    if sep_line:
        out.write(f"sep={delimiter}{newline}")
    for line in lines:
        fields = next(csv.reader([line]), [])
        writer.writerow(list(reversed(fields)) if swap else fields)
    dst.write_bytes(out.getvalue().encode(encoding))
    return dst


@pytest.mark.parametrize(
    "variant",
    [
        {"encoding": "utf-8-sig", "newline": "\r\n"},
        {"swap": True},
        {"delimiter": ";", "sep_line": False, "encoding": "utf-8"},
    ],
    ids=["utf8-bom-crlf", "columns-swapped", "semicolons-no-sep-line"],
)
def test_daily_variants_give_the_same_table(real_exports, tmp_path, variant):
    src = real_exports / MBS / "mh4u_Visits.csv"
    original = smanalytics.load(src).daily
    copy = _rewrite_daily(src, tmp_path / "mh4u_Visits.csv", **variant)
    assert_frame_equal(smanalytics.load(copy).daily, original)


# -- every file of the family ---------------------------------------------------------
def _all_files():
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / MBS
    return sorted(p.name for p in folder.glob("*.csv")) if folder.is_dir() else []


@pytest.mark.parametrize("name", _all_files())
def test_every_meta_business_file_loads_or_is_refused(real_exports, name):
    path = real_exports / MBS / name
    try:
        ds = read_file(path)
    except NotATimeSeriesError:
        assert "Audience" in name
        return
    assert ds.sources["family"].iloc[0].startswith("meta_business")
    rows = len(ds.posts) + len(ds.daily)
    assert rows > 0 and rows + len(ds.problems) == ds.sources["data_rows"].iloc[0]


# -- helpers ---------------------------------------------------------------------------
def test_title_and_file_name_rules():
    assert daily_metric_of("Facebook reach") == ("facebook", "reach", True)
    assert daily_metric_of("Follows") == (None, "follows", True)
    assert daily_metric_of("Instagram link clicks") == ("instagram", "clicks", True)
    assert daily_metric_of("Top cities") == (None, None, False)
    assert account_from_filename("oigetit_Visits (1).csv") == ("oigetit", "the file name prefix", None)
    assert account_from_filename("x/vintage_IG VIEWS.csv") == ("vintage", "the file name prefix", "instagram")
    assert account_from_filename("a/b/some export.csv") == ("some export", "the file name", None)


# -- content exports in other interface languages --------------------------------------
# Spanish headers of Instagram content exports, as public repositories copy them from real
# exports: Spain's wording (aroaxinping/instapipe examples/sample_data.csv, which writes
# "Total" where English writes "Lifetime") and Latin America's (a test of a Chilean team's
# reader, "Los encabezados reales"). Both list the columns in the English order of ELI_CONTENT.
ES_INSTAGRAM = {
    "es-ES": (
        "identificador de la publicación,Identificador de la cuenta,Nombre de usuario de la cuenta,"
        "Nombre de la cuenta,Descripción,Duración (segundos),Hora de publicación,Enlace permanente,"
        "Tipo de publicación,Comentario sobre los datos,Fecha,Visualizaciones,Alcance,Me gusta,"
        "Veces que se ha compartido,Seguidores,Comentarios,Veces guardado"
    ).split(","),
    "es-419": (
        "Identificador de la publicación,Identificador de la cuenta,Nombre de usuario de la cuenta,"
        "Nombre de la cuenta,Descripción,Duración (segundos),Hora de publicación,Enlace permanente,"
        "Tipo de publicación,Comentario sobre los datos,Fecha,Visualizaciones,Alcance,Me gusta,"
        "Veces que se compartió,Seguimientos,Comentarios,Veces que se guardó"
    ).split(","),
}
# Spanish names of Facebook content columns, from public readers of Spanish exports (a
# Mexican broadcaster's importer: "Nombre de la página", "Enlace permanente", "Total de
# clics", "Veces que se compartió"; a Spanish radio's loader: "Veces que se ha compartido",
# "Visualizaciones de vídeo de 3 segundos"). Page ID's Spanish name is not documented, so
# the reconstruction leaves that column out.
ES_FACEBOOK = {
    "Post ID": "Identificador de la publicación",
    "Page name": "Nombre de la página",
    "Title": "Título",
    "Description": "Descripción",
    "Publish time": "Hora de publicación",
    "Permalink": "Enlace permanente",
    "Post type": "Tipo de publicación",
    "Data comment": "Comentario sobre los datos",
    "Views": "Visualizaciones",
    "Reach": "Alcance",
    "Reactions": "Reacciones",
    "Comments": "Comentarios",
}
ES_FACEBOOK_VARIANTS = {
    "es-ES": {"Shares": "Veces que se ha compartido"},
    "es-419": {"Shares": "Veces que se compartió", "Total clicks": "Total de clics"},
}


def _write_csv(path, header, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerows([header, *rows])
    return path


@pytest.mark.parametrize("variant", sorted(ES_INSTAGRAM))
def test_spanish_instagram_content(real_exports, tmp_path, variant):
    src = real_exports / MBS / ELI_CONTENT
    with open(src, newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    rows = [[("Total" if f == "Lifetime" else f) for f in row] for row in rows]
    copy = _write_csv(tmp_path / ELI_CONTENT, ES_INSTAGRAM[variant], rows)
    raw = _csv_rows(src)
    spanish, english = read_file(copy), read_file(src)
    assert_frame_equal(spanish.posts, english.posts)
    posts = spanish.posts
    # worked out from the English file with the csv module: 21 posts
    assert len(posts) == len(raw) == 21 and spanish.problems.empty
    assert posts["likes"].sum() == _total(raw, "Likes")
    assert posts["comments"].sum() == _total(raw, "Comments")
    assert posts["saves"].sum() == _total(raw, "Saves")
    assert posts["follows"].sum() == _total(raw, "Follows")
    assert posts["impressions"].sum() == _total(raw, "Views")
    assert set(posts["account"]) == {"elitravelguy"}
    assert spanish.sources["language"].iloc[0] == "es"
    assert "columns recognised by name (es header)" in spanish.sources["notes"].iloc[0]


def test_a_header_mixing_two_languages_keeps_the_first_name_of_a_figure(real_exports, tmp_path):
    """A real Spanish export has been seen with an 19th column "Views" in English: Visualizaciones wins."""
    src = real_exports / MBS / ELI_CONTENT
    with open(src, newline="", encoding="utf-8-sig") as fh:
        _, *rows = list(csv.reader(fh))
    copy = _write_csv(tmp_path / "mixed.csv", [*ES_INSTAGRAM["es-419"], "Views"], [[*r, "999"] for r in rows])
    assert read_file(copy).posts["impressions"].sum() == _total(_csv_rows(src), "Views")


@pytest.mark.parametrize("variant", sorted(ES_FACEBOOK_VARIANTS))
def test_spanish_facebook_content(real_exports, tmp_path, variant):
    src = real_exports / MBS / OIG_FB_Q1
    names = ES_FACEBOOK | ES_FACEBOOK_VARIANTS[variant]
    with open(src, newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    keep = [header.index(name) for name in names]
    copy = _write_csv(
        tmp_path / OIG_FB_Q1, [names[header[i]] for i in keep], [[row[i] for i in keep] for row in rows]
    )
    raw = _csv_rows(src)
    spanish = read_file(copy)
    posts = spanish.posts
    # worked out from the English file with the csv module
    assert len(posts) == len(raw) == 261 and spanish.problems.empty
    assert posts["likes"].sum() == _total(raw, "Reactions") == 87
    assert posts["comments"].sum() == _total(raw, "Comments") == 20
    assert posts["shares"].sum() == _total(raw, "Shares") == 20
    assert posts["reach"].sum() == _total(raw, "Reach") == 8395
    assert posts["impressions"].sum() == _total(raw, "Views") == 15982
    assert set(posts["account"]) == {"Oigetit Fake News Filter - South Africa"}
    assert set(posts["platform"]) == {"facebook"}
    assert spanish.sources["language"].iloc[0] == "es"
    if "Total clicks" in names:
        assert posts["clicks"].sum() == _total(raw, "Total clicks") == 162


# Portuguese titles of per-metric blocks, as a public Apps Script that imports Brazilian
# accounts' Meta Business Suite downloads looks them up (andremourasantos/planilha-meta-insights).
PT_TITLES = {
    "Facebook reach": "Alcance no Facebook",
    "Instagram reach": "Alcance do Instagram",
    "Facebook visits": "Visitas ao Facebook",
    "Instagram profile visits": "Visitas ao perfil do Instagram",
}


@pytest.mark.parametrize(
    ("name", "column", "facebook", "instagram"),
    # (days, sum) of each block, worked out with the csv module: the Facebook blocks are all 0
    [
        ("Reach.csv", "reach", (90, 0), (90, 24964)),
        ("Page and profile visits.csv", "profile_visits", (90, 0), (90, 3627)),
    ],
)
def test_portuguese_per_metric_titles(tmp_path, name, column, facebook, instagram):
    src = (
        Path(__file__).resolve().parents[2].parent
        / "shared"
        / "real-exports-wild"
        / MBS
        / f"TanyaRastogi04__{name}"
    )
    if not src.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    lines = src.read_bytes().decode("utf-16").splitlines()
    # the titles in Portuguese; the value columns named in words no table has, so only the titles tell
    rewritten = [
        f'"{PT_TITLES[line.strip(chr(34))]}"' if line.strip('"') in PT_TITLES else line for line in lines
    ]
    rewritten = ['"Data","Valor"' if line.startswith('"Date"') else line for line in rewritten]
    copy = tmp_path / src.name
    copy.write_bytes(("\n".join(rewritten) + "\n").encode("utf-16"))
    english, portuguese = read_file(src), read_file(copy)
    assert_frame_equal(portuguese.daily, english.daily)
    blocks = _daily_blocks(src)
    by = portuguese.daily.groupby("platform")[column].agg(["size", "sum"])
    fb_title, ig_title = [t for t in blocks if t in PT_TITLES]
    assert by.loc["facebook"].tolist() == [len(blocks[fb_title]), sum(v for _, v in blocks[fb_title])]
    assert by.loc["instagram"].tolist() == [len(blocks[ig_title]), sum(v for _, v in blocks[ig_title])]
    assert (tuple(by.loc["facebook"]), tuple(by.loc["instagram"])) == (facebook, instagram)
    assert portuguese.sources["language"].iloc[0] == "pt"
