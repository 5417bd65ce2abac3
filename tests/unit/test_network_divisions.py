"""The bundled network's divisions are the real ones (NBS 统计用区划代码 2023, issue 13)."""

import csv

from mediate.domain.divisions import COUNTIES
from mediate.resources import _bundled_root
from mediate.routing.network import bundled_network

SOURCE = _bundled_root() / "tools" / "sources" / "jiaozuo-townships-2023.csv"


def real_townships() -> dict[str, str]:
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row["name"] for row in csv.DictReader(fh)}


def test_every_township_level_division_is_a_real_code_under_its_real_name() -> None:
    real = real_townships()
    assert len(real) == 112
    network = bundled_network()
    townships = {c: d.name for c, d in network.divisions.items() if len(c) == 9}
    assert set(townships) == set(real)
    for code, name in townships.items():
        assert name.endswith(real[code]), (code, name, real[code])


def test_every_township_centre_sits_at_a_real_township_and_is_named_after_it() -> None:
    real = real_townships()
    network = bundled_network()
    centres = network.of_kind("township_center")
    assert len(centres) == 108  # every 乡/镇/街道; the four farms and zones have none
    for centre in centres:
        assert centre.division_code in real
        assert real[centre.division_code] in centre.name
        assert centre.sample


def test_sample_villages_hang_under_real_townships_and_are_marked_sample() -> None:
    real = real_townships()
    network = bundled_network()
    for room in network.of_kind("village_room"):
        assert room.division_code[:9] in real
        assert room.division_code[9] == "9"  # the range NBS does not use for villages
        assert room.sample


def test_410871_is_the_statistical_code_of_the_demonstration_zone() -> None:
    assert COUNTIES["410871"] == "焦作城乡一体化示范区"
    assert bundled_network().division_name("410871") == "焦作城乡一体化示范区"
    assert bundled_network().division_name("410802001") == "焦作市解放区民生街道"
