"""`mediate doc` after the review of 2026-12-03: case numbers, template files, bounded
templates, notice dates, the reasons a batch skips cases."""

from __future__ import annotations

import json
import zipfile

import docx
import pytest

from mediate.resources import data_dir
from tests.conftest import invoke, squash
from tests.e2e import test_sessions_cli as sessions

room = sessions.case  # the fixture: a case at a village room, its mediator assigned


@pytest.fixture
def desk(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    added = invoke(
        [*db, "case", "add", "--file", str(data_dir() / "samples/disputes/traffic.yaml")]
    )
    assert added.exit_code == 0, added.output
    return db


@pytest.mark.parametrize("ref", ["（2026）豫0823民初1502号", "(2026)豫0823民初1502号", "1"])
def test_doc_render_takes_a_case_number_where_it_takes_a_case_id(desk, tmp_path, ref):
    result = invoke([*desk, "--json", "doc", "render", "registration", ref, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["case"] == 1


def test_doc_render_names_an_unknown_case_number_and_refuses_what_is_neither(desk, tmp_path):
    unknown = invoke([*desk, "doc", "render", "registration", "（2026）豫0823民初9号"])
    assert unknown.exit_code == 1 and "（2026）豫0823民初9号" in unknown.stderr
    neither = invoke([*desk, "doc", "render", "registration", "xyz", "-o", str(tmp_path)])
    assert neither.exit_code == 2, neither.output
    assert squash("neither a case id nor a case number") in squash(neither.stderr)


def test_doc_batch_says_why_it_skipped_cases_once_per_reason_with_their_count(desk, tmp_path):
    labour = str(data_dir() / "samples/disputes/labour.yaml")
    assert invoke([*desk, "case", "add", "--file", labour]).exit_code == 0
    result = invoke([*desk, "doc", "batch", "application", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    said = squash(result.stderr)
    assert said.count(squash("Skipped 2 cases (1, 2): ")) == 1, result.stderr
    reasons = json.loads(
        invoke([*desk, "--json", "doc", "batch", "application", "-o", str(tmp_path)]).stdout
    )["skipped"]
    assert {r["reason"] for r in reasons} == {reasons[0]["reason"]}
    assert squash(reasons[0]["reason"]) in said


def test_doc_batch_names_the_one_case_a_reason_skipped(desk, tmp_path):
    result = invoke([*desk, "doc", "batch", "application", "-o", str(tmp_path)])
    assert squash("Skipped case 1: ") in squash(result.stderr), result.stderr


def _empty(path):
    path.write_bytes(b"")


def _no_document_xml(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")


@pytest.mark.parametrize(
    ("kind", "make", "why"),
    [
        ("registration", _empty, "File is not a zip file"),
        ("registration", _no_document_xml, "it has no word/document.xml"),
    ],
)
def test_every_command_that_opens_a_custom_template_names_a_broken_one_alike(
    desk, tmp_path, kind, make, why
):
    """Review of 2026-12-03: an empty application.docx made `doc templates` exit 3."""
    templates = tmp_path / "templates"
    templates.mkdir()
    make(templates / f"{kind}.docx")
    env = {"MEDIATE_TEMPLATES": str(templates)}
    message = squash(f"template {templates / kind}.docx: not a Word document")
    for args in (
        ["doc", "templates"],
        ["doc", "render", kind, "1", "-o", str(tmp_path)],
        ["doc", "batch", kind, "-o", str(tmp_path)],
        ["doc", "lint", str(templates)],
    ):
        result = invoke([*desk, *args], env=env)
        assert result.exit_code == 1, (args, result.output)
        assert message in squash(result.stderr) and squash(why) in squash(result.stderr), args


HANG = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
NESTED = "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}"


def _one_paragraph(path, text):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


@pytest.mark.parametrize("text", [HANG, NESTED, "{{ 'x' * 100000000 }}"])
def test_a_template_that_would_run_for_ever_is_stopped_by_its_budget(desk, tmp_path, text):
    """Review of 2026-12-03: nested range(100000) loops hung `doc render`; the sandbox
    bounds each range (MAX_RANGE), all loop iterations (LOOP_BUDGET) and what * builds."""
    templates = tmp_path / "templates"
    templates.mkdir()
    _one_paragraph(templates / "registration.docx", text)
    env = {"MEDIATE_TEMPLATES": str(templates)}
    result = invoke([*desk, "doc", "render", "registration", "1", "-o", str(tmp_path)], env=env)
    assert result.exit_code == 1, result.output
    assert squash("template registration.docx") in squash(result.stderr)
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize(("text", "code"), [(HANG, "unbounded"), (NESTED, "unbounded")])
def test_doc_lint_flags_loops_over_ranges_past_the_sandbox_bounds(desk, tmp_path, text, code):
    _one_paragraph(tmp_path / "registration.docx", text)
    result = invoke([*desk, "--json", "doc", "lint", str(tmp_path / "registration.docx")])
    assert result.exit_code == 1, result.output
    assert code in {issue["code"] for issue in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("{{ nope }}", "a name the document's data does not have ('nope' is undefined"),
        ("{{ case.__init__ }}", "it reaches past the document's data into Python"),
        ("{% if %}", "Jinja syntax error (Expected an expression"),
    ],
)
def test_a_template_error_names_the_file_the_paragraph_and_what_went_wrong(
    desk, tmp_path, text, what
):
    """Review of 2026-12-03 item 3: Jinja's English alone, without the paragraph."""
    templates = tmp_path / "templates"
    templates.mkdir()
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph(text)
    document.save(str(templates / "registration.docx"))
    env = {"MEDIATE_TEMPLATES": str(templates)}
    result = invoke([*desk, "doc", "render", "registration", "1", "-o", str(tmp_path)], env=env)
    assert result.exit_code == 1, result.output
    said = squash(result.stderr)
    assert squash(f"template registration.docx, the document's body paragraph 2 ({text}):") in said
    assert squash(what) in said


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2099-01-01", "the notice is dated 2099-01-01, after the session it announces"),
        ("2026-12-04", "after the session it announces (2026-12-03)"),
        ("2026-12-02", "the notice is dated 2026-12-02, which is in the future"),
    ],
)
def test_a_notice_is_dated_neither_after_its_session_nor_in_the_future(room, tmp_path, day, said):
    """Review of 2026-12-03 item 4; the application's rule (not after today) and the
    session's day (a notice announces it). The suite's clock: 2026-12-01."""
    assert (
        invoke([*room, "session", "1", "--at", "2026-12-03 09:30", "--place", "一室"]).exit_code
        == 0
    )
    result = invoke([*room, "doc", "render", "notice", "1", "--date", day, "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert squash(said) in squash(result.stderr)
    assert not list(tmp_path.glob("*.docx"))
    batch = invoke([*room, "--json", "doc", "batch", "notice", "--date", day, "-o", str(tmp_path)])
    assert squash(said) in squash(json.loads(batch.stdout)["skipped"][0]["reason"])


def test_a_notice_dated_before_its_session_is_written(room, tmp_path):
    assert (
        invoke([*room, "session", "1", "--at", "2026-12-03 09:30", "--place", "一室"]).exit_code
        == 0
    )
    args = ["doc", "render", "notice", "1", "--date", "2026-11-30", "-o", str(tmp_path)]
    assert invoke([*room, *args]).exit_code == 0
