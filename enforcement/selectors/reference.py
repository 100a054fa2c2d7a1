"""Read-only queries of the registration domain."""

from __future__ import annotations

import math

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet

from enforcement import geo
from enforcement.models import Address, Area, Category, Incident, Offence, Theme


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


def reference_list(
    *,
    model: type[models.Model],
    search: str = "",
    active: bool | None = None,
    area_kind: str = "",
) -> QuerySet:
    """Reference entries for the management lists, with what each row shows loaded up front."""
    qs = model.objects.all()
    if model is Area:
        qs = qs.select_related("parent")
        fields = ("code", "name")
    elif model is Theme:
        qs = qs.prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("-active", "name"))
        )
        fields = ("code", "name", "categories__name")
    elif model is Category:
        qs = qs.select_related("theme")
        fields = ("name", "theme__name")
    elif model is Offence:
        qs = qs.select_related("theme", "default_intervention", "group")
        fields = ("code", "description", "legal_basis")
    else:
        fields = ("code", "name")
    if search:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": search})
        qs = qs.filter(condition).distinct()
    if active is not None:
        qs = qs.filter(active=active)
    if model is Area and area_kind in Area.Kind.values:
        qs = qs.filter(kind=area_kind)
    return qs


def reference_overview() -> dict[str, int]:
    """Figures for the functional admin's home panel."""
    areas = Area.objects.aggregate(
        inactive=Count("pk", filter=Q(active=False)),
        without_boundary=Count("pk", filter=Q(active=True, boundary__isnull=True)),
        total=Count("pk"),
    )
    return {
        "areas_inactive": areas["inactive"],
        "areas_without_boundary": areas["without_boundary"],
        "areas_total": areas["total"],
        "themes_without_categories": Theme.objects.filter(active=True)
        .exclude(categories__active=True)
        .count(),
        "offences_without_amount": Offence.objects.filter(
            active=True, default_amount__isnull=True, default_intervention__needs_amount=True
        ).count(),
    }


SUGGEST_RADIUS_M = 25


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two nearby points (equirectangular: exact enough within a town)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


def address_nearest(*, latitude: float, longitude: float, radius_m: float = SUGGEST_RADIUS_M):
    """The nearest known address within ``radius_m``: from the municipality's address list,
    else the address of an earlier registration there. (address, metres, source) or None."""
    dlat = radius_m / 111_320
    dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
    box = {
        "latitude__gte": latitude - dlat,
        "latitude__lte": latitude + dlat,
        "longitude__gte": longitude - dlon,
        "longitude__lte": longitude + dlon,
    }
    for source, rows in (
        (
            "bag",
            Address.objects.filter(**box).values_list("latitude", "longitude", "street", "number"),
        ),
        (
            "earlier",
            Incident.objects.filter(**box)
            .exclude(address="")
            .order_by("-reported_at")
            .values_list("latitude", "longitude", "address")[:200],
        ),
    ):
        best = None
        for lat, lon, *text in rows:
            metres = _distance_m(latitude, longitude, lat, lon)
            if metres <= radius_m and (best is None or metres < best[1]):
                best = (" ".join(str(t) for t in text), metres)
        if best is not None:
            return best[0], round(best[1]), source
    return None
