"""``python manage.py bench load``: the locust mix against gunicorn on loopback.

1. Makes a session for each simulated person (generated boa's of several teams,
   their team leads with open cases to assign, the managers) and writes them to a
   temporary file for the locust file (``benchmarks/locustfile.py``).
2. Starts gunicorn with production settings (``DEBUG=0``; only the HTTPS redirect
   and secure cookies off, because it speaks plain HTTP on 127.0.0.1) and the
   URLconf of ``benchmarks.settings`` (the application plus a bare view).
3. Runs locust headless in three stages of ``--seconds`` each, all on the same
   server: the bare view alone, boa's registering only (incident creation rate),
   and the whole mix. Each stage is bounded in time and in tasks per person. Stage 2
   runs without think time, so it shows how many incidents per second the server takes.
4. Prints throughput and p50/p95/p99 per kind of request, each throughput also as
   a ratio to the bare view's, with the load average; stops gunicorn.

Incidents created by the run stay in the database (they are test data on a
generated data set; never run this against a real municipality's database).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from accounts.models import User
from accounts.roles import Role

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def _session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(3600)
    store.save()
    return store.session_key


def _people(n_boas: int = 60) -> dict:
    from cases.forms.cases import assignable_users
    from cases.models import Case
    from enforcement.models import Theme

    themes = list(Theme.objects.filter(active=True).values_list("pk", flat=True))
    boas = list(
        User.objects.filter(role=Role.BOA, is_active=True, team__isnull=False).order_by("pk")[
            :n_boas
        ]
    )
    leads = list(User.objects.filter(role=Role.TEAM_LEAD, is_active=True, team__isnull=False))
    people: dict = {"boa": [], "teamlead": [], "manager": []}
    for i, boa in enumerate(boas):
        people["boa"].append({"session": _session_for(boa), "theme": themes[i % len(themes)]})
    for lead in leads:
        cases = list(
            Case.objects.filter(team_id=lead.team_id, closed_at__isnull=True)
            .order_by("-pk")
            .values_list("pk", flat=True)[:50]
        )
        # The people the assignment form offers (generated accounts are not among them,
        # so a team of only generated boa's is assigned to the team itself: "").
        assignees = list(assignable_users(lead.team_id).values_list("pk", flat=True)[:10]) or [""]
        if cases:
            people["teamlead"].append(
                {"session": _session_for(lead), "cases": cases, "assignees": assignees}
            )
    for manager in User.objects.filter(role=Role.MANAGER, is_active=True):
        people["manager"].append({"session": _session_for(manager)})
    return people


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn stopped at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _warm_up(host: str, people: dict, seconds: float = 10) -> None:
    """Each worker imports and builds its URLconf and templates on its first requests.

    The bare view alone does not compile the application's templates: the first page of
    each kind then took over a second in every worker, inside the measured stages.
    """
    import urllib.request

    pages = [
        ("boa", "/registratie/meldingen/nieuw/"),
        ("boa", "/registratie/meldingen/in-de-buurt/?latitude=52.35&longitude=4.95"),
        ("teamlead", "/zaken/werkvoorraad/"),
        ("manager", "/rapportages/dashboard/"),
    ]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{host}/bench/bare/", timeout=10).read()  # noqa: S310  # nosec B310: our own gunicorn on loopback
            break
        except OSError:
            time.sleep(0.2)
    for kind, path in pages * 8:  # a few rounds, so every worker gets each page
        request = urllib.request.Request(  # noqa: S310  # nosec B310: our own gunicorn on loopback
            f"{host}{path}", headers={"Cookie": f"sessionid={people[kind][0]['session']}"}
        )
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=30).read()  # noqa: S310  # nosec B310: our own gunicorn on loopback


def _stage(*, kinds, users, seconds, host, workdir, env, no_wait=False) -> tuple[list[dict], tuple]:
    prefix = workdir / "_".join(kinds)
    stage_env = {**env, "BENCH_LOAD_KINDS": ",".join(kinds)}
    if no_wait:
        stage_env["BENCH_LOAD_NO_WAIT"] = "1"
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users, 1)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    load_before = os.getloadavg()[0]
    subprocess.run(  # noqa: S603 (our own locust command)
        command,
        env=stage_env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        timeout=seconds + 60,
        check=False,
    )
    load_after = os.getloadavg()[0]
    with open(f"{prefix}_stats.csv") as fh:
        rows = list(csv.DictReader(fh))
    return rows, (load_before, load_after)


def _table(stdout, title: str, rows: list[dict], bare_rps: float | None, load) -> None:
    stdout.write(f"\n{title} (load average {load[0]:.2f} at start, {load[1]:.2f} at end)")
    stdout.write(
        "| request | requests | failures | req/s | vs bare | p50 ms | p95 ms | p99 ms |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for row in rows:
        rps = float(row["Requests/s"])
        ratio = f"{rps / bare_rps:.3f}" if bare_rps else "-"
        stdout.write(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {rps:.1f} | {ratio} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )


def run(*, stdout, seconds: int = 60, clients: int = 16, workers: int = 0, **_options):
    workers = workers or (2 * (os.cpu_count() or 1) + 1)
    people = _people()
    if not people["boa"] or not people["teamlead"] or not people["manager"]:
        stdout.write("load: overgeslagen (geen gegenereerde boa's, teamleiders of managers)")
        return
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = Path(tmp)
        sessions = workdir / "sessions.json"
        sessions.write_text(json.dumps(people))
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "BENCH_LOAD_SESSIONS": str(sessions),
        }
        gunicorn = subprocess.Popen(  # noqa: S603 (our own gunicorn command)
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--preload",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            _wait(port, gunicorn)
            _warm_up(host, people)
            stdout.write(
                f"load: gunicorn {workers} workers on 127.0.0.1:{port}, {clients} simulated "
                f"people, {seconds} s per stage, {os.cpu_count()} cores; "
                f"load average {os.getloadavg()[0]:.2f}"
            )
            bare, load = _stage(
                kinds=["Bare"], users=clients, seconds=seconds, host=host, workdir=workdir, env=env
            )
            bare_rps = float(next(r for r in bare if r["Name"] == "Aggregated")["Requests/s"])
            _table(stdout, "Stage 1: bare Django view (no database)", bare, None, load)
            create, load = _stage(
                kinds=["Boa"],
                users=clients,
                seconds=seconds,
                host=host,
                workdir=workdir,
                env=env,
                no_wait=True,
            )
            _table(stdout, "Stage 2: boa's registering only, no think time", create, bare_rps, load)
            saves = next((r for r in create if r["Name"] == "boa: save incident"), None)
            if saves:
                stdout.write(
                    f"load: incidents created {saves['Request Count']} "
                    f"({float(saves['Requests/s']):.1f} per second)"
                )
            mix, load = _stage(
                kinds=["Boa", "TeamLead", "Manager"],
                users=clients,
                seconds=seconds,
                host=host,
                workdir=workdir,
                env=env,
            )
            _table(
                stdout, "Stage 3: the mix (boa 6 : team lead 2 : manager 1)", mix, bare_rps, load
            )
        finally:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        stdout.write("load: gunicorn stopped")
