"""Write the intake samples in `data/samples/` (reproducible; the outputs are committed).

    python tools/make_samples.py

- `disputes/*.yaml`: one dispute per kind of body (DESIGN.md §3.1), for `case add --file`;
- `referrals-jiefang-gbk.csv`: a court's referral batch as a GBK CSV (as Excel in a Chinese
  locale saves it), with two faulty rows;
- `referrals-shanyang.xlsx`: another court's batch as XLSX, with a title row, dates as real
  Excel dates and one faulty row;
- `court-export-zhongzhan.xlsx`: a court system's export as it really comes — two title
  rows, a 序号 column, 原告/被告 headers, real dates, pre-filing (委派) rows without a 案号
  (courts stopped numbering them on 2025-01-01), one 委托 row with its 民初 number, a
  合计 row and a 备注 line at the bottom. Every case imports; nothing is rejected.
- `messy-referrals.csv`: what arrives in practice — lines in UTF-8 and GBK glued together,
  full-width digits, stray spaces, empty rows, amounts and dates in every usual form,
  several parties per cell, a repeated row and faults of every kind. The tests assert
  exactly what importing it does (tests/integration/test_import_service.py).

Identity numbers and credit codes are invented, with valid check characters.
"""

# ruff: noqa: E501  (rows of sample data read better on one line)
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mediate.intake.values import uscc_check_char  # noqa: E402

OUT = ROOT / "data" / "samples"

from mediate.intake.columns import STANDARD_HEADERS  # noqa: E402

HEADERS = list(STANDARD_HEADERS)


def rid(first17: str) -> str:
    """A resident ID with its ISO 7064 MOD 11-2 check digit."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    check = (12 - total % 11) % 11
    return first17 + ("X" if check == 10 else str(check))


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


BANK = ("中国工商银行股份有限公司焦作分行", uscc("91410800MA44BANK0"))
SHOP = ("焦作市恒通商贸有限公司", uscc("91410802MA45HTM10"))
TECH = ("焦作市云启科技有限公司", uscc("91410811MA46YQK20"))
BUILD = ("河南焦建建材有限公司", uscc("91410821MA47JJC30"))
PEOPLE = {
    "张伟": rid("41080219850312101"),
    "王芳": rid("41081119780605202"),
    "李强": rid("41082119920115303"),
    "刘洋": rid("41082219700720404"),
    "陈静": rid("41082319881111505"),
    "杨磊": rid("41088219950228606"),
    "赵敏": rid("41088319660909707"),
    "黄勇": rid("41080319900101808"),
    "周杰": rid("41080419821203909"),
    "吴霞": rid("41082519790417011"),
}


def person(name: str, role: str, **extra: str) -> dict[str, str]:
    return {"role": role, "kind": "person", "name": name, "id_number": PEOPLE[name], **extra}


# ---------------------------------------------------------------- dispute files

DISPUTES = {
    "finance": {
        "cause": "金融借款合同纠纷",
        "amount": "186500.00",
        "source": "court_delegated",  # 委派 before filing: no 案号 since 2025 (DOMAIN.md §3)
        "referring_court": "焦作市解放区人民法院",
        "received_on": "2026-11-02",
        "location": "410802009",
        "facts": "被申请人于2024年向申请人借款20万元，约定分期归还，尚欠本金186500元未还。",
        "parties": [
            {
                "role": "applicant",
                "kind": "enterprise",
                "name": BANK[0],
                "id_number": BANK[1],
                "industry": "finance",
                "legal_rep": "孙建国",
                "legal_rep_title": "行长",
                "address": "焦作市解放区民主南路88号",
            },
            person(
                "张伟", "respondent", phone="13803910001", address="焦作市解放区王褚街道王褚村3组"
            ),
        ],
    },
    "credit": {
        "cause": "买卖合同纠纷",
        "amount": "48200",
        "source": "self_accepted",
        "received_on": "2026-11-05",
        "location": "410811",
        "tags": ["debt_evasion"],
        "facts": "申请人向被申请人供应建材，被申请人收货后拖欠货款48200元，多次催要未果。",
        "parties": [
            {
                "role": "applicant",
                "kind": "enterprise",
                "name": BUILD[0],
                "id_number": BUILD[1],
                "legal_rep": "郭志刚",
                "legal_rep_title": "总经理",
                "address": "修武县城关镇建设路6号",
                "email": "jjc@example.cn",
            },
            {
                "role": "respondent",
                "kind": "enterprise",
                "name": SHOP[0],
                "id_number": SHOP[1],
                "legal_rep": "马红",
                "address": "焦作市解放区塔南路120号",
                "backup_address": "焦作市山阳区人民路200号",
            },
        ],
    },
    "ip": {
        "cause": "侵害商标权纠纷",
        "amount": "30000",
        "source": "self_accepted",
        "received_on": "2026-11-06",
        "location": "410811",
        "facts": "被申请人在网店销售的商品上使用与申请人注册商标近似的标识。",
        "parties": [
            {
                "role": "applicant",
                "kind": "enterprise",
                "name": TECH[0],
                "id_number": TECH[1],
                "legal_rep": "冯晓",
                "address": "焦作市山阳区世纪路2001号河南理工大电商园",
            },
            person("李强", "respondent", phone="13903910002", address="修武县七贤镇"),
        ],
    },
    "neighbour": {
        "cause": "相邻关系纠纷",
        "source": "self_accepted",
        "received_on": "2026-11-09",
        "location": "410802009901",
        "facts": "双方为前后院邻居，因排水沟改道发生争执。",
        "parties": [
            person(
                "王芳", "applicant", phone="13703910003", address="焦作市解放区王褚街道王褚村5组"
            ),
            person(
                "刘洋", "respondent", phone="13603910004", address="焦作市解放区王褚街道王褚村5组"
            ),
        ],
    },
    "labour": {
        "cause": "追索劳动报酬纠纷",
        "amount": "5.6万元",
        "source": "court_entrusted",  # 委托 after filing, with the court's 民初 number
        "court_case_no": "(2026)豫0882民初77号",
        "referring_court": "沁阳市人民法院",
        "received_on": "2026-11-10",
        "location": "410882",
        "facts": "申请人在被申请人处务工，被拖欠2026年3月至8月工资共计56000元。",
        "parties": [
            person("杨磊", "applicant", phone="13503910005", address="沁阳市怀庆街道"),
            {"role": "respondent", "kind": "enterprise", "name": BUILD[0], "id_number": BUILD[1]},
        ],
    },
    "traffic": {
        "cause": "机动车交通事故责任纠纷",
        "amount": "23800.50",
        "source": "court_entrusted",
        "procedure": "summary",
        "court_case_no": "(2026)豫0823民初1502号",
        "referring_court": "武陟县人民法院",
        "received_on": "2026-11-12",
        "location": "410823",
        "facts": "被申请人驾驶小型轿车与申请人电动车相撞，申请人受伤，双方对赔偿数额有争议。",
        "parties": [
            person("陈静", "applicant", phone="13403910006", address="武陟县木城街道"),
            person("黄勇", "respondent", phone="13303910007", address="焦作市中站区李封街道"),
        ],
    },
    "admin": {
        "cause": "行政补偿纠纷",
        "amount": "120000",
        "source": "transferred",
        "received_on": "2026-11-13",
        "location": "410804",
        "tags": ["administrative"],
        "facts": "申请人对房屋征收补偿数额有异议，由信访部门移送。",
        "parties": [
            person("赵敏", "applicant", phone="13203910008", address="焦作市马村区待王街道"),
            {
                "role": "respondent",
                "kind": "government",
                "name": "焦作市马村区人民政府",
                "address": "焦作市马村区人民路1号",
            },
        ],
    },
    "price": {
        "cause": "服务合同纠纷",
        "amount": "3680",
        "source": "petition",
        "received_on": "2026-11-16",
        "location": "410825",
        "tags": ["price_dispute"],
        "facts": "申请人认为被申请人收取的装修服务费明显高于约定价格。",
        "parties": [
            person("吴霞", "applicant", phone="13103910009", address="温县温泉街道"),
            person("周杰", "respondent", phone="13003910010", address="温县黄庄镇"),
        ],
    },
    "divorce": {
        "cause": "离婚后财产纠纷",
        "amount": "80000",
        "source": "self_accepted",
        "received_on": "2026-11-18",
        "location": "410803",
        "facts": "双方离婚时未分割共同购买的车辆，现就折价款发生争议。",
        "parties": [
            person("黄勇", "applicant", phone="13303910007", address="焦作市中站区李封街道"),
            person("王芳", "respondent", phone="13703910003", address="焦作市解放区王褚街道"),
        ],
    },
}


def write_disputes() -> None:
    import yaml

    folder = OUT / "disputes"
    folder.mkdir(parents=True, exist_ok=True)
    for name, dispute in DISPUTES.items():
        text = yaml.safe_dump(dispute, allow_unicode=True, sort_keys=False, width=100)
        header = f"# A sample dispute ({name}) for `mediate case add --file`; see DESIGN.md §3.1.\n"
        (folder / f"{name}.yaml").write_text(header + text, encoding="utf-8")


# ---------------------------------------------------------------- spreadsheets


def referral(
    no: str, cause: str, amount: str, applicant: str, respondent: str, **kw: str
) -> list[str]:
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {"案号": no, "案由": cause, "标的额": amount, "申请人": applicant, "被申请人": respondent}
    )
    row.update({k: v for k, v in kw.items()})
    return [row[h] for h in HEADERS]


def jiefang_rows() -> list[list[str]]:
    court = "焦作市解放区人民法院"
    common = {"来源": "委托调解", "委派法院": court}
    return [
        referral("(2026)豫0802民初401号", "金融借款合同纠纷", "52,000.50", BANK[0], "张伟",
                 申请人类型="企业", 申请人证件号=BANK[1], 被申请人证件号=PEOPLE["张伟"],
                 被申请人电话="13803910001", 收案日期="2026-11-02", 纠纷发生地="410802009", **common),
        referral("(2026)豫0802民初402号", "信用卡纠纷", "1.8万元", BANK[0], "王芳、刘洋",
                 申请人证件号=BANK[1], 被申请人证件号=f"{PEOPLE['王芳']}、{PEOPLE['刘洋']}",
                 被申请人电话="13703910003、13603910004", 收案日期="2026/11/3", **common),
        referral("(2026)豫0802民初403号", "物业服务合同纠纷", "3260", "焦作市安居物业服务有限公司",
                 "李强", 被申请人证件号=PEOPLE["李强"], 收案日期="2026年11月4日",
                 纠纷发生地="焦作市解放区民主街道", **common),
        referral("(2026)豫0802民初404号", "民间借贷纠纷", "80000", "陈静", "杨磊",
                 申请人证件号=PEOPLE["陈静"], 被申请人证件号=PEOPLE["杨磊"], 收案日期="2026-11-05",
                 纠纷发生地="410802", **common),
        referral("(2026)豫0802民初405号", "买卖合同纠纷", "46,800", BUILD[0], SHOP[0],
                 申请人证件号=BUILD[1], 被申请人证件号=SHOP[1], 收案日期="2026-11-06", **common),
        referral("(2026)豫0802民初406号", "机动车交通事故责任纠纷", "12500", "赵敏", "黄勇",
                 申请人证件号=PEOPLE["赵敏"], 被申请人证件号=PEOPLE["黄勇"], 收案日期="2026-11-06",
                 纠纷发生地="410802006", **common),
        referral("(2026)豫0802民初407号", "劳动合同纠纷", "21000", "周杰", SHOP[0],
                 申请人证件号=PEOPLE["周杰"], 被申请人证件号=SHOP[1], 收案日期="2026-11-09", **common),
        # faulty: the respondent's ID has a typo in its check digit
        referral("(2026)豫0802民初408号", "民间借贷纠纷", "15000", "吴霞", "周杰",
                 申请人证件号=PEOPLE["吴霞"], 被申请人证件号=PEOPLE["周杰"][:-1] + "1",
                 收案日期="2026-11-10", **common),
        # faulty: an amount nobody can read
        referral("(2026)豫0802民初409号", "相邻关系纠纷", "约两千", "王芳", "刘洋",
                 收案日期="2026-11-10", 纠纷发生地="410802009901", **common),
        referral("(2026)豫0802民初410号", "侵害商标权纠纷", "30000", TECH[0], "李强",
                 申请人证件号=TECH[1], 被申请人证件号=PEOPLE["李强"], 收案日期="2026-11-11", **common),
    ]  # fmt: skip


def shanyang_rows() -> list[list[object]]:
    court = "焦作市山阳区人民法院"
    common = {"来源": "委托调解", "委派法院": court, "纠纷发生地": "410811"}
    rows: list[list[object]] = [
        referral("(2026)豫0811民初2101号", "离婚后财产纠纷", "80000", "黄勇", "王芳",
                 申请人证件号=PEOPLE["黄勇"], 被申请人证件号=PEOPLE["王芳"], **common),
        referral("(2026)豫0811民初2102号", "医疗损害责任纠纷", "150000", "杨磊",
                 "焦作市山阳区人民医院", 申请人证件号=PEOPLE["杨磊"], 被申请人类型="事业单位", **common),
        referral("(2026)豫0811民初2103号", "服务合同纠纷", "9800", TECH[0], SHOP[0],
                 申请人证件号=TECH[1], 被申请人证件号=SHOP[1], **common),
        referral("(2026)豫0811民初2104号", "追索劳动报酬纠纷", "26000", "李强、陈静", BUILD[0],
                 申请人证件号=f"{PEOPLE['李强']}；{PEOPLE['陈静']}", 被申请人证件号=BUILD[1], **common),
        referral("(2026)豫0811民初2105号", "民间借贷纠纷", "200000", "周杰", "吴霞",
                 申请人证件号=PEOPLE["周杰"], 被申请人证件号=PEOPLE["吴霞"], **common),
        # faulty: no respondent
        referral("(2026)豫0811民初2106号", "民间借贷纠纷", "5000", "刘洋", "",
                 申请人证件号=PEOPLE["刘洋"], **common),
    ]  # fmt: skip
    dates = [dt.date(2026, 11, d) for d in (3, 4, 5, 9, 10, 11)]
    for row, day in zip(rows, dates, strict=True):
        row[HEADERS.index("收案日期")] = day
        row[HEADERS.index("标的额")] = float(str(row[HEADERS.index("标的额")]))
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "委托调解案件"
    sheet.append(["焦作市山阳区人民法院委托调解案件移送清单（2026年11月）"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for cell in sheet["F"][2:]:
        cell.number_format = "yyyy-mm-dd"
    book.properties.created = dt.datetime(2026, 11, 20)  # fixed: the file is reproducible
    book.properties.modified = dt.datetime(2026, 11, 20)
    book.save(path)


COURT_EXPORT_HEADERS = [
    "序号", "案号", "案由", "原告", "原告证件号", "被告", "被告证件号", "被告住所",
    "标的额(元)", "调解类型", "委派法院", "收案日期", "案情简介",
]  # fmt: skip


def court_export_rows() -> list[list[object]]:
    court = "焦作市中站区人民法院"
    d = dt.date
    return [
        [1, "", "民间借贷纠纷", "黄勇", PEOPLE["黄勇"], "周杰", PEOPLE["周杰"],
         "焦作市中站区李封街道12号", 30000.0, "诉前委派", court, d(2026, 11, 2), "借款到期未还。"],
        [2, "", "物业服务合同纠纷", "焦作市安居物业服务有限公司", "", "刘洋", PEOPLE["刘洋"],
         "", 2860.0, "诉前委派", court, d(2026, 11, 3), "拖欠物业费两年。"],
        [3, "", "买卖合同纠纷", SHOP[0], SHOP[1], "李强、王芳", f"{PEOPLE['李强']}、{PEOPLE['王芳']}",
         "", 8000.0, "诉前委派", court, d(2026, 11, 3), ""],
        [4, "", "机动车交通事故责任纠纷", "陈静", PEOPLE["陈静"], "赵敏", "", "", 23800.5,
         "诉前委派", court, d(2026, 11, 4), "追尾事故。"],
        [5, "(2026)豫0803民初1207号", "劳动争议", "吴霞", PEOPLE["吴霞"], TECH[0], TECH[1], "",
         12000.0, "委托调解", court, d(2026, 11, 5), ""],
        ["合计", "", "", "", "", "", "", "", 76660.5, "", "", "", ""],
        ["备注：以上案件请于收案之日起三十日内办结，并将调解结果反馈本院。"],
    ]  # fmt: skip


def write_court_export(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "诉前调解案件"
    sheet.append(["焦作市中站区人民法院"])
    sheet.append(
        ["委派调解案件移送清单", "", "", "", "", "", "", "", "", "", "导出日期：2026-11-06"]
    )
    sheet.append(COURT_EXPORT_HEADERS)
    for row in court_export_rows():
        sheet.append(row)
    for cell in sheet["L"][3:]:
        cell.number_format = "yyyy-mm-dd"
    book.properties.created = dt.datetime(2026, 11, 20)  # fixed: the file is reproducible
    book.properties.modified = dt.datetime(2026, 11, 20)
    book.save(path)


def csv_line(cells: list[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def messy_bytes() -> bytes:
    """Lines in GBK and UTF-8 glued together, with every fault a clerk meets."""
    court = "焦作市中站区人民法院"
    lines: list[tuple[str, str]] = [  # (encoding, line)
        ("gbk", "焦作市中站区人民法院 委托调解案件清单,,,,,,,,,,,,,,,,,"),
        ("gbk", ",".join(HEADERS)),
        ("gbk", ""),
    ]
    good = [
        # row 4: full-width digits and case number, 万元, stray spaces
        (
            "gbk",
            [
                "（２０２６）豫０８０３民初５０１号",
                " 民间借贷纠纷 ",
                "５.２万元",
                "委托",
                court,
                "2026年11月2日",
                "410803",
                " 黄勇 ",
                "自然人",
                PEOPLE["黄勇"],
                "焦作市中站区李封街道",
                "133 0391 0007",
                "周杰",
                "",
                PEOPLE["周杰"],
                "",
                "",
                "借款到期未还。",
            ],
        ),
        # row 5: a UTF-8 line in the GBK file; two respondents; Excel serial date
        (
            "utf-8",
            [
                "(2026)豫0803民初502号",
                "信用卡纠纷",
                "12,345.60",
                "委托调解",
                court,
                "46330",
                "",
                BANK[0],
                "企业",
                BANK[1],
                "",
                "",
                "陈静；吴霞",
                "",
                f"{PEOPLE['陈静']}；{PEOPLE['吴霞']}",
                "武陟县木城街道",
                "13403910006；13103910009",
                "",
            ],
        ),
        # row 6: lower-case x in an ID, 2026/11/4
        (
            "gbk",
            [
                "(2026)豫0803民初503号",
                "物业服务合同纠纷",
                "2860",
                "",
                court,
                "2026/11/4",
                "焦作市中站区李封街道",
                "焦作市安居物业服务有限公司",
                "",
                "",
                "",
                "",
                "刘洋",
                "",
                PEOPLE["刘洋"].lower(),
                "",
                "",
                "",
            ],
        ),
    ]
    bad = [
        # row 7: wrong check digit in the respondent's ID, and an unreadable amount
        (
            "gbk",
            [
                "(2026)豫0803民初504号",
                "民间借贷纠纷",
                "五十块左右",
                "委托",
                court,
                "2026-11-05",
                "",
                "杨磊",
                "",
                PEOPLE["杨磊"],
                "",
                "",
                "赵敏",
                "",
                PEOPLE["赵敏"][:-1] + "0",
                "",
                "",
                "",
            ],
        ),
        # row 8: two respondents but one ID
        (
            "gbk",
            [
                "(2026)豫0803民初505号",
                "买卖合同纠纷",
                "8000",
                "委托",
                court,
                "2026-11-05",
                "",
                SHOP[0],
                "",
                SHOP[1],
                "",
                "",
                "李强、王芳",
                "",
                PEOPLE["李强"],
                "",
                "",
                "",
            ],
        ),
        # row 9: no case number; an impossible date
        (
            "gbk",
            [
                "",
                "相邻关系纠纷",
                "",
                "委托",
                court,
                "2026-02-30",
                "",
                "王芳",
                "",
                "",
                "",
                "",
                "刘洋",
                "",
                "",
                "",
                "",
                "",
            ],
        ),
        # row 10: not a phone; a credit code with a typo
        (
            "gbk",
            [
                "(2026)豫0803民初507号",
                "服务合同纠纷",
                "3000",
                "委托",
                court,
                "2026-11-06",
                "",
                TECH[0],
                "企业",
                TECH[1][:-1] + ("0" if TECH[1][-1] != "0" else "1"),
                "",
                "12345",
                "吴霞",
                "",
                PEOPLE["吴霞"],
                "",
                "",
                "",
            ],
        ),
    ]
    rows: list[tuple[str, str]] = []
    for encoding, cells in good:
        rows.append((encoding, csv_line(cells)))
    for encoding, cells in bad:
        rows.append((encoding, csv_line(cells)))
    rows.append(("gbk", ""))  # row 11: empty
    rows.append(("gbk", csv_line(good[0][1])))  # row 12: row 4 again, word for word
    # row 13: row 5's case number with different data
    changed = list(good[1][1])
    changed[2] = "99999"
    rows.append(("utf-8", csv_line(changed)))
    # row 14: a good row after all that, with a source in English and a 9-digit location
    rows.append(
        (
            "gbk",
            csv_line(
                [
                    "(2026)豫0803民初508号",
                    "机动车交通事故责任纠纷",
                    "23800.5",
                    "court_entrusted",
                    court,
                    "2026-11-06",
                    "410803001",
                    "陈静",
                    "",
                    PEOPLE["陈静"],
                    "",
                    "13403910006",
                    "黄勇",
                    "",
                    PEOPLE["黄勇"],
                    "",
                    "",
                    "追尾事故。",
                ]
            ),
        )
    )
    text = b"".join((line + "\r\n").encode(enc) for enc, line in [*lines, *rows])
    return text


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write_disputes()
    write_csv(OUT / "referrals-jiefang-gbk.csv", jiefang_rows(), "gbk")
    write_xlsx(OUT / "referrals-shanyang.xlsx", shanyang_rows())
    write_court_export(OUT / "court-export-zhongzhan.xlsx")
    (OUT / "messy-referrals.csv").write_bytes(messy_bytes())
    for path in sorted(OUT.rglob("*.*")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
