"""The bundled network: every county has its bodies; lookups by code and by name."""

from __future__ import annotations

import pytest

from mediate.domain import vocabulary
from mediate.errors import NotFound, ValidationErrors
from mediate.routing.network import (
    bundled_network,
    bundled_network_data,
    org_from_record,
    parse_network,
)

COUNTIES = [
    "410802",
    "410803",
    "410804",
    "410811",
    "410821",
    "410822",
    "410823",
    "410825",
    "410882",
    "410883",
    "410871",
]
FIELDS = {"traffic", "medical", "labour", "property", "family"}


@pytest.mark.parametrize("county", COUNTIES)
def test_each_county_has_its_hub_professional_bodies_townships_and_villages(county: str) -> None:
    net = bundled_network()
    inside = [o for o in net.orgs.values() if o.division_code.startswith(county)]
    kinds = {o.kind.value for o in inside}
    assert {"non_litigation_center", "professional", "township_center", "village_room"} <= kinds
    assert {o.field for o in inside if o.kind.value == "professional"} >= FIELDS
    townships = [o for o in inside if o.kind.value == "township_center"]
    # One centre per real 乡/镇/街道 of the county (NBS 2023; farms and zones have none).
    real = {
        code
        for code, d in net.divisions.items()
        if len(code) == 9 and code.startswith(county) and d.name.endswith(("乡", "镇", "街道"))
    }
    assert {t.division_code for t in townships} == real
    with_villages = 0
    for township in townships:
        villages = [
            o
            for o in inside
            if o.kind.value == "village_room" and o.division_code.startswith(township.division_code)
        ]
        assert len(villages) <= 2
        assert all(len(v.division_code) == 12 and v.sample for v in villages)
        with_villages += bool(villages)
    assert 1 <= with_villages <= 3  # the sample village rooms


@pytest.mark.parametrize("county", [c for c in COUNTIES if c != "410871"])
def test_each_county_with_a_court_has_its_court_and_docking_centre(county: str) -> None:
    net = bundled_network()
    assert net.org(f"jz-{county}-court").kind.value == "court"
    assert net.org(f"jz-{county}-county-center").court_id == f"jz-{county}-court"


def test_the_demonstration_zone_borrows_a_court_set_in_the_data() -> None:
    net = bundled_network()
    assert net.get("jz-410871-court") is None
    court = net.basic_court("410871")
    assert court is not None and court.id == "jz-410811-court"
    assert net.basic_court("410802").name == "焦作市解放区人民法院"  # type: ignore[union-attr]


def test_the_city_level_bodies_are_all_there() -> None:
    net = bundled_network()
    kinds = {o.kind.value: o for o in net.orgs.values() if o.division_code == "410800"}
    assert {
        "court",
        "finance_committee",
        "credit_committee",
        "ip_committee",
        "price_mediation",
        "admin_dispute_center",
        "industry_mediation",
    } <= set(kinds)
    assert kinds["finance_committee"].address == "焦作市智慧金融服务有限公司"
    assert kinds["court"].name == "焦作市中级人民法院"


def test_ids_are_unique_and_references_resolve() -> None:
    data = bundled_network_data()
    ids = [o.id for o in data.orgs]
    assert len(ids) == len(set(ids))
    for o in data.orgs:
        for ref in (o.parent_id, o.court_id):
            assert ref is None or ref in ids


def test_an_unknown_id_is_not_found() -> None:
    with pytest.raises(NotFound, match="No body with id 'jz-nowhere'"):
        bundled_network().org("jz-nowhere")


def test_a_bad_record_names_its_field() -> None:
    with pytest.raises(ValidationErrors) as raised:
        org_from_record(
            {"id": "x", "name": "某", "kind": "tribunal", "division": "410802"}, "row 3"
        )
    assert str(raised.value).startswith("row 3: field 'kind': 'tribunal' is not a kind of body")


def test_a_record_with_several_bad_fields_reports_every_one() -> None:
    record = {"id": "x", "kind": "tribunal", "division": "41", "capacity": "-3", "sample": "也许"}
    with pytest.raises(ValidationErrors) as raised:
        org_from_record(record, "row 3")
    assert [str(e) for e in raised.value.errors] == [
        "row 3: field 'name' is required",
        "row 3: field 'kind': 'tribunal' is not a kind of body; known kinds: "
        + vocabulary.ORG_KIND.allowed(),
        "row 3: field 'division': '41' is not a 6, 9 or 12 digit division code",
        "row 3: field 'capacity': '-3' is below 0; write a whole number, 0 or more",
        "row 3: field 'sample': '也许' is neither yes nor no (是/否, true/false, 1/0)",
    ]


def test_a_field_of_the_wrong_kind_is_not_also_said_to_be_missing() -> None:
    record = {"id": "x", "name": ["某"], "kind": "court", "division": {"a": 1}}
    with pytest.raises(ValidationErrors) as raised:
        org_from_record(record, "row 3")
    assert [str(e) for e in raised.value.errors] == [
        "row 3: field 'name': text is expected, not a list",
        "row 3: field 'division': text is expected, not a mapping",
    ]


def test_a_network_file_reports_every_bad_field_of_every_body() -> None:
    data = {
        "orgs": [
            {"id": "a", "name": "甲", "kind": "tribunal", "division": "41"},
            {"id": "b", "name": "乙", "kind": "court", "division": "410802", "level": "x"},
        ]
    }
    with pytest.raises(ValidationErrors) as raised:
        parse_network(data, "n.yaml")
    assert [str(e) for e in raised.value.errors] == [
        "n.yaml, body 1: field 'kind': 'tribunal' is not a kind of body; known kinds: "
        + vocabulary.ORG_KIND.allowed(),
        "n.yaml, body 1: field 'division': '41' is not a 6, 9 or 12 digit division code",
        "n.yaml, body 2: field 'level': 'x' is not a level; the levels: "
        + vocabulary.LEVEL.allowed(),
    ]


def test_a_network_file_reports_every_bad_body_at_once() -> None:
    data = {
        "orgs": [
            {"id": "a", "name": "甲", "kind": "court", "division": "41"},
            {"id": "b", "kind": "court", "division": "410802"},
        ]
    }
    with pytest.raises(ValidationErrors) as raised:
        parse_network(data, "n.yaml")
    assert [str(e) for e in raised.value.errors] == [
        "n.yaml, body 1: field 'division': '41' is not a 6, 9 or 12 digit division code",
        "n.yaml, body 2: field 'name' is required",
    ]
