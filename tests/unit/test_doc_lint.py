"""`doc lint` finds what breaks a clerk's edited template."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from mediate.documents.lint import lint_path


def _template(path, paragraphs, east_asian=True):
    """Each paragraph is a list of run texts."""
    document = docx.Document()
    for runs in paragraphs:
        para = document.add_paragraph()
        for text in runs:
            run = para.add_run(text)
            if east_asian:
                run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    if not east_asian:  # nor any style or the document defaults
        for fonts in document.styles.element.iter(qn("w:rFonts")):
            for attr in ("w:eastAsia", "w:eastAsiaTheme"):
                fonts.attrib.pop(qn(attr), None)
    document.save(str(path))
    return path


def codes(issues):
    return [(i.code, i.where) for i in issues]


def test_a_clean_template_has_no_issues(tmp_path):
    path = _template(tmp_path / "ok.docx", [["申请人：{{ applicants[0].name }}，{{ case.cause }}"]])
    assert lint_path(path) == []


def test_a_tag_split_across_runs_is_found_with_its_paragraph(tmp_path):
    path = _template(tmp_path / "split.docx", [["标题"], ["案由：{{ case.", "cause }}"]])
    issues = lint_path(path)
    assert codes(issues) == [("split-tag", "document paragraph 2")]
    assert "{{ case.cause }}" in issues[0].message
    assert "2 Word runs" in issues[0].message


def test_a_jinja_syntax_error_is_found_with_the_text_near_it(tmp_path):
    path = _template(tmp_path / "bad.docx", [["{% if case.amount %}金额"], ["结尾"]])
    issues = lint_path(path)
    assert [i.code for i in issues] == ["syntax"]
    assert "Jinja syntax error" in issues[0].message


def test_undocumented_variables_and_fields_are_found(tmp_path):
    path = _template(
        tmp_path / "vars.docx",
        [
            ["{{ casee.cause }}{{ case.colour }}"],
            ["{%p for p in parties %}"],
            ["{{ p.name }}{{ p.shoe_size }}"],
            ["{%p endfor %}"],
        ],
    )
    issues = lint_path(path)
    assert sorted(codes(issues)) == [
        ("unknown-variable", "case.colour"),
        ("unknown-variable", "casee"),
        ("unknown-variable", "p.shoe_size"),
    ]


def test_runs_without_an_east_asian_font_are_warnings(tmp_path):
    path = _template(tmp_path / "font.docx", [["{{ case.cause }}"]], east_asian=False)
    issues = lint_path(path)
    assert codes(issues) == [("east-asian-font", "document paragraph 1")]
    assert not issues[0].error


def test_a_run_may_take_its_east_asian_font_from_the_document_defaults(tmp_path):
    document = docx.Document()
    document.add_paragraph("{{ case.cause }}")  # python-docx's defaults name minorEastAsia
    document.save(str(tmp_path / "styled.docx"))
    assert lint_path(tmp_path / "styled.docx") == []


def test_lint_over_a_directory_reports_every_file_and_exits_1_on_errors(cli, tmp_path):
    _template(tmp_path / "a.docx", [["{{ nope }}"]])
    _template(tmp_path / "b.docx", [["{{ case.cause }}"]])
    (tmp_path / "c.docx").write_text("not a zip")
    result = cli(["doc", "lint", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.docx: nope:" in result.stderr
    assert (
        "c.docx: -: template " in result.stderr and "c.docx: not a Word document" in result.stderr
    )
    assert "b.docx" not in result.stderr
    assert "2 errors in the templates." in result.stderr


def test_doc_templates_lists_every_kind_with_its_variables(cli):
    import json

    result = cli(["--json", "doc", "templates"])
    assert result.exit_code == 0, result.output
    data = {row["kind"]: row for row in json.loads(result.stdout)}
    assert list(data) == [
        "application",
        "agreement",
        "termination",
        "service_address",
        "credit_notice",
        "court_report",
        "return_letter",
        "registration",
        "notice",
    ]
    assert data["application"]["title"] == "司法确认申请书"
    assert {"session.when", "summoned", "wording.absence_clause"} <= set(
        data["notice"]["variables"]
    )
    assert "confirmation.court" in data["application"]["required"]
    assert {"parties", "court", "org.name", "outcome.decided_on"} <= set(
        data["application"]["variables"]
    )
    assert data["credit_notice"]["overridden"] is False


def test_underscore_attributes_and_unsafe_globals_are_flagged_however_written(tmp_path):
    path = _template(
        tmp_path / "escape.docx",
        [
            ["{{ case.cause.__class__ }}"],
            ["{{ case['__init__'] }}"],
            ["{{ case|attr('__dict__') }}"],
            ["{{ lipsum.__globals__ }}"],
            ["{{ joiner() }}{{ case.cause.mro }}"],
        ],
    )
    unsafe = sorted(where for code, where in codes(lint_path(path)) if code == "unsafe")
    assert unsafe == sorted(
        [".__class__", "['__init__']", "|attr", ".__globals__", "lipsum", "joiner", ".mro"]
    )


def test_the_documented_globals_are_not_flagged_as_unsafe(tmp_path):
    path = _template(
        tmp_path / "ok.docx",
        [["{% for p in applicants %}{{ loop.index|cn_num }}{{ p.name }}{% endfor %}"]],
    )
    assert [i for i in lint_path(path) if i.code == "unsafe"] == []
