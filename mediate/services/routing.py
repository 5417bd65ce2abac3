"""Routing as the workflow uses it: rules loaded once, decisions stored on cases.

For other areas (intake, lifecycle, documents, reports):

- `load_rules(path=None, network=None) -> CompiledRules` — validated and compiled once and
  cached per (path, content hash, network). `path=None` means the rules in the settings
  (`MEDIATE_RULES` / config `rules`), else the bundled `rules/jiaozuo.yaml`; `network=None`
  means the bundled network. Raises `ValidationErrors` listing every problem.
- `router(uow=None, rules=None) -> Router` — the fast in-memory router (`.route(case_input)`
  -> `Decision` in a few µs, no trace; `.explain(case_input)` with the trace). With a unit
  of work it uses the stored network and the current open-case load per body; it adds one
  to the chosen body's load after each decision, so a batch spreads out.
  `router.network` is the `Network` it routes on.
- `route_many(inputs, rules=None, network=None, load=None) -> list[Decision]` — pure bulk.
- `route_case(uow, case_id, rules=None, *, reason=None) -> Decision` — routes the stored
  case and records the outcome: a new `DecisionRow` (older ones kept: the history), the
  case's `org_id`, `route_rule`, `deadline_days`, `deadline_unit`, `deadline` (CPL art. 85
  via `due_date(received_on, days, unit=…)`: calendar or working days), `status =
  'routed'`, `version + 1`, and an audit event `routed` with before/after. Does NOT
  commit: the caller's unit of work does.
- Network lookups: `county_code(location)` (6-digit county of a code or place name, or
  None), `basic_court(county)` (the court `Org` serving a county; 410871 borrows one),
  `org_by_id(org_id)` (raises `NotFound`), `network(uow=None)` (stored network when a unit
  of work is given, else the bundled one).

A decision's org of kind `court` means "not for mediation": the case still gets status
'routed'; reports count kind `court` as adjudication.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mediate.domain.model import (
    CaseInput,
    Decision,
    Level,
    Org,
    OrgKind,
    Party,
    PartyKind,
    PartyRole,
    Source,
)
from mediate.errors import NotFound
from mediate.files import os_reason
from mediate.i18n import _
from mediate.routing.causes import (
    BUNDLED_REVISIONS,
    Taxonomies,
    Taxonomy,
    bundled_correspondence,
    bundled_revision,
)
from mediate.routing.engine import CompiledRules, Router
from mediate.routing.loader import content_hash, load_rules_file
from mediate.routing.network import (
    Division,
    Network,
    bundled_network,
    bundled_network_data,
)
from mediate.routing.schema import RuleError
from mediate.routing.testing import CaseResult
from mediate.services.causes import default_taxonomy

if TYPE_CHECKING:
    from sqlmodel import Session

    from mediate.domain.deadlines import WorkCalendar
    from mediate.routing.places import DeploymentDivisions
    from mediate.store.tables import CaseRow, DecisionRow, OrgRow
    from mediate.store.uow import UnitOfWork

_rules_cache: dict[tuple[str, str, int, int], CompiledRules] = {}
_taxonomies: dict[tuple[str, tuple[str, ...], tuple[int, ...]], Taxonomy] = {}
_bundled: Network | None = None
_stored: dict[tuple[str, object, int], Network] = {}
_told: dict[DeploymentDivisions, Network] = {}


def rules_path(path: Path | None = None) -> Path:
    if path is not None:
        return path
    from mediate.config import load_settings
    from mediate.resources import default_rules_file

    return load_settings().path("rules") or default_rules_file()


def load_rules(
    path: Path | None = None, network: Network | None = None, taxonomy: Taxonomy | None = None
) -> CompiledRules:
    """Validated, compiled rules; cached per path, content, network and taxonomy."""
    file = rules_path(path)
    net = network or bundled()
    tax = taxonomy or default_taxonomy()
    try:
        digest = content_hash(file.read_bytes())
    except OSError:
        digest = ""  # load_rules_file reports the error with the path
    key = (str(file.resolve()), digest, id(net), id(tax))
    found = _rules_cache.get(key)
    if found is None:
        found = load_rules_file(file, net, tax)
        if len(_rules_cache) > 32:
            _rules_cache.clear()
        _rules_cache[key] = found
    return found


def bundled() -> Network:
    global _bundled
    if _bundled is None:
        _bundled = bundled_network()
    return _bundled


# -- the stored network ---------------------------------------------------------------


def org_from_row(row: OrgRow) -> Org:
    return Org(
        id=row.id,
        name=row.name,
        kind=OrgKind(row.kind),
        level=Level(row.level),
        division_code=row.division_code,
        field=row.field,
        parent_id=row.parent_id,
        capacity=row.capacity,
        court_id=row.court_id,
        address=row.address,
        phone=row.phone,
        sample=row.sample,
        active=row.active,
    )


def stored_network(session: Session) -> Network:
    """The network as stored (after `init` and `org import`), with the bundled divisions.
    Cached until the orgs table changes."""
    from sqlalchemy import func
    from sqlmodel import select

    from mediate.store.tables import OrgRow

    count, latest = session.exec(select(func.count(), func.max(OrgRow.updated_at))).one()
    if not count:
        return bundled()
    key = (str(session.get_bind().engine.url), latest, count)
    found = _stored.get(key)
    if found is None:
        rows = session.exec(select(OrgRow)).all()
        found = Network(
            (org_from_row(r) for r in rows),
            [*bundled_network_data().divisions, *_declared_divisions(rows)],
        )
        _stored.clear()
        _stored[key] = found
    return found


def _declared_divisions(rows: Sequence[OrgRow]) -> list[Division]:
    """The divisions the deployment named for its own bodies (orgs.division_name, `org
    import`) that data/network.yaml lacks, by the full name stored: as `case show` reads
    them (routing.places.own_division_names)."""
    from mediate.routing.places import own_division_names

    named = own_division_names((r.id, r.division_code, r.division_name) for r in rows)
    return [Division(code, name) for code, name in sorted(named.items())]


def own_divisions(uow: UnitOfWork) -> DeploymentDivisions:
    """The divisions the deployment's network places its bodies at (those data/network.yaml
    lacks included: routing.places), with the names it declared for them."""
    from mediate.routing.places import DeploymentDivisions, bundled_division_names

    known = stored_network(uow.session)
    bundled = bundled_division_names()
    return DeploymentDivisions(
        (o.division_code for o in known.orgs.values()),
        {c: d.name for c, d in known.divisions.items() if c not in bundled},
    )


def use_deployment_divisions(uow: UnitOfWork) -> DeploymentDivisions:
    """Tell intake the deployment's own divisions (`own_divisions`) before it reads a place
    written as `name（code）`; the codes (carrying the names), for a reader process to be
    told too, and for the command to pass the names to what shows a place (`place_label`
    reads none it was not given)."""
    from mediate.routing.places import use_deployment_divisions as use

    own = own_divisions(uow)
    use(own)
    return own


def bundled_told(uow: UnitOfWork) -> Network:
    """The bundled network (its bodies and divisions) told the divisions the deployment
    places bodies of its own at, with the names it declared (`own_divisions`): what `rules
    explain` routes on without --stored. The bundled bodies decide, and a place at such a
    division is no unknown code, as on the stored network."""
    own = own_divisions(uow)
    base = bundled()
    extra = sorted(c for c in own if c not in base.divisions)
    if not extra:
        return base
    found = _told.get(own)
    if found is None:
        named = [Division(c, n) for c, n in sorted(own.names.items())]
        found = Network(base.orgs.values(), [*base.divisions.values(), *named], known=extra)
        _told.clear()  # one deployment a process: the network stays alive, its id unique
        _told[own] = found
    return found


def network(uow: UnitOfWork | None = None) -> Network:
    return stored_network(uow.session) if uow is not None else bundled()


def open_load(session: Session) -> dict[str, int]:
    """Open (not closed) cases per body: what least_open and capacity look at."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from mediate.store.rls import open_load_everywhere
    from mediate.store.tables import CaseRow

    everywhere = open_load_everywhere(session.connection())  # a clerk's login counts all too
    if everywhere is not None:
        return everywhere
    rows = session.exec(
        select(CaseRow.org_id, func.count())
        .where(col(CaseRow.closed_on).is_(None), col(CaseRow.org_id).is_not(None))
        .group_by(CaseRow.org_id)
    ).all()
    return {org_id: n for org_id, n in rows if org_id}


def declared_taxonomy(path: Path) -> tuple[str, ...] | None:
    """The 案由 revision(s) a rules file says it is written against (`taxonomy:`), if any."""
    try:
        stat = path.stat()
    except OSError:
        return None  # loading the rules reports it properly
    return _declared(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _declared(path: str, mtime_ns: int, size: int) -> tuple[str, ...] | None:
    import yaml

    from mediate import safeyaml

    try:
        data = safeyaml.load_file(Path(path))
    except (safeyaml.FileError, yaml.YAMLError):
        return None
    value = data.get("taxonomy") if isinstance(data, dict) else None
    if value is None:
        return None
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def taxonomy_for(path: Path | None, uow: UnitOfWork | None = None) -> Taxonomy:
    """The bundled revisions, or with a unit of work the stored ones the rules declare
    (e.g. a deployment's own import) joined with the bundled ones they also name."""
    if uow is None:
        return default_taxonomy()
    from sqlalchemy import func
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    session = uow.session

    def count(version: str) -> int:
        query = select(func.count()).select_from(CauseRow).where(CauseRow.version == version)
        return int(session.exec(query).one())

    def revisions(declared: tuple[str, ...]) -> list[Taxonomy]:
        from mediate.services.causes import stored_taxonomy, versions

        stored = set(versions(uow))
        return [
            stored_taxonomy(uow, v)
            if v in stored or v not in BUNDLED_REVISIONS
            else bundled_revision(v)
            for v in declared
        ]

    return declared_taxonomies(path, str(session.get_bind().engine.url), count, revisions)


def case_taxonomy(uow: UnitOfWork | None = None) -> Taxonomy:
    """The 案由 revisions a case's cause is read against — by routing, intake's warnings,
    the papers, the causes report and `causes show`, one reading (`routing.causes.official_
    cause`): the stored revisions the rules declare (a deployment's own import) joined with
    the bundled ones, with the deployment's cut-over (`causes_2025_from`)."""
    return taxonomy_for(None, uow)


def declared_taxonomies(
    path: Path | None,
    database: str | None,
    count: Callable[[str], int],
    revisions: Callable[[tuple[str, ...]], list[Taxonomy]],
) -> Taxonomy:
    """`taxonomy_for` over any connection: `count(version)` the causes stored under a
    version, `revisions(declared)` the declared revisions read; cached per database (when
    named) and counts."""
    base = default_taxonomy()
    declared = declared_taxonomy(rules_path(path))
    if declared is None or all(v in BUNDLED_REVISIONS for v in declared):
        return base
    key = (database or "", declared, tuple(count(v) for v in declared))
    found = _taxonomies.get(key) if database else None
    if found is None:
        found = Taxonomies(revisions(declared), [bundled_correspondence()], base.overrides)
        if database:
            _taxonomies[key] = found
    return found


def router(uow: UnitOfWork | None = None, rules: CompiledRules | None = None) -> Router:
    """A router on the stored network, taxonomy and load (with a unit of work) or the
    bundled ones."""
    if uow is None:
        return Router(rules or load_rules())
    net = stored_network(uow.session)
    compiled = rules or load_rules(None, net, taxonomy_for(None, uow))
    return Router(compiled, open_load(uow.session))


def route_many(
    inputs: list[CaseInput],
    rules: CompiledRules | None = None,
    network: Network | None = None,
    load: MutableMapping[str, int] | None = None,
) -> list[Decision]:
    compiled = rules or load_rules(None, network)
    route = Router(compiled, load).route
    return [route(case) for case in inputs]


# -- lookups --------------------------------------------------------------------------


def county_code(location: str | None) -> str | None:
    """The 6-digit county-level code of a division code or place name, or None."""
    return bundled().county_code(location)


def basic_court(county: str | None, uow: UnitOfWork | None = None) -> Org | None:
    return network(uow).basic_court(county)


def org_by_id(org_id: str, uow: UnitOfWork | None = None) -> Org:
    return network(uow).org(org_id)


# -- routing a stored case ------------------------------------------------------------


def case_input(session: Session, case: CaseRow) -> CaseInput:
    """The stored case as the router sees it."""
    from sqlmodel import col, select

    from mediate.store.tables import PartyRow

    rows = session.exec(
        select(PartyRow).where(PartyRow.case_id == case.id).order_by(col(PartyRow.position))
    ).all()
    parties = [
        Party(
            role=PartyRole(p.role),
            kind=PartyKind(p.kind),
            name=p.name,
            industry=p.industry,
            address=p.address,
            # a 个体工商户's title 经营者 (民诉法解释 (2022) art. 59): its address is its
            # 经营场所, as the routing warning names it (engine._placed_by)
            legal_rep_title=p.legal_rep_title,
        )
        for p in rows
    ]
    return CaseInput(
        cause=case.cause,
        parties=parties,
        amount=case.amount,
        source=Source(case.source),
        court_case_no=case.court_case_no,
        referring_court=case.referring_court,
        received_on=case.received_on,
        location=case.location,
        # Where the property is places the special procedures 民事诉讼法 (2023) arts. 202
        # (认定财产无主: 财产所在地) and 207 (实现担保物权: 担保财产所在地) name: without it a
        # stored case (case new, case transfer --reroute) ignored the recorded place.
        subject_matter_location=case.subject_matter_location,
        tags=list(case.tags or []),
        facts=case.facts,
        procedure=case.procedure,
        claim=case.claim,
    )


def route_case(
    uow: UnitOfWork,
    case_id: int,
    rules: CompiledRules | None = None,
    *,
    reason: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Decision:
    """Route a stored case and record the decision on it (see the module docstring); its
    deadline counted by `calendar` (the holidays file's; None: the package's)."""
    from mediate.domain.deadlines import due_date, unit_change
    from mediate.domain.status import Status, check_transition
    from mediate.services.casestore import update_case
    from mediate.store.tables import CaseRow

    session = uow.session
    case = session.get(CaseRow, case_id)
    if case is None:
        raise NotFound(_("No case {id}.").format(id=case_id))
    from mediate.store.locks import serialize_routing

    serialize_routing(session.connection())  # capacity: clerks route one after the other
    check_transition(case.status, Status.ROUTED, case_id)
    decision = router(uow, rules).explain(case_input(session, case))
    # The versioned update of the lifecycle: a clerk who changed the case meanwhile wins,
    # this routing gets the conflict; the audit event carries before/after.
    update_case(
        uow,
        case,
        {
            "org_id": decision.org.id,
            "route_rule": decision.rule,
            "deadline_days": decision.deadline_days,
            **unit_change(case.deadline_unit, decision.deadline_unit),
            "deadline": due_date(
                case.received_on, decision.deadline_days, calendar, decision.deadline_unit
            ),
            "status": Status.ROUTED.value,
        },
        "routed",
        note=reason,
    )
    session.add(decision_row(case_id, decision, uow.clerk))
    session.flush()
    return decision


def decision_row(case_id: int, decision: Decision, clerk: str) -> DecisionRow:
    """A routing decision as the row that records it on the case (the newest is current)."""
    from mediate.domain.deadlines import stored_unit
    from mediate.store.tables import DecisionRow

    return DecisionRow(
        case_id=case_id,
        org_id=decision.org.id,
        rule=decision.rule,
        path=list(decision.path),
        deadline_days=decision.deadline_days,
        deadline_unit=stored_unit(decision.deadline_unit),
        rules_version=decision.rules_version,
        trace=[step.as_json() for step in decision.trace],
        warnings=list(decision.warnings),
        decided_by=clerk,
    )


# -- rules tooling ----------------------------------------------------------------------


def check_rules(
    path: Path | None = None, network: Network | None = None, taxonomy: Taxonomy | None = None
) -> CheckResult:
    """Validate a rules file without raising: every error, or the compiled rules."""
    from mediate.routing.loader import check_text, compile_text

    file = rules_path(path)
    net = network or bundled()
    tax = taxonomy or default_taxonomy()
    from mediate.routing.loader import display_path

    shown = display_path(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        from mediate.errors import ValidationError

        raise ValidationError(
            _("cannot read the rules: {error}").format(error=os_reason(exc)), str(file)
        ) from None
    from mediate import safeyaml

    # not UTF-8 (a GBK file): the error `rules show` and `rules test` give, not a check of
    # the text with its bytes replaced
    spec, errors = check_text(safeyaml.decode(data, shown), shown, net, tax)
    compiled = compile_text(data, shown, net, tax) if spec is not None else None
    return CheckResult(shown, errors, compiled)


class CheckResult:
    def __init__(self, file: str, errors: list[RuleError], rules: CompiledRules | None) -> None:
        self.file = file
        self.errors = errors
        self.rules = rules

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "ok": not self.errors,
            "rules_version": self.rules.version if self.rules else None,
            "routes": len(self.rules.routes()) if self.rules else None,
            "errors": [
                {"where": str(e.mark), "path": list(e.path), "message": e.message}
                for e in self.errors
            ],
        }


def explain(case: CaseInput, rules: CompiledRules, raw: bool = False) -> Decision:
    """The decision for a dispute, with the trace of every route tried (no load); `raw`:
    the conditions as the rules file writes them."""
    return Router(rules).explain(case, raw)


def stored_case(uow: UnitOfWork, case_id: int) -> CaseInput:
    """A stored case as the router sees it (`rules explain ID`), if the clerk may see it."""
    from mediate.services.casestore import load_case

    return case_input(uow.session, load_case(uow, case_id, change=False))


def routed_with(uow: UnitOfWork, case_id: int) -> tuple[str, str] | None:
    """The body (its name) and the rules version of a stored case's latest routing
    decision (the one `case show` stands on), or None for a case never routed."""
    from mediate.services.casestore import latest_decision
    from mediate.store.tables import OrgRow

    decision = latest_decision(uow, case_id)
    org = uow.session.get(OrgRow, decision.org_id) if decision is not None else None
    return (org.name, decision.rules_version) if decision is not None and org is not None else None


def _parse_test_case(text: str, file: str) -> CaseInput:
    import datetime as dt

    from mediate.intake.dispute_file import parse_dispute

    # Test disputes are examples, not intake: a fixed "today" keeps them valid forever.
    return parse_dispute(text, file, today=dt.date(2100, 1, 1))


def run_rule_tests(files: list[Path], rules: CompiledRules) -> list[CaseResult]:
    """Run named rule test files (or every *.yaml in a folder) against the rules."""
    from mediate import safeyaml
    from mediate.routing.loader import display_path
    from mediate.routing.testing import check_case, load_rule_tests
    from mediate.routing.titles import titles_of

    titles = titles_of(rules.spec.root)
    results: list[CaseResult] = []
    expanded = [p for f in files for p in (sorted(f.glob("*.yaml")) if f.is_dir() else [f])]
    for path in expanded:
        text = safeyaml.read_text(path)  # a FileError (a ValidationError) when not UTF-8
        for test in load_rule_tests(text, display_path(path), _parse_test_case):
            results.append(check_case(test, Router(rules).route(test.case), titles))
    return results


# -- the demo ---------------------------------------------------------------------------

DEMO_DISPUTES = (
    ("相邻通行纠纷", "焦作市解放区王褚街道王褚村", None, Source.SELF_ACCEPTED, ()),
    ("金融借款合同纠纷", "410802009", "finance", Source.COURT_ENTRUSTED, ()),
    ("机动车交通事故责任纠纷", "武陟县", None, Source.COURT_DELEGATED, ()),
    ("网络购物合同纠纷", "温县", None, Source.SELF_ACCEPTED, ("price_dispute",)),
)


def demo_routing(uow: UnitOfWork) -> dict[str, object]:
    """What `mediate demo` shows of routing: the network loaded, the rules checked, and a
    few disputes explained (body, route, deadline, and the route that took each)."""
    from mediate.routing.titles import path_label, titles_of

    net = stored_network(uow.session)
    rules = load_rules(None, net)
    titles = titles_of(rules.spec.root)
    explained = []
    for cause, location, industry, source, tags in DEMO_DISPUTES:
        case = CaseInput(
            cause=cause,
            parties=[
                Party(
                    PartyRole.APPLICANT,
                    PartyKind.ENTERPRISE if industry else PartyKind.PERSON,
                    "申请人",
                    industry=industry,
                ),
                Party(PartyRole.RESPONDENT, PartyKind.PERSON, "被申请人"),
            ],
            source=source,
            location=location,
            tags=list(tags),
        )
        decision = Router(rules).explain(case)
        explained.append(
            {
                "cause": cause,
                "location": location,
                "org": decision.org.name,
                "kind": decision.org.kind.value,
                "path": " > ".join(decision.path),
                "route": path_label(decision.path, titles),
                "deadline_days": decision.deadline_days,
                "why": decision.trace[-1].why if decision.trace else "",
                "warnings": decision.warnings,
            }
        )
    counties = {o.division_code[:6] for o in net.orgs.values() if o.division_code[:6] != "410800"}
    return {
        "bodies": len(net.orgs),
        "counties": len(counties),
        "causes": len(default_taxonomy()),
        "rules": rules.file,
        "rules_version": rules.version,
        "routes": len(rules.routes()),
        "explained": explained,
    }
