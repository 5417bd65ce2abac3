"""`mediate report …` through the real CLI: formats, errors, the white paper's structure."""

from __future__ import annotations

import csv
import io
import json

import pytest

from mediate.reports.whitepaper import CONFIRMATION_NOTE
from tests.report_data import seed


@pytest.fixture
def seeded(sqlite_db):
    seed(sqlite_db.url)
    return sqlite_db.url


def test_funnel_prints_counties_side_by_side_and_bars(cli, seeded):
    result = cli(["--db", seeded, "report", "funnel", "--period", "2026H1"])
    assert result.exit_code == 0, result.output
    assert "解放区" in result.stdout and "修武县" in result.stdout
    assert "4 (50.0%)" in result.stdout  # outside the court's door, all counties
    assert "█" in result.stdout


def test_funnel_bars_show_every_counted_bucket_so_the_shares_add_up_seed_17(cli, seeded):
    """Seed item 17's three targets beside the failures not returned to court: the shares
    of the counted disputes add up to 100 %, each label whole at 80 columns."""
    from mediate import console
    from mediate.textwidth import cell_width

    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    result = cli(["--db", seeded, "report", "funnel", "-p", "2026H1"], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 0, result.output
    bars = [line for line in result.stdout.splitlines() if "█" in line or "░" in line]
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in bars]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("诉外化解", "50.0%", "70.0%"),
        ("诉前化解（诉调对接中心）", "12.5%", "20.0%"),
        ("诉讼裁判", "25.0%", "10.0%"),
        ("未化解（调解不成且未退回法院）", "12.5%", ""),
    ]
    assert max(cell_width(line) for line in result.stdout.splitlines()) <= 80


def test_funnel_json_has_a_stable_shape(cli, seeded):
    result = cli(["--db", seeded, "--json", "report", "funnel", "-p", "2026H1"])
    data = json.loads(result.stdout)
    assert list(data) == ["report", "filters", "targets", "total", "counties"]
    assert data["filters"] == {
        "period": {"label": "2026H1", "from": "2026-01-01", "to": "2026-06-30"},
        "county": None,
        "source": None,
    }
    assert data["targets"] == {
        "outside_court_door": 0.7,
        "at_court_door": 0.2,
        "adjudication": 0.1,
    }
    assert list(data["total"]) == [
        "county_code",
        "county",
        "closed",
        "withdrawn",
        "counted",
        "buckets",
    ]


def test_every_report_writes_csv_and_xlsx(cli, seeded, tmp_path):
    from openpyxl import load_workbook

    for report, first in [
        ("funnel", "county_code"),
        ("orgs", "scope"),
        ("overdue", "org_id"),
        ("causes", "group"),
    ]:
        period = [] if report == "overdue" else ["-p", "2026H1"]
        result = cli(
            ["--db", seeded, "report", report, *period, "--as-of", "2026-07-20", "--csv", "--raw"]
            if report in ("orgs", "overdue")
            else ["--db", seeded, "report", report, *period, "--csv", "--raw"]
        )
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0][0] == first
        target = tmp_path / f"{report}.xlsx"
        result = cli(["--db", seeded, "report", report, *period, "--xlsx", str(target)])
        assert result.exit_code == 0, result.output
        sheet = load_workbook(target).active
        assert sheet.max_row == len(rows) or report == "overdue"


def test_causes_csv_has_the_hand_computed_groups(cli, seeded):
    result = cli(["--db", seeded, "report", "causes", "-p", "2026H1", "--csv", "--raw"])
    assert result.stdout.splitlines() == [
        "group,received,settled,failed,withdrawn,success_rate",
        "合同、准合同纠纷,12,4,1,1,0.8",
        "侵权责任纠纷,1,1,0,0,1.0",
        "未知案由,1,0,1,0,0.0",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # a bad period or a period out of order is a usage error too (review of 2026-12-02)
        (["funnel", "-p", "2026H3"], 2, "--period: '2026H3' is not a period"),
        (
            ["funnel", "--from", "2026-05-01", "--to", "2026-04-01"],
            2,
            "--from: 2026-05-01 is after the last day, --to 2026-04-01",
        ),
        # a value outside a closed set is a usage error that lists the allowed ones
        (["orgs", "--county", "北京"], 2, "'--county': '北京' is not a valid county or district"),
        (
            ["causes", "--source", "phone"],
            2,
            "'--source': 'phone' is not a valid source; use one of",
        ),
    ],
)
def test_bad_options_are_clear_errors(cli, seeded, args, code, message):
    result = cli(["--db", seeded, "report", *args])
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split())


def test_whitepaper_has_its_sections_tables_and_charts(cli, seeded, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    target = tmp_path / "白皮书.docx"
    result = cli(
        [
            "--db",
            seeded,
            "report",
            "whitepaper",
            "-p",
            "2026H1",
            "-o",
            str(target),
            "--as-of",
            "2026-07-20",
        ]
    )
    assert result.exit_code == 0, result.output
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "焦作市矛盾纠纷多元化解工作白皮书",
        "一、总体情况",
        "二、“70/20/10”分层化解情况",
        "各县（市、区）对比",
        "三、各级调解组织工作情况",
        "各调解组织",
        "四、纠纷类型分析",
        "五、月度趋势",
        "六、统计口径说明",
    ]
    assert "（2026年上半年）" in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) == 4
    assert len(doc.tables) == 6
    funnel = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert funnel[1] == ["诉外化解（各类非诉调解组织）", "4", "50.0%", "70.0%"]
    months = [[c.text for c in row.cells] for row in doc.tables[5].rows]
    assert months[5] == ["2026-05", "3", "1", "1", "1", "50.0%"]
    # The shares named in the text are every counted bucket's: 50 + 12.5 + 25 + 12.5.
    assert any(
        "诉外化解50.0%，诉前化解12.5%，诉讼裁判25.0%，调解不成、未转入诉讼12.5%。" in p.text
        for p in doc.paragraphs
    )
    # Each county's column adds up to its closures: every bucket and the withdrawn.
    counties = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert [row[0] for row in counties] == [
        "化解层次",
        "诉外化解",
        "诉前化解",
        "诉讼裁判",
        "未化解",
        "撤回",
        "办结合计",
    ]
    for column in range(1, len(counties[0])):
        parts = [int(row[column].split("（")[0]) for row in counties[1:-1]]
        assert sum(parts) == int(counties[-1][column]), counties
    # The confirmation rate counts only cases that may apply: C, the county level's one
    # settled case, was entrusted by the court (委托); in all, A confirmed of A, B, F, I.
    rates = {row.cells[0].text: row.cells[-1].text for row in doc.tables[2].rows}
    assert (rates["县级"], rates["合计"]) == ("—", "25.0%")
    texts = [p.text for p in doc.paragraphs]
    assert texts.count(CONFIRMATION_NOTE) == 2  # under the levels' and the bodies' tables
    assert any("可申请司法确认的调解成功案件4件" in t for t in texts)
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text


def test_the_demo_ends_with_the_funnel(cli, tmp_path):
    result = cli(["--json", "demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["steps"][-1].startswith("Reported the 70/20/10 funnel over")
    funnel = data["summary"]["funnel"]
    assert funnel["report"] == "funnel"
    assert funnel["total"]["closed"] >= 1
    result = cli(["demo", "--dir", str(tmp_path / "again")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert "The 70/20/10 funnel" in result.stdout
    assert any("Adjudication" in line for line in lines[-5:])  # the bars table closes it


def test_the_bundled_whitepaper_template_holds_the_front_matter_placeholders():
    from docx import Document

    from mediate.reports.whitepaper import choose_template

    template = choose_template(None)
    assert template.name == "whitepaper.docx"
    texts = [p.text for p in Document(str(template)).paragraphs]
    assert texts == ["{{ title }}", "（{{ scope }}）", "{{ period_text }}；{{ as_of_text }}"]


def test_a_deployment_whitepaper_template_is_used_when_present(cli, seeded, tmp_path):
    from docx import Document

    from mediate.reports.whitepaper import make_template

    templates = tmp_path / "templates"
    own = make_template(templates / "白皮书.docx")
    doc = Document(str(own))
    doc.paragraphs[0].runs[0].text = "修武县{{ scope }}矛盾纠纷化解报告"
    doc.save(str(own))
    target = tmp_path / "own.docx"
    result = cli(
        ["--db", seeded, "report", "whitepaper", "-p", "2026Q2", "-o", str(target)],
        env={"MEDIATE_TEMPLATES": str(templates)},
    )
    assert result.exit_code == 0, result.output
    assert Document(str(target)).paragraphs[0].text == "修武县2026年第二季度矛盾纠纷化解报告"


def test_a_county_whitepaper_names_the_county_in_title_scope_text_and_json(cli, seeded, tmp_path):
    """Review of 2026-12-03: a --county paper said 全市 and counted the city's idle bodies."""
    from docx import Document

    args = ["--db", seeded, "report", "whitepaper", "-p", "2026H1", "--as-of", "2026-07-20"]
    result = cli([*args, "--county", "修武县", "--json", "-o", str(tmp_path / "xw.docx")])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["county"] == {"code": "410821", "name": "修武县"}
    texts = [p.text for p in Document(str(tmp_path / "xw.docx")).paragraphs]
    assert texts[:2] == ["焦作市修武县矛盾纠纷多元化解工作白皮书", "（修武县，2026年上半年）"]
    overview = texts[texts.index("一、总体情况") + 1]
    # F, G, H, I, J and P were received in 修武县 in 2026H1
    assert overview.startswith("本期修武县各级调解组织共新收矛盾纠纷6件")
    assert "另有1个调解组织本期无案件。" in texts  # xw-idle; not the other county's bodies

    result = cli([*args, "--json", "-o", str(tmp_path / "city.docx")])
    assert json.loads(result.stdout)["county"] is None
    texts = [p.text for p in Document(str(tmp_path / "city.docx")).paragraphs]
    assert texts[:2] == ["焦作市矛盾纠纷多元化解工作白皮书", "（2026年上半年）"]
    assert texts[texts.index("一、总体情况") + 1].startswith("本期全市各级调解组织")


def test_a_county_whitepaper_is_named_after_the_county_by_default(
    cli, seeded, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = cli(
        ["--db", seeded, "--json", "report", "whitepaper", "-p", "2026H1", "--county", "孟州市"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == str(tmp_path / "白皮书-孟州市-2026H1.docx")
