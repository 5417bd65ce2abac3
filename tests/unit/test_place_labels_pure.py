"""`place_label` (and `value_label`, `describe` over it) names a place at a division of the
deployment's own only by the names passed in: it read a process-wide list a command had
set (`use_deployment_divisions`), so the domain's history text and an export's labelled
cells depended on a service having run first, and one in-process command's names leaked
into the next (review of 2026-12-03)."""

from mediate.domain.events import describe, value_label
from mediate.routing.places import place_label, use_deployment_divisions

OWN = "410802009201"  # a village data/network.yaml lacks
NAME = "焦作市解放区王褚街道某村"
LABEL = f"{NAME}（{OWN}）"


def test_a_place_at_an_own_division_is_named_by_the_names_passed_and_no_others():
    use_deployment_divisions([OWN], {OWN: "焦作市解放区王褚街道别村"})  # told, and not read
    assert place_label(OWN) == OWN
    assert value_label("location", OWN) == OWN
    assert place_label(OWN, {OWN: NAME}) == LABEL
    assert value_label("subject_matter_location", OWN, places={OWN: NAME}) == LABEL
    assert value_label("location", [OWN, OWN], places={OWN: NAME}) == f"{LABEL}、{LABEL}"
    assert LABEL in describe({"location": OWN}, place_names={OWN: NAME})
    assert LABEL not in describe({"location": OWN})


def test_a_bundled_division_is_named_without_names_passed():
    assert place_label("410802009") == "焦作市解放区王褚街道（410802009）"
    assert value_label("location", "王褚街道") == "王褚街道"  # text as stored
