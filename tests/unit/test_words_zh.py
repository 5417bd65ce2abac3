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
    from mediate.intake.columns import STANDARD_FIELDS, STANDARD_HEADERS
    from mediate.services.exports import CASE_COLUMNS

    template = dict(zip(STANDARD_FIELDS, STANDARD_HEADERS, strict=True))
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
