"""Issue 14: the rules language says what the seed and the law mean.

The table of real disputes lives in rules/tests/disputes.yaml (run by test_rules_default);
these tests pin the language features it relies on and the intake changes around them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.domain.special import is_special_procedure, names_special_procedure
from mediate.errors import ValidationErrors
from mediate.intake.dispute_file import parse_dispute
from mediate.resources import default_rules_file
from mediate.routing.causes import bundled_revision, bundled_taxonomy
from mediate.routing.engine import Router
from mediate.routing.loader import check_text, compile_text
from mediate.routing.network import bundled_network
from mediate.services.routing import load_rules


def rules(text: str):  # type: ignore[no-untyped-def]
    return compile_text(text.encode(), "t.yaml", bundled_network(), bundled_taxonomy())


def case(cause: str, claim: str | None = None, **kw: object) -> CaseInput:
    parties = kw.pop("parties", None) or [
        Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "甲公司"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "乙公司"),
    ]
    return CaseInput(cause=cause, parties=parties, claim=claim, **kw)  # type: ignore[arg-type]


# -- special procedures (民诉法解释 art. 143) --------------------------------------------------
def test_the_wording_of_special_procedures_picks_exactly_the_non_contentious_part_of_2025() -> None:
    # The wording test alone must agree with the taxonomy part, so that unknown and old
    # names are recognised the same way as known ones, and no lawsuit is caught.
    taxonomy = bundled_revision("2025")
    wrong = [
        c.name
        for c in taxonomy.walk()
        if names_special_procedure(c.name) != ("非讼程序案件案由" in taxonomy.groups(c.name))
    ]
    assert wrong == []


def test_a_2020_non_contentious_cause_is_routed_as_one_by_its_taxonomy_part() -> None:
    taxonomy = bundled_taxonomy()
    wrong = [
        c.name
        for c in taxonomy.walk()
        if is_special_procedure(c.name, taxonomy.groups(c.name))
        != ("非讼程序案件案由" in taxonomy.groups(c.name))
    ]
    assert wrong == []


def _part_11_of_the_2025_list() -> list[str]:
    """Every name under 第十一部分 非讼程序案件案由 of the verified 2025 list
    (tools/sources/causes-2025.csv, a copy of /work/shared/data/causes-2025.csv)."""
    path = Path(__file__).resolve().parents[2] / "tools" / "sources" / "causes-2025.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    parent = {r["serial"]: r["parent_serial"] for r in rows}
    names = {r["serial"]: r["name"] for r in rows}

    def part(serial: str) -> str:
        while parent[serial]:
            serial = parent[serial]
        return serial

    return [names[s] for s in names if part(s) == "第十一部分"]


@pytest.mark.parametrize("cause", _part_11_of_the_2025_list())
def test_a_special_procedure_is_a_cause_of_cpl_chapter_15_or_the_non_contentious_part_of_2025(
    cause: str,
) -> None:
    """民事诉讼法 (2023) ch. 15, art. 184 (选民资格, 宣告失踪/死亡, 指定遗产管理人, 认定无/限制
    民事行为能力, 认定财产无主, 确认调解协议, 实现担保物权) and the rest of part 11 of the 2025
    案由 (法〔2025〕227号): every one of its names, not a prefix (民诉法解释 art. 143)."""
    assert names_special_procedure(cause)
    assert is_special_procedure(cause)


@pytest.mark.parametrize(
    "cause",
    [
        "申请破产前的债务纠纷",
        "申请破产前的买卖合同纠纷",
        "申请人与被申请人合同纠纷",
        "申请人与被申请人民间借贷纠纷",
        "因申请财产保全损害责任纠纷",
        "因申请行为保全损害责任纠纷",
        "申请破产前的借款纠纷",
    ],
)
def test_a_cause_starting_with_申请_is_special_only_if_cpl_ch_15_or_part_11_names_it(
    cause: str,
) -> None:
    """A free-text cause that merely starts with 申请 is a lawsuit to mediate (民诉法解释
    art. 143 excludes only the special and non-contentious procedures)."""
    assert not names_special_procedure(cause)
    assert not is_special_procedure(cause, bundled_taxonomy().infer(cause)[0])
    decision = Router(load_rules(default_rules_file())).route(case(cause))
    assert decision.rule != "not-mediable"


@pytest.mark.parametrize(
    "cause",
    [
        "申请宣告公民失踪",
        "申请宣告公民死亡",
        "申请认定公民无民事行为能力",
        "宣告失踪",
        "认定财产无主案件",
    ],
)
def test_old_names_and_free_wording_of_special_procedures_are_recognised(cause: str) -> None:
    assert is_special_procedure(cause)


@pytest.mark.parametrize(
    "cause", ["失踪人债务支付纠纷", "申请执行人执行异议之诉", "因申请财产保全损害责任纠纷"]
)
def test_lawsuits_that_mention_an_application_are_not_special_procedures(cause: str) -> None:
    assert not names_special_procedure(cause)


def test_a_special_procedure_application_is_taken_in_without_a_respondent() -> None:
    taken = parse_dispute(
        "cause: 申请宣告公民失踪\nlocation: 温县\n"
        "parties:\n  - {role: applicant, kind: person, name: 王某}\n"
    )
    assert [p.role for p in taken.parties] == [PartyRole.APPLICANT]
    decision = Router(load_rules(default_rules_file())).route(taken)
    assert (decision.org.kind.value, decision.rule) == ("court", "not-mediable")


def test_an_ordinary_dispute_without_a_respondent_is_still_refused() -> None:
    with pytest.raises(ValidationErrors) as caught:
        parse_dispute(
            "cause: 民间借贷纠纷\nparties:\n  - {role: applicant, kind: person, name: 王某}\n"
        )
    assert "respondent" in str(caught.value.errors[0])


# -- the claim (请求事项) ------------------------------------------------------------------------
def test_a_dispute_file_carries_its_claim() -> None:
    taken = parse_dispute(
        "cause: 买卖合同纠纷\nclaim: 支付货款5万元\nparties:\n"
        "  - {role: applicant, kind: enterprise, name: 甲公司}\n"
        "  - {role: respondent, kind: enterprise, name: 乙公司}\n"
    )
    assert taken.claim == "支付货款5万元"


CLAIM_RULES = """
route:
  name: root
  target: jz-410800-nlc
  routes:
    - name: debt
      match: {claim_keyword: 货款, not: {claim_keyword: 退}}
      target: jz-410800-credit
    - name: unstated
      match: {claim_given: false}
      target: jz-410800-price
"""


def test_claim_matchers_tell_a_debt_from_a_refund_and_from_no_claim() -> None:
    router = Router(rules(CLAIM_RULES))
    assert router.route(case("买卖合同纠纷", "支付货款")).rule == "debt"
    assert router.route(case("买卖合同纠纷", "退还货款")).rule == "root"
    assert router.route(case("买卖合同纠纷")).rule == "unstated"


def test_claim_given_must_be_true_or_false() -> None:
    text = CLAIM_RULES.replace("claim_given: false", "claim_given: maybe")
    spec, errors = check_text(text.encode(), "t.yaml", bundled_network(), bundled_taxonomy())
    assert spec is None
    assert [e.message for e in errors] == ["'claim_given' must be true or false, not 'maybe'"]


# -- the default rules: the orderings issue 14 asked for -------------------------------------
def test_a_refund_claim_against_a_shop_never_reaches_the_credit_committee() -> None:
    router = Router(load_rules(default_rules_file()))
    for cause in ("买卖合同纠纷", "服务合同纠纷", "信息网络买卖合同纠纷"):
        shopper = case(
            cause,
            "退货退款",
            parties=[
                Party(PartyRole.APPLICANT, PartyKind.PERSON, "顾客"),
                Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某商行"),
            ],
        )
        assert router.route(shopper).org.kind.value != "credit_committee", cause


def test_a_financial_party_alone_never_makes_a_dispute_financial() -> None:
    router = Router(load_rules(default_rules_file()))
    for cause in (
        "机动车交通事故责任纠纷",
        "追索劳动报酬纠纷",
        "财产损害赔偿纠纷",
        "房屋租赁合同纠纷",
    ):
        with_bank = case(
            cause,
            parties=[
                Party(PartyRole.APPLICANT, PartyKind.PERSON, "某人"),
                Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某银行", industry="finance"),
            ],
        )
        assert router.route(with_bank).rule != "finance", cause


# -- explain: every sibling says why it was not used -----------------------------------------
def test_explain_says_why_each_later_sibling_was_not_used() -> None:
    decision = Router(rules(CLAIM_RULES)).explain(case("买卖合同纠纷", "支付货款"))
    steps = {s.rule: (s.matched, s.why) for s in decision.trace}
    assert steps["debt"][0] is True
    assert steps["unstated"] == (False, "not used (debt comes first); besides, a claim is given")


def test_a_route_of_condition_sets_explains_their_conditions() -> None:
    decision = Router(load_rules(default_rules_file())).explain(case("民间借贷纠纷"))
    why = next(s.why for s in decision.trace if s.rule == "credit-tagged")
    assert "malicious evasion of debts" in why  # the tag by its label
    raw = Router(load_rules(default_rules_file())).explain(case("民间借贷纠纷"), raw=True)
    assert "debt_evasion" in next(s.why for s in raw.trace if s.rule == "credit-tagged")


OVERLAP = """
route:
  name: root
  target: jz-410800-nlc
  routes:
    - name: price
      match: {tags: [price_dispute]}
      target: jz-410800-price
    - name: credit
      {yields}match: {tags: [debt_evasion, price_dispute]}
      target: jz-410800-credit
"""


def test_lint_stays_quiet_about_an_overlap_the_later_route_yields_on_purpose() -> None:
    from mediate.routing.lint import lint

    loud = lint(rules(OVERLAP.replace("{yields}", "")))
    quiet = lint(rules(OVERLAP.replace("{yields}", "yields_to: [price]\n      ")))
    assert [f.kind for f in loud if f.kind == "overlap"] == ["overlap"]
    assert [f for f in quiet if f.kind == "overlap"] == []


def test_yields_to_must_name_an_earlier_sibling() -> None:
    text = OVERLAP.replace("{yields}", "yields_to: [nobody]\n      ")
    spec, errors = check_text(text.encode(), "t.yaml", bundled_network(), bundled_taxonomy())
    assert spec is None
    assert [e.message for e in errors] == [
        "'yields_to': 'nobody' is not an earlier sibling of 'credit'"
    ]


@pytest.mark.parametrize(
    "cause",
    [
        "申请财产保全",
        "诉前保全",
        "诉前财产保全",
        "财产保全",
        "申请诉中财产保全",
        "申请行为保全",
        "证据保全",
        "申请确认人民调解协议效力",
        "申请强制清算",
        "申请重整",
        "申请破产清算",
        "破产清算",
        "督促程序",
    ],
)
def test_a_clerks_free_text_for_preservation_confirmation_liquidation_or_bankruptcy_is_special(
    cause: str,
) -> None:
    """Preservation (民事诉讼法 arts. 103-104), confirming a mediation agreement (art. 205),
    compulsory liquidation and a bankruptcy petition (企业破产法 art. 7) are applications to
    a court, not disputes to mediate (民诉法解释 art. 143), however the clerk words them."""
    assert names_special_procedure(cause)


def _tort_causes_for_damage_by_an_application() -> list[str]:
    """Every 因申请…损害责任纠纷 of the verified 2025 list (tools/sources/causes-2025.csv)."""
    path = Path(__file__).resolve().parents[2] / "tools" / "sources" / "causes-2025.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    return [n for n in names if n.startswith("因申请") and n.endswith("损害责任纠纷")]


@pytest.mark.parametrize(
    "cause",
    [
        *_tort_causes_for_damage_by_an_application(),
        # their names before 2020 (the 2011 list, 法〔2011〕42号 — number and names not
        # checked against the SPC's text: data/PROVENANCE.md), which no bundled revision knows
        "因申请诉前财产保全损害责任纠纷",
        "因申请诉中财产保全损害责任纠纷",
        "因申请诉前证据保全损害责任纠纷",
    ],
)
def test_a_cause_ending_in_纠纷_is_inferred_as_a_dispute_never_as_a_non_contentious_application(
    cause: str,
) -> None:
    """因申请诉前财产保全损害责任纠纷 names 申请诉前财产保全 (part 11) inside it, but it is a
    suit for the damage the preservation did: keyword inference must not lend it part 11's
    groups, and it is routed to mediation (docs/routing-policy.md row 1)."""
    groups, hits = bundled_taxonomy().infer(cause)
    assert "非讼程序案件案由" not in groups
    assert all(not h.name.startswith("申请") for h in hits)
    assert not is_special_procedure(cause, bundled_taxonomy().groups(cause) or groups)
    decision = Router(load_rules(default_rules_file())).route(case(cause))
    assert decision.rule != "not-mediable" and decision.org.kind.value != "court"


def test_an_application_not_written_as_a_dispute_is_still_inferred_into_part_11() -> None:
    groups, _hits = bundled_taxonomy().infer("关于申请诉前财产保全")
    assert "非讼程序案件案由" in groups


def _non_contentious_applications() -> list[str]:
    """Every cause of the 2025 list's part 非讼程序案件案由 (tools/sources/causes-2025.csv)."""
    taxonomy = bundled_taxonomy()
    return sorted(
        c.name
        for c in taxonomy.walk()
        if taxonomy.lineage(c)[-1].name == "非讼程序案件案由" and c.name != "非讼程序案件案由"
    )


@pytest.mark.parametrize("written", ["{}纠纷", "关于{}纠纷"])
@pytest.mark.parametrize("application", _non_contentious_applications())
def test_an_application_written_as_a_dispute_is_still_not_mediable(
    application: str, written: str
) -> None:
    """Clerks and court exports add 纠纷 to an application (申请撤销监护人资格纠纷): it is
    still a matter of the special, 督促 or 公示催告 procedure, which may not be mediated
    (民诉法解释 art. 143); only a suit for damage (…损害责任纠纷) is not (review of
    2026-12-02 of b436537)."""
    cause = written.format(application)
    groups, _hits = bundled_taxonomy().infer(cause)
    assert "非讼程序案件案由" in groups
    decision = Router(load_rules(default_rules_file())).route(case(cause))
    assert decision.rule == "not-mediable"
