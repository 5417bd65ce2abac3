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
from docx.shared import Length, Mm, Pt, Twips

OUT = Path(__file__).resolve().parent.parent / "mediate" / "templates"

TITLE_FONT = "方正小标宋简体"  # falls back to 宋体 (font table altName)
BODY_FONT = "仿宋_GB2312"  # falls back to 仿宋
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
# GB/T 9704: a type area of 156 mm x 225 mm holds 22 lines of 28 characters
LINE = Twips(579)  # 225 mm / 22 lines, as a fixed line spacing (28.95 pt)
CHAR_TWIPS = 316  # 156 mm / 28 characters
CHAR_SPACING = -5  # twentieths of a point between characters: 28 x 15.75 pt = 441 pt
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


def new_document() -> DocumentObject:
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
    fmt.widow_control = True  # no first or last line of a paragraph alone on a page
    _character_grid(doc)
    _page_number_footer(doc)
    _font_table_fallbacks(doc)
    _properties(doc)
    return doc


def _character_grid(doc: DocumentObject) -> None:
    """GB/T 9704 5.2.2: 22 lines of 28 characters on the 156 x 225 mm type area.

    Lines: a fixed line spacing of 225 mm / 22 (LINE), also the section's line grid.
    Characters: 28 三号 (16 pt) characters need 448 pt, the type area is 442 pt wide; the
    body's characters are set 0.25 pt closer (w:spacing -5 twentieths), so 28 fit (441 pt).
    Word's character grid (linesAndChars) would do the same, but LibreOffice lays a
    character wider than the grid pitch over two cells, halving the characters per line."""
    sect = doc.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE.twips))
    grid.attrib.pop(qn("w:charSpace"), None)
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING))
    rpr.append(spacing)


def _properties(doc: DocumentObject) -> None:
    """Core properties filled in at render time (title, the body as author, created now);
    no application name or thumbnail left over from python-docx's own template."""
    props = doc.core_properties
    props.title = "{{ title }}"
    props.author = "{{ org.name }}"
    props.last_modified_by = "{{ org.name }}"
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    for name in ("created", "modified"):
        element = props._element.find(qn(f"dcterms:{name}"))
        if element is None:
            element = OxmlElement(f"dcterms:{name}")
            element.set(qn("xsi:type"), "dcterms:W3CDTF")
            props._element.append(element)
        element.text = "{{ created }}"
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    'properties"><Application>mediate</Application><DocSecurity>0</DocSecurity></Properties>'
)


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
    field_runs(
        para,
        (("— ", None), (None, "begin"), (" PAGE ", "instr"), (None, "end"), (" —", None)),
        PAGE_FONT,
    )


def field_runs(para: object, parts: tuple[tuple[str | None, str | None], ...], font: str) -> None:
    """Runs of plain text and of a field's characters (begin, instr, separate, end), 四号."""
    for text, field in parts:
        run = para.add_run()  # type: ignore[attr-defined]
        set_east_asian(run._r, font)
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
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    right_chars: float = 0,
    left_chars: float = 0,
    hanging_chars: float = 0,
    line: Length = LINE,
    keep_next: bool = False,
    room_before: bool = False,
    page_break: bool = False,
) -> None:
    """One paragraph of one run. `keep_next` keeps it on the page of the next paragraph
    (signature blocks never stand alone); `room_before` leaves a line above it to sign in."""
    para = doc.add_paragraph()
    if align is not None:
        para.alignment = align
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    if indent:
        ind.set(qn("w:firstLineChars"), "200")
        ind.set(qn("w:firstLine"), "640")
    if hanging_chars:
        ind.set(qn("w:hangingChars"), str(int(hanging_chars * 100)))
        ind.set(qn("w:hanging"), str(int(hanging_chars * CHAR_TWIPS)))
    if right_chars:
        ind.set(qn("w:rightChars"), str(int(right_chars * 100)))
        ind.set(qn("w:right"), str(int(right_chars * CHAR_TWIPS)))
    if left_chars:
        ind.set(qn("w:leftChars"), str(int(left_chars * 100)))
        ind.set(qn("w:left"), str(int(left_chars * CHAR_TWIPS)))
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    if keep_next:  # headings and signature blocks: whole, and on the next one's page
        fmt.keep_with_next = True
        fmt.keep_together = True
    if room_before:
        fmt.space_before = LINE
    if page_break:
        fmt.page_break_before = True
    run = para.add_run(text)
    set_east_asian(run._r, font)
    run.font.size = size


def title(doc: DocumentObject, text: str, page_break: bool = False) -> None:
    """二号小标宋, centred, then one empty line (GB/T 9704 7.3.1)."""
    paragraph(
        doc,
        text,
        font=TITLE_FONT,
        size=TITLE_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        line=Pt(40),
        keep_next=True,
        page_break=page_break,
    )
    paragraph(doc, "", indent=False, keep_next=True)


def tag(doc: DocumentObject, text: str, keep_next: bool = False) -> None:
    """A docxtpl paragraph tag ({%p … %}): the paragraph disappears when rendered."""
    paragraph(doc, text, indent=False, keep_next=keep_next)


def heading(doc: DocumentObject, text: str) -> None:
    """A first-level heading in 黑体, kept with the paragraph under it."""
    paragraph(doc, text, font=HEADING_FONT, keep_next=True)


def plain(doc: DocumentObject, text: str, keep_next: bool = False) -> None:
    paragraph(doc, text, indent=False, keep_next=keep_next)


def signer(doc: DocumentObject, text: str) -> None:
    """A signature line: a line of room above to sign, seal or fingerprint beside the name."""
    paragraph(
        doc,
        text,
        indent=False,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        keep_next=True,
        room_before=True,
    )


def closing(doc: DocumentObject, name: str, date: str, seal: bool = True) -> None:
    """The body's name, its seal and the date, centred on each other in the right part of
    the page (GB/T 9704 7.3.5.1: name and date centred on each other under the seal). The
    region is 18 characters wide, so a body name of up to 18 characters never wraps, and
    （印章） stands on its own line."""
    lines = [name, "（印章）", date] if seal else [name, date]
    for i, text in enumerate(lines):
        paragraph(
            doc,
            text,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            left_chars=8,
            right_chars=2,
            keep_next=i < len(lines) - 1,
            room_before=i == 0,
        )


def dated(doc: DocumentObject, text: str) -> None:
    """A date four characters from the right margin (GB/T 9704 7.3.5.1)."""
    paragraph(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)


def attachments(doc: DocumentObject, items: list[str]) -> None:
    """附件：1．…, the following items under the first one's number (GB/T 9704 7.3.4)."""
    for i, text in enumerate(items, start=1):
        if i == 1:
            paragraph(doc, f"附件：{i}．{text}", keep_next=True)
        else:
            paragraph(doc, f"{i}．{text}", indent=False, left_chars=5, keep_next=True)


PERSON = (
    "{{ LABEL }}：{{ p.name }}，{{ p.sex }}，{{ p.birth_date }}出生"
    "{% if p.ethnicity %}，{{ p.ethnicity }}{% endif %}"
    "{% if p.occupation %}，{{ p.occupation }}{% endif %}"
    "，住{{ p.address }}，公民身份号码：{{ p.id_number }}"
    "{% if p.phone %}，联系电话：{{ p.phone }}{% endif %}。"
)
# An entity's 住所地, a 个体工商户's 经营场所 (`address_label`); a 个体工商户 known by its
# 经营者's resident ID has the number on the operator's line (OPERATOR_ID), not the 字号's.
ENTITY = (
    "{{ LABEL }}：{{ p.name }}，{{ p.address_label }}{{ p.address }}"
    "{% if not p.operator_id_number %}，{{ p.id_label }}：{{ p.id_number }}{% endif %}"
    "{% if p.phone %}，联系电话：{{ p.phone }}{% endif %}。"
)
GUARDIAN = (
    "法定代理人：{{ p.guardian }}"
    "{% if p.guardian_relation %}，系{{ p.name }}的{{ p.guardian_relation }}{% endif %}"
    "{% if p.guardian_id_number %}，公民身份号码：{{ p.guardian_id_number }}{% endif %}。"
)
# A 个体工商户's 经营者's own 住所, written as a person's (住…) where the operator is named:
# 市场主体登记管理条例 (2021) art. 8 para. 2(四) registers "个体工商户的经营者姓名、住所、经营场所",
# 民诉法解释 (2022) art. 59 asks for "该字号经营者的基本信息" (documents/context.py).
OPERATOR_HOME = "{% if p.operator_address %}，住{{ p.operator_address }}{% endif %}"
# ... and its resident ID after it, as a person's line has it (民诉法解释 (2022) art. 59)
OPERATOR_ID = "{% if p.operator_id_number %}，公民身份号码：{{ p.operator_id_number }}{% endif %}"
REPRESENTATIVE = (
    "{{ p.rep_title }}：{{ p.legal_rep }}{% if p.rep_position %}，{{ p.rep_position }}{% endif %}"
    + OPERATOR_HOME
    + OPERATOR_ID
    + "。"
)


def party_blocks(doc: DocumentObject, label: str) -> None:
    """Each party as the forms list it, with its 法定代理人, 法定代表人 or 负责人, and agent."""
    tag(doc, "{%p for p in parties %}")
    tag(doc, "{%p if p.is_person %}")
    paragraph(doc, PERSON.replace("{{ LABEL }}", label))
    tag(doc, "{%p if p.guardian %}")
    paragraph(doc, GUARDIAN)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    paragraph(doc, ENTITY.replace("{{ LABEL }}", label))
    tag(doc, "{%p if p.legal_rep %}")
    paragraph(doc, REPRESENTATIVE)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.agent %}")
    paragraph(doc, "委托代理人：{{ p.agent }}。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def party_signatures(doc: DocumentObject, label: str, person_mark: str) -> None:
    """Every party signs: a person (and their 法定代理人), an entity by seal and its
    representative's signature, and an agent where there is one."""
    tag(doc, "{%p for p in parties %}", keep_next=True)
    tag(doc, "{%p if p.is_person %}", keep_next=True)
    signer(doc, f"{label}（{person_mark}）：{{{{ p.name }}}}")
    tag(doc, "{%p if p.guardian %}", keep_next=True)
    signer(doc, "法定代理人（签名）：{{ p.guardian }}")
    tag(doc, "{%p endif %}", keep_next=True)
    tag(doc, "{%p else %}", keep_next=True)
    signer(doc, f"{label}（盖章）：{{{{ p.name }}}}")
    signer(doc, "{{ p.rep_title }}（签名）：{{ p.legal_rep }}")
    tag(doc, "{%p endif %}", keep_next=True)
    tag(doc, "{%p if p.agent %}", keep_next=True)
    signer(doc, "委托代理人（签名）：{{ p.agent_name }}")
    tag(doc, "{%p endif %}", keep_next=True)
    tag(doc, "{%p endfor %}", keep_next=True)


def facts(doc: DocumentObject) -> None:
    """The facts, one indented paragraph per paragraph the clerk wrote."""
    tag(doc, "{%p for f in case.facts_paragraphs %}")
    paragraph(doc, "{{ f }}")
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


ALL_APPLICANTS = (
    "申请人{{ applicant_names }}与申请人{{ respondent_names }}"
    "{% if third_party_names %}、第三人{{ third_party_names }}{% endif %}"
)


def application() -> DocumentObject:
    doc = new_document()
    title(doc, "司法确认申请书")
    party_blocks(doc, "{{ p.app_label }}")
    heading(doc, "请求事项：")
    paragraph(
        doc,
        f"确认{ALL_APPLICANTS}于{{{{ outcome.decided_on }}}}经{{{{ org.name }}}}主持调解达成的"
        "{{ wording.agreement_name }}有效。",
    )
    heading(doc, "事实和理由：")
    paragraph(
        doc,
        f"{ALL_APPLICANTS}因{{{{ case.cause }}}}"
        "{% if case.court_referred and case.referring_court %}，经{{ case.referring_court }}"
        "{{ case.referral_label }}{% if case.number %}（案号：{{ case.number }}）{% endif %}"
        "{% endif %}，于{{ outcome.decided_on }}在{{ org.name }}"
        "主持下自愿达成如下{{ wording.agreement_name }}：",
    )
    numbered_terms(doc)
    paragraph(
        doc,
        "该{{ wording.agreement_name }}自{{ outcome.effective_on }}起生效。申请人依照"
        "{{ wording.confirmation_basis }}的规定，共同向贵院申请司法确认。",
    )
    paragraph(
        doc,
        "各申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；"
        "如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
        keep_next=True,  # the text's last paragraph goes with 此致 and the signatures
    )
    paragraph(doc, "此致", keep_next=True)
    plain(doc, "{{ court }}", keep_next=True)
    paragraph(doc, "", keep_next=True)
    # 民诉法解释 art. 354: the materials an application comes with
    attachments(
        doc,
        [
            "{{ wording.agreement_title }}",
            "调解组织主持调解的证明",
            "各申请人的身份证明、住所及联系方式材料",
            "与调解协议相关的财产权利证明材料（如有）",
        ],
    )
    party_signatures(doc, "{{ p.app_label }}", "签名或按指印")
    paragraph(doc, "", keep_next=True)
    dated(doc, "{{ date }}")
    return doc


def agreement() -> DocumentObject:
    doc = new_document()
    title(doc, "{{ title }}")
    tag(doc, "{%p if case.number or case.agreement_no %}")
    dated(
        doc,
        "{% if case.number %}{{ case.number }}{% else %}编号：{{ case.agreement_no }}{% endif %}",
    )
    tag(doc, "{%p endif %}")
    party_blocks(doc, "{{ p.role_label }}")
    heading(doc, "纠纷主要事实、争议事项及各方责任：")
    facts(doc)
    heading(doc, "经调解，各方当事人自愿达成如下协议：")
    numbered_terms(doc)
    paragraph(doc, "{{ wording.effect_clause }}{{ wording.copies_clause }}", keep_next=True)
    party_signatures(doc, "{{ p.role_label }}", "签名、盖章或按指印")
    signer(doc, "{{ wording.mediator_title }}（签名）：{{ mediator.name }}")
    signer(doc, "记录人（签名）：{{ recorder }}")
    closing(doc, "{{ org.name }}", "{{ outcome.decided_on }}")
    return doc


def termination() -> DocumentObject:
    doc = new_document()
    title(doc, "终止调解告知书")
    plain(doc, "{{ party_names }}：")
    paragraph(
        doc,
        "{% if case.number %}{{ case.number }}{% endif %}{{ applicant_names }}与"
        "{{ respondent_names }}{{ case.cause }}一案，"
        "{% if case.court_referred and case.referring_court %}经{{ case.referring_court }}"
        "{{ case.referral_label }}，{% endif %}{{ org.name }}于{{ case.received_on }}受理并组织"
        "{{ wording.mediation_name }}。因{{ outcome.reason }}，"
        # a reason that already says no agreement was reached is not said twice
        "{% if '未能达成' not in (outcome.reason or '') %}各方当事人未能达成"
        "{{ wording.agreement_name }}，{% endif %}{{ org.name }}于{{ outcome.decided_on }}"
        "终止调解。"
        "{% if case.court_referred and case.referring_court %}本案材料将移送"
        "{{ case.referring_court }}依法处理。{% endif %}",
    )
    paragraph(
        doc,
        "{% if wording.termination_basis %}依照{{ wording.termination_basis }}的规定，{% endif %}"
        "特此告知：{{ wording.termination_remedies }}",
        keep_next=True,
    )
    closing(doc, "{{ org.name }}", "{{ date }}")
    return doc


def service_address() -> DocumentObject:
    """One page per party (seed item 24; SPC 法〔2017〕19号 on service addresses)."""
    doc = new_document()
    tag(doc, "{%p for p in parties %}")
    title(doc, "送达地址确认书", page_break=True)
    paragraph(
        doc,
        "案由：{{ case.cause }}{% if case.number %}；案号：{{ case.number }}{% endif %}；"
        "受理单位：{{ org.name }}。",
    )
    paragraph(
        doc,
        "告知：送达地址适用于调解、司法确认、诉讼和执行程序；企业登记住所为默认送达地址，"
        "并另提供备用地址；地址不准确或变更未及时告知致文书未能实际接收的，文书退回之日"
        "视为送达之日。",
    )
    heading(doc, "受送达人：{{ p.name }}（{{ p.role_label }}）")
    paragraph(doc, "送达地址：{{ p.service_address }}")
    paragraph(doc, "邮政编码：{{ p.blank }}")
    paragraph(doc, "收件人：{% if p.is_person %}{{ p.name }}{% else %}{{ p.blank }}{% endif %}")
    tag(doc, "{%p if not p.is_person %}")
    paragraph(doc, "备用地址：{{ p.backup_address or p.blank }}")
    tag(doc, "{%p endif %}")
    paragraph(doc, "联系电话：{{ p.phone or p.blank }}")
    paragraph(doc, "电子送达：□同意　□不同意（同意的，向下列电子邮箱、手机号码送达）")
    paragraph(doc, "电子邮箱：{{ p.email or p.blank }}")
    paragraph(doc, "手机号码：{{ p.blank }}")
    paragraph(doc, "受送达人确认以上地址真实有效，同意按以上地址送达。", keep_next=True)
    signer(doc, "受送达人（签名或盖章）：")
    dated(doc, "年　　月　　日")
    tag(doc, "{%p endfor %}")
    return doc


def credit_notice() -> DocumentObject:
    doc = new_document()
    title(doc, "{{ title }}")
    tag(doc, "{%p if credit.doc_no %}")
    dated(doc, "{{ credit.doc_no }}")
    tag(doc, "{%p endif %}")
    plain(doc, "{{ credit.agency }}：")
    paragraph(
        doc,
        "{{ applicant_names }}与{{ respondent_names }}{{ case.cause }}一案"
        "{% if case.amount %}（标的额人民币{{ case.amount }}元）{% endif %}，"
        "{{ org.name }}于{{ case.received_on }}受理并组织调解，各方当事人未能达成调解协议，"
        "已于{{ outcome.decided_on }}终止调解。",
    )
    paragraph(doc, "{{ credit.decision }}")
    paragraph(
        doc,
        "依照{{ credit.basis }}，现将下列企业的上述信息函告贵单位，请依法依规核实处理。"
        "企业对该信息有异议的，可以依照《征信业管理条例》第二十五条的规定提出异议。",
    )
    tag(doc, "{%p for p in credit_subjects %}")
    heading(doc, "{{ loop.index|cn_num }}、{{ p.name }}")
    paragraph(doc, "统一社会信用代码：{{ p.id_number }}")
    tag(doc, "{%p if p.legal_rep %}")
    paragraph(doc, "{{ p.rep_title }}：{{ p.legal_rep }}" + OPERATOR_HOME)
    tag(doc, "{%p endif %}")
    paragraph(doc, "住所：{{ p.address }}")
    tag(doc, "{%p endfor %}")
    paragraph(
        doc,
        "联系人：{{ credit.contact }}"
        "{% if credit.phone %}；联系电话：{{ credit.phone }}{% endif %}。",
        keep_next=True,  # the last lines of the text go with the attachment and the seal
    )
    paragraph(doc, "", keep_next=True)
    attachments(doc, ["终止调解告知书"])
    closing(doc, "{{ org.name }}", "{{ date }}")
    return doc


def court_report() -> DocumentObject:
    """调解情况报告 for an entrusted (委托) case: 特邀调解规定 art. 20 (agreement: the court
    makes a 调解书 or rules on a withdrawal) and art. 21(2) (failure: to trial).

    Whatever the body's kind, a mediation a court delegates or entrusts is 特邀调解
    (特邀调解规定 art. 1), so both hand-back papers cite that regulation."""
    doc = new_document()
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
        "经调解，各方当事人未能达成调解协议，已于{{ outcome.decided_on }}终止调解。"
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
    closing(doc, "{{ org.name }}", "{{ date }}")
    return doc


def return_letter() -> DocumentObject:
    """退回函 for a delegated (委派) case that failed: 特邀调解规定 art. 21(1)."""
    doc = new_document()
    title(doc, "退回函")
    plain(doc, "{{ case.referring_court }}：")
    paragraph(
        doc,
        "你院于{{ case.received_on }}委派{{ org.name }}调解的{{ applicant_names }}与"
        "{{ respondent_names }}{{ case.cause }}{% if case.number %}（{{ case.number }}）"
        "{% endif %}，经调解，各方当事人未能达成调解协议，{{ org.name }}已于"
        "{{ outcome.decided_on }}终止调解。未能达成协议的原因：{{ outcome.reason }}。",
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
    closing(doc, "{{ org.name }}", "{{ date }}")
    return doc


# A registration form is filled in by hand where a field is unknown: blanks, never "无".
FORM_PERSON = (
    "{{ p.role_label }}：{{ p.name }}，性别：{{ p.sex or p.blank }}，"
    "出生日期：{{ p.birth_date or p.blank }}，民族：{{ p.ethnicity or p.blank }}，"
    "职业或职务：{{ p.occupation or p.blank }}，住址：{{ p.address or p.blank }}，"
    "公民身份号码：{{ p.id_number or p.blank }}，联系电话：{{ p.phone or p.blank }}。"
)
FORM_ENTITY = (
    "{{ p.role_label }}：{{ p.name }}，{{ p.address_label }}：{{ p.address or p.blank }}，"
    "{% if p.operator_id_number %}统一社会信用代码：{{ p.blank }}"
    "{% else %}{{ p.id_label }}：{{ p.id_number or p.blank }}{% endif %}，"
    "联系电话：{{ p.phone or p.blank }}。"
)


def registration() -> DocumentObject:
    """人民调解申请书 / 受理登记表 (人民调解法 arts. 17, 18), after the Ministry of Justice's
    人民调解文书格式 as reproduced in local dossier models (申请人/被申请人 with their
    particulars, 纠纷简要情况, 申请事项, the applicant's signature; 案件来源, 受理, 登记人)."""
    doc = new_document()
    title(doc, "{{ title }}")
    tag(doc, "{%p if case.number %}")
    dated(doc, "{{ case.number }}")
    tag(doc, "{%p endif %}")
    heading(doc, "一、当事人")
    tag(doc, "{%p for p in parties %}")
    tag(doc, "{%p if p.is_person %}")
    paragraph(doc, FORM_PERSON)
    tag(doc, "{%p if p.guardian %}")
    paragraph(doc, GUARDIAN)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    paragraph(doc, FORM_ENTITY)
    paragraph(
        doc, "{{ p.rep_title }}：{{ p.legal_rep or p.blank }}" + OPERATOR_HOME + OPERATOR_ID + "。"
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.agent %}")
    paragraph(doc, "委托代理人：{{ p.agent }}。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    heading(doc, "二、纠纷简要情况")
    paragraph(
        doc,
        "纠纷类型（案由）：{{ case.cause }}"
        "{% if case.amount %}；标的额：人民币{{ case.amount }}元{% endif %}。",
    )
    facts(doc)
    heading(doc, "三、申请事项")
    tag(doc, "{%p for c in case.claim_paragraphs %}")
    paragraph(doc, "{{ c }}")
    tag(doc, "{%p else %}")
    paragraph(doc, "{{ parties[0].blank }}{{ parties[0].blank }}{{ parties[0].blank }}")
    tag(doc, "{%p endfor %}")
    heading(doc, "四、受理情况")
    paragraph(doc, "案件来源：{{ case.intake_boxes }}")
    tag(doc, "{%p if case.court_referred %}")
    paragraph(
        doc,
        "{{ case.referral_label }}法院：{{ case.referring_court or parties[0].blank }}"
        "{% if case.number %}；案号：{{ case.number }}{% endif %}。",
    )
    tag(doc, "{%p endif %}")
    paragraph(doc, "受理日期：{{ case.received_on }}。受理单位：{{ org.name }}。")
    paragraph(doc, "{{ wording.consent_clause }}", keep_next=True)
    tag(doc, "{%p for p in applicants %}", keep_next=True)
    signer(doc, "申请人（签名、盖章或按指印）：{{ p.name }}")
    tag(doc, "{%p endfor %}", keep_next=True)
    signer(doc, "登记人（签名）：{{ case.registered_by }}")
    closing(doc, "{{ org.name }}", "{{ case.received_on }}")
    return doc


def notice() -> DocumentObject:
    """调解通知书, one page per summoned party: time, place or online, mediator, what to
    bring, the parties' rights and what staying away means — as the regime allows
    (wording.py: 人民调解法 arts. 3, 23, 26; 特邀调解规定 arts. 2, 14, 26)."""
    doc = new_document()
    tag(doc, "{%p for p in summoned %}")
    title(doc, "调解通知书", page_break=True)
    plain(
        doc,
        "{{ p.name }}{% if p.guardian %}（法定代理人：{{ p.guardian }}）{% endif %}：",
    )
    paragraph(
        doc,
        "{% if case.number %}{{ case.number }}{% endif %}{{ applicant_names }}与"
        "{{ respondent_names }}{% if third_party_names %}、第三人{{ third_party_names }}"
        "{% endif %}{{ case.cause }}一案，"
        "{% if case.court_referred and case.referring_court %}经{{ case.referring_court }}"
        "{{ case.referral_label }}，{% endif %}{{ org.name }}已于{{ case.received_on }}受理。"
        "{{ wording.notice_basis }}现将{{ wording.mediation_name }}的有关事项通知如下：",
    )
    paragraph(doc, "一、调解时间：{{ session.when }}。")
    tag(doc, "{%p if session.online %}")
    paragraph(
        doc,
        "二、调解方式：在线视频调解，登录方式：{{ session.link }}。请提前登录，并确保音视频"
        "设备可用。",
    )
    tag(doc, "{%p else %}")
    paragraph(doc, "二、调解地点：{{ session.place }}。")
    tag(doc, "{%p endif %}")
    paragraph(doc, "三、主持调解：{{ session.mediator_title }}{{ session.mediator }}。")
    paragraph(doc, "四、请携带以下材料：", keep_next=True)
    tag(doc, "{%p for item in p.papers %}")
    paragraph(doc, "{{ loop.index }}．{{ item }}{% if loop.last %}。{% else %}；{% endif %}")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "五、{{ wording.rights_clause }}")
    paragraph(doc, "六、{{ wording.absence_clause }}")
    paragraph(
        doc,
        "联系人：{{ session.mediator }}{% if session.phone %}；联系电话：{{ session.phone }}"
        "{% endif %}。",
        keep_next=True,
    )
    closing(doc, "{{ org.name }}", "{{ date }}")
    tag(doc, "{%p endfor %}")
    return doc


def _cell_text(
    cell: object, text: str, *, align: WD_ALIGN_PARAGRAPH, font: str = BODY_FONT
) -> None:
    """One run in a table cell, 四号 (14 pt) so a title of 20 characters fits its column."""
    para = cell.paragraphs[0]  # type: ignore[attr-defined]
    para.alignment = align
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para.paragraph_format.line_spacing = Pt(20)
    run = para.add_run(text)
    set_east_asian(run._r, font)
    run.font.size = Pt(14)


def _page_reference(cell: object) -> None:
    """The 页号 cell: a PAGEREF field to the paper's bookmark. Word, WPS and LibreOffice
    compute it from the real layout; its shown value is the page counted from a PDF when
    the dossier was made with --pdf, else empty until the field is updated."""
    para = cell.paragraphs[0]  # type: ignore[attr-defined]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_runs(
        para,
        (
            (None, "begin"),
            (" PAGEREF {{ row.bookmark }} \\h ", "instr"),
            (None, "separate"),
            ("{{ row.page }}", None),
            (None, "end"),
        ),
        BODY_FONT,
    )


TOC_COLUMNS = (("序号", 15), ("文件题名", 79), ("日期", 32), ("页号", 15), ("备注", 15))  # 156 mm


def dossier() -> DocumentObject:
    """The dossier's cover (卷皮) and 卷内目录 (人民调解法 art. 27: 立卷归档), in a section of
    their own without page numbers; the papers follow in a second section numbered from 1,
    appended by mediate/documents/dossier.py."""
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT

    doc = new_document()
    paragraph(doc, "{{ org.name }}", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph(doc, "", indent=False)
    title(doc, "{{ dossier.title }}")
    paragraph(doc, "", indent=False)
    for label, value in (
        ("卷 宗 号", "{{ dossier.number }}"),
        ("案　　由", "{{ case.cause }}"),
        ("当 事 人", "{{ dossier.parties }}"),
        ("调 解 员", "{{ mediator.name }}"),
        ("受理日期", "{{ case.received_on }}"),
        ("结案日期", "{{ dossier.closed_on }}"),
        ("调解结果", "{{ dossier.result }}"),
        ("保管期限", "{{ dossier.retention }}"),
        ("本卷页数", "{{ dossier.pages }}"),
        ("立 卷 人", "{{ dossier.filed_by }}"),
        ("立卷日期", "{{ date }}"),
    ):
        paragraph(doc, f"{label}：{value}", indent=False, left_chars=4, hanging_chars=5)
    title(doc, "卷内目录", page_break=True)
    table = doc.add_table(rows=3, cols=len(TOC_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # the grid's widths, not an even split (LibreOffice reads the grid)
    for i, (name, width) in enumerate(TOC_COLUMNS):
        table.columns[i].width = Mm(width)
        for row in table.rows:
            row.cells[i].width = Mm(width)
        _cell_text(table.rows[0].cells[i], name, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT)
    _cell_text(table.rows[1].cells[0], "{%tr for row in papers %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    values = ("{{ row.number }}", "{{ row.title }}", "{{ row.date }}", None, "{{ row.note }}")
    for i, value in enumerate(values):
        cell = table.rows[2].cells[i]
        if value is None:
            _page_reference(cell)
        else:
            align = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, value, align=align)
    row = table.add_row()
    _cell_text(row.cells[0], "{%tr endfor %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph(doc, "{{ dossier.page_note }}", indent=False, size=Pt(12), line=Pt(20))
    doc.add_section(WD_SECTION.NEW_PAGE)
    first, papers = doc.sections[0]._sectPr, doc.sections[1]._sectPr
    for ref in reversed(first.findall(qn("w:footerReference"))):
        papers.insert(0, ref)  # moved: the cover and the contents carry no page number
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    papers.find(qn("w:cols")).addprevious(numbering)
    return doc


def record() -> DocumentObject:
    """A record the dossier prints from the case's data (调解笔录, 司法确认情况, 履行情况及
    回访记录): a title, labelled lines, then paragraphs of text."""
    doc = new_document()
    title(doc, "{{ record.title }}")
    tag(doc, "{%p if record.subtitle %}")
    dated(doc, "{{ record.subtitle }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for item in record.fields %}")
    paragraph(doc, "{{ item.label }}：{{ item.text }}", indent=False, hanging_chars=5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for text in record.paragraphs %}")
    paragraph(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")
    return doc


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "application": application,
    "agreement": agreement,
    "termination": termination,
    "service_address": service_address,
    "credit_notice": credit_notice,
    "court_report": court_report,
    "return_letter": return_letter,
    "registration": registration,
    "notice": notice,
    "dossier": dossier,
    "record": record,
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
