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
import io
import random
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import GENERATED_USERNAME_PREFIX
from enforcement import geo
from enforcement.models import (
    Area,
    Category,
    Incident,
    InterventionType,
    Offence,
    ReferenceCounter,
    Theme,
)
from enforcement.offenders import offender_key

from . import patterns


@dataclass(frozen=True)
class Scale:
    incidents: int
    patrol_logs: int
    violations: int
    teams: int
    boas_per_team: int
    years: int = 10


SCALES = {
    "tiny": Scale(incidents=800, patrol_logs=200, violations=160, teams=3, boas_per_team=3),
    "small": Scale(incidents=20_000, patrol_logs=5_000, violations=4_000, teams=6, boas_per_team=6),
    "medium": Scale(
        incidents=200_000, patrol_logs=50_000, violations=40_000, teams=10, boas_per_team=10
    ),
    "large": Scale(
        incidents=2_000_000, patrol_logs=500_000, violations=400_000, teams=20, boas_per_team=18
    ),
}

GEN_PREFIX = GENERATED_USERNAME_PREFIX  # drop-downs leave these accounts out
FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
CHUNK = 50_000

MONTH_WEIGHT = [0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.25, 1.05, 0.95, 0.9, 1.05]
WEEKDAY_WEIGHT = [0.85, 0.85, 0.9, 0.95, 1.15, 1.35, 1.0]  # Monday .. Sunday
HOUR_WEIGHT = [
    2.0, 1.5, 1.0, 0.6, 0.3, 0.3, 0.5, 0.8, 1.0, 1.1, 1.2, 1.3,
    1.4, 1.4, 1.5, 1.7, 1.9, 2.1, 2.4, 2.7, 3.0, 3.2, 3.0, 2.5,
]  # fmt: skip
WEEKEND_NIGHT_HOURS = {22, 23, 0, 1, 2, 3}

STREETS = [
    "Markt", "Kerkstraat", "Stationsplein", "Dorpsstraat", "Molenweg", "Schoolstraat",
    "Julianastraat", "Wilhelminalaan", "Beatrixstraat", "Parkweg", "Havenkade", "Nieuwstraat",
    "Lindelaan", "Eikenlaan", "Beukenlaan", "Vondelstraat", "Rembrandtplein", "Vermeerstraat",
    "Industrieweg", "Spoorlaan", "Zuiderhaven", "Noordsingel", "Oostsingel", "Westeinde",
    "Brink", "Kastanjelaan", "Tulpstraat", "Rozenstraat", "Merelstraat", "Lijsterweg",
    "Sportlaan", "Winkelcentrum Hof", "Busstation", "Jachthaven", "Hoofdstraat", "Voorstraat",
]  # fmt: skip
PHRASES = [
    "bewoners klagen over harde muziek na middernacht",
    "groep jongeren hangt rond en laat afval achter",
    "vuilniszakken naast de container geplaatst",
    "grofvuil op de stoep buiten de ophaaldag",
    "auto staat al weken op dezelfde plek, mogelijk een wrak",
    "fietsen buiten het rek in het verbodsgebied",
    "terras staat buiten de vergunde grenzen",
    "café nog open na de sluitingstijd",
    "persoon met alcohol op straat in het alcoholverbodsgebied",
    "verward gedrag van een voorbijganger, zorgpartner ingeschakeld",
    "vernieling van een bankje en een prullenbak",
    "drugsoverlast bij de ingang van de parkeergarage",
    "verdachte activiteiten rond een bedrijfspand",
    "hondenpoep en loslopende honden in het park",
    "parkeren op de gehandicaptenparkeerplaats",
    "geluidsoverlast van een feest in de tuin",
    "brommers rijden door het winkelgebied",
    "graffiti op de gevel van de school",
    "dumping van bouwafval langs de weg",
    "samenscholing bij het busstation",
]  # fmt: skip
FIRST = ["Jan", "Piet", "Anna", "Fatima", "Mohamed", "Sanne", "Kees", "Lotte", "Ahmed", "Eva",
         "Daan", "Noah", "Emma", "Sem", "Julia", "Liam", "Mila", "Yusuf", "Sara", "Tim"]  # fmt: skip
LAST = ["de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "Mulder",
        "de Boer", "Bos", "Vos", "Peters", "Hendriks", "Yilmaz", "El Amrani", "Dekker"]  # fmt: skip
COMPANIES = ["Snackbar", "Café", "Bouwbedrijf", "Transport", "Supermarkt", "Shisha Lounge",
             "Garage", "Kapsalon", "Nachtwinkel", "Restaurant"]  # fmt: skip


def _esc(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    s = str(value)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


class _CopyBuffer:
    """Collects rows of one table and sends them with COPY in big chunks."""

    def __init__(self, table: str, columns: list[str]):
        self.sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        self.buf = io.StringIO()
        self.count = 0
        self.total = 0

    def add(self, row) -> None:
        self.buf.write("\t".join(_esc(v) for v in row))
        self.buf.write("\n")
        self.count += 1
        if self.count >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.count:
            return
        with connection.cursor() as cursor, cursor.copy(self.sql) as copy:
            copy.write(self.buf.getvalue())
        self.total += self.count
        self.buf = io.StringIO()
        self.count = 0


# --- reference data, teams, users ---------------------------------------------------


def _seed_reference(stdout) -> None:
    from accounts import demo as accounts_demo
    from enforcement import demo as enforcement_demo

    # The demo records take gapless reference numbers, which need a transaction.
    with transaction.atomic():
        accounts_demo.seed(stdout=stdout)
        enforcement_demo.seed(stdout=stdout)


def _areas() -> list[dict]:
    """20 wijken on a 5x4 grid, each four buurten; returns the buurten with their box."""
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    cols, rows = 5, 4
    dlat, dlon = (max_lat - min_lat) / rows, (max_lon - min_lon) / cols
    buurten = []
    for r in range(rows):
        for c in range(cols):
            n = r * cols + c + 1
            box = (
                min_lat + r * dlat,
                min_lon + c * dlon,
                min_lat + (r + 1) * dlat,
                min_lon + (c + 1) * dlon,
            )
            wijk, _ = Area.objects.get_or_create(
                code=f"GWK{n:04d}",
                defaults={
                    "name": f"Wijk {n:02d}",
                    "kind": Area.Kind.DISTRICT,
                    "population": 5000 + 700 * n,
                    "boundary": geo.rectangle(*box),
                    "min_lat": box[0],
                    "min_lon": box[1],
                    "max_lat": box[2],
                    "max_lon": box[3],
                },
            )
            for br in range(2):
                for bc in range(2):
                    b = (
                        box[0] + br * dlat / 2,
                        box[1] + bc * dlon / 2,
                        box[0] + (br + 1) * dlat / 2,
                        box[1] + (bc + 1) * dlon / 2,
                    )
                    buurt, _ = Area.objects.get_or_create(
                        code=f"GBU{n:04d}{br * 2 + bc + 1:02d}",
                        defaults={
                            "name": f"Buurt {n:02d}-{br * 2 + bc + 1}",
                            "kind": Area.Kind.NEIGHBOURHOOD,
                            "parent": wijk,
                            "population": (5000 + 700 * n) // 4,
                            "boundary": geo.rectangle(*b),
                            "min_lat": b[0],
                            "min_lon": b[1],
                            "max_lat": b[2],
                            "max_lon": b[3],
                        },
                    )
                    buurten.append({"id": buurt.pk, "wijk": n - 1, "box": b})
    return buurten


def _teams_and_users(scale: Scale) -> tuple[list[int], dict[int, list[int]]]:
    password = make_password("demo")
    teams = [
        Team.objects.get_or_create(name=f"Team {i + 1:02d} (gegenereerd)")[0]
        for i in range(scale.teams)
    ]
    users = []
    for t, team in enumerate(teams):
        users.append(
            User(
                username=f"{GEN_PREFIX}tl-{t + 1:02d}",
                first_name="Teamleider",
                last_name=f"{t + 1:02d}",
                role=Role.TEAM_LEAD,
                team=team,
                password=password,
            )
        )
        for b in range(scale.boas_per_team):
            users.append(
                User(
                    username=f"{GEN_PREFIX}boa-{t + 1:02d}-{b + 1:02d}",
                    first_name=FIRST[(t * 7 + b) % len(FIRST)],
                    last_name=LAST[(t * 3 + b) % len(LAST)],
                    role=Role.BOA,
                    team=team,
                    password=password,
                )
            )
    User.objects.bulk_create(users, batch_size=1000)
    boas: dict[int, list[int]] = {team.pk: [] for team in teams}
    for user in User.objects.filter(username__startswith=f"{GEN_PREFIX}boa-").order_by("username"):
        boas[user.team_id].append(user.pk)
    return [t.pk for t in teams], boas


# --- helpers -----------------------------------------------------------------------


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (constant names)  # nosec B608: names from the code (models, constants), values as %s parameters
        return cursor.fetchone()[0]


def _set_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        sql = (
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )
        cursor.execute(sql)


def _drop_indexes(table: str) -> list[str]:
    """Drop the plain (non-constraint) indexes of ``table``; returns their definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = %s AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
              -- Only the owner may drop them (generate_data runs as the owner role;
              -- a test calling a generator as the runtime role loads with them on).
              AND pg_has_role(current_user, t.relowner, 'USAGE')
            """,
            [table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in definitions:
            cursor.execute(definition)


def _weighted_index(rng: random.Random, cum: list[float]) -> int:
    return rng.choices(range(len(cum)), cum_weights=cum, k=1)[0]


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# --- the generator -------------------------------------------------------------------


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
                    "inc": _CopyBuffer(inc_table, inc_cols),
                    "log": _CopyBuffer("enforcement_patrollog", log_cols),
                    "effort": _CopyBuffer("enforcement_patroleffort", effort_cols),
                    "log_area": _CopyBuffer("enforcement_patrollog_areas", log_area_cols),
                    "off": _CopyBuffer("enforcement_offender", off_cols),
                    "vio": _CopyBuffer("enforcement_violation", vio_cols),
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
            _set_sequence(table)
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


def _set_counters() -> None:
    """ReferenceCounter per (prefix, year) = the highest number given out."""
    with connection.cursor() as cursor:
        for prefix, table in (("M", "enforcement_incident"), ("O", "enforcement_violation")):
            cursor.execute(
                f"""
                INSERT INTO enforcement_referencecounter (prefix, year, last)
                SELECT %s, split_part(reference, '-', 2)::int, MAX(split_part(reference, '-', 3)::int)
                FROM {table} WHERE reference LIKE %s
                GROUP BY 2
                ON CONFLICT (prefix, year) DO UPDATE SET last = GREATEST(
                    enforcement_referencecounter.last, EXCLUDED.last)
                """,  # noqa: S608 (constant table names)  # nosec B608: names from the code (models, constants), values as %s parameters
                [prefix, f"{prefix}-%"],
            )


def _stream(*, spec, rng, days, weights, total_weight, tz, buffers, stdout, **ctx) -> dict:
    """Generate day by day, in time order; returns the counts."""
    inc, log, effort, log_area, off, vio = (
        buffers["inc"], buffers["log"], buffers["effort"], buffers["log_area"], buffers["off"], buffers["vio"],
    )  # fmt: skip
    themes = ctx["themes"]
    incident_id = _next_id("enforcement_incident")
    log_id = _next_id("enforcement_patrollog")
    offender_id = _next_id("enforcement_offender")
    now = timezone.now()
    # Continue after numbers already given out (demo data), so references stay unique.
    year_counter: dict[tuple[str, int], int] = {
        (c.prefix, c.year): c.last for c in ReferenceCounter.objects.all()
    }
    inc_per_day = spec.incidents / total_weight
    log_per_day = spec.patrol_logs / len(days)
    violation_share = spec.violations / spec.incidents
    inc_acc = log_acc = 0.0
    inc_done = log_done = 0
    offenders: list[tuple[int, str]] = []  # (id, address)
    repeaters: list[int] = []
    offender_counts: dict[int, int] = {}
    modes = ["foot", "bike", "car"]
    statuses_old = ["closed"] * 90 + ["in_progress"] * 8 + ["new"] * 2
    statuses_new = ["closed"] * 30 + ["in_progress"] * 30 + ["new"] * 40
    attitudes = "AAAABBBCCD"
    consequences = ["none", "limited", "limited", "considerable", "severe"]
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    free_at: dict[int, dt.datetime] = {}  # boa -> end of their last shift
    last_report = time.monotonic()
    for day_index, (day, weight) in enumerate(zip(days, weights, strict=True)):
        midnight = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        year = day.year
        weekend = day.weekday() >= 4
        # Patrol logs of the day: day, late and evening shifts.
        log_acc += log_per_day
        n_logs = int(log_acc) - log_done
        log_done += n_logs
        by_hour: list[list[tuple[int, int, int]]] = [[] for _ in range(24)]  # id, boa, team
        for _ in range(n_logs):
            start_h = rng.choice((7, 8, 9, 14, 15, 18, 19, 20)) + rng.random()
            length_h = rng.choice((4, 6, 8, 8, 8))
            started = midnight + dt.timedelta(hours=start_h)
            ended = started + dt.timedelta(hours=length_h)
            if started >= now:
                continue
            # Shifts of one boa never overlap (exclusion constraint): take a free boa.
            for _attempt in range(20):
                team, boa = rng.choice(ctx["all_boas"])
                if free_at.get(boa, started) <= started:
                    break
            else:
                continue
            stamp = ended if ended < now else None
            free_at[boa] = stamp or FAR_FUTURE
            log.add(
                (
                    log_id, rng.choice(modes), rng.random() < 0.15, started.isoformat(),
                    stamp.isoformat() if stamp else None, "", started.isoformat(),
                    (stamp or started).isoformat(), boa, team,
                )
            )  # fmt: skip
            log_area.add((log_id, rng.choice(ctx["buurten"])["id"]))
            minutes = int(length_h * 60 * (0.7 + 0.25 * rng.random()))
            parts = rng.randint(1, 3)
            chosen = rng.sample(themes, parts)
            left = minutes
            for i, theme in enumerate(chosen):
                share = left if i == parts - 1 else int(left * rng.uniform(0.3, 0.7))
                if share < 1:
                    break
                kind = "planned" if rng.random() < 0.55 else "reactive"
                effort.add((log_id, theme.pk, kind, share))
                left -= share
            for h in range(int(start_h), min(24, int(start_h + length_h) + 1)):
                by_hour[h].append((log_id, boa, team))
            log_id += 1
        # Incidents of the day.
        inc_acc += weight * inc_per_day
        n_inc = int(inc_acc) - inc_done
        inc_done += n_inc
        if n_inc <= 0:
            continue
        hour_cum = ctx["hour_cum_weekend"] if weekend else ctx["hour_cum_week"]
        hours = rng.choices(range(24), cum_weights=hour_cum, k=n_inc)
        seconds = sorted(h * 3600 + rng.randrange(3600) for h in hours)
        day_theme_cum = patterns.theme_cum(day, themes, ctx["theme_cum"])
        theme_idx = rng.choices(range(len(themes)), cum_weights=day_theme_cum, k=n_inc)
        sources = rng.choices(ctx["source_values"], cum_weights=ctx["source_cum"], k=n_inc)
        priorities = rng.choices((1, 2, 3, 4), cum_weights=ctx["priority_cum"], k=n_inc)
        old = (now.date() - day).days > 30
        for k in range(n_inc):
            occurred = midnight + dt.timedelta(seconds=seconds[k])
            if occurred > now:
                continue
            reported = occurred + dt.timedelta(minutes=rng.randint(1, 30))
            if reported > now:
                reported = now
            spot = patterns.emerging_location(rng, day, themes[theme_idx[k]].pk, ctx["emerging"])
            if spot:
                lat, lon, address = spot
            elif rng.random() < 0.35:
                hs = ctx["hotspots"][_weighted_index(rng, ctx["hotspot_cum"])]
                lat = hs[0] + rng.gauss(0, 0.00025)
                lon = hs[1] + rng.gauss(0, 0.0004)
                address = (
                    hs[2] if rng.random() < 0.6 else f"{rng.choice(STREETS)} {rng.randint(1, 200)}"
                )
            else:
                lat = rng.uniform(min_lat, max_lat)
                lon = rng.uniform(min_lon, max_lon)
                address = f"{rng.choice(STREETS)} {rng.randint(1, 200)}"
            lat = min(max(lat, min_lat), max_lat)
            lon = min(max(lon, min_lon), max_lon)
            buurt = ctx["buurt_for"](lat, lon)
            theme = themes[theme_idx[k]]
            cats = ctx["categories"][theme.pk]
            category = rng.choice(cats) if cats else None
            # The boa on a shift at that hour, if any, else one of the area's team.
            on_shift = by_hour[seconds[k] // 3600]
            if on_shift and rng.random() < 0.8:
                lg = rng.choice(on_shift)
                patrol_log, boa, team = lg[0], lg[1], lg[2]
            else:
                team = ctx["team_of_wijk"][buurt["wijk"]]
                boa = rng.choice(ctx["boas"][team])
                patrol_log = None
            source = sources[k]
            reporter_name = reporter_contact = ""
            if source in ("resident", "partner"):
                reporter_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                reporter_contact = f"06{rng.randrange(10**8):08d}"
            key = ("M", year)
            year_counter[key] = year_counter.get(key, 0) + 1
            reference = f"M-{year}-{year_counter[key]:06d}"
            status = rng.choice(statuses_old if old else statuses_new)
            inc.add(
                (
                    incident_id, reference, source, occurred.isoformat(), reported.isoformat(),
                    address, round(lat, 6), round(lon, 6),
                    f"{theme.name}: {rng.choice(PHRASES)} ({address})", priorities[k], status,
                    reporter_name, reporter_contact, reported.isoformat(), reported.isoformat(),
                    buurt["id"], category, boa, boa, team, patrol_log, theme.pk,
                )
            )  # fmt: skip
            if rng.random() < violation_share:
                offences = ctx["offences_by_theme"].get(theme.pk) or ctx["all_offences"]
                offence = rng.choice(offences)
                # Repeat offenders: a third of violations re-use a known frequent offender.
                if repeaters and rng.random() < 0.33:
                    oid = rng.choice(repeaters)
                elif offenders and rng.random() < 0.15:
                    oid = rng.choice(offenders)[0]
                else:
                    oid = offender_id
                    offender_id += 1
                    if rng.random() < 0.15:
                        coc = f"{rng.randrange(10**8):08d}"
                        off.add(
                            (oid, "company", f"{rng.choice(COMPANIES)} {rng.choice(LAST)} B.V.", None,
                             address, coc, "wpg_8", reported.isoformat(), f"kvk:{coc}")
                        )  # fmt: skip
                    else:
                        dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
                        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                        key = offender_key(kind="person", name=name, date_of_birth=dob)
                        off.add(
                            (oid, "person", name, dob.isoformat(),
                             f"{rng.choice(STREETS)} {rng.randint(1, 200)}", "", "wpg_8", reported.isoformat(), key)
                        )  # fmt: skip
                    offenders.append((oid, address))
                    if rng.random() < 0.05:
                        repeaters.append(oid)
                prior = offender_counts.get(oid, 0)
                offender_counts[oid] = prior + 1
                proposed = offence.default_intervention
                intervention = proposed
                deviation = ""
                if prior and proposed.ladder_step < ctx["interventions"][-1].ladder_step:
                    heavier = [
                        i for i in ctx["interventions"] if i.ladder_step > proposed.ladder_step
                    ]
                    proposed = intervention = heavier[0]
                if rng.random() < 0.07:
                    intervention = rng.choice(ctx["interventions"])
                    if intervention.pk != proposed.pk:
                        deviation = "Situatie ter plaatse vroeg om een andere aanpak."
                vkey = ("O", year)
                year_counter[vkey] = year_counter.get(vkey, 0) + 1
                amount = offence.default_amount if intervention.needs_amount else None
                vio.add(
                    (
                        f"O-{year}-{year_counter[vkey]:06d}", rng.choice(attitudes),
                        rng.choice(consequences), deviation, min(prior, 30), amount, day.isoformat(),
                        address, "wpg_8", reported.isoformat(), incident_id, intervention.pk,
                        offence.pk, oid, proposed.pk, boa, team,
                    )
                )  # fmt: skip
            incident_id += 1
        if time.monotonic() - last_report > 30:
            last_report = time.monotonic()
            stdout.write(
                f"  registratie: {day_index + 1}/{len(days)} dagen ({inc.total + inc.count} meldingen)"
            )
    for buffer in (log, effort, log_area, inc, off, vio):
        buffer.flush()
    return {
        "incidents": inc.total,
        "logs": log.total,
        "violations": vio.total,
        "offenders": off.total,
    }
