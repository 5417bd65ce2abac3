"""Jiaozuo's county-level divisions (GB/T 2260, DOMAIN.md §5): the one table of them.

Township (9-digit) and village (12-digit) codes start with their county's six digits.
"""

from __future__ import annotations

CITY_CODE = "410800"
CITY_NAME = "焦作市"

COUNTIES: dict[str, str] = {
    "410802": "解放区",
    "410803": "中站区",
    "410804": "马村区",
    "410811": "山阳区",
    "410821": "修武县",
    "410822": "博爱县",
    "410823": "武陟县",
    "410825": "温县",
    "410882": "沁阳市",
    "410883": "孟州市",
    # An NBS statistical code (统计用区划代码), not a GB/T 2260 county code; no court of
    # its own (unconfirmed): see data/network.yaml court_county.
    "410871": "焦作城乡一体化示范区",
}
