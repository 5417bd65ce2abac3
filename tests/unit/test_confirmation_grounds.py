"""The grounds a court gives for not accepting or dismissing an application, with their
sources (民诉法解释 (2022) arts. 355, 358; 民事诉讼法 (2023) art. 205, read in LawRefBook/Laws),
and the court codes a ruling's number must carry (法〔2015〕137号 art. 5)."""

from __future__ import annotations

import pytest

from mediate.domain.case_numbers import court_code
from mediate.domain.confirmation import (
    NotAccepted,
    court_code_for,
    ruling_ground_source,
    ruling_grounds_known,
)
from mediate.i18n import in_language


def test_spc_interpretation_art_355_lists_five_grounds_and_the_window_is_art_205():
    with in_language("zh_CN"):
        refused = ruling_grounds_known("not_accepted")
        sources = [ruling_ground_source(g) for g in refused]
    assert NotAccepted.OUTSIDE_REMIT in refused
    assert "不属于人民法院受理范围（民诉法解释第三百五十五条第（一）项）" in sources
    assert "不属于收到申请的人民法院管辖（民诉法解释第三百五十五条第（二）项）" in sources
    window = ruling_ground_source(NotAccepted.WINDOW_PASSED)
    assert "民事诉讼法第二百零五条" in window and "三百五十五" not in window


def test_spc_interpretation_art_355_1_remit_ground_is_taken_back_by_its_label():
    from mediate.services.confirmation import _ruling_grounds

    with in_language("zh_CN"):
        assert _ruling_grounds("not_accepted", ["不属于人民法院受理范围"]) == ["outside_remit"]
        assert _ruling_grounds("not_accepted", ["超过三十日申请期限"]) == ["window_passed"]


@pytest.mark.parametrize(
    ("court", "code"),
    [
        ("焦作市中级人民法院", "豫08"),
        ("焦作市解放区人民法院", "豫0802"),
        ("修武县人民法院", "豫0821"),
        ("孟州市人民法院", "豫0883"),
        ("郑州市中级人民法院", None),
    ],
)
def test_fa_2015_137_art_5_court_code_of_each_jiaozuo_court(court, code):
    assert court_code_for(court) == code


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("（2026）豫0811民初5号", "豫0811"),
        ("（2026）豫08民特9号", "豫08"),
        ("（2026）豫0802诉前调确9号", "豫0802"),
    ],
)
def test_fa_2015_137_art_5_the_court_code_a_ruling_number_carries(number, code):
    """The code `confirm record` compares with the court applied to (a type other than 民特
    is a warning, not a refusal: the type codes are read only in a transcription)."""
    assert court_code(number) == code
