"""``python manage.py bench pages``: every page each role reaches, timed.

For each user (by default one demo user per role), the crawler logs in, opens the
home page and follows the links on it (menu included: it is part of every page)
and, to ``--depth``, the links on the pages it finds: ``<a href>`` and htmx
``hx-get`` URLs of this site. Pages are grouped by URL shape (the URL pattern plus
the names of the query parameters), and one example per shape is measured: the
median server time of ``--runs`` requests through Django's test Client after a
warm-up, and the number of queries of one more request. A page over 100 ms is
flagged; home pages and lists have a target of 50 ms.

The crawler only sends GET requests; links that change something are POST forms
in this application and are not followed. Logging out, language switching and
Django's admin are left out (the admin's pages are Django's own).
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from accounts.models import User

DEMO_USERS = ["boa", "teamlead", "policy", "manager", "council", "partner", "admin"]
LIMIT_MS = 100.0
LIST_LIMIT_MS = 50.0
SKIP_PREFIXES = ("/static/", "/media/", "/logout/", "/i18n/", "/beheer/", "/wachtwoord/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if attrs.get("hx-get"):
            self.urls.append(attrs["hx-get"])


def _links(html: str, base_path: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for raw in parser.urls:
        if raw.startswith(("#", "mailto:", "tel:", "javascript:")) or "{" in raw:
            continue
        parts = urlsplit(raw)
        if parts.scheme or parts.netloc:
            continue  # another site (or an absolute URL of this one: not used here)
        path = parts.path or base_path
        if not path.startswith("/"):
            path = base_path.rsplit("/", 1)[0] + "/" + path
        if path.startswith(SKIP_PREFIXES):
            continue
        out.append(path + (f"?{parts.query}" if parts.query else ""))
    return out


def _shape(url: str) -> tuple[str, str] | None:
    """(URL pattern, sorted parameter names), or None for a URL of no view."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)} - {"page"})
    if "page" in dict(parse_qsl(parts.query)):
        keys.append("page")
    return (match.route, "&".join(keys))


def _kind(url: str, content_type: str) -> tuple[str, float]:
    path = urlsplit(url).path
    if path == "/":
        return "home", LIST_LIMIT_MS
    if "html" not in content_type:
        return "file", LIMIT_MS
    name = resolve(path).url_name or ""
    if name.endswith("list") or name in {"list", "workload"} or name.endswith("_index"):
        return "list", LIST_LIMIT_MS
    return "page", LIMIT_MS


@dataclass
class Row:
    user: str
    role: str
    kind: str
    pattern: str
    url: str
    status: int
    median_ms: float
    cpu_ms: float
    db_ms: float
    queries: int
    limit_ms: float

    @property
    def flag(self) -> str:
        if self.status != 200:
            return f"status {self.status}"
        if self.median_ms > LIMIT_MS:
            return "OVER 100 ms"
        if self.median_ms > self.limit_ms:
            return f"over {self.limit_ms:.0f} ms"
        return ""


def _measure(client: Client, url: str, runs: int) -> tuple[int, float, int, object]:
    response = client.get(url)  # warm-up, and the page whose links are followed
    if response.status_code != 200:
        return response.status_code, (0.0, 0.0, 0.0), 0, response
    timings, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        r = client.get(url)
        if hasattr(r, "streaming_content"):
            b"".join(r.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
        if hasattr(r, "streaming_content"):
            b"".join(r.streaming_content)
    db_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    return (
        response.status_code,
        (statistics.median(timings), statistics.median(cpu), db_ms),
        len(ctx),
        response,
    )


def crawl(user, *, runs: int, depth: int, seen: set) -> list[Row]:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    rows: list[Row] = []
    frontier = ["/"]
    for level in range(depth + 1):
        next_frontier = []
        for url in frontier:
            shape = _shape(url)
            if shape is None or (user.role, shape) in seen:
                continue
            seen.add((user.role, shape))
            status, (median, cpu, db), queries, response = _measure(client, url, runs)
            content_type = response.get("Content-Type", "") if response else ""
            kind, limit = _kind(url, content_type) if status == 200 else ("page", LIMIT_MS)
            pattern = "/" + shape[0] + (f"?{shape[1]}" if shape[1] else "")
            rows.append(
                Row(
                    user.username,
                    user.role,
                    kind,
                    pattern,
                    url,
                    status,
                    median,
                    cpu,
                    db,
                    queries,
                    limit,
                )
            )
            if status == 200 and level < depth and "html" in content_type:
                html = response.content.decode("utf-8", "replace")
                next_frontier.extend(_links(html, urlsplit(url).path))
        frontier = next_frontier
    return rows


def _users(names: str) -> list:
    wanted = [n.strip() for n in names.split(",") if n.strip()] or DEMO_USERS
    found = {u.username: u for u in User.objects.filter(username__in=wanted, is_active=True)}
    return [found[n] for n in wanted if n in found]


def table(rows: list[Row]) -> str:
    lines = [
        "| user | kind | page (URL shape) | ms (median) | Python CPU ms | SQL ms | queries "
        "| target | flag |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.user} | {r.kind} | `{r.pattern}` | {r.median_ms:.1f} | {r.cpu_ms:.1f} "
            f"| {r.db_ms:.1f} | {r.queries} "
            f"| {r.limit_ms:.0f} | {r.flag} |"
        )
    return "\n".join(lines)


def run(*, stdout, runs: int = 5, depth: int = 2, users: str = "", **_options) -> list[Row]:
    load = os.getloadavg()
    stdout.write(
        f"pages: {runs} runs per page, depth {depth}, DEBUG={settings.DEBUG}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    rows: list[Row] = []
    for user in _users(users):
        seen: set = set()
        user_rows = crawl(user, runs=runs, depth=depth, seen=seen)
        rows.extend(user_rows)
        slow = [r for r in user_rows if r.flag]
        stdout.write(f"pages.{user.username}: {len(user_rows)} pages, {len(slow)} flagged")
    stdout.write(table(rows))
    over = [r for r in rows if r.status == 200 and r.median_ms > LIMIT_MS]
    load = os.getloadavg()
    stdout.write(
        f"pages: {len(rows)} pages, {len(over)} over {LIMIT_MS:.0f} ms, "
        f"{sum(1 for r in rows if r.flag)} flagged; load average {load[0]:.2f}"
    )
    return rows
