"""`export cases`' columns are read by position too (a clerk's spreadsheet formulas, a
court's import of the CSV): a column added is appended, never inserted."""

# The columns `export cases` wrote before 纠纷发生地 / 标的物所在地 were added (7b9b4ec).
RELEASED = [
    "case_id",
    "court_case_no",
    "cause",
    "claim",
    "amount",
    "source",
    "procedure",
    "referring_court",
    "received_on",
    "county_code",
    "status",
    "org_id",
    "org",
    "deadline",
    "closed_on",
    "result",
    "follow_up",
    "applicants",
    "applicant_ids",
    "applicant_phones",
    "respondents",
    "respondent_ids",
    "respondent_phones",
    "created_by",
]


def test_export_cases_keeps_every_released_column_at_its_position():
    from mediate.services.exports import CASE_COLUMNS

    assert CASE_COLUMNS[: len(RELEASED)] == RELEASED
    assert CASE_COLUMNS[len(RELEASED) :] == ["location", "subject_matter_location"]
