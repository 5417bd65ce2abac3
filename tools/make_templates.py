"""Generate the bundled .docx templates in mediate/templates/ (GB/T 9704 layout).

    python tools/make_templates.py

The .docx files are source (committed): a clerk may open and edit them in Word or WPS.
Rerun this after changing the wording here. Every paragraph is one run, so no Jinja tag is
ever split across Word runs; every run and every style names its East Asian font.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "mediate" / "templates"

TITLE_FONT = "方正小标宋简体"  # falls back to 宋体 (font table altName)
BODY_FONT = "仿宋_GB2312"  # falls back to 仿宋
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE = Pt(28)  # fixed line spacing
ALT_NAMES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋"}


def set_east_asian(rpr_owner: object, name: str) -> None:
    """Name a font for every script, East Asian included, on a run's or style's rPr."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _name_fonts(fonts, name)


def _name_fonts(fonts: object, name: str) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)  # type: ignore[attr-defined]
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # type: ignore[attr-defined]


def new_document(title: str) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    for style in doc.styles:
        element = style.element
        if element.get(qn("w:type")) in ("paragraph", "character", "table"):
            set_east_asian(element, BODY_FONT)
    defaults = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    if defaults is not None and defaults.find(qn("w:rPr")) is None:
        defaults.append(OxmlElement("w:rPr"))
    if defaults is not None and defaults.find(qn("w:rPr") + "/" + qn("w:rFonts")) is None:
        defaults.find(qn("w:rPr")).insert(0, OxmlElement("w:rFonts"))
    for fonts in doc.styles.element.iter(qn("w:rFonts")):  # table-style parts included
        _name_fonts(fonts, BODY_FONT)
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    _page_number_footer(doc)
    doc.core_properties.title = title
    doc.core_properties.author = "mediate"
    _font_table_fallbacks(doc)
    return doc


def _page_number_footer(doc: DocumentObject) -> None:
    """— 1 —, 宋体 四号; odd pages right, even pages left, one character in (GB/T 9704)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        para = footer.paragraphs[0]
        para.alignment = align
        ind = para._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn(f"w:{side}Chars"), "100")
        ind.set(qn(f"w:{side}"), "280")
        _page_number(para)


def _page_number(para: object) -> None:
    for text, field in (
        ("— ", None),
        (None, "begin"),
        (" PAGE ", "instr"),
        (None, "end"),
        (" —", None),
    ):
        run = para.add_run()  # type: ignore[attr-defined]
        set_east_asian(run._r, PAGE_FONT)
        run.font.size = Pt(14)
        if field == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif field:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            run._r.append(char)
        else:
            run.text = text


def _font_table_fallbacks(doc: DocumentObject) -> None:
    """Tell Word/WPS which installed face to use when the official one is missing."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            extra = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
                for name, alt in ALT_NAMES.items()
            )
            part._blob = xml.replace("</w:fonts>", extra + "</w:fonts>").encode("utf-8")


def paragraph(
    doc: DocumentObject,
    text: str,
    *,
    font: str = BODY_FONT,
    size: Pt = BODY_SIZE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    right_chars: int = 0,
    left_chars: int = 0,
    line: Pt = LINE,
) -> None:
    para = doc.add_paragraph()
    if align is not None:
        para.alignment = align
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    if indent:
        ind.set(qn("w:firstLineChars"), "200")
        ind.set(qn("w:firstLine"), "640")
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(right_chars * 320))
    if left_chars:
        ind.set(qn("w:leftChars"), str(left_chars * 100))
        ind.set(qn("w:left"), str(left_chars * 320))
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para.paragraph_format.line_spacing = line
    run = para.add_run(text)
    set_east_asian(run._r, font)
    run.font.size = size


def title(doc: DocumentObject, text: str) -> None:
    paragraph(
        doc,
        text,
        font=TITLE_FONT,
        size=TITLE_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        line=Pt(40),
    )
    paragraph(doc, "", indent=False)


def tag(doc: DocumentObject, text: str) -> None:
    """A docxtpl paragraph tag ({%p … %}): the paragraph disappears when rendered."""
    paragraph(doc, text, indent=False)


def heading(doc: DocumentObject, text: str) -> None:
    paragraph(doc, text, font=HEADING_FONT)


def plain(doc: DocumentObject, text: str) -> None:
    paragraph(doc, text, indent=False)


def signature(doc: DocumentObject, text: str) -> None:
    paragraph(doc, text, indent=False, left_chars=8)


def dated(doc: DocumentObject, text: str) -> None:
    paragraph(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)


PERSON = (
    "{{ p.role_label }}：{{ p.name }}，{{ p.sex }}，{{ p.birth_date }}出生"
    "{% if p.ethnicity %}，{{ p.ethnicity }}{% endif %}"
    "{% if p.occupation %}，{{ p.occupation }}{% endif %}"
    "，住{{ p.address }}，公民身份号码：{{ p.id_number }}"
    "{% if p.phone %}，联系电话：{{ p.phone }}{% endif %}。"
)
ENTITY = (
    "{{ p.role_label }}：{{ p.name }}，住所地{{ p.address }}，统一社会信用代码：{{ p.id_number }}"
    "{% if p.phone %}，联系电话：{{ p.phone }}{% endif %}。"
)
APPLICANT_PERSON = PERSON.replace("{{ p.role_label }}", "申请人")
APPLICANT_ENTITY = ENTITY.replace("{{ p.role_label }}", "申请人")


def party_blocks(doc: DocumentObject, person: str, entity: str) -> None:
    tag(doc, "{%p for p in parties %}")
    tag(doc, "{%p if p.is_person %}")
    paragraph(doc, person)
    tag(doc, "{%p else %}")
    paragraph(doc, entity)
    tag(doc, "{%p if p.legal_rep %}")
    paragraph(
        doc,
        "法定代表人：{{ p.legal_rep }}"
        "{% if p.legal_rep_title %}，{{ p.legal_rep_title }}{% endif %}。",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.agent %}")
    paragraph(doc, "委托代理人：{{ p.agent }}。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def numbered_terms(doc: DocumentObject) -> None:
    tag(doc, "{%p for t in outcome.terms %}")
    paragraph(doc, "{{ loop.index|cn_num }}、{{ t }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if outcome.amount %}")
    paragraph(
        doc, "协议涉及金额：人民币{{ outcome.amount }}元（大写：{{ outcome.amount_capitals }}）。"
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.performance or outcome.perform_by %}")
    paragraph(
        doc,
        "履行方式、地点和期限：{{ outcome.performance }}"
        "{% if outcome.perform_by %}{% if outcome.performance %}，{% endif %}"
        "于{{ outcome.perform_by }}前履行完毕{% endif %}。",
    )
    tag(doc, "{%p endif %}")


def application() -> DocumentObject:
    doc = new_document("司法确认申请书")
    title(doc, "司法确认申请书")
    party_blocks(doc, APPLICANT_PERSON, APPLICANT_ENTITY)
    heading(doc, "请求事项：")
    paragraph(
        doc,
        "确认申请人{{ applicant_names }}与申请人{{ respondent_names }}于{{ outcome.decided_on }}"
        "经{{ org.name }}主持调解达成的人民调解协议有效。",
    )
    heading(doc, "事实和理由：")
    paragraph(
        doc,
        "申请人{{ applicant_names }}与{{ respondent_names }}因{{ case.cause }}"
        "{% if case.court_referred and case.referring_court %}，经{{ case.referring_court }}"
        "{{ case.referral_label }}{% endif %}，于{{ outcome.decided_on }}在{{ org.name }}"
        "主持下自愿达成如下调解协议：",
    )
    numbered_terms(doc)
    paragraph(
        doc,
        "该调解协议自{{ outcome.effective_on }}起生效。申请人依照《中华人民共和国民事诉讼法》"
        "第二百零五条、《中华人民共和国人民调解法》第三十三条的规定，共同向贵院申请司法确认。",
    )
    paragraph(
        doc,
        "各申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；"
        "如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
    )
    paragraph(doc, "此致")
    plain(doc, "{{ court }}")
    paragraph(doc, "")
    paragraph(doc, "附：1. 人民调解协议书一份；")
    paragraph(doc, "2. 调解组织主持调解的证明材料一份；", left_chars=2)
    paragraph(doc, "3. 各申请人的身份证明、住所及联系方式材料；", left_chars=2)
    paragraph(doc, "4. 与调解协议相关的财产权利证明材料（如有）。", left_chars=2)
    paragraph(doc, "")
    tag(doc, "{%p for p in parties %}")
    signature(doc, "申请人（签名或盖章）：{{ p.name }}")
    tag(doc, "{%p endfor %}")
    dated(doc, "{{ date }}")
    return doc


def agreement() -> DocumentObject:
    doc = new_document("人民调解协议书")
    title(doc, "人民调解协议书")
    tag(doc, "{%p if case.number %}")
    dated(doc, "{{ case.number }}")
    tag(doc, "{%p endif %}")
    party_blocks(doc, PERSON, ENTITY)
    heading(doc, "纠纷主要事实、争议事项及各方责任：")
    paragraph(doc, "{{ case.facts }}")
    heading(doc, "经调解，各方当事人自愿达成如下协议：")
    numbered_terms(doc)
    paragraph(
        doc,
        "本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起"
        "生效。本协议一式{{ (parties|length + 1)|cn_num }}份，当事人各执一份，"
        "{{ org.name }}留存一份。",
    )
    paragraph(doc, "")
    tag(doc, "{%p for p in parties %}")
    signature(doc, "{{ p.role_label }}（签名、盖章或按指印）：{{ p.name }}")
    tag(doc, "{%p endfor %}")
    signature(doc, "人民调解员（签名）：{{ mediator.name }}")
    signature(doc, "{{ org.name }}（印章）")
    dated(doc, "{{ outcome.decided_on }}")
    return doc


def termination() -> DocumentObject:
    doc = new_document("调解终结告知书")
    title(doc, "调解终结告知书")
    tag(doc, "{%p if case.court_referred and case.referring_court %}")
    plain(doc, "{{ case.referring_court }}：")
    paragraph(
        doc,
        "你院{{ case.referral_label }}调解的{% if case.number %}{{ case.number }}{% endif %}"
        "{{ applicant_names }}与{{ respondent_names }}{{ case.cause }}一案，{{ org.name }}于"
        "{{ case.received_on }}收案后组织调解。经调解，各方当事人未能达成调解协议"
        "（原因：{{ outcome.reason }}），已于{{ outcome.decided_on }}终结调解。"
        "现将案件退回你院依法处理。",
    )
    tag(doc, "{%p else %}")
    plain(doc, "{{ party_names }}：")
    paragraph(
        doc,
        "你们之间的{{ case.cause }}，{{ org.name }}于{{ case.received_on }}受理并组织调解。"
        "经调解，各方当事人未能达成调解协议（原因：{{ outcome.reason }}），"
        "已于{{ outcome.decided_on }}终结调解。",
    )
    tag(doc, "{%p endif %}")
    heading(doc, "当事人：")
    tag(doc, "{%p for p in parties %}")
    paragraph(doc, "{{ p.role_label }}：{{ p.name }}")
    tag(doc, "{%p endfor %}")
    paragraph(
        doc,
        "依照《中华人民共和国人民调解法》第二十六条的规定，特此告知：当事人可以依法通过仲裁、"
        "行政、司法等途径维护自己的权利。",
    )
    paragraph(doc, "")
    signature(doc, "{{ org.name }}")
    dated(doc, "{{ date }}")
    return doc


def service_address() -> DocumentObject:
    doc = new_document("送达地址确认书")
    title(doc, "送达地址确认书")
    paragraph(
        doc, "案由：{{ case.cause }}{% if case.number %}；案号：{{ case.number }}{% endif %}。"
    )
    paragraph(doc, "受理单位：{{ org.name }}。")
    heading(doc, "告知事项：")
    for text in (
        "一、为便于当事人及时收到调解、司法确认、诉讼及执行过程中的法律文书，当事人应当如实"
        "提供确切的送达地址。",
        "二、企业在市场监督管理部门登记的住所默认为其法律文书送达地址，企业另行提供一个备用"
        "地址；企业填报的电子邮箱作为其电子送达地址。",
        "三、确认的送达地址适用于调解、司法确认、一审、二审和执行程序。送达地址需要变更的，"
        "应当及时书面告知。",
        "四、因提供的送达地址不准确、拒不提供送达地址、送达地址变更未及时告知，导致法律文书"
        "未能被实际接收的，文书退回之日视为送达之日。",
    ):
        paragraph(doc, text)
    tag(doc, "{%p for p in parties %}")
    heading(doc, "{{ p.role_label }}：{{ p.name }}")
    paragraph(doc, "送达地址：{{ p.service_address }}")
    paragraph(doc, "备用地址：{{ p.backup_address or '无' }}")
    paragraph(doc, "电子送达地址（电子邮箱）：{{ p.email or '无' }}")
    paragraph(doc, "联系电话：{{ p.phone or '无' }}")
    paragraph(doc, "受送达人确认以上地址真实有效，同意按以上地址送达。")
    signature(doc, "受送达人（签名或盖章）：")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "")
    signature(doc, "{{ org.name }}")
    dated(doc, "{{ date }}")
    return doc


def credit_notice() -> DocumentObject:
    doc = new_document("失信行为通报函")
    title(doc, "失信行为通报函")
    plain(doc, "{{ recipient }}：")
    paragraph(
        doc,
        "{{ applicant_names }}与{{ respondent_names }}{{ case.cause }}一案"
        "{% if case.amount %}（标的额人民币{{ case.amount }}元）{% endif %}，"
        "{{ org.name }}于{{ case.received_on }}受理并组织诉前调解。经调解未能达成协议"
        "（原因：{{ outcome.reason }}），已于{{ outcome.decided_on }}终结调解。",
    )
    paragraph(
        doc,
        "根据焦作市府院联动机制关于企业信用纠纷诉前调解的工作安排，现将下列企业的失信行为"
        "通报贵单位，请依法依规记入该企业信用档案：",
    )
    tag(doc, "{%p for p in credit_subjects %}")
    heading(doc, "{{ loop.index|cn_num }}、{{ p.name }}")
    paragraph(doc, "统一社会信用代码：{{ p.id_number }}")
    tag(doc, "{%p if p.legal_rep %}")
    paragraph(doc, "法定代表人：{{ p.legal_rep }}")
    tag(doc, "{%p endif %}")
    paragraph(doc, "住所：{{ p.address }}")
    paragraph(doc, "失信情形：{{ case.cause }}，经调解未能履行或拒绝协商清偿义务。")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "附件：调解终结告知书一份")
    paragraph(doc, "")
    signature(doc, "{{ org.name }}")
    dated(doc, "{{ date }}")
    return doc


def court_report() -> DocumentObject:
    """调解情况报告 for an entrusted (委托) case: 特邀调解规定 art. 20 (agreement: the court
    makes a 调解书 or rules on a withdrawal) and art. 21(2) (failure: to trial).

    Whatever the body's kind, a mediation a court delegates or entrusts is 特邀调解
    (特邀调解规定 art. 1), so both hand-back papers cite that regulation."""
    doc = new_document("调解情况报告")
    title(doc, "调解情况报告")
    plain(doc, "{{ case.referring_court }}：")
    paragraph(
        doc,
        "你院{% if case.number %}{{ case.number }}{% endif %}{{ applicant_names }}与"
        "{{ respondent_names }}{{ case.cause }}一案，于{{ case.received_on }}委托{{ org.name }}"
        "调解{% if mediator.name %}，由{{ mediator.type_label }}{{ mediator.name }}主持"
        "{% endif %}。现将调解情况报告如下：",
    )
    tag(doc, "{%p if outcome.result == 'settled' %}")
    paragraph(doc, "经调解，各方当事人于{{ outcome.decided_on }}自愿达成如下调解协议：")
    numbered_terms(doc)
    paragraph(
        doc,
        "依照《最高人民法院关于人民法院特邀调解的规定》第二十条的规定，现将调解协议提交你院，"
        "请依法审查并制作调解书结案；当事人申请撤诉的，请依法裁定。",
    )
    tag(doc, "{%p else %}")
    paragraph(
        doc,
        "经调解，各方当事人未能达成调解协议，已于{{ outcome.decided_on }}终结调解。"
        "未能达成协议的原因：{{ outcome.reason }}。",
    )
    heading(doc, "各方当事人的意见：")
    tag(doc, "{%p for line in outcome.positions %}")
    paragraph(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    paragraph(
        doc,
        "依照《最高人民法院关于人民法院特邀调解的规定》第二十一条第二款的规定，现将案件材料"
        "退回你院，请依法转入审判程序审理。",
    )
    tag(doc, "{%p endif %}")
    paragraph(doc, "")
    tag(doc, "{%p if outcome.result == 'settled' %}")
    paragraph(doc, "附件：调解协议书一份")
    tag(doc, "{%p else %}")
    paragraph(doc, "附件：案件材料")
    tag(doc, "{%p endif %}")
    paragraph(doc, "")
    signature(doc, "{{ org.name }}")
    dated(doc, "{{ date }}")
    return doc


def return_letter() -> DocumentObject:
    """退回函 for a delegated (委派) case that failed: 特邀调解规定 art. 21(1)."""
    doc = new_document("退回函")
    title(doc, "退回函")
    plain(doc, "{{ case.referring_court }}：")
    paragraph(
        doc,
        "你院于{{ case.received_on }}委派{{ org.name }}调解的{{ applicant_names }}与"
        "{{ respondent_names }}{{ case.cause }}{% if case.number %}（{{ case.number }}）"
        "{% endif %}，经调解，各方当事人未能达成调解协议，{{ org.name }}已于"
        "{{ outcome.decided_on }}终结调解。未能达成协议的原因：{{ outcome.reason }}。",
    )
    tag(doc, "{%p if outcome.positions %}")
    heading(doc, "各方当事人的意见：")
    tag(doc, "{%p for line in outcome.positions %}")
    paragraph(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    paragraph(
        doc,
        "依照《最高人民法院关于人民法院特邀调解的规定》第二十一条第一款的规定，现将当事人的"
        "起诉状等材料退回你院；当事人坚持诉讼的，请依法登记立案。",
    )
    paragraph(doc, "")
    paragraph(doc, "附件：起诉状等案件材料")
    paragraph(doc, "")
    signature(doc, "{{ org.name }}")
    dated(doc, "{{ date }}")
    return doc


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "application": application,
    "agreement": agreement,
    "termination": termination,
    "service_address": service_address,
    "credit_notice": credit_notice,
    "court_report": court_report,
    "return_letter": return_letter,
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, build in BUILDERS.items():
        path = OUT / f"{kind}.docx"
        build().save(str(path))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
