"""Read-only queries of the registration domain."""

from __future__ import annotations

from enforcement import geo
from enforcement.models import Area


def area_for_point(*, lat: float, lon: float) -> Area | None:
    """The most specific active area (buurt before wijk) whose boundary holds the point."""
    candidates = Area.objects.filter(
        active=True,
        boundary__isnull=False,
        min_lat__lte=lat,
        max_lat__gte=lat,
        min_lon__lte=lon,
        max_lon__gte=lon,
    ).order_by("kind")  # "buurt" sorts before "wijk": the neighbourhood wins
    for area in candidates:
        if geo.contains(area.boundary, lat, lon):
            return area
    return None
