"""`rules lint`: what is legal but probably not meant.

- overlap: two siblings test the same field with values that can meet, so the earlier one
  takes part of what the later one was written for (order matters: say so on purpose
  with `yields_to: [earlier, …]` on the later route);
- unreachable body: a body of the network that no route can ever send a dispute to;
- useless continue: `continue: true` on the last of its siblings.

Shadowing (a route that can never match) is an error, found by `rules check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mediate.i18n import _
from mediate.routing.analysis import Prover, conjuncts
from mediate.routing.engine import CompiledRules
from mediate.routing.schema import RouteSpec
from mediate.routing.source import Mark


@dataclass(frozen=True)
class Finding:
    kind: str  # overlap | unreachable | continue
    mark: Mark | None
    path: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        where = f"{self.mark}: " if self.mark else ""
        route = " > ".join(self.path)
        return f"{where}{route + ': ' if route else ''}{self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "where": str(self.mark) if self.mark else None,
            "path": list(self.path),
            "message": self.message,
        }


def lint(rules: CompiledRules) -> list[Finding]:
    spec = rules.spec
    prover = Prover(spec.sets, rules.taxonomy)
    findings: list[Finding] = []
    for route in spec.root.walk():
        findings.extend(_overlaps(route, prover))
        if route.routes and route.routes[-1].continue_:
            last = route.routes[-1]
            findings.append(
                Finding(
                    "continue",
                    last.mark,
                    last.path,
                    _("'continue' on the last route of its siblings changes nothing"),
                )
            )
    findings.extend(_unreachable(rules))
    return findings


def _overlaps(parent: RouteSpec, prover: Prover) -> list[Finding]:
    out = []
    for index, later in enumerate(parent.routes):
        for earlier in parent.routes[:index]:
            if earlier.continue_ or earlier.match is None or later.match is None:
                continue
            if earlier.name in later.yields_to:  # the order is the policy, said on purpose
                continue
            shared = _shared_fields(earlier, later, prover)
            if shared and not prover.disjoint(earlier.match, later.match):
                out.append(
                    Finding(
                        "overlap",
                        later.mark,
                        later.path,
                        _(
                            "may overlap the earlier route {earlier!r} (both test {fields}); "
                            "disputes matching both go to {earlier!r}"
                        ).format(earlier=earlier.name, fields=_(", ").join(shared)),
                    )
                )
    return out


def _shared_fields(a: RouteSpec, b: RouteSpec, prover: Prover) -> list[str]:
    """Matcher keys tested at the top level of both routes whose values can meet."""
    pa = conjuncts(a.match, prover.sets)
    pb = conjuncts(b.match, prover.sets)
    shared = []
    for x in pa:
        for y in pb:
            if x.op == y.op and x.op not in ("any", "not", "all") and not prover._contradict(x, y):
                shared.append(x.op)
    return sorted(set(shared))


def _unreachable(rules: CompiledRules) -> list[Finding]:
    fixed: set[str] = set()
    selectors: list[tuple[tuple[str, ...], str | None]] = []
    for route in rules.routes():
        target = route.target
        if target is None:
            continue
        if target.org is not None:
            fixed.add(target.org.id)
        else:
            selectors.append((target.kinds, target.field))
        if target.fallback is not None:
            fixed.add(target.fallback.id)
    out = []
    for org in sorted(rules.network.orgs.values(), key=lambda o: o.id):
        if not org.active or org.id in fixed:
            continue
        if any(
            org.kind.value in kinds and (field is None or field == org.field)
            for kinds, field in selectors
        ):
            continue
        out.append(
            Finding(
                "unreachable",
                None,
                (),
                _("no route can send a dispute to {id} ({name})").format(id=org.id, name=org.name),
            )
        )
    return out
