"""A party's industry is stored as a code (finance) and printed by its label (金融) under
MEDIATE_LANG=zh: in routing explanations (`rules explain`), in the history and exports;
what is printed is accepted back wherever the code is (a dispute file, `case edit --set`,
a rules file's `party: {industry: …}`)."""

from __future__ import annotations

from pathlib import Path

from mediate.domain.events import value_label
from mediate.domain.vocabulary import INDUSTRY, industry_code
from mediate.i18n import in_language
from mediate.intake.validate import build_party
from mediate.routing.causes import bundled_taxonomy
from mediate.routing.engine import _party_words
from mediate.routing.loader import check_text
from mediate.routing.network import bundled_network
from mediate.routing.schema import PartyTest

RULES = Path(__file__).resolve().parents[2] / "rules" / "jiaozuo.yaml"


def test_finance_is_printed_as_its_chinese_label() -> None:
    with in_language("zh_CN"):
        assert INDUSTRY.label("finance") == "金融"
        assert value_label("industry", "finance") == "金融"
        assert _party_words(PartyTest(None, industries=frozenset({"finance"}))) == "属于金融行业"
        assert value_label("industry", "餐饮") == "餐饮"  # another, as written
    with in_language("en"):
        assert _party_words(PartyTest(None, industries=frozenset({"finance"}))) == "in finance"


def test_the_printed_label_is_taken_back_as_the_code() -> None:
    for word in ("finance", "金融", "金融业", "Finance"):
        assert industry_code(word) == "finance"
    assert industry_code("餐饮") == "餐饮"
    assert industry_code(None) is None
    party, problems = build_party(
        {"role": "applicant", "kind": "enterprise", "name": "某银行焦作分行", "industry": "金融"}
    )
    assert problems == [] and party is not None
    assert party.industry == "finance"


def test_a_rules_file_may_name_an_industry_by_its_label() -> None:
    text = RULES.read_text(encoding="utf-8")
    assert "party: {industry: finance}" in text
    spec, errors = check_text(
        text.replace("party: {industry: finance}", "party: {industry: 金融}"),
        "x.yaml",
        bundled_network(),
        bundled_taxonomy(),
    )
    assert errors == [] and spec is not None
    matches = [*spec.sets.values(), *(r.match for r in _walk(spec.root) if r.match)]
    tests = [cond.value for match in matches for cond in _conds(match) if cond.op == "party"]
    assert [t.industries for t in tests if t.industries] == [frozenset({"finance"})]


def _walk(route):  # type: ignore[no-untyped-def]
    yield route
    for child in route.routes:
        yield from _walk(child)


def _conds(cond):  # type: ignore[no-untyped-def]
    yield cond
    for arg in cond.args or ():
        yield from _conds(arg)
