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
  争议调解, 商会/行业调解, a finance or IP mediation committee not set up as a 人民调解委员会):
  a 调解协议书 under the law of contract, confirmed under CPL art. 205 and 民诉法解释
  art. 351 (a joint application by the parties themselves or their agents).

Texts verified against LawRefBook/Laws: 人民调解法 (2010) arts. 26, 29, 33; 民事诉讼法
(2023) art. 205; 民诉法解释 (2022) art. 351; 特邀调解规定 (2016) arts. 19, 23, 24, 26.
"""

from __future__ import annotations

from dataclasses import dataclass

PEOPLE = "people"
INVITED = "invited"
OTHER = "other"

CPL_205 = "《中华人民共和国民事诉讼法》第二百零五条"
PEOPLES_MEDIATION_LAW = "《中华人民共和国人民调解法》"
INVITED_RULES = "《最高人民法院关于人民法院特邀调解的规定》"
CPL_INTERPRETATION_351 = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十一条"

# DOMAIN.md §2 kinds. A body whose registered name says 人民调解委员会 is one, whatever its
# kind in the network file (e.g. 焦作市工商联商会人民调解委员会, kind industry_mediation):
# 人民调解法 art. 34 lets social organisations set up people's mediation committees.
_REGIME_BY_KIND = {
    "village_room": PEOPLE,
    "township_center": PEOPLE,
    "professional": PEOPLE,
    "credit_committee": PEOPLE,
    "non_litigation_center": PEOPLE,  # (unconfirmed) its mediators are people's mediators
    "county_center": INVITED,
    "finance_committee": OTHER,  # seed item 6: run at a company, an industry mediation
    "ip_committee": OTHER,
    "industry_mediation": OTHER,
    "price_mediation": OTHER,  # the price-certification body: administrative mediation
    "admin_dispute_center": OTHER,
}
_NEVER_PEOPLES = ("county_center", "admin_dispute_center", "price_mediation")


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


def regime_of(kind: str | None, name: str | None = None) -> str:
    """The legal regime of a body, from its kind (and its registered name)."""
    kind = (kind or "").strip()
    if kind not in _NEVER_PEOPLES and "人民调解委员会" in (name or ""):
        return PEOPLE
    return _REGIME_BY_KIND.get(kind, PEOPLE)


def body_wording(
    kind: str | None, name: str | None = None, source: str | None = None
) -> BodyWording:
    """The wording for documents of a body of this kind; `source` is the case's source
    (an entrusted case's agreement goes back to the court, which makes it a 调解书)."""
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
        )
    if regime == INVITED:
        entrusted = source == "court_entrusted"
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
            # CPL art. 205; 特邀调解规定 art. 19
            confirmation_basis=f"{CPL_205}、{INVITED_RULES}第十九条",
            termination_basis=f"{INVITED_RULES}第二十六条",
            termination_remedies="当事人可以依法向人民法院提起诉讼，或者通过其他途径维护自己的权利。",
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
    )


WORDING_FIELDS = tuple(BodyWording.__dataclass_fields__)
