"""The white paper's charts are native Word charts (issue 17 item 11): a chart part per
figure related from the document, its data embedded as a workbook, the values those of the
report; and the paper is written on a machine with no CJK font (and without Pillow)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import PurePosixPath

import pytest
from lxml import etree

from tests.clockrun import CLOCKRUN
from tests.report_data import seed

NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ARGS = ["report", "whitepaper", "-p", "2026H1", "--as-of", "2026-07-20"]


@pytest.fixture
def seeded(sqlite_db):
    seed(sqlite_db.url)
    return sqlite_db.url


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) of `part`."""
    where = PurePosixPath(part)
    xml = etree.fromstring(package.read(f"{where.parent}/_rels/{where.name}.rels"))
    out = {}
    for rel in xml.findall("rel:Relationship", NS):
        target = os.path.normpath(str(where.parent / rel.get("Target")))
        out[rel.get("Id")] = (rel.get("Type"), target)
    return out


def _content_type(package: zipfile.ZipFile, part: str) -> str | None:
    types = etree.fromstring(package.read("[Content_Types].xml"))
    for override in types.findall("ct:Override", NS):
        if override.get("PartName") == "/" + part:
            return override.get("ContentType")
    extension = part.rsplit(".", 1)[-1]
    for default in types.findall("ct:Default", NS):
        if default.get("Extension").lower() == extension:
            return default.get("ContentType")
    return None


def read_charts(path) -> list[dict]:
    """Each chart of the document in body order: title, categories, series (name, values)
    from the chart part, and the rows of its embedded workbook."""
    from openpyxl import load_workbook

    charts = []
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = _rels(package, "word/document.xml")
        for reference in document.iterfind(".//w:drawing/wp:inline//c:chart", NS):
            kind, part = rels[reference.get(f"{{{NS['r']}}}id")]
            assert kind == RT + "chart"
            assert part.startswith("word/charts/chart") and part.endswith(".xml")
            assert _content_type(package, part) == CHART_TYPE
            space = etree.fromstring(package.read(part))
            assert space.tag == f"{{{NS['c']}}}chartSpace"
            book_id = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
            kind, book = _rels(package, part)[book_id]
            assert kind == RT + "package"
            assert book.startswith("word/embeddings/") and book.endswith(".xlsx")
            assert _content_type(package, book) == XLSX_TYPE
            sheet = load_workbook(io.BytesIO(package.read(book))).active
            series = []
            for ser in space.iterfind(".//c:barChart/c:ser", NS):
                points = {
                    int(pt.get("idx")): float(pt.findtext("c:v", namespaces=NS))
                    for pt in ser.iterfind("c:val/c:numRef/c:numCache/c:pt", NS)
                }
                count = int(ser.find("c:val/c:numRef/c:numCache/c:ptCount", NS).get("val"))
                series.append(
                    {
                        "name": ser.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=NS),
                        "formula": ser.findtext("c:val/c:numRef/c:f", namespaces=NS),
                        "values": [points.get(i) for i in range(count)],
                    }
                )
            first = space.find(".//c:barChart/c:ser", NS)
            charts.append(
                {
                    "title": "".join(space.find("c:chart/c:title", NS).itertext()),
                    "axes": [
                        "".join(t.itertext()) for t in space.iterfind(".//c:plotArea/*/c:title", NS)
                    ],
                    "categories": [
                        v.text for v in first.iterfind("c:cat/c:strRef/c:strCache/c:pt/c:v", NS)
                    ],
                    "series": series,
                    "sheet": [list(row) for row in sheet.iter_rows(values_only=True)],
                }
            )
    return charts


def test_whitepaper_charts_are_word_charts_holding_the_reports_numbers(cli, seeded, tmp_path):
    target = tmp_path / "白皮书.docx"
    result = cli(["--db", seeded, *ARGS, "-o", str(target)])
    assert result.exit_code == 0, result.output
    funnel = json.loads(cli(["--db", seeded, "--json", "report", "funnel", "-p", "2026H1"]).stdout)
    orgs = json.loads(
        cli(
            ["--db", seeded, "--json", "report", "orgs", "-p", "2026H1", "--as-of", "2026-07-20"]
        ).stdout
    )

    charts = read_charts(target)
    assert [c["title"] for c in charts] == [
        "分层化解：实际占比与目标",
        "各层级调解成功率",
        "各类纠纷新收件数",
        "月度收结案情况",
    ]
    shares, levels = charts[0], charts[1]
    buckets = funnel["total"]["buckets"]
    order = ["outside_court_door", "at_court_door", "adjudication"]
    assert shares["axes"] == ["化解层次", "占办结件数比例（不含撤回）"]
    assert shares["categories"] == ["诉外化解", "诉前化解", "诉讼裁判"]
    assert [s["name"] for s in shares["series"]] == ["实际占比", "目标"]
    assert shares["series"][0]["values"] == [buckets[b]["share"] for b in order]
    assert shares["series"][1]["values"] == [0.7, 0.2, 0.1]
    assert shares["series"][1]["formula"] == "Sheet1!$C$2:$C$4"
    # the embedded workbook holds the same table: what "edit data" opens
    assert shares["sheet"] == [
        ["化解层次", "实际占比", "目标"],
        *(
            [c, buckets[b]["share"], buckets[b]["target"]]
            for c, b in zip(shares["categories"], order, strict=True)
        ),
    ]

    assert levels["categories"] == [lv["name"] for lv in orgs["levels"]]
    rates = [lv["success_rate"] for lv in orgs["levels"]]
    assert any(r is None for r in rates) and any(r for r in rates)  # gaps and values both
    assert levels["series"][0]["values"] == rates  # a level without outcomes is a gap, not 0
    assert levels["sheet"][1:] == [[lv["name"], lv["success_rate"]] for lv in orgs["levels"]]

    months = charts[3]
    assert months["categories"] == ["1月", "2月", "3月", "4月", "5月", "6月"]
    assert months["series"][0]["values"][4] == 3.0  # received in May, as table 6 says
    assert months["sheet"][5] == ["5月", 3, 1, 1]


def test_whitepaper_is_written_with_no_chinese_font_and_no_pillow(seeded, tmp_path):
    """No fonts at all for fontconfig, and Pillow made unimportable: the paper is written."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig><dir>/nonexistent</dir></fontconfig>\n')
    blocker = tmp_path / "blocker" / "PIL"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('Pillow is not installed')\n")
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(empty),
        "PYTHONPATH": os.pathsep.join([str(blocker.parent), os.environ.get("PYTHONPATH", "")]),
        "MEDIATE_CJK_FONT": "",
    }
    check = (
        subprocess.run(["fc-list"], capture_output=True, text=True, env=env, check=False)
        if _have("fc-list")
        else None
    )
    if check is not None:
        assert check.stdout.strip() == ""  # fontconfig really sees no font
    target = tmp_path / "w.docx"
    done = subprocess.run(
        [sys.executable, CLOCKRUN, "--db", seeded, *ARGS, "-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(read_charts(target)) == 4


def _have(command: str) -> bool:
    import shutil

    return shutil.which(command) is not None
