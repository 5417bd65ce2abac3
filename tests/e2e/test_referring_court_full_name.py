"""A court's name on a paper that goes to court is its full official name.

民事诉讼法 (2023) art. 205(1): a confirmation application goes "向作出邀请的人民法院"; 特邀调解
规定 (法释〔2016〕14号) art. 21 (as the project reads it, docs and confirmation.po): a failed
delegated case goes back to the referring court with a 退回函. Since the audit of 2026-12
a referral that writes the court short (解放区人民法院, 解放区法院) is recognised by the
network's own courts; intake now stores the full name, 焦作市解放区人民法院, and tells the
clerk. A case stored short before keeps its text, and its papers name the court in full.
The suite's clock stands at 2026-12-01 09:30 China time."""

from __future__ import annotations

import json

import docx
import pytest

from tests.conftest import invoke

FULL = "焦作市解放区人民法院"
HEADER = "案由,标的额,来源,委派法院,收案日期,申请人,申请人证件号,被申请人,被申请人证件号"


def run(db, *args):
    result = invoke([*db, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def db(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    return db


def _sheet(tmp_path, court: str):
    sheet = tmp_path / "referrals.csv"
    parties = "黄勇,410802196507081234,周杰,410811197509212542"
    row = f"民间借贷纠纷,15000,委派,{court},2026-11-30,{parties}"
    sheet.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    return sheet


def _import(db, tmp_path, court: str, *extra: str) -> dict:
    return run(db, "import", str(_sheet(tmp_path, court)), *extra)


def _new_case(db, court: str, env=None):
    args = ["--cause", "民间借贷纠纷", "--source", "委派", "--court", court]
    parties = ["--applicant", "黄勇", "--respondent", "周杰"]
    return invoke(
        [*db, "case", "new", *args, "--received", "2026-11-30", *parties, "--yes"], env=env
    )


def _stored_court(db, case: str) -> str:
    return run(db, "case", "show", case)["referring_court"]


def _return_letter(db, tmp_path, case: str) -> str:
    body = run(db, "case", "show", case)["org"]["id"]
    assert invoke([*db, "mediator", "add", "--org", body, "--name", "赵敏"]).exit_code == 0
    assert invoke([*db, "case", "assign", case]).exit_code == 0
    failed = invoke([*db, "outcome", case, "failed", "--reason", "被申请人拒不到场", "--yes"])
    assert failed.exit_code == 0, failed.output
    out = tmp_path / "papers"
    rendered = invoke([*db, "doc", "render", "return_letter", case, "-o", str(out)])
    assert rendered.exit_code == 0, rendered.output
    (paper,) = out.glob("*.docx")
    document = docx.Document(str(paper))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


def _names_the_court_in_full_only(text: str) -> bool:
    return (
        FULL in text
        and "解放区法院" not in text
        and text.count("解放区人民法院") == text.count(FULL)
    )


@pytest.mark.parametrize("written", ["解放区人民法院", "解放区法院"])
def test_an_imported_referring_court_written_short_is_stored_and_sent_back_by_its_full_name(
    db, tmp_path, written
):
    """CPL art. 205(1), 特邀调解规定 art. 21: the import row's 解放区法院 is stored as
    焦作市解放区人民法院, the report says so, and the 退回函 names the court in full."""
    report = _import(db, tmp_path, written)
    assert report["imported"] == 1
    (warning,) = [w for w in report["warnings"] if FULL in w["message"]]
    assert warning["row"] == 2 and warning["field"] == "委派法院" and written in warning["message"]
    assert _stored_court(db, "1") == FULL
    assert _names_the_court_in_full_only(_return_letter(db, tmp_path, "1"))
    handback = invoke([*db, "confirm", "handback", "1", "--on", "2026-12-01"])
    assert handback.exit_code == 0, handback.output
    history = run(db, "case", "history", "1")
    assert [e["after"]["court"] for e in history if e["action"] == "handback"] == [FULL]


def test_the_court_option_of_import_is_completed_too_and_told_once(db, tmp_path):
    report = _import(db, tmp_path, "", "--court", "解放区法院")
    (warning,) = [w for w in report["warnings"] if FULL in w["message"]]
    assert warning["field"] == "--court"
    assert _stored_court(db, "1") == FULL


def test_a_referring_court_no_network_court_bears_is_kept_as_written(db, tmp_path):
    report = _import(db, tmp_path, "郑州市中原区人民法院")
    assert report["imported"] == 1
    assert not [
        w for w in report["warnings"] if "全称" in w["message"] or "full name" in w["message"]
    ]
    assert _stored_court(db, "1") == "郑州市中原区人民法院"


def test_case_new_and_case_edit_store_a_short_referring_court_by_its_full_name(db, tmp_path):
    """CPL art. 205(1): what the clerk types is completed like an import row, and said."""
    added = _new_case(db, "解放区法院")
    assert added.exit_code == 0, added.output
    assert FULL in added.output
    assert _stored_court(db, "1") == FULL
    assert (
        invoke([*db, "case", "edit", "1", "--set", "referring_court=温县人民法院"]).exit_code == 0
    )
    edited = invoke([*db, "case", "edit", "1", "--set", "referring_court=解放区人民法院"])
    assert edited.exit_code == 0, edited.output
    assert FULL in edited.output
    assert _stored_court(db, "1") == FULL


@pytest.mark.parametrize("written", ["焦作中院", "焦作市中院", "焦作市中级法院"])
def test_case_new_stores_the_intermediate_court_written_zhongyuan_by_its_full_name(db, written):
    """CPL art. 205(1) and the project's full-name rule (services/courts.py): 焦作中院 (the
    review of 2026-12-02 found "此致 焦作中院" on a confirmation paper) is the one court
    焦作市中级人民法院; 中院 for 中级人民法院 is derived from the network's courts."""
    added = _new_case(db, written)
    assert added.exit_code == 0, added.output
    assert _stored_court(db, "1") == "焦作市中级人民法院"


def test_a_case_stored_short_before_names_its_court_in_full_on_its_return_letter(
    db, tmp_path, sqlite_db
):
    """No data migration: a case stored with 解放区法院 before intake completed names keeps
    its text, and its 退回函 names the court in full when drawn (特邀调解规定 art. 21)."""
    from sqlalchemy import create_engine, text

    _import(db, tmp_path, "解放区法院")
    engine = create_engine(sqlite_db.url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE cases SET referring_court = '解放区法院' WHERE id = 1"))
    engine.dispose()
    assert _stored_court(db, "1") == "解放区法院"
    assert _names_the_court_in_full_only(_return_letter(db, tmp_path, "1"))


UNKNOWN = "不在本市调解网络的法院名单中"


def test_an_import_row_naming_no_known_court_is_imported_with_a_row_warning(db, tmp_path):
    """A typo in 委派法院 is pointed out at its row; the row stays (a court outside the
    city may refer a case, so this is no rejection)."""
    with_lang = invoke(
        ["--db", db[1], "--json", "import", str(_sheet(tmp_path, "火星人民法院"))],
        env={"MEDIATE_LANG": "zh"},
    )
    assert with_lang.exit_code == 0, with_lang.output
    report = json.loads(with_lang.stdout)
    assert report["imported"] == 1
    (warning,) = [w for w in report["warnings"] if UNKNOWN in w["message"]]
    assert (warning["row"], warning["field"]) == (2, "委派法院")
    assert "火星人民法院" in warning["message"]


def test_case_new_and_case_edit_warn_about_a_court_no_one_knows(db):
    zh = {"MEDIATE_LANG": "zh"}
    added = _new_case(db, "不存在法院", zh)
    assert added.exit_code == 0, added.output
    assert UNKNOWN in "".join(added.stderr.split())
    edited = invoke([*db, "case", "edit", "1", "--set", "委派法院=火星人民法院", "--yes"], env=zh)
    assert edited.exit_code == 0, edited.output
    assert UNKNOWN in "".join(edited.stderr.split())
    known = invoke([*db, "case", "edit", "1", "--set", "委派法院=温县人民法院", "--yes"], env=zh)
    assert known.exit_code == 0 and UNKNOWN not in "".join(known.stderr.split())


def test_a_date_received_decades_ago_is_refused_by_case_new_edit_and_import(db, tmp_path):
    """clock.RECEIVED_YEARS_BACK: one rule for every way a case comes in (exit 2, a row
    error in an import)."""
    zh = {"MEDIATE_LANG": "zh"}
    args = ["--cause", "民间借贷纠纷", "--applicant", "黄勇", "--respondent", "周杰", "--yes"]
    old = invoke([*db, "case", "new", *args, "--received", "1900-01-01"], env=zh)
    assert old.exit_code == 2, old.output
    assert "1900-01-01 早于今天 10 年以上" in old.stderr
    assert invoke([*db, "case", "new", *args, "--received", "2026-11-30"]).exit_code == 0
    edited = invoke([*db, "case", "edit", "1", "--set", "收案日期=1800-01-01", "--yes"], env=zh)
    assert edited.exit_code == 2, edited.output
    assert "收案日期最早为" in edited.stderr
    sheet = _sheet(tmp_path, "温县人民法院")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("2026-11-30", "1900-01-01"))
    imported = invoke([*db, "--json", "import", str(sheet)])
    report = json.loads(imported.stdout)
    assert report["imported"] == 0 and "10 years ago" in json.dumps(report), report


@pytest.mark.parametrize("command", [["case", "show"], ["case", "history"]])
def test_a_case_id_typed_with_full_width_digits_is_the_case(db, command):
    """`doc render agreement ２３` took full-width digits while `case show ２３` refused
    them: the one case-reference parser (services.cases.resolve_case) normalises (NFKC)."""
    args = ["--cause", "民间借贷纠纷", "--applicant", "黄勇", "--respondent", "周杰", "--yes"]
    assert invoke([*db, "case", "new", *args]).exit_code == 0
    shown = invoke([*db, *command, "１"], env={"MEDIATE_LANG": "zh"})
    assert shown.exit_code == 0, shown.output


def test_case_edit_takes_full_width_digits_and_a_bad_reference_is_named_in_chinese(db):
    args = ["--cause", "民间借贷纠纷", "--applicant", "黄勇", "--respondent", "周杰", "--yes"]
    assert invoke([*db, "case", "new", *args]).exit_code == 0
    zh = {"MEDIATE_LANG": "zh"}
    edited = invoke([*db, "case", "edit", "１", "--set", "标的额=5000", "--yes"], env=zh)
    assert edited.exit_code == 0, edited.output
    assert run(db, "case", "show", "1")["amount"] in ("5000", "5000.00", 5000)
    bad = invoke([*db, "case", "show", "abc"], env=zh)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("✗ 编号：“abc”既不是案件编号，也不是案号。"), bad.stderr


def test_rule_special_invitation_entrusted_case_shows_its_court_as_the_entrusting_court(db):
    """Review of 2026-12-03: `case show` labelled the court of a 委托 case 委派法院. A court
    entrusts (委托) a filed case and delegates (委派) one before filing (特邀调解规定;
    DOMAIN.md §3): the heading follows the source, and `case edit --set` takes both."""
    zh = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
    args = [
        "--cause",
        "民间借贷纠纷",
        "--court",
        "焦作市解放区人民法院",
        "--received",
        "2026-11-30",
    ]
    parties = ["--applicant", "黄勇", "--respondent", "周杰", "--yes"]
    made = invoke([*db, "case", "new", *args, "--source", "委托", *parties], env=zh)
    assert made.exit_code == 0, made.output
    assert invoke([*db, "case", "new", *args, "--source", "委派", *parties]).exit_code == 0
    entrusted = invoke([*db, "case", "show", "1"], env=zh).stdout
    assert "委托法院" in entrusted and "委派法院" not in entrusted, entrusted
    delegated = invoke([*db, "case", "show", "2"], env=zh).stdout
    assert "委派法院" in delegated and "委托法院" not in delegated, delegated
