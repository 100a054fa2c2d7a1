"""Small geometry helpers on GeoJSON (WGS84, lon/lat order), no GIS stack needed."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _


def _ring_contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(_("geen Polygon of MultiPolygon maar %(kind)r") % {"kind": kind})


def validate_boundary(geometry: dict) -> None:
    """Raise ValueError with a Dutch message when ``geometry`` is no usable polygon."""
    try:
        polygons = _polygons(geometry)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(_("De grens is geen geldige GeoJSON-geometrie.")) from exc
    for polygon in polygons:
        if not polygon or len(polygon[0]) < 4:
            raise ValueError(_("Een polygoon heeft minstens vier punten nodig (eerste = laatste)."))
        for ring in polygon:
            for point in ring:
                if len(point) < 2 or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
                    raise ValueError(
                        _("De grens bevat een coördinaat buiten het bereik (lengte, breedte).")
                    )


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Whether the point lies inside the polygon(s), holes excluded."""
    for polygon in _polygons(geometry):
        outer, holes = polygon[0], polygon[1:]
        if _ring_contains(outer, lon, lat) and not any(_ring_contains(h, lon, lat) for h in holes):
            return True
    return False


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) of the geometry."""
    points = [p for polygon in _polygons(geometry) for ring in polygon for p in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def rectangle(min_lat: float, min_lon: float, max_lat: float, max_lon: float) -> dict:
    """A GeoJSON Polygon for a lat/lon rectangle (used by demo and generated data)."""
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [min_lon, min_lat],
                [max_lon, min_lat],
                [max_lon, max_lat],
                [min_lon, max_lat],
                [min_lon, min_lat],
            ]
        ],
    }


def reverse_geocode(*, url: str, latitude: float, longitude: float, timeout: float = 3.0):
    """The nearest address from an online reverse geocoder (PDOK Locatieserver's
    ``/reverse`` API) as (address, metres), or None. Only called when GEOCODER_URL is set."""
    import json
    import urllib.parse
    import urllib.request

    query = urllib.parse.urlencode(
        {"lat": f"{latitude:.6f}", "lon": f"{longitude:.6f}", "rows": 1, "type": "adres"}
    )
    if not url.lower().startswith(("https://", "http://")):
        return None  # GEOCODER_URL is a setting; only a web address is ever opened
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=timeout) as response:  # noqa: S310  # nosec B310: GEOCODER_URL from settings, scheme checked above
            docs = json.load(response).get("response", {}).get("docs", [])
    except (OSError, ValueError):
        return None
    if not docs or not docs[0].get("weergavenaam"):
        return None
    return docs[0]["weergavenaam"], round(float(docs[0].get("afstand") or 0))
