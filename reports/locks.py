"""One worker at a time per report period, across every worker machine.

Redis redelivers a message whose worker has not acknowledged it in time (acks late,
visibility timeout), and a build may be delivered twice for other reasons too: two
workers then hold the same build at once. A PostgreSQL session advisory lock on the
primary, keyed by the period, lets one of them run it; the other sees the lock taken
and leaves. The lock belongs to the worker's database connection, so a worker that
dies frees it with its connection and a redelivery after that builds as before.
Workers need a direct connection (or PgBouncer in session mode) for this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

# First half of the two-int advisory key: "reports" builds (the second half is the period).
_LOCK_SPACE = 0x5245504F  # "REPO"


@contextmanager
def period_lock(period: str) -> Iterator[bool]:
    """Yield whether this process holds the period's build lock (never waits for it)."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [_LOCK_SPACE, period])
        (held,) = cursor.fetchone()
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [_LOCK_SPACE, period])
