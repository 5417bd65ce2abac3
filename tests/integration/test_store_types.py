import datetime as dt
from decimal import Decimal

from sqlmodel import Session, select

from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import CaseRow


def test_money_and_datetimes_survive_a_round_trip(database):
    engine = make_engine(database.url)
    upgrade(engine)
    beijing = dt.timezone(dt.timedelta(hours=8))
    created = dt.datetime(2026, 11, 2, 9, 30, tzinfo=beijing)
    with Session(engine) as session:
        session.add(
            CaseRow(
                cause="民间借贷纠纷",
                amount=Decimal("52000.50"),
                source="self_accepted",
                received_on=dt.date(2026, 11, 2),
                created_by="t",
                created_at=created,
                updated_at=created,
            )
        )
        session.commit()
    with Session(engine) as session:
        row = session.exec(select(CaseRow)).one()
    engine.dispose()
    assert row.amount == Decimal("52000.50")
    assert row.created_at == created
    assert row.created_at.tzinfo is not None
