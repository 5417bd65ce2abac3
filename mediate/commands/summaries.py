"""The help text of every top-level command and command group, in one place.

The command modules pass these to `typer.Typer(help=...)` / `app.command(help=...)`, and
the root command's registry (`mediate.commands.registry.COMMANDS`) lists them under
`mediate --help` without importing the command modules. Import nothing heavier than
`mediate.i18n` here.
"""

from __future__ import annotations

from mediate.i18n import _

MEDIATE = _(
    "Pre-litigation dispute mediation: take disputes in, route them to the right "
    "body, track them to an outcome and produce the documents for the court."
)

INIT = _("Create or upgrade the database and load the bundled network, taxonomy and rules.")
DEMO = _(
    "Run the whole job on sample data in a fresh embedded "
    "database: intake, routing, outcomes, documents, report."
)
VERSION = _("Show the version of mediate.")
IMPORT = _(
    "Import a court-referral spreadsheet (CSV in UTF-8/GBK/GB18030, or XLSX): "
    "every row is imported and routed, or rejected with its row, field and reason."
)
OUTCOME = _(
    "Record how a case ended: settled (or success) with the agreement's terms, "
    "failed with the reason and the follow-up, or withdrawn."
)
CONFIG = _("Show the settings in effect.")
CASE = _("Register, find and follow disputes (cases).")
TODAY = _(
    "The day's work for your bodies: unassigned cases, deadlines due and overdue, "
    "confirmation windows closing, rulings awaited, performance dates due."
)
RULES = _("Check, show, explain and test the routing rules.")
ORG = _("The bodies of the mediation network.")
CAUSES = _("The 案由 taxonomy (causes of action).")
MEDIATOR = _("The mediators of each body: add, list with their open cases, disable, enable again.")
CONFIRM = _(
    "Judicial confirmation of a mediation agreement: choose the competent court, check "
    "what a court will not accept, and record the court's result."
)
CREDIT = _(
    "Report a failed debt case's enterprise to the credit agencies: an explicit, "
    "audited decision with its legal basis."
)
DOC = _("Produce the documents for the court and the parties, and check templates.")
REPORT = _("Reports: the 70/20/10 funnel, bodies' performance, overdue cases, causes.")
EXPORT = _("Export cases (CSV, XLSX, JSON) and the credit-platform file.")
CLERK = _("Register clerks, their body and role; disable them.")
DB = _("Manage the database: upgrade, logins, copy, backup, restore.")
SESSION = _(
    "Mediation sessions: schedule (session ID --at … --place …), list, move, cancel, "
    "record who attended and what happened."
)
PERFORMANCE = _(
    "Record the performance of an agreement (done, partial with the amount, none) or its "
    "hand-off to enforcement; shows what is outstanding and the enforcement period."
)
VISIT = _("Record a return visit (回访) on a settled case: when, by whom, what was found.")
