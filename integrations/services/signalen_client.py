"""A small client for Signalen's private API (Amsterdam/signals, ``/signals/v1/private/``).

What it uses, as Signalen serves it:

- ``GET /signals/v1/private/signals/?category_slug=<sub>&status=<state>`` (both
  repeatable), a HAL page ``{"_links": {"next": {"href": ...}}, "count", "results"}``;
- a signal: ``id``, ``text``, ``incident_date_start``, ``created_at``,
  ``category {main, main_slug, sub, sub_slug}``, ``location {address_text, address,
  geometrie {type: Point, coordinates: [lon, lat]}}``, ``status {state, state_display}``;
- ``GET /signals/v1/private/signals/<id>/attachments/``: results with ``location`` (the
  file's URL) and ``is_image``;
- ``PATCH /signals/v1/private/signals/<id>`` with ``{"status": {"state": "o", "text": ...}}``.

Authentication is ``Authorization: Bearer <SIGNALEN_API_TOKEN>``. Every URL the API
hands back (next pages, attachment files) must lie under SIGNALEN_API_URL's host.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import requests
from django.conf import settings

PRIVATE = "/signals/v1/private/signals/"
MAX_PAGES = 200


class SignalenError(Exception):
    """Signalen could not be reached or answered unexpectedly."""


class SignalenClient:
    def __init__(self, *, base_url: str, token: str, timeout: float = 10):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        )
        self._origin = urlsplit(self.base_url)[:2]

    @classmethod
    def from_settings(cls) -> SignalenClient:
        return cls(
            base_url=settings.SIGNALEN_API_URL,
            token=settings.SIGNALEN_API_TOKEN,
            timeout=settings.SIGNALEN_TIMEOUT_SECONDS,
        )

    def _url(self, url: str) -> str:
        if url.startswith("/"):
            url = self.base_url + url
        if urlsplit(url)[:2] != self._origin:
            raise SignalenError(f"URL outside the Signalen API: {url}")
        return url

    def _request(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            response = self.session.request(
                method, self._url(url), timeout=self.timeout, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            raise SignalenError(f"{method} {url}: {exc}") from exc
        if response.status_code >= 300:
            raise SignalenError(f"{method} {url}: HTTP {response.status_code}")
        return response

    def _pages(self, url: str, params=None) -> Iterator[dict]:
        for _page in range(MAX_PAGES):
            data = self._request("GET", url, params=params).json()
            yield from data.get("results", [])
            url = ((data.get("_links") or {}).get("next") or {}).get("href")
            if not url:
                return
            params = None  # the next link carries the query

    def signals(self, *, category_slugs: list[str], statuses: list[str]) -> Iterator[dict]:
        params = [("category_slug", s) for s in category_slugs] + [("status", s) for s in statuses]
        params.append(("ordering", "created_at"))
        return self._pages(PRIVATE, params)

    def attachments(self, signal_id: int) -> list[dict]:
        return list(self._pages(f"{PRIVATE}{signal_id}/attachments/"))

    def download(self, url: str, *, max_bytes: int) -> bytes:
        response = self._request("GET", url, stream=True)
        data = response.raw.read(max_bytes + 1, decode_content=True)
        if len(data) > max_bytes:
            raise SignalenError(f"attachment larger than {max_bytes} bytes: {url}")
        return data

    def status_patch(self, signal_id: int, *, state: str, text: str) -> dict:
        body = {"status": {"state": state, "text": text}}
        return self._request("PATCH", f"{PRIVATE}{signal_id}", json=body).json()
