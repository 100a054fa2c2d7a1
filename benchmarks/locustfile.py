"""The load mix of ``python manage.py bench load`` (run by it; not a Django module).

Simulated people, each with a session made for them by ``bench load`` (the file in
``BENCH_LOAD_SESSIONS``), so no password hashing is measured:

- ``Boa``: opens the new-incident form, asks for the nearby history of the spot,
  saves the incident (and is redirected to it, not followed).
- ``TeamLead``: opens the workload, then assigns one of the team's open cases
  (case page for the version, then the assignment POST).
- ``Manager``: opens the dashboard of the current quarter.
- ``Bare``: a Django view without database (``/bench/bare/``), for the ceiling.

``BENCH_LOAD_KINDS`` names the classes of a stage (comma-separated).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import threading
import uuid

from locust import FastHttpUser, between, constant, task

with open(os.environ["BENCH_LOAD_SESSIONS"]) as fh:
    DATA = json.load(fh)
KINDS = set(os.environ.get("BENCH_LOAD_KINDS", "Boa,TeamLead,Manager").split(","))
MAX_TASKS = int(os.environ.get("BENCH_LOAD_MAX_TASKS", "2000"))
_counters = {kind: itertools.count() for kind in ("boa", "teamlead", "manager")}
_lock = threading.Lock()
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')


def _next(kind: str) -> dict:
    with _lock:
        people = DATA[kind]
        return people[next(_counters[kind]) % len(people)]


class _Person(FastHttpUser):
    abstract = True
    kind = ""

    def on_start(self):
        self.person = _next(self.kind) if self.kind else {}
        self.cookies = {"sessionid": self.person.get("session", "")}
        self.tasks_done = 0

    def _headers(self) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)
        return {"Cookie": cookie}

    def _get(self, url: str, name: str):
        with self.client.get(
            url, name=name, headers=self._headers(), catch_response=True, allow_redirects=False
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            self._keep_csrf(r)
            return r

    def _keep_csrf(self, r) -> None:
        cookie = r.headers.get("Set-Cookie", "") if r.headers else ""
        if isinstance(cookie, list):
            cookie = "; ".join(cookie)
        match = re.search(r"csrftoken=([^;]+)", cookie)
        if match:
            self.cookies["csrftoken"] = match.group(1)

    def _post(self, url: str, data: dict, name: str, referer: str):
        headers = {**self._headers(), "Referer": self.host + referer}
        with self.client.post(
            url, data=data, name=name, headers=headers, catch_response=True, allow_redirects=False
        ) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")
            return r

    def _count(self):
        self.tasks_done += 1
        if self.tasks_done >= MAX_TASKS:
            self.stop()


class Boa(_Person):
    kind = "boa"
    # No think time in the creation-rate stage (bench load's stage 2).
    wait_time = constant(0) if os.environ.get("BENCH_LOAD_NO_WAIT") else between(0.5, 1.5)
    weight = 6

    @task
    def register_incident(self):
        form = self._get("/registratie/meldingen/nieuw/", "boa: new-incident form")
        csrf = CSRF_RE.search(form.text or "")
        lat = 52.30 + random.random() * 0.12
        lon = 4.90 + random.random() * 0.20
        self._get(
            f"/registratie/meldingen/in-de-buurt/?latitude={lat:.6f}&longitude={lon:.6f}",
            "boa: nearby look-up",
        )
        if not csrf:
            return
        now = dt.datetime.now().strftime("%Y-%m-%dT%H:%M")
        self._post(
            "/registratie/meldingen/nieuw/",
            {
                "csrfmiddlewaretoken": csrf.group(1),
                "theme": self.person["theme"],
                "latitude": f"{lat:.6f}",
                "longitude": f"{lon:.6f}",
                "occurred_at": now,
                "description": "Belasting: melding",
                "priority": "2",
                "source": "own",
                "submission_key": str(uuid.uuid4()),
            },
            "boa: save incident",
            "/registratie/meldingen/nieuw/",
        )
        self._count()


class TeamLead(_Person):
    kind = "teamlead"
    wait_time = between(1, 3)
    weight = 2

    @task(2)
    def workload(self):
        self._get("/zaken/werkvoorraad/", "team lead: workload")
        self._count()

    @task(1)
    def assign(self):
        case_id = random.choice(self.person["cases"])
        page = self._get(f"/zaken/{case_id}/", "team lead: case page")
        csrf = CSRF_RE.search(page.text or "")
        version = VERSION_RE.search(page.text or "")
        if not csrf:
            return
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "assignee": random.choice(self.person["assignees"]),
        }
        if version:
            data["version"] = version.group(1)
        self._post(
            f"/zaken/{case_id}/toewijzen/", data, "team lead: assign case", f"/zaken/{case_id}/"
        )
        self._count()


class Manager(_Person):
    kind = "manager"
    wait_time = between(2, 5)
    weight = 1

    @task
    def dashboard(self):
        self._get("/rapportages/dashboard/", "manager: dashboard")
        self._count()


class Bare(_Person):
    wait_time = constant(0)
    weight = 1

    @task
    def bare(self):
        self._get("/bench/bare/", "bare Django view (no database)")
        self._count()


for _name in ("Boa", "TeamLead", "Manager", "Bare"):
    if _name not in KINDS:
        del globals()[_name]
