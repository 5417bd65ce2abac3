"""Stored records in words: an event's action, field names and closed-set values in the
interface language — for `case history` and for the CSV/XLSX a clerk opens (`case list
--csv`, `export`). The stored codes stay as they are (in `--json` and with `--raw`); this
is only how they read.

A command that records a new action or field should name it here; until then it shows as
stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from mediate.domain import vocabulary
from mediate.domain.papers import paper_title
from mediate.domain.status import status_label
from mediate.i18n import _, pgettext

#: What happened, as a clerk says it: every action an event is written with (a test reads
#: the code for the actions written and fails on one missing here).
_ACTIONS: dict[str, Callable[[], str]] = {
    "registered": lambda: _("registered"),
    "imported": lambda: _("imported from a court's spreadsheet"),
    "import": lambda: _("imported from a court's spreadsheet"),
    "route": lambda: _("routed by the rules"),
    "routed": lambda: _("routed by the rules"),
    "assign": lambda: _("mediator assigned"),
    "start": lambda: _("mediation started"),
    "extend": lambda: _("time limit extended"),
    "pause": lambda: _("time limit paused"),
    "resume": lambda: _("time limit resumed"),
    "transfer": lambda: _("transferred to another body"),
    "outcome": lambda: _("outcome recorded"),
    "confirm_request": lambda: _("judicial confirmation applied for"),
    "document": lambda: _("document produced"),
    "reveal": lambda: _("identity numbers shown in full"),
    "revealed": lambda: _("identity numbers shown in full"),
    "edit": lambda: _("record corrected"),
    "reopen": lambda: _("case reopened"),
    "session": lambda: _("mediation session"),
    "visit": lambda: _("return visit"),
    "performance": lambda: _("performance of the agreement"),
    "demo_sample": lambda: _("sample data for the demo"),
    "follow_up": lambda: _("follow-up after failed mediation"),
    "credit_report": lambda: _("reported to the credit agencies"),
    "session_scheduled": lambda: _("mediation session scheduled"),
    "session_moved": lambda: _("mediation session moved"),
    "session_cancelled": lambda: _("mediation session cancelled"),
    "session_held": lambda: _("mediation session held"),
    "performance_done": lambda: _("agreement performed in full"),
    "performance_partial": lambda: _("agreement performed in part"),
    "performance_none": lambda: _("agreement not performed"),
    "performance_enforcement": lambda: _("handed to the court for enforcement"),
    "dossier": lambda: _("dossier made for archiving"),
    "import_update": lambda: _("updated from a re-sent spreadsheet"),
    "handback": lambda: _("handed back to the court"),
    "confirm_correction": lambda: _("judicial confirmation: record corrected"),
    "export_reveal": lambda: _("identity numbers shown in full in an export"),
    "direct_sql_update": lambda: _("changed directly in the database"),
    "direct_sql_insert": lambda: _("added directly in the database"),
    "causes_imported": lambda: _("cause taxonomy (案由) loaded"),
    "orgs_imported": lambda: _("mediation bodies imported"),
    "mediator_add": lambda: _("mediator added"),
    "mediator_disable": lambda: _("mediator disabled"),
    "mediator_enable": lambda: _("mediator enabled again"),
    "clerk_added": lambda: _("clerk added"),
    "clerk_disabled": lambda: _("clerk disabled"),
    "clerk_login_granted": lambda: _("database login granted to a clerk"),
}
_BUILT_ACTIONS = ("confirm_",)  # confirm_<state>: the confirmation state it went to


def has_label(action: str) -> bool:
    """Whether `action_label` knows the action (else it shows the stored code)."""
    return action in _ACTIONS or action.startswith(_BUILT_ACTIONS)


def action_label(action: str) -> str:
    """What happened, as a clerk says it (an action nobody named shows as stored)."""
    if action in _ACTIONS:
        return _ACTIONS[action]()
    if action.startswith(_BUILT_ACTIONS):
        state = action.removeprefix("confirm_")
        return _("judicial confirmation: {state}").format(state=status_label(state))
    return action


def field_label(key: str, traders: Collection[int | str] = ()) -> str:
    """A key's label; a party's field by the label printed for it (`_party_path`,
    `_named_party_field`), a 个体工商户's among `traders` (their numbers, or their names
    where the event names them) as printed for one."""
    labels: dict[str, Callable[[], str]] = {
        "status": lambda: _("status"),
        "org": lambda: _("body"),
        "org_id": lambda: _("body"),  # the same body as `org`, one label for both
        "mediator": lambda: _("mediator"),
        "mediator_id": lambda: _("mediator"),
        "deadline": lambda: _("time limit"),
        "deadline_days": lambda: _("days allowed"),
        "deadline_unit": lambda: _("time limit counted in"),
        "extension_days": lambda: _("days of extension"),
        "paused_on": lambda: _("paused since"),
        "pause_reason": lambda: _("reason for the pause"),
        "paused_days": lambda: _("days paused"),
        "resumed_on": lambda: _("resumed on"),
        "days": lambda: _("days"),
        "consent": lambda: _("consent"),
        "batch": lambda: _("import batch"),
        "row": lambda: _("row"),
        "rule": lambda: _("rule"),
        "route_rule": lambda: _("rule"),
        "rules_version": lambda: _("rules version"),
        "reason": lambda: _("reason"),
        "result": lambda: _("result"),
        "follow_up": lambda: _("follow-up"),
        "follow_ups": lambda: _("follow-up"),
        "closed_on": lambda: _("closed on"),
        "decided_on": lambda: _("decided on"),
        "filed_on": lambda: _("filed on"),
        "apply_by": lambda: _("apply by"),
        "drafted_on": lambda: _("application dated"),  # printed on it (migration 0021)
        "confirmation_apply_by": lambda: _("apply for confirmation by"),
        "court": lambda: _("court"),
        "court_case_no": lambda: _("case no."),
        "case_no": lambda: _("case no."),
        "cause": lambda: _("cause"),
        "amount": lambda: _("amount in dispute"),  # 标的额, as case show and the import template
        "source": lambda: _("source"),
        "referring_court": lambda: _("referring court"),
        "received_on": lambda: _("received on"),
        "location": lambda: _("place of the dispute"),
        "procedure": lambda: _("procedure"),
        "facts": lambda: _("facts"),
        "claim": lambda: _("claim"),
        "terms": lambda: _("agreed terms"),
        "kind": lambda: _("kind"),
        "document": lambda: _("document"),
        "title": lambda: _("paper title"),  # a paper's, as printed (recorded since 0017)
        "path": lambda: _("file"),
        "target": lambda: _("to"),
        "name": lambda: pgettext("record", "name"),  # a body's, clerk's: not a party's
        "note": lambda: _("note"),
        "note_code": lambda: _("note"),
        "version": lambda: _("version"),
        "id": lambda: _("case id"),
        "case_id": lambda: _("case id"),
        "county_code": lambda: _("county code"),
        "applicants": lambda: _("applicants"),
        "applicant_ids": lambda: _("applicants' ID numbers"),
        "applicant_phones": lambda: _("applicants' phones"),
        "respondents": lambda: _("respondents"),
        "respondent_ids": lambda: _("respondents' ID numbers"),
        "respondent_phones": lambda: _("respondents' phones"),
        "created_by": lambda: _("registered by"),
        "overdue": lambda: _("overdue"),
        "level": lambda: _("level"),
        "division": lambda: _("division code"),
        "division_name": lambda: _("division"),
        "field": lambda: _("professional field"),
        "parent": lambda: _("parent body"),
        "capacity": lambda: _("capacity (open cases)"),
        "address": lambda: pgettext("body", "address"),  # 地址, not a party's 住所
        "phone": lambda: _("phone"),
        "sample": lambda: _("sample name"),
        "active": lambda: _("active"),
        "open_cases": lambda: _("open cases"),
        "kinds": lambda: _("kinds"),
        "parties": lambda: _("parties"),
        "assigned_on": lambda: _("assigned on"),
        "reassigned_on": lambda: _("reassigned on"),
        "reported_on": lambda: _("reported on"),
        "basis": lambda: _("legal basis"),
        "enterprises": lambda: _("enterprises"),
        "sha256": lambda: _("checksum"),
        "warnings": lambda: _("warnings"),
        "at": lambda: _("time"),
        "on": lambda: _("date"),
        "by": lambda: _("by"),
        "place": lambda: _("place"),
        "attended": lambda: _("present"),
        "minutes": lambda: _("minutes of the session"),
        "record_file": lambda: _("record file"),
        "session": lambda: _("session"),
        "online": lambda: _("online"),
        "summoned": lambda: _("parties summoned"),
        "dossier": lambda: _("dossier file"),
        "documents": lambda: _("documents"),
    }
    if key in labels:
        return labels[key]()
    return _party_path(key, traders) or _named_party_field(key, traders) or _case_field(key)


def _named_party_field(key: str, traders: Collection[int | str] = ()) -> str | None:
    """`张三.address` (a party's field by its name, as `import --update` records it:
    services/reimport, by its number when another party bears the name) as 张三的住所,
    not the stored code; the address of a 个体工商户 (its name among `traders`) as
    字号的经营场所 (fields.party_field_label)."""
    from mediate.domain.fields import party_field_label

    named = _named_party(key)
    if named is None:
        return None
    name, field = named
    return _("{party} {field}").format(party=name, field=party_field_label(field, name in traders))


def _named_party(key: str) -> tuple[str, str] | None:
    """`张三.address` as (张三, address): a party's field by the party's name; None for any
    other key."""
    from mediate.domain.fields import PARTY_FIELDS

    name, dot, field = key.rpartition(".")
    if not (dot and name.strip() and field in PARTY_FIELDS) or re.fullmatch(_PARTY_PATH, key):
        return None
    return name, field


def _party_key(key: str) -> tuple[int | str, str] | None:
    """A party's field, by the party's number (`parties[2].kind`, as `case edit` records
    it) or by its name (`张三.kind`, as `import --update` does): (party, field); None for
    any other key."""
    match = re.fullmatch(_PARTY_PATH, key)
    if match is not None:
        return int(match["number"]), match["field"]
    return _named_party(key)


def _case_field(key: str) -> str:
    """A case's or a party's field (tags, id_number…) by the label `case edit` uses."""
    from mediate.domain.fields import field_label as edit_label

    return edit_label(key)


def _party_path(key: str, traders: Collection[int | str] = ()) -> str | None:
    """`parties[2].phone` (a party's field, as `case edit` records it) as 当事人2 电话; the
    address of a 个体工商户 (its number among `traders`) as 当事人2 经营场所, as `case show`
    prints it (fields.party_field_label)."""
    from mediate.domain.fields import party_field_label

    match = re.fullmatch(_PARTY_PATH, key)
    if match is None:
        return None
    whole = {  # a party added or removed whole (services/editing), its name the value
        "added": lambda: _("party {number} added"),
        "removed": lambda: _("party {number} removed"),
    }.get(match["field"])
    if whole is not None:
        return whole().format(number=match["number"])
    trader = int(match["number"]) in traders
    return _("party {number} {field}").format(
        number=match["number"], field=party_field_label(match["field"], trader)
    )


# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_PARTY_PATH = r"parties\[(?P<number>\d+)\]\.(?P<field>\w+)"


#: An export's column header where it is not the history's label: history names a body or
#: a mediator once, as "name (id)", under one label; an export has the id and the name each
#: in a column of its own, and no two columns of a sheet may share a header.
_HEADERS: dict[str, Callable[[], str]] = {
    "org_id": lambda: _("body id"),
    "mediator_id": lambda: _("mediator id"),
}


def column_header(key: str) -> str:
    """The header of the column `key` in a CSV or XLSX a clerk opens (`export`, `case list
    --csv`): the field's label, but an id stored beside the name it names has its own."""
    return _HEADERS[key]() if key in _HEADERS else field_label(key)


_VALUES: Mapping[str, vocabulary.Vocabulary] = {
    "status": vocabulary.CASE_STATUS,
    "result": vocabulary.OUTCOME,
    "follow_up": vocabulary.FOLLOW_UP,
    "follow_ups": vocabulary.FOLLOW_UP,
    "source": vocabulary.SOURCE,
    "procedure": vocabulary.PROCEDURE,
    "deadline_unit": vocabulary.DEADLINE_UNIT,
    "pause_reason": vocabulary.PAUSE_REASON,
    "level": vocabulary.LEVEL,
    "field": vocabulary.FIELD,
    "industry": vocabulary.INDUSTRY,
    "tags": vocabulary.TAG,  # 价格争议, as case show prints a tag; a free tag as typed
}

SCHEDULED, HELD, CANCELLED = "scheduled", "held", "cancelled"  # a mediation session's status


def session_status_label(status: str) -> str:
    """A mediation session's status in the interface language (`session list`, history)."""
    return {
        SCHEDULED: _("scheduled"),
        HELD: _("held"),
        CANCELLED: _("cancelled"),
    }.get(status, status)


#: The keys of an event's values that hold a moment (a session's time, stored as ISO with
#: its offset: 2026-12-01T08:30+08:00).
MOMENT_KEYS = ("at",)


def _performance_kind_label(value: str) -> str:
    from mediate.domain.performance import performance_label

    return performance_label(value)


def _party_or_body_kind(value: str) -> str:
    for kinds in (vocabulary.ORG_KIND, vocabulary.PARTY_KIND):
        if value in kinds.codes:
            return kinds.label(value)
    return value


def _action_vocabulary(action: str, key: str, value: str) -> str | None:
    """A `kind` or `status` in the vocabulary the event's action says it is in: a paper's
    kind in a `document` event, a performance report's in `performance_*`, a session's
    status in `session_*`, a confirmation's in `confirm_*`; elsewhere a body's or party's
    kind and a case's status. None for any other key."""
    if key == "kind":
        if action == "document":
            return paper_title(value)
        if action.startswith("performance_"):
            return _performance_kind_label(value)
        return _party_or_body_kind(value)
    if key == "status":
        if action.startswith("session_"):
            return session_status_label(value)
        if action.startswith("confirm_") or value not in vocabulary.CASE_STATUS.codes:
            return status_label(value)  # a confirmation's status (else as stored)
        return vocabulary.CASE_STATUS.label(value)
    return None


MANUAL_RULES = "manual"
"""The rules version of a decision the clerk made (services/lifecycle: `case transfer
--to`), not the rules."""


def rules_version_label(version: str) -> str:
    """A decision's rules version as printed: the clerk's own choice in words (人工指定),
    else the version of the rules (cut to its first 19 characters, a timestamp's)."""
    return _("chosen by the clerk") if version == MANUAL_RULES else version[:19]


def value_label(
    key: str, value: Any, action: str = "", places: Mapping[str, str] | None = None
) -> str:
    """A stored value as the clerk reads it: codes of a closed set by their label, a
    session's time as 2026-12-01 08:30 — in `case history` and in every CSV/XLSX
    (reports/sinks), the same words. In an event (`action`, from `describe`) the action
    chooses the vocabulary of a `kind` or `status`; a table's column, which has none,
    is read by the value. A place at a division of the deployment's own is named by
    `places` (code -> name: services.cases.own_place_names), as `case show` names it."""
    if isinstance(value, list | tuple):
        return "、".join(value_label(key, item, action, places) for item in value)
    if key in MOMENT_KEYS and isinstance(value, str):
        from mediate.clock import minute_label

        return minute_label(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if action and isinstance(value, str) and "," not in value:
        chosen = _action_vocabulary(action, key, value)
        if chosen is not None:
            return chosen
    if key == "kind" and isinstance(value, str):  # a body's kind, a party's, a paper's
        for kinds in (vocabulary.ORG_KIND, vocabulary.PARTY_KIND):
            if value in kinds.codes:
                return kinds.label(value)
        from mediate.domain.performance import PerformanceKind, performance_label

        if value in set(PerformanceKind):  # a performance report's
            return performance_label(value)
        return paper_title(value)
    if key == "note_code" and isinstance(value, str):  # a note the tool wrote itself
        from mediate.domain.performance import auto_note_label

        return auto_note_label(value) or value
    if key in PLACE_KEYS and isinstance(value, str):  # a division code: 焦作市…街道（410802009）
        from mediate.routing.places import place_label

        return place_label(value, places) or value
    if key in ("rule", "route_rule") and value == "transfer":  # not a rule: a clerk's choice
        return _("transferred by the clerk")
    if key == "rules_version" and value == MANUAL_RULES:
        return rules_version_label(value)
    if key == "scope" and isinstance(value, str):  # a report row: one body, a level, all
        scopes = {"org": _("body"), "level": _("level"), "total": _("total")}
        return scopes.get(value, value)
    if key == "status" and value in (SCHEDULED, HELD, CANCELLED):  # a mediation session's
        return session_status_label(value)
    vocab = _VALUES.get(key)
    if vocab is not None and isinstance(value, str):
        if "," in value:  # several codes in one column (an outcome's follow-ups)
            return value_label(key, [part.strip() for part in value.split(",")])
        if key == "status" and value not in vocab.codes:
            return status_label(value)  # a confirmation's status
        return vocab.label(value) if value in vocab.codes else value
    if isinstance(value, dict):
        return describe(value)
    return str(value)


#: The keys of a place a case may store as a division code (shown as case show shows it).
PLACE_KEYS = ("location", "subject_matter_location")
#: The keys of an event's values that name a body (by id) and a mediator (by number).
BODY_KEYS, MEDIATOR_KEYS = ("org", "org_id"), ("mediator", "mediator_id")
#: The keys that name a routing rule (a route's name; `transfer` is a clerk's choice).
RULE_KEYS = ("rule", "route_rule")


#: The key of an event's stored `after` under which a change records what it did not change
#: but is read with it: a 个体工商户's kind and title beside its changed address (services/
#: editing, services/reimport), so history labels that address 经营场所 (市场主体登记管理条例
#: (2021) art. 8 para. 2(四)). `split_context` takes it out of `after`: `case history --json`
#: prints it as the event's own "context", apart from before/after, which hold the changes.
CONTEXT = "context"


def trader_context(changes: Iterable[tuple[str, str, object, str | None]]) -> dict[str, Any]:
    """What an event records under `CONTEXT` beside a 个体工商户's changed field labelled
    as one's (fields.TRADER_FIELDS: its address is its 经营场所, 市场主体登记管理条例 (2021)
    art. 8 para. 2(四); its representative its 经营者, 民诉法解释 (2022) art. 59): its kind
    and title, keyed as its changes are (`parties[2].kind` for `case edit`, `张三.kind` for
    `import --update`), so history labels the change as printed for one (`describe`).
    `changes`: (the party's key, the field changed, its kind and title after the change);
    a kind or title changed is a change, not context, and is left to the caller."""
    from mediate.domain.fields import TRADER_FIELDS
    from mediate.domain.parties import is_registered_trader

    context: dict[str, Any] = {}
    for party, field, kind, title in changes:
        if field in TRADER_FIELDS and is_registered_trader(kind, title):
            context[f"{party}.kind"] = str(getattr(kind, "value", kind))
            context[f"{party}.legal_rep_title"] = title
    return context


def split_context(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None]:
    """An event's before and after holding only what changed, and its context (None when
    it has none): what the event records under `CONTEXT`, and a party's kind and title
    recorded alike on both sides — as dace907 and 7c973c8 recorded a 个体工商户's beside its
    changed address — which are not a change either. A kind alone alike on both sides (the
    kind beside a title turned to or from 经营者, services/editing) stays: history reads
    it with the title as the change of 类型."""
    context = dict((after or {}).get(CONTEXT) or {})
    new = None if after is None else {k: v for k, v in after.items() if k != CONTEXT}
    old = None if before is None else dict(before)
    if old and new:
        alike: dict[int | str, list[str]] = {}
        for key, value in old.items():
            party = _party_key(key)
            if party and party[1] in ("kind", "legal_rep_title") and new.get(key, ...) == value:
                alike.setdefault(party[0], []).append(key)
        unchanged = {key for keys in alike.values() if len(keys) == 2 for key in keys}
        context |= {key: new[key] for key in new if key in unchanged}
        old = {k: v for k, v in old.items() if k not in unchanged}
        new = {k: v for k, v in new.items() if k not in unchanged}
    return old, new, context or None


#: The actions whose events record a field's old and new value (`case edit`, `import
#: --update`): a field a value of which is taken away reads as cleared (`cleared`).
CORRECTIONS = ("edit", "import_update")


def cleared() -> str:
    """What the change table and history print as a field's new value when a correction
    empties it (`电话=`, `电话= `, the form's '-'), where an empty cell read as nothing."""
    return pgettext("value", "(cleared)")


def is_empty(value: Any) -> bool:
    """A stored value that holds nothing: None, '', [] (the values `describe` leaves out)."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def describe(
    values: Mapping[str, Any] | None,
    org_names: Mapping[str, str] | None = None,
    mediator_names: Mapping[int, str] | None = None,
    action: str = "",
    rule_titles: Mapping[str, str] | None = None,
    paper_titles: Mapping[str, str] | None = None,
    place_names: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
    before: Mapping[str, Any] | None = None,
) -> str:
    """`field: value` pairs of an event's before or after, in the interface language
    (each value as `value_label` reads it). A body known in `org_names` (id -> name),
    a mediator known in `mediator_names` (number -> name) and a route known in
    `rule_titles` (name -> title) read as the name with the id in brackets, as `case
    show` names them; a paper's kind reads as the title printed on it (the event's `title`,
    recorded since 0017), else as the case's body titles it now (`paper_titles`, kind ->
    title: services.cases.paper_titles); a place at a division of the deployment's own as
    `case show` prints it, by `place_names` (code -> name: services.cases.own_place_names);
    a party's field as printed for a 个体工商户 if the values or the event's `context`
    (`split_context`, not shown) say the party is one. Given the event's `before` (when
    `values` is its after), a field a correction (`CORRECTIONS`) empties reads `cleared`."""
    if not values:
        return ""
    values, traders = _sole_traders(values, context or {})
    if before is not None and action in CORRECTIONS:
        # as the before side reads: a 个体工商户's title 经营者 is its kind there, so the
        # title emptied when it stops being one is no field cleared (its 类型 says it)
        was = _sole_traders(before, context or {})[0]
        values = {
            key: Shown(cleared()) if _emptied(key, value, was) else value
            for key, value in values.items()
        }
    papers = paper_titles if action == "document" and paper_titles else {}
    printed = values.get("title") if action == "document" else None
    if printed and isinstance(values.get("kind"), str):
        papers = {values["kind"]: printed}  # what was printed, whatever the body is now
        values = {k: v for k, v in values.items() if k != "title"}
    return _("; ").join(
        _("{field}: {value}").format(
            field=_action_field(action, key, traders),
            value=papers[value]
            if key == "kind" and value in papers
            else value
            if isinstance(value, Shown)
            else _named(
                _party_field(key),
                value,
                org_names,
                mediator_names,
                action,
                rule_titles,
                place_names,
            ),
        )
        for key, value in values.items()
        if value not in (None, [], "")
    )


class Shown(str):
    """A value already in the clerk's words (`_sole_traders`, `cleared`)."""


def _emptied(key: str, value: Any, before: Mapping[str, Any]) -> bool:
    """Whether a field's new `value` empties what `before` held: not a party added or
    removed as a whole (its `added`/`removed` key), which is no field."""
    return (
        is_empty(value)
        and not is_empty(before.get(key))
        and _party_field(key) not in ("added", "removed")
    )


def _party_field(key: str) -> str:
    """The field a party's key names (`parties[2].kind`, `张三.kind` -> kind), so its value
    is read in that field's vocabulary (自然人, not person); any other key as it is."""
    party = _party_key(key)
    return party[1] if party else key


def _sole_traders(
    values: Mapping[str, Any], context: Mapping[str, Any]
) -> tuple[dict[str, Any], frozenset[int | str]]:
    """A party's values as `case edit` recorded them, with a 个体工商户 read as a kind: its
    stored title 经营者 (domain/parties.py OPERATOR, 民诉法解释 art. 59) is how intake
    records the kind 个体工商户, so the party's 类型 reads 个体工商户 and the title is not
    shown (services/editing records the kind beside the title when it changes, and both
    beside a 个体工商户's changed address; services/reimport both, by the party's name,
    beside one's, now in the event's `context`). With them: the parties (numbers, or names)
    these values, or the `context` beside them, show as a 个体工商户, whose address is
    labelled as one's (`_party_path`, `_named_party_field`); the context is not shown."""
    from mediate.domain.parties import TraderFlip, is_registered_trader, trader_flips

    side: list[tuple[int | str, str, object, object]] = [
        (party[0], party[1], value, value)
        for key, value in {**context, **values}.items()
        if (party := _party_key(key))
    ]
    traders: dict[int | str, TraderFlip] = trader_flips(side, {})  # one side, unchanged
    if not traders:
        return dict(values), frozenset()
    folded: dict[str, Any] = {}
    for key, value in values.items():
        party = _party_key(key)
        if party is None or party[0] not in traders:
            folded[key] = value
        elif party[1] in ("kind", "legal_rep_title"):
            shown = traders[party[0]].labels()[1]
            folded[f"{key.rpartition('.')[0]}.kind"] = Shown(shown)
        else:
            folded[key] = value
    as_traders = frozenset(
        n
        for n, flip in traders.items()
        if is_registered_trader(flip.new_kind, str(flip.new_title or ""))
    )
    return folded, as_traders


_NAMED = r"(?P<name>[^()（）]*?)\s*[(（]\s*(?P<id>[^()（）\s]+)\s*[)）]"


def split_named(text: str) -> tuple[str, str] | None:
    """A body or a mediator as `describe` prints it — 刘明（13）, 刘明 (13), 刘明(13) — taken
    back as (name, id); None for any other text."""
    match = re.fullmatch(_NAMED, text.strip())
    return (match["name"], match["id"]) if match else None


def _action_field(action: str, key: str, traders: Collection[int | str] = ()) -> str:
    """A key's label in the event `action`: a performance report's amount is what was paid,
    not the case's 标的额; a 个体工商户's address (a party among `traders`) is its 经营场所."""
    if action.startswith("performance_") and key == "amount":
        return pgettext("performance", "amount paid")
    return field_label(key, traders)


def _named(
    key: str,
    value: Any,
    org_names: Mapping[str, str] | None,
    mediator_names: Mapping[int, str] | None,
    action: str = "",
    rule_titles: Mapping[str, str] | None = None,
    place_names: Mapping[str, str] | None = None,
) -> str:
    names: Mapping[Any, str] = {}
    if key in BODY_KEYS:
        names = org_names or {}
    elif key in RULE_KEYS:
        names = rule_titles or {}
    elif key in MEDIATOR_KEYS and not isinstance(value, bool):
        names = mediator_names or {}
    if isinstance(value, str | int) and value in names:
        return _("{name} ({id})").format(name=names[value], id=value)
    return value_label(key, value, action, place_names)
