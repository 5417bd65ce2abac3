"""The mediation network as a pure, in-memory registry: divisions and bodies.

`Network` answers the questions routing, intake and the workflow ask of the network:

- `network.org(id)` -> `Org` (raises `NotFound`), `network.get(id)` -> `Org | None`;
- `network.division_code(location)` -> the division code (6, 9 or 12 digits) of a code or
  a place name (`"410802009"`, `"解放区"`, `"焦作市解放区王褚街道王褚村"`), or None;
- `network.county_code(location)` -> the 6-digit county-level code, or None;
- `network.basic_court(county)` -> the basic court (`kind: court`) that serves a county —
  410871 has none of its own and borrows one set in the data (`court_county`);
- `network.nearest(kinds, location, field=None)` -> the bodies of the first kind found
  nearest the location, walking village -> township -> county -> city.

It is built from `data/network.yaml` (`load_network_file`) or from stored rows (the
service layer does that), and imports nothing from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from mediate.domain.divisions import CITY_CODE
from mediate.domain.model import KIND_LEVELS, Level, Org, OrgKind
from mediate.errors import NotFound, ValidationError, ValidationErrors
from mediate.i18n import _
from mediate.routing.places import is_division_code

_T = TypeVar("_T")

LEVEL_OF_LENGTH = {6: Level.COUNTY, 9: Level.TOWNSHIP, 12: Level.VILLAGE}


@dataclass(frozen=True)
class Division:
    """An administrative division (GB/T 2260 code and its name)."""

    code: str
    name: str
    court_county: str | None = None  # a county without a court of its own borrows this one


def city_of(code: str) -> str:
    return code[:4] + "00"


def _short_forms(name: str) -> tuple[str, ...]:
    return (name, name[3:]) if name.startswith("焦作市") and len(name) > 3 else (name,)


_INTERMEDIATE = "中级人民法院"


def _intermediate_short_forms(name: str) -> set[str]:
    """An intermediate court as sheets shorten it: 焦作市中级人民法院 → 焦作市中院, 焦作中院
    (the review of 2026-12-02 found 焦作中院 on a confirmation paper as 此致 焦作中院).
    Derived from the court's own name, for any city's: 中院 for 中级人民法院, with or without
    the city's 市."""
    if not name.endswith(_INTERMEDIATE):
        return set()
    stem = name[: -len(_INTERMEDIATE)]
    forms = {stem + "中院"}
    if stem.endswith("市") and len(stem) >= 3:
        forms.add(stem[:-1] + "中院")
    return forms


class Network:
    """Bodies and divisions, indexed for routing. Immutable once built."""

    def __init__(
        self, orgs: Iterable[Org], divisions: Iterable[Division] = (), known: Iterable[str] = ()
    ) -> None:
        """`known`: division codes known besides the table's and those bodies are placed
        at (a deployment's own divisions, told to the bundled network: `rules explain`)."""
        self.orgs: dict[str, Org] = {o.id: o for o in orgs}
        self.divisions: dict[str, Division] = {d.code: d for d in divisions}
        self._by_place: dict[tuple[str, str, str | None], tuple[Org, ...]] = {}
        for o in self.orgs.values():
            if not o.active:
                continue
            keys = {(o.kind.value, o.division_code, None), (o.kind.value, o.division_code, o.field)}
            for key in keys:
                self._by_place[key] = (*self._by_place.get(key, ()), o)
        self._placed = frozenset(o.division_code for o in self.orgs.values()) | set(known)
        self._names = self._place_names()
        self._courts = self._court_names()
        self.kinds = frozenset(o.kind.value for o in self.orgs.values())
        self.fields = frozenset(o.field for o in self.orgs.values() if o.field)
        self._location_cache: dict[str, str | None] = {}

    def _place_names(self) -> list[tuple[str, str]]:
        """(name, code) pairs, longest first, with unambiguous short forms too."""
        names: dict[str, set[str]] = {}
        for d in self.divisions.values():
            forms = {d.name}
            if d.name.startswith("焦作市") and len(d.name) > 3:
                forms.add(d.name[3:])
            parent = self.divisions.get(d.code[:-3]) if len(d.code) > 6 else None
            if parent and d.name.startswith(parent.name):
                forms.add(d.name[len(parent.name) :])
            elif parent and len(d.code) == 9:
                # "沁阳市太行街道": a township written after its county. Two townships share
                # a name (太行街道 of 山阳区 and of 沁阳市), which the bare name cannot tell.
                forms.update(parent_form + d.name for parent_form in _short_forms(parent.name))
            for form in forms:
                if form:
                    names.setdefault(form, set()).add(d.code)
        pairs = [(n, next(iter(codes))) for n, codes in names.items() if len(codes) == 1]
        return sorted(pairs, key=lambda p: -len(p[0]))

    def _court_names(self) -> dict[str, frozenset[str]]:
        """Court name -> the divisions of the courts it may mean.

        A court sheet often leaves out the city: 解放区人民法院 for 焦作市解放区人民法院, or
        writes 法院 for 人民法院 (解放区法院). Both short forms are derived from the network's
        own courts and divisions (a county-level court whose name starts with its city's
        division name), never typed here; a form that two courts share is kept with both,
        so the caller can tell an ambiguous name from an unknown one (audit of 2026-12)."""
        courts = [o for o in self.orgs.values() if o.kind.value == "court"]
        names: dict[str, set[str]] = {}
        stems: dict[str, set[str]] = {}
        for o in courts:
            code = o.division_code
            forms = {o.name}
            city = self.divisions.get(city_of(code))
            if city and len(code) == 6 and code != city.code and o.name.startswith(city.name):
                forms.add(o.name[len(city.name) :])
            forms |= {f.replace("人民法院", "法院") for f in forms if f.endswith("人民法院")}
            forms |= _intermediate_short_forms(o.name)
            for form in forms:
                names.setdefault(form, set()).add(code)
            # Sheets also drop the division's own 区/市/县: 山阳法院, 沁阳法院, 孟州法院 (the
            # review of daa4c8b). Derived from the division's name (a stem of two characters
            # or more: 温县 stays 温县), and kept below only when one court has it.
            division = self.divisions.get(code)
            own = division.name if division and len(code) == 6 else ""
            if city and own.startswith(city.name) and own != city.name:
                own = own[len(city.name) :]
            if len(own) >= 3 and own[-1] in "区市县":
                for form in forms:
                    if form.startswith(own):
                        stems.setdefault(own[:-1] + form[len(own) :], set()).add(code)
        for form, codes in stems.items():
            if form not in names and len(codes) == 1:
                names[form] = codes
        for o in courts:  # a full name means its own court, whatever it shortens to
            names[o.name] = {o.division_code}
        return {n: frozenset(codes) for n, codes in names.items() if n}

    # -- lookups ---------------------------------------------------------------------
    def court_divisions(self, name: str | None) -> frozenset[str]:
        """Every division a court of this name (full, or short where the network allows)
        may be at: empty when unknown, more than one when the short name is ambiguous."""
        if not name:
            return frozenset()
        return self._courts.get(name.strip(), frozenset())

    def court_full_name(self, name: str | None) -> str | None:
        """The full name of the one court this name (full or short) means, else None."""
        found = self.court_divisions(name)
        if len(found) != 1:
            return None
        courts = [o.name for o in self.at(OrgKind.COURT.value, next(iter(found)))]
        return courts[0] if len(courts) == 1 else None

    def court_division(self, name: str | None) -> str | None:
        """The division of the court of this name (a referral's court), if the network
        has it and the name means one court only."""
        found = self.court_divisions(name)
        return next(iter(found)) if len(found) == 1 else None

    def get(self, org_id: str) -> Org | None:
        return self.orgs.get(org_id)

    def org(self, org_id: str) -> Org:
        found = self.orgs.get(org_id)
        if found is None:
            raise NotFound(_("No body with id {id!r}.").format(id=org_id))
        return found

    def division_code(self, location: str | None) -> str | None:
        """The division code for a code or a place name; None when unknown."""
        if not location:
            return None
        cached = self._location_cache.get(location, "")
        if cached != "":
            return cached
        text = location.strip()
        code: str | None = None
        if is_division_code(text):
            code = text
        else:
            for name, candidate in self._names:
                if name in text:
                    code = candidate
                    break
        if len(self._location_cache) < 100_000:
            self._location_cache[location] = code
        return code

    def county_code(self, location: str | None) -> str | None:
        code = self.division_code(location)
        if code is None or (code.endswith("00") and len(code) == 6):
            return None
        return code[:6]

    def knows(self, code: str) -> bool:
        """Whether the divisions table has this code (a network without a table knows
        every well-formed code), or a body of the network is placed at it: a deployment's
        own division (`org import`), named or not, is no unknown code."""
        return not self.divisions or code in self.divisions or code in self._placed

    def division_name(self, code: str) -> str | None:
        d = self.divisions.get(code)
        return d.name if d else None

    def ancestors(self, code: str | None) -> tuple[str, ...]:
        """The division and those above it, nearest first, ending with the city."""
        if not code:
            return (CITY_CODE,)
        return _ancestors(code, self._borrowed_county(code[:6]))

    def _borrowed_county(self, county: str) -> str | None:
        d = self.divisions.get(county)
        return d.court_county if d else None

    def basic_court(self, county: str | None) -> Org | None:
        """The basic court serving a county-level area (or the intermediate court)."""
        for code in self.ancestors(county[:6] if county else None):
            for o in self._by_place.get((OrgKind.COURT.value, code, None), ()):
                return o
        return None

    def nearest(
        self, kinds: Sequence[str], location_code: str | None, field: str | None = None
    ) -> tuple[Org, ...]:
        """Bodies of the first of `kinds` found nearest the location (village up to city)."""
        chain = self.ancestors(location_code)
        for kind in kinds:
            for code in chain:
                found = self._by_place.get((kind, code, field))
                if found:
                    return found
        return ()

    def at(self, kind: str, code: str, field: str | None = None) -> tuple[Org, ...]:
        """Active bodies of a kind (and field) placed exactly at a division."""
        return self._by_place.get((kind, code, field), ())

    def of_kind(self, kind: str) -> list[Org]:
        return [o for o in self.orgs.values() if o.kind.value == kind]


@lru_cache(maxsize=4096)
def _ancestors(code: str, borrowed: str | None) -> tuple[str, ...]:
    chain = [code[:n] for n in (12, 9, 6) if len(code) >= n]
    if borrowed:
        chain.append(borrowed)
    city = city_of(code)
    if chain[-1] != city:
        chain.append(city)
    return tuple(dict.fromkeys(chain))


# -- loading ---------------------------------------------------------------------------

ORG_FIELDS = (
    "id",
    "name",
    "kind",
    "level",
    "division",
    "field",
    "parent",
    "court",
    "capacity",
    "address",
    "phone",
    "sample",
    "active",
)


def org_field_label(key: str) -> str:
    """A body's field as `org show` labels it (编号, 类型, 上级组织 …), and as an org file may
    head it."""
    from mediate.domain.events import field_label

    return _("Id") if key == "id" else field_label(key)


def known_fields(keys: Iterable[str]) -> str:
    """Fields as an error lists them: each by its label, its key in brackets."""
    return _(", ").join(
        _("{label} ({code})").format(label=org_field_label(k), code=k)
        if org_field_label(k) != k
        else k
        for k in keys
    )


def kind_of_value(value: Any) -> str:
    """What a value read from a file is, as an error names it where it is the wrong kind
    (YAML gives mappings, lists, numbers, true/false and dates; a workbook numbers, dates
    and true/false). The rules file's checks (routing/schema) name them alike."""
    import datetime

    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list | tuple):
        return _("a list")
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, datetime.date | datetime.time):
        return _("a date")
    return _("a string")


def text_value(value: Any, field: str, where: str, numbers: bool = True) -> str | None:
    """A text field's value, stripped (None when empty): text, or a whole number where
    `numbers` (a YAML code or phone written unquoted, a workbook's number cell). A list,
    a mapping, true/false, a fraction or a date is refused, naming `field` as the file
    writes it."""
    if value is None:
        return None
    whole = isinstance(value, int) and not isinstance(value, bool)
    if not (isinstance(value, str) or (numbers and whole)):
        raise ValidationError(
            _("field {field!r}: text is expected, not {found}").format(
                field=field, found=kind_of_value(value)
            ),
            where,
        )
    return str(value).strip() or None


def org_from_record(
    record: dict[str, Any],
    where: str,
    labels: dict[str, str] | None = None,
    columns: dict[str, str] | None = None,
) -> Org:
    """An `Org` from one record of a network file (YAML mapping or spreadsheet row).
    `labels`: key -> the column header the file wrote for it (区划代码 for division), by
    which errors name a field; a YAML file's keys name themselves. `columns`: key -> the
    spreadsheet column letter, added to the place of a field's error. Every bad field is
    reported, not only the first: ValidationErrors, one error a field, all at `where`."""
    fields = _Fields(record, where, labels or {}, columns or {})
    for key in sorted(set(record) - set(ORG_FIELDS) - {"division_code"}):
        fields.refuse(
            _("unknown field {field!r}; known fields: {known}").format(
                field=fields.label(key), known=known_fields(ORG_FIELDS)
            )
        )
    org_id = fields.text("id", required=True)
    name = fields.text("name", required=True)
    kind = _kind(fields)
    division, level = _division_and_level(fields)
    capacity = fields.whole_number("capacity")
    field, parent, court = _field(fields), fields.text("parent"), fields.text("court")
    address, phone = fields.text("address"), fields.text("phone")
    sample, active = fields.flag("sample", False), fields.flag("active", True)
    if org_id is not None and not is_org_id(org_id):
        fields.refuse_at(
            "id",
            _(
                "field {field!r}: {value!r} is no body id; an id is ASCII letters, digits "
                "and - _ . (such as jz-410802-nlc), starting with a letter or a digit"
            ).format(field=fields.label("id"), value=org_id),
        )
    _check_level(fields, kind, level, division)
    if kind == OrgKind.PROFESSIONAL.value and field is None and "field" not in fields.refused:
        # DOMAIN.md §2: a 专业调解组织 has its field (traffic, medical, labour …); routing
        # chooses it by the field, so one without is no professional body.
        fields.refuse_at(
            "field",
            _("field {field!r} is required for a professional body (交通, 医疗, 劳动 …)").format(
                field=fields.label("field")
            ),
        )
    if fields.errors:
        raise ValidationErrors(fields.errors)
    return Org(
        id=org_id or "",
        name=name or "",
        kind=OrgKind(kind or ""),
        level=Level(level or ""),
        division_code=division or "",
        field=field,
        parent_id=parent,
        capacity=capacity,
        court_id=court,
        address=address,
        phone=phone,
        sample=sample,
        active=active,
    )


def is_org_id(text: str) -> bool:
    """A body id as the bundled network writes them (jz-410802-nlc): ASCII letters, digits,
    `-`, `_` and `.`, the first a letter or a digit — no space, no `/`, no `..` (an id is
    typed on command lines and names files)."""
    return (
        text[:1].isascii()
        and text[:1].isalnum()
        and ".." not in text
        and all(c.isascii() and (c.isalnum() or c in "-_.") for c in text)
    )


def in_column(where: str, column: str | None) -> str:
    """A row's place with the spreadsheet column (`orgs.csv, row 2, column D`)."""
    if not column:
        return where
    return _("{place}, column {column}").format(place=where, column=column)


def _check_level(
    fields: _Fields, kind: str | None, level: str | None, division: str | None
) -> None:
    """The level agrees with the division (a city body at the city's code, a county one at
    a county's 6 digits, 9 digits a township, 12 a village: data/network.yaml places every
    body so) and with the kind (domain.model.KIND_LEVELS, seed item 17)."""
    if level is None or "level" in fields.refused:
        return
    if division is not None:
        placed = Level.CITY if division == CITY_CODE else LEVEL_OF_LENGTH.get(len(division))
        if placed is not None and placed.value != level:
            fields.refuse_at(
                "level",
                _(
                    "field {field!r}: a body at division {code} is of level {placed}, not {level}"
                ).format(
                    field=fields.label("level"),
                    code=division,
                    placed=level_label(placed.value),
                    level=level_label(level),
                ),
            )
            return
    allowed = KIND_LEVELS.get(OrgKind(kind)) if kind is not None else None
    if allowed and Level(level) not in allowed:
        written = fields.record.get("level") not in (None, "")
        division_key = "division_code" if "division_code" in fields.record else "division"
        key = "level" if written else division_key
        fields.refuse_at(
            key,
            _("field {field!r}: a {kind} is at level {allowed}, not {level}").format(
                field=fields.label(key),
                kind=kind_label(kind or ""),
                allowed=_(" or ").join(level_label(a.value) for a in allowed),
                level=level_label(level),
            ),
        )


def level_label(level: str) -> str:
    from mediate.domain.vocabulary import LEVEL

    return LEVEL.label(level)


def kind_label(kind: str) -> str:
    from mediate.domain.vocabulary import ORG_KIND

    return ORG_KIND.label(kind)


class _Fields:
    """The fields of one record read for `org_from_record`: a bad one is kept as an error
    (`errors`, in the order read) and read as missing, so that the others are read too."""

    def __init__(
        self,
        record: dict[str, Any],
        where: str,
        labels: dict[str, str],
        columns: dict[str, str] | None = None,
    ) -> None:
        self.record, self.where, self.labels = record, where, labels
        self.columns = columns or {}
        self.errors: list[ValidationError] = []
        self.refused: set[str] = set()  # the keys refused by refuse_at

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def refuse(self, message: str) -> None:
        self.errors.append(ValidationError(message, self.where))

    def refuse_at(self, key: str, message: str) -> None:
        """An error located at the field's column, where the file has columns."""
        self.refused.add(key)
        self.errors.append(ValidationError(message, in_column(self.where, self.columns.get(key))))

    def text(self, key: str, required: bool = False) -> str | None:
        """A text field (`text_value`); a name is text as written: a number or a list is
        no body's name. Missing where `required`: an error (one of the wrong kind is
        refused as that alone)."""
        value, label, errors = self.record.get(key), self.label(key), len(self.errors)
        read = self._checked(
            lambda: text_value(value, label, self.where, numbers=key != "name"), None
        )
        if read is None and required and len(self.errors) == errors:
            self.refuse(_("field {field!r} is required").format(field=label))
        return read

    def whole_number(self, key: str) -> int | None:
        value, label = self.record.get(key), self.label(key)
        return self._checked(lambda: _whole_number(value, label, self.where), None)

    def flag(self, key: str, default: bool) -> bool:
        value, label = self.record.get(key), self.label(key)
        return self._checked(lambda: _flag(value, default, label, self.where), default)

    def _checked(self, read: Callable[[], _T], default: _T) -> _T:
        try:
            return read()
        except ValidationError as exc:
            self.errors.append(exc)
            return default


def _kind(fields: _Fields) -> str | None:
    """The kind by its code or by the label `org show` and `org list` print (村(社区)调解室):
    what the tool prints it reads back (review of 2026-12-03)."""
    from mediate.domain.vocabulary import ORG_KIND

    written = fields.text("kind", required=True)
    kind = ORG_KIND.find(written) if written is not None else None
    if written is not None and kind is None:
        fields.refuse(
            _("field {field!r}: {value!r} is not a kind of body; known kinds: {known}").format(
                field=fields.label("kind"), value=written, known=ORG_KIND.allowed()
            )
        )
    return kind


def _field(fields: _Fields) -> str | None:
    """A professional field by its code or its printed label (婚姻家庭 for family); an
    open set, so another word is kept as written."""
    from mediate.domain.vocabulary import FIELD

    written = fields.text("field")
    return FIELD.find(written) or written if written is not None else None


def _division_and_level(fields: _Fields) -> tuple[str | None, str | None]:
    """The division code (`division`, or `division_code`) and the level: as written, or
    the division's (the city's code is the city, else by the code's length)."""
    from mediate.domain.vocabulary import LEVEL

    errors = len(fields.errors)
    key = "division_code" if "division_code" in fields.record else "division"
    division = fields.text(key, required=True)
    if len(fields.errors) == errors and not (
        division is not None and (is_division_code(division) or division == CITY_CODE)
    ):
        fields.refuse(
            _("field {field!r}: {value!r} is not a 6, 9 or 12 digit division code").format(
                field=fields.label(key), value=division
            )
        )
        division = None
    written = fields.text("level")
    level = LEVEL.find(written) if written is not None else None
    if written is not None and level is None:
        fields.refuse(
            _("field {field!r}: {value!r} is not a level; the levels: {known}").format(
                field=fields.label("level"), value=written, known=LEVEL.allowed()
            )
        )
    if written is None and division is not None:
        level = (Level.CITY if division == CITY_CODE else LEVEL_OF_LENGTH[len(division)]).value
    return division, level


def _whole_number(value: Any, field: str, where: str) -> int | None:
    """A count as written (a body's capacity): digits, or a workbook's whole number cell;
    not 1.5 (was taken as 1), not 1e400 (was exit 3), not a list or true/false; -3 is
    told it is below 0, not that it is no whole number (review of 2026-12-03)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    written = value.strip() if isinstance(value, str) else None
    if value is None or written == "":
        return None
    if written is not None and written.isascii() and written.isdigit():
        return int(written)
    negative = written[1:] if written is not None and written.startswith("-") else None
    if (isinstance(value, int) and not isinstance(value, bool)) or (
        negative and negative.isascii() and negative.isdigit()
    ):
        raise ValidationError(
            _("field {field!r}: {value!r} is below 0; write a whole number, 0 or more").format(
                field=field, value=written if written is not None else value
            ),
            where,
        )
    # the value itself where it is a number or text (-3, 1.5); its kind otherwise
    shown: object = written
    if written is None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        shown = value if numeric else kind_of_value(value)
    raise ValidationError(
        _("field {field!r}: {value!r} is not a whole number").format(field=field, value=shown),
        where,
    )


_YES = ("1", "true", "yes", "y", "是")
_NO = ("0", "false", "no", "n", "否")


def _flag(value: Any, default: bool, field: str = "", where: str = "") -> bool:
    """Yes or no: true/false, 1/0, yes/no, 是/否. Anything else is refused (a list or
    "maybe" was taken as no)."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return default
    if isinstance(value, bool):
        return value
    written = str(value).strip().lower() if isinstance(value, str | int) else None
    if written in _YES or written in _NO:
        return written in _YES
    raise ValidationError(
        _("field {field!r}: {value!r} is neither yes nor no (是/否, true/false, 1/0)").format(
            field=field, value=value if isinstance(value, str) else kind_of_value(value)
        ),
        where,
    )


def org_record(o: Org) -> dict[str, Any]:
    """The inverse of `org_from_record` (for exports and round trips)."""
    return {
        "id": o.id,
        "name": o.name,
        "kind": o.kind.value,
        "level": o.level.value,
        "division": o.division_code,
        "field": o.field,
        "parent": o.parent_id,
        "court": o.court_id,
        "capacity": o.capacity,
        "address": o.address,
        "phone": o.phone,
        "sample": o.sample,
        "active": o.active,
    }


@dataclass
class NetworkData:
    divisions: list[Division]
    orgs: list[Org]
    division_places: list[str] = dataclass_field(default_factory=list)  # where each division is
    org_places: list[str] = dataclass_field(default_factory=list)  # where each body is


def entry_place(source: str, items: Any, index: int, what: str) -> str:
    """Where an entry of a network file's list is, as a clerk finds it: its line (a file
    read with positions, routing.source) and its number counted from 1 (第1个机构;
    `orgs[0]` meant nothing to a clerk: review of 2026-12-03). `what`: "orgs" or
    "divisions"."""
    marks = getattr(items, "item_marks", None)
    place = str(marks[index]) if marks and index < len(marks) else source
    if what == "orgs":
        return _("{place}, body {n}").format(place=place, n=index + 1)
    return _("{place}, division {n}").format(place=place, n=index + 1)


# A division's keys; `sample: true` marks a sample code (data/network.yaml's header).
_DIVISION_KEYS = ("code", "name", "court_county", "sample")


def parse_network(
    data: Any,
    source: str,
    read_keys: Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, str]]] | None = None,
) -> NetworkData:
    """Divisions and orgs from a parsed network YAML document; all errors at once.
    `read_keys`: a body's mapping -> its record by key and the key each was written as (an
    org file may head a field by the label `org show` prints)."""
    if not isinstance(data, dict):
        raise ValidationError(_("a network file is a mapping with 'orgs'"), source)
    errors: list[ValidationError] = []
    unknown = sorted(str(k) for k in set(data) - {"version", "divisions", "orgs"})
    if unknown:  # `org:` for `orgs:` imported nothing, and said so as a success
        errors.append(
            ValidationError(
                _("unknown key {key!r}; a network file has {known}").format(
                    key=unknown[0], known=_(", ").join(("divisions", "orgs"))
                ),
                source,
            )
        )
    divisions, division_places = [], []
    items = _entries(data, "divisions", source, errors)
    for index, item in enumerate(items):
        where = entry_place(source, items, index, "divisions")
        if not isinstance(item, dict) or "code" not in item or "name" not in item:
            errors.append(ValidationError(_("a division needs a code and a name"), where))
            continue
        unknown = sorted(str(k) for k in set(item) - set(_DIVISION_KEYS))
        if unknown:  # `court:` for `court_county:` was read as no court at all
            errors.append(
                ValidationError(
                    _("unknown field {field!r}; known fields: {known}").format(
                        field=unknown[0], known=_(", ").join(_DIVISION_KEYS)
                    ),
                    where,
                )
            )
            continue
        try:  # a name is text as written: [1, 2] was kept as the name "[1, 2]"
            code = text_value(item["code"], "code", where)
            name = text_value(item["name"], "name", where, numbers=False)
            court = text_value(item.get("court_county"), "court_county", where)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if code is None or name is None:
            errors.append(ValidationError(_("a division needs a code and a name"), where))
            continue
        divisions.append(Division(code, name, court))
        division_places.append(where)
    orgs, org_places = [], []
    seen: set[str] = set()
    items = _entries(data, "orgs", source, errors)
    for index, item in enumerate(items):
        where = entry_place(source, items, index, "orgs")
        if not isinstance(item, dict):
            errors.append(ValidationError(_("a body is a mapping of fields"), where))
            continue
        try:  # read_keys refuses a field its keys give twice (名称 and name)
            record, labels = read_keys(item) if read_keys else (item, {})
            o = org_from_record(record, where, labels)
        except ValidationErrors as exc:
            errors.extend(exc.errors)
            continue
        if o.id in seen:
            errors.append(ValidationError(_("duplicate id {id!r}").format(id=o.id), where))
        seen.add(o.id)
        orgs.append(o)
        org_places.append(where)
    if errors:
        raise ValidationErrors(errors)
    return NetworkData(divisions, orgs, division_places, org_places)


def _entries(
    data: dict[str, Any], key: str, source: str, errors: list[ValidationError]
) -> list[Any]:
    """The list under `key` (none when absent or empty). Anything else is an error
    located at the key: `divisions: 5` was a TypeError (exit 3), a mapping or a text was
    read entry by entry as its keys or characters."""
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(
            ValidationError(
                _(
                    "a list is expected here (one entry per line, each starting with -), "
                    "not {found}"
                ).format(found=kind_of_value(items)),
                f"{source}: {key}",
            )
        )
        return []
    return items


def load_network_file(path: Path) -> NetworkData:
    import yaml

    from mediate import safeyaml

    try:
        data = safeyaml.load_file(path)
    except yaml.YAMLError as exc:
        raise safeyaml.error(exc, str(path)) from None
    return parse_network(data, str(path))


@lru_cache(maxsize=4)
def bundled_network_data() -> NetworkData:
    from mediate.resources import data_dir

    return load_network_file(data_dir() / "network.yaml")


def bundled_network() -> Network:
    data = bundled_network_data()
    return Network(data.orgs, data.divisions)
