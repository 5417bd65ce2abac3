"""A 个体工商户 recorded as 民诉法解释 (2022) art. 59 asks (read in LawRefBook/Laws at
2f4c5c2): "个体工商户以营业执照上登记的经营者为当事人。有字号的，以营业执照上登记的字号为当事人，
但应同时注明该字号经营者的基本信息". The kind 个体工商户 (stored as enterprise with its
representative's title 经营者) takes its credit code or its operator's resident ID (checked
as one); 经营者=… names the operator; case show, the papers and labour routing read it."""

import json

import pytest

from tests.e2e.trader_helpers import (
    BAD_ID,
    HOME,
    OPERATOR_ID,
    SHOP,
    SHOP_AT,
    ZH,
    edit_by_form,
    flat,
    new_case,
    new_trader_case,
    run,
    shown,
)


def test_rule_art59_case_new_takes_a_sole_trader_with_its_operators_resident_id(cli, initialised):
    db = initialised.url
    result = new_case(cli, db, f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某")
    assert result.exit_code == 0, result.output
    case = json.loads(result.stdout)
    shop = shown(cli, db, case["id"])["parties"][1]
    assert (shop["kind"], shop["legal_rep"], shop["legal_rep_title"]) == (
        "enterprise",
        "钱某",
        "经营者",
    )
    # labour routing unchanged: a worker against a 个体工商户 (劳动法 art. 2)
    assert shown(cli, db, case["id"])["decision"]["rule"] == "labour"
    table = run(cli, db, "case", "show", str(case["id"]))
    assert "个体工商户" in table.stdout and "经营者：钱某" in flat(table.stdout), table.stdout


def test_rule_art59_case_edit_makes_a_trade_name_person_a_sole_trader_keeping_the_id(
    cli, initialised
):
    db = initialised.url
    created = new_case(cli, db, f"名称={SHOP}，证件号码={OPERATOR_ID}")
    assert created.exit_code == 0, created.output
    case = str(json.loads(created.stdout)["id"])
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "类型=个体工商户")
    assert edited.exit_code == 0, edited.output
    assert "个体工商户" in edited.stdout, edited.stdout  # the change table names the kind
    named = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "经营者=钱某")
    assert named.exit_code == 0, named.output
    assert "经营者" in named.stdout and "法定代表人" not in named.stdout, named.stdout
    shop = shown(cli, db, case)["parties"][1]
    assert shop["kind"] == "enterprise" and shop["legal_rep_title"] == "经营者"
    assert shop["legal_rep"] == "钱某"
    assert shop["id_number"].endswith(OPERATOR_ID[-4:])
    # the operator's ID can be corrected later: the kind's 经营者 stays with it
    again = run(
        cli, db, "case", "edit", case, "-y", "--party", "2", "--set", f"证件号码={OPERATOR_ID}"
    )
    assert again.exit_code == 0, again.output


def test_rule_art59_case_edit_and_history_show_a_sole_trader_as_a_kind_not_a_stored_title(
    cli, initialised
):
    """A 个体工商户 is stored as an enterprise titled 经营者 (domain/parties.py OPERATOR): the
    change table and case history say 类型 企业 → 个体工商户, never 法定代表人职务 → 经营者;
    typed back as 企业 it is an enterprise again (its 经营者 title goes)."""
    db = initialised.url
    created = new_case(cli, db, f"名称={SHOP}，类型=企业，法定代表人=钱某")
    assert created.exit_code == 0, created.output
    case = str(json.loads(created.stdout)["id"])
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "类型=个体工商户")
    assert edited.exit_code == 0, edited.output
    assert "法定代表人职务" not in edited.stdout, edited.stdout
    assert "类型│企业│个体工商户" in flat(edited.stdout), edited.stdout
    assert shown(cli, db, case)["parties"][1]["legal_rep_title"] == "经营者"
    back = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "类型=企业")
    assert back.exit_code == 0, back.output
    assert "类型│个体工商户│企业" in flat(back.stdout), back.stdout
    assert shown(cli, db, case)["parties"][1]["legal_rep_title"] is None
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert "法定代表人职务" not in history, history
    assert "当事人2类型：企业│当事人2类型：个体工商户" in history, history
    assert "当事人2类型：个体工商户│当事人2类型：企业" in history, history


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        (f"名称={SHOP}，类型=个体工商户，证件号码={BAD_ID}", "校验位"),
        (f"名称={SHOP}，类型=企业，证件号码={OPERATOR_ID}", "请将类型改为个体工商户"),
    ],
)
def test_rule_art59_a_bad_id_of_a_sole_trader_is_still_refused(cli, initialised, spec, said):
    result = new_case(cli, initialised.url, spec)
    assert result.exit_code == 2, result.output
    assert said in flat(result.stderr), result.stderr


def test_rule_art59_an_import_row_takes_a_sole_trader_with_its_operators_id(
    cli, initialised, tmp_path
):
    db = initialised.url
    path = tmp_path / "traders.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,被申请人证件号\n"
        f"(2026)豫0802民初921号,追索劳动报酬纠纷,自行受理,2026-11-27,410802,张一,自然人,"
        f"{SHOP},个体工商户,{OPERATOR_ID}\n"
        f"(2026)豫0802民初922号,追索劳动报酬纠纷,自行受理,2026-11-27,410802,张二,自然人,"
        f"{SHOP},个体工商户,{BAD_ID}\n",
        encoding="utf-8",
    )
    result = run(cli, db, "--json", "import", str(path))
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"]) == (1, 1), report
    shop = shown(cli, db, 1)["parties"][1]
    assert (shop["kind"], shop["legal_rep_title"]) == ("enterprise", "经营者")
    assert shown(cli, db, 1)["decision"]["rule"] == "labour"


def test_case_new_help_and_the_unknown_key_error_name_the_sole_trader_and_its_operator(
    cli, initialised
):
    """`case new --help` (Chinese from the start, in a fresh process) shows how a 个体工商户
    is typed, within 80 columns; an unknown key lists 经营者 among the keys taken."""
    import os
    import subprocess
    import sys

    from rich.cells import cell_len

    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    out = subprocess.run(
        [sys.executable, "-m", "mediate", "case", "new", "--help"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "类型=个体工商户,经营者=" in flat(out) and "名称=" in out, out
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    result = new_case(cli, initialised.url, "姓名=王五,foo=1")
    assert result.exit_code == 2, result.output
    assert "法定代表人职务、经营者、" in flat(result.stderr), result.output


def test_rule_art8_case_new_stores_the_operators_domicile_apart_from_the_shops(cli, initialised):
    db = initialised.url
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某，住所={SHOP_AT}"
    result = new_case(cli, db, f"{spec}，经营者住所={HOME}")
    assert result.exit_code == 0, result.output
    shop = shown(cli, db, json.loads(result.stdout)["id"])["parties"][1]
    assert (shop["address"], shop["operator_address"]) == (SHOP_AT, HOME)


def test_rule_art8_case_show_prints_the_operator_and_the_operators_domicile(cli, initialised):
    """The party table printed the 经营者 but not his 住所 (JSON had it): below the shop's
    住所 it reads 经营者住所：…, the key `case edit --set` takes, whole at 80 columns."""
    from rich.cells import cell_len

    from mediate import console

    db = initialised.url
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某，住所={SHOP_AT}"
    result = new_case(cli, db, f"{spec}，经营者住所={HOME}")
    assert result.exit_code == 0, result.output
    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    table = run(cli, db, "case", "show", str(json.loads(result.stdout)["id"])).stdout
    assert "…" not in table and all(cell_len(line) <= 80 for line in table.splitlines())
    rows = [line.split("│")[1:-1] for line in table.splitlines() if line.startswith("│")]
    name, address = ("".join("".join(row[i].split()) for row in rows) for i in (3, 6))
    assert "经营者：钱某" in name, table  # each cell's lines, wrapped at 80 columns, joined
    assert address.endswith(f"{SHOP_AT}经营者住所：{HOME}"), table


def test_rule_art8_a_company_or_a_person_has_no_operators_domicile(cli, initialised):
    company = f"名称=焦作市某某有限公司，类型=企业，经营者住所={HOME}"
    result = new_case(cli, initialised.url, company)
    assert result.exit_code == 2, result.output
    assert "只有个体工商户才有经营者住所" in flat(result.stderr), result.stderr


def test_rule_art8_case_edit_sets_the_operators_domicile_and_history_names_it(cli, initialised):
    db = initialised.url
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某"
    created = new_case(cli, db, spec)
    assert created.exit_code == 0, created.output
    case = str(json.loads(created.stdout)["id"])
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", f"经营者住所={HOME}")
    assert edited.exit_code == 0, edited.output
    assert "经营者住所" in edited.stdout, edited.stdout
    shop = shown(cli, db, case)["parties"][1]
    assert (shop["operator_address"], shop["legal_rep_title"]) == (HOME, "经营者")
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert f"当事人2经营者住所：{HOME}" in history, history
    person = run(cli, db, "case", "edit", case, "-y", "--party", "1", "--set", f"经营者住所={HOME}")
    assert person.exit_code == 2, person.output  # 张三 is no 个体工商户
    assert "只有个体工商户才有经营者住所" in flat(person.stderr), person.stderr


@pytest.mark.parametrize("change", ["类型=企业", "类型=自然人", "法定代表人职务=总经理"])
def test_rule_art8_a_party_no_longer_a_sole_trader_loses_the_operators_domicile_in_view(
    cli, initialised, change
):
    """Retyped as another kind (or its 经营者 title replaced), a 个体工商户's 经营者住所 was
    kept unseen (intake refuses one on any other kind): the edit clears it, the change table
    shows it going and the history keeps the old value; typed 个体工商户 again, it stays."""
    db = initialised.url
    created = new_case(cli, db, f"名称={SHOP}，类型=个体工商户，经营者=钱某，经营者住所={HOME}")
    assert created.exit_code == 0, created.output
    case = str(json.loads(created.stdout)["id"])
    same = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "类型=个体工商户")
    assert shown(cli, db, case)["parties"][1]["operator_address"] == HOME, same.output
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", change)
    assert edited.exit_code == 0, edited.output
    assert f"│经营者住所│{HOME}│" in flat(edited.stdout), edited.stdout
    assert shown(cli, db, case)["parties"][1]["operator_address"] is None
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert f"当事人2经营者住所：{HOME}" in history, history


def test_rule_art8_an_import_row_takes_the_operators_domicile_column(cli, initialised, tmp_path):
    db = initialised.url
    path = tmp_path / "traders.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,"
        "被申请人证件号,被申请人住所,被申请人经营者住所\n"
        f"(2026)豫0802民初921号,买卖合同纠纷,自行受理,2026-11-27,410802,张一,自然人,"
        f"{SHOP},个体工商户,{OPERATOR_ID},{SHOP_AT},{HOME}\n"
        f"(2026)豫0802民初922号,买卖合同纠纷,自行受理,2026-11-27,410802,张二,自然人,"
        f"焦作市某某有限公司,企业,,{SHOP_AT},{HOME}\n",
        encoding="utf-8",
    )
    result = run(cli, db, "--json", "import", str(path))
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"]) == (1, 1), report
    shop = shown(cli, db, 1)["parties"][1]
    assert (shop["address"], shop["operator_address"]) == (SHOP_AT, HOME)
    assert "被申请人经营者住所" in json.dumps(report, ensure_ascii=False), report


@pytest.mark.parametrize("header", ["被申请人经营者", "被告经营者姓名"])
def test_rule_art59_an_import_row_takes_the_operators_name_column_into_the_papers(
    cli, initialised, tmp_path, header
):
    """民诉法解释 (2022) art. 59: the 字号's 经营者 is noted beside it. An import's 经营者 column
    (any role word, as 经营者住所's) is stored as `case new` stores 经营者=…, the
    representative titled 经营者, and printed in the papers, not 经营者：＿＿＿＿."""
    import docx

    db = initialised.url
    path = tmp_path / "traders.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,"
        f"被申请人证件号,被申请人住所,{header},被申请人经营者住所\n"
        f"(2026)豫0802民初931号,买卖合同纠纷,自行受理,2026-11-27,410802,张一,自然人,"
        f"{SHOP},个体工商户,{OPERATOR_ID},{SHOP_AT},钱某,{HOME}\n",
        encoding="utf-8",
    )
    report = json.loads(run(cli, db, "--json", "import", str(path)).stdout)
    assert report["imported"] == 1, report
    assert header not in json.dumps(report.get("unused_columns", ""), ensure_ascii=False)
    shop = shown(cli, db, 1)["parties"][1]
    assert (shop["legal_rep"], shop["legal_rep_title"]) == ("钱某", "经营者")
    made = run(cli, db, "--json", "doc", "render", "registration", "1", "-o", str(tmp_path))
    assert made.exit_code == 0, made.stderr
    paper = json.loads(made.stdout)["path"]
    text = "\n".join(p.text for p in docx.Document(paper).paragraphs)
    assert f"经营者：钱某，住{HOME}" in text, text
    assert "经营者：＿" not in text, text


def test_rule_art8_para2_4_a_sole_traders_address_is_labelled_its_place_of_business(
    cli, initialised
):
    """市场主体登记管理条例 (2021) art. 8 para. 2(四) registers "个体工商户的经营者姓名、住所、
    经营场所": the papers print the shop's address as 经营场所, but `case show`, the change
    table and the history labelled it 住所. Each now says 经营场所 for a 个体工商户 (住所 for a
    person, as before), and `case new`/`case edit --set` take 经营场所 back."""
    db = initialised.url
    case = new_trader_case(cli, db)
    assert shown(cli, db, case)["parties"][1]["address"] == SHOP_AT
    table = flat(run(cli, db, "case", "show", case).stdout)
    assert f"经营场所：{SHOP_AT}" in table and f"│{HOME}│" in table, table  # the person's: bare
    moved = "焦作市解放区民主南路10号"
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", f"经营场所={moved}")
    assert edited.exit_code == 0, edited.output
    assert f"│2│经营场所│{SHOP_AT}│{moved}│" in flat(edited.stdout), edited.stdout
    assert shown(cli, db, case)["parties"][1]["address"] == moved
    person = run(cli, db, "case", "edit", case, "-y", "--party", "1", "--set", "住所=焦作市1号")
    assert "│1│住所│" in flat(person.stdout), person.stdout
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert f"当事人2经营场所：{SHOP_AT}" in history and f"当事人2经营场所：{moved}" in history
    assert "当事人1住所：焦作市1号" in history, history
    assert "当事人2住所" not in history, history


def import_then_resend(cli, db, tmp_path, shop_at, home):
    """A court's sheet imported, then re-sent with the shop's and the person's addresses
    changed and imported with `--update overwrite`: the re-import's output."""
    header = (
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,申请人住所,"
        "被申请人,被申请人类型,被申请人证件号,被申请人住所,被申请人经营者\n"
    )
    row = (
        "(2026)豫0802民初941号,买卖合同纠纷,自行受理,2026-11-27,410802,张一,自然人,{},"
        "{},个体工商户,{},{},钱某\n"
    )
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    first.write_text(header + row.format(HOME, SHOP, OPERATOR_ID, SHOP_AT), encoding="utf-8")
    resent.write_text(header + row.format(home, SHOP, OPERATOR_ID, shop_at), encoding="utf-8")
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    return cli(
        ["--db", db, "--clerk", "李书记员", "import", str(resent), "--update", "--overwrite"],
        env={**ZH, "COLUMNS": "200"},  # each row of the change table on one line
    )


def history_columns(cli, db, case):
    """`case history`'s 变更前 and 变更后 columns, each as one text (a cell wrapped over
    lines joined again)."""
    lines = [line.split("│") for line in run(cli, db, "case", "history", case).stdout.splitlines()]
    cells = [line for line in lines if len(line) == 8]  # 6 columns between the borders
    return tuple("".join(line[column].strip() for line in cells) for column in (4, 5))


def test_rule_art8_para2_4_import_update_labels_a_sole_traders_address_its_place_of_business(
    cli, initialised, tmp_path
):
    """市场主体登记管理条例 (2021) art. 8 para. 2(四): a 个体工商户's own address is its 经营场所.
    `import --update` changing it labelled it 住所 in its change table and in the history;
    it now records the party's kind and title in the event's context, as `case edit` does,
    and both say 经营场所 — the stored history keeps the same shape as an edit's."""
    db = initialised.url
    moved = "焦作市解放区民主南路10号"
    result = import_then_resend(cli, db, tmp_path, moved, HOME)
    assert result.exit_code == 0, result.output
    table = flat(result.stdout)
    assert f"│{SHOP}│经营场所│{SHOP_AT}│{moved}│" in table, result.stdout
    assert "│住所│" not in table, result.stdout
    before, after = history_columns(cli, db, "1")
    assert f"{SHOP}的经营场所：{SHOP_AT}" in before and f"{SHOP}的经营场所：{moved}" in after
    assert f"{SHOP}的住所" not in before + after, after


def test_rule_art8_para2_4_import_update_labels_a_natural_persons_address_its_domicile(
    cli, initialised, tmp_path
):
    """The same re-import changing a natural person's address beside a 个体工商户's: the
    person's is still its 住所 (no kind recorded for it), the shop's its 经营场所."""
    db = initialised.url
    moved, home = "焦作市解放区民主南路10号", "焦作市山阳区焦东路18号"
    result = import_then_resend(cli, db, tmp_path, moved, home)
    assert result.exit_code == 0, result.output
    table = flat(result.stdout)
    assert f"│张一│住所│{HOME}│{home}│" in table, result.stdout
    assert f"│{SHOP}│经营场所│" in table, result.stdout
    after = history_columns(cli, db, "1")[1]
    assert f"张一的住所：{home}" in after and f"{SHOP}的经营场所：{moved}" in after, after
    stored = json.loads(run(cli, db, "--json", "case", "history", "1").stdout)[-1]
    assert stored["after"]["张一.address"] == home and "张一.kind" not in stored["after"]


# 市场主体登记管理条例 (2021) art. 8 para. 2(四): a 个体工商户's address is its 经营场所. An event
# changing it records the party's kind and title (what says it is one) as context, apart
# from the change: before/after hold only what changed (review of dace907/7c973c8: history
# showed 类型：个体工商户 on both sides of an address-only edit, and --json gained keys).
SHOP_CONTEXT = {"kind": "enterprise", "legal_rep_title": "经营者"}


def test_rule_art8_para2_4_case_edit_of_a_sole_traders_address_records_only_the_change(
    cli, initialised
):
    db = initialised.url
    case = new_trader_case(cli, db)
    moved = "焦作市解放区民主南路10号"
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", f"经营场所={moved}")
    assert edited.exit_code == 0, edited.output
    before, after = map(flat, history_columns(cli, db, case))
    assert before.endswith(f"当事人2经营场所：{SHOP_AT}"), before
    assert after.endswith(f"当事人2经营场所：{moved}"), after
    assert "类型" not in before + after and "当事人2住所" not in before + after, after
    stored = json.loads(run(cli, db, "--json", "case", "history", case).stdout)[-1]
    assert stored["before"] == {"parties[2].address": SHOP_AT}, stored
    assert stored["after"] == {"parties[2].address": moved}, stored
    assert stored["context"] == {f"parties[2].{k}": v for k, v in SHOP_CONTEXT.items()}


def test_rule_art8_para2_4_import_update_of_a_sole_traders_address_records_only_the_change(
    cli, initialised, tmp_path
):
    db = initialised.url
    moved = "焦作市解放区民主南路10号"
    result = import_then_resend(cli, db, tmp_path, moved, HOME)
    assert result.exit_code == 0, result.output
    before, after = map(flat, history_columns(cli, db, "1"))
    assert before.endswith(f"{SHOP}的经营场所：{SHOP_AT}"), before
    assert after.endswith(f"{SHOP}的经营场所：{moved}"), after
    assert "类型" not in before + after, after
    stored = json.loads(run(cli, db, "--json", "case", "history", "1").stdout)[-1]
    assert stored["before"] == {f"{SHOP}.address": SHOP_AT}, stored
    assert stored["after"] == {f"{SHOP}.address": moved}, stored
    assert stored["context"] == {f"{SHOP}.{k}": v for k, v in SHOP_CONTEXT.items()}


def test_rule_art8_para2_4_an_event_recorded_with_the_kind_on_both_sides_shows_no_kind(
    cli, initialised
):
    """Events dace907 and 7c973c8 stored (3 Dec 2026) carry a 个体工商户's unchanged kind and
    title on both sides of its address change: history reads them as context — the address
    labelled 经营场所, no 类型 — and --json prints them under "context"."""
    from sqlmodel import Session, col, select

    from mediate.store.engine import make_engine
    from mediate.store.tables import EventRow

    db = initialised.url
    case = new_trader_case(cli, db)
    moved = "焦作市解放区民主南路10号"
    shop = {f"parties[2].{k}": v for k, v in SHOP_CONTEXT.items()}
    engine = make_engine(db)
    with Session(engine) as session:  # an edit's event as dace907 stored it (append-only)
        last = session.exec(select(EventRow).order_by(col(EventRow.id).desc())).first()
        assert last is not None
        session.add(
            EventRow(
                case_id=int(case),
                at=last.at,
                clerk="李书记员",
                action="edit",
                before={**shop, "parties[2].address": SHOP_AT},
                after={**shop, "parties[2].address": moved},
            )
        )
        session.commit()
    engine.dispose()
    before, after = map(flat, history_columns(cli, db, case))
    assert before.endswith(f"当事人2经营场所：{SHOP_AT}"), before
    assert after.endswith(f"当事人2经营场所：{moved}"), after
    assert "类型" not in before + after, after
    stored = json.loads(run(cli, db, "--json", "case", "history", case).stdout)[-1]
    assert stored["before"] == {"parties[2].address": SHOP_AT}, stored
    assert stored["after"] == {"parties[2].address": moved}, stored
    assert stored["context"] == shop, stored


def test_rule_art8_para2_4_the_interactive_edit_form_asks_a_sole_traders_place_of_business(
    cli, initialised, monkeypatch
):
    """`case edit ID` at a terminal asks each field of a party it edits: a 个体工商户's
    address by 经营场所 (as case show labels it), a person's by 住所; the answer is stored
    as the address."""
    from mediate.commands import case_desk
    from mediate.domain.fields import CASE_EDITABLE, PARTY_EDITABLE

    db = initialised.url
    case = new_trader_case(cli, db)
    moved = "焦作市解放区民主南路10号"
    monkeypatch.setattr(case_desk, "is_interactive", lambda no_input: True)
    keep = "\n" * len(CASE_EDITABLE)
    person = "是\n" + "\n" * len(PARTY_EDITABLE)
    shop = "是\n" + "".join(f"{moved}\n" if f == "address" else "\n" for f in PARTY_EDITABLE)
    result = cli(
        ["--db", db, "--clerk", "李书记员", "case", "edit", case],
        input=keep + person + shop + "\n\n\n",
        env=ZH,
    )
    assert result.exit_code == 0, result.output
    asked_person, asked_shop = result.stderr.split(f"（{SHOP}）")
    asked_person = asked_person.rpartition("张三")[2]
    assert f"住所 ({HOME})" in asked_person and "经营场所" not in asked_person, asked_person
    assert f"经营场所 ({SHOP_AT})" in asked_shop, asked_shop
    assert shown(cli, db, case)["parties"][1]["address"] == moved


@pytest.mark.parametrize(
    ("label", "key", "number", "masked"),
    [
        ("证件号码", "id_number", OPERATOR_ID, "4108**********0016"),
        ("电话", "phone", "13812345678", "138****5678"),
    ],
    ids=["id-number", "phone"],
)
def test_masking_the_edit_form_shows_a_number_masked_and_enter_keeps_it(
    cli, initialised, monkeypatch, label, key, number, masked
):
    """The form showed the full 410802198001010016: identity numbers are masked on screen
    (DESIGN.md §2; DOMAIN.md §5) as case show masks them, and so is a phone as case show
    masks it (138****5678); Enter keeps the stored number."""
    db = initialised.url
    case = new_trader_case(cli, db)  # its ID number stored; --set stores the phone
    stored = run(
        cli, db, "--no-input", "case", "edit", case, "--party", "2", "--set", f"{label}={number}"
    )
    assert stored.exit_code == 0, stored.output
    result, shown_defaults = edit_by_form(cli, db, case, monkeypatch, {})
    assert result.exit_code == 0, result.output
    assert shown_defaults[label] == masked, shown_defaults
    assert number not in str(shown_defaults) and "未作任何修改" in result.output
    assert shown(cli, db, case)["parties"][1][key] == masked
    revealed = run(cli, db, "case", "show", case, "--json", "--reveal")
    assert json.loads(revealed.stdout)["parties"][1][key] == number, revealed.output


def test_id_masking_an_id_number_typed_in_the_edit_form_replaces_the_stored_one(
    cli, initialised, monkeypatch
):
    db = initialised.url
    case = new_trader_case(cli, db)
    other = "410802198505050038"
    bad, _ = edit_by_form(cli, db, case, monkeypatch, {"证件号码": BAD_ID})
    assert bad.exit_code != 0, bad.output
    result, _ = edit_by_form(cli, db, case, monkeypatch, {"证件号码": other})
    assert result.exit_code == 0, result.output
    revealed = run(cli, db, "case", "show", case, "--json", "--reveal")
    assert json.loads(revealed.stdout)["parties"][1]["id_number"] == other, revealed.output


def test_rule_art59_the_edit_form_does_not_ask_a_sole_traders_title(cli, initialised, monkeypatch):
    """A 个体工商户's representative is its 经营者 (民诉法解释 (2022) art. 59): the form asked
    法定代表人职务 (经营者), and changing it made the party another kind. Not asked."""
    db = initialised.url
    case = new_trader_case(cli, db)
    result, shown_defaults = edit_by_form(cli, db, case, monkeypatch, {})
    assert result.exit_code == 0, result.output
    assert "法定代表人职务" not in shown_defaults and "经营者" in shown_defaults, shown_defaults
    assert shown(cli, db, case)["parties"][1]["legal_rep_title"] == "经营者"


def test_rule_art8_para2_4_case_add_warns_an_unplaced_sole_trader_routed_by_its_place_of_business(
    cli, initialised, tmp_path
):
    """市场主体登记管理条例 (2021) art. 8 para. 2(四): the routing warning named a 个体工商户's
    经营场所 its 住所地 (a stored case is routed from its rows: the title 经营者 went unread)."""
    dispute = tmp_path / "shop.yaml"
    dispute.write_text(
        "cause: 买卖合同纠纷\nparties:\n  - {role: applicant, name: 张三}\n"
        f"  - {{role: respondent, kind: 个体工商户, name: {SHOP}, legal_rep: 钱某,\n"
        f"     address: {SHOP_AT}, operator_address: {HOME}}}\n",
        encoding="utf-8",
    )
    result = run(cli, initialised.url, "case", "add", "--file", str(dispute))
    assert result.exit_code == 0, result.output
    said = flat(result.output)
    assert f"已按所录{SHOP}的经营场所（{SHOP_AT}）分流，而非其经营者的住所地" in said, said
