"""The installable web app: manifest, service worker and the page for 'no connection'.

The service worker must be served from the site root to control every page
(``Service-Worker-Allowed: /``), never from a CDN, and always revalidated so a
new version reaches the devices. Its code lives in static/js/sw.js; this view
prefixes the URLs of the static files it needs (hashed names in production).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Static files the offline pages need; the worker keeps them on install. Every script
# and style sheet of a kept page must be here (enforcement/tests/test_offline_shell.py).
SHELL_STATIC = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "css/app.css",
    "css/touch.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/htmx/htmx.min.js",
    "js/app.js",
    "js/queue-core.js",
    "js/offline.js",
    "js/incident_form.js",
    "js/effort_split.js",
    # The list of my registrations: its map says offline that it needs a connection.
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js",
    "js/map_tiles.js",
    "js/incident_map.js",
    "icons/icon-192.png",
    "icons/apple-touch-icon.png",
]


def _read_static(name: str) -> str:
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read().decode("utf-8")
    path = finders.find(name)  # development and tests: straight from static/
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _shell_urls() -> list[str]:
    urls = []
    for name in SHELL_STATIC:
        try:
            urls.append(static(name))
        except ValueError:  # not collected (a missing optional file): left out
            continue
    return urls


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    config = {
        "core": static("js/queue-core.js"),
        "offline": reverse("offline"),
        "status": reverse("enforcement:offline_status"),
        "shell": _shell_urls(),
        "static": settings.STATIC_URL,
    }
    body = f"self.HH_CONFIG = {json.dumps(config)};\n" + _read_static("js/sw.js")
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": _("Handhaving OOV"),
        "short_name": _("Handhaving"),
        "description": _("Meldingen, overtredingen en diensten van de boa's"),
        "lang": "nl",
        "start_url": "/",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


THEME_COLOUR = "#0d6efd"  # Bootstrap's primary: the colour of the menu bar


@require_GET
def offline_fallback(request: HttpRequest) -> HttpResponse:
    """Shown by the worker for a page it has not kept; holds nobody's data."""
    return render(request, "offline.html")
