"""Generate the bad-input corpus: files an agency may be sent that smanalytics must survive.

Run ``python tests/data/bad/make_bad.py OUT_DIR`` to write them for a look;
the tests build them in a temporary folder with :func:`build`. Nothing here is
copied from real exports: every file is made from scratch.

Each case is ``name -> (filename, bytes or a callable that writes the path, expect)``
where ``expect`` is ``"load"`` (reads, possibly with problem rows) or
``"refuse"`` (a SmanalyticsError naming the file).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

DAILY_HEADER = "platform,account,date,followers,follows,impressions\n"
GOOD_ROWS = "x,cafe,2026-01-01,100,2,500\nx,cafe,2026-01-02,103,3,620\n"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Key Metrics"><Table>
  <Row><Cell><Data ss:Type="String">&lol9;</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Workbook [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Key Metrics"><Table>
  <Row><Cell><Data ss:Type="String">Post ID</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">&xxe;</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


def _zip_bomb(path: Path) -> None:
    """An .xlsx-looking zip whose one member inflates to 1 GiB of zeros."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(chunk)


def _directory(path: Path) -> None:
    path.mkdir()


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _binary() -> bytes:
    return bytes((i * 37 + 11) % 256 for i in range(4096))


def _utf16_truncated() -> bytes:
    data = (DAILY_HEADER + GOOD_ROWS).encode("utf-16")
    return data[:-1]  # an odd number of bytes: the last character is cut in half


def cases() -> dict[str, tuple[str, object, str]]:
    """The corpus: name -> (file name, content or writer, expected outcome)."""
    return {
        "empty": ("empty.csv", b"", "refuse"),
        "whitespace_only": ("blank.csv", b"  \n\t\n   \r\n", "refuse"),
        "binary": ("data.csv", _binary(), "refuse"),
        "picture_named_csv": ("photo.csv", _png(), "refuse"),
        "json": ("export.csv", b'{"data": [{"date": "2026-01-01", "followers": 3}]}\n', "refuse"),
        "unknown_columns": ("mystery.csv", b"foo,bar,baz\n1,2,3\n", "refuse"),
        "header_only": ("header_only.csv", DAILY_HEADER.encode(), "load"),
        "truncated_utf16": ("truncated_utf16.csv", _utf16_truncated(), "refuse"),
        "utf16_without_bom": (
            "utf16_nobom.csv",
            (DAILY_HEADER + GOOD_ROWS).encode("utf-16-le"),
            "load",
        ),
        "nul_bytes": ("nul.csv", (DAILY_HEADER + "x,cafe,2026-01-01,1\x00\x00,2,3\n").encode(), "load"),
        "unreadable_dates": (
            "dates.csv",
            (DAILY_HEADER + "x,cafe,someday,1,2,3\n" + GOOD_ROWS).encode(),
            "load",
        ),
        "text_in_numbers": (
            "text_numbers.csv",
            (DAILY_HEADER + "x,cafe,2026-01-03,lots,2,3\n" + GOOD_ROWS).encode(),
            "load",
        ),
        "negative_counts": (
            "negative.csv",
            (DAILY_HEADER + "x,cafe,2026-01-03,-5,2,3\n" + GOOD_ROWS).encode(),
            "load",
        ),
        "ragged_rows": (
            "ragged.csv",
            (DAILY_HEADER + "x,cafe,2026-01-03,1\nx,cafe,2026-01-04,1,2,3,4,5\n" + GOOD_ROWS).encode(),
            "load",
        ),
        "huge_text_field": (
            "huge_field.csv",
            (
                "platform,account,post_id,published_at,text,likes\n"
                'x,cafe,1,2026-01-01T10:00:00Z,"' + "lemonade " * (5 * 1024 * 1024 // 9) + '",4\n'
            ).encode(),
            "load",
        ),
        "latin1_text": (
            "latin1.csv",
            (
                "platform,account,post_id,published_at,text,likes\n"
                "x,café-niño,1,2026-01-01T10:00:00Z,Crème brûlée señor,4\n"
            ).encode("latin-1"),
            "load",
        ),
        "semicolon_sep_line": (
            "sep.csv",
            ("sep=;\n" + (DAILY_HEADER + GOOD_ROWS).replace(",", ";")).encode(),
            "load",
        ),
        "padded_headers": (
            "padded.csv",
            (b" platform , account ,  date , followers \nx,cafe,2026-01-01,100\n"),
            "load",
        ),
        "duplicate_columns": (
            "duplicate.csv",
            b"platform,account,date,followers,followers\nx,cafe,2026-01-01,100,200\n",
            "refuse",
        ),
        "directory": ("a_folder.csv", _directory, "refuse"),
        "missing_path": ("does_not_exist.csv", None, "refuse"),
        "spreadsheetml_external_entity": ("insights_xxe.xls", EXTERNAL_ENTITY.encode(), "refuse"),
        "spreadsheetml_billion_laughs": ("insights_laughs.xls", BILLION_LAUGHS.encode(), "refuse"),
        "xlsx_zip_bomb": ("bomb.xlsx", _zip_bomb, "refuse"),
    }


def build(out_dir: str | Path) -> dict[str, tuple[Path, str]]:
    """Write the corpus into ``out_dir``; return name -> (path, expected outcome)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    built = {}
    for name, (filename, content, expect) in cases().items():
        path = out_dir / filename
        if callable(content):
            if not path.exists():
                content(path)
        elif content is not None:
            path.write_bytes(content)
        built[name] = (path, expect)
    return built


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/bad/corpus")
    for name, (path, expect) in build(target).items():
        print(f"{expect:7} {name:32} {path}")
