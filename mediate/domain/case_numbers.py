"""Court case numbers (案号) in their one canonical form: （2026）豫0802民初1234号.

法〔2015〕137号 (最高人民法院关于人民法院案件案号的若干规定) art. 3 writes the year in
full-width round brackets: 案号各基本要素的编排规格为："（"+收案年度+"）"+法院代字+类型代字
+案件编号+"号" (法〔2018〕335号 inserted a one-character 专门审判代字 before the type code;
the shapes below read it as part of the type). The court code is art. 5's: an intermediate
or basic court's is its high court's (豫) with two or four digits (豫08, 豫0802); the bare
codes of art. 4 (a high court's 豫, the SPC's 最高法) are not taken (data/PROVENANCE.md,
"Case-number format"). Clerks type half-width brackets, 〔〕 (the brackets of a 发文字号),
[] or 【】, full-width digits and stray spaces; every way in turns them into this one form,
which is what the database stores and every document prints.
"""

from __future__ import annotations

import re
import unicodedata

from mediate.i18n import _

_OPENING = "(（〔[【［〈<"
_CLOSING = ")）〕]】］〉>"
_SHAPE = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]\d{2,4}[\u4e00-\u9fff]{1,8}\d{1,7}号$")
_SPACES = re.compile(r"\s+")


# How clerks and court exports mostly write it: ASCII digits, the year in half- or
# full-width round brackets. NFKC changes nothing else in such text (CJK unified
# ideographs have no compatibility mapping), so its canonical form follows directly;
# a test compares it with `_canonical` on generated numbers.
_PLAIN = re.compile(
    r"[(（]([0-9]{4})[)）]([\u4e00-\u9fff][0-9]{2,4}[\u4e00-\u9fff]{1,8}[0-9]{1,7}号)"
)


def canonical_case_no(text: str) -> str | None:
    """The canonical form of a case number, or None when `text` is not one."""
    plain = _PLAIN.fullmatch(text)
    if plain:
        return f"（{plain[1]}）{plain[2]}"
    return _canonical(text)


def _canonical(text: str) -> str | None:
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if not compact:
        return None
    if compact[0] in _OPENING:
        compact = "（" + compact[1:]
    close = next((i for i, ch in enumerate(compact) if ch in _CLOSING), -1)
    if close > 0:
        compact = compact[:close] + "）" + compact[close + 1 :]
    return compact if _SHAPE.match(compact) else None


def canonical_or_same(text: str | None) -> str | None:
    """The canonical form when `text` is a case number; otherwise `text` untouched."""
    if text is None:
        return None
    return canonical_case_no(text) or text


# The type code (类型代字) of a court's ruling on an application for judicial confirmation.
# 人民法院案件类型及其代字标准 (the standard issued with 法〔2015〕137号), item 0318
# 调解协议司法确认案件 → 民特, a subtype of 0309 特别程序案件. The official text is not in
# LawRefBook/Laws; it was read in a third-party transcription only, so a different type is
# a warning, not a refusal (data/PROVENANCE.md, "案件类型代字").
CONFIRMATION_TYPE_CODE = "民特"
# From 2022-01-01 a court numbered the confirmation of an agreement reached in its own
# pre-filing mediation (诉前调解) 诉前调确 instead of 民特: the SPC's notice of 2021-09
# 《关于诉前调解申请司法确认和出具调解书案件不纳入民事案件司法统计的通知》, as a court's
# own page (fj.ndxpfy.gov.cn, 霞浦县人民法院, 2022-01) and a lawyers' Q&A (sxls.com) report
# it; the notice itself was not read. So an 诉前调确 ruling of 2022 or later is no mistake;
# one of an earlier year cannot be right (data/PROVENANCE.md, "案件类型代字").
PRE_FILING_CONFIRMATION_TYPE_CODE = "诉前调确"
PRE_FILING_CONFIRMATION_FROM_YEAR = 2022
# 民诉前调 numbers the court's pre-filing mediation case itself (a 委派 referral carries it,
# e.g. （2024）豫0802民诉前调12号), never a ruling: before 2022 its confirmation was 民特,
# from 2022 诉前调确 (the notice above). A ruling "numbered" 民诉前调 is the referral's
# number typed in the ruling's place.
PRE_FILING_MEDIATION_TYPE_CODE = "民诉前调"
_TYPE = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]\d{2,4}([\u4e00-\u9fff]{1,8})\d{1,7}号$")


def type_code(number: str) -> str | None:
    """The type code (民初, 民特 …) of a canonical case number, or None."""
    found = _TYPE.match(number)
    return found[2] if found else None


def confirmation_number_warning(number: str) -> str | None:
    """A warning when a judicial-confirmation ruling's number is not of type 民特 (nor 诉前调确
    from 2022, `PRE_FILING_CONFIRMATION_FROM_YEAR`)."""
    found = _TYPE.match(number)
    if found is None:
        return None
    year, code = int(found[1]), found[2]
    if code == CONFIRMATION_TYPE_CODE:
        return None
    if code == PRE_FILING_CONFIRMATION_TYPE_CODE:
        if year >= PRE_FILING_CONFIRMATION_FROM_YEAR:
            return None
        return _(
            "{number}: courts number confirmations 诉前调确 only from 2022 (SPC notice of "
            "2021-09); an earlier ruling is of type 民特. Check the number."
        ).format(number=number)
    if code == PRE_FILING_MEDIATION_TYPE_CODE:
        return _(
            "{number} is the number of the court's pre-filing mediation case (民诉前调), not "
            "of a ruling: a confirmation ruling is of type 民特 (诉前调确 from 2022). Type "
            "the ruling's own number."
        ).format(number=number)
    return _(
        "{number} has the type code {code}; a judicial-confirmation ruling is a special "
        "procedure case (民特), e.g. （2026）豫0802民特123号. Check the number."
    ).format(number=number, code=code)
