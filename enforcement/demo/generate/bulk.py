"""Loading in bulk: COPY buffers, ids and sequences, dropping and re-creating indexes,
and the reference counters after the load. The cases generator loads with them too."""

import io

from django.db import connection

CHUNK = 50_000


def _esc(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list):
        return "{" + ",".join(str(v) for v in value) + "}"
    s = str(value)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


class CopyBuffer:
    """Collects rows of one table and sends them with COPY in big chunks."""

    def __init__(self, table: str, columns: list[str]):
        self.sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        self.buf = io.StringIO()
        self.count = 0
        self.total = 0

    def add(self, row) -> None:
        self.buf.write("\t".join(_esc(v) for v in row))
        self.buf.write("\n")
        self.count += 1
        if self.count >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.count:
            return
        with connection.cursor() as cursor, cursor.copy(self.sql) as copy:
            copy.write(self.buf.getvalue())
        self.total += self.count
        self.buf = io.StringIO()
        self.count = 0


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (constant names)  # nosec B608: names from the code (models, constants), values as %s parameters
        return cursor.fetchone()[0]


def set_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        sql = (
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )
        cursor.execute(sql)


def _drop_indexes(table: str) -> list[str]:
    """Drop the plain (non-constraint) indexes of ``table``; returns their definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = %s AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
              -- Only the owner may drop them (generate_data runs as the owner role;
              -- a test calling a generator as the runtime role loads with them on).
              AND pg_has_role(current_user, t.relowner, 'USAGE')
            """,
            [table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in definitions:
            cursor.execute(definition)


def _set_counters() -> None:
    """ReferenceCounter per (prefix, year) = the highest number given out."""
    with connection.cursor() as cursor:
        for prefix, table in (("M", "enforcement_incident"), ("O", "enforcement_violation")):
            cursor.execute(
                f"""
                INSERT INTO enforcement_referencecounter (prefix, year, last)
                SELECT %s, split_part(reference, '-', 2)::int, MAX(split_part(reference, '-', 3)::int)
                FROM {table} WHERE reference LIKE %s
                GROUP BY 2
                ON CONFLICT (prefix, year) DO UPDATE SET last = GREATEST(
                    enforcement_referencecounter.last, EXCLUDED.last)
                """,  # noqa: S608 (constant table names)  # nosec B608: names from the code (models, constants), values as %s parameters
                [prefix, f"{prefix}-%"],
            )
