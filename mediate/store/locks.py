"""Serialising the few decisions that read shared counts and then write by them.

Routing with capacity and least-open selection reads how many open cases each body has and
then adds cases: two clerks doing that at once would both see the same room left and both
fill it. `serialize_routing` makes such transactions take turns, until commit or rollback:
- PostgreSQL: a transaction-level advisory lock (other transactions are not affected);
- SQLite: the database's write lock, taken up front, so the counts read afterwards cannot
  change before this transaction commits.
Call it before reading the counts, in the transaction that writes the decisions.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# pg_advisory_xact_lock takes a bigint; this one is "mediate routing", nothing else uses it.
ROUTING_LOCK = 0x6D656469_61746531


def serialize_routing(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ROUTING_LOCK})
    elif connection.dialect.name == "sqlite":
        # A write that changes nothing still takes the write lock (waiting busy_timeout).
        connection.execute(text("UPDATE orgs SET capacity = capacity WHERE 1 = 0"))
