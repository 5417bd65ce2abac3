"""The hostile inputs of issue #12, as files: `python -m tests.data.attacks.make` writes the
small ones beside this module (they are committed); the big ones (bombs) are made by the
functions below when a test needs them, so the repository does not carry them.

Every file here is replayed by a test (tests/e2e/test_attacks.py).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# Server-side template injection: from a template, reach `os` through a Jinja global.
SSTI = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def ssti_case_template(path: Path) -> Path:
    """A clerk's own 人民调解协议书 (agreement) whose body runs `id`."""
    import docx

    document = docx.Document()
    document.add_paragraph("人民调解协议书 {{ case.cause }}")
    document.add_paragraph(SSTI)
    document.save(str(path))
    return path


def ssti_whitepaper(path: Path) -> Path:
    """A deployment's whitepaper.docx whose front matter runs `id`."""
    import docx

    from mediate.reports.whitepaper import make_template

    make_template(path)
    document = docx.Document(str(path))
    document.paragraphs[0].runs[0].text = "{{ title }}" + SSTI
    document.save(str(path))
    return path


# ---------------------------------------------------------------- referral files

REFERRAL_HEADER = (
    "案号,案由,标的额,来源,委派法院,收案日期,纠纷发生地,申请人,申请人类型,申请人证件号,"
    "申请人住所,申请人电话,被申请人,被申请人类型,被申请人证件号,被申请人住所,被申请人电话,案情简介"
)


def referral_row(number: int, **cells: str) -> str:
    """One good referral row (`(2026)豫0803民诉前调{number}号`), with `cells` replaced."""
    row = {
        "case_no": f"(2026)豫0803民诉前调{number}号",
        "cause": "民间借贷纠纷",
        "amount": "52000",
        "source": "委派",
        "court": "焦作市中站区人民法院",
        "received": "2026-11-02",
        "location": "410803",
        "applicant": "黄勇",
        "applicant_kind": "自然人",
        "applicant_id": "410803199001018086",
        "applicant_address": "焦作市中站区李封街道",
        "applicant_phone": "13303910007",
        "respondent": "周杰",
        "respondent_kind": "",
        "respondent_id": "41080419821203909X",
        "respondent_address": "",
        "respondent_phone": "",
        "facts": "借款到期未还。",
    }
    row.update(cells)
    return ",".join(row.values())


def _referrals(path: Path, bad_rows: list[str]) -> Path:
    """Good rows 1 and 99 around the bad ones: the good ones must come in."""
    lines = [REFERRAL_HEADER, referral_row(1), *bad_rows, referral_row(99)]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def control_characters_csv(path: Path) -> Path:
    """NUL in a name (refused), a vertical tab from Word in the facts (a line break)."""
    return _referrals(
        path,
        [
            referral_row(2, applicant="黄\x00勇"),
            referral_row(3, facts="借款到期\x0b未还。"),
            referral_row(4, respondent_address="焦作\x1b[31m市"),
        ],
    )


def one_cell_aborts_csv(path: Path) -> Path:
    """Each bad row used to end the whole import with exit 3 (or stop it at that row)."""
    return _referrals(
        path,
        [
            referral_row(2, amount="9" * 30),
            referral_row(3, amount="100000000000000000"),
            referral_row(4, amount="五万亿亿元"),
            referral_row(5, applicant="黄" * 300),
            referral_row(6, facts="借款\r未还"),
            referral_row(7, court="焦作市" * 80),
        ],
    )


def huge_cell_csv(path: Path, megabytes: int = 10) -> Path:
    """A 10 MB cell (over the csv module's field limit): made here, not committed."""
    return _referrals(path, [referral_row(2, facts="很" * (megabytes * 2**20 // 3))])


# ---------------------------------------------------------------- workbooks

HEADERS = ("案号", "案由", "标的额", "申请人", "被申请人")
_OOXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SML}.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OOXML}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="委托调解" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OOXML}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_OOXML}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet(dimension: str, extra_rows: str = "") -> str:
    header = "".join(_cell(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADERS))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData><row r="1">{header}</row>{extra_rows}'
        "</sheetData></worksheet>"
    )


def _workbook(path: Path, sheet: str, shared_strings: bytes | None = None) -> Path:
    import zipfile

    strings = shared_strings or (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="0" uniqueCount="0"></sst>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
    return path


def sparse_xlsx(path: Path) -> Path:
    """A header row and one cell at XFD1048576: calamine allocates the whole grid (SIGABRT)."""
    far = '<row r="1048576">' + _cell("XFD1048576", "x") + "</row>"
    return _workbook(path, _sheet("A1:E1", far))


# The far cell of `sparse_xlsx` written as calamine also reads it (found in review,
# 2026-12-02: each passed the guard, and calamine aborted the process).
SPARSE_SPELLINGS = {
    "single-quotes": "<row r='1048576'><c r='XFD1048576' t=\"inlineStr\">",
    "tab": '<row\tr="1048576"><c\tr="XFD1048576" t="inlineStr">',
    "lower-case": '<row\tr="1048576"><c r="xfd1048576" t="inlineStr">',
    "newline-no-row": "<row><c\nr='XFD1048576' t=\"inlineStr\">",
    "spaced": '<row r = "1048576"><c t="inlineStr"r \n=\t "XFD1048576">',
}


def sparse_spelled_xlsx(path: Path, spelling: str) -> Path:
    far = SPARSE_SPELLINGS[spelling] + "<is><t>x</t></is></c></row>"
    return _workbook(path, _sheet("A1:E1", far))


def declared_dimension_spelled_xlsx(path: Path) -> Path:
    """`declared_dimension_xlsx` in lower case, spaced, single quotes."""
    sheet = _sheet("A1:E1").replace(
        '<dimension ref="A1:E1"/>', "<dimension\nref = 'a1:xfd1048576'/>"
    )
    return _workbook(path, sheet)


def declared_dimension_xlsx(path: Path) -> Path:
    """A sheet that only *declares* A1:XFD1048576 (readers that reserve by it abort)."""
    return _workbook(path, _sheet("A1:XFD1048576"))


def long_reference_xlsx(path: Path) -> Path:
    """A cell named AAAAAAAAAAAAAAA1 (15 letters): past any column there is, and calamine
    allocated a grid of 228 GB for it and aborted (found by fuzzing, 2026-12-01)."""
    far = '<row r="2">' + _cell("AAAAAAAAAAAAAAA2", "x") + "</row>"
    return _workbook(path, _sheet("A1:E1", far))


def long_row_xlsx(path: Path) -> Path:
    """A cell named A99999999999999: a 14-digit row (44 GB grid, process aborted)."""
    far = '<row r="2">' + _cell("A99999999999999", "x") + "</row>"
    return _workbook(path, _sheet("A1:E1", far))


def shared_strings_bomb(path: Path, inflated_mb: int = 20) -> Path:
    """A shared-strings part that inflates about 1000:1 (too big to commit: made here)."""
    unit = b"<si><t>" + "哈".encode() * 40 + b"</t></si>"
    count = inflated_mb * 2**20 // len(unit)
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{count}" uniqueCount="{count}">'.encode()
        + unit * count
        + b"</sst>"
    )
    return _workbook(path, _sheet("A1:E1"), strings)


def main() -> None:
    ssti_case_template(HERE / "ssti-agreement.docx")
    ssti_whitepaper(HERE / "ssti-whitepaper.docx")
    control_characters_csv(HERE / "control-characters.csv")
    one_cell_aborts_csv(HERE / "one-cell-aborts.csv")
    sparse_xlsx(HERE / "sparse-XFD1048576.xlsx")
    declared_dimension_xlsx(HERE / "dimension-XFD1048576.xlsx")
    long_reference_xlsx(HERE / "reference-AAAAAAAAAAAAAAA2.xlsx")
    long_row_xlsx(HERE / "row-99999999999999.xlsx")


if __name__ == "__main__":
    main()
