"""Case numbers of a high court or of the SPC, as intake, `case new` and `case edit` read
them (法〔2015〕137号 art. 4, unchanged by the 2018 amendment 法〔2018〕335号: the SPC's code
is 最高法, a high court's its province's 简称, 内/军/兵 for three courts). A referral's
number may be an appeal's or a retrial's, so it is read and stored in the one canonical
form (art. 3: full-width brackets). data/PROVENANCE.md, "Case-number format"."""

from __future__ import annotations

import json

import pytest

from tests.conftest import invoke

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
HEADER = "案号,案由,标的额,来源,委派法院,收案日期,申请人,申请人证件号,被申请人,被申请人证件号"


@pytest.fixture
def db(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    return db


def _shown(db, ref: str) -> dict:
    shown = invoke([*db, "--json", "case", "show", ref])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.stdout)


def _new_case(db, number: str):
    args = ["--cause", "民间借贷纠纷", "--source", "委托", "--court", "焦作市中级人民法院"]
    parties = ["--applicant", "黄勇", "--respondent", "周杰"]
    when = ["--received", "2026-11-30", "--yes"]
    return invoke([*db, "case", "new", *args, "--case-no", number, *when, *parties], env=ZH)


def test_rule_fa_2015_137_art_4_high_court_code_read_on_import(db, tmp_path):
    """A referral sheet's 案号 of a high court's appeal, typed with half-width brackets and a
    space, imports as （2024）豫民终12号, and `case show` finds the case by it."""
    sheet = tmp_path / "referrals.csv"
    parties = "黄勇,410802196507081234,周杰,410811197509212542"
    row = f"(2024) 豫民终12号,民间借贷纠纷,15000,委托,河南省高级人民法院,2026-11-30,{parties}"
    sheet.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    imported = invoke([*db, "import", str(sheet)], env=ZH)
    assert imported.exit_code == 0, imported.output  # 1 if a row was rejected
    assert _shown(db, "（2024）豫民终12号")["court_case_no"] == "（2024）豫民终12号"
    assert _shown(db, "(2024)豫民终12号")["court_case_no"] == "（2024）豫民终12号"


def test_rule_fa_2015_137_art_4_supreme_court_code_read_by_case_new(db):
    """The SPC's code 最高法 (art. 4 para. 1), in a 发文字号's 〔〕 with full-width digits."""
    added = _new_case(db, "〔２０２０〕最高法民终1316号")
    assert added.exit_code == 0, added.output
    assert _shown(db, "1")["court_case_no"] == "（2020）最高法民终1316号"


def test_rule_fa_2015_137_art_4_high_court_code_read_by_case_edit(db):
    """`case edit --set 案号=…` takes a high court's retrial number (京民再) the same way."""
    assert _new_case(db, "（2026）豫08民初5号").exit_code == 0
    edited = invoke([*db, "case", "edit", "1", "--set", "案号=【2024】京民再3号", "--yes"], env=ZH)
    assert edited.exit_code == 0, edited.output
    assert _shown(db, "1")["court_case_no"] == "（2024）京民再3号"


def test_rule_fa_2015_137_art_4_sichuan_high_court_code_read_by_case_new(db):
    """四川省高级人民法院 writes 川 ((2020)川民终1443号; data/PROVENANCE.md, "The sixth
    check"): `case new` takes its number, refused as "not a case number" before."""
    added = _new_case(db, "(2020)川民终1443号")
    assert added.exit_code == 0, added.output
    assert _shown(db, "1")["court_case_no"] == "（2020）川民终1443号"


@pytest.mark.parametrize("number", ["(2024)蜀民终1号", "(2024)民终1号"])
def test_rule_fa_2015_137_art_4_other_or_missing_court_code_refused(db, number):
    """四川's other 简称 蜀 is no court's code (its high court writes 川: art. 4 gives each
    high court one code), so it is not read; a number without a court code is none."""
    added = _new_case(db, number)
    assert added.exit_code == 2
    assert f"“{number}”不是形如" in "".join(added.output.split()), added.output


def _filed_referral(db):
    """A 委派 referral of 解放区's court, settled, its application filed there on 2026-11-10."""
    args = ["--cause", "民间借贷纠纷", "--source", "委派", "--court", "焦作市解放区人民法院"]
    parties = ["--applicant", "黄勇,证件号=410802196507081234"]
    parties += ["--respondent", "周杰,证件号=410811197509212542"]
    added = invoke([*db, "case", "new", *args, "--received", "2026-11-01", *parties, "--yes"])
    assert added.exit_code == 0, added.output
    body = _shown(db, "1")["org"]["id"]
    assert invoke([*db, "mediator", "add", "--org", body, "--name", "赵敏"]).exit_code == 0
    assert invoke([*db, "case", "assign", "1", "--on", "2026-11-02"]).exit_code == 0
    terms = ["--terms", "周杰于2026年12月31日前偿还黄勇15000元。"]
    settled = invoke([*db, "outcome", "1", "success", "--on", "2026-11-05", *terms, "--yes"])
    assert settled.exit_code == 0, settled.output
    requested = invoke([*db, "confirm", "request", "1"])
    assert requested.exit_code == 0, requested.output
    filed = invoke([*db, "confirm", "record", "1", "filed", "--on", "2026-11-10"])
    assert filed.exit_code == 0, filed.output


def test_fa_2015_137_art_5_a_referral_ruling_carries_the_inviting_courts_code(db):
    """After a referral the application goes to the inviting court (民事诉讼法 art. 205(1)):
    its ruling carries that court's code (法〔2015〕137号 art. 5), so a high court's number
    is refused, naming the code expected, and the court's own 民特 number is taken."""
    _filed_referral(db)
    ruling = ["confirmed", "--on", "2026-11-20", "--case-no", "(2026)豫民特3号"]
    ruled = invoke([*db, "confirm", "record", "1", *ruling], env=ZH)
    assert ruled.exit_code == 1, ruled.output  # well-formed, wrong for the case: data
    text = "".join(ruled.stderr.split())
    assert "--case-no" in text, text
    assert "代字是豫0802" in text and "焦作市解放区人民法院" in text, text
    ruling[-1] = "(2026)豫0802民特3号"
    assert invoke([*db, "confirm", "record", "1", *ruling], env=ZH).exit_code == 0


def test_rule_fa_2015_137_in_force_2016_old_format_refused_by_case_new(db):
    """A number of the format before 2016 (字第…号) is refused with that reason, in Chinese:
    it is no longer read as a high court's number (豫 + 民一初字第)."""
    for number in ("（2014）焦民一初字第00123号", "(2014)豫民一初字第00123号"):
        added = _new_case(db, number)
        assert added.exit_code == 2, added.output
        text = "".join(added.output.split())
        assert "2016年以前格式的案号" in text and "（2026）豫0802民初1234号" in text, text


@pytest.mark.parametrize("stored", ["（2014）豫民一初字第00123号", "（2024）豫123民初5号"])
def test_rule_fa_2015_137_a_stored_number_the_check_refuses_is_shown_as_it_is(db, stored):
    """A number stored before the checks of art. 5 (two or four digits) and of the 2016
    format: `case show` by id and by that number, `case list` and the export show it raw."""
    import sqlite3

    assert _new_case(db, "（2026）豫0802民初5号").exit_code == 0
    path = db[1].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE cases SET court_case_no = ? WHERE id = 1", (stored,))
    assert _shown(db, "1")["court_case_no"] == stored
    assert _shown(db, stored)["court_case_no"] == stored
    for command in (["case", "show", stored], ["case", "list"]):
        shown = invoke([*db, *command], env=ZH)
        assert shown.exit_code == 0, shown.output
        assert stored in "".join(shown.stdout.split()), shown.stdout
    missing = invoke([*db, "case", "show", "（2014）豫民一初字第9号"], env=ZH)
    assert missing.exit_code == 2, missing.output


def _stored_three_digit_number(db) -> str:
    """Case 1 under a number stored before art. 5's check (a three-digit court code)."""
    import sqlite3

    stored = "（2024）豫123民初5号"
    assert _new_case(db, "（2026）豫0802民初5号").exit_code == 0
    with sqlite3.connect(db[1].removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE cases SET court_case_no = ? WHERE id = 1", (stored,))
    return stored


def test_rule_fa_2015_137_art_5_a_stored_refused_number_does_not_block_other_edits(db):
    """Only a new or changed number is checked: the stored one, kept or typed again, lets
    the source be edited; the source is still judged with it (a 民初 number is 委托's)."""
    stored = _stored_three_digit_number(db)
    edited = invoke([*db, "case", "edit", "1", "--set", "来源=自行受理", "--yes"], env=ZH)
    assert edited.exit_code == 0, edited.output
    again = ["--set", f"案号={stored.replace('（', '(').replace('）', ')')}", "--set", "来源=信访"]
    edited = invoke([*db, "case", "edit", "1", *again, "--yes"], env=ZH)
    assert edited.exit_code == 0, edited.output
    shown = _shown(db, "1")
    assert (shown["court_case_no"], shown["source"]) == (stored, "petition")
    refused = invoke([*db, "case", "edit", "1", "--set", "来源=委派", "--yes"], env=ZH)
    assert refused.exit_code == 2, refused.output
    assert "委托" in refused.output and stored in "".join(refused.output.split())
    new_number = ["--set", "案号=(2024)豫123民初6号", "--yes"]
    changed = invoke([*db, "case", "edit", "1", *new_number], env=ZH)
    assert changed.exit_code == 2, changed.output  # a new number is checked


def test_rule_fa_2015_137_art_5_import_update_finds_a_stored_refused_number(db, tmp_path):
    """A row re-sent under the stored number is that case (filled in), not a rejection."""
    stored = _stored_three_digit_number(db)
    sheet = tmp_path / "resent.csv"
    row = f"{stored},民间借贷纠纷,15000,委托,焦作市中级人民法院,2026-11-30,黄勇,,周杰,"
    sheet.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    imported = invoke([*db, "--json", "import", str(sheet), "--update"], env=ZH)
    assert imported.exit_code == 0, imported.output
    report = json.loads(imported.stdout)
    assert (report["imported"], report["rejected"], report["updated"]) == (0, 0, 1), report
    assert _shown(db, "1")["amount"] == "15000.00"
