"""The half-year white paper (seed item 2: 定期发布白皮书): a Word document with the funnel,
the bodies' performance, the cause mix and the monthly trend, each with a chart — a native
Word chart with its data embedded (`charts`), editable in Word and WPS, needing no font here.

A base template (`mediate/reports/whitepaper.docx`, or the deployment's own
`whitepaper.docx` / `白皮书.docx` in the templates directory) gives the styles, page
setup and front matter, rendered with docxtpl (`{{ title }}`, `{{ scope }}`,
`{{ period_text }}`, `{{ as_of_text }}`) in the one Jinja sandbox (`documents.sandbox`),
like every case document; the generated sections — tables and charts — follow it. Every
run and style names its East Asian font, so Word, WPS and LibreOffice all render the
Chinese with a Chinese face.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediate.domain.divisions import CITY_NAME, COUNTIES
from mediate.reports import charts
from mediate.reports.funnel import ADJUDICATION, AT_DOOR, BUCKETS, OUTSIDE, UNRESOLVED, WITHDRAWN
from mediate.reports.model import (
    TARGETS,
    CausesReport,
    FunnelReport,
    MonthFigures,
    OrgsReport,
    level_label,
)
from mediate.reports.periods import Period

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
TITLE = "焦作市矛盾纠纷多元化解工作白皮书"
TITLE_OF = "{area}矛盾纠纷多元化解工作白皮书"
CHART_WIDTH_CM = 16.5  # A4 less the 2 cm margins, with a little room

BUCKET_CN = {
    OUTSIDE: "诉外化解（各类非诉调解组织）",
    AT_DOOR: "诉前化解（法院诉调对接中心）",
    ADJUDICATION: "诉讼裁判（不宜调解或调解不成退回法院）",
    UNRESOLVED: "调解不成、未转入诉讼",
    WITHDRAWN: "撤回（不计入分母）",
}
TARGET_COLOR = "A5A5A5"  # the targets in grey beside the actual shares
SHORT_CN = {
    OUTSIDE: "诉外化解",
    AT_DOOR: "诉前化解",
    ADJUDICATION: "诉讼裁判",
    UNRESOLVED: "未化解",
}


@dataclass
class WhitePaperData:
    funnel: FunnelReport
    orgs: OrgsReport
    causes: CausesReport
    months: list[MonthFigures]


def area_cn(county: str | None) -> str:
    """Whose paper it is, as its text names it: 全市 for the city, else the county-level
    division by its own name (解放区, 修武县, 孟州市), never a 本县 for a 县级市."""
    return COUNTIES.get(county, county) if county else "全市"


def title_cn(county: str | None) -> str:
    if not county:
        return TITLE
    name = COUNTIES.get(county, county)
    return TITLE_OF.format(area=name if name.startswith("焦作") else CITY_NAME + name)


def period_cn(period: Period) -> str:
    label = period.label
    if len(label) == 4:
        return f"{label}年度"
    if "H" in label:
        return f"{label[:4]}年{'上' if label.endswith('1') else '下'}半年"
    if "Q" in label:
        return f"{label[:4]}年第{'一二三四'[int(label[-1]) - 1]}季度"
    if len(label) == 7 and label[4] == "-":
        return f"{label[:4]}年{int(label[5:])}月"
    return f"{_date(period.start)}至{_date(period.end)}"


def _date(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _fonts(element: Any, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


TEMPLATE_NAMES = ("whitepaper.docx", "白皮书.docx")


def choose_template(templates_dir: Path | None) -> Path:
    """The deployment's own base template when there is one, else the bundled one."""
    if templates_dir is not None and templates_dir.is_dir():
        for name in TEMPLATE_NAMES:
            if (templates_dir / name).is_file():
                return templates_dir / name
    # Beside this module, not in mediate/templates/: that folder holds the case documents,
    # whose template lint knows only the case context.
    return Path(__file__).resolve().parent / TEMPLATE_NAMES[0]


def make_template(target: Path) -> Path:
    """Write the bundled base template: `mediate/reports/whitepaper.docx` is made by
    this function (a deployment copies it to its templates directory to restyle it)."""
    paper = _Paper(None)
    paper.doc.add_heading("{{ title }}", 0)
    for run in paper.doc.paragraphs[-1].runs:
        _fonts(run._element, HEADING_FONT)
    paper.para("（{{ scope }}）", center=True)
    paper.para("{{ period_text }}；{{ as_of_text }}", center=True)
    return paper.save(target, TITLE)


class _Paper:
    def __init__(self, template: Path | None, context: dict[str, str] | None = None) -> None:
        from docx import Document
        from docx.shared import Cm, Pt

        if template is None:
            self.doc = Document()
        else:
            from mediate.documents.sandbox import render_docx

            self.doc = render_docx(template, context or {}).docx
        for style_name, font in (
            ("Normal", BODY_FONT),
            ("Title", HEADING_FONT),
            ("Heading 1", HEADING_FONT),
            ("Heading 2", HEADING_FONT),
            ("Caption", BODY_FONT),
        ):
            style = self.doc.styles[style_name]
            style.font.name = font
            _fonts(style.element, font)
        self.doc.styles["Normal"].font.size = Pt(12)
        for section in self.doc.sections:
            section.left_margin = section.right_margin = Cm(2.0)

    def heading(self, text: str, level: int) -> None:
        paragraph = self.doc.add_heading(text, level)
        for run in paragraph.runs:
            _fonts(run._element, HEADING_FONT)

    def para(self, text: str, center: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        _fonts(run._element, BODY_FONT)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cells, values, bold in [(table.rows[0].cells, headers, True)] + [
            (table.add_row().cells, r, False) for r in rows
        ]:
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(value)
                run.bold = bold
                run.font.size = Pt(9)
                _fonts(run._element, HEADING_FONT if bold else BODY_FONT)
                if column > 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.doc.add_paragraph()

    def chart(self, chart: charts.BarChart, caption: str, height_cm: float = 9.0) -> None:
        """A native Word chart (its data embedded, editable in Word and WPS), captioned."""
        charts.add_chart(self.doc, chart, CHART_WIDTH_CM, height_cm)
        self.para(caption, center=True)

    def stamp(self, title: str) -> None:
        """The core properties as the tool's: the paper's title, author and subject the tool,
        created now (`mediate.clock`); not python-docx's default part ("generated by
        python-docx", created 2013-12-23) nor a template's."""
        from mediate import clock

        props = self.doc.core_properties
        moment = clock.now()
        props.title, props.subject = title, "mediate 矛盾纠纷多元化解统计"
        props.author = props.last_modified_by = "mediate"
        props.comments = props.keywords = props.category = ""
        props.created = props.modified = moment
        props.revision = 1

    def save(self, target: Path, title: str) -> Path:
        from mediate.documents.sandbox import check_docx
        from mediate.files import replacing

        self.stamp(title)
        target = target.resolve()
        with replacing(target) as partial:
            self.doc.save(str(partial))
            check_docx(partial)
        return target


def render_whitepaper(
    data: WhitePaperData, target: Path, templates_dir: Path | None = None
) -> Path:
    period, county = data.funnel.filters.period, data.funnel.filters.county
    scope = period_cn(period)
    context = {
        "title": title_cn(county),
        "scope": f"{area_cn(county)}，{scope}" if county else scope,
        "period_text": f"统计期间：{_date(period.start)}至{_date(period.end)}",
        "as_of_text": f"在办与超期件数截至{_date(data.orgs.as_of)}。",
    }
    paper = _Paper(choose_template(templates_dir), context)
    _overview(paper, data)
    _funnel(paper, data.funnel)
    _bodies(paper, data.orgs)
    _causes(paper, data.causes)
    _months(paper, data.months)
    _definitions(paper)
    return paper.save(target, context["title"])


def _overview(paper: _Paper, data: WhitePaperData) -> None:
    total, funnel = data.orgs.total, data.funnel.total
    received = sum(m.received for m in data.months)
    paper.heading("一、总体情况", 1)
    paper.para(
        f"本期{area_cn(data.funnel.filters.county)}各级调解组织共新收矛盾纠纷{received}件，办结{funnel.closed}件，其中调解成功"
        f"{total.settled}件、调解不成{total.failed}件、撤回{total.withdrawn}件，调解成功率"
        f"{_pct(total.success_rate)}；可申请司法确认的调解成功案件{total.eligible}件（不含法院立案后"
        f"委托调解的案件），司法确认率为{_pct(total.confirmation_rate)}。"
        f"目前在办{total.open}件，其中超过办理期限{total.overdue}件。"
    )


def _funnel(paper: _Paper, funnel: FunnelReport) -> None:
    total = funnel.total
    paper.heading("二、“70/20/10”分层化解情况", 1)
    paper.para(
        f"按照“诉外化解70%、诉前化解20%、诉讼裁判10%”的目标，本期办结纠纷{total.closed}件，"
        f"扣除撤回{total.count(WITHDRAWN)}件后计入统计{total.counted}件：诉外化解"
        f"{_pct(total.share(OUTSIDE))}，诉前化解{_pct(total.share(AT_DOOR))}，诉讼裁判"
        f"{_pct(total.share(ADJUDICATION))}，调解不成、未转入诉讼{_pct(total.share(UNRESOLVED))}。"
    )
    rows = [
        [BUCKET_CN[b], str(total.count(b)), _pct(total.share(b)), _pct(TARGETS.get(b))]
        for b in (OUTSIDE, AT_DOOR, ADJUDICATION, UNRESOLVED)
    ]
    rows.append([BUCKET_CN[WITHDRAWN], str(total.count(WITHDRAWN)), "—", "—"])
    paper.table(["化解层次", "件数", "占比", "目标"], rows)
    paper.chart(
        charts.BarChart(
            title="分层化解：实际占比与目标",
            categories=[SHORT_CN[b] for b in TARGETS],
            series=[
                charts.Series("实际占比", [total.share(b) or 0.0 for b in TARGETS]),
                charts.Series("目标", list(TARGETS.values()), color=TARGET_COLOR),
            ],
            category_title="化解层次",
            value_title="占办结件数比例（不含撤回）",
            percent=True,
        ),
        "图1  分层化解实际占比与目标",
    )
    if funnel.counties:
        paper.heading("各县（市、区）对比", 2)
        headers = ["化解层次", *(c.county for c in funnel.counties)]
        # every bucket and the withdrawn, so each county's column adds up to its closures
        county_rows = [
            [SHORT_CN[b], *(f"{c.count(b)}（{_pct(c.share(b))}）" for c in funnel.counties)]
            for b in BUCKETS
        ]
        county_rows.append(["撤回", *(str(c.count(WITHDRAWN)) for c in funnel.counties)])
        county_rows.append(["办结合计", *(str(c.closed) for c in funnel.counties)])
        paper.table(headers, county_rows)


BODY_HEADERS = [
    "受理",
    "在办",
    "成功",
    "不成",
    "撤回",
    "成功率",
    "用时中位数(天)",
    "用时90%分位(天)",
    "超期",
    "司法确认率",
]


# Who may apply is domain.entrusted.is_entrusted's rule (DOMAIN.md §4.1), counted in
# reports/queries.may_apply_for_confirmation.
CONFIRMATION_NOTE = (
    "注：司法确认率＝已获法院确认的案件÷可申请司法确认的调解成功案件；法院立案后委托调解的"
    "案件由法院自行结案，不计入；无可申请案件的显示为“—”。"
)


def _body_cells(b: Any) -> list[str]:
    return [
        str(b.received),
        str(b.open),
        str(b.settled),
        str(b.failed),
        str(b.withdrawn),
        _pct(b.success_rate),
        _num(b.median_days),
        _num(b.p90_days),
        str(b.overdue),
        _pct(b.confirmation_rate),
    ]


def _bodies(paper: _Paper, orgs: OrgsReport) -> None:
    paper.heading("三、各级调解组织工作情况", 1)
    rows = [[lv.name, *_body_cells(lv)] for lv in orgs.levels]
    rows.append(["合计", *_body_cells(orgs.total)])
    paper.table(["层级", *BODY_HEADERS], rows)
    paper.para(CONFIRMATION_NOTE)
    paper.chart(
        charts.BarChart(
            title="各层级调解成功率",
            categories=[lv.name for lv in orgs.levels],
            series=[charts.Series("调解成功率", [lv.success_rate for lv in orgs.levels])],
            category_title="调解组织层级",
            value_title="调解成功率",
            percent=True,
        ),
        "图2  各层级调解成功率",
    )
    paper.heading("各调解组织", 2)
    active = [o for o in orgs.orgs if o.received or o.open or o.settled or o.failed or o.withdrawn]
    idle = len(orgs.orgs) - len(active)
    paper.table(
        ["调解组织", "层级", *BODY_HEADERS],
        [[o.name, level_label(o.level or ""), *_body_cells(o)] for o in active],
    )
    paper.para(CONFIRMATION_NOTE)
    if idle:
        paper.para(f"另有{idle}个调解组织本期无案件。")


def _causes(paper: _Paper, causes: CausesReport) -> None:
    paper.heading("四、纠纷类型分析", 1)
    groups = causes.groups
    paper.table(
        ["案由类别", "新收", "成功", "不成", "撤回", "成功率"],
        [
            [
                g.name,
                str(g.received),
                str(g.settled),
                str(g.failed),
                str(g.withdrawn),
                _pct(g.success_rate),
            ]
            for g in groups
        ],
    )
    shown = groups[:12]
    paper.chart(
        charts.BarChart(
            title="各类纠纷新收件数",
            categories=[g.name for g in shown],
            series=[charts.Series("新收件数", [g.received for g in shown])],
            category_title="案由类别",
            value_title="件数",
            horizontal=True,
        ),
        "图3  纠纷类型构成",
        height_cm=max(6.0, 2.5 + 0.9 * len(shown)),
    )


def _months(paper: _Paper, months: list[MonthFigures]) -> None:
    paper.heading("五、月度趋势", 1)
    paper.table(
        ["月份", "新收", "成功", "不成", "撤回", "成功率"],
        [
            [
                m.month,
                str(m.received),
                str(m.settled),
                str(m.failed),
                str(m.withdrawn),
                _pct(m.success_rate),
            ]
            for m in months
        ],
    )
    paper.chart(
        charts.BarChart(
            title="月度收结案情况",
            categories=[f"{int(m.month[5:])}月" for m in months],
            series=[
                charts.Series("新收", [m.received for m in months]),
                charts.Series("调解成功", [m.settled for m in months]),
                charts.Series("调解不成", [m.failed for m in months]),
            ],
            category_title="月份",
            value_title="件数",
        ),
        "图4  月度收结案趋势",
    )


def _definitions(paper: _Paper) -> None:
    paper.heading("六、统计口径说明", 1)
    for text in (
        "办结：办结日期在统计期间内的纠纷；被分流至法院（不宜调解）且无办结日期的，按收案日期计入。",
        "诉外化解：由诉调对接中心以外的各类调解组织调解成功；诉前化解：由法院诉调对接中心调解成功；"
        "诉讼裁判：不宜调解直接转法院，或调解不成退回法院立案审理。撤回的纠纷单列，不计入分母。",
        "受理：统计期间内分流至该组织的纠纷（按分流记录，层级间转办的纠纷在各接收组织分别计数）。",
        "调解成功率＝调解成功÷（调解成功＋调解不成）；用时＝收案至办结的天数，"
        "中位数与90%分位数按线性插值计算；司法确认率＝已获法院确认的案件÷可申请司法确认的调解成功件数。"
        "法院立案后委托调解的案件由法院自行结案（特邀调解规定第二十条），不申请司法确认，不计入分母。",
    ):
        paper.para(text)
