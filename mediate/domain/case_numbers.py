"""Court case numbers (案号) in their one canonical form: （2026）豫0802民初1234号.

法〔2015〕137号 (最高人民法院关于人民法院案件案号的若干规定) art. 5 writes the year in
full-width round brackets: 案号各基本要素的编排规格为："（"+收案年度+"）"+法院代字+类型代字
+案件编号+"号". Clerks type half-width brackets, 〔〕 (the brackets of a 发文字号), [] or
【】, full-width digits and stray spaces; every way in turns them into this one form, which
is what the database stores and every document prints.
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
# The types such rulings were numbered under before 民特: /work/shared/DOMAIN.md §5 ("民特
# (special procedure, incl. 司法确认), historically 民诉前调 / 诉前调确"), e.g.
# （2024）豫0802诉前调确12号 — an old ruling's number is no mistake to warn of.
HISTORICAL_CONFIRMATION_TYPE_CODES = frozenset({"民诉前调", "诉前调确"})
_TYPE = re.compile(r"^（\d{4}）[\u4e00-\u9fff]\d{2,4}([\u4e00-\u9fff]{1,8})\d{1,7}号$")


def type_code(number: str) -> str | None:
    """The type code (民初, 民特 …) of a canonical case number, or None."""
    found = _TYPE.match(number)
    return found[1] if found else None


def confirmation_number_warning(number: str) -> str | None:
    """A warning when a judicial-confirmation ruling's number is not of type 民特 (nor of a
    historical type, `HISTORICAL_CONFIRMATION_TYPE_CODES`)."""
    code = type_code(number)
    if code is None or code == CONFIRMATION_TYPE_CODE or code in HISTORICAL_CONFIRMATION_TYPE_CODES:
        return None
    return _(
        "{number} has the type code {code}; a judicial-confirmation ruling is a special "
        "procedure case (民特), e.g. （2026）豫0802民特123号. Check the number."
    ).format(number=number, code=code)
