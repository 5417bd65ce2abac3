"""`mediate doc batch` as it runs and prints, without Typer.

The Typer command (commands/doc.py) and the light entry (mediate/quick.py) both call
`batch` with the values they parsed, so the two paths print the same thing. The batch
runs over DB-API on SQLite where it can (services/docsql.py), else through the unit of
work (`context.uow()`; the light entry's raises `NeedsFullPath` and the full app runs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.config import Settings
    from mediate.services.docbatch import BatchResult
    from mediate.store.uow import UnitOfWork


class BatchContext(Protocol):
    """What a batch needs from the command's context (services/context.AppContext)."""

    settings: Settings

    def uow(self) -> AbstractContextManager[UnitOfWork]: ...


def document_date(value: str | None) -> dt.date:
    """--date as every date option reads it (commands/reads.parse_day: 2026-12-01,
    2026/12/1, 2026年12月1日); today when not given."""
    from mediate import clock
    from mediate.commands.reads import parse_day

    return parse_day(value, "--date") or clock.today()


def refuse_undated(kind: str, date: str | None) -> None:
    """--date for a document that prints no date of its own would be ignored: refused
    (exit 2) rather than silently dropped."""
    from mediate.documents.context import UNDATED_KINDS
    from mediate.documents.kinds import kind_named
    from mediate.errors import BadOptionValue

    if date is None:
        return
    document_date(date)  # a bad or far-off date is named as such first
    named = kind_named(kind)  # by id, alias or title
    if named.id not in UNDATED_KINDS:
        return
    title = named.title
    if named.id == "agreement":
        why = _(
            "the {title} carries no date of its own (the agreement is dated by the day it was "
            "reached): leave --date out"
        )
    elif named.id == "registration":
        why = _("the {title} is dated by the day the case was received: leave --date out")
    else:
        why = _("the {title} is dated by hand when it is signed: leave --date out")
    raise BadOptionValue("--date", why.format(title=title))


def to_pdf(paths: list[Path], out: Path) -> list[Path]:
    from mediate.documents.pdf import convert_to_pdf

    return convert_to_pdf(paths, out)


def batch(
    context: BatchContext,
    kind: str,
    filter_items: list[str],
    out: Path,
    force: bool,
    workers: int | None,
    pdf: bool,
    date: str | None,
    as_json_output: bool,
) -> None:
    from mediate import console
    from mediate.errors import MediateError
    from mediate.files import configured_database
    from mediate.services.docbatch import as_json, parse_filters

    refuse_undated(kind, date)
    filters = parse_filters(filter_items)
    with ExitStack() as stack:

        def progress(total: int) -> Callable[[int], None]:
            return stack.enter_context(console.progress(_("Rendering"), total)).advance

        def arguments() -> dict[str, Any]:  # once the database is open, as before
            return {
                "filters": filters,
                "out_dir": out,
                "today": document_date(date),
                "templates_dir": context.settings.path("templates"),
                "workers": workers,
                "progress": progress,
                "credit": context.settings.credit_notice(),
                "overwrite": force,
                "database": configured_database(context.settings),
                "pdf": pdf,
            }

        result = _batch(context, kind, arguments)
    pdfs = to_pdf([r.path for r in result.rendered], out) if pdf and result.rendered else []
    if as_json_output:
        console.print_json(
            {
                "kind": result.kind,
                "template": str(result.template),
                "rendered": [as_json(r) for r in result.rendered],
                "pdf": [str(p) for p in pdfs],
                "failed": [{"case": c, "error": e} for c, e in result.failed],
                "skipped": [{"case": c, "reason": r} for c, r in result.skipped],
                "warnings": [{"warning": w, "cases": c} for w, c in result.warnings().items()],
            }
        )
    else:
        for _case_id, error in result.failed:
            console.error(error)
        for warning, cases in result.warnings().items():  # once each, with its cases
            console.warn(_warning_of(warning, cases))
        for reason, cases in skipped_reasons(result.skipped):
            console.info(_skipped_for(reason, cases))
        console.success(
            _("{n} documents written to {dir}; {failed} failed; {skipped} cases skipped.").format(
                n=len(result.rendered),
                dir=out,
                failed=len(result.failed),
                skipped=len(result.skipped),
            )
        )
    if result.failed:
        raise MediateError(
            _("{n} documents could not be produced (see above).").format(n=len(result.failed))
        )


# A warning's cases as printed: the first few ids, then how many more (a body's name and
# kind disagreeing concerns all its cases: a batch over a year can be thousands).
_CASES_SHOWN = 10


def _warning_of(warning: str, cases: list[int]) -> str:
    if len(cases) == 1:
        return _("Case {case}: {warning}").format(case=cases[0], warning=warning)
    return _("Cases {cases}: {warning}").format(cases=_cases(cases), warning=warning)


def skipped_reasons(skipped: list[tuple[int, str]]) -> list[tuple[str, list[int]]]:
    """The reasons cases were skipped, each with its cases, the commonest first (review of
    2026-12-03: "跳过 15 个案件" alone left the clerk to run it again with --json)."""
    by_reason: dict[str, list[int]] = {}
    for case_id, reason in skipped:
        by_reason.setdefault(reason, []).append(case_id)
    return sorted(by_reason.items(), key=lambda item: -len(item[1]))


def _skipped_for(reason: str, cases: list[int]) -> str:
    if len(cases) == 1:
        return _("Skipped case {case}: {reason}").format(case=cases[0], reason=reason)
    return _("Skipped {n} cases ({cases}): {reason}").format(
        n=len(cases), cases=_cases(cases), reason=reason
    )


def _cases(ids: list[int]) -> str:
    shown = _(", ").join(str(i) for i in ids[:_CASES_SHOWN])
    if len(ids) <= _CASES_SHOWN:
        return shown
    return _("{ids} and {n} more").format(ids=shown, n=len(ids) - _CASES_SHOWN)


def _batch(
    context: BatchContext, kind: str, arguments: Callable[[], dict[str, Any]]
) -> BatchResult:
    """`render_batch` over DB-API where it can (services/docsql.py: no SQLAlchemy to
    import), else through the unit of work. Once the DB-API store is open the batch is its:
    a failure there (a held lock, store/dbapi says so) is the batch's, never run again."""
    from mediate.services.docbatch import render_batch
    from mediate.services.docsql import open_store
    from mediate.store.dbapi import NeedsFullPath

    try:
        store = open_store(context.settings, kind)
    except NeedsFullPath:
        from mediate.services.documents import UowStore

        with context.uow() as uow:
            return render_batch(UowStore(uow), kind, **arguments())
    with store.reader:
        return render_batch(store, kind, **arguments())
