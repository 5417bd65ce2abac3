"""Every party of the demo passes intake's checks (review of 2026-12-03: the demo's
resident IDs failed the check digit, so `case add` refused a demo party typed again)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mediate.intake.validate import build_party
from mediate.services.demo_cases import demo_inputs

PARTIES = [p for case in demo_inputs(dt.date(2026, 12, 3)) for p in case.parties]


def _typed(party):
    values = {f.name: getattr(party, f.name) for f in dataclasses.fields(party)}
    return {k: getattr(v, "value", v) for k, v in values.items() if v not in (None, [], ())}


@pytest.mark.parametrize("party", PARTIES, ids=[p.name for p in PARTIES])
def test_every_demo_party_passes_intake_validation(party):
    built, problems = build_party(_typed(party))
    assert problems == []
    assert built is not None and built.id_number == party.id_number


def test_the_demo_has_people_and_enterprises_with_numbers():
    kinds = {p.kind.value for p in PARTIES if p.id_number}
    assert kinds == {"person", "enterprise"}
