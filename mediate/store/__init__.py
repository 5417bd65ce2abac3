"""Persistence: SQLModel tables, engine, unit of work, Alembic migrations."""
