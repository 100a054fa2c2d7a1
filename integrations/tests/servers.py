"""Real local HTTP servers for the tests: a webhook receiver and a Signalen stand-in.

The stand-in follows Signalen's private API (Amsterdam/signals: ``signals.apps.api``,
its JSON schemas in ``api/tests/json_schema``): HAL pages of signals filtered by
``category_slug`` and ``status``, an attachments list per signal whose ``location``
is the file's URL, and ``PATCH /signals/v1/private/signals/<id>`` with a status.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class _Server:
    handler: type[BaseHTTPRequestHandler]

    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"", content_type="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _ReceiverHandler(_Quiet):
    def do_POST(self):
        owner = self.server.owner
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with owner.lock:
            owner.received.append((dict(self.headers), body))
            code = owner.codes.pop(0) if owner.codes else 200
        self._send(code, b"{}")


class WebhookReceiver(_Server):
    """Records every POST; answers the status codes in ``codes`` in turn, then 200."""

    handler = _ReceiverHandler

    def __init__(self, codes: list[int] | None = None):
        self.codes = list(codes or [])
        self.received: list[tuple[dict, bytes]] = []
        self.lock = threading.Lock()


class _SignalenHandler(_Quiet):
    def _authorised(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {self.server.owner.token}":
            self._send(401, b'{"detail": "Authentication credentials were not provided."}')
            return False
        return True

    def do_GET(self):
        owner = self.server.owner
        if not self._authorised():
            return
        parts = urlsplit(self.path)
        path = parts.path
        if path.startswith("/files/"):
            data = owner.files.get(path)
            return self._send(200, data, "image/jpeg") if data else self._send(404)
        segments = [s for s in path.split("/") if s]
        if segments[:4] != ["signals", "v1", "private", "signals"]:
            return self._send(404)
        if len(segments) == 4:
            return self._list(parse_qs(parts.query))
        signal = owner.signals.get(int(segments[4])) if segments[4].isdigit() else None
        if signal is None:
            return self._send(404)
        if segments[5:] == ["attachments"]:
            results = [
                {
                    "_display": f"Attachment object ({i})",
                    "_links": {"self": {"href": owner.url + f}},
                    "location": owner.url + f,
                    "is_image": True,
                    "created_at": signal["created_at"],
                    "created_by": None,
                    "public": False,
                    "caption": None,
                }
                for i, f in enumerate(owner.attachments.get(signal["id"], []))
            ]
            return self._page(results, None)
        return self._send(200, json.dumps(signal).encode())

    def _list(self, query: dict):
        owner = self.server.owner
        owner.queries.append(query)
        slugs = set(query.get("category_slug", []))
        states = set(query.get("status", []))
        found = [
            s
            for s in sorted(owner.signals.values(), key=lambda s: s["created_at"])
            if (not slugs or s["category"]["sub_slug"] in slugs)
            and (not states or s["status"]["state"] in states)
        ]
        page = int(query.get("page", ["1"])[0])
        size = owner.page_size
        chunk = found[(page - 1) * size : page * size]
        next_href = None
        if page * size < len(found):
            params = "&".join(f"{k}={v}" for k, vs in query.items() if k != "page" for v in vs)
            next_href = f"{owner.url}/signals/v1/private/signals/?{params}&page={page + 1}"
        return self._page(chunk, next_href, count=len(found))

    def _page(self, results, next_href, count=None):
        body = {
            "_links": {
                "self": {"href": self.server.owner.url + self.path},
                "next": {"href": next_href},
                "previous": {"href": None},
            },
            "count": len(results) if count is None else count,
            "results": results,
        }
        self._send(200, json.dumps(body).encode())

    def do_PATCH(self):
        owner = self.server.owner
        if not self._authorised():
            return
        segments = [s for s in urlsplit(self.path).path.split("/") if s]
        signal = owner.signals.get(int(segments[4])) if len(segments) == 5 else None
        if signal is None:
            return self._send(404)
        data = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        state = data["status"]["state"]
        if state == "o" and not data["status"].get("text"):
            return self._send(400, b'{"status": ["Een toelichting is verplicht."]}')
        owner.patches.append((signal["id"], data))
        signal["status"] = {
            "text": data["status"].get("text"),
            "user": "handhaving@gemeente.example",
            "state": state,
            "state_display": {"b": "In behandeling", "o": "Afgehandeld"}.get(state, state),
            "extra_properties": None,
            "created_at": "2026-12-01T10:00:00+01:00",
        }
        self._send(200, json.dumps(signal).encode())


class SignalenStandIn(_Server):
    handler = _SignalenHandler

    def __init__(self, *, token: str = "test-token", page_size: int = 2):
        self.token = token
        self.page_size = page_size
        self.signals: dict[int, dict] = {}
        self.attachments: dict[int, list[str]] = {}
        self.files: dict[str, bytes] = {}
        self.patches: list[tuple[int, dict]] = []
        self.queries: list[dict] = []

    def add_signal(
        self,
        signal_id: int,
        *,
        sub_slug: str,
        sub: str,
        state: str = "m",
        lat: float = 52.36,
        lon: float = 4.95,
        text: str = "Overlast",
        photos: list[bytes] = (),
    ) -> dict:
        signal = {
            "_links": {
                "self": {"href": f"/signals/v1/private/signals/{signal_id}"},
                "sia:attachments": {"href": f"/signals/v1/private/signals/{signal_id}/attachments"},
            },
            "_display": f"{signal_id} - {state} - 1011AB - 2026-12-01T09:00:00+01:00",
            "id": signal_id,
            "signal_id": f"00000000-0000-0000-0000-{signal_id:012d}",
            "source": "online",
            "text": text,
            "text_extra": "",
            "incident_date_start": "2026-12-01T09:00:00+01:00",
            "incident_date_end": None,
            "created_at": f"2026-12-01T09:{signal_id % 60:02d}:00+01:00",
            "has_attachments": bool(photos),
            "category": {
                "sub": sub,
                "sub_slug": sub_slug,
                "main": "Overlast in de openbare ruimte",
                "main_slug": "overlast-in-de-openbare-ruimte",
                "departments": "THO",
            },
            "location": {
                "id": signal_id,
                "stadsdeel": "A",
                "buurt_code": "A00a",
                "address": {
                    "openbare_ruimte": "Markt",
                    "huisnummer": 1,
                    "huisletter": "",
                    "huisnummer_toevoeging": "",
                    "postcode": "1011AB",
                    "woonplaats": "Voorbeeld",
                },
                "address_text": "Markt 1 1011AB Voorbeeld",
                "geometrie": {"type": "Point", "coordinates": [lon, lat]},
                "bag_validated": True,
            },
            "status": {
                "text": None,
                "user": None,
                "state": state,
                "state_display": state,
                "extra_properties": None,
                "created_at": "2026-12-01T09:00:00+01:00",
            },
            "reporter": {
                "email": "bewoner@example.org",
                "phone": "0612345678",
                "sharing_allowed": False,
                "allows_contact": True,
            },
            "priority": {"priority": "normal", "created_by": None},
            "notes": [],
            "type": {"code": "SIG", "created_at": "2026-12-01T09:00:00+01:00", "created_by": None},
        }
        self.signals[signal_id] = signal
        for i, data in enumerate(photos):
            path = f"/files/{signal_id}-{i}.jpg"
            self.files[path] = data
            self.attachments.setdefault(signal_id, []).append(path)
        return signal
