"""Jiaozuo's county-level divisions (GB/T 2260), for naming the columns of reports."""

from __future__ import annotations

COUNTIES: dict[str, str] = {
    "410802": "解放区",
    "410803": "中站区",
    "410804": "马村区",
    "410811": "山阳区",
    "410821": "修武县",
    "410822": "博爱县",
    "410823": "武陟县",
    "410825": "温县",
    "410871": "城乡一体化示范区",
    "410882": "沁阳市",
    "410883": "孟州市",
    "410800": "焦作市(市本级)",
}

UNKNOWN_COUNTY = "未知县区"


def county_name(code: str | None) -> str:
    if not code:
        return UNKNOWN_COUNTY
    return COUNTIES.get(code, code)
