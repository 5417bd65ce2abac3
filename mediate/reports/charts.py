"""Bar charts as native Word charts: a DrawingML chart part with its data embedded.

Each chart is three things in the .docx, as Word itself writes them (ECMA-376 Part 1,
§21.2 DrawingML Charts; §15.2.3 Chart part; §15.2.11 Embedded Package part):

- `word/charts/chartN.xml`, a `c:chartSpace` (content type
  `application/vnd.openxmlformats-officedocument.drawingml.chart+xml`) related from the
  document part by a `…/relationships/chart` relationship. Each series holds its values in
  a cache (`c:strCache`/`c:numCache`) beside the formula that points into the workbook, so
  Word, WPS and LibreOffice draw the chart from the cache alone;
- `word/embeddings/Microsoft_Excel_WorksheetN.xlsx`, the same data as a workbook written
  with openpyxl, related from the chart part by a `…/relationships/package` relationship
  and named by `c:externalData`: "edit data" in Word or WPS opens it;
- an inline `w:drawing` in a paragraph of the body whose `c:chart r:id` names the chart.

Nothing is drawn here, so no font is needed when the paper is written: the program that
opens the document lays out the chart with its own fonts (the text properties ask for
宋体/黑体 as the rest of the paper does). This replaced PNGs drawn with Pillow, which needed
a CJK font on the machine that wrote the paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mediate.cells import column_letters, xml_text

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = {"c": C_NS, "a": A_NS, "r": R_NS}
CHART_URI = C_NS  # a:graphicData/@uri of a chart
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = f"{R_NS}/chart"
RT_PACKAGE = f"{R_NS}/package"
SHEET = "Sheet1"  # the sheet Word's own charts use; the formulas need no quoting

PALETTE = ("2F5597", "C55A11", "7F7F7F", "548235", "BF9000", "7030A0")
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
EMU_PER_CM = 360_000


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str | None = None  # RRGGBB; else the palette by position


@dataclass(frozen=True)
class BarChart:
    """Bars, one group per category, one bar per series (vertical unless `horizontal`)."""

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    category_title: str
    value_title: str
    percent: bool = False  # values are fractions, shown as 0.0%
    horizontal: bool = False  # bars run left to right, the first category on top

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r}: {len(s.values)} values, {len(self.categories)} categories"
                )

    @property
    def number_format(self) -> str:
        return "0.0%" if self.percent else "General"


def workbook(chart: BarChart) -> bytes:
    """The chart's data as an .xlsx: categories down column A, a series per column from B,
    the series' names in row 1 (the layout Word's "edit data" expects)."""
    from openpyxl import Workbook

    from mediate.cells import xlsx_row

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(xlsx_row(sheet, [chart.category_title, *(s.name for s in chart.series)]))
    for row, category in enumerate(chart.categories):
        sheet.append(xlsx_row(sheet, [category, *(s.values[row] for s in chart.series)]))
    if chart.percent:
        for column in sheet.iter_cols(min_col=2, min_row=2):
            for cell in column:
                cell.number_format = "0.0%"
    sheet.column_dimensions["A"].width = max([12, *(2 * len(c) + 2 for c in chart.categories)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Xml:
    """A small builder over lxml for the chart namespace (prefixes c, a, r)."""

    def __init__(self) -> None:
        from lxml import etree  # type: ignore[import-untyped]

        self.etree = etree
        self.nsmap = NAMESPACES

    @staticmethod
    def qn(tag: str) -> str:
        prefix, local = tag.split(":")
        return f"{{{NAMESPACES[prefix]}}}{local}"

    def root(self, tag: str) -> Any:
        return self.etree.Element(self.qn(tag), nsmap=self.nsmap)

    def add(self, parent: Any, tag: str, val: Any = None, **attrs: Any) -> Any:
        element = self.etree.SubElement(parent, self.qn(tag))
        if val is not None:
            element.set("val", str(val))
        for name, value in attrs.items():
            element.set(self.qn(name.replace("_", ":", 1)) if "_" in name else name, str(value))
        return element

    def text(self, parent: Any, tag: str, text: str) -> Any:
        element = self.add(parent, tag)
        element.text = text
        return element


def _number(value: float) -> str:
    return repr(float(value))


def _fill(x: _Xml, parent: Any, color: str) -> None:
    sppr = x.add(parent, "c:spPr")
    x.add(x.add(sppr, "a:solidFill"), "a:srgbClr", color)


def _line(x: _Xml, parent: Any, color: str) -> None:
    sppr = x.add(parent, "c:spPr")
    x.add(x.add(x.add(sppr, "a:ln", w=9525), "a:solidFill"), "a:srgbClr", color)


def _run_props(x: _Xml, parent: Any, tag: str, size: int, font: str, bold: bool) -> Any:
    rpr = x.add(parent, tag, sz=size, b=int(bold))
    x.add(rpr, "a:latin", typeface=font)
    x.add(rpr, "a:ea", typeface=font)
    return rpr


def _rich(x: _Xml, parent: Any, text: str, size: int, font: str, bold: bool) -> None:
    """A title's text (`c:tx/c:rich`) in the given face."""
    rich = x.add(x.add(parent, "c:tx"), "c:rich")
    x.add(rich, "a:bodyPr")
    x.add(rich, "a:lstStyle")
    paragraph = x.add(rich, "a:p")
    _run_props(x, x.add(paragraph, "a:pPr"), "a:defRPr", size, font, bold)
    run = x.add(paragraph, "a:r")
    _run_props(x, run, "a:rPr", size, font, bold)
    x.text(run, "a:t", xml_text(text))


def _title(x: _Xml, parent: Any, text: str, size: int, font: str, bold: bool) -> None:
    title = x.add(parent, "c:title")
    _rich(x, title, text, size, font, bold)
    x.add(title, "c:overlay", 0)


def _text_props(x: _Xml, parent: Any, size: int) -> None:
    """Default text properties (`c:txPr`): the body face for labels, ticks and legend."""
    txpr = x.add(parent, "c:txPr")
    x.add(txpr, "a:bodyPr")
    x.add(txpr, "a:lstStyle")
    paragraph = x.add(txpr, "a:p")
    _run_props(x, x.add(paragraph, "a:pPr"), "a:defRPr", size, BODY_FONT, False)
    x.add(paragraph, "a:endParaRPr", lang="zh-CN")


def _str_ref(x: _Xml, parent: Any, formula: str, texts: Sequence[str]) -> None:
    ref = x.add(parent, "c:strRef")
    x.text(ref, "c:f", formula)
    cache = x.add(ref, "c:strCache")
    x.add(cache, "c:ptCount", len(texts))
    for index, text in enumerate(texts):
        x.text(x.add(cache, "c:pt", idx=index), "c:v", xml_text(text))


def _num_ref(x: _Xml, parent: Any, formula: str, values: Sequence[float | None], fmt: str) -> None:
    ref = x.add(parent, "c:numRef")
    x.text(ref, "c:f", formula)
    cache = x.add(ref, "c:numCache")
    x.text(cache, "c:formatCode", fmt)
    x.add(cache, "c:ptCount", len(values))
    for index, value in enumerate(values):
        if value is not None:  # a missing point is left out: a gap, not a zero
            x.text(x.add(cache, "c:pt", idx=index), "c:v", _number(value))


def _series(x: _Xml, bar: Any, chart: BarChart, number: int, series: Series) -> None:
    rows = len(chart.categories)
    column = column_letters(number + 1)
    ser = x.add(bar, "c:ser")
    x.add(ser, "c:idx", number)
    x.add(ser, "c:order", number)
    _str_ref(x, x.add(ser, "c:tx"), f"{SHEET}!${column}$1", [series.name])
    _fill(x, ser, series.color or PALETTE[number % len(PALETTE)])
    x.add(ser, "c:invertIfNegative", 0)
    labels = x.add(ser, "c:dLbls")
    x.add(labels, "c:numFmt", formatCode=chart.number_format, sourceLinked=0)
    x.add(labels, "c:spPr")
    _text_props(x, labels, 900)
    x.add(labels, "c:dLblPos", "outEnd")
    for flag, on in (
        ("c:showLegendKey", 0),
        ("c:showVal", 1),
        ("c:showCatName", 0),
        ("c:showSerName", 0),
        ("c:showPercent", 0),
        ("c:showBubbleSize", 0),
    ):
        x.add(labels, flag, on)
    _str_ref(x, x.add(ser, "c:cat"), f"{SHEET}!$A$2:$A${rows + 1}", list(chart.categories))
    _num_ref(
        x,
        x.add(ser, "c:val"),
        f"{SHEET}!${column}$2:${column}${rows + 1}",
        series.values,
        chart.number_format,
    )


CATEGORY_AXIS, VALUE_AXIS = 500000001, 500000002


def chart_xml(chart: BarChart, workbook_rid: str) -> bytes:
    """The `c:chartSpace` of `chart`, its data embedded in the package `workbook_rid`."""
    x = _Xml()
    space = x.root("c:chartSpace")
    x.add(space, "c:date1904", 0)
    x.add(space, "c:lang", "zh-CN")
    x.add(space, "c:roundedCorners", 0)
    body = x.add(space, "c:chart")
    _title(x, body, chart.title, 1400, TITLE_FONT, True)
    x.add(body, "c:autoTitleDeleted", 0)
    plot = x.add(body, "c:plotArea")
    x.add(plot, "c:layout")
    bar = x.add(plot, "c:barChart")
    x.add(bar, "c:barDir", "bar" if chart.horizontal else "col")
    x.add(bar, "c:grouping", "clustered")
    x.add(bar, "c:varyColors", 0)
    for number, series in enumerate(chart.series):
        _series(x, bar, chart, number, series)
    x.add(bar, "c:gapWidth", 80)
    x.add(bar, "c:axId", CATEGORY_AXIS)
    x.add(bar, "c:axId", VALUE_AXIS)

    cat = x.add(plot, "c:catAx")
    x.add(cat, "c:axId", CATEGORY_AXIS)
    # Horizontal bars list the categories top down in the order given (as the table does).
    x.add(x.add(cat, "c:scaling"), "c:orientation", "maxMin" if chart.horizontal else "minMax")
    x.add(cat, "c:delete", 0)
    x.add(cat, "c:axPos", "l" if chart.horizontal else "b")
    _title(x, cat, chart.category_title, 1000, BODY_FONT, False)
    x.add(cat, "c:numFmt", formatCode="General", sourceLinked=0)
    x.add(cat, "c:majorTickMark", "none")
    x.add(cat, "c:minorTickMark", "none")
    x.add(cat, "c:tickLblPos", "nextTo")
    _line(x, cat, "595959")
    _text_props(x, cat, 1000)
    x.add(cat, "c:crossAx", VALUE_AXIS)
    x.add(cat, "c:crosses", "autoZero")
    x.add(cat, "c:auto", 1)
    x.add(cat, "c:lblAlgn", "ctr")
    x.add(cat, "c:lblOffset", 100)
    x.add(cat, "c:noMultiLvlLbl", 0)

    val = x.add(plot, "c:valAx")
    x.add(val, "c:axId", VALUE_AXIS)
    scaling = x.add(val, "c:scaling")
    x.add(scaling, "c:orientation", "minMax")
    if chart.percent:
        x.add(scaling, "c:max", 1)
    x.add(scaling, "c:min", 0)
    x.add(val, "c:delete", 0)
    x.add(val, "c:axPos", "b" if chart.horizontal else "l")
    gridlines = x.add(val, "c:majorGridlines")
    _line(x, gridlines, "D9D9D9")
    _title(x, val, chart.value_title, 1000, BODY_FONT, False)
    x.add(val, "c:numFmt", formatCode="0%" if chart.percent else "General", sourceLinked=0)
    x.add(val, "c:majorTickMark", "none")
    x.add(val, "c:minorTickMark", "none")
    x.add(val, "c:tickLblPos", "nextTo")
    _text_props(x, val, 900)
    x.add(val, "c:crossAx", CATEGORY_AXIS)
    # With the categories reversed the value axis would sit on top: cross at the last one.
    x.add(val, "c:crosses", "max" if chart.horizontal else "autoZero")
    x.add(val, "c:crossBetween", "between")
    if chart.percent:
        x.add(val, "c:majorUnit", 0.2)

    if len(chart.series) > 1:
        legend = x.add(body, "c:legend")
        x.add(legend, "c:legendPos", "t")
        x.add(legend, "c:overlay", 0)
        _text_props(x, legend, 1000)
    x.add(body, "c:plotVisOnly", 1)
    x.add(body, "c:dispBlanksAs", "gap")
    _text_props(x, space, 1000)
    external = x.add(space, "c:externalData", r_id=workbook_rid)
    x.add(external, "c:autoUpdate", 0)
    return x.etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)  # type: ignore[no-any-return]


def add_chart(document: Any, chart: BarChart, width_cm: float, height_cm: float) -> Any:
    """Append `chart` to `document` (python-docx) as a centred paragraph of its own; the
    chart and its workbook become parts of the package. Returns the paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part = document.part
    package = part.package
    book = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        XLSX_CONTENT_TYPE,
        workbook(chart),
        package,
    )
    chart_part = Part(
        package.next_partname("/word/charts/chart%d.xml"), CHART_CONTENT_TYPE, b"", package
    )
    # The chart names its workbook by relationship id, so the id comes first, then the XML.
    chart_part._blob = chart_xml(chart, chart_part.relate_to(book, RT_PACKAGE))
    rid = part.relate_to(chart_part, RT_CHART)

    shape_id = part.next_id
    width, height = round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM)
    drawing = parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        f' xmlns:a="{A_NS}" xmlns:c="{C_NS}" xmlns:r="{R_NS}">'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="图表 {shape_id}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}">'
        f'<c:chart r:id="{rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True  # the chart stays with its caption
    paragraph.add_run()._r.append(drawing)
    return paragraph
