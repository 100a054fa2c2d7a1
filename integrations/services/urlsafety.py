"""Refuse outgoing URLs that point into our own network (SSRF).

A webhook or Signalen address must be https and resolve only to public addresses;
private, link-local (cloud metadata), loopback, reserved and multicast addresses are
refused, at saving and again before every request (DNS may have changed since).
``WEBHOOK_ALLOW_LOOPBACK`` (tests, development) allows http and https to 127.0.0.1/::1.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _addresses(host: str, port: int) -> list[ipaddress._BaseAddress]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError(_("Het adres %(host)s is niet te vinden.") % {"host": host}) from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def url_check(url: str, *, field: str = "target_url") -> None:
    """Raise ValidationError (on ``field``) unless ``url`` is safe to send requests to."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or parts.scheme not in ("https", "http"):
        raise ValidationError({field: _("Geef een volledig https-adres op.")})
    if parts.username or parts.password:
        raise ValidationError(
            {field: _("Een adres met gebruikersnaam of wachtwoord erin kan niet.")}
        )
    allow_loopback = settings.WEBHOOK_ALLOW_LOOPBACK
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ValidationError({field: _("Het poortnummer in het adres klopt niet.")}) from exc
    try:
        addresses = _addresses(host, port)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    for address in addresses:
        if allow_loopback and address.is_loopback:
            continue
        if not address.is_global or address.is_multicast:
            raise ValidationError(
                {
                    field: _(
                        "Het adres %(host)s wijst naar een intern netwerkadres (%(ip)s); "
                        "dat is niet toegestaan."
                    )
                    % {"host": host, "ip": address}
                }
            )
    loopback_only = all(a.is_loopback for a in addresses)
    if parts.scheme != "https" and not (allow_loopback and loopback_only):
        raise ValidationError({field: _("Alleen https-adressen zijn toegestaan.")})
