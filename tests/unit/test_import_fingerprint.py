"""An import's fingerprint of a row: the same dispute however it was written, a different
one as soon as what identifies it differs (intake/stream.py `fingerprint_of`)."""

import dataclasses
import datetime as dt

import pytest

from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source
from mediate.intake.stream import fingerprint_of
from mediate.intake.values import parse_amount


def case(amount="52,000", **kw):
    values = {
        "cause": "民间借贷纠纷",
        "amount": parse_amount(amount),
        "source": Source.COURT_DELEGATED,
        "received_on": dt.date(2026, 11, 2),
        "location": "410802",
        "parties": [
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三", "410802199001011234", phone="1"),
            Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某公司", phone="2"),
        ],
    }
    values.update(kw)
    return CaseInput(**values)


@pytest.mark.parametrize("amount", ["52000", "5.2万元", "５２０００", "￥52,000.00", "伍万贰仟元"])
def test_an_amount_written_otherwise_is_the_same_dispute(amount):
    assert fingerprint_of(case(amount)) == fingerprint_of(case())


def test_what_the_fingerprint_leaves_out_does_not_make_another_dispute():
    same = case(facts="另写的事实", court_case_no="（2026）豫0802民初1号", tags=["x"])
    assert fingerprint_of(same) == fingerprint_of(case())


def _party(index, **changes):
    parties = case().parties
    parties[index] = dataclasses.replace(parties[index], **changes)
    return case(parties=parties)


@pytest.mark.parametrize(
    "other",
    [
        lambda: case("52001"),
        lambda: case(None),
        lambda: case(cause="买卖合同纠纷"),
        lambda: case(source=Source.COURT_ENTRUSTED),
        lambda: case(received_on=dt.date(2026, 11, 3)),
        lambda: case(location="410803"),
        lambda: _party(0, role=PartyRole.THIRD_PARTY),
        lambda: _party(1, kind=PartyKind.INSTITUTION),
        lambda: _party(0, name="张四"),
        lambda: _party(0, id_number=None),
        lambda: _party(1, phone="3"),
        lambda: case(parties=case().parties[:1]),
        lambda: case(parties=list(reversed(case().parties))),
    ],
)
def test_a_dispute_differing_in_what_identifies_it_is_another(other):
    assert fingerprint_of(other()) != fingerprint_of(case())
