"""Court case numbers (案号) in their one canonical form: （2026）豫0802民初1234号.

法〔2015〕137号 (最高人民法院关于人民法院案件案号的若干规定) art. 3 writes the year in
full-width round brackets: 案号各基本要素的编排规格为："（"+收案年度+"）"+法院代字+类型代字
+案件编号+"号" (法〔2018〕335号 inserted a one-character 专门审判代字 before the type code;
the shapes below read it as part of the type). The court code (法院代字) is art. 4's or
art. 5's (`domain/court_codes.py`): the SPC's 最高法, a high court's bare code (豫), or an
intermediate or basic court's, its high court's code with two or four digits (豫08,
豫0802). A case a body mediates may carry any of them (an appeal, a retrial:
（2020）最高法民终1316号), so all are read here; where only some courts can give a number
(a judicial confirmation's ruling, 民事诉讼法 art. 205), `confirmation_court_refusal` says
so (data/PROVENANCE.md, "Case-number format"). Clerks type half-width brackets, 〔〕
(the brackets of a 发文字号), [] or 【】, full-width digits and stray spaces; every way in
turns them into this one form, which is what the database stores and every document prints.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from mediate.domain.court_codes import COURT_CODE, SUPREME_COURT_CODE, TYPE_CODE
from mediate.i18n import _

_OPENING = "(（〔[【［〈<"
_CLOSING = ")）〕]】］〉>"
_SHAPE = re.compile(rf"^（(\d{{4}})）{COURT_CODE}{TYPE_CODE}\d{{1,7}}号$")
_SPACES = re.compile(r"\s+")


# How clerks and court exports mostly write it: ASCII digits, the year in half- or
# full-width round brackets. NFKC changes nothing else in such text (CJK unified
# ideographs have no compatibility mapping), so its canonical form follows directly;
# a test compares it with `_canonical` on generated numbers.
_PLAIN = re.compile(rf"[(（]([0-9]{{4}})[)）]({COURT_CODE}{TYPE_CODE}[0-9]{{1,7}}号)")


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


# 法〔2015〕137号 took effect on 2016-01-01 (the reprint's header, "自2016年1月1日起施行"; the
# article that says so was not read: data/PROVENANCE.md, "Case-number format"). Before it a
# court wrote its abbreviation, the type and 字第 before the number: （2014）焦民一初字第00123号,
# （2015）豫法民一终字第1号. Such a number is not art. 3's: its 焦 or 豫法 is no court code of
# art. 4 or 5, so it is neither read as a high court's (豫 + 民一初字第) nor stored; as input it
# is refused with this reason (`old_format_refusal`). A number stored before this check is
# shown as it is (`canonical_or_same`) and found by `case show` as typed.
_OLD_FORMAT = re.compile(
    r"[(（〔\[【［]?[0-9]{4}[)）〕\]】］][\u4e00-\u9fff][\u4e00-\u9fff0-9]*字第?[0-9]+号"
)


def old_format_refusal(text: str) -> str | None:
    """Why `text`, a case number of the format before 2016 (…字第…号), is not taken; or None."""
    if not _OLD_FORMAT.fullmatch(_SPACES.sub("", unicodedata.normalize("NFKC", text))):
        return None
    return _(
        "'{value}' is a case number of the format before 2016 (a court's abbreviation and "
        "字第…号). Since 2016-01-01 courts number cases as 法〔2015〕137号 art. 3 gives, "
        "e.g. （2026）豫0802民初1234号: type the number in that format, or leave the case "
        "number empty and note the old one in the facts."
    ).format(value=text.strip())


class CourtLevel(StrEnum):
    """The level of the court that gave a number, read from its court code."""

    SUPREME = "supreme"  # 最高法 (art. 4 para. 1)
    HIGH = "high"  # a bare code: a high court, the PLA Military Court, the XPCC branch (art. 4)
    INTERMEDIATE = "intermediate"  # two digits (art. 5)
    BASIC = "basic"  # four digits (art. 5)


_HIGHER = (CourtLevel.SUPREME, CourtLevel.HIGH)
# The whole number, not its start: （2024）豫123民初1号 starts with 豫12, and
# （2014）豫民一初字第5号 (the old format) with 豫.
_COURT = re.compile(rf"^（[0-9]{{4}}）({COURT_CODE}){TYPE_CODE}[0-9]{{1,7}}号$")


def court_level(number: str) -> CourtLevel | None:
    """The level of the court whose code a canonical case number carries, or None (not a
    case number of art. 3: a court code of three digits, which art. 5 does not give, or a
    number of the format before 2016)."""
    found = _COURT.match(number)
    return _level(found[1]) if found else None


def _level(code: str) -> CourtLevel | None:
    if code == SUPREME_COURT_CODE:
        return CourtLevel.SUPREME
    return {0: CourtLevel.HIGH, 2: CourtLevel.INTERMEDIATE, 4: CourtLevel.BASIC}.get(len(code) - 1)


def _court_label(code: str) -> str:
    if code == SUPREME_COURT_CODE:
        return _("the Supreme People's Court ({code})").format(code=code)
    return _("a high court or a court of its level ({code})").format(code=code)


def confirmation_court_refusal(number: str, referred: bool) -> str | None:
    """Why a judicial-confirmation ruling cannot carry `number`, or None.

    民事诉讼法 (2023) art. 205: an agreement a body reached itself is confirmed by the basic
    court of a party's domicile, of the subject matter or of the body, or by the
    intermediate court when the dispute is of its level (205(2)); so a ruling numbered by a
    high court or the SPC is refused. After a court's referral the application goes to the
    inviting court (205(1)), which the statute does not limit by level: `referred` numbers
    are left to `confirmation_number_warning`."""
    found = _COURT.match(number)
    if referred or found is None or _level(found[1]) not in _HIGHER:
        return None
    return _(
        "{number} is the number of a case at {court} (法〔2015〕137号 art. 4). An agreement "
        "the body reached itself is confirmed by a basic court, or by an intermediate court "
        "when the dispute is of its level (民事诉讼法 art. 205(2)), so the ruling's number "
        "carries such a court's code, e.g. （2026）豫0802民特123号. Type the ruling's own "
        "number, not an appeal's or a retrial's."
    ).format(number=number, court=_court_label(found[1]))


def bracket_variants(number: str) -> set[str]:
    """A case number as the database may hold it: as given, with full-width round brackets
    (art. 3's), and with half-width ones (numbers stored before migration 0006), so one
    stored before today's checks (a three-digit court code, …字第…号) is found as typed."""
    full = number.replace("(", "（").replace(")", "）")
    return {number, full, full.replace("（", "(").replace("）", ")")}


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
_TYPE = re.compile(rf"^（(\d{{4}})）({COURT_CODE})({TYPE_CODE})\d{{1,7}}号$")


def court_code(number: str) -> str | None:
    """The court code (法院代字: 豫0802, 豫08, 豫, 最高法) of a canonical case number, or None."""
    found = _TYPE.match(number)
    return found[2] if found else None


def type_code(number: str) -> str | None:
    """The type code (民初, 民特 …) of a canonical case number, or None."""
    found = _TYPE.match(number)
    return found[3] if found else None


def confirmation_number_warning(number: str) -> str | None:
    """A warning when a judicial-confirmation ruling's number is not of type 民特 (nor 诉前调确
    from 2022, `PRE_FILING_CONFIRMATION_FROM_YEAR`)."""
    found = _TYPE.match(number)
    if found is None:
        return None
    year, code = int(found[1]), found[3]
    if _level(found[2]) in _HIGHER:
        return _(
            "{number} is the number of a case at {court}. A confirmation goes to the court "
            "that invited the mediation (民事诉讼法 art. 205(1)), mostly a basic court; if "
            "that court did not give this number, it is likely an appeal's or a retrial's: "
            "check it."
        ).format(number=number, court=_court_label(found[2]))
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
