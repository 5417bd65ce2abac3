"""Rebuild the township and village parts of data/network.yaml from the real division list.

    python tools/build_network.py

- Every township-level division (乡、镇、街道, and the farms and zones the National Bureau
  of Statistics lists at that level) comes from tools/sources/jiaozuo-townships-2023.csv:
  the NBS 统计用区划代码 (2023 edition), 112 entries under city 4108, via
  modood/Administrative-divisions-of-China@57a0aa9 dist/streets.csv (WTFPL).
- Every 乡/镇/街道 gets a township centre (街道(乡镇)矛盾纠纷调处中心, seed item 17). The
  seed names the kind, not each centre: their names are composed here and marked
  `sample: true` until a deployment imports its register. Farms and zones (国营…农场,
  工贸区) get none: a dispute there walks up to its county.
- Village rooms are SAMPLES (`SAMPLE_VILLAGES` below): real village codes are not bundled.
  They hang under real townships with codes in the 9xx range of the village part
  (`<township>901`…), which NBS does not use for 村/社区, so a sample never takes the code
  of a real village.
- Divisions and bodies at county and city level, and the header comment, are kept as
  they are in data/network.yaml.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETWORK = ROOT / "data" / "network.yaml"
SOURCE = ROOT / "tools" / "sources" / "jiaozuo-townships-2023.csv"

# Sample village rooms (names of the project's earlier samples), by real township code.
SAMPLE_VILLAGES: dict[str, list[str]] = {
    "410802006": ["东于村社区", "焦东社区"],  # 焦北街道
    "410802002": ["民主南路社区"],  # 民主街道
    "410802009": ["王褚村", "寺后村"],  # 王褚街道
    "410803001": ["李封村", "西王封村"],  # 李封街道
    "410803003": ["朱村"],  # 朱村街道
    "410803005": ["龙洞村"],  # 龙洞街道
    "410804005": ["待王村", "小庄村"],  # 待王街道
    "410804007": ["演马村"],  # 演马街道
    "410804006": ["安阳城村"],  # 安阳城街道
    "410811003": ["百间房社区", "恩村"],  # 百间房街道
    "410811004": ["太行社区"],  # 太行街道
    "410811005": ["艺新社区"],  # 艺新街道
    "410821100": ["东关村", "西关村"],  # 城关镇
    "410821101": ["七贤村"],  # 七贤镇
    "410821102": ["郇封村"],  # 郇封镇
    "410822001": ["东关村", "北关村"],  # 博爱县清化镇街道
    "410822103": ["许良村"],  # 博爱县许良镇
    "410822101": ["柏山村"],  # 博爱县柏山镇
    "410823001": ["木城村", "东关社区"],  # 木城街道
    "410823101": ["詹店村"],  # 詹店镇
    "410823102": ["西陶村"],  # 西陶镇
    "410825001": ["东关社区", "西关社区"],  # 温泉街道
    "410825101": ["祥云村"],  # 祥云镇
    "410825104": ["黄庄村"],  # 黄庄镇
    "410882001": ["覃怀社区", "北门社区"],  # 覃怀街道
    "410882101": ["西向村"],  # 西向镇
    "410882105": ["紫陵村"],  # 紫陵镇
    "410883001": ["大定社区", "东苑社区"],  # 大定街道
    "410883105": ["西虢村"],  # 西虢镇
    "410883100": ["化工村"],  # 化工镇
    "410871062": ["文昌社区", "南鲁村"],  # 文昌街道
    "410871203": ["苏家作村"],  # 苏家作乡
    "410871100": ["阳庙村"],  # 阳庙镇
}

_HAS_CENTRE = re.compile(r"(乡|镇|街道)$")


def read_townships() -> list[tuple[str, str, str]]:
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        rows = [(r["code"], r["name"], r["county_code"]) for r in csv.DictReader(fh)]
    if len(rows) != 112 or any(len(c) != 9 or not c.startswith(k) for c, _n, k in rows):
        raise SystemExit(f"{SOURCE}: expected 112 nine-digit codes under their counties")
    return rows


def split_entries(block: str) -> list[str]:
    """The `- {…}` entries of a YAML list written one flow mapping per entry."""
    entries: list[str] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("- "):
            entries.append(line)
        elif entries:
            entries[-1] += line
    return entries


def field(entry: str, key: str) -> str | None:
    found = re.search(rf"\b{key}: '?([^,'}}]+)'?", entry)
    return found.group(1).strip() if found else None


def full_name(county_name: str, name: str) -> str:
    # NBS lists 博爱县's townships with the county in the name (博爱县柏山镇).
    short_county = county_name.removeprefix("焦作市")
    return name if name.startswith(short_county) else county_name + name


def main() -> None:
    text = NETWORK.read_text(encoding="utf-8")
    head, rest = text.split("divisions:\n", 1)
    divisions_block, orgs_block = rest.split("orgs:\n", 1)
    divisions = [e for e in split_entries(divisions_block) if len(field(e, "code") or "") <= 6]
    orgs = [
        e
        for e in split_entries(orgs_block)
        if field(e, "kind") not in ("township_center", "village_room")
    ]
    county_names = {field(e, "code"): field(e, "name") for e in divisions}
    townships = read_townships()

    new_divisions: list[str] = []
    for entry in divisions:
        new_divisions.append(entry)
        county = field(entry, "code") or ""
        for code, name, county_code in townships:
            if county_code != county:
                continue
            town = full_name(county_names[county] or "", name)
            new_divisions.append(f"- {{code: '{code}', name: {town}}}\n")
            for serial, village in enumerate(SAMPLE_VILLAGES.get(code, []), start=901):
                new_divisions.append(
                    f"- {{code: '{code}{serial}', name: {town}{village}, sample: true}}\n"
                )

    new_orgs: list[str] = []
    last_of_county = {
        county: max(i for i, e in enumerate(orgs) if (field(e, "division") or "") == county)
        for county in county_names
        if county != "410800"
    }
    for index, entry in enumerate(orgs):
        new_orgs.append(entry)
        county = next((c for c, last in last_of_county.items() if last == index), None)
        if county is None:
            continue
        court = f"jz-{county}-court" if county != "410871" else "jz-410811-court"
        for code, name, county_code in townships:
            if county_code != county or not _HAS_CENTRE.search(name):
                continue
            town = full_name(county_names[county] or "", name)
            centre = f"jz-{code}-township-center"
            new_orgs.append(
                f"- {{id: {centre}, name: {town}矛盾纠纷调处中心, kind: township_center, "
                f"level: township, division: '{code}', court: {court}, sample: true, "
                "capacity: 60}\n"
            )
            for serial, village in enumerate(SAMPLE_VILLAGES.get(code, []), start=901):
                new_orgs.append(
                    f"- {{id: jz-{code}{serial}-village-room, name: {town}{village}人民调解室, "
                    f"kind: village_room, level: village, division: '{code}{serial}', "
                    f"parent: {centre}, court: {court}, sample: true, capacity: 20}}\n"
                )
    NETWORK.write_text(
        head + "divisions:\n" + "".join(new_divisions) + "orgs:\n" + "".join(new_orgs),
        encoding="utf-8",
    )
    print(f"wrote {NETWORK.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
