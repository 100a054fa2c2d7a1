"""Incident views, by subdomain; enforcement/urls/incidents.py reaches them as 'views'."""

from .lists import (
    MAP_MAX_POINTS,
    incident_export_view,
    incident_list_view,
)
from .records import (
    incident_detail_view,
    incident_photo_view,
    incident_photos_add_view,
    incident_status_view,
)
from .registration import (
    incident_address_suggest_view,
    incident_create_view,
    incident_nearby_view,
)

__all__ = [
    "MAP_MAX_POINTS",
    "incident_address_suggest_view",
    "incident_create_view",
    "incident_detail_view",
    "incident_export_view",
    "incident_list_view",
    "incident_nearby_view",
    "incident_photo_view",
    "incident_photos_add_view",
    "incident_status_view",
]
