"""`mediate case dossier` and `mediate export dossiers` through the real CLI (issue 20 item 3).

人民调解法 art. 27: 人民调解员应当记录调解情况。人民调解委员会应当建立调解工作档案，将调解登记、
调解工作记录、调解协议书等材料立卷归档. The suite's clock stands at 2026-12-01 09:30 China time."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from pathlib import Path

import docx
import pytest

from mediate.resources import data_dir
from tests.conftest import invoke, squash

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
VILLAGE_ROOM = "jz-410802009901-village-room"  # where the sample neighbour dispute goes


def run(db, *args):
    result = invoke([*db, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def add_case(db, mediator=True):
    sample = data_dir() / "samples/disputes/neighbour.yaml"
    case_id = run(db, "case", "add", "--file", str(sample))["id"]
    if mediator:
        assert invoke([*db, "case", "assign", str(case_id), "--mediator", "1"]).exit_code == 0
    return str(case_id)


@pytest.fixture
def db(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    added = invoke([*db, "mediator", "add", "--org", VILLAGE_ROOM, "--name", "李调解"])
    assert added.exit_code == 0
    return db


def settled_and_performed(db, tmp_path) -> str:
    """Registration, a scheduled session (its notice issued) held with its record,
    settlement with the agreement issued, a partial and then full performance, a return
    visit."""
    case = add_case(db)
    # held this morning (the clock stands at 09:30): a session is recorded once it began
    run(db, "session", case, "--at", "2026-12-01 09:00", "--place", "第一调解室", "--held")
    notice_args = ["notice", case, "--session", "1"]
    notice = invoke([*db, "doc", "render", *notice_args, "-o", str(tmp_path / "docs")])
    assert notice.exit_code == 0, notice.output
    record = tmp_path / "笔录.txt"
    record.write_text("调解员：双方是否同意调解？\n申请人：同意。", encoding="utf-8")
    attended = ["--attended", "1", "--attended", "2"]
    run(db, "session", "record", "1", *attended, "--notes", "双方同意赔偿", "--file", str(record))
    settled = invoke(
        [
            *db,
            "outcome",
            case,
            "settled",
            "--terms",
            "刘洋赔偿王芳5000元",
            "--amount",
            "5000",
            "--perform-by",
            "2026-12-20",
            "--yes",
        ]
    )
    assert settled.exit_code == 0, settled.output
    assert (
        invoke([*db, "doc", "render", "agreement", case, "-o", str(tmp_path / "docs")]).exit_code
        == 0
    )
    run(db, "performance", case, "partial", "--amount", "2000", "--note", "第一笔")
    run(db, "performance", case, "partial", "--amount", "3000")
    run(db, "visit", case, "--note", "电话回访，已全部付清")
    return case


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_rows(path: Path) -> list[list[str]]:
    (table,) = docx.Document(str(path)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_issue_20_check_a_settled_and_performed_case_yields_a_dossier_with_the_agreement(
    db, tmp_path
):
    case = settled_and_performed(db, tmp_path)
    out = tmp_path / "archive"
    made = run(db, "case", "dossier", case, "-o", str(out), "--retention", "永久")
    dossier = Path(made["dossier"])
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    kinds = [d["kind"] for d in manifest["documents"]]
    assert "agreement" in kinds
    # 卷内目录: a header row, then every paper of the dossier in the manifest's order
    rows = table_rows(dossier)
    assert rows[0][:2] == ["序号", "文件题名"]
    in_dossier = [d for d in manifest["documents"] if d["source"] != "attached"]
    assert [r[1] for r in rows[1:]] == [d["title"] for d in in_dossier]
    text = "\n".join(p.text for p in docx.Document(str(dossier)).paragraphs)
    assert "卷内目录" in text and "保管期限：永久" in text
    assert manifest["dossier"]["sha256"] == sha(dossier) == made["sha256"]


def test_peoples_mediation_law_art_27_the_dossier_holds_registration_records_and_agreement_in_order(
    db, tmp_path
):
    case = settled_and_performed(db, tmp_path)
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"))
    root = Path(made["directory"])
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    documents = manifest["documents"]
    assert [d["kind"] for d in documents] == [
        "registration",
        "notice",
        "session_record",
        "session_record_file",
        "agreement",
        "performance",
    ]
    sources = [d["source"] for d in documents]
    assert sources == ["rendered", "issued", "record", "attached", "issued", "record"]
    assert documents[4]["title"] == "人民调解协议书"
    for entry in documents:  # every file is there with the hash the manifest gives
        assert sha(root / entry["file"]) == entry["sha256"]
    assert documents[3]["sha256"] == sha(tmp_path / "笔录.txt")
    text = "\n".join(p.text for p in docx.Document(made["dossier"]).paragraphs)
    order = [
        text.index(t)
        for t in (
            "卷内目录",
            "调解通知书",
            "调解笔录",
            "双方同意赔偿",
            "人民调解协议书",
            "协议履行情况及回访记录",
            "部分履行，金额人民币2,000.00元",
        )
    ]
    assert order == sorted(order)
    assert "电话回访，已全部付清" in text
    history = [e["action"] for e in run(db, "case", "history", case)]
    assert history[-1] == "dossier"


def test_without_a_pdf_the_contents_page_numbers_are_word_fields_to_each_paper(db, tmp_path):
    case = settled_and_performed(db, tmp_path)
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"))
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    assert manifest["page_numbers"] == "word_fields"
    assert all(d["pages"] is None for d in manifest["documents"])
    document = docx.Document(made["dossier"])
    xml = document.element.xml
    for number in (1, 2, 3):
        assert f"PAGEREF paper_{number} " in xml and f'w:name="paper_{number}"' in xml
    assert len(document.sections) == 2  # the cover and contents, then the numbered papers


def test_with_a_pdf_the_page_numbers_are_counted_from_each_papers_pdf(db, tmp_path, monkeypatch):
    from mediate.documents import pdf

    pages = iter([1, 2, 2, 1, 3])

    def fake_pdf(paths, out_dir, timeout=600):
        results = []
        for path in paths:
            count = 4 if path.parent.name != "papers" else next(pages)
            target = out_dir / (path.stem + ".pdf")
            kids = " ".join("3 0 R" for _ in range(count))
            target.write_bytes(
                f"%PDF-1.6\n1 0 obj\n<</Type/Pages/Kids[{kids}]/Count {count}>>\nendobj\n".encode()
            )
            results.append(target)
        return results

    monkeypatch.setattr(pdf, "convert_to_pdf", fake_pdf)
    monkeypatch.setattr(pdf, "soffice", lambda: "soffice")  # --pdf asks for it first
    case = settled_and_performed(db, tmp_path)
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"), "--pdf")
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    spans = [d["pages"] for d in manifest["documents"] if d["source"] != "attached"]
    assert spans == [
        {"first": 1, "last": 1},
        {"first": 2, "last": 3},
        {"first": 4, "last": 5},
        {"first": 6, "last": 6},
        {"first": 7, "last": 9},
    ]
    assert manifest["page_numbers"] == "pdf" and manifest["dossier"]["pages"] == 9
    assert [r[3] for r in table_rows(Path(made["dossier"]))[1:]] == ["1", "2", "4", "6", "7"]
    text = "\n".join(p.text for p in docx.Document(made["dossier"]).paragraphs)
    assert "本卷页数：共9页" in text
    assert sha(Path(made["pdf"])) == manifest["dossier"]["pdf"]["sha256"]


def test_retention_period_is_never_assumed_blank_unless_given(db, tmp_path, monkeypatch):
    case = settled_and_performed(db, tmp_path)
    result = invoke([*db, "case", "dossier", case, "-o", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "保管期限" in squash(result.stderr)
    made = next((tmp_path / "a").iterdir())
    manifest = json.loads((made / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["retention"] is None
    text = "\n".join(p.text for p in docx.Document(str(made / f"{made.name}.docx")).paragraphs)
    assert "保管期限：＿＿＿＿" in text
    monkeypatch.setenv("MEDIATE_DOSSIER_RETENTION", "定期30年")
    kept = invoke([*db, "case", "dossier", case, "-o", str(tmp_path / "a")])
    assert kept.exit_code == 1  # an existing dossier is replaced only with --force
    assert squash(f"{made} exists; give --force to overwrite it.") in squash(kept.stderr)
    again = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"), "--force")
    manifest = json.loads(Path(again["manifest"]).read_text(encoding="utf-8"))
    assert manifest["retention"] == "定期30年"
    assert not [w for w in again["warnings"] if "保管期限" in w]
    assert [p.name for p in (tmp_path / "a").iterdir()] == [made.name]  # replaced, not added


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99"], "no case 99"),
        (["1"], "closed case"),
    ],
)
def test_a_dossier_of_an_unknown_or_open_case_is_refused(db, tmp_path, args, message):
    add_case(db)
    result = invoke([*db, "case", "dossier", *args, "-o", str(tmp_path / "a")])
    assert result.exit_code == 1 and squash(message) in squash(result.stderr)
    assert not (tmp_path / "a").exists()  # refused before anything is written


def test_a_dossier_into_a_file_or_under_one_is_refused(db, tmp_path):
    case = settled_and_performed(db, tmp_path)
    blocker = tmp_path / "plain.txt"
    blocker.write_text("x")
    # an existing file is a typed value (exit 2); one under it cannot be created (exit 1)
    cases = ((blocker, "is a file", 2), (blocker / "sub", "cannot be created", 1))
    for target, message, code in cases:
        result = invoke([*db, "case", "dossier", case, "-o", str(target)])
        assert result.exit_code == code and squash(message) in squash(result.stderr), result.output


def test_export_dossiers_writes_each_closed_case_of_the_period_and_reports_a_failure(
    db, tmp_path, monkeypatch
):
    from mediate.errors import MediateError
    from mediate.services import dossier

    first = settled_and_performed(db, tmp_path)
    second = add_case(db)
    failed = invoke([*db, "outcome", second, "failed", "--reason", "被申请人拒不到场", "--yes"])
    assert failed.exit_code == 0, failed.output
    add_case(db)  # open: not exported
    real = dossier._read

    def read(uow, case_id):
        if str(case_id) == second:
            raise MediateError("模板损坏")
        return real(uow, case_id)

    monkeypatch.setattr(dossier, "_read", read)
    out = tmp_path / "export"
    result = invoke([*db, "--json", "export", "dossiers", "--period", "2026", "-o", str(out)])
    assert result.exit_code == 1
    assert squash(f"case {second}: no dossier: 模板损坏") in squash(result.stderr)
    body = json.loads(result.stdout)
    assert [w["case"] for w in body["written"]] == [int(first)]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([Path(body["written"][0]["directory"]).name, "dossiers-2026.json"])
    index = json.loads((out / "dossiers-2026.json").read_text(encoding="utf-8"))
    assert index["failed"] == [{"case": int(second), "error": "模板损坏"}]
    assert index["dossiers"][0]["sha256"] == sha(out / index["dossiers"][0]["dossier"])
    again = invoke([*db, "export", "dossiers", "--period", "2026", "-o", str(out)])
    assert again.exit_code == 1 and squash("give --force to overwrite") in squash(again.stderr)


def test_an_interrupted_export_leaves_nothing_behind(db, tmp_path, monkeypatch):
    from mediate.services import dossier

    settled_and_performed(db, tmp_path)
    second = add_case(db)
    assert invoke([*db, "outcome", second, "withdrawn", "--reason", "和解", "--yes"]).exit_code == 0
    real, seen = dossier._read, []

    def read(uow, case_id):
        seen.append(case_id)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(uow, case_id)

    monkeypatch.setattr(dossier, "_read", read)
    out = tmp_path / "export"
    result = invoke([*db, "export", "dossiers", "--period", "2026-12", "-o", str(out)])
    assert result.exit_code == 130
    assert list(out.iterdir()) == []


def test_a_session_record_changed_since_it_was_recorded_is_archived_from_its_kept_copy(
    db, tmp_path
):
    case = settled_and_performed(db, tmp_path)
    original = tmp_path / "笔录.txt"
    recorded = sha(original)
    original.write_text("事后改过的笔录", encoding="utf-8")
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"))
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    (entry,) = [d for d in manifest["documents"] if d["kind"] == "session_record_file"]
    assert entry["sha256"] == recorded == sha(Path(made["directory"]) / entry["file"])


@pytest.mark.parametrize("value", ["永久\n定期", "x" * 21])
def test_a_retention_period_that_is_not_one_short_line_is_refused(db, tmp_path, value):
    case = settled_and_performed(db, tmp_path)
    result = invoke([*db, "case", "dossier", case, "-o", str(tmp_path / "a"), "--retention", value])
    assert result.exit_code == 1 and "--retention" in result.stderr
    assert not (tmp_path / "a").exists()


def test_cpl_art_205_206_a_dismissed_confirmation_is_archived_with_the_courts_ruling_data(
    db, tmp_path
):
    case = add_case(db)
    settled = invoke([*db, "outcome", case, "settled", "--terms", "刘洋赔偿王芳5000元", "--yes"])
    assert settled.exit_code == 0, settled.output
    run(db, "confirm", "request", case, "--court", "1")
    out = str(tmp_path / "paper")
    run(db, "doc", "render", "application", case, "-o", out, "--date", "2026-12-01")
    run(db, "confirm", "record", case, "filed", "--on", "2026-12-01")
    run(
        db,
        "confirm",
        "record",
        case,
        "dismissed",
        "--on",
        "2026-12-01",
        "--case-no",
        "(2026)豫0802民特123号",
        "--ground",
        "unclear",
    )
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"))
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    kinds = [d["kind"] for d in manifest["documents"]]
    assert kinds[kinds.index("agreement") :] == ["agreement", "application", "ruling"]
    text = "\n".join(p.text for p in docx.Document(made["dossier"]).paragraphs)
    assert "法院案号：（2026）豫0802民特123号" in text
    assert "申请书落款日期：二〇二六年十二月一日" in text, text
    assert "确认结果：人民法院裁定驳回申请" in text and "裁定理由：内容不明确" in text
    assert "调解结果：调解成功；人民法院裁定驳回申请，（2026）豫0802民特123号" in text


def test_a_delegated_case_that_failed_is_archived_with_its_return_letter_then_termination(
    db, tmp_path
):
    dispute = tmp_path / "delegated.yaml"
    sample = (data_dir() / "samples/disputes/neighbour.yaml").read_text(encoding="utf-8")
    dispute.write_text(
        sample.replace(
            "source: self_accepted",
            "source: court_delegated\nreferring_court: 焦作市解放区人民法院",
        ),
        encoding="utf-8",
    )
    added = run(db, "case", "add", "--file", str(dispute))
    case, body = str(added["id"]), added["decision"]["org"]["id"]
    assert invoke([*db, "mediator", "add", "--org", body, "--name", "赵敏"]).exit_code == 0
    assert invoke([*db, "case", "assign", case]).exit_code == 0
    failed = invoke([*db, "outcome", case, "failed", "--reason", "被申请人拒不到场", "--yes"])
    assert failed.exit_code == 0, failed.output
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"))
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    assert [d["kind"] for d in manifest["documents"]][-2:] == ["return_letter", "termination"]
    assert [r[1] for r in table_rows(Path(made["dossier"]))[-2:]] == ["退回函", "终止调解告知书"]


def body_text(path: Path) -> str:
    """The dossier's text in reading order: paragraphs, and table rows as cells joined by |."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(Paragraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            lines += [" | ".join(c.text for c in row.cells) for row in Table(block, document).rows]
    return "\n".join(lines) + "\n"


def test_the_dossier_of_a_settled_and_performed_case_reads_as_the_golden_text(db, tmp_path, golden):
    case = settled_and_performed(db, tmp_path)
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"), "--retention", "永久")
    golden(GOLDEN / "dossier-settled_performed.txt", body_text(Path(made["dossier"])))


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed; .ci/system-packages installs it in CI",
)
def test_with_libreoffice_the_dossier_pdf_holds_the_cover_contents_and_every_page(db, tmp_path):
    from mediate.documents.dossier import pdf_pages

    case = settled_and_performed(db, tmp_path)
    made = run(db, "case", "dossier", case, "-o", str(tmp_path / "a"), "--pdf")
    manifest = json.loads(Path(made["manifest"]).read_text(encoding="utf-8"))
    spans = [d["pages"] for d in manifest["documents"] if d["source"] != "attached"]
    assert spans[0]["first"] == 1
    assert all(b["first"] == a["last"] + 1 for a, b in itertools.pairwise(spans))
    assert manifest["dossier"]["pages"] == spans[-1]["last"]
    # the cover and the 卷内目录 come before the numbered papers
    assert pdf_pages(Path(made["pdf"])) >= manifest["dossier"]["pages"] + 2


def test_a_dossier_that_cannot_be_written_is_an_error_that_leaves_nothing(
    db, tmp_path, monkeypatch
):
    from mediate.services import dossier

    case = settled_and_performed(db, tmp_path)

    def full_disk(papers, folder):
        raise OSError(28, "No space left on device", str(folder))

    monkeypatch.setattr(dossier, "_write_papers", full_disk)
    out = tmp_path / "a"
    result = invoke([*db, "case", "dossier", case, "-o", str(out)])
    assert result.exit_code == 1
    assert squash("the dossier cannot be written") in squash(result.stderr)
    assert list(out.iterdir()) == []
    assert run(db, "case", "history", case)[-1]["action"] != "dossier"
