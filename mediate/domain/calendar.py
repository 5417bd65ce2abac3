"""The local holidays file: the State Council's schedule for years chinese-calendar does
not know yet (or corrections to it).

```yaml
2027:
  holidays:            # statutory holidays, including weekends inside them
    - 2027-01-01..2027-01-03
    - 2027-10-01
  workdays:            # adjusted working days (调休上班), usually a Saturday or Sunday
    - 2027-02-20
```
A year in the file replaces the package's data for that year entirely: its other days
are working days Monday to Friday. Errors name the file, line and column.
"""

from __future__ import annotations

import datetime as dt

import yaml

from mediate import safeyaml
from mediate.domain.deadlines import WorkCalendar
from mediate.errors import ValidationError, ValidationErrors
from mediate.i18n import _

_KEYS = ("holidays", "workdays")
_MAX_RANGE_DAYS = 31


def parse_holidays(text: str, source: str = "<holidays>") -> WorkCalendar:
    """A WorkCalendar from the text of a holidays file; every error at once, located."""
    try:
        root = safeyaml.compose(text)
    except yaml.YAMLError as exc:  # PyYAML's English said in the interface language
        located = safeyaml.error(exc, source)
        raise ValidationError(
            _("not a YAML file: {problem}").format(problem=located.reason), located.where
        ) from exc
    calendar = WorkCalendar()
    errors: list[ValidationError] = []
    if root is None:
        return calendar
    if not isinstance(root, yaml.MappingNode):
        raise ValidationError(
            _("expected years as keys (2027: {{holidays: [...], workdays: [...]}})"),
            where=_at(source, root),
        )
    for key_node, value_node in root.value:
        year = _year(key_node, source, errors)
        if year is None:
            continue
        calendar.override_years.add(year)
        _read_year(year, value_node, source, calendar, errors)
    both = calendar.holidays & calendar.workdays
    for day in sorted(both):
        errors.append(
            ValidationError(
                _("{day} is listed both as a holiday and as a working day").format(
                    day=day.isoformat()
                ),
                where=source,
            )
        )
    if errors:
        raise ValidationErrors(
            errors, summary=_("The holidays file {path} has errors:").format(path=source)
        )
    return calendar


def _at(source: str, node: yaml.Node) -> str:
    return f"{source}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _year(node: yaml.Node, source: str, errors: list[ValidationError]) -> int | None:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if isinstance(value, str) and value.isdigit() and 1990 <= int(value) <= 2200:
        return int(value)
    errors.append(
        ValidationError(
            _("{key!r} is not a year").format(key=value if value is not None else "?"),
            where=_at(source, node),
        )
    )
    return None


def _read_year(
    year: int,
    node: yaml.Node,
    source: str,
    calendar: WorkCalendar,
    errors: list[ValidationError],
) -> None:
    if not isinstance(node, yaml.MappingNode):
        errors.append(
            ValidationError(
                _("year {year}: expected holidays: and workdays: lists").format(year=year),
                where=_at(source, node),
            )
        )
        return
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in _KEYS:
            errors.append(
                ValidationError(
                    _("unknown key {key!r}; expected holidays or workdays").format(key=key),
                    where=_at(source, key_node),
                )
            )
            continue
        target = calendar.holidays if key == "holidays" else calendar.workdays
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for item in items:
            target.update(_days(item, year, source, errors))


def _days(node: yaml.Node, year: int, source: str, errors: list[ValidationError]) -> list[dt.date]:
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    first, _sep, last = text.partition("..")
    try:
        start = dt.date.fromisoformat(first.strip())
        end = dt.date.fromisoformat(last.strip()) if last else start
    except ValueError:
        errors.append(
            ValidationError(
                _("{text!r} is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)").format(
                    text=text
                ),
                where=_at(source, node),
            )
        )
        return []
    count = (end - start).days + 1
    if not 1 <= count <= _MAX_RANGE_DAYS or abs(start.year - year) > 1:
        errors.append(
            ValidationError(
                _(
                    "{text!r} does not fit year {year} (a range runs forwards, at most {max} days)"
                ).format(text=text, year=year, max=_MAX_RANGE_DAYS),
                where=_at(source, node),
            )
        )
        return []
    return [start + dt.timedelta(days=i) for i in range(count)]
