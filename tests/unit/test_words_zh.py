"""Every word history, exports and `case show` print in Chinese is Chinese, and one field
has one label wherever it is shown (case show, history, exports, import template)."""

import re

from mediate.domain import events, fields
from mediate.i18n import in_language, pgettext

_CODE = re.compile(r"[A-Za-z_]{2,}")


def test_a_partys_field_path_and_the_tags_read_in_chinese():
    with in_language("zh_CN"):
        text = events.describe({"parties[2].phone": "138****0001", "tags": ["a", "b"]})
    assert text == "当事人2 电话：138****0001；标签：a、b"


def test_a_performance_report_reads_in_chinese_with_the_amount_paid():
    with in_language("zh_CN"):
        text = events.describe(
            {"kind": "partial", "on": "2026-11-30", "amount": "500.00", "by": "张三"},
            action="performance_partial",
        )
    assert "部分履行" in text and "履行金额：500.00" in text
    assert not _CODE.search(text)


def test_one_field_has_one_chinese_label_in_show_history_exports_and_template():
    from mediate.intake.columns import TEMPLATE_FIELDS, TEMPLATE_HEADERS
    from mediate.services.exports import CASE_COLUMNS

    template = dict(zip(TEMPLATE_FIELDS, TEMPLATE_HEADERS, strict=True))
    template["court_case_no"] = template.pop("case_no")
    with in_language("zh_CN"):
        shown, edit = fields.shown_labels(), fields.field_labels()
        for key in CASE_COLUMNS:
            labels = {events.column_header(key)}
            labels |= set() if key in ("org_id", "mediator_id") else {events.field_label(key)}
            labels |= {table[key] for table in (shown, edit, template) if key in table}
            assert len(labels) == 1, (key, labels)
        assert shown["facts"] == events.field_label("facts") == template["facts"] == "案情简介"
        assert pgettext("party", "No.") == "序号"


def test_a_label_s_head_before_its_bracket_is_accepted_back():
    from mediate.domain.vocabulary import SOURCE

    with in_language("zh_CN"):
        assert SOURCE.label("court_delegated") == "法院委派（立案前）"
    assert SOURCE.parse("法院委派") == "court_delegated"
    assert SOURCE.parse("法院委托") == "court_entrusted"


def test_a_body_or_a_mediator_as_printed_is_taken_back():
    assert events.split_named("刘明（13）") == ("刘明", "13")
    assert events.split_named("刘明 (13)") == ("刘明", "13")
    assert events.split_named("焦作市金融纠纷调解委员会（jz-410800-finance）") == (
        "焦作市金融纠纷调解委员会",
        "jz-410800-finance",
    )
    assert events.split_named("刘明") is None


def test_mediate_accepts_back_a_mediator_and_a_body_as_history_prints_them(cli, tmp_path):
    import sqlite3

    directory = tmp_path / "demo"
    assert cli(["demo", "--dir", str(directory)]).exit_code == 0
    db = str(directory / "mediate.db")
    with sqlite3.connect(db) as con:
        case, org, number, name = con.execute(
            "SELECT cases.id, cases.org_id, mediators.id, mediators.name FROM cases "
            "JOIN mediators ON mediators.id = cases.mediator_id ORDER BY cases.id LIMIT 1"
        ).fetchone()
        org_name = con.execute("SELECT name FROM orgs WHERE id = ?", (org,)).fetchone()[0]
    zh = {"MEDIATE_LANG": "zh"}
    for named in (f"{name}（{number}）", f"{name}({number})"):
        listed = cli(["--db", db, "case", "list", "--mediator", named, "--json"], env=zh)
        assert listed.exit_code == 0 and f'"id": {case}' in listed.stdout, listed.stdout
    listed = cli(["--db", db, "mediator", "list", "--org", f"{org_name}（{org}）"], env=zh)
    assert listed.exit_code == 0 and name in listed.stdout, listed.output
    wrong = cli(["--db", db, "case", "list", "--source", "法院委派"], env=zh)
    assert wrong.exit_code == 0, wrong.output


def test_a_period_is_shown_in_chinese_and_as_written_in_english():
    from mediate.reports.periods import parse_period

    shown = {}
    for text in ("2026年上半年", "2026H2", "2026Q1", "2026年11月", "2026"):
        with in_language("zh_CN"):
            shown[text] = parse_period(text).shown()
    assert list(shown.values()) == [
        "2026年上半年",
        "2026年下半年",
        "2026年第一季度",
        "2026年11月",
        "2026年",
    ]
    with in_language("en"):
        assert parse_period("2026年上半年").shown() == "2026H1"
        assert parse_period("2026-03").shown() == "2026-03"


def test_an_unknown_document_kind_lists_the_titles_first_in_chinese():
    import pytest

    from mediate.documents.kinds import kind_named
    from mediate.errors import BadOptionValue

    with in_language("zh_CN"), pytest.raises(BadOptionValue) as caught:
        kind_named("xx")
    message = str(caught.value)
    assert "司法确认申请书（application）、人民调解协议书（agreement）" in message
    assert ", " not in message


def test_the_next_statuses_are_listed_with_the_chinese_separator():
    import pytest

    from mediate.domain.status import check_transition
    from mediate.errors import TransitionError

    with in_language("zh_CN"), pytest.raises(TransitionError) as caught:
        check_transition("registered", "settled", 1)
    text = str(caught.value)
    assert ", " not in text and "、" in text


def test_case_edit_shows_values_and_a_partys_field_in_chinese(cli, tmp_path):
    directory = tmp_path / "demo"
    assert cli(["demo", "--dir", str(directory)]).exit_code == 0
    db, zh = str(directory / "mediate.db"), {"MEDIATE_LANG": "zh"}
    edited = cli(["--db", db, "case", "edit", "8", "--set", "适用程序=简易程序"], env=zh)
    assert edited.exit_code == 0 and "简易程序" in edited.stdout, edited.output
    assert "summary" not in edited.stdout
    bad = cli(["--db", db, "case", "edit", "8", "--party", "2", "--set", "证件号码=123"], env=zh)
    assert bad.exit_code != 0 and "第2个当事人的证件号码" in bad.output, bad.output
    assert "id_number" not in bad.output


def test_history_names_a_field_import_update_recorded_by_the_partys_name_in_words():
    """`import --update` records a party's change under its name (services/reimport:
    `李四.address`): history printed that code, 李四.address：…; it reads 李四的住所."""
    with in_language("zh_CN"):
        assert (
            events.field_label("焦作市解放区老钱烧烤店.address") == "焦作市解放区老钱烧烤店的住所"
        )
        assert events.describe({"李四.phone": "13800000000"}) == "李四的电话：13800000000"
        assert events.field_label("a.b") == "a.b"  # no party's field: as stored
