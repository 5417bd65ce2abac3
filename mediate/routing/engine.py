"""The compiled routing tree and the router that walks it.

`compile_rules(spec, …)` turns a validated `RulesSpec` into plain Python closures once;
`Router.route(case)` then decides in a few microseconds, and `Router.explain(case)`
walks the same tree recording why each route did or did not match.

Semantics (DESIGN.md §4, after Alertmanager): depth-first; among siblings the first
matching route without `continue` wins; a matching route with `continue: true` is
remembered (and its `warn` added) but later siblings are still tried — it is used only
when none of them yields a body. A matched route whose own children yield nothing uses
its own target, else the one inherited from its parent. A selector target that finds no
body near the dispute makes its route fall through to the next sibling (say so in the
trace), unless it has a `fallback`. Deadlines and strategy are inherited and merged down.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mediate.domain.model import (
    CaseInput,
    Decision,
    Org,
    PartyKind,
    PartyRole,
    Source,
    TraceStep,
)
from mediate.i18n import _
from mediate.routing.analysis import conjuncts
from mediate.routing.causes import Taxonomy
from mediate.routing.network import Network
from mediate.routing.schema import Cond, PartyTest, Range, RouteSpec, RulesSpec, TargetSpec

DEFAULT_DEADLINES: dict[str, Any] = {
    Source.COURT_ENTRUSTED.value: {"ordinary": 15, "summary": 7},  # 委托调解
    Source.COURT_DELEGATED.value: 30,  # 委派调解
    Source.SELF_ACCEPTED.value: 30,  # 自行受理: "generally within one month"
    "default": 30,
}
DEFAULT_STRATEGY = "least_open"


class Facts:
    """What the matchers look at, computed once per case."""

    __slots__ = ("amount", "case", "cause", "groups", "location", "parties", "source", "tags")

    def __init__(self, case: CaseInput, groups: frozenset[str], location: str | None) -> None:
        self.case = case
        self.cause = case.cause
        self.groups = groups
        self.amount = case.amount
        self.source = case.source
        self.location = location
        self.parties = case.parties
        self.tags = case.tags


Test = Callable[[Facts], bool]


def _both(values: tuple[str, ...], enum: type[Any] | None = None) -> frozenset[Any]:
    """Strings plus their enum members, so a test works whichever the caller used."""
    out: set[Any] = set(values)
    if enum is not None:
        out.update(enum(v) for v in values)
    return frozenset(out)


class _Compiler:
    def __init__(self, spec: RulesSpec) -> None:
        self.sets = spec.sets
        self._set_tests: dict[str, Test] = {}

    def test(self, cond: Cond) -> Test:
        op, value = cond.op, cond.value
        if op == "all":
            return _all([self.test(a) for a in cond.args])
        if op == "any":
            return _any([self.test(a) for a in cond.args])
        if op == "not":
            inner = self.test(cond.args[0])
            return lambda f: not inner(f)
        if op == "set":
            return _all([self._set(name) for name in value])
        if op == "cause":
            causes = frozenset(value)
            return lambda f: f.cause in causes
        if op == "cause_group":
            groups = frozenset(value)
            return lambda f: not groups.isdisjoint(f.groups)
        if op == "cause_keyword":
            words = tuple(value)
            return lambda f: any(w in f.cause for w in words)
        if op == "cause_regex":
            search = re.compile(value).search
            return lambda f: search(f.cause) is not None
        if op == "facts_keyword":
            words = tuple(value)
            return lambda f: bool(f.case.facts) and any(w in f.case.facts for w in words)  # type: ignore[operator]
        if op == "source":
            sources = _both(value, Source)
            return lambda f: f.source in sources
        if op == "procedure":
            procedures = frozenset(value)
            return lambda f: f.case.procedure in procedures
        if op == "location":
            prefixes = tuple(value)
            return lambda f: f.location is not None and f.location.startswith(prefixes)
        if op == "tags":
            tags = frozenset(value)
            return lambda f: not tags.isdisjoint(f.tags)
        if op == "amount":
            return _amount_test(value)
        if op in ("party", "all_parties"):
            return _party_test(value, every=op == "all_parties")
        if op == "party_count":
            role, rng = value
            role_set = _both((role,), PartyRole) if role else None
            return lambda f: rng.contains(
                Decimal(
                    len(f.parties)
                    if role_set is None
                    else sum(1 for p in f.parties if p.role in role_set)
                )
            )
        raise AssertionError(f"unvalidated matcher {op}")

    def _set(self, name: str) -> Test:
        if name not in self._set_tests:
            self._set_tests[name] = self.test(self.sets[name])
        return self._set_tests[name]


def _all(tests: list[Test]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda f: a(f) and b(f)
    return lambda f: all(t(f) for t in tests)


def _any(tests: list[Test]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda f: a(f) or b(f)
    return lambda f: any(t(f) for t in tests)


def _amount_test(rng: Range) -> Test:
    numeric = any(v is not None for v in (rng.gte, rng.gt, rng.lte, rng.lt))
    if not numeric:
        known = rng.known
        return lambda f: (f.amount is not None) is known
    if rng.known is False:
        return lambda f: False
    contains = rng.contains
    return lambda f: f.amount is not None and contains(f.amount)


def _party_test(test: PartyTest, every: bool) -> Test:
    roles = _both((test.role,), PartyRole) if test.role else None
    kinds = _both(tuple(test.kinds), PartyKind) if test.kinds else None
    industries = test.industries
    keywords = test.name_keywords

    def one(p: Any) -> bool:
        return (
            (kinds is None or p.kind in kinds)
            and (industries is None or p.industry in industries)
            and (keywords is None or any(k in p.name for k in keywords))
        )

    if every:

        def all_match(f: Facts) -> bool:
            chosen = [p for p in f.parties if roles is None or p.role in roles]
            return bool(chosen) and all(one(p) for p in chosen)

        return all_match

    def any_match(f: Facts) -> bool:
        return any((roles is None or p.role in roles) and one(p) for p in f.parties)

    return any_match


@dataclass(eq=False)
class Target:
    """A compiled target: a fixed body, or a selector resolved against the network."""

    spec: TargetSpec
    org: Org | None
    kinds: tuple[str, ...]
    field: str | None
    strategy: str
    fallback: Org | None

    def describe(self) -> str:
        return self.spec.describe()


@dataclass(eq=False)
class Route:
    name: str
    path: tuple[str, ...]
    spec: RouteSpec
    test: Test | None
    parts: list[tuple[Cond, Test]]
    continue_: bool
    target: Target | None  # own, else inherited
    deadlines: dict[str, Any]
    warn: str | None
    children: list[Route] = field(default_factory=list)


@dataclass(eq=False)
class CompiledRules:
    """A validated, compiled rules file: the tree plus what it was checked against."""

    file: str
    version: str  # "sha256:…" of the file's bytes
    name: str | None
    spec: RulesSpec
    root: Route
    network: Network
    taxonomy: Taxonomy

    def routes(self) -> list[Route]:
        out: list[Route] = []

        def visit(r: Route) -> None:
            out.append(r)
            for c in r.children:
                visit(c)

        visit(self.root)
        return out


def compile_rules(
    spec: RulesSpec, network: Network, taxonomy: Taxonomy, version: str
) -> CompiledRules:
    compiler = _Compiler(spec)

    def target(t: TargetSpec | None, strategy: str) -> Target | None:
        if t is None:
            return None
        return Target(
            spec=t,
            org=network.org(t.org) if t.org else None,
            kinds=t.kinds,
            field=t.field,
            strategy=t.strategy or strategy,
            fallback=network.org(t.fallback) if t.fallback else None,
        )

    def build(
        r: RouteSpec, inherited: Target | None, deadlines: dict[str, Any], strategy: str
    ) -> Route:
        strategy = r.strategy or strategy
        merged = {**deadlines, **(r.deadlines or {})}
        own = target(r.target, strategy)
        parts = [(c, compiler.test(c)) for c in conjuncts(r.match, {})]
        route = Route(
            name=r.name,
            path=r.path,
            spec=r,
            test=compiler.test(r.match) if r.match is not None else None,
            parts=parts,
            continue_=r.continue_,
            target=own or inherited,
            deadlines=merged,
            warn=r.warn,
        )
        route.children = [build(c, route.target, merged, strategy) for c in r.routes]
        return route

    root = build(spec.root, None, dict(DEFAULT_DEADLINES), DEFAULT_STRATEGY)
    return CompiledRules(spec.file, version, spec.name, spec, root, network, taxonomy)


def deadline_days(deadlines: dict[str, Any], source: str, procedure: str | None) -> int:
    value = deadlines.get(source, deadlines.get("default", 30))
    if isinstance(value, dict):
        return int(value.get(procedure or "ordinary") or value.get("ordinary") or 30)
    return int(value)


class Router:
    """Routes disputes with compiled rules. Pure: no store, no I/O.

    `load` maps body id -> open cases; the router adds one to the chosen body after each
    decision (so a batch spreads by least_open), and honours `capacity`.
    """

    def __init__(self, rules: CompiledRules, load: MutableMapping[str, int] | None = None) -> None:
        self.rules = rules
        self.network = rules.network
        self.taxonomy = rules.taxonomy
        self.load: MutableMapping[str, int] = load if load is not None else {}
        self._groups: dict[str, tuple[frozenset[str], str | None]] = {}
        self._candidates: dict[tuple[int, str | None], list[tuple[Org, ...]]] = {}
        self._turn: dict[tuple[str, ...], int] = {}

    # -- public ------------------------------------------------------------------------
    def route(self, case: CaseInput) -> Decision:
        return self._decide(case, None)

    def explain(self, case: CaseInput) -> Decision:
        return self._decide(case, [])

    # -- internals ---------------------------------------------------------------------
    def _facts(self, case: CaseInput, warnings: list[str]) -> Facts:
        known = self._groups.get(case.cause)
        if known is None:
            groups = self.taxonomy.groups(case.cause)
            note = None
            if groups is None:
                groups, hits = self.taxonomy.infer(case.cause)
                note = _(
                    "The cause {cause!r} is not in the 案由 taxonomy {version}; "
                    "it was routed by keyword{like}."
                ).format(
                    cause=case.cause,
                    version=self.taxonomy.version,
                    like=(
                        " ("
                        + _("like {causes}").format(causes="、".join(h.name for h in hits))
                        + ")"
                    )
                    if hits
                    else "",
                )
            known = (groups, note)
            if len(self._groups) < 50_000:
                self._groups[case.cause] = known
        if known[1] is not None:
            warnings.append(known[1])
        location = self.network.division_code(case.location)
        if case.location and location is None:
            warnings.append(
                _("The location {location!r} is not a known division code or place.").format(
                    location=case.location
                )
            )
        return Facts(case, known[0], location)

    def _decide(self, case: CaseInput, trace: list[TraceStep] | None) -> Decision:
        warnings: list[str] = []
        facts = self._facts(case, warnings)
        root = self.rules.root
        found = self._descend(root, facts, trace, warnings)
        if found is None:  # validation guarantees the root resolves; defend anyway
            assert root.target is not None and root.target.fallback is not None
            found = (root, root.target.fallback)
        route, org = found
        self.load[org.id] = self.load.get(org.id, 0) + 1
        source = case.source.value if isinstance(case.source, Source) else str(case.source)
        return Decision(
            org=org,
            rule=route.name,
            path=list(route.path),
            deadline_days=deadline_days(route.deadlines, source, case.procedure),
            rules_version=self.rules.version,
            trace=trace or [],
            warnings=warnings,
        )

    def _descend(
        self, route: Route, f: Facts, trace: list[TraceStep] | None, warnings: list[str]
    ) -> tuple[Route, Org] | None:
        continued: tuple[Route, Org] | None = None
        for child in route.children:
            test = child.test
            if test is not None and not test(f):
                if trace is not None:
                    trace.append(TraceStep(child.name, False, self._why(child, f, False)))
                continue
            if trace is not None:
                trace.append(TraceStep(child.name, True, self._why(child, f, True)))
            result = self._descend(child, f, trace, warnings)
            if result is None:
                continue
            if child.warn:
                warnings.append(child.warn)
            if not child.continue_:
                return result
            if continued is None:
                continued = result
        if continued is not None:
            return continued
        org = self._resolve(route, f, warnings)
        if org is None:
            if trace is not None:
                trace.append(
                    TraceStep(
                        route.name,
                        False,
                        _("matched, but no body {target} is near the dispute's location").format(
                            target=route.target.describe() if route.target else "?"
                        ),
                    )
                )
            return None
        return route, org

    def _resolve(self, route: Route, f: Facts, warnings: list[str]) -> Org | None:
        target = route.target
        if target is None:
            return None
        if target.org is not None:
            return target.org
        key = (id(target), f.location)
        levels = self._candidates.get(key)
        if levels is None:
            levels = self._levels(target, f.location)
            self._candidates[key] = levels
        for candidates in levels:
            chosen = self._pick(target, candidates, full_ok=False)
            if chosen is not None:
                return chosen
        if levels:
            warnings.append(
                _("Every body of {target} near the dispute is at capacity.").format(
                    target=target.describe()
                )
            )
            return self._pick(target, levels[0], full_ok=True)
        return target.fallback

    def _levels(self, target: Target, location: str | None) -> list[tuple[Org, ...]]:
        """Candidate bodies per level, nearest first (village → township → county → city)."""
        out = []
        for code in self.network.ancestors(location):
            for kind in target.kinds:
                found = self.network.at(kind, code, target.field)
                if found:
                    out.append(found)
                    break
            if out and all(o.capacity is None for o in out[-1]):
                break  # nobody above is needed: this level never fills up
        return out

    def _pick(self, target: Target, candidates: tuple[Org, ...], full_ok: bool) -> Org | None:
        load = self.load
        if not full_ok:
            candidates = tuple(
                o for o in candidates if o.capacity is None or load.get(o.id, 0) < o.capacity
            )
            if not candidates:
                return None
        if len(candidates) == 1:
            return candidates[0]
        if target.strategy == "round_robin":
            key = tuple(o.id for o in candidates)
            turn = self._turn.get(key, 0)
            self._turn[key] = turn + 1
            return candidates[turn % len(candidates)]
        return min(candidates, key=lambda o: (load.get(o.id, 0), o.id))

    def _why(self, route: Route, f: Facts, matched: bool) -> str:
        if not route.parts:
            return _("no conditions: takes every case that reaches it")
        if matched:
            return "; ".join(describe(c, f, True) for c, _t in route.parts)
        for cond, test in route.parts:
            if not test(f):
                return describe(cond, f, False)
        return describe(route.parts[0][0], f, False)


def describe(cond: Cond, f: Facts, held: bool) -> str:
    """A short sentence on one condition for this case (for explain traces)."""
    op, value = cond.op, cond.value
    listed = "、".join(str(v) for v in value) if isinstance(value, tuple) else ""
    yes = held
    if op == "cause":
        text = (
            _("cause {cause} is one of {values}")
            if yes
            else _("cause {cause} is not one of {values}")
        )
        return text.format(cause=f.cause, values=listed)
    if op == "cause_group":
        text = (
            _("cause {cause} is under {values}")
            if yes
            else _("cause {cause} is not under {values}")
        )
        return text.format(cause=f.cause, values=listed)
    if op in ("cause_keyword", "cause_regex"):
        text = (
            _("cause {cause} contains {values}")
            if yes
            else _("cause {cause} does not contain {values}")
        )
        return text.format(cause=f.cause, values=listed or value)
    if op == "facts_keyword":
        text = _("facts mention {values}") if yes else _("facts do not mention {values}")
        return text.format(values=listed)
    if op == "amount":
        if f.amount is None:
            text = _("no amount given (wanted {range})") if not yes else _("no amount given")
        else:
            text = _("amount {amount} is {range}") if yes else _("amount {amount} is not {range}")
        return text.format(amount=f.amount, range=value.describe())
    if op == "source":
        source = f.source.value if isinstance(f.source, Source) else f.source
        text = (
            _("source {source} is one of {values}")
            if yes
            else _("source {source} is not one of {values}")
        )
        return text.format(source=source, values=listed)
    if op == "procedure":
        text = (
            _("procedure {procedure} is one of {values}")
            if yes
            else _("procedure {procedure} is not one of {values}")
        )
        return text.format(procedure=f.case.procedure or "-", values=listed)
    if op == "location":
        text = (
            _("location {location} is within {values}")
            if yes
            else _("location {location} is not within {values}")
        )
        return text.format(location=f.location or "-", values=listed)
    if op == "tags":
        text = _("tagged {values}") if yes else _("not tagged {values}")
        return text.format(values=listed)
    if op in ("party", "all_parties"):
        wanted = _party_words(value)
        if op == "party":
            text = _("a party is {wanted}") if yes else _("no party is {wanted}")
        else:
            text = _("every party is {wanted}") if yes else _("not every party is {wanted}")
        return text.format(wanted=wanted)
    if op == "party_count":
        role, rng = value
        text = _("number of parties is {range}") if yes else _("number of parties is not {range}")
        return text.format(range=rng.describe()) + (f" ({role})" if role else "")
    if op == "set":
        text = (
            _("condition set {values} holds") if yes else _("condition set {values} does not hold")
        )
        return text.format(values=listed)
    if op == "not":
        inner = describe(cond.args[0], f, not yes)
        return inner
    if op == "any":
        text = _("one of {n} alternatives holds") if yes else _("none of {n} alternatives holds")
        return text.format(n=len(cond.args))
    text = _("all of {n} conditions hold") if yes else _("not all of {n} conditions hold")
    return text.format(n=len(cond.args))


def _party_words(test: PartyTest) -> str:
    words = []
    if test.role:
        words.append(test.role)
    if test.kinds:
        words.append("/".join(sorted(test.kinds)))
    if test.industries:
        words.append(_("in {industry}").format(industry="/".join(sorted(test.industries))))
    if test.name_keywords:
        words.append(_("named like {names}").format(names="/".join(test.name_keywords)))
    return " ".join(words)
