"""`mediate doc`: the Word documents that go to court (render, batch, templates, lint)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import (
    DATE_FORMS,
    CaseRef,
    ForceOption,
    JsonOption,
    OutDirOption,
    app_context,
    check_output_file,
    named_path,
    output_dir,
    output_file,
    the_database,
    wants_json,
    whole_number,
)
from mediate.commands.doc_batch import document_date, refuse_undated, to_pdf
from mediate.files import names_a_file
from mediate.framework import param_label
from mediate.i18n import _

app = typer.Typer(
    help=summaries.DOC,
    no_args_is_help=True,
)

KindArgument = Annotated[
    str,
    typer.Argument(
        metavar="KIND",
        help=_(
            "Document kind: application, agreement, termination, service_address, "
            "credit_notice, court_report, return_letter, registration, notice (or its "
            "Chinese title)."
        ),
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help=_("Date printed on the documents, {forms} (default: today).").format(forms=DATE_FORMS),
    ),
]
PdfOption = Annotated[bool, typer.Option("--pdf", help=_("Also convert to PDF with LibreOffice."))]


def document_out(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """`doc render -o`: a directory to write into (`output_dir`), or the .docx file to
    write (`output_file`: an existing one is only replaced with --force) whose directory
    must exist (a usage error otherwise, exit 2; review of 2026-12-02: `-o x.docx` made a
    directory of that name). Any other file's name (`a.txt`, files.names_a_file) and ''
    (`named_path`) are usage errors too."""
    from mediate.errors import BadOptionValue

    option = param_label(param)
    if value is None:
        return None
    if not is_document_file(value):
        # `-o x.pdf`, `-o a.txt` (review of 2026-12-02: a directory named a.txt was
        # made): here a file name may only be the .docx (the PDF is made beside it)
        if names_a_file(value) and not value.expanduser().is_dir():
            raise BadOptionValue(
                option,
                _(
                    "{path}: give a directory, or the .docx file to write (with --pdf the "
                    "PDF of the same name is made beside it)."
                ).format(path=value.expanduser()),
            )
        return output_dir(ctx, param, value)
    return output_file(ctx, param, value)  # its directory must exist, as every file's


def is_document_file(value: Path) -> bool:
    """-o names the .docx to write, not a directory (an existing directory is one)."""
    return value.suffix.lower() == ".docx" and not value.expanduser().is_dir()


DocumentOutOption = Annotated[
    Path,
    typer.Option(
        "-o",
        "--out",
        metavar="<path>",  # the type's own, translated in help (helplayout)
        parser=named_path,
        help=_(
            "Directory to write the document to, or the .docx file to write (its directory "
            "must exist; with --pdf the PDF goes beside it)."
        ),
        callback=document_out,
    ),
]


@app.command("render", help=_("Produce one document for one case."))
def render(
    ctx: typer.Context,
    kind: KindArgument,
    case_ref: CaseRef,
    out: DocumentOutOption = Path("."),
    force: ForceOption = False,
    pdf: PdfOption = False,
    date: DateOption = None,
    session: Annotated[
        int | None,
        typer.Option(
            "--session",
            metavar="SESSION",
            parser=whole_number(),
            help=_("The notice's session (session list shows it; default: the next one)."),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.cases import resolve_case
    from mediate.services.documents import as_json, render_document

    refuse_undated(kind, date)
    context = app_context(ctx)
    named = out if is_document_file(out) else None  # -o x.docx: that file, in its directory
    out_dir = out.expanduser().parent if named else out
    if named and pdf:
        # the PDF beside it, of the same name, is checked as -o's file is: an existing one
        # is kept without --force, the configured database is never written over
        check_output_file(ctx, named.with_suffix(".pdf"), "--out")
    with context.uow() as uow:
        result = render_document(
            uow,
            kind,
            resolve_case(uow, case_ref),
            out_dir,
            document_date(date),
            context.settings.path("templates"),
            credit=context.settings.credit_notice(),
            session_id=session,
            overwrite=force,
            filename=named.name if named else None,
            with_pdf=pdf,
            database=the_database(ctx),  # the name it derives in a directory, and its PDF's
        )
    for warning in result.warnings:
        console.warn(warning)
    pdf_path = to_pdf([result.path], out_dir)[0] if pdf else None
    if wants_json(ctx, json_):
        console.print_json(as_json(result) | {"pdf": str(pdf_path) if pdf_path else None})
        return
    console.success(_("Wrote {path}").format(path=result.path))
    if pdf_path:
        console.success(_("Wrote {path}").format(path=pdf_path))


@app.command("batch", help=_("Produce a document for every selected case that can have one."))
def batch(
    ctx: typer.Context,
    kind: KindArgument,
    filter_: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            metavar="KEY=VALUE",
            help=_(
                "Select cases: status, org, source, county, cause or result (repeatable, "
                "each key once)."
            ),
        ),
    ] = None,
    out: OutDirOption = Path("."),
    force: ForceOption = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help=_("At most this many processes (default: the idle cores; small batches use one)."),
        ),
    ] = None,
    pdf: PdfOption = False,
    date: DateOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.doc_batch import batch as run_batch

    context = app_context(ctx)
    run_batch(context, kind, filter_ or [], out, force, workers, pdf, date, wants_json(ctx, json_))


@app.command("templates", help=_("List the document kinds, their templates and variables."))
def templates(ctx: typer.Context, json_: JsonOption = False) -> None:
    from mediate import console
    from mediate.services.documents import choose_template, kinds, template_variables

    directory = app_context(ctx).settings.path("templates")
    rows = []
    for kind in kinds():
        choice = choose_template(kind, directory)
        rows.append(
            {
                "kind": kind.id,
                "title": kind.title,
                "description": kind.description,
                "template": str(choice.path),
                "overridden": choice.overridden,
                "required": list(kind.required),
                "variables": template_variables(choice.path),
            }
        )
    if wants_json(ctx, json_):
        console.print_json(rows)
        return
    console.table(
        [_("Kind"), _("Title"), _("Template"), _("Variables")],
        [
            (
                r["kind"],
                r["title"],
                (_("own: ") if r["overridden"] else "") + Path(str(r["template"])).name,
                ", ".join(r["variables"]),  # type: ignore[arg-type]
            )
            for r in rows
        ],
    )


@app.command("lint", help=_("Check templates: Jinja errors, split tags, unknown variables, fonts."))
def lint(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="DIR|FILE", help=_("A .docx or a directory."))],
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.documents.lint import lint_path
    from mediate.errors import MediateError, NotFound

    if not path.exists():
        raise NotFound(_("There is no file or directory {path}.").format(path=path))
    issues = lint_path(path)
    errors = [i for i in issues if i.error]
    if wants_json(ctx, json_):
        console.print_json(
            [
                {
                    "file": i.file,
                    "where": i.where,
                    "code": i.code,
                    "message": i.message,
                    "error": i.error,
                }
                for i in issues
            ]
        )
    else:
        for issue in issues:
            (console.error if issue.error else console.warn)(str(issue))
        if not issues:
            console.success(_("No problems found in {path}.").format(path=path))
    if errors:
        raise MediateError(_("{n} errors in the templates.").format(n=len(errors)))
