"""The type code (类型代字) of a judicial-confirmation ruling's number (domain/case_numbers.py).

人民法院案件类型及其代字标准 (法〔2015〕137号) item 0318: 调解协议司法确认案件 → 民特 (a
third-party transcription). The SPC's notice of 2021-09 《关于诉前调解申请司法确认和出具调解书
案件不纳入民事案件司法统计的通知》 (reported by 霞浦县人民法院's page, fj.ndxpfy.gov.cn, 2022-01,
and sxls.com; the notice itself not read): from 2022-01-01 a confirmation after the court's
pre-filing mediation is numbered 诉前调确, not 民特. 民诉前调 numbers the pre-filing mediation
case itself. data/PROVENANCE.md, "案件类型代字".
"""

from __future__ import annotations

import pytest

from mediate.domain.case_numbers import confirmation_number_warning, type_code


@pytest.mark.parametrize(
    ("number", "warned"),
    [
        ("（2021）豫0802民特3号", False),
        ("（2022）豫0802诉前调确3号", False),
        ("（2024）豫0802诉前调确3号", False),
        ("（2021）豫0802诉前调确3号", True),
        ("（2019）豫0802诉前调确3号", True),
    ],
)
def test_spc_notice_2021_09_suqian_tiaoque_numbers_confirmations_from_2022(number, warned):
    assert (confirmation_number_warning(number) is not None) is warned


@pytest.mark.parametrize("year", [2021, 2024, 2026])
def test_spc_notice_2021_09_min_suqian_tiao_is_the_mediation_case_not_a_ruling(year):
    number = f"（{year}）豫0802民诉前调12号"
    assert type_code(number) == "民诉前调"
    warning = confirmation_number_warning(number)
    assert warning is not None and "民诉前调" in warning and "民特" in warning
