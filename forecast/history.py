"""What the forecast learns from: the registration, aggregated in SQL.

Incidents are counted per theme, district (wijk: the area itself, or the wijk a buurt lies
in) and week (Monday 00:00 to Sunday 24:00, local time) in one GROUP BY over the period;
the monthly rollups of reports do not fit (weeks cross months), and the index on
``occurred_at`` keeps the scan to the years asked for. Hotspots count the incidents with a
location per grid cell of about 250 m.
"""

# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

CELL_METRES = 250
BLOCK_HOURS = 4  # time-of-day blocks: 00-04, 04-08, ..., 20-24

DISTRICT_SQL = "CASE WHEN a.kind = 'wijk' THEN a.id ELSE a.parent_id END"


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def weekly_counts(*, start: dt.date, end: dt.date) -> dict[tuple[int, int], dict[dt.date, int]]:
    """{(theme_id, district_id): {monday: incidents}} for the weeks from ``start`` (a Monday)
    up to ``end`` (a Monday, not included)."""
    sql = f"""
        SELECT i.theme_id, {DISTRICT_SQL} AS district_id,
               date_trunc('week', i.occurred_at AT TIME ZONE %s)::date AS week, COUNT(*)
        FROM enforcement_incident i JOIN enforcement_area a ON a.id = i.area_id
        WHERE i.occurred_at >= %s AND i.occurred_at < %s
        GROUP BY 1, 2, 3
    """  # nosec B608: constant SQL, values as parameters
    out: dict[tuple[int, int], dict[dt.date, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [settings.TIME_ZONE, _local_midnight(start), _local_midnight(end)])
        for theme_id, district_id, week, n in cursor.fetchall():
            if district_id is not None:
                out[(theme_id, district_id)][week] = n
    return out


def cell_size() -> tuple[float, float]:
    """Degrees of latitude and longitude of a grid cell in the municipality."""
    min_lat, _, max_lat, _ = settings.MUNICIPALITY_BBOX
    mid = math.radians((min_lat + max_lat) / 2)
    dlat = CELL_METRES / 111_320
    return dlat, CELL_METRES / (111_320 * math.cos(mid))


def cell_counts(*, recent_from: dt.date, before_from: dt.date, end: dt.date) -> list[tuple]:
    """Per theme and grid cell: incidents from ``recent_from`` to ``end`` and in the year
    before, the cell's district, and the recent incidents per weekday and time block.

    Rows: (theme_id, row, col, district_id, recent, before, weekday, block, n_recent)."""
    min_lat, min_lon, _, _ = settings.MUNICIPALITY_BBOX
    dlat, dlon = cell_size()
    sql = f"""
        WITH located AS (
            SELECT i.theme_id,
                   floor((i.latitude - %s) / %s)::int AS r,
                   floor((i.longitude - %s) / %s)::int AS c,
                   {DISTRICT_SQL} AS district_id,
                   i.occurred_at >= %s AS recent,
                   (extract(isodow FROM i.occurred_at AT TIME ZONE %s)::int - 1) AS weekday,
                   (extract(hour FROM i.occurred_at AT TIME ZONE %s)::int / {BLOCK_HOURS}) AS block
            FROM enforcement_incident i JOIN enforcement_area a ON a.id = i.area_id
            WHERE i.occurred_at >= %s AND i.occurred_at < %s AND i.latitude IS NOT NULL
        )
        SELECT theme_id, r, c, MIN(district_id), recent, weekday, block, COUNT(*)
        FROM located GROUP BY theme_id, r, c, recent, weekday, block
    """  # nosec B608: constant SQL, values as parameters
    params = [
        min_lat, dlat, min_lon, dlon, _local_midnight(recent_from), settings.TIME_ZONE,
        settings.TIME_ZONE, _local_midnight(before_from), _local_midnight(end),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def team_districts(*, start: dt.date, end: dt.date) -> list[tuple[int, int, int]]:
    """(team_id, district_id, incidents) from ``start`` to ``end``."""
    sql = f"""
        SELECT i.team_id, {DISTRICT_SQL} AS district_id, COUNT(*)
        FROM enforcement_incident i JOIN enforcement_area a ON a.id = i.area_id
        WHERE i.occurred_at >= %s AND i.occurred_at < %s AND i.team_id IS NOT NULL
        GROUP BY 1, 2
    """  # nosec B608: constant SQL, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [_local_midnight(start), _local_midnight(end)])
        return [r for r in cursor.fetchall() if r[1] is not None]
