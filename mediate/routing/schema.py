"""The rules language: its parsed form, and validation with file:line:column.

A rules file (see `rules/jiaozuo.yaml` for a commented example):

    name: …                      # free text
    taxonomy: ["2020", "2025"]   # which 案由 revision(s) `cause`/`cause_group` names come from
    thresholds: {small: &small 20000}   # policy numbers, reused below through YAML anchors
    sets: {NAME: CONDITION, …}   # named condition sets, used as `set: NAME`
    route:                       # the root: no `match`, must name a default `target`
      name: root
      target: TARGET
      strategy: least_open | round_robin
      deadlines: {court_entrusted: {ordinary: 15, summary: 7}, court_delegated: 30, default: 30}
                                 # days, moved past a holiday (CPL art. 85); `{workdays: 30}`
                                 # counts working days (not for the two court sources);
                                 # a source or procedure by its code or by its label, as
                                 # `rules show` prints it (自行受理: 30, 其他来源: 30)
      routes: [ROUTE, …]         # depth-first, first match wins

    ROUTE: name, title, description, match: CONDITION, continue: bool, target: TARGET,
           strategy, deadlines, warn: "text added to the decision's warnings" ({body}
           in it is replaced by the name of the body the route found), routes,
           title: the route as the clerk reads it (金融纠纷), shown with the name in
                  brackets and taken back as input wherever a rule is named; unique
           yields_to: [NAME, …]   earlier siblings this route knowingly leaves the disputes
                                  both match to (the order is the policy: `rules lint`
                                  then reports no overlap between them)
    TARGET: an org id, or {org: ID} or {kind: KIND | [KIND, …], field: FIELD,
            strategy: …, fallback: ORG_ID}
    CONDITION: a mapping; several keys must all hold. Keys:
      all: [C, …]   any: [C, …]   not: C   set: NAME | [NAME, …]
      cause: NAME(S)               the 案由, exactly
      cause_group: NAME(S)         the 案由 or any group above it in the taxonomy
      cause_keyword: TEXT(S)       text inside the 案由 name
      cause_regex: REGEX           a regular expression searched in the 案由 name
      facts_keyword: TEXT(S)       text inside the facts (案情简介)
      claim_keyword: TEXT(S)       text inside the claim (请求事项: 支付货款, 退货退款…)
      claim_given: true | false    whether the case states its claim at all
      special_procedure: true | false   the 案由 is a special (non-contentious) procedure:
                                   by taxonomy part 非讼程序案件案由, old names or wording
                                   (mediate/domain/special.py; 民诉法解释 art. 143)
      amount: {gte, gt, lte, lt: NUMBER, known: BOOL}
      source: SOURCE(S)   procedure: ordinary | summary
      location: CODE-PREFIX(ES) or place name(s)   tags: TAG(S) (any of them)
      party: {role, kind, industry, name_keyword, not_name_keyword, name_suffix,
              trade_name}          some party (of that role) has all these (name_keyword:
                                   text inside the name; not_name_keyword: none of these
                                   texts inside it; name_suffix: the name ends with it, e.g. 管理人;
                                   trade_name: true | false, whether the name says the party
                                   trades — 个体工商户 or a 字号 such as …烧烤店:
                                   mediate/domain/parties.py trades_by_name)
      all_parties: {same keys}     every party (of that role) has them
      party_count: {role, gte, gt, lte, lt}

Everything is checked here, once, with every error listed: compiling a validated spec
cannot fail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from mediate.domain.deadlines import WORKDAYS
from mediate.domain.model import OrgKind, PartyKind, PartyRole, Source
from mediate.i18n import _
from mediate.routing.causes import Taxonomies, Taxonomy
from mediate.routing.network import Network
from mediate.routing.network import kind_of_value as _kind
from mediate.routing.source import LDict, LList, Mark

if TYPE_CHECKING:
    from mediate.domain.vocabulary import Vocabulary

TOP_KEYS = ("name", "description", "version", "taxonomy", "thresholds", "sets", "route")
ROUTE_KEYS = (
    "name",
    "title",
    "description",
    "match",
    "continue",
    "target",
    "strategy",
    "deadlines",
    "warn",
    "yields_to",
    "routes",
)
TARGET_KEYS = ("org", "kind", "field", "strategy", "fallback")
STRATEGIES = ("least_open", "round_robin")
PROCEDURES = ("ordinary", "summary")
RANGE_KEYS = ("gte", "gt", "lte", "lt")
PARTY_KEYS = (
    "role",
    "kind",
    "industry",
    "name_keyword",
    "not_name_keyword",
    "name_suffix",
    "trade_name",
)
LIST_MATCHERS = (
    "cause",
    "cause_group",
    "cause_keyword",
    "facts_keyword",
    "claim_keyword",
    "source",
    "procedure",
    "location",
    "tags",
)
CONDITION_KEYS = (
    "all",
    "any",
    "not",
    "set",
    *LIST_MATCHERS,
    "cause_regex",
    "claim_given",
    "special_procedure",
    "amount",
    "party",
    "all_parties",
    "party_count",
)
COURT_SOURCES = (Source.COURT_ENTRUSTED.value, Source.COURT_DELEGATED.value)


@dataclass(frozen=True)
class Range:
    gte: Decimal | None = None
    gt: Decimal | None = None
    lte: Decimal | None = None
    lt: Decimal | None = None
    known: bool | None = None  # amount only: whether an amount was given at all

    def contains(self, value: Decimal) -> bool:
        return not (
            (self.gte is not None and value < self.gte)
            or (self.gt is not None and value <= self.gt)
            or (self.lte is not None and value > self.lte)
            or (self.lt is not None and value >= self.lt)
        )

    def describe(self) -> str:
        parts = []
        for key, sign in (("gte", "≥"), ("gt", ">"), ("lte", "≤"), ("lt", "<")):
            value = getattr(self, key)
            if value is not None:
                parts.append(f"{sign} {value}")
        if self.known is not None:
            parts.append(_("known") if self.known else _("not given"))
        return ", ".join(parts)


@dataclass(frozen=True)
class PartyTest:
    role: str | None  # None = any role
    kinds: frozenset[str] | None = None
    industries: frozenset[str] | None = None
    name_keywords: tuple[str, ...] | None = None
    name_suffixes: tuple[str, ...] | None = None  # the name ends with one of them
    trade_name: bool | None = None  # the name says it trades (domain.parties.trades_by_name)
    not_name_keywords: tuple[str, ...] | None = None  # none of them is inside the name


@dataclass
class Cond:
    """One node of a condition: a combinator (all/any/not/set) or a matcher."""

    op: str
    value: Any
    mark: Mark
    args: list[Cond] = field(default_factory=list)


@dataclass
class TargetSpec:
    mark: Mark
    org: str | None = None
    kinds: tuple[str, ...] = ()
    field: str | None = None
    strategy: str | None = None
    fallback: str | None = None

    def describe(self) -> str:
        if self.org:
            return self.org
        text = "|".join(self.kinds)
        if self.field:
            text += f"[{self.field}]"
        return text


@dataclass
class RouteSpec:
    name: str
    mark: Mark
    path: tuple[str, ...]
    match: Cond | None = None
    continue_: bool = False
    target: TargetSpec | None = None
    strategy: str | None = None
    deadlines: dict[str, Any] | None = None
    warn: str | None = None
    title: str | None = None  # as the clerk reads it; `label` falls back to the name
    description: str | None = None
    yields_to: tuple[str, ...] = ()
    routes: list[RouteSpec] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title or self.name

    def walk(self) -> list[RouteSpec]:
        out = [self]
        for child in self.routes:
            out.extend(child.walk())
        return out


@dataclass
class RulesSpec:
    file: str
    name: str | None
    taxonomy: str
    sets: dict[str, Cond]
    root: RouteSpec
    thresholds: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleError:
    mark: Mark
    path: tuple[str, ...]
    message: str
    # name -> title of the checked file's routes (loader.check_text), for `shown`
    titles: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = " > ".join(self.path)
        return f"{self.mark}: {where}: {self.message}" if where else f"{self.mark}: {self.message}"

    def place(self) -> str:
        """Where in the tree, as the clerk reads routes: by title, joined with ` › `
        (专业调解 › 道路交通事故纠纷（traffic）); a path outside the routes (`sets`) by its keys."""
        from mediate.routing.titles import ROOT, path_label

        if not self.path:
            return ""
        if self.path[0] == ROOT:
            return path_label(self.path, self.titles)
        return " › ".join(self.path)

    def shown(self) -> str:
        """The error as printed to the clerk, in the interface's punctuation:
        `rules.yaml:11:14：企业信用（credit）：…` in Chinese."""
        from mediate.errors import located

        place = self.place()
        return located(str(self.mark), located(place, self.message) if place else self.message)


class _Checker:
    """Walks the located YAML, building the spec and collecting every error."""

    def __init__(self, file: str, network: Network, taxonomy: Taxonomy) -> None:
        self.file = file
        self.network = network
        self.taxonomy = taxonomy
        self.names: Taxonomy = taxonomy  # what cause names are checked against
        self.errors: list[RuleError] = []
        self.set_names: set[str] = set()

    def error(self, mark: Mark, path: tuple[str, ...], message: str) -> None:
        self.errors.append(RuleError(mark, path, message))

    # -- generic shapes ----------------------------------------------------------------
    def mapping(self, value: Any, mark: Mark, path: tuple[str, ...], what: str) -> LDict | None:
        if isinstance(value, LDict):
            return value
        self.error(
            mark,
            path,
            _("{what} must be a mapping, not {found}").format(what=what, found=_kind(value)),
        )
        return None

    def unknown_keys(self, data: LDict, allowed: tuple[str, ...], path: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.unknown_key(data, key, allowed, path)

    def unknown_key(
        self, data: LDict, key: str, allowed: tuple[str, ...], path: tuple[str, ...]
    ) -> None:
        self.error(
            data.key_mark(key),
            path,
            _("unknown key {key!r} (expected one of: {allowed})").format(
                key=key, allowed=_(", ").join(allowed)
            ),
        )

    def strings(self, data: LDict, key: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        value = data[key]
        mark = data.value_mark(key)
        items = list(value) if isinstance(value, list) else [value]
        if not items:
            self.error(mark, path, _("{key!r} must not be empty").format(key=key))
            return None
        out = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, str | int):
                self.error(
                    mark,
                    path,
                    _("{key!r} must be a string or a list of strings, not {found}").format(
                        key=key, found=_kind(item)
                    ),
                )
                return None
            out.append(str(item))
        return tuple(out)

    def number(self, data: LDict, key: str, path: tuple[str, ...]) -> Decimal | None:
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(
                data.value_mark(key),
                path,
                _("{key!r} must be a number, not {found}").format(key=key, found=_kind(value)),
            )
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            self.error(
                data.value_mark(key),
                path,
                _("{key!r} must be a number, not {value!r}").format(key=key, value=value),
            )
            return None

    def one_of(
        self, data: LDict, key: str, allowed: tuple[str, ...], path: tuple[str, ...]
    ) -> str | None:
        value = data[key]
        if value not in allowed:
            self.error(
                data.value_mark(key),
                path,
                _("{key!r} must be one of {allowed}, not {value!r}").format(
                    key=key, allowed=_(", ").join(allowed), value=value
                ),
            )
            return None
        return str(value)

    # -- the document ------------------------------------------------------------------
    def document(self, data: Any) -> RulesSpec | None:
        top = Mark(self.file, 1, 1)
        doc = self.mapping(data, mark_of(data, top), (), _("a rules file"))
        if doc is None:
            return None
        self.unknown_keys(doc, TOP_KEYS, ())
        taxonomy = self.declared_taxonomy(doc)
        thresholds: dict[str, Any] = {}
        if "thresholds" in doc:
            given = self.mapping(
                doc["thresholds"], doc.value_mark("thresholds"), ("thresholds",), "'thresholds'"
            )
            for key in given or {}:
                thresholds[key] = self.number(given, key, ("thresholds",)) if given else None
        sets: dict[str, Cond] = {}
        raw_sets = doc.get("sets")
        if raw_sets is not None:
            sets_map = self.mapping(raw_sets, doc.value_mark("sets"), ("sets",), "'sets'")
            if sets_map is not None:
                self.set_names = set(sets_map)
                for name in sets_map:
                    cond = self.condition(sets_map[name], sets_map.value_mark(name), ("sets", name))
                    if cond is not None:
                        sets[name] = cond
                self.cycles(sets)
        if "route" not in doc:
            self.error(doc.mark, (), _("the rules have no 'route' (the root of the tree)"))
            return None
        root = self.route(doc["route"], doc.value_mark("route"), (), is_root=True)
        if root is None:
            return None
        self.duplicates(root)
        title = doc.get("name")
        return RulesSpec(self.file, str(title) if title else None, taxonomy, sets, root, thresholds)

    def declared_taxonomy(self, doc: LDict) -> str:
        """`taxonomy:` names the 案由 revision(s) the rules' cause names come from: one
        ("2025") or several (["2020", "2025"]). Cause names are checked against those
        revisions only; without the key, against everything loaded."""
        loaded = self.taxonomy.revisions if isinstance(self.taxonomy, Taxonomies) else {}
        if "taxonomy" not in doc:
            return self.taxonomy.version
        raw = doc["taxonomy"]
        wanted = [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]
        available = list(loaded) or [self.taxonomy.version]
        missing = [v for v in wanted if v not in available]
        if missing or not wanted:
            self.error(
                doc.value_mark("taxonomy"),
                (),
                _("the rules use 案由 taxonomy {wanted!r} but {loaded!r} is loaded").format(
                    wanted=_(", ").join(missing or wanted), loaded=_(", ").join(available)
                ),
            )
            return self.taxonomy.version
        if loaded and set(wanted) != set(loaded):
            self.names = Taxonomies([loaded[v] for v in wanted])
        return "+".join(wanted)

    def cycles(self, sets: dict[str, Cond]) -> None:
        """A condition set may use other sets, but never (through them) itself."""

        def used(cond: Cond) -> list[str]:
            names = list(cond.value) if cond.op == "set" else []
            return names + [n for arg in cond.args for n in used(arg)]

        for start in sets:
            trail = [start]
            todo = [(start, [start])]
            while todo:
                name, trail = todo.pop()
                if name not in sets:
                    continue
                for nxt in used(sets[name]):
                    if nxt == start:
                        self.error(
                            sets[start].mark,
                            ("sets", start),
                            _("condition set {name!r} uses itself ({trail})").format(
                                name=start, trail=" > ".join([*trail, nxt])
                            ),
                        )
                        return
                    if nxt not in trail:
                        todo.append((nxt, [*trail, nxt]))

    def duplicates(self, root: RouteSpec) -> None:
        seen: dict[str, RouteSpec] = {}
        for route in root.walk():
            first = seen.get(route.name)
            if first is not None:
                self.error(
                    route.mark,
                    route.path,
                    _("duplicate route name {name!r} (first used at {where})").format(
                        name=route.name, where=first.mark
                    ),
                )
            else:
                seen[route.name] = route
        self.duplicate_titles(root, seen)

    def duplicate_titles(self, root: RouteSpec, names: dict[str, RouteSpec]) -> None:
        """A title names one route, as a name does: it is taken back as input."""
        seen: dict[str, RouteSpec] = {}
        for route in root.walk():
            if route.title is None:
                continue
            first = seen.get(route.title) or names.get(route.title)
            if first is not None and first is not route:
                self.error(
                    route.mark,
                    route.path,
                    _("route title {title!r} already names route {name!r} ({where})").format(
                        title=route.title, name=first.name, where=first.mark
                    ),
                )
            else:
                seen[route.title] = route

    # -- routes ------------------------------------------------------------------------
    def route(
        self, value: Any, mark: Mark, parent: tuple[str, ...], is_root: bool = False
    ) -> RouteSpec | None:
        data = self.mapping(value, mark, parent, _("a route"))
        if data is None:
            return None
        raw_name = data.get("name")
        if not isinstance(raw_name, str) or not raw_name.strip():
            self.error(data.mark, parent, _("a route needs a 'name'"))
            name = "root" if is_root else f"#{data.mark.line}"
        else:
            name = raw_name.strip()
        path = (*parent, name)
        self.unknown_keys(data, ROUTE_KEYS, path)
        spec = RouteSpec(name=name, mark=data.mark, path=path)
        if "match" in data:
            if is_root:
                self.error(
                    data.key_mark("match"),
                    path,
                    _("the root route takes every case: it cannot have 'match'"),
                )
            else:
                spec.match = self.condition(data["match"], data.value_mark("match"), path)
        if "continue" in data:
            if not isinstance(data["continue"], bool):
                self.error(
                    data.value_mark("continue"),
                    path,
                    _("'continue' must be true or false, not {value!r}").format(
                        value=data["continue"]
                    ),
                )
            else:
                spec.continue_ = data["continue"]
        if "target" in data:
            spec.target = self.target(data["target"], data.value_mark("target"), path)
        elif is_root:
            self.error(data.mark, path, _("the root route must name a default 'target'"))
        if (
            is_root
            and spec.target is not None
            and spec.target.org is None
            and spec.target.fallback is None
        ):
            self.error(
                spec.target.mark,
                path,
                _("the root target is a selector: give it a 'fallback' body id"),
            )
        if "strategy" in data:
            spec.strategy = self.one_of(data, "strategy", STRATEGIES, path)
        if "yields_to" in data:
            spec.yields_to = self.strings(data, "yields_to", path) or ()
        if "deadlines" in data:
            spec.deadlines = self.deadlines(data, path)
        if "warn" in data:
            if not isinstance(data["warn"], str):
                self.error(data.value_mark("warn"), path, _("'warn' must be a string"))
            else:
                spec.warn = data["warn"]
        if "title" in data:
            title = data["title"]
            if not isinstance(title, str) or not title.strip():
                self.error(data.value_mark("title"), path, _("'title' must be a non-empty string"))
            else:
                spec.title = title.strip()
        if "description" in data:
            spec.description = str(data["description"])
        if "routes" in data:
            children = data["routes"]
            if not isinstance(children, LList):
                self.error(
                    data.value_mark("routes"),
                    path,
                    _("'routes' must be a list of routes, not {found}").format(
                        found=_kind(children)
                    ),
                )
            else:
                for index, child in enumerate(children):
                    routed = self.route(child, children.item_mark(index), path)
                    if routed is not None:
                        self.earlier_siblings(routed, spec.routes)
                        spec.routes.append(routed)
        return spec

    def earlier_siblings(self, route: RouteSpec, earlier: list[RouteSpec]) -> None:
        names = {r.name for r in earlier}
        for name in route.yields_to:
            if name not in names:
                self.error(
                    route.mark,
                    route.path,
                    _("'yields_to': {name!r} is not an earlier sibling of {route!r}").format(
                        name=name, route=route.name
                    ),
                )

    def deadlines(self, data: LDict, path: tuple[str, ...]) -> dict[str, Any] | None:
        raw = self.mapping(data["deadlines"], data.value_mark("deadlines"), path, "'deadlines'")
        if raw is None:
            return None
        from mediate.domain.vocabulary import DEADLINE_SOURCE, PROCEDURE

        out: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for key in raw:
            # a source by its code or its label, as `rules show` prints it (自行受理)
            code = self.label_key(raw, key, DEADLINE_SOURCE, sources, path)
            if code is None:
                continue
            value = raw[key]
            if isinstance(value, LDict) and WORKDAYS in value:
                out_value = self.workdays(raw, key, code, value, path)
                if out_value is not None:
                    out[code] = out_value
                continue
            if isinstance(value, LDict):
                days: dict[str, Any] = {}
                procedures: dict[str, str] = {}
                for written in value:
                    procedure = self.label_key(value, written, PROCEDURE, procedures, path)
                    if procedure is not None:
                        days[procedure] = value[written]
                if any(not _is_days(v) for v in days.values()) or not days:
                    self.error(
                        raw.value_mark(key),
                        path,
                        _("deadline {key!r} must be whole days, or days per procedure").format(
                            key=key
                        ),
                    )
                    continue
                out[code] = days
            elif _is_days(value):
                out[code] = value
            else:
                self.error(
                    raw.value_mark(key),
                    path,
                    _("deadline {key!r} must be whole days, or days per procedure").format(key=key),
                )
        return out

    def label_key(
        self,
        data: LDict,
        key: str,
        known: Vocabulary,
        seen: dict[str, str],
        path: tuple[str, ...],
    ) -> str | None:
        """The code a key of `data` names, by code or by label (`known`: what `rules show`
        prints, 自行受理 for self_accepted); None, with an error, when it names none, or a
        code an earlier key (kept in `seen`, code -> key) named."""
        code = known.find(str(key))
        if code is None or code not in known.codes:
            self.unknown_key(data, key, known.codes, path)
            return None
        if code in seen:
            self.error(
                data.key_mark(key),
                path,
                _("{key!r} names {code!r} again (already given as {first!r})").format(
                    key=key, code=code, first=seen[code]
                ),
            )
            return None
        seen[code] = key
        return code

    def workdays(
        self, raw: LDict, key: str, code: str, value: LDict, path: tuple[str, ...]
    ) -> dict[str, int] | None:
        """`{workdays: 30}`: a limit in working days (工作日, e.g. 医疗纠纷预防和处理条例
        art. 38), for the sources a body sets its own limit for: a court's limit is the
        court's, in calendar days (特邀调解规定 art. 27)."""
        self.unknown_keys(value, (WORKDAYS,), path)
        if code in COURT_SOURCES:
            self.error(
                raw.value_mark(key),
                path,
                _(
                    "deadline {key!r}: a court's time limit is counted in days, not working "
                    "days (特邀调解规定 art. 27)"
                ).format(key=key),
            )
            return None
        if not _is_days(value[WORKDAYS]):
            self.error(
                value.value_mark(WORKDAYS),
                path,
                _("deadline {key!r} must be whole working days").format(key=key),
            )
            return None
        return {WORKDAYS: value[WORKDAYS]}

    def target(self, value: Any, mark: Mark, path: tuple[str, ...]) -> TargetSpec | None:
        if isinstance(value, str):
            value_map = LDict({"org": value})
            value_map.mark = mark
            value_map.key_marks = {"org": mark}
            value_map.value_marks = {"org": mark}
            value = value_map
        data = self.mapping(value, mark, path, "'target'")
        if data is None:
            return None
        self.unknown_keys(data, TARGET_KEYS, path)
        spec = TargetSpec(mark=data.mark)
        if ("org" in data) == ("kind" in data):
            self.error(data.mark, path, _("a target names either an 'org' or a 'kind'"))
            return None
        if "org" in data:
            spec.org = self.org_id(data, "org", path)
            if spec.org is None:
                return None
        else:
            kinds = self.strings(data, "kind", path) or ()
            for kind in kinds:
                if kind not in OrgKind.__members__.values():
                    self.error(
                        data.value_mark("kind"),
                        path,
                        _("unknown kind of body {kind!r} (known kinds: {known})").format(
                            kind=kind, known=_(", ").join(k.value for k in OrgKind)
                        ),
                    )
                    return None
                if kind not in self.network.kinds:
                    self.error(
                        data.value_mark("kind"),
                        path,
                        _("no body of kind {kind!r} in the network").format(kind=kind),
                    )
                    return None
            spec.kinds = kinds
        if "field" in data:
            spec.field = str(data["field"])
            if spec.field not in self.network.fields:
                self.error(
                    data.value_mark("field"),
                    path,
                    _("no professional body in the field {field!r} (known fields: {known})").format(
                        field=spec.field, known=_(", ").join(sorted(self.network.fields))
                    ),
                )
        if "strategy" in data:
            spec.strategy = self.one_of(data, "strategy", STRATEGIES, path)
        if "fallback" in data:
            spec.fallback = self.org_id(data, "fallback", path)
        return spec

    def org_id(self, data: LDict, key: str, path: tuple[str, ...]) -> str | None:
        value = str(data[key])
        if self.network.get(value) is None:
            self.error(data.value_mark(key), path, _("undefined body {id!r}").format(id=value))
            return None
        return value

    # -- conditions --------------------------------------------------------------------
    def condition(self, value: Any, mark: Mark, path: tuple[str, ...]) -> Cond | None:
        data = self.mapping(value, mark, path, _("a condition"))
        if data is None:
            return None
        if not data:
            self.error(
                data.mark, path, _("an empty condition matches everything; leave out 'match'")
            )
            return None
        self.unknown_keys(data, CONDITION_KEYS, path)
        parts = [self.matcher(data, key, path) for key in data if key in CONDITION_KEYS]
        good = [p for p in parts if p is not None]
        if len(good) != len(parts):
            return None
        if len(good) == 1:
            return good[0]
        return Cond("all", None, data.mark, good)

    def matcher(self, data: LDict, key: str, path: tuple[str, ...]) -> Cond | None:
        mark = data.value_mark(key)
        value = data[key]
        if key in ("all", "any"):
            if not isinstance(value, LList) or not value:
                self.error(
                    mark, path, _("{key!r} must be a non-empty list of conditions").format(key=key)
                )
                return None
            args = [self.condition(v, value.item_mark(i), path) for i, v in enumerate(value)]
            if any(a is None for a in args):
                return None
            return Cond(key, None, mark, [a for a in args if a is not None])
        if key == "not":
            inner = self.condition(value, mark, path)
            return Cond("not", None, mark, [inner]) if inner else None
        if key == "set":
            names = self.strings(data, key, path)
            if names is None:
                return None
            for name in names:
                if name not in self.set_names:
                    self.error(mark, path, _("undefined condition set {name!r}").format(name=name))
                    return None
            return Cond("set", names, mark)
        if key == "cause_regex":
            if not isinstance(value, str):
                self.error(mark, path, _("'cause_regex' must be a string"))
                return None
            try:
                re.compile(value)
            except re.error as exc:
                self.error(
                    mark,
                    path,
                    _("bad regular expression {pattern!r}: {problem}").format(
                        pattern=value, problem=exc
                    ),
                )
                return None
            return Cond(key, value, mark)
        if key in ("claim_given", "special_procedure"):
            if not isinstance(value, bool):
                self.error(
                    mark,
                    path,
                    _("{key!r} must be true or false, not {value!r}").format(key=key, value=value),
                )
                return None
            return Cond(key, value, mark)
        if key == "amount":
            rng = self.range(data, key, path, allow_known=True)
            return Cond(key, rng, mark) if rng else None
        if key in ("party", "all_parties"):
            party = self.party(data, key, path)
            return Cond(key, party, mark) if party else None
        if key == "party_count":
            counted = self.mapping(value, mark, path, "'party_count'")
            if counted is None:
                return None
            role: str | None = None
            if "role" in counted:
                role = self.one_of(counted, "role", (*(r.value for r in PartyRole), "any"), path)
            bounds = LDict({k: v for k, v in counted.items() if k != "role"})
            bounds.mark, bounds.key_marks, bounds.value_marks = (
                counted.mark,
                counted.key_marks,
                counted.value_marks,
            )
            rng = self.range(bounds, None, path, allow_known=False)
            return Cond(key, (None if role == "any" else role, rng), mark) if rng else None
        return self.list_matcher(data, key, path)

    def list_matcher(self, data: LDict, key: str, path: tuple[str, ...]) -> Cond | None:
        mark = data.value_mark(key)
        values = self.strings(data, key, path)
        if values is None:
            return None
        allowed: tuple[str, ...] | None = None
        if key in ("source", "procedure", "tags"):  # `rules explain` prints their labels:
            values = _codes_of(key, values)  # a label copied from it names the code
        if key == "source":
            allowed = tuple(s.value for s in Source)
        elif key == "procedure":
            allowed = PROCEDURES
        if allowed is not None:
            for v in values:
                if v not in allowed:
                    self.error(
                        mark,
                        path,
                        _("{key!r}: {value!r} is not one of {allowed}").format(
                            key=key, value=v, allowed=_(", ").join(allowed)
                        ),
                    )
                    return None
        if key in ("cause", "cause_group"):
            for v in values:
                if v not in self.names:
                    self.error(
                        mark,
                        path,
                        _("{key!r}: {value!r} is not in the 案由 taxonomy {version}").format(
                            key=key, value=v, version=self.names.version
                        ),
                    )
                    return None
        if key == "location":
            codes = []
            for v in values:
                code = v if v.isdigit() else self.network.division_code(v)
                if code is None:
                    self.error(
                        mark,
                        path,
                        _(
                            "'location': {value!r} is neither a division code nor a known place"
                        ).format(value=v),
                    )
                    return None
                codes.append(code)
            values = tuple(codes)
        return Cond(key, values, mark)

    def range(
        self, data: LDict, key: str | None, path: tuple[str, ...], allow_known: bool
    ) -> Range | None:
        mark = data.value_mark(key) if key else data.mark
        raw = data[key] if key else data
        if isinstance(raw, int | float) and not isinstance(raw, bool) and key:
            self.error(
                mark,
                path,
                _("{key!r} takes a range such as {{gte: 1000, lt: 50000}}").format(key=key),
            )
            return None
        body = self.mapping(raw, mark, path, f"'{key or 'party_count'}'")
        if body is None:
            return None
        allowed = (*RANGE_KEYS, "known") if allow_known else RANGE_KEYS
        self.unknown_keys(body, allowed, path)
        values: dict[str, Any] = {}
        for k in RANGE_KEYS:
            if k in body:
                number = self.number(body, k, path)
                if number is None:
                    return None
                values[k] = number
        if allow_known and "known" in body:
            if not isinstance(body["known"], bool):
                self.error(body.value_mark("known"), path, _("'known' must be true or false"))
                return None
            values["known"] = body["known"]
        if not values:
            self.error(body.mark, path, _("an empty range matches everything"))
            return None
        return Range(**values)

    def party(self, data: LDict, key: str, path: tuple[str, ...]) -> PartyTest | None:
        body = self.mapping(data[key], data.value_mark(key), path, f"'{key}'")
        if body is None:
            return None
        self.unknown_keys(body, PARTY_KEYS, path)
        role = None
        if "role" in body:
            role = self.one_of(body, "role", (*(r.value for r in PartyRole), "any"), path)
            if role is None:
                return None
            role = None if role == "any" else role
        kinds = industries = None
        keywords = None
        if "kind" in body:
            values = self.strings(body, "kind", path)
            if values is None:
                return None
            for v in values:
                if v not in PartyKind.__members__.values():
                    self.error(
                        body.value_mark("kind"),
                        path,
                        _("unknown party kind {kind!r} (known: {known})").format(
                            kind=v, known=_(", ").join(k.value for k in PartyKind)
                        ),
                    )
                    return None
            kinds = frozenset(values)
        if "industry" in body:
            values = self.strings(body, "industry", path)
            if values is None:
                return None
            from mediate.domain.vocabulary import industry_code

            # an industry by its code or the label explanations print (金融 is finance)
            industries = frozenset(industry_code(v) or v for v in values)
        if "name_keyword" in body:
            keywords = self.strings(body, "name_keyword", path)
            if keywords is None:
                return None
        suffixes = None
        if "name_suffix" in body:
            suffixes = self.strings(body, "name_suffix", path)
            if suffixes is None:
                return None
        unnamed = None
        if "not_name_keyword" in body:
            unnamed = self.strings(body, "not_name_keyword", path)
            if unnamed is None:
                return None
        trade_name = None
        if "trade_name" in body:
            trade_name = body["trade_name"]
            if not isinstance(trade_name, bool):
                self.error(
                    body.value_mark("trade_name"),
                    path,
                    _("{key!r} must be true or false, not {value!r}").format(
                        key="trade_name", value=trade_name
                    ),
                )
                return None
        named = any(t is not None for t in (keywords, suffixes, trade_name, unnamed))
        if kinds is None and industries is None and not named:
            self.error(
                body.mark,
                path,
                _("{key!r} needs a kind, an industry, a name_keyword or a name_suffix").format(
                    key=key
                ),
            )
            return None
        return PartyTest(
            role,
            kinds,
            industries,
            None if keywords is None else tuple(keywords),
            None if suffixes is None else tuple(suffixes),
            trade_name,
            None if unnamed is None else tuple(unnamed),
        )


def _is_days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365


def mark_of(value: Any, default: Mark) -> Mark:
    return getattr(value, "mark", default)


def check(
    data: Any, file: str, network: Network, taxonomy: Taxonomy
) -> tuple[RulesSpec | None, list[RuleError]]:
    """Validate a located YAML document; the spec is None when anything is wrong."""
    checker = _Checker(file, network, taxonomy)
    spec = checker.document(data)
    if spec is not None and not checker.errors:
        from mediate.routing.analysis import shadowed_routes

        for route, earlier in shadowed_routes(spec, taxonomy):
            checker.error(
                route.mark,
                route.path,
                _(
                    "route {name!r} can never match: the earlier sibling {earlier!r} "
                    "(without 'continue') already takes all its cases"
                ).format(name=route.name, earlier=earlier.name),
            )
    if checker.errors:
        return None, checker.errors
    return spec, []


def _codes_of(key: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """Tags, sources or procedures of a rule as codes: each as written, or the code its
    label names (as `rules explain` prints them: 价格争议, 自行受理); an unknown word as
    written (`list_matcher` reports a source or procedure that is none)."""
    from mediate.domain import vocabulary

    if key == "tags":
        return tuple(vocabulary.tag_codes(values))
    known = vocabulary.SOURCE if key == "source" else vocabulary.PROCEDURE
    return tuple(known.find(v) or v for v in values)
