"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): what the intake maps.

- A service is a theme (``t-<id>``) or one of its categories (``c-<id>``).
- A service request is an incident from a resident or partner (the sources that have
  a reporter); its id is the incident's reference, its status open or closed.
- GET answers carry no personal data: no reporter, no free text (a description may
  name people), the street without its house number, the location rounded to about
  100 metres (3 decimals).
- A list reaches at most the last 90 days (the span of start_date and end_date too)
  and at most 1,000 requests, as the standard says.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement.models import Category, Incident, Theme
from enforcement.services.incidents import SOURCES_WITH_REPORTER

MAX_DAYS = 90
MAX_REQUESTS = 1000
COORDINATE_DECIMALS = 3
OPEN = "open"
CLOSED = "closed"
STATUSES = {
    OPEN: [Incident.Status.NEW, Incident.Status.IN_PROGRESS],
    CLOSED: [Incident.Status.CLOSED],
}
ATTRIBUTE_SOURCE = "bron"
_CODE = re.compile(r"^([tc])-(\d{1,9})$")
_HOUSE_NUMBER = re.compile(r"\s+\d.*$")


def service_code(theme: Theme, category: Category | None = None) -> str:
    return f"c-{category.pk}" if category is not None else f"t-{theme.pk}"


def services() -> list[dict]:
    """Every active theme and category as an Open311 service."""
    out = []
    categories: dict[int, list[Category]] = {}
    for category in Category.objects.filter(active=True).order_by("name"):
        categories.setdefault(category.theme_id, []).append(category)
    for theme in Theme.objects.filter(active=True).order_by("order", "name"):
        out.append(_service(theme, None))
        out.extend(_service(theme, c) for c in categories.get(theme.pk, []))
    return out


def _service(theme: Theme, category: Category | None) -> dict:
    return {
        "service_code": service_code(theme, category),
        "service_name": category.name if category else theme.name,
        "description": f"{theme.name}: {category.name}" if category else theme.name,
        "metadata": True,
        "type": "realtime",
        "keywords": theme.code,
        "group": theme.name,
    }


def service_for(code: str) -> tuple[Theme, Category | None] | None:
    """The (theme, category) of an active service code, else None."""
    match = _CODE.match(code or "")
    if not match:
        return None
    kind, pk = match.group(1), int(match.group(2))
    if kind == "t":
        theme = Theme.objects.filter(pk=pk, active=True).first()
        return (theme, None) if theme else None
    category = (
        Category.objects.filter(pk=pk, active=True, theme__active=True)
        .select_related("theme")
        .first()
    )
    return (category.theme, category) if category else None


def definition(code: str) -> dict:
    """The service definition: one optional attribute, who reports (resident or partner)."""
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": ATTRIBUTE_SOURCE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "Wie meldt: een bewoner (standaard) of een partner.",
                "order": 1,
                "description": "Bron van de melding",
                "values": [
                    {"key": Incident.Source.RESIDENT.value, "name": "Bewoner"},
                    {"key": Incident.Source.PARTNER.value, "name": "Partner"},
                ],
            }
        ],
    }


def source_from(value: str) -> str | None:
    value = (value or Incident.Source.RESIDENT).strip()
    return value if value in SOURCES_WITH_REPORTER else None


def requests_visible() -> QuerySet:
    """The incidents Open311 lists: those a resident or partner reported."""
    return Incident.objects.filter(source__in=SOURCES_WITH_REPORTER).select_related(
        "theme", "category"
    )


def window(start: dt.datetime | None, end: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """The period a list covers: the last 90 days unless given; ValueError if longer."""
    span = dt.timedelta(days=MAX_DAYS)
    if start and end:
        if end < start:
            raise ValueError(_("end_date ligt voor start_date."))
        if end - start > span:
            raise ValueError(
                _("start_date en end_date liggen meer dan %(days)s dagen uit elkaar.")
                % {"days": MAX_DAYS}
            )
        return start, end
    if start:
        return start, start + span
    end = end or timezone.now()
    return end - span, end


def _street(address: str) -> str:
    return _HOUSE_NUMBER.sub("", address or "").strip()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def _w3c(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def request_answer(incident: Incident) -> dict:
    """One service request as GET answers it: nothing that names or locates a person."""
    status = CLOSED if incident.status == Incident.Status.CLOSED else OPEN
    return {
        "service_request_id": incident.reference,
        "status": status,
        "status_notes": "",
        "service_name": incident.category.name if incident.category else incident.theme.name,
        "service_code": service_code(incident.theme, incident.category),
        "description": "",
        "agency_responsible": "Handhaving OOV",
        "service_notice": "",
        "requested_datetime": _w3c(incident.reported_at),
        "updated_datetime": _w3c(incident.updated_at),
        "expected_datetime": None,
        "address": _street(incident.address),
        "address_id": "",
        "zipcode": "",
        "lat": _round(incident.latitude),
        "long": _round(incident.longitude),
        "media_url": "",
    }
