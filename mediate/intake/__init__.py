"""Intake: reading disputes in — dispute files (YAML/JSON), court-referral spreadsheets
(CSV in any Chinese encoding, XLSX), column mapping and validation of every value.

Pure Python: no store, no rich. Everything here turns raw text into `CaseInput` values or
located `ValidationError`s; the services decide what to store.
"""
