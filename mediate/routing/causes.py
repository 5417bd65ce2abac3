"""The 案由 taxonomy (民事案件案由规定) as a pure, versioned tree.

`Taxonomy.groups(name)` gives a cause and every group above it — what the rules'
`cause_group` matcher tests. A cause the taxonomy does not know is placed by keyword
(`Taxonomy.infer`): the known causes whose core name (without 纠纷) appears in it lend
their groups, and routing warns that it guessed.

Two revisions are bundled: 2020 (decided 2020-12-14, in force 2021-01-01) and 2025
(法〔2025〕226号/227号, in force 2026-01-01, official serial numbers as codes). `Taxonomies`
joins them for routing: a cause of either revision is known, and its groups include the
groups of its counterparts in the other revision (`Correspondence`, from
data/causes-2020-2025.yaml), so rules written with 2020 group names route 2025 causes and
the other way round. `Taxonomies.revision_on(day)` says which revision classifies a
dispute received that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mediate.domain.confirmation import debt_cause_of_wages
from mediate.domain.special import SPECIAL_PROCEDURE_GROUPS
from mediate.errors import ValidationError
from mediate.i18n import _


@dataclass(frozen=True)
class Cause:
    code: str  # positional, e.g. "4.10.30.1"
    name: str
    level: int  # 1 = part (部分) … 4
    parent_code: str | None


_SUFFIX = re.compile(r"(纠纷|案件|诉讼|之诉)$")


def core_name(name: str) -> str:
    return _SUFFIX.sub("", name)


CAUSE_VARIANTS: dict[str, str] = {
    # Names clerks type and court systems export that are no official 案由 and whose words
    # name no cause, or the wrong one, when read by keyword (the audit of 2026-12 found
    # each one routed astray). Each maps to the official name of the same cause, as the
    # 2025 list (法〔2025〕227号, data/causes-2025.yaml) and, where it has it, the 2020 list
    # write it; `test_every_cause_variant_names_an_official_cause` holds them to that.
    "网络购物合同纠纷": "信息网络买卖合同纠纷",  # 88(8); "网络购物" names no cause
    "网购合同纠纷": "信息网络买卖合同纠纷",
    "确认婚姻无效纠纷": "婚姻无效纠纷",  # read by keyword as 婚姻 in general
    "确认婚姻效力纠纷": "婚姻无效纠纷",
    # A traffic accident whose vehicle kind is not written (交通事故, 车祸, 交通事故纠纷, and
    # the older 道路交通事故人身/财产损害赔偿纠纷) names no cause: 机动车 and 非机动车 (an
    # e-bike is a 非机动车: 道路交通安全法 art. 119, read in LawRefBook at 2f4c5c2) are two
    # causes, and a paper must not name the wrong one. Routing reads the words
    # (rules/jiaozuo.yaml, traffic_words); papers keep them as written.
    "机动车交通事故纠纷": "机动车交通事故责任纠纷",
    "非机动车交通事故纠纷": "非机动车交通事故责任纠纷",
    "物业纠纷": "物业服务合同纠纷",
    "物业费纠纷": "物业服务合同纠纷",
    "医疗纠纷": "医疗损害责任纠纷",
    "医患纠纷": "医疗损害责任纠纷",
    "彩礼纠纷": "婚约财产纠纷",
    "返还彩礼纠纷": "婚约财产纠纷",
    # not 邻里纠纷: a quarrel between neighbours is not always about 相邻关系 (民法典 arts. 288-296)
    "宅基地纠纷": "宅基地使用权纠纷",
    "人身损害赔偿纠纷": "生命权、身体权、健康权纠纷",
    "信用卡透支纠纷": "信用卡纠纷",
    "银行借款合同纠纷": "金融借款合同纠纷",
    "商标侵权纠纷": "侵害商标权纠纷",
    # The second audit (2026-12-02): what a clerk writes on a referral sheet for the
    # everyday causes, and older names that sheets still carry (attributed to the 2008
    # revision, 法发〔2008〕11号; that list is not in LawRefBook/Laws and was not checked —
    # what is checked is that each target is a 2025 cause). Court records in public
    # repositories use 道路交通事故人身损害赔偿纠纷 and 医疗事故损害赔偿纠纷 as causes. A name
    # written without 纠纷 (借钱不还, 欠薪, 物业费, 离婚) is looked up with it too
    # (`official_spelling`), so each is listed once.
    "借钱不还纠纷": "民间借贷纠纷",
    "欠钱不还纠纷": "民间借贷纠纷",
    "借贷纠纷": "民间借贷纠纷",
    "欠货款纠纷": "买卖合同纠纷",  # seed item 18 "拖欠货款": the price of goods sold
    "拖欠货款纠纷": "买卖合同纠纷",
    "货款纠纷": "买卖合同纠纷",
    "拖欠工程款纠纷": "建设工程施工合同纠纷",
    "欠工程款纠纷": "建设工程施工合同纠纷",
    "工程款纠纷": "建设工程施工合同纠纷",
    "社保纠纷": "社会保险纠纷",
    "信用卡欠款纠纷": "信用卡纠纷",
    "小额贷款纠纷": "小额借款合同纠纷",
    "房租纠纷": "房屋租赁合同纠纷",
    "土地承包纠纷": "土地承包经营权纠纷",
    "医疗事故纠纷": "医疗损害责任纠纷",
    "医疗事故损害赔偿纠纷": "医疗损害责任纠纷",  # older name
    "医疗损害赔偿纠纷": "医疗损害责任纠纷",  # older name
    "著作权侵权纠纷": "著作权权属、侵权纠纷",
}

# Variants whose official cause depends on the parties: wages (工资, 欠薪, 农民工工资) are
# 劳动报酬 only from an employer (用人单位: 劳动争议调解仲裁法 art. 2, 劳动法 art. 2, 保障农民工
# 工资支付条例 art. 2, read in LawRefBook/Laws at 2f4c5c2); between two persons they are a
# 劳务 debt. Routing reads them by the words and the parties (rules/jiaozuo.yaml, labour);
# a paper names the official cause only when a respondent is an organisation
# (official_cause), else the words as written.
EMPLOYER_VARIANTS: dict[str, str] = {
    "工资纠纷": "追索劳动报酬纠纷",
    "拖欠工资纠纷": "追索劳动报酬纠纷",
    "欠薪纠纷": "追索劳动报酬纠纷",
    "农民工工资纠纷": "追索劳动报酬纠纷",  # 保障农民工工资支付条例 art. 2: wages of a 农民工
    "拖欠农民工工资纠纷": "追索劳动报酬纠纷",
    # The employer's duty (工伤保险条例 ch. 5; not 工伤认定), so only a worker against an
    # employer: between two persons an injury at work is 提供劳务者受害责任纠纷 (民法典 art.
    # 1192 "个人之间形成劳务关系") or a helper's (劳动争议解释（一） art. 2(4)-(6): no labour
    # dispute), which the words do not tell apart — kept as written (the fifth review).
    "工伤赔偿纠纷": "工伤保险待遇纠纷",
    "工伤待遇纠纷": "工伤保险待遇纠纷",
}

# 车贷 and 房贷 are 金融借款 only from a financial institution (民间借贷规定 (2020) art. 1,
# read in LawRefBook at 2f4c5c2): a party named like one (FINANCIAL_NAME_WORDS, the words of
# rules/jiaozuo.yaml's financial-party) or in the finance industry. Between persons the
# words stay as written.
LENDER_VARIANTS: dict[str, str] = {
    "车贷纠纷": "金融借款合同纠纷",  # a bank's or an auto-finance company's loan
    "房贷纠纷": "金融借款合同纠纷",
}
# Words that name a cause only up to a choice they do not make: a traffic accident whose
# vehicle kind is not written is 机动车交通事故责任纠纷 or 非机动车交通事故责任纠纷 (道路交通安全法
# art. 119, see CAUSE_VARIANTS), both under 侵权责任纠纷 in the 2020 and the 2025 revision.
# Papers keep the words (no official cause); the causes report, which counts by part
# (第一级案由), counts them under the part every candidate shares (`Taxonomy.candidates`).
_TRAFFIC = ("机动车交通事故责任纠纷", "非机动车交通事故责任纠纷")
UNDECIDED_VARIANTS: dict[str, tuple[str, ...]] = {
    "交通事故纠纷": _TRAFFIC,
    "交通事故责任纠纷": _TRAFFIC,
    "车祸纠纷": _TRAFFIC,
    "道路交通事故纠纷": _TRAFFIC,
    "道路交通事故人身损害赔偿纠纷": _TRAFFIC,  # older name (see CAUSE_VARIANTS)
    "道路交通事故财产损害赔偿纠纷": _TRAFFIC,
    "道路交通事故损害赔偿纠纷": _TRAFFIC,
    "交通事故损害赔偿纠纷": _TRAFFIC,
}
FINANCIAL_NAME_WORDS = (
    "银行",
    "信用社",
    "信用合作",
    "小额贷款",
    # 河南某某网络小贷有限公司: a 小额贷款公司 written short (rules/jiaozuo.yaml financial-party)
    "小贷",
    "消费金融",
    "汽车金融",
    "金融租赁",
    "融资租赁",
    "保险",
    "信托",
    "典当",
    "金融",
)


def financial_party(name: str, industry: str | None = None) -> bool:
    """A party that is a financial institution, by its industry or its name."""
    return industry == "finance" or any(word in name for word in FINANCIAL_NAME_WORDS)


def official_spelling(name: str) -> list[str]:
    """The ways a clerk's name may be the official one or a variant, most literal first:
    as written, with 纠纷 added (离婚 -> 离婚纠纷), 争议 read as 纠纷, and 合同 put back
    (网络购物纠纷 -> 网络购物合同纠纷, 借款纠纷 -> 借款合同纠纷); then the same without a
    remark in brackets at the end (离婚纠纷（诉前调解） -> 离婚纠纷)."""
    spellings: list[str] = []
    text = name.strip()
    # A remark a sheet adds after the cause (民间借贷纠纷（诉前）, 离婚纠纷(诉前调解)) is no part
    # of it; official names keep their brackets inside (企业名称（商号）合同纠纷), never last.
    bare = _REMARK.sub("", text).strip()
    for written in dict.fromkeys(w for w in (text, bare) if w):
        spellings.append(written)
        core = core_name(re.sub(r"争议$", "纠纷", written))
        if not core:
            continue
        spellings.append(f"{core}纠纷")
        if "合同" not in core:
            spellings.append(f"{core}合同纠纷")
    return list(dict.fromkeys(spellings))


_REMARK = re.compile(r"[（(][^（）()]*[）)]$")


# A suit for the damage an application did (因申请…损害责任纠纷, 2011 and 2025), not the
# application: see `Taxonomy.infer`.
_DAMAGE_SUITS = ("损害责任纠纷", "赔偿纠纷")


class Taxonomy:
    def __init__(
        self,
        version: str,
        causes: Iterable[Cause],
        title: str | None = None,
        effective: dt.date | None = None,
    ) -> None:
        self.version = version
        self.title = title
        self.effective = effective  # the day this revision came into force
        self.causes: dict[str, Cause] = {c.code: c for c in causes}
        self._by_name: dict[str, Cause] = {}
        for c in self.causes.values():
            known = self._by_name.get(c.name)
            if known is None or c.level > known.level:  # the most specific node wins
                self._by_name[c.name] = c
        self._groups: dict[str, frozenset[str]] = {}
        self._keywords = sorted(
            ((core_name(c.name), c) for c in self.causes.values() if len(core_name(c.name)) >= 2),
            key=lambda kc: (-len(kc[0]), -kc[1].level),
        )

    def __len__(self) -> int:
        return len(self.causes)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def find(self, name: str) -> Cause | None:
        return self._by_name.get(name.strip())

    def by_code(self, code: str) -> Cause | None:
        return self.causes.get(code)

    def lineage(self, cause: Cause) -> list[Cause]:
        """The cause and its ancestors, nearest first."""
        chain = [cause]
        while chain[-1].parent_code is not None:
            parent = self.causes.get(chain[-1].parent_code)
            if parent is None:
                break
            chain.append(parent)
        return chain

    def children(self, cause: Cause | None) -> list[Cause]:
        code = cause.code if cause else None
        return [c for c in self.causes.values() if c.parent_code == code]

    def groups(self, name: str) -> frozenset[str] | None:
        """The names of the cause and all its ancestors; None if the cause is unknown."""
        cached = self._groups.get(name)
        if cached is not None:
            return cached
        cause = self.find(name)
        if cause is None:
            return None
        result = frozenset(c.name for c in self.lineage(cause))
        self._groups[name] = result
        return result

    def official(self, name: str, employer: bool = False, lender: bool = False) -> Cause | None:
        """The official cause a name not in the taxonomy means: a variant (CAUSE_VARIANTS;
        EMPLOYER_VARIANTS only when `employer`, a worker against an employer) or an
        official name written without 纠纷 or 合同 (`official_spelling`); LENDER_VARIANTS
        only when `lender`, a financial institution among the parties."""
        variants = dict(CAUSE_VARIANTS)
        if employer:
            variants.update(EMPLOYER_VARIANTS)
        if lender:
            variants.update(LENDER_VARIANTS)
        for spelling in official_spelling(name):
            cause = self.find(variants.get(spelling, spelling))
            if cause is not None:
                return cause
        return None

    def candidates(self, name: str) -> list[Cause]:
        """The official causes words may mean when they name no one cause (交通事故: the
        vehicle kind decides; UNDECIDED_VARIANTS), else none."""
        for spelling in official_spelling(name):
            names = UNDECIDED_VARIANTS.get(spelling)
            if names is not None:
                return [c for c in map(self.find, names) if c is not None]
        return []

    def infer(self, name: str) -> tuple[frozenset[str], list[Cause]]:
        """Groups for an unknown cause: the official cause it means (a variant in
        CAUSE_VARIANTS, or an official name written short: `official`), else the known
        causes named inside it.

        A suit for damage (a text ending in 损害责任纠纷 or 赔偿纠纷) borrows no group of the
        non-contentious part from an application named inside it: 因申请诉前财产保全损害责任
        纠纷, the 2011 name of a tort cause, is a suit for the damage a preservation did, not
        申请诉前财产保全. Any other text keeps them, 纠纷 or not: clerks and court exports
        write 申请撤销监护人资格纠纷 for the application, which is not mediable (民诉法解释
        art. 143)."""
        official = self.official(name)
        if official is not None:
            return frozenset({name, *(self.groups(official.name) or ())}), [official]
        dispute = name.strip().endswith(_DAMAGE_SUITS)
        hits: list[Cause] = []
        covered: list[str] = []
        for keyword, cause in self._keywords:
            if keyword not in name or any(keyword in longer for longer in covered):
                continue
            if dispute and self.lineage(cause)[-1].name in SPECIAL_PROCEDURE_GROUPS:
                continue
            hits.append(cause)
            covered.append(keyword)
        names: set[str] = {name}
        for cause in hits:
            names.update(c.name for c in self.lineage(cause))
        return frozenset(names), hits

    def search(self, text: str, limit: int = 50) -> list[Cause]:
        """Causes whose name contains `text` (or all of its characters in order)."""
        text = text.strip()
        exact = [c for c in self.causes.values() if text in c.name]
        if exact:
            return exact[:limit]
        pattern = re.compile(".*".join(re.escape(ch) for ch in text))
        return [c for c in self.causes.values() if pattern.search(c.name)][:limit]

    def walk(self) -> Iterator[Cause]:
        yield from self.causes.values()


def parse_taxonomy(data: Any, source: str, version: str | None = None) -> Taxonomy:
    """A taxonomy from the nested YAML form of `data/causes-2020.yaml`, or a flat list of
    {code, name, level, parent_code} records."""
    if not isinstance(data, dict) or "causes" not in data:
        raise ValidationError(_("a taxonomy file is a mapping with 'causes'"), source)
    label = str(version or data.get("version") or "")
    if not label:
        raise ValidationError(_("the taxonomy has no version; give one"), source)
    causes: list[Cause] = []
    tree = data["causes"]
    if isinstance(tree, list) and tree and isinstance(tree[0], dict) and "code" in tree[0]:
        for index, item in enumerate(tree):
            try:
                causes.append(
                    Cause(
                        code=str(item["code"]),
                        name=str(item["name"]).strip(),
                        level=int(item.get("level") or str(item["code"]).count(".") + 1),
                        parent_code=(str(item["parent_code"]) if item.get("parent_code") else None),
                    )
                )
            except (KeyError, TypeError, ValueError):
                raise ValidationError(
                    _("causes[{index}]: needs code and name").format(index=index), source
                ) from None
    else:
        _walk_nested(tree, None, 1, causes, source)
    effective = data.get("effective")
    if effective is not None and not isinstance(effective, dt.date):
        try:
            effective = dt.date.fromisoformat(str(effective))
        except ValueError:
            raise ValidationError(
                _("'effective' must be a date (YYYY-MM-DD), not {value!r}").format(value=effective),
                source,
            ) from None
    return Taxonomy(label, causes, data.get("title"), effective)


def _walk_nested(node: Any, parent: str | None, level: int, out: list[Cause], source: str) -> None:
    items: list[tuple[str, Any]]
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = []
        for item in node:
            if isinstance(item, dict) and len(item) == 1:
                items.extend(item.items())
            elif isinstance(item, str):
                items.append((item, None))
            else:
                raise ValidationError(
                    _("unexpected entry {entry!r} under {parent}").format(
                        entry=item, parent=parent or "causes"
                    ),
                    source,
                )
    elif node is None:
        return
    else:
        raise ValidationError(_("unexpected entry {entry!r}").format(entry=node), source)
    for position, (name, children) in enumerate(items, start=1):
        code = f"{parent}.{position}" if parent else str(position)
        out.append(Cause(code, str(name).strip(), level, parent))
        _walk_nested(children, code, level + 1, out, source)


def load_taxonomy_file(path: Path, version: str | None = None) -> Taxonomy:
    import yaml

    from mediate import safeyaml

    try:
        data = safeyaml.load_file(path)
    except yaml.YAMLError as exc:
        raise safeyaml.error(exc, str(path)) from None
    return parse_taxonomy(data, str(path), version)


@dataclass(frozen=True)
class Correspondence:
    """Which names of one revision became which names of another.

    Names both revisions share correspond to themselves and are not listed. `pairs` maps an
    old name to its new name(s); `unmapped_old` and `new_only` are what no source or name
    comparison could pair (listed in the data, never guessed).
    """

    old: str
    new: str
    pairs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unmapped_old: tuple[str, ...] = ()
    new_only: tuple[str, ...] = ()

    def counterparts(self, name: str) -> frozenset[str]:
        """The names in the other revision that correspond to `name` (either direction)."""
        found = set(self.pairs.get(name, ()))
        found.update(old for old, news in self.pairs.items() if name in news)
        return frozenset(found)


def parse_correspondence(data: Any, source: str) -> Correspondence:
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise ValidationError(_("a correspondence file is a mapping with 'pairs'"), source)
    pairs: dict[str, tuple[str, ...]] = {}
    for index, item in enumerate(data["pairs"]):
        if not isinstance(item, dict) or "old" not in item or not item.get("new"):
            raise ValidationError(
                _("pairs[{index}]: needs 'old' and 'new'").format(index=index), source
            )
        new = item["new"] if isinstance(item["new"], list) else [item["new"]]
        pairs[str(item["old"])] = tuple(str(n) for n in new)
    return Correspondence(
        str(data.get("from", "")),
        str(data.get("to", "")),
        pairs,
        tuple(str(n) for n in data.get("unmapped_2020") or ()),
        tuple(str(n) for n in data.get("new_2025") or ()),
    )


class Taxonomies(Taxonomy):
    """Several revisions as one taxonomy, for routing and for checking rules.

    A name of any revision is known; `groups(name)` is the union of its groups in every
    revision that has it and of the groups of its counterparts (the correspondences), so
    a 2025 labour cause is under 劳动争议、人事争议 (2020's name of the part) as well as
    under 劳动争议、人事争议、新就业形态用工纠纷 (2025's).
    """

    def __init__(
        self,
        revisions: Sequence[Taxonomy],
        correspondences: Sequence[Correspondence] = (),
        effective: Mapping[str, dt.date] | None = None,
    ) -> None:
        self.revisions: dict[str, Taxonomy] = {t.version: t for t in revisions}
        self.correspondences = tuple(correspondences)
        self.overrides: dict[str, dt.date] = dict(effective or {})
        self.starts: dict[str, dt.date | None] = {
            t.version: (effective or {}).get(t.version, t.effective) for t in revisions
        }
        joined = [
            Cause(
                f"{t.version}:{c.code}",
                c.name,
                c.level,
                f"{t.version}:{c.parent_code}" if c.parent_code else None,
            )
            for t in revisions
            for c in t.walk()
        ]
        super().__init__("+".join(self.revisions), joined)
        self._ordered = sorted(
            ((self.starts[v] or dt.date.min, t) for v, t in self.revisions.items()),
            key=lambda st: st[0],
        )
        self._parts: frozenset[str] | None = None

    def revision_on(self, day: dt.date | None) -> Taxonomy:
        """The revision in force on `day` (the newest one when `day` is None)."""
        if day is None:
            return self._ordered[-1][1]
        current = self._ordered[0][1]
        for start, taxonomy in self._ordered:
            if start <= day:
                current = taxonomy
        return current

    def groups(self, name: str) -> frozenset[str] | None:
        cached = self._groups.get(name)
        if cached is not None:
            return cached
        own: set[str] = set()
        for taxonomy in self.revisions.values():
            own.update(taxonomy.groups(name) or ())
        if not own:
            return None
        result = set(own)
        for group in own:
            for other in self._counterparts(group):
                result.add(other)
                for taxonomy in self.revisions.values():
                    result.update(taxonomy.groups(other) or ())
        frozen = frozenset(result)
        self._groups[name] = frozen
        return frozen

    def _counterparts(self, name: str) -> frozenset[str]:
        found: set[str] = set()
        for correspondence in self.correspondences:
            found.update(correspondence.counterparts(name))
        return frozenset(found)

    def counterparts(self, name: str) -> frozenset[str]:
        """The names corresponding to `name` in the other revisions (besides itself)."""
        return self._counterparts(name)

    def report_part(self, part: str) -> str:
        """The newest revision's name for a part (第一级案由) of any revision: the one set
        of groups reports use across the 2025-12-31/2026-01-01 boundary
        (劳动争议、人事争议 -> 劳动争议、人事争议、新就业形态用工纠纷)."""
        newest = self._ordered[-1][1]
        if self._parts is None:
            self._parts = frozenset(c.name for c in newest.walk() if c.level == 1)
        if part in self._parts:
            return part
        return next((n for n in sorted(self._counterparts(part)) if n in self._parts), part)


BUNDLED_REVISIONS = ("2020", "2025")


@lru_cache(maxsize=4)
def bundled_revision(version: str) -> Taxonomy:
    """One bundled revision, "2020" or "2025"."""
    from mediate.resources import data_dir

    if version not in BUNDLED_REVISIONS:
        raise ValidationError(
            _("No bundled 案由 revision {version!r} (bundled: {known}).").format(
                version=version, known=_(", ").join(BUNDLED_REVISIONS)
            )
        )
    return load_taxonomy_file(data_dir() / f"causes-{version}.yaml")


@lru_cache(maxsize=1)
def bundled_correspondence() -> Correspondence:
    from mediate import safeyaml
    from mediate.resources import data_dir

    path = data_dir() / "causes-2020-2025.yaml"
    return parse_correspondence(safeyaml.load_file(path), str(path))


@lru_cache(maxsize=8)
def bundled_taxonomy(switch_2025: dt.date | None = None) -> Taxonomies:
    """Both bundled revisions joined, for routing. `switch_2025` moves the day from which
    disputes are classified under 2025 (a deployment setting; default 2026-01-01)."""
    effective = {"2025": switch_2025} if switch_2025 else None
    return Taxonomies(
        [bundled_revision(v) for v in BUNDLED_REVISIONS], [bundled_correspondence()], effective
    )


# A worker's wages claimed under a cause that names only a debt (欠款纠纷 with 支付拖欠工资):
# route labour takes it (劳动争议调解仲裁法 art. 2(5) "因劳动报酬…发生的争议", read in
# LawRefBook/Laws at 2f4c5c2; rules/jiaozuo.yaml wage_claim), so the papers name the labour
# cause of a wage claim (民事案件案由规定, 2020 and 2025: 追索劳动报酬纠纷), not the debt words.
WAGE_CLAIM_CAUSE = "追索劳动报酬纠纷"


def official_cause(
    written: str,
    employer: bool = False,
    lender: bool = False,
    taxonomy: Taxonomy | None = None,
    received_on: dt.date | None = None,
    *,
    wage_claim: bool = False,
) -> str:
    """The 案由 a case is registered, routed, reported and papered under: the name the
    revision in force on `received_on` gives the cause the clerk wrote (the newest revision
    without a day; one revision when `taxonomy` is not joined), else the words as written.

    A court dockets a case under its official 案由 (民事案件案由规定: the 2020 revision, in
    force 2021-01-01, and 法〔2025〕227号 from 2026-01-01 or the deployment's cut-over,
    `causes_2025_from`), and the application names the dispute the court confirms; the
    second audit (2026-12-02) found
    "因借钱不还" in an application. So: a name of the revision in force stays; words naming an
    official cause become it (借钱不还 -> 民间借贷纠纷, 欠薪 -> 追索劳动报酬纠纷, 离婚 -> 离婚纠纷:
    `Taxonomy.official`); a name of the other revision becomes its counterpart in the one in
    force when there is exactly one (data/causes-2020-2025.yaml: 有奖销售纠纷 received in 2026
    -> 不正当有奖销售纠纷), else stays (routing tells the clerk to write the current name).
    Wage words (欠薪, 农民工工资) name 追索劳动报酬纠纷 only when `employer`: the parties are a
    worker against an employer (劳动争议调解仲裁法 art. 2; domain.parties.labour_parties);
    车贷, 房贷 name 金融借款合同纠纷 only when `lender` (a financial institution among the
    parties: 民间借贷规定 art. 1). A debt's words (欠款纠纷) with a claim for wages
    (`wage_claim`: domain.confirmation.is_wage_claim of the case's claim, or the causes
    report's SQL flag) by a worker against an employer name 追索劳动报酬纠纷
    (WAGE_CLAIM_CAUSE), as route labour and the arbitration advice read them
    (domain.confirmation.wage_claim_against_employer).
    `taxonomy` is the deployment's (stored revisions and cut-over:
    services/routing.case_taxonomy); without it, the bundled revisions with the default
    cut-over."""
    text = written.strip()
    if not text:
        return written
    joined = taxonomy if taxonomy is not None else bundled_taxonomy()
    current = joined.revision_on(received_on) if isinstance(joined, Taxonomies) else joined
    if text in current:
        return text
    if debt_cause_of_wages(text, wage_claim, employer):
        # a cause no part of the taxonomy takes (route labour: `not: {set: official-cause}`)
        wages = current.find(WAGE_CLAIM_CAUSE)
        if wages is not None and not current.infer(text)[0] - {text}:
            return wages.name
    found = current.official(text, employer, lender)
    if found is not None:
        return found.name
    if not isinstance(joined, Taxonomies):
        return text
    other = joined.find(text) or joined.official(text, employer, lender)
    if other is None:
        return text
    there = sorted(n for n in joined.counterparts(other.name) if n in current)
    return there[0] if len(there) == 1 else other.name


def written_cause(
    written: str,
    employer: bool,
    lender: bool,
    taxonomy: Taxonomy | None = None,
    received_on: dt.date | None = None,
    *,
    wage_claim: bool = False,
) -> tuple[str | None, str | None]:
    """How intake reads a cause no revision has by that name: (the official cause it is
    registered and routed as, None) when the words name one with these parties and
    `wage_claim` (`official_cause`); (the official cause, "employer" or "lender") when they
    name one only with a party the case lacks (欠薪 with no organisation respondent); (None,
    None) else."""
    text = written.strip()
    if not text or (taxonomy if taxonomy is not None else bundled_taxonomy()).find(text):
        return None, None
    official = official_cause(text, employer, lender, taxonomy, received_on, wage_claim=wage_claim)
    if official != text:
        return official, None
    # the first party condition the words need, with the parties the case has otherwise
    for needs, (with_employer, with_lender) in (
        ("employer", (True, lender)),
        ("lender", (employer, True)),
    ):
        official = official_cause(text, with_employer, with_lender, taxonomy, received_on)
        if official != text:
            return official, needs
    return None, None
