"""Gapless reference numbers per prefix and year: M-2026-000123, O-…, Z-…."""

from __future__ import annotations

from django.db import connection


def reference_next(*, prefix: str, year: int) -> str:
    """The next gapless number for ``prefix`` and ``year`` (e.g. M-2026-000123).

    Must run inside the transaction that saves the record: the upsert locks the
    counter row until that transaction ends, so a second save waits and a
    rollback returns the number.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("reference_next must run inside transaction.atomic()")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO enforcement_referencecounter (prefix, year, last) VALUES (%s, %s, 1) "
            "ON CONFLICT (prefix, year) DO UPDATE "
            "SET last = enforcement_referencecounter.last + 1 RETURNING last",
            [prefix, year],
        )
        (number,) = cursor.fetchone()
    return f"{prefix}-{year}-{number:06d}"
