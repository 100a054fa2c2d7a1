"""The Signalen connector: signals for enforcement become incidents; their status goes back.

``signalen_fetch`` takes the signals in the mapped categories (SIGNALEN_CATEGORY_THEMES,
Signalen sub-category slug -> our theme code) with the states in SIGNALEN_STATUSES,
registers each as an incident with source "resident" through ``incident_create``
(under the connector's account, SIGNALEN_USERNAME), with its image attachments
through the one image intake, and links it (``SignalenLink``). A signal already linked
is skipped, so running it twice creates nothing twice. The resident's contact details
stay in Signalen, which answers the resident; only the report itself comes over.

``signalen_status_push`` writes the incident's status back (in behandeling -> 'b',
afgehandeld -> 'o'), queued by the ``incident.status_changed``/``incident.handled``
events; it sends each status once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.images import image_intake
from enforcement.models import Category, Incident, Theme
from enforcement.permissions import can_create_incident_on_behalf
from enforcement.services.incidents import MAX_PHOTOS, incident_create
from integrations.models import SignalenLink
from integrations.services.signalen_client import SignalenClient, SignalenError

logger = logging.getLogger(__name__)

# Our incident status -> Signalen state (signals.apps.signals.workflow).
STATE_FOR_STATUS = {Incident.Status.IN_PROGRESS: "b", Incident.Status.CLOSED: "o"}
STATE_TEXT = {
    "b": "De melding is in behandeling bij Toezicht en Handhaving.",
    "o": "De melding is afgehandeld door Toezicht en Handhaving.",
}


def signalen_configured() -> bool:
    return bool(settings.SIGNALEN_API_URL and settings.SIGNALEN_API_TOKEN)


def connector_actor():
    """The account incidents from Signalen are registered under (may register on behalf)."""
    user = (
        get_user_model().objects.filter(username=settings.SIGNALEN_USERNAME, is_active=True).first()
    )
    if user is None or not can_create_incident_on_behalf(user):
        raise ImproperlyConfigured(
            f"SIGNALEN_USERNAME={settings.SIGNALEN_USERNAME!r}: no active user who may "
            "register incidents on behalf of others."
        )
    return user


def category_themes() -> dict[str, Theme]:
    """Signalen sub-category slug -> our Theme, for the mapped themes that exist."""
    codes = settings.SIGNALEN_CATEGORY_THEMES
    themes = {t.code: t for t in Theme.objects.filter(code__in=set(codes.values()))}
    return {slug: themes[code] for slug, code in codes.items() if code in themes}


def _when(value) -> dt.datetime | None:
    parsed = parse_datetime(value) if isinstance(value, str) and value else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def signal_take_over(
    *,
    actor,
    signal_id: int,
    theme: Theme,
    category_name: str,
    text: str,
    occurred_at: dt.datetime | None,
    address: str,
    latitude: float | None,
    longitude: float | None,
    origin: str,
    source: str = Incident.Source.RESIDENT,
    photos=(),
) -> SignalenLink | None:
    """One signal as an incident with its link; None if it was already taken over."""
    if SignalenLink.objects.filter(signal_id=signal_id).exists():
        return None
    category = Category.objects.filter(theme=theme, name__iexact=category_name).first()
    now = timezone.now()
    try:
        with transaction.atomic():
            incident = incident_create(
                actor=actor,
                theme=theme,
                category=category,
                occurred_at=min(occurred_at, now) if occurred_at else None,
                address=address,
                latitude=latitude,
                longitude=longitude,
                description=f"Signalen-melding {signal_id}: {text}".strip(),
                source=source,
                photos=list(photos)[:MAX_PHOTOS],
            )
            return SignalenLink.objects.create(
                signal_id=signal_id, incident=incident, origin=origin
            )
    except IntegrityError:  # another run linked it at the same moment
        return None


def _location(signal: dict) -> tuple[str, float | None, float | None]:
    location = signal.get("location") or {}
    address = location.get("address_text") or ""
    if not address and isinstance(location.get("address"), dict):
        a = location["address"]
        address = " ".join(
            str(a.get(k) or "")
            for k in ("openbare_ruimte", "huisnummer", "huisletter", "postcode", "woonplaats")
        ).strip()
    coordinates = (location.get("geometrie") or {}).get("coordinates") or []
    if len(coordinates) == 2:
        return address, float(coordinates[1]), float(coordinates[0])  # GeoJSON: lon, lat
    return address, None, None


def _photos(client: SignalenClient, signal_id: int) -> list:
    photos = []
    for attachment in client.attachments(signal_id):
        if not attachment.get("is_image") or not attachment.get("location"):
            continue
        try:
            data = client.download(attachment["location"], max_bytes=settings.UPLOAD_MAX_BYTES)
            upload = io.BytesIO(data)
            upload.name = f"signalen-{signal_id}"
            photos.append(image_intake(upload))
        except (SignalenError, ValidationError) as exc:
            logger.warning("signal %s: attachment skipped: %s", signal_id, exc)
        if len(photos) == MAX_PHOTOS:
            break
    return photos


def signalen_fetch(*, client: SignalenClient | None = None) -> dict:
    """Take over the new signals for enforcement; returns counts (created, skipped, failed)."""
    counts = {"created": 0, "skipped": 0, "failed": 0}
    if client is None:
        if not signalen_configured():
            return counts
        client = SignalenClient.from_settings()
    mapping = category_themes()
    if not mapping:
        return counts
    actor = connector_actor()
    for signal in client.signals(
        category_slugs=sorted(mapping), statuses=settings.SIGNALEN_STATUSES
    ):
        signal_id = int(signal["id"])
        if SignalenLink.objects.filter(signal_id=signal_id).exists():
            counts["skipped"] += 1
            continue
        category = signal.get("category") or {}
        theme = mapping.get(category.get("sub_slug", ""))
        if theme is None:
            counts["skipped"] += 1
            continue
        address, latitude, longitude = _location(signal)
        try:
            link = signal_take_over(
                actor=actor,
                signal_id=signal_id,
                theme=theme,
                category_name=category.get("sub", ""),
                text=signal.get("text", ""),
                occurred_at=_when(signal.get("incident_date_start") or signal.get("created_at")),
                address=address,
                latitude=latitude,
                longitude=longitude,
                origin=SignalenLink.Origin.API,
                photos=_photos(client, signal_id) if signal.get("has_attachments", True) else [],
            )
        except ValidationError as exc:
            logger.warning("signal %s not taken over: %s", signal_id, "; ".join(exc.messages))
            counts["failed"] += 1
            continue
        counts["created" if link else "skipped"] += 1
    return counts


def signalen_status_push(*, link_id: int, client: SignalenClient | None = None) -> bool:
    """Write the incident's status back to Signalen once; returns whether it sent one."""
    with transaction.atomic():
        link = (
            SignalenLink.objects.select_for_update()
            .select_related("incident")
            .filter(pk=link_id)
            .first()
        )
        if link is None or link.origin != SignalenLink.Origin.API:
            return False
        state = STATE_FOR_STATUS.get(link.incident.status)
        if state is None or state == link.last_status_sent:
            return False
        client = client or SignalenClient.from_settings()
        client.status_patch(link.signal_id, state=state, text=STATE_TEXT[state])
        link.last_status_sent = state
        link.status_sent_at = timezone.now()
        link.save(update_fields=["last_status_sent", "status_sent_at"])
    return True
