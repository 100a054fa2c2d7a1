"""Services that change registration state. Each is one transaction."""

from __future__ import annotations

from django.db import transaction

from enforcement import geo
from enforcement.models import Area


@transaction.atomic
def area_set_boundary(*, area: Area, boundary: dict | None) -> Area:
    """Set (or clear) an area's GeoJSON boundary and keep its bounding box in step."""
    if boundary is None:
        area.boundary = None
        area.min_lat = area.min_lon = area.max_lat = area.max_lon = None
    else:
        geo.validate_boundary(boundary)
        area.boundary = boundary
        area.min_lat, area.min_lon, area.max_lat, area.max_lon = geo.bbox(boundary)
    area.save(update_fields=["boundary", "min_lat", "min_lon", "max_lat", "max_lon"])
    return area
