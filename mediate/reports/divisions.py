"""Jiaozuo's county-level divisions (GB/T 2260), for naming the columns of reports."""

from __future__ import annotations

from mediate.domain.divisions import CITY_CODE
from mediate.domain.divisions import COUNTIES as _COUNTIES

COUNTIES: dict[str, str] = {**_COUNTIES, CITY_CODE: "焦作市(市本级)"}

UNKNOWN_COUNTY = "未知县区"


def county_name(code: str | None) -> str:
    if not code:
        return UNKNOWN_COUNTY
    return COUNTIES.get(code, code)
