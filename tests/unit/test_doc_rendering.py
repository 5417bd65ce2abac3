"""The templates' text, against golden files; the fast path against plain docxtpl.

Golden files hold EXTRACTED TEXT (paragraphs), never zip bytes. To refresh them after a
deliberate wording change: `pytest tests/unit/test_doc_rendering.py --update-golden`
(the rewritten tests skip, so a refresh never counts as a pass).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from mediate.documents.context import CaseRecords, build_context
from mediate.documents.kinds import KINDS
from mediate.documents.render import docxtpl_loop, render_batch
from tests.golden import samples

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs) + "\n"


def _failed(build, credit: bool = False):
    def make() -> CaseRecords:
        records = build()
        records.outcome = samples.failed()
        if credit:
            records.org = samples.CREDIT_ORG
            records.outcome = samples.failed(follow_up="credit_report")
            records.extra = dict(samples.CREDIT_SETTINGS)
        return records

    return make


CASES = {
    "application": dict(samples.SAMPLES),
    "agreement": dict(samples.SAMPLES),
    "service_address": dict(samples.SAMPLES),
    "termination": {name: _failed(build) for name, build in samples.SAMPLES.items()},
    "credit_notice": {
        "many_parties": _failed(samples.many_parties, credit=True),
        "enterprise_enterprise": samples.failed_credit,
    },
    # 特邀调解规定 arts. 20, 21: what goes back to the referring court
    "court_report": {
        "entrusted_settled": samples.entrusted,
        "entrusted_failed": lambda: samples.entrusted("failed"),
    },
    "return_letter": {"delegated_failed": samples.delegated_failed},
    # issue 20: the registration form and the session notice, per kind of body
    "registration": dict(samples.BY_REGIME),
    "notice": {
        "peoples": samples.with_session(samples.branch_peoples, summoned=(2,)),
        "invited_minor": samples.with_session(samples.minor_invited, online=True),
        "industry": samples.with_session(samples.industry_person),
    },
}
MATRIX = [(kind, name) for kind, builds in CASES.items() for name in builds]


def context_for(kind: str, name: str) -> dict:
    return build_context(KINDS[kind], CASES[kind][name](), samples.TODAY)


@pytest.mark.parametrize(("kind", "sample"), MATRIX)
def test_each_template_renders_the_golden_text(kind, sample, tmp_path, golden):
    (path,) = render_batch(kind, [context_for(kind, sample)], tmp_path, workers=1)
    golden(GOLDEN / f"{kind}-{sample}.txt", text_of(path))


@pytest.mark.parametrize("kind", list(CASES))
def test_the_prepared_path_writes_the_same_text_as_plain_docxtpl(kind, tmp_path):
    contexts = [context_for(kind, name) for name in CASES[kind]]
    fast = render_batch(kind, contexts, tmp_path / "fast", workers=1)
    slow = docxtpl_loop(kind, contexts, tmp_path / "slow")
    assert [p.name for p in fast] == [p.name for p in slow]
    assert [text_of(p) for p in fast] == [text_of(p) for p in slow]


def test_both_cores_write_the_same_documents_as_one(tmp_path, monkeypatch):
    import mediate.documents.render as render

    monkeypatch.setattr(render, "POOL_FROM", 4)  # 20 jobs on 2 workers: the pool path
    monkeypatch.setattr(render, "usable_cpus", lambda: 2)
    monkeypatch.setattr(render, "_busy_cores", lambda: 0.0)
    pools = []
    forked = render._render_forked
    monkeypatch.setattr(render, "_render_forked", lambda *a: pools.append(a[2]) or forked(*a))
    base = context_for("agreement", "many_parties")
    contexts = [base | {"case": base["case"] | {"id": i}} for i in range(20)]
    one = render_batch("agreement", contexts, tmp_path / "one", workers=1)
    two = render_batch("agreement", contexts, tmp_path / "two", workers=2)
    assert pools == [2]
    assert [p.name for p in one] == [p.name for p in two]
    assert [text_of(p) for p in one] == [text_of(p) for p in two]


def test_hostile_characters_render_as_typed_and_the_file_opens(tmp_path):
    context = build_context(KINDS["application"], samples.hostile(), samples.TODAY)
    (path,) = render_batch("application", [context], tmp_path, workers=1)
    assert path.parent == tmp_path and "/" not in path.name
    text = text_of(path)
    assert f"申请人：{samples.HOSTILE_NAME}，男" in text
    assert "申请人：O'Brien & <Sons>，女" in text
    assert '一、第一条 付款 & "立即" <现在>' not in text  # numbering is ours, not the clerk's
    assert '一、付款 & "立即" <现在>' in text
    assert "二、{{ case.id }}" in text  # data is never evaluated as a template
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


def test_a_party_list_of_any_length_is_rendered_in_full(tmp_path):
    records = samples.many_parties()
    records.parties += [
        samples.zhang(20 + i, "respondent", name=f"当事人{i:03d}") for i in range(120)
    ]
    context = build_context(KINDS["agreement"], records, samples.TODAY)
    (path,) = render_batch("agreement", [context], tmp_path, workers=1)
    text = text_of(path)
    assert all(f"被申请人：当事人{i:03d}，男" in text for i in range(120))
    assert "本协议一式一百三十二份" in text


def test_every_run_of_every_bundled_template_names_an_east_asian_font():
    from mediate.documents.lint import lint_path
    from mediate.resources import templates_dir

    assert lint_path(templates_dir()) == []


def test_the_templates_are_a4_with_gbt9704_margins_and_fonts():
    from docx.shared import Mm, Pt, Twips

    from mediate.resources import templates_dir

    for kind in KINDS.values():
        document = docx.Document(str(templates_dir() / kind.template))
        section = document.sections[0]
        measured = [
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        ]
        expected = [Mm(210), Mm(297), Mm(37), Mm(35), Mm(28), Mm(26)]
        assert all(abs(m - e) < Mm(0.05) for m, e in zip(measured, expected, strict=True))
        normal = document.styles["Normal"]
        assert normal.font.size == Pt(16)
        # GB/T 9704 5.2.2: 22 lines of 28 characters on the 156 x 225 mm type area
        assert normal.paragraph_format.line_spacing == Twips(579)
        assert Mm(225) / normal.paragraph_format.line_spacing == pytest.approx(22, abs=0.05)
        grid = section._sectPr.find(W + "docGrid")
        assert grid.get(W + "type") == "lines"
        assert int(grid.get(W + "linePitch")) == 579
        spacing = normal.element.rPr.find(W + "spacing")
        char_pitch = 16 + int(spacing.get(W + "val")) / 20  # points
        assert int(Mm(156).pt // char_pitch) == 28
        assert normal.paragraph_format.widow_control is True
        fonts = normal.element.rPr.rFonts
        assert (
            fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
            == "仿宋_GB2312"
        )
        title = next(p for p in document.paragraphs if not p.text.startswith("{%")).runs[0]
        assert title.font.size == Pt(22)
        assert (
            title._r.rPr.rFonts.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
            )
            == "方正小标宋简体"
        )


def test_tags_in_headers_and_footers_are_rendered_like_docxtpl_does(tmp_path):
    template = tmp_path / "own.docx"
    document = docx.Document()
    document.add_paragraph("{{ case.cause }}")
    document.sections[0].header.paragraphs[0].text = "案号：{{ case.number }}"
    document.sections[0].footer.paragraphs[0].text = "{{ org.name }} & 页脚"
    document.save(str(template))
    context = context_for("agreement", "enterprise_person")
    (fast,) = render_batch("agreement", [context], tmp_path / "fast", workers=1, template=template)
    (slow,) = docxtpl_loop("agreement", [context], tmp_path / "slow", template=template)
    for path in (fast, slow):
        section = docx.Document(str(path)).sections[0]
        assert section.header.paragraphs[0].text == "案号：（2026）豫0811民初88号"
        assert section.footer.paragraphs[0].text == "焦作市解放区人民法院诉调对接中心 & 页脚"


def test_column_loops_in_tables_widen_the_grid_like_docxtpl_does(tmp_path):
    template = tmp_path / "table.docx"
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).text = "当事人"
    table.cell(0, 1).text = "{%tc for p in parties %}"
    table.cell(0, 2).text = "{{ p.name }}"
    table.cell(0, 3).text = "{%tc endfor %}"
    table.cell(1, 0).text = "{{ case.cause }}"
    document.save(str(template))
    context = context_for("agreement", "many_parties")
    (fast,) = render_batch("agreement", [context], tmp_path / "fast", workers=1, template=template)
    (slow,) = docxtpl_loop("agreement", [context], tmp_path / "slow", template=template)

    def grid_and_cells(path):
        table = docx.Document(str(path)).tables[0]
        grid = table._tbl.tblGrid.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol"
        )
        return [
            int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for col in grid
        ], [c.text for c in table.rows[0].cells]

    assert grid_and_cells(fast) == grid_and_cells(slow)
    assert len(grid_and_cells(fast)[0]) == 1 + len(context["parties"])


def test_a_batch_stays_in_one_process_until_the_pool_pays():
    # Measured (benchmarks/RESULTS.md, "Documents, 2026-12-01", issue 19 item 4): from
    # POOL_FROM (50) documents per worker the saving covers the pool's own cost, a worker beyond
    # the idle cores saves nothing, and without fork a worker starts a fresh interpreter.
    from mediate.documents.render import POOL_FROM, pool_workers

    enough = POOL_FROM * 2
    assert pool_workers(enough, None, cores=2, can_fork=True) == 2
    assert pool_workers(enough - 1, None, cores=2, can_fork=True) == 1
    assert pool_workers(10_000, None, cores=1, can_fork=True) == 1
    assert pool_workers(10_000, None, cores=2, can_fork=False) == 1
    assert pool_workers(POOL_FROM * 3, None, cores=8, can_fork=True) == 3


def test_the_pool_takes_only_the_idle_cores_unless_workers_are_asked_for():
    from mediate.documents.render import POOL_FROM, pool_workers

    many = POOL_FROM * 16
    assert pool_workers(many, None, cores=2, can_fork=True, busy=0.3) == 2
    assert pool_workers(many, None, cores=2, can_fork=True, busy=1.0) == 1
    assert pool_workers(many, None, cores=2, can_fork=True, busy=9.0) == 1
    assert pool_workers(many, None, cores=8, can_fork=True, busy=3.0) == 5
    assert pool_workers(many, 2, cores=2, can_fork=True, busy=9.0) == 2  # --workers 2
    assert pool_workers(many, 3, cores=2, can_fork=True) == 2  # never more than the cores
    assert pool_workers(many, 1, cores=8, can_fork=True) == 1


@pytest.mark.parametrize(
    ("reason", "said_twice"),
    [
        ("未能达成协议", False),
        ("双方对赔偿数额分歧较大，未能达成协议", False),
        ("被申请人拒不到场", True),
    ],
)
def test_the_termination_says_no_agreement_was_reached_once(tmp_path, reason, said_twice):
    """Review of 2026-12-03: 因未能达成协议，各方当事人未能达成调解协议 said it twice."""
    context = context_for("termination", "person_person")
    context["outcome"] = {**context["outcome"], "reason": reason}
    (path,) = render_batch("termination", [context], tmp_path, workers=1)
    text = text_of(path)
    assert f"因{reason}，" in text
    assert ("各方当事人未能达成" in text) is said_twice
