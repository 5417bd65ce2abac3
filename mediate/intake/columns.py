"""Which column holds which field: the header aliases of DESIGN.md §3.3, and `--mapping`.

Headers are matched after normalising (full-width to half-width, spaces, `*` marks and a
trailing unit such as `(元)` removed, English lower-cased).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path

import yaml

from mediate import safeyaml
from mediate.errors import ValidationError, ValidationErrors
from mediate.i18n import _
from mediate.intake.values import BadValue, cell_text, half_width, screen_text

PARTY_ROLES = ("applicant", "respondent", "third_party")
PARTY_SUFFIXES = (
    *("", "_kind", "_id", "_address", "_phone", "_guardian"),
    *("_business_address", "_operator", "_operator_address", "_legal_rep", "_legal_rep_title"),
)

ALIASES: dict[str, tuple[str, ...]] = {
    "case_no": ("案号", "案件编号", "法院案号", "court_case_no"),
    "cause": ("案由", "案由名称", "纠纷类型"),
    "amount": ("标的额", "标的", "标的金额", "金额", "诉讼标的额", "诉讼标的", "争议金额"),
    "source": ("来源", "案件来源", "收案来源", "调解类型", "调解来源"),
    "referring_court": (
        "委派法院",
        "委托法院",
        "移送法院",
        "委派调解法院",
        "委托调解法院",
        "立案法院",
        "承办法院",
        "法院",
        "court",
    ),
    "received_on": (
        "收案日期",
        "委派日期",
        "委托日期",
        "移送日期",
        "立案日期",
        "收案时间",
        "立案时间",
        "登记日期",
    ),
    "location": ("纠纷发生地", "发生地", "行政区划", "区划代码"),
    "subject_matter_location": ("标的物所在地", "标的物地址", "财产所在地"),
    "procedure": ("适用程序", "程序"),
    "facts": ("案情简介", "案情", "简要案情", "纠纷简要情况"),
    "claim": ("请求事项", "申请事项", "诉讼请求", "调解请求"),
}

# A party column's header is a role word followed by what the column holds. Court systems
# export 原告/被告 (their filing's words), referral sheets 申请人/被申请人, and both write the
# same suffixes (证件号码, 身份证号, 住址, 联系电话…): every role word takes every suffix, so
# 被告证件号码 is as good as 被申请人证件号 (the audit of 2026-12: a court's export lost its
# parties' ID numbers and addresses to "unused columns"). The first word and suffix of each
# list make the standard header (`import --template`).
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "applicant": ("申请人", "原告", "起诉人", "申请方"),
    "respondent": ("被申请人", "被告", "被起诉人", "被申请方"),
    "third_party": ("第三人",),
}
SUFFIX_WORDS: dict[str, tuple[str, ...]] = {
    "": ("", "姓名", "名称", "姓名或名称", "姓名/名称"),
    "_kind": ("类型", "主体类型", "当事人类型", "性质"),
    "_id": (
        "证件号",
        "证件号码",
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "统一社会信用代码",
        "身份证号/统一社会信用代码",
        "证件号码/统一社会信用代码",
    ),
    "_address": ("住所", "地址", "住址", "住所地", "住所地址", "户籍地址"),
    "_phone": ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式"),
    "_guardian": ("法定代理人",),
    # a 个体工商户's registered 经营场所 (市场主体登记管理条例 (2021) art. 8 para. 2(四):
    # "个体工商户的经营者姓名、住所、经营场所"), the address `case show` and the papers label
    # so: a column of its own beside 住所, never dropped as a second 住所; which is the
    # party's address is `rows._places_of_business`'s to say, per row
    "_business_address": ("经营场所", "经营场所地址", "经营地址"),
    # a 个体工商户's 经营者 (民诉法解释 (2022) art. 59: the 字号 is the party "但应同时注明该
    # 字号经营者的基本信息"), stored as the interview stores it: its representative titled 经营者
    "_operator": ("经营者", "经营者姓名"),
    # a 个体工商户's 经营者's own 住所 (市场主体登记管理条例 (2021) art. 8 para. 2(四)), not the
    # business's: 被申请人经营者住所 beside 被申请人住所
    "_operator_address": ("经营者住所", "经营者住址", "经营者地址"),
    # an organisation's 法定代表人 (民事诉讼法 art. 51), a branch's 负责人 (民诉法解释 art. 50),
    # and the title, as `case new` takes them (legal_rep, legal_rep_title)
    "_legal_rep": ("法定代表人", "法定代表人姓名", "负责人", "法定代表人或负责人"),
    "_legal_rep_title": ("法定代表人职务", "负责人职务"),
}
for _role, _words in ROLE_WORDS.items():
    for _suffix, _endings in SUFFIX_WORDS.items():
        ALIASES[_role + _suffix] = tuple(w + e for w in _words for e in _endings)
ALIASES["applicant"] += ("applicant",)
ALIASES["respondent"] += ("respondent",)
FIELDS = tuple(ALIASES)
# each field by its own header (ALIASES' first), as a mapping file may name it
_BY_NAME = {aliases[0]: field for field, aliases in ALIASES.items()}
# 案号 is not required: since 2025-01-01 pre-filing referrals carry none (intake/keys.py).
REQUIRED = ("cause", "applicant", "respondent")

# The standard sheet, in DESIGN.md §3.3's order and 请求事项 (claim) last: the samples
# (tools/make_samples.py), the benchmark generator and the tests use it.
STANDARD_FIELDS = (
    "case_no",
    "cause",
    "amount",
    "source",
    "referring_court",
    "received_on",
    "location",
    "applicant",
    "applicant_kind",
    "applicant_id",
    "applicant_address",
    "applicant_phone",
    "respondent",
    "respondent_kind",
    "respondent_id",
    "respondent_address",
    "respondent_phone",
    "facts",
    "claim",
)
STANDARD_HEADERS = tuple(ALIASES[name][0] for name in STANDARD_FIELDS)

# The sheet `import --template` writes for clerks: every column the import reads (FIELDS),
# each under its own header (ALIASES' first, which the import reads back), the required
# ones first; then the case's other fields, each role's columns (申请人…, 被申请人…, 第三人…,
# with the 经营场所, 经营者 and 经营者住所 of a 个体工商户), and the long texts (案情简介,
# 请求事项) last.
# Derived, not listed: a column the import learns is in the template too.
PARTY_COLUMNS = tuple(role + suffix for role in PARTY_ROLES for suffix in PARTY_SUFFIXES)
_LAST = ("facts", "claim")
TEMPLATE_FIELDS = tuple(
    dict.fromkeys(
        (
            *REQUIRED,
            *(f for f in FIELDS if f not in PARTY_COLUMNS and f not in _LAST),
            *PARTY_COLUMNS,
            *_LAST,
        )
    )
)
TEMPLATE_HEADERS = tuple(ALIASES[name][0] for name in TEMPLATE_FIELDS)
# Columns Excel must keep as text: an 18-digit ID typed as a number loses its last digits,
# a phone or a division code its leading zeros, a 案号 its brackets' meaning.
TEXT_FIELDS = frozenset(
    f
    for f in TEMPLATE_FIELDS
    if f in ("case_no", "location", "subject_matter_location") or f.endswith(("_id", "_phone"))
)

# A row below the data that is not a case: a totals row (合计/总计/小计 in some cell) or a
# note (one cell only, e.g. 备注：…, 制表人：…). Skipped and counted, never rejected.
TOTAL_WORDS = ("合计", "总计", "小计")
NOTE_WORDS = ("注", "备注", "说明", "制表", "填表", "审核", "打印", "经办", "联系人", "负责人")
REASON_HEADER = "错误原因"  # the column `--errors` adds; ignored when the file comes back
HEADER_SCAN_ROWS = 10

_UNIT = re.compile(r"\((元|万元|人民币)\)$")


def normalise_header(value: object) -> str:
    text = half_width(cell_text(value)).strip("*#").lower()
    return _UNIT.sub("", text)


_LOOKUP = {normalise_header(a): f for f, aliases in ALIASES.items() for a in (f, *aliases)}


@dataclass
class ColumnMap:
    """Field -> column index, and the header as the file wrote it (for messages)."""

    index: dict[str, int]
    headers: dict[str, str]
    header_row: int
    ignored: list[str] = field(default_factory=list)
    # what readers derive from the map once per file (e.g. `rows.read_row`'s plan)
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def label(self, name: str) -> str:
        """The field's header as the file wrote it; for a column the file lacks, the
        standard header (案号, 申请人住所…): a message never names an internal field."""
        written = self.headers.get(name)
        if written is not None:
            return written
        aliases = ALIASES.get(name)
        return aliases[0] if aliases else name


def load_mapping(path: Path) -> dict[str, str]:
    """`--mapping` YAML: `their header: field`, e.g. `当事人: applicant`, the field named by
    its key or by its own header (`当事人: 申请人`, as the import names a missing one)."""
    text = safeyaml.read_text(path)  # unreadable, not UTF-8: located, in the clerk's language
    try:
        root = safeyaml.compose(text)
    except yaml.MarkedYAMLError as exc:
        raise safeyaml.error(exc, str(path)) from exc
    if not isinstance(root, yaml.MappingNode):
        raise ValidationError(
            _("a mapping file maps column headers to fields (header: field)"), where=f"{path}:1"
        )
    mapping: dict[str, str] = {}
    errors = []
    for key, value in root.value:
        target = str(value.value) if isinstance(value, yaml.ScalarNode) else ""
        target = _BY_NAME.get(target, target)  # a field by its header too (案由: cause)
        at = f"{path}:{key.start_mark.line + 1}:{key.start_mark.column + 1}"
        try:
            header = screen_text(str(key.value)) if isinstance(key, yaml.ScalarNode) else None
        except BadValue as exc:
            errors.append(ValidationError(str(exc), where=at))
            continue
        if not header:
            errors.append(ValidationError(_("a column header is text"), where=at))
            continue
        if target not in FIELDS:
            errors.append(
                ValidationError(
                    # the fields by the headers the clerk writes (the mapping takes them
                    # back, `_BY_NAME`), not by the keys the code uses
                    _("'{field}' is not a field (fields: {fields})").format(
                        field=target, fields=_(", ").join(ALIASES[f][0] for f in FIELDS)
                    ),
                    where=f"{path}:{value.start_mark.line + 1}:{value.start_mark.column + 1}",
                )
            )
            continue
        mapping[normalise_header(header)] = target
    if errors:
        raise ValidationErrors(errors)
    return mapping


_CANONICAL = {normalise_header(aliases[0]): f for f, aliases in ALIASES.items()}


def match_headers(cells: list[object], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Field -> column: the first column whose header names the field, except that a
    column `--mapping` names wins, and a column under the field's own header (案号) wins
    over an earlier alias (案件编号) — as in `export cases`, whose 案件编号 is mediate's
    case id, not a court's case number."""
    found: dict[str, int] = {}
    rank: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = normalise_header(cell)
        target = (mapping or {}).get(key) or _LOOKUP.get(key)
        if not target:
            continue
        weight = 2 if mapping and key in mapping else int(_CANONICAL.get(key) == target)
        if target not in found or weight > rank[target]:
            found[target], rank[target] = index, weight
    return found


def build_column_map(
    number: int, cells: list[object], mapping: dict[str, str] | None = None
) -> ColumnMap:
    found = match_headers(cells, mapping)
    headers = {name: cell_text(cells[i]).strip() for name, i in found.items()}
    used = set(found.values())
    ignored = [
        cell_text(c).strip()
        for i, c in enumerate(cells)
        if i not in used and cell_text(c).strip() and normalise_header(c) != REASON_HEADER
    ]
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        wanted = _(", ").join(ALIASES[m][0] for m in missing)
        raise ValidationError(
            _(
                "no column for {fields}; use --mapping to say which column holds it "
                "(a line of the mapping file: the column's header: {field})"
            ).format(fields=wanted, field=ALIASES[missing[0]][0]),
            where=_("row {row}").format(row=number),
        )
    return ColumnMap(index=found, headers=headers, header_row=number, ignored=ignored)


def looks_like_header(cells: list[object], mapping: dict[str, str] | None = None) -> bool:
    return len(match_headers(cells, mapping)) >= 2


def not_a_case(
    cells: list[object], columns: ColumnMap, mapping: dict[str, str] | None = None
) -> str | None:
    """Why a data row is no case at all, or None for a row to read: "total" (a short cell
    starting 合计/总计/小计 and no party named), "note" (a single cell starting 备注, 注,
    制表人…) or "header" (the header repeated, as exports do on each printed page).

    Asked of every row, so the costly normalising is left for the rows where it can
    matter: the total words only when no party is named, the note words only when a
    single cell is filled, the header aliases only when `_RowScreen` cannot rule out
    that three cells hold one."""
    screen = _row_screen(columns, mapping)
    try:  # a row of text (every CSV row, most workbook rows): stripping tells a filled cell
        joined: str | None = screen.sep.join(cells)  # type: ignore[arg-type]
        filled = list(islice(filter(str.strip, cells), 2))  # type: ignore[arg-type]
    except TypeError:
        joined = None
        filled = list(islice(filter(_filled, cells), 2))
    if not filled:
        return None
    if not screen.names_a_party(cells):
        texts = (half_width(cell_text(c)).strip() for c in filter(_filled, cells))
        if any(t.startswith(TOTAL_WORDS) and len(t) <= 12 for t in texts):
            return "total"
    if len(filled) == 1 and half_width(cell_text(filled[0])).strip().startswith(NOTE_WORDS):
        return "note"
    if screen.may_hold_a_header(cells, joined) and len(match_headers(cells, mapping)) >= 3:
        return "header"
    return None


def _filled(cell: object) -> bool:
    """A cell with any text: one whose normalised text (`half_width`, stripped) is not
    empty — NFKC maps no visible character to a space, so stripping the raw text tells."""
    if cell is None:
        return False
    if type(cell) is str:
        return bool(cell.strip())
    return bool(cell_text(cell).strip())


# What no header alias holds: ASCII digits and CJK unified ideographs (U+4E00..U+9FFF).
# Neither is changed by NFKC, combines with a neighbour, is stripped (`*`, `#`) or
# lower-cased, so a cell holding one that no alias (or the unit suffix) holds cannot
# normalise to an alias.
_PROBED = ((0x30, 0x39), (0x4E00, 0x9FFF))


class _RowScreen:
    """What `not_a_case` works out once per file: the columns naming parties, and a test
    ruling out cells that cannot be a header alias (`normalise_header` in `_LOOKUP` or
    the mapping): those holding a digit or an ideograph that no alias holds.

    A row of text (every CSV row, most workbook rows) is tested whole: its cells joined
    by a character the test rules out, so that each cell is a run between two of them,
    and one search counts the runs holding no ruled-out character. A cell holding the
    separator is ruled out itself and can only add runs: the count never falls below
    the number of cells that may be aliases."""

    def __init__(self, columns: ColumnMap, mapping: dict[str, str] | None) -> None:
        self.named_at = tuple(at for name, at in columns.index.items() if name in PARTY_ROLES)
        self._named: Callable[[list[object]], tuple[object, ...]] | None = None
        if len(self.named_at) >= 2:  # one index: itemgetter gives the item, not a tuple
            self._named = itemgetter(*self.named_at)
        self._named_width = max(self.named_at, default=-1) + 1
        keys = set(_LOOKUP) | set(mapping or {})
        allowed = {ord(ch) for key in keys for ch in key} | {ord(ch) for ch in "(元万人民币)"}
        ranges = []
        for low, high in _PROBED:
            start = low
            for code in sorted(c for c in allowed if low <= c <= high):
                if code > start:
                    ranges.append((start, code - 1))
                start = code + 1
            if start <= high:
                ranges.append((start, high))
        self._clean_runs: Callable[[str], list[str]] | None = None
        self.sep = ""
        if ranges and "" not in keys:  # an empty key matches even an empty cell: try all
            body = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
            self.sep = chr(ranges[-1][1])
            sep = re.escape(self.sep)
            self._clean_runs = re.compile(f"{sep}[^{body}]+(?={sep})").findall

    def names_a_party(self, cells: list[object]) -> bool:
        """Whether a party column holds any text."""
        if self._named is not None and len(cells) >= self._named_width:
            try:
                return any(map(str.strip, self._named(cells)))  # type: ignore[arg-type]
            except TypeError:  # a workbook cell that is no text
                pass
        width = len(cells)
        return any(at < width and cell_text(cells[at]).strip() for at in self.named_at)

    def may_hold_a_header(self, cells: list[object], joined: str | None = None) -> bool:
        """Whether three cells could be header aliases (empty ones cannot); `joined`, the
        cells of a row of text joined by `sep`, if the caller has it."""
        if self._clean_runs is None:
            return True
        sep = self.sep
        if joined is None:
            joined = sep.join(map(cell_text, cells))
        return len(self._clean_runs(sep + joined + sep)) >= 3


def _row_screen(columns: ColumnMap, mapping: dict[str, str] | None) -> _RowScreen:
    found = columns.derived.get("row_screen")
    if isinstance(found, tuple) and found[0] is mapping:
        return found[1]  # type: ignore[no-any-return]
    screen = _RowScreen(columns, mapping)
    columns.derived["row_screen"] = (mapping, screen)
    return screen
