"""Volume data for registration: a municipality over ten years, loaded with COPY.

    python manage.py generate_data --scale small|medium|large --seed N

Areas (20 wijken, 80 buurten inside MUNICIPALITY_BBOX), teams and boa's,
incidents with seasonality, evening and weekend peaks and hot spots, patrol
logs with effort split over themes (planned / reactive), violations with
repeat offenders. Everything streams day by day in time order, so reference
numbers are consecutive per year, and the counters end at the maximum.
Deterministic per seed. Run it on an empty registration (it refuses to run twice).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from enforcement.models import Category, Incident, InterventionType, Offence, Theme

from . import patterns
from .bulk import CopyBuffer, _create_indexes, _drop_indexes, _set_counters, set_sequence
from .reference import GEN_PREFIX, _areas, _seed_reference, _teams_and_users
from .scales import SCALES, Scale
from .stream import _cum, _stream
from .vocabulary import HOUR_WEIGHT, MONTH_WEIGHT, STREETS, WEEKDAY_WEIGHT, WEEKEND_NIGHT_HOURS

__all__ = ["SCALES", "Scale", "generate"]


def generate(*, scale: str, seed: int, stdout) -> None:
    spec = SCALES[scale]
    if User.objects.filter(username__startswith=f"{GEN_PREFIX}boa-").exists():
        stdout.write("  registratie: gegenereerde gegevens staan er al; niets gedaan.")
        return
    t0 = time.monotonic()
    _seed_reference(stdout)
    rng = random.Random(seed)
    with transaction.atomic():
        buurten = _areas()
        team_ids, boas = _teams_and_users(spec)
    themes = list(Theme.objects.filter(active=True).order_by("order", "pk"))
    categories: dict[int, list[int]] = {t.pk: [] for t in themes}
    for cat in Category.objects.filter(theme__in=themes).order_by("pk"):
        categories[cat.theme_id].append(cat.pk)
    offences_by_theme: dict[int, list[Offence]] = {}
    all_offences = list(Offence.objects.select_related("default_intervention").order_by("pk"))
    for offence in all_offences:
        offences_by_theme.setdefault(offence.theme_id, []).append(offence)
    interventions = list(InterventionType.objects.order_by("ladder_step", "pk"))
    stdout.write(f"  registratie: referentie, {len(buurten)} buurten, teams en gebruikers klaar")

    tz = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    start = today - dt.timedelta(days=365 * spec.years)
    days = [start + dt.timedelta(days=i) for i in range((today - start).days)]
    weights = [
        MONTH_WEIGHT[d.month - 1] * WEEKDAY_WEIGHT[d.weekday()] * (1 + 0.04 * (i / 365))
        for i, d in enumerate(days)
    ]
    total_weight = sum(weights)
    theme_cum = _cum(
        [3, 2, 0.6, 2.5, 2.5, 1.2, 1.3, 0.8][: len(themes)] + [1] * max(0, len(themes) - 8)
    )
    weights = patterns.adjust_day_weights(days, weights, themes, theme_cum)  # seasons per theme
    total_weight = sum(weights)
    source_values = [
        Incident.Source.OWN_OBSERVATION,
        Incident.Source.RESIDENT,
        Incident.Source.POLICE,
        Incident.Source.PARTNER,
    ]
    source_cum = _cum([55, 30, 10, 5])
    priority_cum = _cum([15, 60, 20, 5])
    hour_cum_week = _cum(HOUR_WEIGHT)
    hour_cum_weekend = _cum(
        [w * (1.8 if h in WEEKEND_NIGHT_HOURS else 1) for h, w in enumerate(HOUR_WEIGHT)]
    )
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    lat_span, lon_span = max_lat - min_lat, max_lon - min_lon
    cols, rows = 5, 4
    hotspots = []
    for h in range(40):
        lat = min_lat + lat_span * (0.05 + 0.9 * rng.random())
        lon = min_lon + lon_span * (0.05 + 0.9 * rng.random())
        hotspots.append((lat, lon, f"{STREETS[h % len(STREETS)]} {rng.randint(1, 120)}"))
    hotspot_cum = _cum([1 / (i + 1) ** 0.7 for i in range(len(hotspots))])
    buurt_grid = {}
    for b in buurten:
        buurt_grid[
            (
                round((b["box"][0] - min_lat) / (lat_span / rows / 2)),
                round((b["box"][1] - min_lon) / (lon_span / cols / 2)),
            )
        ] = b
    team_of_wijk = [team_ids[w % len(team_ids)] for w in range(cols * rows)]
    all_boas = [(team, boa) for team in team_ids for boa in boas[team]]

    def buurt_for(lat: float, lon: float):
        r = min(int((lat - min_lat) / (lat_span / rows / 2)), rows * 2 - 1)
        c = min(int((lon - min_lon) / (lon_span / cols / 2)), cols * 2 - 1)
        return buurt_grid[(r, c)]

    inc_table = "enforcement_incident"
    inc_cols = [
        "id", "reference", "source", "occurred_at", "reported_at", "address", "latitude",
        "longitude", "description", "priority", "status", "reporter_name", "reporter_contact",
        "created_at", "updated_at", "area_id", "category_id", "registered_by_id",
        "reported_by_id", "team_id", "patrol_log_id", "theme_id",
    ]  # fmt: skip
    log_cols = [
        "id", "mode", "joint_with_police", "started_at", "ended_at", "notes", "created_at",
        "updated_at", "boa_id", "team_id",
    ]  # fmt: skip
    effort_cols = ["patrol_log_id", "theme_id", "kind", "minutes"]
    log_area_cols = ["patrollog_id", "area_id"]
    off_cols = [
        "id",
        "kind",
        "name",
        "date_of_birth",
        "address",
        "coc_number",
        "legal_basis",
        "created_at",
        "match_key",
    ]
    vio_cols = [
        "reference", "attitude", "consequence", "deviation_reason", "repeat_count", "amount",
        "committed_on", "address", "legal_basis", "created_at", "incident_id", "intervention_id",
        "offence_id", "offender_id", "proposed_intervention_id", "recorded_by_id", "team_id",
        "area_id",  # the incident's (kept by a trigger, which is off while loading)
    ]  # fmt: skip

    # One transaction: Django's deferred FK checks hold even when replica mode is refused.
    with transaction.atomic():
        dropped: dict[str, list[str]] = {}
        with connection.cursor() as cursor:
            # Fire what is pending (e.g. demo data in the same transaction) before the DDL.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            try:
                with transaction.atomic():  # savepoint: a refusal must not abort the load
                    # Skip FK triggers while loading (needs a superuser).
                    cursor.execute("SET session_replication_role = replica")
                replica = True
            except Exception:  # not a superuser: load with the (deferred) checks on
                replica = False
        try:
            for table in (
                inc_table,
                "enforcement_patrollog",
                "enforcement_patroleffort",
                "enforcement_violation",
                "enforcement_offender",
            ):
                dropped[table] = _drop_indexes(table)
            counts = _stream(
                spec=spec,
                rng=rng,
                days=days,
                weights=weights,
                total_weight=total_weight,
                tz=tz,
                themes=themes,
                theme_cum=theme_cum,
                categories=categories,
                source_values=source_values,
                source_cum=source_cum,
                priority_cum=priority_cum,
                hour_cum_week=hour_cum_week,
                hour_cum_weekend=hour_cum_weekend,
                hotspots=hotspots,
                hotspot_cum=hotspot_cum,
                emerging=patterns.emerging_hotspots(seed=seed, today=today, themes=themes),
                buurt_for=buurt_for,
                buurten=buurten,
                team_of_wijk=team_of_wijk,
                boas=boas,
                all_boas=all_boas,
                offences_by_theme=offences_by_theme,
                all_offences=all_offences,
                interventions=interventions,
                buffers={
                    "inc": CopyBuffer(inc_table, inc_cols),
                    "log": CopyBuffer("enforcement_patrollog", log_cols),
                    "effort": CopyBuffer("enforcement_patroleffort", effort_cols),
                    "log_area": CopyBuffer("enforcement_patrollog_areas", log_area_cols),
                    "off": CopyBuffer("enforcement_offender", off_cols),
                    "vio": CopyBuffer("enforcement_violation", vio_cols),
                },
                stdout=stdout,
            )
        finally:
            if replica:
                with connection.cursor() as cursor:
                    cursor.execute("SET session_replication_role = DEFAULT")
        t1 = time.monotonic()
        if not replica:
            # The deferred FK checks of the load must fire before CREATE INDEX may run
            # (generate_data as the owner role, not a superuser: accounts.dbroles).
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for definitions in dropped.values():
            _create_indexes(definitions)
        for table in (
            inc_table,
            "enforcement_patrollog",
            "enforcement_patroleffort",
            "enforcement_patrollog_areas",
            "enforcement_violation",
            "enforcement_offender",
        ):
            set_sequence(table)
        _set_counters()
    with connection.cursor() as cursor:
        if connection.in_atomic_block:  # inside a test transaction: VACUUM is not allowed
            cursor.execute("ANALYZE")
        else:
            # VACUUM sets the visibility map, so counts can use index-only scans.
            for table in (
                inc_table,
                "enforcement_patrollog",
                "enforcement_patroleffort",
                "enforcement_violation",
                "enforcement_offender",
            ):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            cursor.execute("ANALYZE")
    stdout.write(
        f"  registratie: {counts['incidents']} meldingen, {counts['logs']} diensten, "
        f"{counts['violations']} overtredingen, {counts['offenders']} overtreders; "
        f"laden {t1 - t0:.0f} s, indexen en ANALYZE {time.monotonic() - t1:.0f} s"
    )
