"""Deterministic synthetic court-referral data for the benchmarks.

Every value is made up but shaped like the real thing: Chinese names and Jiaozuo addresses,
resident identity numbers with a valid GB 11643 / ISO 7064 MOD 11-2 check digit and a birth
place valid for the birth year, unified social credit codes with valid GB 11714 and
GB 32100 check characters, the cause mix of a basic court, two to four parties per case
(an applicant and a respondent at least), Jiaozuo division codes. Amounts and dates are
written the several ways people write them (DESIGN.md §3.3).

Rows are produced one at a time from one seeded generator, so memory stays flat at any size
and the first N rows of a bigger file are the rows of the smaller one.

    python -m benchmarks.generate --rows 100000 --format csv -o referrals.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import os
import random
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mediate.intake.columns import STANDARD_HEADERS
from mediate.intake.values import (
    ric_check_digit,
)  # the check the import applies; stdnum verifies both in the tests

# Bump when the generated data changes: cached files and databases are keyed by it.
GENERATOR_VERSION = "3"
DEFAULT_SEED = 20261125
OUT_DIR = Path(__file__).resolve().parent / "out"


def out_dir() -> Path:
    """Where generated files and databases are cached: benchmarks/out/ (git-ignored), or
    MEDIATE_BENCH_OUT (the smoke tests point it at a temporary directory)."""
    return Path(os.environ.get("MEDIATE_BENCH_OUT") or OUT_DIR)


HEADERS = STANDARD_HEADERS  # the import's standard sheet (intake/columns.py)


@dataclass(frozen=True)
class County:
    code: str
    name: str
    court: str
    streets: tuple[str, ...]


# The county-level areas of Jiaozuo with some of their streets/townships. 410871 (the
# 城乡一体化示范区) is left out: which court receives its disputes is a local setting.
COUNTIES = (
    County(
        "410802",
        "解放区",
        "焦作市解放区人民法院",
        ("焦南街道", "焦北街道", "七百间街道", "新华街道", "民生街道", "王褚街道", "上白作街道"),
    ),
    County(
        "410803",
        "中站区",
        "焦作市中站区人民法院",
        ("许衡街道", "龙洞街道", "冯封街道", "月山街道", "府城街道"),
    ),
    County(
        "410804",
        "马村区",
        "焦作市马村区人民法院",
        ("马村街道", "待王街道", "冯营街道", "九里山街道", "演马街道"),
    ),
    County(
        "410811",
        "山阳区",
        "焦作市山阳区人民法院",
        ("新城街道", "艺新街道", "百间房街道", "太行街道", "东方红街道", "光亚街道", "定和街道"),
    ),
    County(
        "410821",
        "修武县",
        "修武县人民法院",
        ("城关镇", "七贤镇", "郇封镇", "周庄镇", "云台山镇", "五里源乡"),
    ),
    County(
        "410822",
        "博爱县",
        "博爱县人民法院",
        ("清化镇街道", "柏山镇", "许良镇", "月山镇", "孝敬镇", "金城乡"),
    ),
    County(
        "410823",
        "武陟县",
        "武陟县人民法院",
        ("木城街道", "龙源街道", "龙泉街道", "詹店镇", "西陶镇", "谢旗营镇", "大虹桥乡"),
    ),
    County(
        "410825",
        "温县",
        "温县人民法院",
        ("温泉街道", "岳村街道", "黄庄镇", "赵堡镇", "番田镇", "祥云镇"),
    ),
    County(
        "410882",
        "沁阳市",
        "沁阳市人民法院",
        ("覃怀街道", "怀庆街道", "太行街道", "沁园街道", "紫陵镇", "西向镇"),
    ),
    County(
        "410883",
        "孟州市",
        "孟州市人民法院",
        ("会昌街道", "大定街道", "河雍街道", "河阳街道", "西虢镇", "化工镇"),
    ),
)
# Busier urban districts receive more referrals.
COUNTY_WEIGHTS = (16, 5, 5, 16, 7, 8, 12, 8, 12, 11)

ROADS = (
    "人民路",
    "解放路",
    "民主路",
    "建设路",
    "塔南路",
    "丰收路",
    "山阳路",
    "中原路",
    "焦东路",
    "太行路",
    "迎宾路",
    "和平街",
    "站前路",
    "文昌路",
    "健康路",
    "工业路",
    "沁河路",
    "怀府路",
)
VILLAGE_SUFFIXES = ("村", "社区")

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
    "雷钱汤尹黎易常武乔贺赖龚文牛申焦宁秦原卫"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志鹏飞宇浩然俊凯亮"
    "红梅丹玲燕雪琳晨阳海波斌辉宁欣怡子涵思雨佳琪梓轩振东永胜新民春生秋菊淑兰桂芝"
    "德福文博金山保全书豪晓峰立新卫东红旗"
)
TRADE_NAMES = (
    "鑫源",
    "宏达",
    "华晨",
    "瑞丰",
    "永盛",
    "金泰",
    "恒通",
    "中鼎",
    "润德",
    "兴业",
    "天和",
    "嘉禾",
    "博远",
    "众诚",
    "福源",
    "豫北",
    "太行",
    "怀府",
    "山阳",
    "云台",
    "万方",
    "昌隆",
    "信达",
    "安泰",
)
LINES = (
    ("商贸", "trade"),
    ("建筑工程", "construction"),
    ("物业服务", "property"),
    ("机械制造", "manufacturing"),
    ("汽车销售服务", "trade"),
    ("建材", "trade"),
    ("餐饮管理", "services"),
    ("房地产开发", "real_estate"),
    ("物流", "logistics"),
    ("农业科技", "agriculture"),
    ("化工", "manufacturing"),
    ("电子商务", "ecommerce"),
)
BANKS = (
    "中国工商银行股份有限公司焦作分行",
    "中国农业银行股份有限公司焦作分行",
    "中国银行股份有限公司焦作分行",
    "中国建设银行股份有限公司焦作分行",
    "交通银行股份有限公司焦作分行",
    "中原银行股份有限公司焦作分行",
    "焦作中旅银行股份有限公司",
    "河南焦作农村商业银行股份有限公司",
    "中国邮政储蓄银行股份有限公司焦作市分行",
    "招商银行股份有限公司信用卡中心",
)
INSURERS = (
    "中国人民财产保险股份有限公司焦作市分公司",
    "中国平安财产保险股份有限公司焦作中心支公司",
    "中国太平洋财产保险股份有限公司焦作中心支公司",
)


@dataclass(frozen=True)
class Cause:
    name: str
    weight: int
    low: int  # typical amount range in yuan (log-uniform); 0, 0 = no amount
    high: int
    sides: str  # applicant kind + respondent kind: p person, e enterprise, b bank, i insurer
    facts: str


# The cause mix of a basic court's civil docket (approximate shares, in per mille).
CAUSES = (
    Cause(
        "民间借贷纠纷", 190, 3_000, 800_000, "pp", "被申请人向申请人借款，到期后经多次催要未归还。"
    ),
    Cause(
        "金融借款合同纠纷",
        120,
        20_000,
        3_000_000,
        "bp",
        "被申请人向申请人贷款，逾期未按约还本付息。",
    ),
    Cause(
        "信用卡纠纷",
        100,
        2_000,
        150_000,
        "bp",
        "被申请人使用申请人发放的信用卡透支消费，逾期未还。",
    ),
    Cause(
        "买卖合同纠纷",
        100,
        5_000,
        1_500_000,
        "ee",
        "双方签订买卖合同，申请人依约供货，被申请人拖欠货款。",
    ),
    Cause(
        "物业服务合同纠纷",
        60,
        800,
        20_000,
        "ep",
        "申请人为被申请人所在小区提供物业服务，被申请人欠缴物业费。",
    ),
    Cause(
        "机动车交通事故责任纠纷",
        90,
        5_000,
        600_000,
        "pi",
        "双方发生交通事故，申请人受伤，就赔偿数额协商未果。",
    ),
    Cause(
        "离婚纠纷", 90, 0, 0, "pp", "双方婚后感情不和，分居已满一年，就子女抚养和财产分割发生争议。"
    ),
    Cause(
        "劳动争议",
        30,
        3_000,
        200_000,
        "pe",
        "申请人在被申请人处工作，双方就解除劳动合同的补偿发生争议。",
    ),
    Cause(
        "追索劳动报酬纠纷", 40, 2_000, 120_000, "pe", "申请人为被申请人提供劳动，被申请人拖欠工资。"
    ),
    Cause("房屋租赁合同纠纷", 40, 3_000, 300_000, "pp", "双方签订房屋租赁合同，承租人拖欠租金。"),
    Cause(
        "房屋买卖合同纠纷",
        25,
        50_000,
        2_000_000,
        "pe",
        "申请人向被申请人购买商品房，被申请人逾期交房。",
    ),
    Cause(
        "建设工程施工合同纠纷",
        25,
        50_000,
        5_000_000,
        "ee",
        "申请人承建被申请人的工程，竣工后工程款未结清。",
    ),
    Cause(
        "服务合同纠纷",
        20,
        1_000,
        100_000,
        "pe",
        "申请人接受被申请人的服务，就服务质量和费用发生争议。",
    ),
    Cause("相邻关系纠纷", 20, 0, 0, "pp", "双方系邻居，因排水和通行发生争议。"),
    Cause(
        "生命权、身体权、健康权纠纷",
        20,
        2_000,
        200_000,
        "pp",
        "双方发生口角并致申请人受伤，就赔偿发生争议。",
    ),
    Cause(
        "医疗损害责任纠纷",
        10,
        10_000,
        800_000,
        "pe",
        "申请人在被申请人处就诊，认为诊疗存在过错造成损害。",
    ),
    Cause("赡养纠纷", 10, 0, 0, "pp", "申请人年迈，要求子女履行赡养义务。"),
    Cause(
        "侵害商标权纠纷",
        5,
        10_000,
        500_000,
        "ee",
        "被申请人销售的商品使用了与申请人注册商标近似的标识。",
    ),
    Cause("产品责任纠纷", 5, 1_000, 100_000, "pe", "申请人购买的产品存在缺陷并造成损失。"),
)

SOURCE_WEIGHTS = (("court_entrusted", 80), ("court_delegated", 20))
SOURCE_LABELS = {"court_entrusted": "委托调解", "court_delegated": "委派调解"}
KIND_LABELS = {"person": "自然人", "enterprise": "企业"}
FIRST_RECEIVED = dt.date(2026, 1, 5)
RECEIVED_DAYS = 320  # receipts spread over 2026-01-05 … 2026-11-20

# Resident ID area codes and the birth years each is valid for in the national code table
# (python-stdnum's cn/loc data): a person born before the code existed was registered under
# the city's code.
ID_AREAS = (
    ("410802", 1983),
    ("410803", 1983),
    ("410804", 1983),
    ("410811", 1990),
    ("410821", 1983),
    ("410822", 1983),
    ("410823", 1986),
    ("410825", 1986),
    ("410882", 1989),
    ("410883", 1996),
)

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_code_check(body8: str) -> str:
    """GB 11714 check character of the 9-character organisation code."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character of a unified social credit code."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


@dataclass
class GenParty:
    kind: str  # person | enterprise
    name: str
    id_number: str
    address: str
    phone: str
    industry: str | None = None


@dataclass
class Referral:
    """One generated court referral: a spreadsheet row before formatting."""

    case_no: str
    cause: str
    amount: Decimal | None
    source: str
    court: str
    received_on: dt.date
    location: str
    county: str
    applicants: list[GenParty]
    respondents: list[GenParty]
    facts: str


class Generator:
    """Seeded source of synthetic referrals; `referrals(n)` streams them."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)
        # Formatting draws from its own stream, so `referrals(n)` are exactly the disputes
        # behind `rows(n)`.
        self._format_rng = random.Random(seed ^ 0x5EED)
        self._places = network_places()
        self._causes = CAUSES
        self._cause_cum = _cumulative([c.weight for c in CAUSES])
        self._county_cum = _cumulative(list(COUNTY_WEIGHTS))
        self._source_cum = _cumulative([w for _, w in SOURCE_WEIGHTS])
        self._serial = 0
        self._known: dict[str, GenParty] = {}

    # -- people and bodies ------------------------------------------------------------------
    def person_name(self) -> str:
        rng = self.rng
        given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
        return rng.choice(SURNAMES) + given

    def resident_id(self, sex: str | None = None) -> str:
        rng = self.rng
        birth = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(18_250))  # to 2004
        areas = [code for code, since in ID_AREAS if since <= birth.year] or ["410800"]
        area = rng.choice(areas)
        order = rng.randrange(0, 500) * 2 + (1 if (sex or rng.choice("男女")) == "男" else 0)
        first17 = f"{area}{birth:%Y%m%d}{order:03d}"
        return first17 + ric_check_digit(first17)

    def credit_code(self, area: str) -> str:
        rng = self.rng
        if rng.random() < 0.6:  # codes issued since 2015 start with MA
            body = "MA" + "".join(rng.choice(_ORG_BODY_ALPHABET) for _ in range(6))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        first17 = f"91{area}{body}{org_code_check(body)}"
        return first17 + uscc_check_char(first17)

    def address(self, county: County) -> str:
        rng = self.rng
        street = rng.choice(county.streets)
        if rng.random() < 0.65:
            return f"河南省焦作市{county.name}{street}{rng.choice(ROADS)}{rng.randint(1, 999)}号"
        village = rng.choice(SURNAMES) + rng.choice(("庄", "营", "寨", "屯", "河", "岗"))
        suffix = rng.choice(VILLAGE_SUFFIXES)
        return f"河南省焦作市{county.name}{street}{village}{suffix}{rng.randint(1, 300)}号"

    def mobile(self) -> str:
        rng = self.rng
        return rng.choice(("13", "15", "18", "17", "19")) + f"{rng.randrange(10**9):09d}"

    def person(self, county: County) -> GenParty:
        return GenParty(
            "person", self.person_name(), self.resident_id(), self.address(county), self.mobile()
        )

    def enterprise(self, county: County, name: str | None = None, industry: str = "") -> GenParty:
        rng = self.rng
        if name is None:
            line, industry = rng.choice(LINES)
            name = f"焦作市{rng.choice(TRADE_NAMES)}{line}有限公司"
        phone = f"0391-{rng.randrange(2_000_000, 9_999_999)}"
        return GenParty(
            "enterprise",
            name,
            self.credit_code(county.code),
            self.address(county),
            phone,
            industry or None,
        )

    def known_enterprise(self, name: str, industry: str) -> GenParty:
        """A bank or insurer: the same credit code, address and phone in every case."""
        party = self._known.get(name)
        if party is None:
            own = Generator(zlib.crc32(name.encode()))
            party = own.enterprise(COUNTIES[3], name, industry)
            self._known[name] = party
        return party

    def side(self, code: str, county: County, count: int) -> list[GenParty]:
        if code == "b":
            return [self.known_enterprise(self.rng.choice(BANKS), "finance")]
        if code == "i":
            return [self.known_enterprise(self.rng.choice(INSURERS), "insurance")]
        if code == "e":
            return [self.enterprise(county) for _ in range(count)]
        return [self.person(county) for _ in range(count)]

    # -- a referral -------------------------------------------------------------------------
    def referral(self) -> Referral:
        rng = self.rng
        self._serial += 1
        cause = CAUSES[_pick(rng, self._cause_cum)]
        county = COUNTIES[_pick(rng, self._county_cum)]
        source = SOURCE_WEIGHTS[_pick(rng, self._source_cum)][0]
        extra = 0 if cause.name == "离婚纠纷" else _pick(rng, (70, 90, 100))  # 2–4 parties
        n_applicants = 1 + (1 if extra and rng.random() < 0.3 else 0)
        n_respondents = 1 + extra - (n_applicants - 1)
        applicants = self.side(cause.sides[0], county, n_applicants)
        respondents = self.side(cause.sides[1], county, max(n_respondents, 1))
        amount = None
        if cause.high:
            yuan = cause.low * (cause.high / cause.low) ** rng.random()
            amount = (
                Decimal(round(yuan * 100)) / 100
                if rng.random() < 0.5
                else Decimal(round(yuan / 100) * 100)
            )
        kind = "民初" if source == "court_entrusted" else "民诉前调"
        places = self._places.get(county.code)
        location = rng.choice(places) if places and rng.random() < 0.7 else county.code
        return Referral(
            case_no=f"(2026)豫{county.code[2:]}{kind}{self._serial}号",
            cause=cause.name,
            amount=amount,
            source=source,
            court=county.court,
            received_on=FIRST_RECEIVED + dt.timedelta(days=rng.randrange(RECEIVED_DAYS)),
            location=location,
            county=county.code,
            applicants=applicants,
            respondents=respondents,
            facts=cause.facts,
        )

    def referrals(self, count: int) -> Iterator[Referral]:
        for _ in range(count):
            yield self.referral()

    def rows(self, count: int) -> Iterator[list[str]]:
        """Spreadsheet rows (HEADERS order), amounts and dates in people's formats."""
        for referral in self.referrals(count):
            yield self.format_row(referral)

    def format_row(self, r: Referral) -> list[str]:
        return [
            r.case_no,
            r.cause,
            self.format_amount(r.amount),
            SOURCE_LABELS[r.source],
            r.court,
            self.format_date(r.received_on),
            r.location,
            *_side_cells(r.applicants),
            *_side_cells(r.respondents),
            r.facts,
            "",  # 请求事项: courts' referral sheets mostly leave it blank
        ]

    def format_amount(self, amount: Decimal | None) -> str:
        if amount is None:
            return ""
        roll = self._format_rng.random()
        if roll < 0.15:
            return f"{amount:,.2f}"
        if roll < 0.25 and amount % 100 == 0:
            return f"{(amount / 10_000).normalize():f}万元"
        return f"{amount:.2f}"

    def format_date(self, day: dt.date) -> str:
        roll = self._format_rng.random()
        if roll < 0.1:
            return f"{day.year}/{day.month}/{day.day}"
        if roll < 0.15:
            return f"{day.year}年{day.month}月{day.day}日"
        return day.isoformat()


@functools.cache
def network_places() -> dict[str, tuple[str, ...]]:
    """County code → the township and village codes the bundled network knows.

    Dispute locations are drawn from these so that routing finds the local bodies; without
    the network file every location is a county code.
    """
    from mediate.resources import data_dir

    path = data_dir() / "network.yaml"
    if not path.exists():
        return {}
    import yaml

    divisions = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("divisions") or []
    places: dict[str, list[str]] = {}
    for division in divisions:
        code = str(division.get("code", ""))
        if len(code) in (9, 12):
            places.setdefault(code[:6], []).append(code)
    return {county: tuple(sorted(codes)) for county, codes in places.items()}


def data_key() -> str:
    """Cache key of generated data: the generator version and the network's places."""
    digest = hashlib.sha256(repr(sorted(network_places().items())).encode()).hexdigest()
    return f"v{GENERATOR_VERSION}-{digest[:8]}"


def _side_cells(parties: list[GenParty]) -> list[str]:
    """Name, kind, ID, address, phone cells; several parties separated by 、 in order."""
    return [
        "、".join(p.name for p in parties),
        KIND_LABELS[parties[0].kind],
        "、".join(p.id_number for p in parties),
        "；".join(p.address for p in parties),
        "、".join(p.phone for p in parties),
    ]


def _cumulative(weights: list[int]) -> tuple[int, ...]:
    total, out = 0, []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def _pick(rng: random.Random, cumulative: tuple[int, ...]) -> int:
    target = rng.random() * cumulative[-1]
    for index, edge in enumerate(cumulative):
        if target < edge:
            return index
    return len(cumulative) - 1


# -- files ----------------------------------------------------------------------------------
def write_csv(path: Path, rows: int, seed: int = DEFAULT_SEED, encoding: str = "utf-8-sig") -> Path:
    """A court-referral CSV of `rows` rows, written as it is generated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(Generator(seed).rows(rows))
    tmp.replace(path)
    return path


def write_xlsx(path: Path, rows: int, seed: int = DEFAULT_SEED) -> Path:
    """The same rows as an XLSX workbook (openpyxl write-only mode: memory stays flat)."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("委托调解案件")
    sheet.append(list(HEADERS))
    for row in Generator(seed).rows(rows):
        sheet.append(row)
    workbook.save(tmp)
    tmp.replace(path)
    return path


def referral_file(rows: int, fmt: str = "csv", seed: int = DEFAULT_SEED) -> Path:
    """A cached referral file under benchmarks/out/, keyed by size, seed and version."""
    path = out_dir() / f"referrals-{data_key()}-s{seed}-{rows}.{fmt}"
    if not path.exists():
        (write_xlsx if fmt == "xlsx" else write_csv)(path, rows, seed)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--rows", type=int, default=1000, help="number of referral rows")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--encoding", default="utf-8-sig", help="CSV encoding, e.g. gb18030")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.format == "xlsx":
        write_xlsx(args.output, args.rows, args.seed)
    else:
        write_csv(args.output, args.rows, args.seed, args.encoding)
    print(f"{args.rows} rows → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
