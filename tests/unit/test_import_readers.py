"""Spreadsheet readers and column mapping: encodings, delimiters, XLSX, header aliases."""

import datetime as dt
import io
import re
import zipfile

import pytest

from mediate.errors import ValidationError, ValidationErrors
from mediate.intake.columns import build_column_map, load_mapping, looks_like_header
from mediate.intake.readers import detect_encoding, open_sheet

ROWS = [["案号", "案由", "申请人"], ["（2026）豫0802民初1号", "民间借贷纠纷", "刘䶮"]]


def write_csv(path, rows, encoding, delimiter=","):
    text = "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16")],
)
def test_every_usual_encoding_is_detected_and_read(tmp_path, encoding, detected):
    path = write_csv(tmp_path / "r.csv", ROWS, encoding)
    sheet = open_sheet(path)
    assert sheet.encoding == detected
    assert list(sheet.rows) == [(1, ROWS[0]), (2, ROWS[1])]


def test_gbk_is_told_from_gb18030():
    assert detect_encoding("民间借贷纠纷".encode("gbk")) == "gbk"
    assert detect_encoding("刘䶮".encode("gb18030")) == "gb18030"


def test_a_file_glued_from_utf8_and_gbk_lines_reads_every_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "案号,案由\r\n".encode("gbk")
        + "（2026）豫0802民初1号,买卖合同纠纷\r\n".encode()
        + "（2026）豫0802民初2号,物业服务合同纠纷\r\n".encode("gbk")
    )
    rows = [cells for _, cells in open_sheet(path).rows]
    assert rows == [
        ["案号", "案由"],
        ["（2026）豫0802民初1号", "买卖合同纠纷"],
        ["（2026）豫0802民初2号", "物业服务合同纠纷"],
    ]


def test_tabs_and_semicolons_are_sniffed_and_quoted_newlines_keep_row_numbers(tmp_path):
    path = write_csv(tmp_path / "t.tsv", [["案号", "案由"], ["1", "x"]], "utf-8", "\t")
    assert open_sheet(path).delimiter == "\t"
    path = tmp_path / "q.csv"
    path.write_text('案号,案情简介\n1,"第一行\n第二行"\n2,b\n', encoding="utf-8")
    assert [n for n, _ in open_sheet(path).rows] == [1, 2, 3]


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws["A1"] = "焦作市解放区人民法院委派调解案件清单"
    ws.append([])
    ws.append(["案号", "案由", "收案日期", "标的额"])
    ws.append(["（2026）豫0802民初1号", "民间借贷纠纷", dt.date(2026, 11, 2), 52000.5])
    book.save(tmp_path / "r.xlsx")
    sheet = open_sheet(tmp_path / "r.xlsx")
    rows = dict(sheet.rows)
    assert rows[3][:4] == ["案号", "案由", "收案日期", "标的额"]
    assert rows[4][:4] == ["（2026）豫0802民初1号", "民间借贷纠纷", dt.date(2026, 11, 2), 52000.5]


def test_headers_are_matched_through_aliases_and_normalisation():
    cells = ["序号", " 案 号 ", "案由", "标的额（元）", "原告", "被告", "*被申请人电话", "承办人"]
    columns = build_column_map(1, cells)
    assert columns.index == {
        "case_no": 1,
        "cause": 2,
        "amount": 3,
        "applicant": 4,
        "respondent": 5,
        "respondent_phone": 6,
    }
    assert columns.ignored == ["序号", "承办人"]
    assert columns.label("amount") == "标的额（元）"


def test_a_missing_required_column_is_named():
    with pytest.raises(ValidationError) as caught:
        build_column_map(3, ["案号", "案由", "申请人"])
    assert str(caught.value) == (
        "row 3: no column for 被申请人; use --mapping to say which column holds it (a line "
        "of the mapping file: the column's header: 被申请人)"
    )


def test_a_missing_column_is_named_in_chinese_and_the_mapping_takes_that_name(tmp_path):
    """The field's key was shown ("找不到 案由 (cause) 列"): the clerk sees the header the
    column should have, and may write it in the mapping file as the field."""
    from mediate.i18n import in_language

    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        build_column_map(1, ["案号", "申请人", "被申请人"])
    assert "找不到 案由 列" in str(caught.value) and "cause" not in str(caught.value)
    path = tmp_path / "m.yaml"
    path.write_text("纠纷名称: 案由\n", encoding="utf-8")
    mapping = load_mapping(path)
    assert (
        build_column_map(1, ["案号", "纠纷名称", "申请人", "被申请人"], mapping).index["cause"] == 1
    )


def test_a_bad_role_lists_the_chinese_roles_a_clerk_types():
    from mediate.i18n import in_language
    from mediate.intake.validate import parse_role
    from mediate.intake.values import BadValue

    with in_language("zh_CN"), pytest.raises(BadValue) as caught:
        parse_role("原告")
    said = str(caught.value)
    assert "申请人、被申请人" in said and "第三人" in said and "applicant" not in said


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("crc", "文件已损坏：部分数据与其校验值不符"),
        ("xml", "文件已损坏"),
    ],
)
@pytest.mark.parametrize("sliced", [True, False], ids=["sliced", "whole"])
def test_a_damaged_workbook_is_said_in_chinese_with_the_english_only_as_a_detail(
    tmp_path, monkeypatch, damage, said, sliced
):
    """ "Bad CRC-32 for file 'xl/worksheets/sheet1.xml'" and calamine's "syntax error: …"
    stood in the Chinese sentence as the reason."""
    from mediate.i18n import in_language
    from mediate.intake import readers
    from tests.workbooks import rows_xml, sheet, workbook_bytes

    if not sliced:
        monkeypatch.setattr(readers, "SLICED_SUFFIXES", ())
    xml = sheet(rows_xml(list(range(1, 2000))))
    if damage == "xml":
        xml = xml.replace('<c r="A7"><v>7</v></c>', '<c r="A7"><v>7</v></row>')
    data = workbook_bytes(xml)
    if damage == "crc":  # a byte of the sheet (stored) changed, its CRC-32 left as it was
        stored = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as book, zipfile.ZipFile(stored, "w") as out:
            for info in book.infolist():
                out.writestr(info.filename, book.read(info), zipfile.ZIP_STORED)
        data = stored.getvalue().replace("行1999".encode(), "行1998".encode())
    path = tmp_path / "d.xlsx"
    path.write_bytes(data)
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        list(open_sheet(path).rows)
    message = str(caught.value)
    assert f"该文件无法作为工作簿读取：{said}" in message, message
    reason, detail = message.split("（技术细节：")
    assert detail.strip("）")
    assert re.search("[A-Za-z]{3}", reason[len(str(path)) :].replace("XML", "")) is None


def test_a_mapping_file_names_other_layouts_and_bad_fields_with_their_line(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("当事人: applicant\n对方当事人: respondent\n编号: case_no\n", encoding="utf-8")
    mapping = load_mapping(path)
    cells = ["编号", "案由", "当事人", "对方当事人"]
    assert looks_like_header(cells, mapping)
    assert build_column_map(1, cells, mapping).index == {
        "case_no": 0,
        "cause": 1,
        "applicant": 2,
        "respondent": 3,
    }
    path.write_text("当事人: applicant\n对方: defendant\n", encoding="utf-8")
    with pytest.raises(ValidationErrors, match=r"m.yaml:2:5: 'defendant' is not a field"):
        load_mapping(path)


def test_a_bad_field_in_a_mapping_file_lists_the_fields_by_their_headers(tmp_path):
    """Under zh the clerk reads the fields as the headers they write (and the mapping file
    takes back: 对方: 被申请人), not as the code's keys (respondent, case_no)."""
    from mediate.i18n import in_language

    path = tmp_path / "m.yaml"
    path.write_text("对方: 被告人\n", encoding="utf-8")
    with in_language("zh_CN"), pytest.raises(ValidationErrors) as info:
        load_mapping(path)
    message = str(info.value)
    assert "案号、案由、标的额" in message and "被申请人经营者住所" in message
    assert re.search("[A-Za-z]{3}", message.replace(str(path), "")) is None
    path.write_text("对方: 被申请人\n", encoding="utf-8")
    assert load_mapping(path) == {"对方": "respondent"}


def test_the_sample_mapping_file_maps_its_headers():
    from mediate.resources import data_dir

    mapping = load_mapping(data_dir() / "samples" / "mapping-example.yaml")
    cells = ["诉前调解编号", "纠纷类型", "争议金额(元)", "当事人", "对方当事人", "承办人"]
    columns = build_column_map(1, cells, mapping)
    assert columns.index == {
        "case_no": 0, "cause": 1, "amount": 2, "applicant": 3, "respondent": 4,
    }  # fmt: skip
    assert columns.ignored == ["承办人"]


def test_undecodable_and_overlong_lines_are_reported_with_their_own_text(tmp_path):
    import csv

    from mediate.intake import readers

    path = tmp_path / "r.csv"
    path.write_bytes(
        b"\xef\xbb\xbf\xe6\xa1\x88\xe5\x8f\xb7,b\r\n"  # 案号 after a BOM
        + "民间借贷纠纷,x\r\n".encode("gbk")
        + b"\xff\xfe\xfd,y\r\n"
        + b"z" * 40
        + b",w\r\n"
        + b"last,row"
    )
    limit = csv.field_size_limit(32)
    try:
        rows = list(readers.open_sheet(path).rows)
    finally:
        csv.field_size_limit(limit)
    assert rows[:3] == [(1, ["案号", "b"]), (2, ["民间借贷纠纷", "x"]), (3, ["\ufffd" * 3, "y"])]
    number, unreadable = rows[3]
    assert number == 4 and isinstance(unreadable, readers.UnreadableRow)
    assert unreadable == ["z" * 40, "w"] and "32" in unreadable.reason
    assert rows[4] == (5, ["last", "row"])


def test_a_row_is_blank_when_no_cell_holds_more_than_spaces():
    from mediate.intake.readers import is_blank

    assert is_blank([]) and is_blank([None, "", " ", "\u3000", "\t"])
    assert not is_blank(["", "", "张三"])
    assert not is_blank([None, 0.0])  # a workbook's zero is a value
    assert not is_blank(["", False])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_not_a_missing_header(tmp_path, encoding):
    from mediate.i18n import in_language

    path = write_csv(tmp_path / "r.csv", ROWS, encoding)
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        open_sheet(path)
    assert "不带字节顺序标记（BOM）的 UTF-16" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("empty.xlsx", b"", "文件是空的（0 字节）"),
        ("empty.xls", b"", "文件是空的（0 字节）"),
        ("fake.xlsx", "案号,案由\n".encode(), "该文件不是 .xlsx 工作簿"),
        ("fake.xls", b"<html><table></table></html>", "该文件不是 .xls 工作簿"),
    ],
)
def test_an_empty_file_or_no_workbook_is_said_in_chinese_not_calamines_english(
    tmp_path, name, content, said
):
    """calamine said "invalid Zip archive: Could not find EOCD" of a 0-byte .xlsx."""
    from mediate.i18n import in_language

    path = tmp_path / name
    path.write_bytes(content)
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        open_sheet(path)
    assert said in str(caught.value) and "EOCD" not in str(caught.value)


@pytest.mark.parametrize(
    ("language", "said"), [("en", "it is a directory"), ("zh_CN", "这是一个目录")]
)
def test_a_directory_given_as_the_file_is_called_a_directory_not_missing(tmp_path, language, said):
    from mediate.i18n import in_language

    with in_language(language), pytest.raises(ValidationError) as caught:
        open_sheet(tmp_path)
    assert said in str(caught.value) and str(tmp_path) in str(caught.value)
    assert "no such file" not in str(caught.value) and "不存在" not in str(caught.value)


def test_the_importer_reads_rows_alike_whatever_their_shape(tmp_path):
    """What the importer needs of a reader's rows (issue 19 item 3, for a streaming XLSX
    reader that cannot know the sheet's range before its first row): rows as calamine
    gives them (from the range's first column, here C, padded to its width) and "absolute"
    ones (index 0 is column A, trailing empty cells absent: a CSV's) give the same
    header, the same cases and the same problems. The header is found off the front, a
    cell is placed by the header's index of it, a short row is padded, a value beyond the
    header is ignored, a blank row is blank."""
    from mediate.intake.readers import Sheet
    from mediate.intake.rows import RowDefaults
    from mediate.intake.stream import BLANK, CASE, REJECTED, RowStream, find_header
    from tests.unit.test_import_rows import HEADER, row

    last, before = HEADER[-1], HEADER[-2]
    data = [
        ["焦作市解放区人民法院 转办"],  # a title above the header
        HEADER,
        row(),
        row(**{"案号": "（2026）豫0802民初4号", last: "", before: ""}),  # short
        [],  # blank
        [*row(**{"案号": "（2026）豫0802民初2号"}), "表外的值"],  # beyond the header
        row(**{"案号": "（2026）豫0802民初3号", "收案日期": "2026/13/45"}),  # rejected
    ]
    width = max(map(len, data))

    def relative(cells: list[object]) -> list[object]:
        return [*cells, *[""] * (width - len(cells))]

    def absolute(cells: list[object]) -> list[object]:
        out = ["", "", *cells]
        while out and out[-1] == "":
            out.pop()
        return out

    def outcomes(shape):
        rows = ((n, shape(cells)) for n, cells in enumerate(data, start=1))
        sheet = Sheet(path=tmp_path / "s.xlsx", format="xlsx", rows=rows)
        number, _, columns = find_header(sheet, None)
        stream = RowStream(columns, None, RowDefaults(today=dt.date(2026, 11, 25)))
        found = [(o[0], o[1], o[3]) if o[0] == REJECTED else o for o in stream.outcomes(sheet.rows)]
        return number, columns.headers, columns.ignored, found

    calamine, streamed = outcomes(relative), outcomes(absolute)
    assert streamed == calamine
    assert calamine[0] == 2
    assert [o[0] for o in calamine[3]] == [CASE, CASE, BLANK, CASE, REJECTED]


def test_the_errors_file_is_written_in_the_format_errors_suffixes_names(tmp_path, monkeypatch):
    """`write_rejected` takes the format from ERRORS_SUFFIXES (what `--errors` accepts), the
    input's format for any other name: one list, not a second spelling of it."""
    from mediate.intake import writers
    from mediate.intake.readers import Sheet

    sheet = Sheet(path=tmp_path / "in.xlsx", format="xlsx", rows=iter([]))
    monkeypatch.setitem(writers.ERRORS_SUFFIXES, ".tsv", "csv")
    writers.write_rejected(tmp_path / "out.tsv", sheet, ["a"], [(2, ["x"], "why")])
    assert (tmp_path / "out.tsv").read_bytes().startswith(b"\xef\xbb\xbfa,")
    writers.write_rejected(tmp_path / "out.xlsx", sheet, ["a"], [(2, ["x"], "why")])
    assert (tmp_path / "out.xlsx").read_bytes().startswith(b"PK")
    writers.write_rejected(tmp_path / "out.dat", sheet, ["a"], [(2, ["x"], "why")])
    assert (tmp_path / "out.dat").read_bytes().startswith(b"PK")


def test_a_member_zipfile_refuses_after_calamine_read_the_sheet_is_a_file_error(
    tmp_path, monkeypatch
):
    """Found by the import fuzz test: a damaged member calamine read whole, zipfile then
    refused when the formulas were looked for (BadZipFile, exit 3). It says the file
    cannot be read, as calamine's own errors do."""
    import zipfile

    from mediate.errors import ValidationError as Refused
    from mediate.intake import formulas, readers
    from tests.workbooks import sheet, workbook_bytes

    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook_bytes(sheet('<row r="1"><c r="A1"><v>1</v></c></row>')))

    def damaged(*args: object) -> None:
        raise zipfile.BadZipFile("Bad magic number for file header")

    monkeypatch.setattr(formulas, "of_sheet", damaged)
    monkeypatch.setattr(readers, "SLICED_SUFFIXES", ())  # read whole, then the formulas
    with pytest.raises(Refused, match="Bad magic number"):
        readers.open_sheet(path)


def test_a_gbk_or_missing_mapping_file_is_a_located_error_in_chinese(tmp_path, monkeypatch):
    """--mapping reads its YAML as every YAML file is read (safeyaml.read_text): a file
    saved in GBK is named at its first byte that is not UTF-8, a missing one by the
    system's reason, both in Chinese under MEDIATE_LANG=zh."""
    from mediate.i18n import in_language

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    path = tmp_path / "m.yaml"
    path.write_bytes("当事人: applicant\n对方: respondent\n".encode("gbk"))
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        load_mapping(path)
    assert str(caught.value) == f"{path}:1:1：文件不是 UTF-8 文本"
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        load_mapping(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}：没有这个文件或目录"
