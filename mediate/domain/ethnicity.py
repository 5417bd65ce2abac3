"""The 56 ethnic groups (民族) of China, in the order and with the numeric codes (01-56)
of GB/T 3304-1991 《中国各民族名称的罗马字母拼写法和代码》.

Source and check: the list was taken from two independent public code tables that follow
the standard — a GB/T 3304 code table (aLoNeIT/alocms-framework,
src/install/sql/23-codedata_nation.sql, codes 01-56) and a plain list of the 56 names —
and the two sets agree name for name. The code table still has the pre-1985 name 崩龙族 at
code 46; the standard (1991) and the other source use 德昂族, which is kept here, with
崩龙族 accepted as a former name. The standard itself was not available to read.
"""

from __future__ import annotations

ETHNIC_GROUPS: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
)  # fmt: skip
"""GB/T 3304-1991 order: ETHNIC_GROUPS[n - 1] has the numeric code n (汉族 01 … 基诺族 56)."""

FORMER_NAMES = {"崩龙族": "德昂族"}


def ethnic_group(text: str) -> str | None:
    """The official name for what a clerk typed: the name (汉族), the name without 族
    (汉, 维吾尔), the two-digit code (01) or a former name; None if it is none of them."""
    value = text.strip()
    if value.isdigit() and 1 <= int(value) <= len(ETHNIC_GROUPS):
        return ETHNIC_GROUPS[int(value) - 1]
    value = FORMER_NAMES.get(value, value)
    if value in ETHNIC_GROUPS:
        return value
    named = value + "族"
    return (
        FORMER_NAMES.get(named, named) if FORMER_NAMES.get(named, named) in ETHNIC_GROUPS else None
    )
