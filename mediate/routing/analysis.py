"""What can be proved about conditions without running them: shadowing and overlap.

`covers(a, b)` is true only when every case matching `b` surely matches `a` (it may say
False when unsure, never True by mistake). A route is *shadowed* when an earlier sibling
without `continue`, whose target always yields a body, covers it: it can never match.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from mediate.routing.causes import Taxonomy
from mediate.routing.schema import Cond, PartyTest, Range, RouteSpec, RulesSpec


def conjuncts(cond: Cond | None, sets: dict[str, Cond]) -> list[Cond]:
    """The condition as a flat list of parts that must all hold."""
    if cond is None:
        return []
    if cond.op == "all":
        return [part for arg in cond.args for part in conjuncts(arg, sets)]
    if cond.op == "set":
        return [part for name in cond.value for part in conjuncts(sets.get(name), sets)]
    return [cond]


class Prover:
    def __init__(self, sets: dict[str, Cond], taxonomy: Taxonomy) -> None:
        self.sets = sets
        self.taxonomy = taxonomy

    def covers(self, wide: Cond | None, narrow: Cond | None) -> bool:
        """Every case matching `narrow` matches `wide`."""
        wide_parts = conjuncts(wide, self.sets)
        narrow_parts = conjuncts(narrow, self.sets)
        return all(self._implied(narrow_parts, part) for part in wide_parts)

    def _implied(self, facts: list[Cond], goal: Cond) -> bool:
        if goal.op == "any" and any(self._implied(facts, b) for b in goal.args):
            return True
        return any(self._atom_implies(fact, goal) for fact in facts) or (
            any(
                fact.op == "any" and all(self._implied([b], goal) for b in fact.args)
                for fact in facts
            )
        )

    def _atom_implies(self, fact: Cond, goal: Cond) -> bool:
        if _same(fact, goal):
            return True
        f, g = fact.op, goal.op
        if g in ("source", "procedure", "tags", "cause") and f == g:
            return set(fact.value) <= set(goal.value)
        if g == "cause_group" and f in ("cause", "cause_group"):
            return all(self._groups(name) & set(goal.value) for name in fact.value)
        if g == "cause_keyword" and f in ("cause", "cause_keyword"):
            return all(any(k in name for k in goal.value) for name in fact.value)
        if g == "cause_keyword" and f == "cause_group":
            return False
        if g == "location" and f == "location":
            return all(any(c.startswith(p) for p in goal.value) for c in fact.value)
        if g == "amount" and f == "amount":
            return _range_within(fact.value, goal.value)
        if g == "party" and f in ("party", "all_parties"):
            return f == "party" and _party_within(fact.value, goal.value)
        return False

    def _groups(self, name: str) -> set[str]:
        return set(self.taxonomy.groups(name) or {name})

    def disjoint(self, a: Cond | None, b: Cond | None) -> bool:
        """True when no case can match both (a sure contradiction was found)."""
        pa, pb = conjuncts(a, self.sets), conjuncts(b, self.sets)
        return any(self._contradict(x, y) for x in pa for y in pb)

    def _contradict(self, x: Cond, y: Cond) -> bool:
        if {x.op, y.op} == {"party", "all_parties"}:
            some, every = (x.value, y.value) if x.op == "party" else (y.value, x.value)
            # every party of a role is of one kind: none of that role is of another
            return (
                some.role == every.role
                and some.kinds is not None
                and every.kinds is not None
                and not some.kinds & every.kinds
            )
        if x.op != y.op:
            if {x.op, y.op} == {"cause", "cause_group"}:
                causes, groups = (x, y) if x.op == "cause" else (y, x)
                return not any(self._groups(n) & set(groups.value) for n in causes.value)
            return False
        if x.op in ("source", "procedure", "cause"):
            return not set(x.value) & set(y.value)
        if x.op == "cause_group":
            return not any(
                self._groups(a) & set(y.value) or self._groups(b) & set(x.value)
                for a in x.value
                for b in y.value
            )
        if x.op == "location":
            return not any(a.startswith(b) or b.startswith(a) for a in x.value for b in y.value)
        if x.op == "amount":
            return _ranges_disjoint(x.value, y.value)
        return False


def _same(a: Cond, b: Cond) -> bool:
    return (
        a.op == b.op
        and a.value == b.value
        and len(a.args) == len(b.args)
        and all(_same(x, y) for x, y in zip(a.args, b.args, strict=True))
    )


_INF = Decimal("Infinity")


def _bounds(r: Range) -> tuple[Decimal, bool, Decimal, bool]:
    low, low_in = -_INF, True
    if r.gte is not None:
        low, low_in = r.gte, True
    if r.gt is not None and r.gt >= low:
        low, low_in = r.gt, False
    high, high_in = _INF, True
    if r.lte is not None:
        high, high_in = r.lte, True
    if r.lt is not None and r.lt <= high:
        high, high_in = r.lt, False
    return low, low_in, high, high_in


def _numeric(r: Range) -> bool:
    return any(v is not None for v in (r.gte, r.gt, r.lte, r.lt))


def _range_within(inner: Range, outer: Range) -> bool:
    if outer.known is not None:
        inner_known = True if _numeric(inner) else inner.known
        if inner_known != outer.known:
            return False
    if not _numeric(outer):
        return True
    if not _numeric(inner):
        return False
    il, il_in, ih, ih_in = _bounds(inner)
    ol, ol_in, oh, oh_in = _bounds(outer)
    low_ok = il > ol or (il == ol and (ol_in or not il_in))
    high_ok = ih < oh or (ih == oh and (oh_in or not ih_in))
    return low_ok and high_ok


def _ranges_disjoint(a: Range, b: Range) -> bool:
    if a.known is not None and b.known is not None and a.known != b.known:
        return True
    if not (_numeric(a) and _numeric(b)):
        return False
    al, al_in, ah, ah_in = _bounds(a)
    bl, bl_in, bh, bh_in = _bounds(b)
    return (
        ah < bl
        or (ah == bl and not (ah_in and bl_in))
        or bh < al
        or (bh == al and not (bh_in and al_in))
    )


def _party_within(inner: PartyTest, outer: PartyTest) -> bool:
    if outer.role is not None and inner.role != outer.role:
        return False
    for attr in ("kinds", "industries"):
        o, i = getattr(outer, attr), getattr(inner, attr)
        if o is not None and (i is None or not i <= o):
            return False
    return all(
        getattr(outer, attr) is None or getattr(inner, attr) == getattr(outer, attr)
        for attr in ("name_keywords", "not_name_keywords", "name_suffixes", "trade_name")
    )


def always_resolves(route: RouteSpec, inherited: bool) -> bool:
    """Whether the route, once matched, surely yields a body (it cannot fall through)."""
    if route.target is None:
        return inherited
    return route.target.org is not None or route.target.fallback is not None


def shadowed_routes(spec: RulesSpec, taxonomy: Taxonomy) -> Iterator[tuple[RouteSpec, RouteSpec]]:
    """(route, the earlier sibling that takes all its cases) for every shadowed route."""
    prover = Prover(spec.sets, taxonomy)

    def visit(route: RouteSpec, resolves: bool) -> Iterator[tuple[RouteSpec, RouteSpec]]:
        for index, child in enumerate(route.routes):
            for earlier in route.routes[:index]:
                if (
                    not earlier.continue_
                    and always_resolves(earlier, resolves)
                    and prover.covers(earlier.match, child.match)
                ):
                    yield child, earlier
                    break
            yield from visit(child, always_resolves(child, resolves))

    yield from visit(spec.root, always_resolves(spec.root, False))
