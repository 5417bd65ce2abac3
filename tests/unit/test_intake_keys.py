"""The natural key of a referral without a 案号 (issue 15; intake/keys.py)."""

import datetime as dt
from decimal import Decimal

from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.intake.columns import STANDARD_HEADERS, ColumnMap, not_a_case
from mediate.intake.keys import legacy_key, natural_key


def case(**kw):
    values = {
        "cause": "民间借贷纠纷",
        "referring_court": "焦作市中站区人民法院",
        "received_on": dt.date(2026, 11, 2),
        "parties": [
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四"),
        ],
    }
    values.update(kw)
    return CaseInput(**values)


def test_the_key_is_stable_across_runs_and_64_hex_characters():
    key = natural_key(case())
    assert len(key) == 64 and int(key, 16) >= 0
    assert key == natural_key(case())


def test_the_key_leaves_out_amount_and_ids_so_a_resent_row_is_the_same_case():
    filled = case(
        amount=Decimal("5000"),
        parties=[
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四", "410802198503121015"),
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三", address="焦作市"),
        ],
    )
    assert natural_key(filled) == natural_key(case())


def test_the_key_tells_court_date_cause_and_parties_apart():
    base = natural_key(case())
    assert natural_key(case(referring_court="焦作市解放区人民法院")) != base
    assert natural_key(case(received_on=dt.date(2026, 11, 3))) != base
    assert natural_key(case(cause="买卖合同纠纷")) != base
    swapped = case(
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "李四"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "张三"),
        ]
    )
    assert natural_key(swapped) != base


COLUMNS = ColumnMap(index={"applicant": 2, "respondent": 3}, headers={}, header_row=1)


def test_totals_and_notes_are_no_cases_but_a_fact_starting_with_heji_is():
    assert not_a_case(["合计", "", "", "", "76660.5"], COLUMNS) == "total"
    assert not_a_case(["", "总计：5件"], COLUMNS) == "total"
    assert not_a_case(["备注：以上案件请于三十日内办结"], COLUMNS) == "note"
    assert not_a_case(list(STANDARD_HEADERS), COLUMNS) == "header"
    assert not_a_case(["", "民间借贷纠纷", "张三", "李四", "合计欠款5万元"], COLUMNS) is None


def test_a_column_under_the_fields_own_header_wins_over_an_earlier_alias():
    from mediate.intake.columns import match_headers

    # `export cases` writes mediate's id under 案件编号 (an alias of 案号) before 案号
    assert match_headers(["案件编号", "案号", "案由"])["case_no"] == 1
    assert match_headers(["案件编号", "案由"])["case_no"] == 0
    assert match_headers(["案件编号", "案号"], {"案件编号": "case_no"})["case_no"] == 0


def test_a_blank_date_received_is_keyed_as_blank_not_as_the_import_day():
    # intake fills a blank 收案日期 with the import's day (`defaulted`): not in the key
    monday = case(received_on=dt.date(2026, 11, 30), defaulted=("received_on",))
    tuesday = case(received_on=dt.date(2026, 12, 1), defaulted=("received_on",))
    assert natural_key(monday) == natural_key(tuesday)
    assert natural_key(monday) == natural_key(case(received_on=None))
    assert natural_key(monday) != natural_key(case(received_on=dt.date(2026, 11, 30)))


def test_a_blank_date_s_legacy_key_is_the_key_with_the_day_intake_filled_in():
    # stored before 2026-12-03 (0efa544): the key of the row as if the import's day were its own
    blank = case(received_on=dt.date(2026, 11, 30), defaulted=("received_on",))
    assert legacy_key(blank) == natural_key(case(received_on=dt.date(2026, 11, 30)))
    assert legacy_key(blank) != natural_key(blank)


def test_a_row_with_a_date_or_a_case_number_has_no_legacy_key():
    assert legacy_key(case(received_on=dt.date(2026, 11, 30))) is None
    numbered = case(court_case_no="(2026)豫0802民初77号", defaulted=("received_on",))
    assert legacy_key(numbered) is None
