"""Statement-level triggers from SQL bodies, for the rollup tables of planning and reports.

The names, tables and bodies come from the code (constants and settings checked by the
caller), never from user input.
"""


def statement_triggers(
    *, prefix: str, triggers: list[tuple[str, str, str, str]], functions: dict[str, str]
) -> tuple[list[str], list[str]]:
    """(forward, backward) statements: per ``(name, table, event, referencing)`` a plpgsql
    function ``<prefix>_<name>`` running ``functions[name]``, fired once per statement."""
    forward, backward = [], []
    for name, table, event, referencing in triggers:
        fn = f"{prefix}_{name}"
        forward.append(
            f"""
            CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
            {functions[name]}
            RETURN NULL;
            END $$;
            CREATE TRIGGER {fn} AFTER {event} ON {table}
            REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {fn}();
            """
        )
        backward.append(f"DROP TRIGGER IF EXISTS {fn} ON {table}; DROP FUNCTION IF EXISTS {fn}();")
    return forward, backward
