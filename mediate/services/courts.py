"""The referring court by its full official name.

A court's sheet, or a clerk, often shortens the referring court: 解放区人民法院 or 解放区法院
for 焦作市解放区人民法院. Every paper that goes to that court (the 退回函 of 特邀调解规定
art. 21 / 委托调解 art. 20 report, the confirmation application of 民事诉讼法 art. 205(1),
the handback record, exports) names it in full. That is the project's rule, not a
statute's: art. 205(1) only says the application goes "向作出邀请的人民法院", and no rule
requiring a court's full name on a party's or a mediator's paper was found (LawRefBook/Laws
searched for 全称 on 2026-12-02: only 法释〔2023〕11号 arts. on 司法建议 — a court's own
letters — ask for "全称、规范化简称"). A short form can mean two courts, the full name
cannot. So intake (import, `case new`,
`case edit`) stores the full name once the network's own courts say which court a short
form means (`Network.court_full_name`, short forms derived from data, never typed); a
name they cannot tell apart, or do not know, is kept as the clerk wrote it.

Cases stored before intake completed names keep their text: no data migration rewrites
them (the network lives in the database and a deployment edits it, so a migration would
freeze today's derivation into history and change the clerk's records without an audit
event). Papers drawn up from them complete the name when drawn (`for_papers`;
`papers_namer` for the documents' records, services/docsql.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.routing.network import Network
    from mediate.store.uow import UnitOfWork


def completed(network: Network, written: str | None) -> str | None:
    """The full name when `written` is a short form of exactly one court of the network
    and differs from it; None otherwise (keep what was written)."""
    if not written:
        return None
    full = network.court_full_name(written)
    return full if full is not None and full != written.strip() else None


def unknown_notice(network: Network, written: str | None) -> str | None:
    """A warning when `written` names no court of the network, in full or short: most
    likely a typo. Only a warning: a court outside the city may refer a case too."""
    if not written or not written.strip() or network.court_divisions(written):
        return None
    return _(
        "The court {written!r} is not in the network's list of courts: check the name "
        "(a court outside the city is kept as written)."
    ).format(written=written.strip())


def completed_notice(written: str, full: str) -> str:
    """What the clerk is told when intake completed a court's name."""
    return _(
        "The referring court {written!r} is recorded by its full name, {full}: a paper "
        "to the court names it in full (a short form may mean two courts)."
    ).format(written=written.strip(), full=full)


def for_papers(uow: UnitOfWork, written: str | None) -> str | None:
    """The court as a paper names it: a stored short form completed, else as stored."""
    if not written:
        return None
    from mediate.services.routing import network

    return completed(network(uow), written) or written


def papers_namer(orgs: Iterable[Any]) -> Callable[[str], str]:
    """`for_papers` over the courts among these stored organisations (rows of the orgs
    table, as the documents' plain-SQL queries read them; none stored: the bundled
    network, as routing does), for a batch of papers."""
    from mediate.domain.model import Level, Org, OrgKind
    from mediate.routing.network import Network, bundled_network, bundled_network_data

    courts = tuple(
        (o.id, o.name, o.level, o.division_code)
        for o in orgs
        if str(getattr(o.kind, "value", o.kind)) == OrgKind.COURT.value
    )
    network = (
        Network(
            [Org(i, name, OrgKind.COURT, Level(level), code) for i, name, level, code in courts],
            bundled_network_data().divisions,
        )
        if courts
        else bundled_network()
    )
    names: dict[str, str] = {}

    def name(written: str) -> str:
        if written not in names:
            names[written] = completed(network, written) or written
        return names[written]

    return name
