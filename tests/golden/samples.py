"""Sample case records for the document tests (plain namespaces with the rows' attributes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from mediate.documents.context import CaseRecords

TODAY = dt.date(2026, 11, 20)

_PARTY_DEFAULTS: dict[str, Any] = {
    "id_number": None,
    "sex": None,
    "birth_date": None,
    "ethnicity": None,
    "occupation": None,
    "address": None,
    "phone": None,
    "email": None,
    "service_address": None,
    "backup_address": None,
    "legal_rep": None,
    "legal_rep_title": None,
    "industry": None,
    "agent": None,
    "guardian": None,
    "guardian_relation": None,
    "guardian_id_number": None,
}


def party(position: int, role: str, kind: str, name: str, **kw: Any) -> SimpleNamespace:
    return SimpleNamespace(
        **(_PARTY_DEFAULTS | {"position": position, "role": role, "kind": kind, "name": name} | kw)
    )


def zhang(position: int = 0, role: str = "applicant", **kw: Any) -> SimpleNamespace:
    values = {
        "id_number": "410802199001011237",
        "ethnicity": "汉族",
        "occupation": "个体工商户",
        "address": "河南省焦作市解放区民主南路1号",
        "phone": "13800000000",
    } | kw
    return party(position, role, "person", values.pop("name", "张三"), **values)


def wang(position: int = 1, role: str = "respondent", **kw: Any) -> SimpleNamespace:
    values = {
        "sex": "女",
        "birth_date": dt.date(1985, 3, 9),
        "id_number": "41080219850309002X",
        "ethnicity": "回族",
        "address": "河南省焦作市山阳区人民路88号",
        "phone": "13900000000",
        "agent": "赵律师，河南某某律师事务所律师",
    } | kw
    return party(position, role, "person", values.pop("name", "王五"), **values)


def company(position: int = 0, role: str = "applicant", **kw: Any) -> SimpleNamespace:
    values = {
        "id_number": "91410800MA44XXXX1Y",
        "address": "河南省焦作市山阳区人民路100号",
        "legal_rep": "李四",
        "legal_rep_title": "总经理",
        "phone": "0391-3560000",
        "email": "legal@example.cn",
        "backup_address": "河南省焦作市解放区建设路2号",
    } | kw
    return party(
        position, role, "enterprise", values.pop("name", "焦作市某某商贸有限公司"), **values
    )


def _case(**kw: Any) -> SimpleNamespace:
    values = {
        "id": 12,
        "court_case_no": None,
        "cause": "民间借贷纠纷",
        "amount": Decimal("52000.50"),
        "source": "self_accepted",
        "referring_court": None,
        "received_on": dt.date(2026, 11, 2),
        "facts": "2025年3月，王五向张三借款人民币52,000.50元，约定2026年3月归还，到期未还。",
    } | kw
    return SimpleNamespace(**values)


ORG = SimpleNamespace(
    id="jz-jfq-court-center",
    name="焦作市解放区人民法院诉调对接中心",
    kind="county_center",
    address="焦作市解放区民主南路",
    phone="0391-2929000",
)
CREDIT_ORG = SimpleNamespace(
    id="jz-credit",
    name="焦作市企业信用纠纷人民调解委员会",
    kind="credit_committee",
    address=None,
    phone=None,
)
PEOPLES_COMMITTEE = SimpleNamespace(
    id="jz-410802001-township-center",
    name="焦作市解放区焦南街道人民调解委员会",
    kind="township_center",
    address="焦作市解放区焦南街道",
    phone="0391-2920000",
)
INDUSTRY_ORG = SimpleNamespace(
    id="jz-410800-finance",
    name="焦作市金融纠纷调解委员会",
    kind="finance_committee",
    address=None,
    phone=None,
)
MEDIATOR = SimpleNamespace(name="刘调解", type="people", phone=None)
INVITED_MEDIATOR = SimpleNamespace(name="赵敏", type="invited", phone=None)
CREDIT_SETTINGS = {"credit": {"agency": "焦作市公共信用信息中心", "phone": "0391-3000000"}}


def settled(**kw: Any) -> SimpleNamespace:
    values = {
        "result": "settled",
        "decided_on": dt.date(2026, 11, 10),
        "terms": "1. 王五于2026年12月31日前向张三归还借款人民币52,000.50元；\n"
        "2、张三放弃利息请求；\n（3）本案调解费用由双方各自承担。",
        "amount": Decimal("52000.50"),
        "performance": "以银行转账方式支付至张三指定账户",
        "perform_by": dt.date(2026, 12, 31),
        "effective_on": dt.date(2026, 11, 10),
        "reason": None,
        "follow_up": None,
        "recorded_by": "李书记员",
    } | kw
    return SimpleNamespace(**values)


def failed(**kw: Any) -> SimpleNamespace:
    values = {
        "result": "failed",
        "decided_on": dt.date(2026, 11, 16),
        "terms": None,
        "amount": None,
        "performance": None,
        "perform_by": None,
        "effective_on": None,
        "reason": "被申请人拒绝还款方案",
        "follow_up": "court",
        "recorded_by": "李书记员",
    } | kw
    return SimpleNamespace(**values)


def confirmation() -> SimpleNamespace:
    """A fresh record each time: tests may change it."""
    return SimpleNamespace(
        court="焦作市解放区人民法院", apply_by=dt.date(2026, 12, 10), status="drafted"
    )


def person_person() -> CaseRecords:
    return CaseRecords(
        case=_case(),
        parties=[zhang(), wang()],
        org=ORG,
        outcome=settled(),
        confirmation=confirmation(),
        mediator=MEDIATOR,
    )


def enterprise_person() -> CaseRecords:
    return CaseRecords(
        case=_case(
            id=31,
            cause="买卖合同纠纷",
            amount=Decimal("128000"),
            source="court_delegated",
            referring_court="焦作市山阳区人民法院",
            court_case_no="(2026)豫0811民初88号",
            facts="申请人向被申请人供应建材，被申请人尚欠货款人民币128,000元未付。",
        ),
        parties=[company(), zhang(1, "respondent")],
        org=ORG,
        outcome=settled(
            terms="张三分两期支付货款128,000元\n焦作市某某商贸有限公司放弃违约金",
            amount=Decimal("128000"),
            performance="现金支付",
        ),
        confirmation=SimpleNamespace(
            court="焦作市山阳区人民法院", apply_by=dt.date(2026, 12, 10), status="drafted"
        ),
        mediator=MEDIATOR,
    )


def many_parties() -> CaseRecords:
    names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"]
    parties = [zhang(0), company(1, name="焦作市甲有限公司")]
    parties += [
        zhang(i + 2, "respondent", name=n, id_number="410802199001011237")
        for i, n in enumerate(names)
    ]
    parties.append(
        company(9, "respondent", name="焦作市戊物流有限公司", id_number="91410800MA44WWWW4B")
    )
    parties.append(
        company(10, "third_party", name="焦作市乙担保有限公司", id_number="91410800MA44YYYY2Z")
    )
    return CaseRecords(
        case=_case(id=77, amount=Decimal("0.5")),
        parties=parties,
        org=ORG,
        outcome=settled(amount=Decimal("1000000.1")),
        confirmation=confirmation(),
        mediator=MEDIATOR,
    )


HOSTILE_NAME = "A&B <公司> \"引号\" '单' " + "很长的名字" * 40 + " ../../etc/passwd"


def hostile() -> CaseRecords:
    return CaseRecords(
        case=_case(id=99, facts="事实 & <b>粗体</b> {{ 不是标签 }} {% 也不是 %}"),
        parties=[zhang(name=HOSTILE_NAME), wang(name="O'Brien & <Sons>")],
        org=ORG,
        outcome=settled(terms='第一条 付款 & "立即" <现在>\n第二条 {{ case.id }}'),
        confirmation=confirmation(),
        mediator=MEDIATOR,
    )


def failed_credit() -> CaseRecords:
    return CaseRecords(
        case=_case(
            id=55,
            cause="买卖合同纠纷",
            source="court_delegated",
            referring_court="焦作市解放区人民法院",
            court_case_no="(2026)豫0802民初55号",
        ),
        parties=[
            company(0, name="焦作市丙建材有限公司"),
            company(1, "respondent", name="焦作市丁置业有限公司", id_number="91410800MA44ZZZZ3A"),
        ],
        org=CREDIT_ORG,
        outcome=failed(reason="被申请人对到期货款无异议，但未按期清偿", follow_up="credit_report"),
        confirmation=None,
        mediator=MEDIATOR,
        extra=dict(CREDIT_SETTINGS)
        | {
            # the audit event of `mediate credit report 55 --basis …`
            "credit_report": {
                "basis": "《征信业管理条例》第四十四条",
                "enterprises": ["焦作市丁置业有限公司"],
                "reported_on": "2026-11-18",
            }
        },
    )


# Pasted from Word: a vertical tab (Shift+Enter), CRLF, full-width indentation
WORD_FACTS = (
    "\u3000\u30002026年9月3日，申请人李小明（时年十五岁）骑自行车途经焦作市解放区民主路时，"
    "与被申请人张三驾驶的豫H12345号小型轿车相撞受伤。\r\n"
    "\u3000\u3000经交警部门认定，张三负事故主要责任，李小明负次要责任。\x0b"
    "  李小明住院治疗15日，花费医疗费人民币18,600元。"
)


def minor_invited() -> CaseRecords:
    """A court-delegated traffic case of a minor with a guardian, mediated by a court
    docking centre's invited mediator; the case number typed with half-width brackets."""
    minor = party(
        0,
        "applicant",
        "person",
        "李小明",
        id_number="410802201105050017",
        ethnicity="汉族",
        occupation="学生",
        address="河南省焦作市解放区焦南街道1号",
        phone="13700000000",
        guardian="李大明",
        guardian_relation="父亲",
        guardian_id_number="410802198001011238",
    )
    insurer = company(
        2,
        "respondent",
        name="某财产保险股份有限公司焦作中心支公司",
        id_number="91410800MA44BBBB5C",
        legal_rep="周经理",
        legal_rep_title="总经理",
    )
    return CaseRecords(
        case=_case(
            id=41,
            cause="机动车交通事故责任纠纷",
            amount=Decimal("18600"),
            source="court_delegated",
            referring_court="焦作市解放区人民法院",
            court_case_no="(2026)豫0802民初123号",
            facts=WORD_FACTS,
        ),
        parties=[minor, zhang(1, "respondent"), insurer],
        org=ORG,
        outcome=settled(
            terms="某财产保险股份有限公司焦作中心支公司于2026年12月31日前赔偿李小明医疗费"
            "人民币18,600元\n李小明放弃其他请求",
            amount=Decimal("18600"),
        ),
        confirmation=SimpleNamespace(
            court="焦作市解放区人民法院", apply_by=dt.date(2026, 12, 10), status="drafted"
        ),
        mediator=INVITED_MEDIATOR,
    )


def branch_peoples() -> CaseRecords:
    """A bank branch against a person at a people's mediation committee, self-accepted,
    facts in several paragraphs and a third party."""
    bank = company(
        0,
        name="中国某银行股份有限公司焦作分行",
        id_number="91410800MA44CCCC6D",
        legal_rep="王行长",
        legal_rep_title="负责人",
        agent="孙律师，河南某某律师事务所律师",
    )
    return CaseRecords(
        case=_case(
            id=63,
            cause="金融借款合同纠纷",
            facts="2024年5月，张三向申请人借款人民币52,000.50元。\n\n"
            "借款到期后，张三未按约归还。\n第三人焦作市乙担保有限公司为该笔借款提供保证。",
        ),
        parties=[
            bank,
            zhang(1, "respondent"),
            company(2, "third_party", name="焦作市乙担保有限公司", id_number="91410800MA44YYYY2Z"),
        ],
        org=PEOPLES_COMMITTEE,
        outcome=settled(),
        confirmation=confirmation(),
        mediator=MEDIATOR,
    )


def industry_person() -> CaseRecords:
    records = person_person()
    records.case.id = 71
    records.org = INDUSTRY_ORG
    return records


def entrusted(result: str = "settled") -> CaseRecords:
    """A case the court entrusted after filing (委托): reported back, never confirmed."""
    outcome = (
        settled()
        if result == "settled"
        else failed(
            positions="申请人张三：坚持要求一次性归还全部借款。\n被申请人王五：同意还款，但只能分十二期。"
        )
    )
    return CaseRecords(
        case=_case(
            id=41,
            source="court_entrusted",
            referring_court="焦作市解放区人民法院",
            court_case_no="（2026）豫0802民初41号",
        ),
        parties=[zhang(), wang()],
        org=ORG,
        outcome=outcome,
        confirmation=None,
        mediator=MEDIATOR,
    )


def delegated_failed() -> CaseRecords:
    """A case the court delegated before filing (委派) that failed: returned with a letter."""
    return CaseRecords(
        case=_case(id=42, source="court_delegated", referring_court="焦作市山阳区人民法院"),
        parties=[company(), zhang(1, "respondent")],
        org=ORG,
        outcome=failed(),
        confirmation=None,
        mediator=MEDIATOR,
    )


SAMPLES = {
    "person_person": person_person,
    "enterprise_person": enterprise_person,
    "many_parties": many_parties,
    "minor_invited": minor_invited,
    "branch_peoples": branch_peoples,
    "industry_person": industry_person,
}


def with_session(build: Any, online: bool = False, summoned: tuple[int, ...] = ()) -> Any:
    """A sample case with a scheduled session (调解通知书): 2026-12-10 09:30 China time at
    the body, or online without its link yet; `summoned` by party number (default all)."""

    def make() -> CaseRecords:
        records = build()
        records.session = SimpleNamespace(
            id=3,
            starts_at=dt.datetime(2026, 12, 10, 1, 30, tzinfo=dt.UTC),
            place=None if online else "焦作市解放区民主南路调解室",
            online=online,
            summoned=list(summoned or range(1, len(records.parties) + 1)),
            status="scheduled",
        )
        return records

    return make


# One sample per legal regime (documents/wording.py): people's, invited (特邀), other.
BY_REGIME = {
    "peoples": branch_peoples,
    "invited_minor": minor_invited,
    "industry": industry_person,
}
