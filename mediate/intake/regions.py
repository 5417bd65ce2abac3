"""Which province a party is domiciled in, read from what intake has: an address, a unified
social credit code, an ID number (法发〔2021〕27号 sets the intermediate court's threshold by
whether a party is domiciled outside the court's province).

The division names come from python-stdnum's GB/T 2260 table (`stdnum/cn/loc.dat`, the
one `stdnum.cn.ric` checks IDs with). An address is evidence of a domicile; a credit
code names the registering authority's division (chars 3-8), which is where an entity is
registered; an ID number only says where the ID was issued (DOMAIN.md §5), so the clerk
confirms a domicile read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mediate.domain.confirmation import HOME_PROVINCE, ProvinceBasis, county_of_text

_LINE = re.compile(r'^(\s*)(\d+) (province|county)="(?:\[[^\]]*\])?([^"]+)"')
_SHORT = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特別行政區|特别行政区)$")


@dataclass(frozen=True)
class Province:
    code: str  # two digits, GB/T 2260
    name: str
    basis: str  # ProvinceBasis value


@cache
def _tables() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Province code -> name, and (name in an address, province code) pairs, longest first:
    province names full and short (河南省, 河南), prefecture-level city names (郑州市)."""
    from importlib import resources

    text = resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    provinces: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    current = ""
    for line in text.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        indent, code, kind, name = match.groups()
        if kind == "province" and not indent:
            current = code
            provinces[code] = name
            for variant in (name, _SHORT.sub("", name)):
                if len(variant) >= 2:
                    names.setdefault(variant, set()).add(code)
        elif (
            current
            and code.endswith("00")
            and code != "0000"
            and "[-" not in line
            and name.endswith(("市", "地区", "自治州", "盟"))
            and len(name) >= 3
        ):
            names.setdefault(name, set()).add(current)
    pairs = [(name, next(iter(codes))) for name, codes in names.items() if len(codes) == 1]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return provinces, pairs


def province_name(code: str) -> str:
    return _tables()[0].get(code, code)


def province_of_address(address: str | None) -> str | None:
    if not address:
        return None
    if county_of_text(address):  # a Jiaozuo county named without its city or province
        return HOME_PROVINCE
    for name, code in _tables()[1]:
        if name in address:
            return code
    return None


def party_province(
    kind: str, address: str | None, id_number: str | None, *service_addresses: str | None
) -> Province | None:
    """The province of a party's domicile, and how it was found; None when nothing says."""
    for text in (address, *service_addresses):
        code = province_of_address(text)
        if code:
            return Province(code, province_name(code), ProvinceBasis.ADDRESS.value)
    number = (id_number or "").strip().upper()
    if len(number) == 18:
        if kind != "person" and number[2:4].isdigit():
            code, basis = number[2:4], ProvinceBasis.CREDIT_CODE
        elif kind == "person" and number[:2].isdigit():
            code, basis = number[:2], ProvinceBasis.ID_NUMBER
        else:
            return None
        if code in _tables()[0]:
            return Province(code, province_name(code), basis.value)
    return None
