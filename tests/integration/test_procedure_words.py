"""One vocabulary of procedure words (domain/vocabulary.PROCEDURE): an import and `case
edit --set procedure=…` take the same words and refuse the same (review of 2026-12-02:
the import had its own list with 小额程序, the vocabulary another)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from mediate.domain.model import Source
from mediate.domain.vocabulary import PROCEDURE
from mediate.errors import ValidationErrors
from mediate.i18n import LANGUAGES, in_language
from mediate.intake.validate import build_case
from mediate.services.editing import Edit, edit_case
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow
from mediate.store.uow import UnitOfWork


def _words() -> list[tuple[str, str]]:
    """Every word the vocabulary names a procedure by (code, aliases, each language's
    label), and the same as a court sheet may write it (full-width, upper case)."""
    words = []
    for code in PROCEDURE.codes:
        names = [code, *PROCEDURE.aliases.get(code, ())]
        for language in LANGUAGES:
            with in_language(language):
                names.append(PROCEDURE.label(code))
        words += [(name, code) for name in names]
    words += [
        ("ＳＵＭＭＡＲＹ", "summary"),
        ("简易程序(小额诉讼)", "summary"),
        (" 普通 ", "ordinary"),
    ]
    return words


WORDS = _words()
NOT_WORDS = ["特别程序", "小额", "普通程序2", "ordinary-summary"]


def _imported(word: str) -> tuple[str | None, list[str]]:
    built, problems = build_case(
        {"cause": "民间借贷纠纷", "procedure": word},
        [],
        today=dt.date(2026, 12, 1),
        default_source=Source.COURT_ENTRUSTED,
        check_roles=False,
    )
    return (built.procedure if built else None), [p.field for p in problems]


@pytest.fixture
def engine(desk_store):
    engine = make_engine(desk_store.url)
    yield engine
    engine.dispose()


def _edited(engine, word: str) -> str | None:
    with UnitOfWork(engine, "李书记员") as uow:
        edit_case(uow, 1, Edit(sets={"procedure": word}))
        uow.commit()
    with Session(engine) as session:
        case = session.get(CaseRow, 1)
        assert case is not None
        return case.procedure


def test_small_claims_words_are_in_the_one_vocabulary():
    for word in ("小额程序", "小额诉讼程序", "小额诉讼的程序", "简易程序（小额诉讼）"):
        assert (word, "summary") in WORDS


def test_every_procedure_word_an_import_takes_case_edit_takes_and_the_same_way(engine):
    assert len(WORDS) > 12
    for word, code in WORDS:
        assert _imported(word) == (code, []), word
        other = "ordinary" if code == "summary" else "summary"
        assert _edited(engine, other) == other
        assert _edited(engine, word) == code, word


def test_a_word_neither_knows_both_refuse(engine):
    for word in NOT_WORDS:
        assert _imported(word)[1] == ["procedure"], word
        with pytest.raises(ValidationErrors):
            _edited(engine, word)
