"""Alembic environment: runs on the engine mediate hands over (never from alembic.ini)."""

from alembic import context
from sqlmodel import SQLModel

from mediate.store import tables  # noqa: F401  (registers the models)

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
