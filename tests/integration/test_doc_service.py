"""`mediate doc render|batch`: documents from the store, recorded, atomic, on both backends."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import docx
import pytest
from sqlmodel import Session, select

from mediate.store.engine import make_engine
from mediate.store.tables import ConfirmationRow, DocumentRow, OrgRow, OutcomeRow
from tests import factories
from tests.conftest import squash
from tests.factories import seed, settle


@pytest.fixture(params=["dbapi", "uow"])
def batch_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """`doc batch` on each of its paths: DB-API where it can (services/docsql.py; on
    PostgreSQL and for some kinds it takes the unit of work anyway), the unit of work."""
    if request.param == "uow":
        from mediate.store.dbapi import NeedsFullPath

        def refuse(*args: object) -> None:
            raise NeedsFullPath("the test takes the unit of work")

        monkeypatch.setattr("mediate.services.docsql.open_store", refuse)
    return str(request.param)


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def fail(session: Session, case_id: int, follow_up: str | None = None) -> None:
    session.add(
        OutcomeRow(
            case_id=case_id,
            result="failed",
            decided_on=dt.date(2026, 11, 16),
            reason="被申请人拒绝还款方案",
            recorded_by="测试书记员",
            follow_up=follow_up,
        )
    )


def documents(url: str) -> list[DocumentRow]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = list(session.exec(select(DocumentRow).order_by(DocumentRow.id)).all())
    engine.dispose()
    return rows


def test_render_writes_the_application_and_records_it(initialised, settled_case, cli, tmp_path):
    out = tmp_path / "out"
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "application",
            str(settled_case),
            "-o",
            str(out),
            "--date",
            "2026-11-20",
        ]
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.docx")
    assert path.name == f"{settled_case}-司法确认申请书-张三等.docx"
    text = text_of(path)
    assert (
        "确认申请人张三与申请人王五于二〇二六年十一月十日经焦作市解放区人民法院诉调对接中心" in text
    )
    assert "公民身份号码：410802199001011237" in text
    assert "一、王五于2026年12月31日前归还借款52,000.50元" in text
    assert text.rstrip().endswith("二〇二六年十一月二十日")
    (row,) = documents(initialised.url)
    assert (row.case_id, row.kind, Path(row.path)) == (settled_case, "application", path.resolve())
    assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    bundled = Path(__file__).parents[2] / "mediate" / "templates" / "application.docx"
    assert row.template_sha256 == hashlib.sha256(bundled.read_bytes()).hexdigest()


def test_a_missing_value_stops_the_document_and_leaves_no_file(initialised, cli, tmp_path):
    def build(session):
        case = factories.case(
            session,
            status="settled",
            facts="借款到期未还。",
            parties=[factories.person(), factories.person("respondent", "王五", id_number=None)],
        )
        settle(session, case.id)
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o", str(out)]
    )
    assert result.exit_code == 1
    # the factory's body is a court's 诉调对接中心: its paper is a 调解协议书, and the message
    # names the paper as it is titled (documents.kinds.paper_title, 61ac3ea)
    assert squash(
        f"case {case_id}: 调解协议书 needs a value for party 2 (respondent) 王五: ID number"
    ) in squash(result.stderr)
    assert "人民调解协议书" not in result.stderr
    assert not out.exists() or list(out.iterdir()) == []
    assert documents(initialised.url) == []


def test_an_unsettled_case_has_no_application(initialised, cli, tmp_path):
    (case_id,) = seed(initialised.url, lambda s: [factories.case(s).id])
    result = cli(
        ["--db", initialised.url, "doc", "render", "application", str(case_id), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "the case has no settled outcome" in result.stderr


def test_batch_renders_eligible_cases_skips_others_and_reports_failures(
    initialised, cli, tmp_path, monkeypatch, batch_path
):
    monkeypatch.setattr("mediate.services.docbatch._SLICE", 2)  # three slices of cases

    def build(session):
        good = [factories.case(session, status="settled", facts="借款到期未还。") for _ in range(3)]
        for case in good:
            settle(session, case.id, confirm=False)
        broken = factories.case(
            session,
            status="settled",
            facts="借款到期未还。",
            parties=[factories.person(address=None), factories.person("respondent", "王五")],
        )
        settle(session, broken.id, confirm=False)
        open_case = factories.case(session)
        return [c.id for c in good] + [broken.id, open_case.id]

    ids = seed(initialised.url, build)
    out = tmp_path / "batch"
    result = cli(
        [
            "--db",
            initialised.url,
            "--json",
            "doc",
            "batch",
            "agreement",
            "-o",
            str(out),
            "--workers",
            "1",
        ]
    )
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert [r["case"] for r in data["rendered"]] == ids[:3]
    assert [f["case"] for f in data["failed"]] == [ids[3]]
    assert "party 1 (applicant) 张三: address" in data["failed"][0]["error"]
    assert [s["case"] for s in data["skipped"]] == [ids[4]]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{i}-调解协议书-张三等.docx" for i in ids[:3]
    )
    assert [d.case_id for d in documents(initialised.url)] == ids[:3]


def test_batch_filters_select_the_cases(initialised, cli, tmp_path, monkeypatch, batch_path):
    monkeypatch.setenv("MEDIATE_CREDIT_AGENCY", "焦作市公共信用信息中心")

    def build(session):
        factories.credit_committee(session)
        credit = factories.case(
            session,
            org_id="jz-credit",
            status="failed",
            parties=[
                factories.enterprise(),
                factories.enterprise("respondent", "焦作市丁置业有限公司"),
            ],
        )
        other = factories.case(session, status="failed")
        fail(session, credit.id, "credit_report")  # the clerk's recorded decision (issue 14)
        fail(session, other.id)
        return [credit.id, other.id]

    credit_id, other_id = seed(initialised.url, build)
    out = tmp_path / "t"
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "batch",
            "termination",
            "--filter",
            "org=jz-credit",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [
        f"{credit_id}-终止调解告知书-焦作市某某商贸有限公司等.docx"
    ]
    result = cli(["--db", initialised.url, "doc", "batch", "credit_notice", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # named after the enterprise concerned, addressed to the configured agency
    notice = out / f"{credit_id}-企业信用信息通报函-焦作市丁置业有限公司.docx"
    assert "焦作市公共信用信息中心：" in text_of(notice)
    assert not any(str(other_id) + "-企业信用" in p.name for p in out.iterdir())


def test_a_bad_filter_is_a_usage_error_with_its_name(initialised, cli, tmp_path):
    result = cli(["--db", initialised.url, "doc", "batch", "agreement", "--filter", "colour=red"])
    assert result.exit_code == 2
    assert "--filter: Unknown filter 'colour'" in result.stderr


def _own_template(path: Path, text: str) -> None:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


def test_a_clerks_own_template_overrides_the_bundled_one(initialised, settled_case, cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    _own_template(own / "人民调解协议书.docx", "本中心格式：{{ case.cause }}，{{ party_names }}")
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "render", "agreement", str(settled_case), "-o", str(out)],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.docx")
    assert text_of(path) == "本中心格式：民间借贷纠纷，张三、王五"


def test_own_templates_run_in_a_sandbox(initialised, settled_case, cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    _own_template(own / "agreement.docx", "{{ case.cause.__class__.__mro__[1].__subclasses__() }}")
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(settled_case),
            "-o",
            str(tmp_path / "out"),
        ],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 1
    assert "unsafe" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_org_rows_are_untouched_by_rendering(initialised, settled_case, cli, tmp_path):
    engine = make_engine(initialised.url)
    with Session(engine) as session:
        before = session.exec(select(OrgRow.id).order_by(OrgRow.id)).all()
    cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "service_address",
            str(settled_case),
            "-o",
            str(tmp_path),
        ]
    )
    with Session(engine) as session:
        assert session.exec(select(OrgRow.id).order_by(OrgRow.id)).all() == before
    engine.dispose()


def test_the_clerk_is_warned_when_the_court_may_not_accept_the_application(
    initialised, cli, tmp_path
):
    def build(session):
        case = factories.case(session, status="settled", facts="借款到期未还。")
        settle(session, case.id, confirm=False)
        session.add(
            ConfirmationRow(
                case_id=case.id,
                court="焦作市解放区人民法院",
                status="drafted",
                apply_by=dt.date(2026, 12, 10),
                warnings=["title_confirmation"],
            )
        )
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    result = cli(
        ["--db", initialised.url, "doc", "render", "application", str(case_id), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    # the ground by its label and where it is written, never its code
    assert squash(
        "confirms title to property or IP (民诉法解释第三百五十五条第（五）项)"
    ) in squash(result.stderr)
    assert "title_confirmation" not in result.stderr


def test_doc_templates_marks_the_clerks_own_template(cli, tmp_path):
    import json

    _own_template(tmp_path / "送达地址确认书.docx", "{{ case.cause }}")
    result = cli(["--json", "doc", "templates"], env={"MEDIATE_TEMPLATES": str(tmp_path)})
    assert result.exit_code == 0, result.output
    rows = {r["kind"]: r for r in json.loads(result.stdout)}
    assert rows["service_address"]["overridden"] is True
    assert rows["service_address"]["variables"] == ["case.cause"]
    assert rows["agreement"]["overridden"] is False


def test_a_broken_own_template_is_a_clear_error(initialised, settled_case, cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    _own_template(own / "agreement.docx", "{% if case.cause %}没有结束")
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(settled_case),
            "-o",
            str(tmp_path / "out"),
        ],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 1
    message = squash(result.stderr)
    assert squash("template agreement.docx, the document's body paragraph") in message
    assert squash("Jinja syntax error (") in message
    assert "'endif'" in message


def test_an_own_template_that_is_not_a_word_file_is_a_clear_error(
    initialised, settled_case, cli, tmp_path
):
    own = tmp_path / "own"
    own.mkdir()
    (own / "agreement.docx").write_bytes(b"not a zip at all")
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(settled_case),
            "-o",
            str(tmp_path / "out"),
        ],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 1
    assert squash("not a Word document") in squash(result.stderr)


def test_an_error_inside_an_own_template_stops_only_that_document(
    initialised, settled_case, cli, tmp_path
):
    own = tmp_path / "own"
    own.mkdir()
    _own_template(own / "agreement.docx", "{{ case.id + '号' }}")
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(settled_case),
            "-o",
            str(tmp_path / "out"),
        ],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 1
    assert "TypeError" in result.stderr
    assert documents(initialised.url) == []


def test_a_clerk_produces_documents_only_for_cases_they_may_see(
    initialised, settled_case, cli, tmp_path, batch_path
):
    db = ["--db", initialised.url]
    assert (
        cli([*db, "--clerk", "王主任", "clerk", "add", "王主任", "--role", "admin"]).exit_code == 0
    )
    added = cli([*db, "--clerk", "王主任", "clerk", "add", "李书记员", "--org", "jz-410800-credit"])
    assert added.exit_code == 0, added.output
    out = tmp_path / "out"
    render = ["doc", "render", "agreement", str(settled_case), "-o", str(out)]
    result = cli([*db, "--clerk", "李书记员", *render])
    assert result.exit_code == 1
    assert not out.exists()
    result = cli(
        [*db, "--clerk", "李书记员", "--json", "doc", "batch", "agreement", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    import json

    assert json.loads(result.stdout)["rendered"] == []
    result = cli([*db, "--clerk", "王主任", *render])
    assert result.exit_code == 0, result.output


def test_a_failed_commit_leaves_no_unrecorded_file(
    initialised, settled_case, cli, tmp_path, monkeypatch
):
    from mediate.errors import DatabaseError
    from mediate.store.uow import UnitOfWork

    def refuse(self):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(UnitOfWork, "commit", refuse)
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "render", "agreement", str(settled_case), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "the database went away" in result.stderr
    assert list(out.iterdir()) == []


def test_an_interrupted_batch_leaves_no_unrecorded_files(
    initialised, cli, tmp_path, monkeypatch, batch_path
):
    def build(session):
        cases = [
            factories.case(session, status="settled", facts="借款到期未还。") for _ in range(3)
        ]
        for case in cases:
            settle(session, case.id, confirm=False)
        return [c.id for c in cases]

    seed(initialised.url, build)
    from mediate.services.docsql import SqlBatchStore
    from mediate.services.documents import UowStore

    calls = []
    light = batch_path == "dbapi" and initialised.backend == "sqlite"
    store = SqlBatchStore if light else UowStore
    real = store.store_document

    def interrupt_on_the_third(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(*args)

    monkeypatch.setattr(store, "store_document", interrupt_on_the_third)
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "batch", "agreement", "-o", str(out), "--workers", "1"]
    )
    assert result.exit_code == 130
    assert list(out.iterdir()) == []
    assert documents(initialised.url) == []


def test_a_batch_warns_once_per_distinct_warning_with_the_cases_it_concerns(
    initialised, cli, tmp_path
):
    """The same rule as `doc render` (documents/wording.py, a centre named a 人民调解委员会):
    a batch prints each distinct warning once, naming its cases (the first ten, then how
    many more: a message a terminal folds into a few lines); --json lists every case."""
    name = "焦作市解放区人民法院诉调对接中心人民调解委员会"

    def build(session):
        factories.org(session, "jz-jfq-court-prc", name=name, kind="county_center")
        cases = [
            factories.case(session, org_id="jz-jfq-court-prc", status="settled", facts="借款。")
            for _ in range(12)
        ]
        for case in cases:
            settle(session, case.id, confirm=False)
        return [c.id for c in cases]

    ids = seed(initialised.url, build)
    args = ["--db", initialised.url, "doc", "batch", "agreement", "--workers", "1"]
    result = cli([*args, "-o", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert squash(result.stderr).count(squash(f"{name} is named a 人民调解委员会")) == 1
    shown = ", ".join(str(i) for i in ids[:10])
    assert squash(f"Cases {shown} and 2 more: {name} is named") in squash(result.stderr)
    data = json.loads(cli(["--json", *args, "-o", str(tmp_path / "b")]).stdout)
    (warning,) = data["warnings"]
    assert warning["cases"] == ids and warning["warning"].startswith(name)
    zh = cli([*args, "-o", str(tmp_path / "c")], env={"MEDIATE_LANG": "zh"})
    assert squash(f"案件 {shown.replace(', ', '、')} 等，另有 2 件：{name}") in squash(zh.stderr)
    # one message for the twelve cases, then the summary (a terminal folds each at its width)
    assert len(zh.stderr.splitlines()) == 2


def render_seeded(cli, url: str, build, kind: str, out: Path):
    """`doc render KIND` for the one case `build` writes; it must succeed."""
    (case_id,) = seed(url, build)
    result = cli(["--db", url, "doc", "render", kind, str(case_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result


def test_an_agreement_for_a_minor_without_a_guardian_warns_the_clerk(initialised, cli, tmp_path):
    """民法典 arts. 17, 23: a party under 18 on the day of the agreement signs through a
    法定代理人; the paper is still written, with a warning naming the party."""

    def build(session):
        minor = factories.person(
            name="李小明", id_number="410802201001011232", birth_date=dt.date(2010, 1, 1)
        )
        case = factories.case(
            session,
            status="settled",
            facts="借款到期未还。",
            parties=[minor, factories.person("respondent", "王五")],
        )
        settle(session, case.id)
        return [case.id]

    result = render_seeded(cli, initialised.url, build, "agreement", tmp_path)
    assert "李小明 is under 18 on 2026-11-10 and has no legal guardian" in result.stderr


def test_a_court_centre_named_a_peoples_mediation_committee_warns_and_cites_no_art_33(
    initialised, cli, tmp_path
):
    """The rule "人民调解委员会 by name, unless the kind rules it out" (documents/wording.py):
    a court docking centre's papers follow its kind (特邀调解规定 arts. 1, 19), and the clerk
    is told that the name says otherwise."""
    name = "焦作市解放区人民法院诉调对接中心人民调解委员会"

    def build(session):
        factories.org(session, "jz-jfq-court-prc", name=name, kind="county_center")
        case = factories.case(session, org_id="jz-jfq-court-prc", status="settled", facts="借款。")
        settle(session, case.id)
        return [case.id]

    result = render_seeded(cli, initialised.url, build, "application", tmp_path)
    assert squash(f"{name} is named a 人民调解委员会 but recorded as a") in squash(result.stderr)
    (paper,) = tmp_path.glob("*.docx")
    text = text_of(paper)
    # its own intake, no court referral: not 特邀调解 (art. 1), so not art. 19 either
    assert "第三百五十一条" in text and "第十九条" not in text
    assert "人民调解法》第三十三条" not in text


def two_settled_cases_at_two_bodies(session: Session) -> list[int]:
    ids = []  # the second at a body of the network `mediate init` loaded
    for org_id in ("jz-jfq-court-center", "jz-410800-credit"):
        case = factories.case(session, org_id=org_id, status="settled", facts="借款到期未还。")
        settle(session, case.id, confirm=False)
        ids.append(case.id)
    ids.append(factories.case(session, status="failed").id)
    return ids


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    ("given", "chosen"),
    [
        (["status=调解成功"], [0, 1]),  # the label `case list` shows in Chinese
        (["status=settled"], [0, 1]),  # the code, the English label
        (["status=已分流"], []),
        (["org=焦作市企业信用纠纷人民调解委员会"], [1]),  # a body by its full name
        (["org=企业信用"], [1]),  # by the part of its name only it has
        (["org=jz-jfq-court-center", "status=调解成功"], [0]),
    ],
)
def test_batch_filters_read_values_as_the_other_commands_do(
    initialised, cli, tmp_path, batch_path, language, given, chosen
):
    ids = seed(initialised.url, two_settled_cases_at_two_bodies)
    filters = [part for item in given for part in ("--filter", item)]
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "--json", "doc", "batch", "agreement", *filters, "-o", str(out)],
        env={"MEDIATE_LANG": language},
    )
    assert result.exit_code == 0, result.output
    assert [r["case"] for r in json.loads(result.stdout)["rendered"]] == [ids[i] for i in chosen]


@pytest.mark.parametrize(
    ("language", "item", "said"),
    [
        (
            "en",
            "status=已调解成",
            ["--filter status: '已调解成' is not a valid case status", "settled"],
        ),
        ("zh", "status=已调解成", ["--filter 状态：", "“已调解成”", "调解成功（settled）"]),
        ("en", "result=won", ["--filter result: 'won'", "withdrawn"]),
        ("en", "org=nobody", ["--filter org: no body is called 'nobody'", "mediate org list"]),
        ("zh", "org=nobody", ["--filter 调解组织：", "“nobody”", "mediate org list"]),
        ("en", "调解组织=nobody", ["--filter org: no body is called 'nobody'"]),
        # screening refused the value: a usage error too (it was exit 1, "--filter: org: …")
        ("en", "org=\udcff", ["--filter org: ", "U+DC"]),
        ("zh", "org=\udcff", ["--filter 调解组织：", "U+DC"]),
        ("en", "status=", ["--filter status: The value is empty"]),
        ("zh", "status=", ["--filter status", "值为空"]),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error_naming_it(
    initialised, cli, tmp_path, batch_path, language, item, said
):
    seed(initialised.url, two_settled_cases_at_two_bodies)
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "batch", "agreement", "--filter", item, "-o", str(out)],
        env={"MEDIATE_LANG": language},
    )
    assert result.exit_code == 2, result.output
    for words in said:
        assert squash(words) in squash(result.stderr)
    assert not out.exists() or list(out.iterdir()) == []
    assert documents(initialised.url) == []


@pytest.mark.parametrize(
    ("language", "label"), [("en", "needs a value for facts"), ("zh", "案情简介")]
)
def test_a_missing_case_field_is_named_by_its_label_with_the_command_that_fills_it(
    initialised, cli, tmp_path, language, label
):
    def build(session):
        case = factories.case(session, status="settled", facts=None)
        settle(session, case.id, confirm=False)
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    for command in ("batch", "render"):
        args = ["agreement", str(case_id)] if command == "render" else ["agreement"]
        result = cli(
            ["--db", initialised.url, "doc", command, *args, "-o", str(tmp_path / command)],
            env={"MEDIATE_LANG": language},
        )
        assert result.exit_code == 1, result.output
        assert "case.facts" not in result.stderr
        assert squash(label) in squash(result.stderr)
        assert squash(f"mediate case edit {case_id} --set") in squash(result.stderr)


@pytest.mark.parametrize(
    ("language", "stop", "hint"),
    [
        (
            "en",
            ".",
            "Fill it in with `mediate case edit {id} --set FIELD=VALUE` or "
            "`mediate case edit {id} --party N --set FIELD=VALUE`.",
        ),
        (
            "zh",
            "。",
            "请用 `mediate case edit {id} --set 字段=值` 或 "
            "`mediate case edit {id} --party 序号 --set 字段=值` 补录。",
        ),
    ],
)
def test_a_case_and_a_party_value_missing_end_in_one_sentence_with_both_commands(
    initialised, cli, tmp_path, language, stop, hint
):
    """The two hints used to be glued one after the other, each with its own full stop
    ("…VALUE`.. Fill it in…", "补录。。请用…")."""

    def build(session):
        case = factories.case(
            session,
            status="settled",
            facts=None,
            parties=[factories.person(), factories.person("respondent", "王五", id_number=None)],
        )
        settle(session, case.id, confirm=False)
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(case_id),
            "-o",
            str(tmp_path / "o"),
        ],
        env={"MEDIATE_LANG": language},
    )
    assert result.exit_code == 1, result.output
    said = squash(result.stderr)
    assert squash(hint.format(id=case_id)) in said
    assert squash(stop * 2) not in said and "`." + stop not in said
    assert said.count(squash(f"mediate case edit {case_id} --set")) == 1


def test_rule_a_paper_is_named_by_the_title_printed_on_it_not_by_the_body_it_moved_to(
    initialised, settled_case, cli, tmp_path, batch_path
):
    """A paper's title follows the body that made it (人民调解法 art. 29 makes an agreement
    of a 人民调解委员会 a 人民调解协议书; another body's is a 调解协议书: documents/wording).
    `case show` and `case history` name a paper made by the court's docking centre as it was
    printed, 调解协议书, after the case moved to a people's mediation committee (the review
    of 2026-12-02 found them following the case's current body); migration 0017 keeps it."""
    db = ["--db", initialised.url]
    out = tmp_path / "out"
    if batch_path == "dbapi":
        made = cli([*db, "doc", "batch", "agreement", "-o", str(out)])
    else:
        made = cli([*db, "doc", "render", "agreement", str(settled_case), "-o", str(out)])
    assert made.exit_code == 0, made.output
    (row,) = documents(initialised.url)
    assert row.title == "调解协议书"
    engine = make_engine(initialised.url)
    with Session(engine) as session:  # moved on to a committee (as case transfer does)
        from mediate.store.tables import CaseRow

        case = session.get(CaseRow, settled_case)
        assert case is not None
        case.org_id = "jz-410802-consumer"
        session.add(case)
        session.commit()
    engine.dispose()
    shown = json.loads(cli([*db, "--json", "case", "show", str(settled_case)]).stdout)
    assert [d["title"] for d in shown["documents"]] == ["调解协议书"]
    history = cli([*db, "case", "history", str(settled_case)], env={"COLUMNS": "200"})
    assert history.exit_code == 0, history.output
    assert "调解协议书" in history.stdout and "人民调解协议书" not in history.stdout
    events = json.loads(cli([*db, "--json", "case", "history", str(settled_case)]).stdout)
    (event,) = [e for e in events if e["action"] == "document"]
    assert event["after"]["title"] == "调解协议书"


def _settled_with_application(initialised) -> int:
    """A case whose agreement took effect on 2026-11-10 (apply by 2026-12-10); today is
    2026-12-01 (tests/clockrun.FIXED_NOW)."""

    def build(session):
        case = factories.case(session, status="settled", facts="借款到期未还。")
        settle(session, case.id)
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    return case_id


@pytest.mark.parametrize("day", ["2026-10-01", "2026-11-09", "2126-01-01", "2026-12-02"])
def test_cpl_art_205_an_application_is_dated_from_the_agreements_effect_to_today(
    initialised, cli, tmp_path, day
):
    case_id = _settled_with_application(initialised)
    args = ["--db", initialised.url, "doc", "render", "application", str(case_id)]
    out = tmp_path / "out"
    result = cli([*args, "-o", str(out), "--date", day])
    assert result.exit_code in (1, 2), result.output
    assert "--date" in result.stderr or day in result.stderr, result.output
    assert not out.exists() or list(out.iterdir()) == []
    assert cli([*args, "-o", str(out), "--date", "2026-11-10"]).exit_code == 0


def test_cpl_art_205_an_application_dated_after_the_30_days_is_warned(initialised, cli, tmp_path):
    from mediate import clock
    from tests.clockrun import FIXED_NOW

    case_id = _settled_with_application(initialised)
    clock.set_clock(FIXED_NOW + dt.timedelta(days=19))
    args = ["--db", initialised.url, "doc", "render", "application", str(case_id)]
    result = cli([*args, "-o", str(tmp_path), "--date", "2026-12-15"])
    assert result.exit_code == 0, result.output
    assert "2026-12-10" in result.stderr and squash("art. 205") in squash(result.stderr)


@pytest.mark.parametrize("kind", ["agreement", "registration"])
def test_a_document_that_prints_no_date_refuses_date(initialised, cli, tmp_path, kind):
    case_id = _settled_with_application(initialised)
    args = ["--db", initialised.url, "doc", "render", kind, str(case_id), "-o", str(tmp_path)]
    result = cli([*args, "--date", "2026-11-20"])
    assert result.exit_code == 2, result.output
    assert "--date" in result.stderr
    batch = cli(["--db", initialised.url, "doc", "batch", kind, "-o", str(tmp_path), "--date",
                 "2026-11-20"])  # fmt: skip
    assert batch.exit_code == 2, batch.output


ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


def _confirmation_row(url: str, case_id: int) -> ConfirmationRow:
    engine = make_engine(url)
    with Session(engine) as session:
        row = session.exec(select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)).one()
    engine.dispose()
    return row


def test_cpl_art_205_an_application_is_filed_no_earlier_than_the_date_printed_on_it(
    initialised, settled_case, cli, tmp_path
):
    """民事诉讼法 (2023) art. 205: the parties apply with the application they signed, so it
    is filed on or after the date printed on it (migration 0021 stores that date when the
    application is made): an earlier filing date is refused (exit 1, at --on, in Chinese),
    the date is shown with the application in case show, its --json and the history, and a
    copy printed after filing does not move it."""
    db = ["--db", initialised.url]
    render = [*db, "doc", "render", "application", str(settled_case), "-o", str(tmp_path)]
    made = cli([*render, "--date", "2026-11-20"])
    assert made.exit_code == 0, made.output
    shown = json.loads(cli([*db, "--json", "case", "show", str(settled_case)]).stdout)
    confirmation = shown["confirmation"]
    assert confirmation["drafted_on"] == "2026-11-20"
    assert {"status", "court", "apply_by", "filed_on", "court_case_no", "decided_on"} <= set(
        confirmation
    )
    early = cli(
        [*db, "confirm", "record", str(settled_case), "filed", "--on", "2026-11-19"], env=ZH
    )
    assert early.exit_code == 1, early.output
    text = squash(early.stderr)
    assert "--on" in text and "早于申请书落款日期（2026-11-20）" in text, text
    assert _confirmation_row(initialised.url, settled_case).status == "drafted"
    filed = cli(
        [*db, "--json", "confirm", "record", str(settled_case), "filed", "--on", "2026-11-20"]
    )
    assert filed.exit_code == 0, filed.output
    assert json.loads(filed.stdout)["drafted_on"] == "2026-11-20"
    again = cli([*render, "--date", "2026-11-25", "--force"])
    assert again.exit_code == 0, again.output
    assert _confirmation_row(initialised.url, settled_case).drafted_on == dt.date(2026, 11, 20)
    page = squash(cli([*db, "case", "show", str(settled_case)], env=ZH).stdout)
    assert "申请书落款日期2026-11-20" in page, page
    history = squash(cli([*db, "case", "history", str(settled_case)], env=ZH).stdout)
    assert "申请书落款日期" in history and "2026-11-20" in history, history


def test_an_application_made_before_migration_0021_has_no_date_and_is_not_checked(
    initialised, settled_case, cli
):
    """Old cases: no date was stored with their application, so no filing date is refused
    for it (only the agreement's effect, 2026-11-10, bounds it)."""
    db = ["--db", initialised.url]
    assert _confirmation_row(initialised.url, settled_case).drafted_on is None
    filed = cli(
        [*db, "--json", "confirm", "record", str(settled_case), "filed", "--on", "2026-11-11"]
    )
    assert filed.exit_code == 0, filed.output
    assert json.loads(filed.stdout)["drafted_on"] is None
    shown = json.loads(cli([*db, "--json", "case", "show", str(settled_case)]).stdout)
    assert shown["confirmation"]["drafted_on"] is None


def test_a_batch_of_applications_records_the_date_printed_on_each(
    initialised, cli, tmp_path, batch_path
):
    """doc batch application --date: each drafted application's date is stored as doc
    render's is (docsql.record_drafted_on on both paths), with the document event."""

    def build(session):
        cases = [
            factories.case(session, status="settled", facts="借款到期未还。") for _ in range(2)
        ]
        for case in cases:
            settle(session, case.id)
        return [c.id for c in cases]

    ids = seed(initialised.url, build)
    out = tmp_path / "batch"
    made = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "batch",
            "application",
            "-o",
            str(out),
            "--date",
            "2026-11-18",
            "--workers",
            "1",
        ]
    )
    assert made.exit_code == 0, made.output
    for case_id in ids:
        row = _confirmation_row(initialised.url, case_id)
        assert (row.drafted_on, row.version) == (dt.date(2026, 11, 18), 2)
    engine = make_engine(initialised.url)
    with Session(engine) as session:
        from mediate.store.tables import EventRow

        events = session.exec(select(EventRow).where(EventRow.action == "document")).all()
    engine.dispose()
    assert sorted((e.case_id, e.after["drafted_on"]) for e in events) == [
        (i, "2026-11-18") for i in sorted(ids)
    ]
