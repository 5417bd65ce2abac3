"""Every MediateError survives pickling (a reader process sends its errors to the importing
process): the same class, message and exit code, and its attributes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import mediate.documents.sandbox
import mediate.domain.vocabulary
from mediate import errors
from mediate.errors import MediateError
from mediate.store.backup import DamagedDatabase


def _every(kind: type[MediateError]) -> list[type[MediateError]]:
    return [k for sub in kind.__subclasses__() for k in (sub, *_every(sub))]


def _example(kind: type[MediateError]) -> MediateError:
    one = errors.ValidationError("a date in the future", where="referrals.csv:7")
    made = {
        errors.ValidationError: lambda: one,
        errors.ValidationErrors: lambda: errors.ValidationErrors([one, one], "2 errors"),
        errors.BadOptionValues: lambda: errors.BadOptionValues([one], "bad options"),
        errors.BadOptionValue: lambda: errors.BadOptionValue("--filter", "no such field"),
        errors.UnknownBody: lambda: errors.UnknownBody("--org", "东城", ["东城街道", "东城区"]),
        DamagedDatabase: lambda: DamagedDatabase(Path("live.db"), "cannot read its tables"),
        mediate.domain.vocabulary.UnknownChoice: lambda: mediate.domain.vocabulary.UnknownChoice(
            mediate.domain.vocabulary.CASE_STATUS, "closedd"
        ),
        mediate.domain.vocabulary.ChoiceElsewhere: lambda: (
            mediate.domain.vocabulary.ChoiceElsewhere(
                mediate.domain.vocabulary.FOLLOW_UP, "征信", "credit_report"
            )
        ),
    }
    return made.get(kind, lambda: kind("something went wrong"))()


@pytest.mark.parametrize("kind", [MediateError, *_every(MediateError)], ids=lambda k: k.__name__)
def test_an_error_round_trips_through_pickle(kind: type[MediateError]) -> None:
    error = _example(kind)
    back = pickle.loads(pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is kind
    assert str(back) == str(error) and back.exit_code == error.exit_code
    for name in ("where", "reason", "option", "text", "candidates"):
        assert getattr(back, name, None) == getattr(error, name, None)
    if isinstance(error, errors.ValidationErrors):
        assert [str(e) for e in back.errors] == [str(e) for e in error.errors]
