"""The security headers' policies, read by config.settings: the Content-Security-Policy
(django-csp 4) and the Permissions-Policy (config.middleware.PermissionsPolicyMiddleware).
docs/security.md lists each directive."""

from urllib.parse import urlsplit

from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF


def _origin(url: str) -> list[str]:
    """``https://host:port`` of an absolute URL (nothing for a relative one)."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy (django-csp 4): scripts, styles, connections, workers and the
# manifest from this site only; no inline script or style anywhere (templates put them in
# static files). Images also from the map tile server (Leaflet) and data:/blob: (photo
# previews). docs/security.md lists each directive.
def content_security_policy(*, map_tile_url: str) -> dict:
    return {
        "DIRECTIVES": {
            "default-src": [CSP_SELF],
            "script-src": [CSP_SELF],
            "style-src": [CSP_SELF],
            "img-src": [CSP_SELF, "data:", "blob:", *_origin(map_tile_url)],
            "connect-src": [CSP_SELF],
            "worker-src": [CSP_SELF],
            "manifest-src": [CSP_SELF],
            "object-src": [CSP_NONE],
            "base-uri": [CSP_SELF],
            "frame-ancestors": [CSP_NONE],
            "form-action": [CSP_SELF],
        },
    }


# Permissions-Policy (config.middleware.PermissionsPolicyMiddleware): the boa's phone may
# give this site its location and camera; nothing else, and no other origin anything.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": ["self"],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "display-capture": [],
    "browsing-topics": [],
}
