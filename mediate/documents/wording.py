"""What a document says depends on the body that mediated: decided here, once.

Three legal regimes (DOMAIN.md §4.1, "Which law a document cites"):

- **人民调解** — a 人民调解委员会 (village and township rooms, professional and credit
  committees, …). The agreement is a 人民调解协议书 that takes effect when the parties have
  signed and the 人民调解员 has signed with the committee's seal (人民调解法 art. 29); the
  confirmation rests on 人民调解法 art. 33 with CPL art. 205; a failed mediation ends with
  终止调解 and the notice of the parties' other remedies (人民调解法 art. 26).
- **特邀调解** — a court's litigation–mediation docking centre, through its invited
  mediators (最高人民法院关于人民法院特邀调解的规定, 法释〔2016〕14号). The agreement is a
  调解协议书 (art. 23) signed by the parties and the 特邀调解员, effective when the parties
  have signed (art. 24); its confirmation rests on CPL art. 205 with art. 19 of the
  规定; mediation ends under art. 26 with a written report to the referring court.
- **其他调解** — administrative, industry and commercial mediation (行政争议化解中心, 价格
  争议调解, 商会/行业调解, a finance or IP mediation committee not set up as a 人民调解委员会),
  and a labour-dispute mediation body that is not one (劳动争议调解仲裁法 arts. 10, 14):
  a 调解协议书 under the law of contract, confirmed under CPL art. 205 and 民诉法解释
  art. 351 (a joint application by the parties themselves or their agents).

Notices of a session (调解通知书) and the registration form (受理登记表) say what the
regime allows: people's mediation is voluntary (人民调解法 arts. 3, 17, 23) — a party who
stays away may be taken as refusing it, and the mediation ends (art. 26); 特邀调解 is
voluntary too (特邀调解规定 art. 2), the mediator gives notice of time and place (art. 14),
a party's refusal ends it with a written report to the court (art. 26). No notice threatens
a judgment by default, a fine or any other sanction: none of these regimes has one.

Texts verified against LawRefBook/Laws: 人民调解法 (2010) arts. 3, 17, 23, 26, 29, 33;
民事诉讼法 (2023) art. 205; 民诉法解释 (2022) art. 351; 特邀调解规定 (2016) arts. 1, 2, 11,
14, 19, 21, 23, 24, 26; 劳动争议调解仲裁法 (2007) arts. 5, 10, 14 (data/PROVENANCE.md, "The
documents' legal wording, reviewed").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PEOPLE = "people"
INVITED = "invited"
OTHER = "other"

CPL_205 = "《中华人民共和国民事诉讼法》第二百零五条"
PEOPLES_MEDIATION_LAW = "《中华人民共和国人民调解法》"
INVITED_RULES = "《最高人民法院关于人民法院特邀调解的规定》"
CPL_INTERPRETATION_351 = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十一条"

# The rule "人民调解委员会 by name, unless the kind rules it out" (issue 17 item 3; reviewed
# against 人民调解法 arts. 2, 7, 8, 34 and 特邀调解规定 arts. 1, 6, 19 in LawRefBook/Laws):
#
# - 人民调解法 art. 7: a 人民调解委员会 is a mass organisation "依法设立" to mediate 民间纠纷;
#   art. 8: 村民委员会、居民委员会 set one up, 企业事业单位 may; art. 34: 乡镇、街道、社会团体
#   或者其他组织 may set one up "参照本法". So a chamber of commerce (社会团体), a company
#   running the finance committee or an institution such as the price-certification centre
#   (事业单位) may each have set up a 人民调解委员会 — the network file's kind says what the
#   body does (industry, finance, IP, price …), not which legal form it took. For these
#   kinds the registered name, which says 人民调解委员会 when the body is one, decides; else
#   the kind's usual form below applies.
# - Two kinds fix the regime whatever the name: a court's 诉调对接中心 mediates as the
#   court's 特邀调解 (特邀调解规定 arts. 1, 4, 11: the court refers cases to the
#   organisations and mediators on its roster), and a court is none of the bodies arts. 8
#   and 34 let set up a 人民调解委员会; an administrative-dispute centre handles 行政争议,
#   which are not the 民间纠纷 people's mediation is for (人民调解法 art. 2). A 人民调解委员会
#   stationed at a court (驻法院人民调解委员会) and recorded as county_center is a real case:
#   it sits on the court's roster (特邀调解规定 art. 6) and its 委派 agreements may be
#   confirmed "依照民事诉讼法、人民调解法" (art. 19(2)). The tool cannot tell from the record
#   which the body is, so the kind wins (it also decides routing and the 70/20/10 buckets)
#   and `wording_warnings` tells the clerk to correct the body's kind or name.
# - A labour-dispute mediation body not named a 人民调解委员会 (a 劳动人事争议调解中心, an
#   enterprise's 劳动争议调解委员会) is not presented as one. 劳动争议调解仲裁法 art. 10 (read in
#   LawRefBook/Laws, `诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md`) lists three kinds
#   of labour mediation bodies apart: (1) 企业劳动争议调解委员会, (2) 依法设立的基层人民调解组织,
#   (3) 在乡镇、街道设立的具有劳动争议调解职能的组织; only (2) is people's mediation. Its
#   agreement is the art. 14 调解协议书, "由双方当事人签名或者盖章，经调解员签名并加盖调解组织
#   印章后生效" — the other-mediation wording below says exactly that. Whether a given
#   Jiaozuo centre is registered as a 人民调解委员会 is not known here (the network's are
#   samples): a body that is one carries the words in its name and gets people's papers.
# - Not verified: whether other bodies of an "open" kind without 人民调解委员会 in their name
#   are committees; they keep their kind's usual form (written in docs/confirmation.md).
# - Township centres and 非诉讼服务中心 (checked 2026-12-02 in LawRefBook/Laws,
#   `诉讼与非诉讼程序法/人民调解法(2010-08-28).md`): art. 34 reads "乡镇、街道以及社会团体或者
#   其他组织根据需要可以参照本法有关规定设立人民调解委员会，调解民间纠纷" — a township or
#   street office *may* set up a committee; the statute does not make its 矛盾纠纷调处中心 one,
#   and names no 非诉讼服务中心 at all. Art. 29 has the agreement take effect with the
#   人民调解委员会's seal, so these kinds' people's papers presume the centre mediates through
#   a committee of its own or one stationed in it. The seed does not settle it either: item
#   17 has 人民调解、行业调解、仲裁机构、公证机构 all stationed in the 非诉讼服务中心, item 19
#   特邀调解员、律师调解员、专家调解员、人民调解员、仲裁员、公证员 — the papers depend on which
#   of them mediated. Whether a given centre is (or houses) a registered committee is a local
#   fact (data/PROVENANCE.md, the h5 check): the network file's name (… 人民调解委员会) or,
#   for another body in the hub, its own entry and kind is where a deployment records it.
#
# The kinds' usual forms (DOMAIN.md §2):
_REGIME_BY_KIND = {
    "village_room": PEOPLE,  # the 村(居)民委员会's committee, 人民调解法 art. 8
    "township_center": PEOPLE,  # art. 34 lets 乡镇、街道 set one up (presumed: see above)
    "professional": PEOPLE,
    "credit_committee": PEOPLE,
    "non_litigation_center": PEOPLE,  # (unconfirmed) no statute names it: see above
    "county_center": INVITED,
    "finance_committee": OTHER,  # seed item 6: run at a company, an industry mediation
    "ip_committee": OTHER,
    "industry_mediation": OTHER,
    "price_mediation": OTHER,  # the price-certification body: administrative mediation
    "admin_dispute_center": OTHER,
}
# Kinds whose regime no name changes (see above).
_FIXED_BY_KIND = ("county_center", "admin_dispute_center")
PEOPLES_COMMITTEE = "人民调解委员会"
# 劳动争议调解仲裁法 art. 10(1), (3): the names of labour-dispute mediation bodies.
_LABOUR_MEDIATION_NAMES = ("劳动争议调解", "劳动人事争议调解")


def _named_a_committee(name: str | None) -> bool:
    return PEOPLES_COMMITTEE in (name or "")


def _named_a_labour_mediation_body(name: str | None) -> bool:
    return any(word in (name or "") for word in _LABOUR_MEDIATION_NAMES)


@dataclass(frozen=True)
class BodyWording:
    """Everything in the documents that depends on the kind of body."""

    regime: str  # people | invited | other
    agreement_title: str  # 人民调解协议书 | 调解协议书
    agreement_name: str  # how the body text names the agreement: 人民调解协议 | 调解协议
    mediation_name: str  # 人民调解 | 特邀调解 | 调解
    mediator_title: str  # 人民调解员 | 特邀调解员 | 调解员
    effect_clause: str  # when the agreement takes effect, with its basis
    copies_clause: str  # who keeps a copy; {copies} and {org} filled in by the template
    confirmation_basis: str  # the articles the application relies on
    termination_basis: str  # the article under which mediation is ended (may be empty)
    termination_remedies: str  # what the parties are told they may do next
    registration_title: str  # 人民调解受理登记表 | 调解受理登记表
    consent_clause: str  # the parties' consent to mediation, with its basis
    notice_basis: str  # why the body gives notice of a session (may be empty)
    rights_clause: str  # the parties' rights in the mediation, with their basis
    absence_clause: str  # what follows from not attending, as far as the regime allows


def regime_of(kind: str | None, name: str | None = None) -> str:
    """The legal regime of a body: a name saying 人民调解委员会 makes it people's mediation
    unless its kind rules that out (the rule and its sources above)."""
    kind = (kind or "").strip()
    if kind not in _FIXED_BY_KIND and _named_a_committee(name):
        return PEOPLE
    if kind not in _FIXED_BY_KIND and _named_a_labour_mediation_body(name):
        return OTHER  # 劳动争议调解仲裁法 arts. 10, 14 (above)
    return _REGIME_BY_KIND.get(kind, PEOPLE)


def wording_warnings(kind: str | None, name: str | None) -> list[str]:
    """What the clerk should check when a body's kind and name disagree on its regime."""
    kind = (kind or "").strip()
    if kind not in _FIXED_BY_KIND or not _named_a_committee(name):
        return []
    from mediate.domain.vocabulary import org_kind_label
    from mediate.i18n import _

    return [
        _(
            "{name} is named a 人民调解委员会 but recorded as a {kind}: its documents follow "
            "the kind and do not cite 人民调解法. If it is a 人民调解委员会 (人民调解法 "
            "arts. 7, 8, 34), correct its kind in the network file, else its name."
        ).format(name=name, kind=org_kind_label(kind))
    ]


# What a court-referred case's termination notice tells the parties comes next, whatever
# the body (特邀调解规定 art. 21, read in LawRefBook/Laws at 2f4c5c2, `司法解释/最高人民法院
# 关于人民法院特邀调解的规定(2016-06-28).md`): "委派调解未达成调解协议的，特邀调解员应当将
# 当事人的起诉状等材料移送人民法院；当事人坚持诉讼的，人民法院应当依法登记立案。委托调解
# 未达成调解协议的，转入审判程序审理。" An entrusted case is already filed: telling its
# parties they may sue, arbitrate or go to an administrative body would send them away from
# the suit the court resumes. A delegated case is not filed yet: the court files it if they
# insist on suing; the other remedies (人民调解法 art. 26) stay open.
_REFERRAL_REMEDIES = {
    "court_entrusted": f"本案依照{INVITED_RULES}第二十一条第二款的规定，"
    "由人民法院转入审判程序审理。",
    "court_delegated": f"当事人坚持诉讼的，人民法院依照{INVITED_RULES}第二十一条第一款的规定依法"
    "登记立案；当事人也可以依法通过仲裁、行政等途径维护自己的权利。",
}

# A labour-dispute mediation body's failed mediation (劳动争议调解仲裁法, read in LawRefBook/
# Laws at 2f4c5c2, `诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md`): art. 5 "不愿调解、
# 调解不成或者达成调解协议后不履行的，可以向劳动争议仲裁委员会申请仲裁；对仲裁裁决不服的，除本法
# 另有规定的外，可以向人民法院提起诉讼" (art. 14(3): 15 days without agreement, the same).
# Arbitration comes first: the other-mediation "仲裁、行政、诉讼" would offer a suit the court
# does not take before arbitration.
LABOUR_LAW_5 = "《中华人民共和国劳动争议调解仲裁法》第五条"
_LABOUR_REMEDIES = (
    "当事人可以向劳动争议仲裁委员会申请仲裁；对仲裁裁决不服的，除法律另有规定的外，"
    "可以向人民法院提起诉讼。"
)


def body_wording(
    kind: str | None, name: str | None = None, source: str | None = None
) -> BodyWording:
    """The wording for documents of a body of this kind; `source` is the case's source
    (an entrusted case's agreement goes back to the court, which makes it a 调解书; a
    court-referred case's termination follows 特邀调解规定 art. 21)."""
    wording = _regime_wording(kind, name, source)
    if wording.regime == OTHER and _named_a_labour_mediation_body(name):
        wording = replace(
            wording, termination_basis=LABOUR_LAW_5, termination_remedies=_LABOUR_REMEDIES
        )
    remedies = _REFERRAL_REMEDIES.get(source or "")
    return replace(wording, termination_remedies=remedies) if remedies else wording


def _regime_wording(kind: str | None, name: str | None, source: str | None) -> BodyWording:
    regime = regime_of(kind, name)
    if regime == PEOPLE:
        return BodyWording(
            regime=PEOPLE,
            agreement_title="人民调解协议书",
            agreement_name="人民调解协议",
            mediation_name="人民调解",
            mediator_title="人民调解员",
            # 人民调解法 art. 29
            effect_clause="本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖"
            "人民调解委员会印章之日起生效。",
            copies_clause="本协议一式{copies}份，当事人各执一份，{org}留存一份。",
            # 人民调解法 art. 33; CPL art. 205
            confirmation_basis=f"{CPL_205}、{PEOPLES_MEDIATION_LAW}第三十三条",
            termination_basis=f"{PEOPLES_MEDIATION_LAW}第二十六条",
            termination_remedies="当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。",
            registration_title="人民调解受理登记表",
            # 人民调解法 art. 17: a party applies, or the committee mediates of its own motion;
            # one party's express refusal bars it
            consent_clause=f"依照{PEOPLES_MEDIATION_LAW}第十七条的规定，当事人自愿申请（同意）"
            "人民调解，本委员会已告知当事人人民调解的有关规定。",
            notice_basis="",
            # 人民调解法 arts. 3(1), 23
            rights_clause=f"人民调解在当事人自愿、平等的基础上进行。依照{PEOPLES_MEDIATION_LAW}"
            "第二十三条的规定，当事人享有选择或者接受人民调解员，接受调解、拒绝调解或者要求终止"
            "调解，要求调解公开或者不公开进行，自主表达意愿、自愿达成调解协议的权利。",
            # 人民调解法 arts. 23(2), 26, 3(3): refusing is a right; the mediation ends and
            # the other remedies stay open — nothing more
            absence_clause="您如不能按时参加，请提前告知，以便另行安排。无正当理由不参加调解的，"
            f"可以视为拒绝调解，调解依照{PEOPLES_MEDIATION_LAW}第二十六条终止；"
            "您仍可以依法通过仲裁、行政、司法等途径维护自己的权利。",
        )
    if regime == INVITED:
        entrusted = source == "court_entrusted"
        referral = {"court_delegated": "委派", "court_entrusted": "委托"}.get(source or "", "")
        return BodyWording(
            regime=INVITED,
            agreement_title="调解协议书",  # 特邀调解规定 art. 23
            agreement_name="调解协议",
            mediation_name="特邀调解",
            mediator_title="特邀调解员",
            # 特邀调解规定 art. 24(3): 委派 — on signature; 委托 — as the law on the court's
            # 调解书 provides (art. 20: the court reviews it and makes a 调解书)
            effect_clause=(
                "本协议经各方当事人签名、盖章或者捺印后，提交人民法院审查，由人民法院依法"
                "制作调解书或者作出其他处理。"
                if entrusted
                else "本协议自各方当事人签名、盖章或者捺印后生效。"
            ),
            copies_clause="本协议一式{copies}份，当事人各执一份，{org}留存一份并提交人民法院备案。",
            # CPL art. 205; 特邀调解规定 art. 19, which is about 委派 agreements only ("委派调解
            # 达成的调解协议，当事人可以依照民事诉讼法、人民调解法等法律申请司法确认"). 特邀调解
            # is by definition a court's referral (art. 1: "接受人民法院立案前委派或者立案后委托依法
            # 进行调解"), and art. 26(2) has the mediator report to "委派、委托的人民法院": a
            # docking centre's own intake (no referral) cites neither — its agreement is
            # confirmed under CPL art. 205 and 民诉法解释 art. 351 like any body's (read in
            # LawRefBook/Laws at 2f4c5c2).
            confirmation_basis=(
                f"{CPL_205}、{INVITED_RULES}第十九条"
                if referral == "委派"
                else f"{CPL_205}、{CPL_INTERPRETATION_351}"
            ),
            termination_basis=f"{INVITED_RULES}第二十六条" if referral else "",
            termination_remedies="当事人可以依法向人民法院提起诉讼，或者通过其他途径维护自己的权利。",
            registration_title="调解受理登记表",
            # 特邀调解规定 art. 11: 委派 before filing with the parties' consent, 委托 after;
            # art. 14(2): the mediator who accepted it notifies time and place
            consent_clause=(
                f"依照{INVITED_RULES}第十一条的规定，"
                f"{'经当事人同意，' if referral == '委派' else ''}本案由人民法院{referral}"
                "进行特邀调解，调解在当事人平等自愿的基础上进行。"
                if referral
                else f"当事人自愿申请（同意）调解，调解依照{INVITED_RULES}第二条的规定在当事人"
                "平等自愿的基础上进行。"
            ),
            notice_basis=f"依照{INVITED_RULES}第十四条第二款的规定，" if referral else "",
            # 特邀调解规定 arts. 2, 13, 15
            rights_clause=f"特邀调解遵循当事人平等自愿、尊重当事人诉讼权利的原则（{INVITED_RULES}"
            "第二条）。当事人有正当理由的，可以申请更换特邀调解员，或者依法申请回避。",
            # 特邀调解规定 art. 26(1)(2) and (2): refusal ends it; the court is told
            absence_clause="您如不能按时参加，请提前告知，以便另行安排。无正当理由不参加调解的，"
            "可以视为明确表示不接受调解，特邀调解员将依照"
            f"{INVITED_RULES}第二十六条的规定终止调解，并向人民法院书面报告、移送相关材料，"
            "由人民法院依法处理。",
        )
    return BodyWording(
        regime=OTHER,
        agreement_title="调解协议书",
        agreement_name="调解协议",
        mediation_name="调解",
        mediator_title="调解员",
        effect_clause="本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解组织印章"
        "之日起生效。",
        copies_clause="本协议一式{copies}份，当事人各执一份，{org}留存一份。",
        # CPL art. 205; 民诉法解释 art. 351
        confirmation_basis=f"{CPL_205}、{CPL_INTERPRETATION_351}",
        termination_basis="",
        termination_remedies="当事人可以依法通过仲裁、行政、诉讼等途径维护自己的权利。",
        registration_title="调解受理登记表",
        # (unverified) no statute governs these bodies' procedure; mediation is voluntary
        consent_clause="调解在当事人自愿、平等的基础上进行，当事人自愿申请（同意）调解。",
        notice_basis="",
        rights_clause="调解在当事人自愿、平等的基础上进行，当事人可以接受调解、拒绝调解或者要求"
        "终止调解，自主表达意愿、自愿达成调解协议。",
        absence_clause="您如不能按时参加，请提前告知，以便另行安排。无正当理由不参加调解的，"
        "可以视为不同意调解，调解终止；您可以依法通过仲裁、行政、诉讼等途径维护自己的权利。",
    )


WORDING_FIELDS = tuple(BodyWording.__dataclass_fields__)
