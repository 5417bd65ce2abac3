"""Every column the import reads has a decision in `import --update` (services/reimport
COLUMNS): updated, reported and never changed, or a key. A column added to the import
(intake/columns.ALIASES) without one fails here (review of 2026-12-03: 标的物所在地, 经营者
and 经营者住所 were read but neither compared nor reported by a re-import)."""

from mediate.intake.columns import ALIASES
from mediate.services import reimport
from mediate.store.tables import CaseRow, PartyRow


def test_every_column_the_import_reads_is_decided_by_reimport():
    assert set(reimport.COLUMNS) == set(ALIASES)
    assert {what for _field, what in reimport.COLUMNS.values()} == {
        reimport.UPDATED,
        reimport.REPORTED,
        reimport.KEY,
    }


def test_what_reimport_compares_are_stored_fields():
    assert set(reimport.CASE_FIELDS) | set(reimport.REPORTED_ONLY) <= set(CaseRow.model_fields)
    assert set(reimport.PARTY_FIELDS) | set(reimport.PARTY_REPORTED) <= set(PartyRow.model_fields)
    assert "subject_matter_location" in reimport.CASE_FIELDS
    assert {"legal_rep", "operator_address", "guardian"} <= set(reimport.PARTY_FIELDS)
