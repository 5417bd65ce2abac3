"""Identity numbers and phone numbers never reach the crash log."""

from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import Session

from mediate.logsafe import redact
from mediate.store.engine import make_engine
from mediate.store.tables import PartyRow
from tests.factories import person

ID_NUMBER = "410802199001011237"
PHONE = "13800000000"
CREDIT_CODE = "91410800MA44XXXX1Y"


def crash_log() -> str:
    return Path(os.environ["MEDIATE_LOG"]).read_text(encoding="utf-8")


def test_a_database_error_quoting_party_data_is_logged_without_it(initialised, cli, monkeypatch):
    def insert_orphan_party(engine, clerk):
        with Session(make_engine(initialised.url)) as session:
            values = person(id_number=ID_NUMBER, phone=PHONE)
            session.add(PartyRow(case_id=424242, position=0, **values))
            session.commit()  # no case 424242: the foreign key refuses it

    monkeypatch.setattr("mediate.services.setup.initialise", insert_orphan_party)
    result = cli(["--db", initialised.url, "init"])

    assert result.exit_code == 3, result.output
    log = crash_log()
    assert "IntegrityError" in log
    assert ID_NUMBER not in log and PHONE not in log
    assert ID_NUMBER not in result.output and PHONE not in result.output


def test_an_exception_message_carrying_party_data_is_masked_in_the_log(sqlite_db, cli, monkeypatch):
    def fail(engine, clerk):
        raise KeyError(f"bad row: 张三 {ID_NUMBER} 电话{PHONE} 企业{CREDIT_CODE} tel 0391-3561234")

    monkeypatch.setattr("mediate.services.setup.initialise", fail)
    result = cli(["--db", sqlite_db.url, "init"])

    assert result.exit_code == 3
    log = crash_log()
    assert "bad row: 张三 4108**********1237 电话138****0000 企业9141**********XX1Y" in log
    assert "tel 039*****1234" in log
    for secret in (ID_NUMBER, PHONE, CREDIT_CODE, "3561234"):
        assert secret not in log


def test_redaction_leaves_ordinary_numbers_alone():
    text = 'File "/x/y.py", line 1234, amount 5200000, case （2026）豫0802民初1234号, id=42'
    assert redact(text) == text
