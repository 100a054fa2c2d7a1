"""Patterns the generated registration holds, so the forecast has something true to find.

The base generator (``__init__``) spreads incidents over days by month, weekday and a
slow trend, and over hours by a daily curve with weekend nights. On top of that:

- **per theme and season** (``THEME_SEASON``): overlast and horeca peak in summer, afval
  after Christmas and in spring, jeugd in the school holidays (region Noord,
  ``accounts.calendar_nl``);
- **holidays**: New Year's Eve and the night after (fireworks: overlast, jeugd,
  drugs-alcohol several times a normal day), Koningsdag (horeca, drugs-alcohol), fewer
  parking and waste reports on public holidays;
- **a few emerging hotspots** (``emerging_hotspots``): places that start drawing a
  theme's incidents some weeks before today and draw more every week.

Deterministic per seed, like the rest of the generator.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from django.conf import settings

from accounts import calendar_nl


def _summer(day: dt.date) -> float:
    """0 in winter, 1 at the end of July, smooth."""
    return 0.5 + 0.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 205) / 365.25)


def _factor(code: str, day: dt.date) -> float:
    summer = _summer(day)
    school = calendar_nl.is_school_holiday(day)
    holiday = calendar_nl.is_public_holiday(day)
    new_year = calendar_nl.is_new_year_window(day)
    kings = holiday and day.month == 4 and day.day in (26, 27)
    if code == "overlast":
        f = 0.75 + 0.7 * summer
        return f * (4.0 if new_year else 1.0)
    if code == "jeugd":
        f = (1.7 if school else 0.9) * (0.9 + 0.2 * summer)
        return f * (5.0 if new_year else 1.0)
    if code == "horeca":
        f = 0.7 + 0.8 * summer
        return f * (3.5 if kings else 1.0) * (2.0 if new_year else 1.0)
    if code == "drugs-alcohol":
        f = 0.9 + 0.3 * summer
        return f * (3.0 if kings else 1.0) * (3.0 if new_year else 1.0)
    if code == "afval":
        after_xmas = (day.month == 12 and day.day >= 27) or (day.month == 1 and day.day <= 8)
        spring = 0.25 * math.exp(-(((day.timetuple().tm_yday - 100) / 25) ** 2))
        return (1.0 + spring) * (1.8 if after_xmas else 1.0) * (0.6 if holiday else 1.0)
    if code == "parkeren":
        return (1.1 - 0.2 * summer) * (0.5 if holiday else 1.0)
    return 1.0


def theme_cum(day: dt.date, themes, base_cum: list[float]) -> list[float]:
    """Cumulative theme weights of ``day``: the base mix times each theme's season."""
    out, total, prev = [], 0.0, 0.0
    for theme, cum in zip(themes, base_cum, strict=True):
        total += (cum - prev) * _factor(theme.code, day)
        prev = cum
        out.append(total)
    return out


def adjust_day_weights(days: list[dt.date], weights: list[float], themes, base_cum) -> list[float]:
    """Scale each day's volume by how much the themes' seasons add up to that day."""
    base_total = base_cum[-1] if base_cum else 1.0
    return [
        w * theme_cum(d, themes, base_cum)[-1] / base_total
        for d, w in zip(days, weights, strict=True)
    ]


def emerging_hotspots(*, seed: int, today: dt.date, themes) -> list[dict]:
    """Three places that began drawing incidents of one theme 3, 6 and 10 weeks ago."""
    rng = random.Random(seed * 7919 + 19)
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    by_code = {t.code: t.pk for t in themes}
    spots = []
    for weeks, code, street in (
        (10, "overlast", "Kade"),
        (6, "jeugd", "Plein"),
        (3, "afval", "Hof"),
    ):
        if code not in by_code:
            continue
        spots.append(
            {
                "theme_id": by_code[code],
                "start": today - dt.timedelta(weeks=weeks),
                "lat": min_lat + (max_lat - min_lat) * (0.15 + 0.7 * rng.random()),
                "lon": min_lon + (max_lon - min_lon) * (0.15 + 0.7 * rng.random()),
                "address": f"Nieuwe {street} {rng.randint(1, 60)}",
            }
        )
    return spots


def emerging_location(rng: random.Random, day: dt.date, theme_id: int, spots: list[dict]):
    """(lat, lon, address) at an emerging hotspot for this incident, or None.

    A spot draws a growing share of its theme's incidents: 4% in its first week, up to
    30% after seven weeks."""
    for spot in spots:
        if spot["theme_id"] != theme_id or day < spot["start"]:
            continue
        weeks = (day - spot["start"]).days / 7
        if rng.random() < min(0.30, 0.04 * (1 + weeks)):
            return (
                spot["lat"] + rng.gauss(0, 0.0003),
                spot["lon"] + rng.gauss(0, 0.0005),
                spot["address"],
            )
    return None
