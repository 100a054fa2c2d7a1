"""Volume data for planning: ten years of programmes, capacity, theme plans and
expert groups, and a share of planned patrol effort linked to activities.

Runs after enforcement's generator (INSTALLED_APPS order) and builds on what is
there: themes, areas, teams, users and patrol effort. Bulk inserts and one
INSERT ... SELECT for the effort links; never one save per row.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.roles import Role
from enforcement.models import Area, Theme
from planning.models import (
    Activity,
    CapacityEntry,
    Evaluation,
    ExpertGroup,
    ExpertGroupMember,
    Goal,
    Indicator,
    Meeting,
    Programme,
    ThemePlan,
)

YEARS = 10
# activities per theme per year, meetings per group per year, share of planned effort linked (%)
SCALES = {
    "small": {"activities": 2, "meetings": 2, "link_percent": 60},
    "medium": {"activities": 3, "meetings": 3, "link_percent": 70},
    "large": {"activities": 4, "meetings": 4, "link_percent": 75},
}
WHAT = [
    "Surveillance",
    "Gerichte controle",
    "Toezicht evenementen",
    "Preventieve inzet",
    "Hotspotaanpak",
    "Avonddienst",
]


def _actor(role: str) -> User:
    user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
    if user is None:
        user = User.objects.create(username=f"generated-{role}", role=role)
    return user


def _planned_hours_per_theme() -> dict[tuple[int, int], Decimal]:
    """Realised planned hours per (year, theme) in the patrol logs, to plan near reality."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT extract(year FROM l.started_at AT TIME ZONE %s)::int, e.theme_id,
                   sum(e.minutes) / 60.0
            FROM enforcement_patroleffort e
            JOIN enforcement_patrollog l ON l.id = e.patrol_log_id
            WHERE e.kind = 'planned'
            GROUP BY 1, 2
            """,
            [timezone.get_current_timezone_name()],
        )
        return {(y, t): Decimal(h) for y, t, h in cur.fetchall()}


def link_planned_effort(*, percent: int, years: list[int]) -> int:
    """Link ``percent`` % of unlinked planned effort of ``years`` to a matching adopted
    activity (same theme, month within its period)."""
    tz = timezone.get_current_timezone_name()
    params = [tz, tz, tz, percent, years]
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO planning_plannedeffort (effort_id, activity_id, linked_at)
            SELECT DISTINCT ON (e.id) e.id, a.id, now()
            FROM enforcement_patroleffort e
            JOIN enforcement_patrollog l ON l.id = e.patrol_log_id
            JOIN planning_activity a ON a.theme_id = e.theme_id AND a.kind = 'planned'
                 AND NOT a.deferred
                 AND a.start_month <= extract(month FROM l.started_at AT TIME ZONE %s)
                 AND a.end_month >= extract(month FROM l.started_at AT TIME ZONE %s)
            JOIN planning_programme p ON p.id = a.programme_id AND p.status = 'adopted'
                 AND p.year = extract(year FROM l.started_at AT TIME ZONE %s)
            WHERE e.kind = 'planned' AND abs(hashtext(e.id::text)) %% 100 < %s
              AND p.year = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM planning_plannedeffort x WHERE x.effort_id = e.id)
            ORDER BY e.id, (hashtext(e.id::text || a.id::text))
            ON CONFLICT (effort_id) DO NOTHING
            """,
            params,
        )
        return cur.rowcount


@transaction.atomic
def generate(*, scale: str, seed: int, stdout) -> None:
    cfg = SCALES[scale]
    rng = random.Random(seed)
    themes = list(Theme.objects.filter(active=True))
    if not themes:
        stdout.write("  planning: geen thema's; eerst enforcement-gegevens genereren")
        return
    districts = list(Area.objects.filter(kind=Area.Kind.DISTRICT, active=True))
    teams = list(Team.objects.filter(active=True))
    boa = _actor(Role.BOA)
    policy = _actor(Role.POLICY_OFFICER)
    this_year = timezone.localdate().year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    realised = _planned_hours_per_theme()

    # Programmes: one adopted version per year that has none yet.
    existing = set(Programme.objects.filter(year__in=years).values_list("year", flat=True))
    programmes = Programme.objects.bulk_create(
        [
            Programme(
                year=y,
                version=1,
                title=f"Uitvoeringsprogramma {y}",
                status=Programme.Status.ADOPTED,
                adopted_on=dt.date(y, 1, 25),
                created_by=boa,
            )
            for y in years
            if y not in existing
        ]
    )
    activities = []
    for p in programmes:
        for theme in themes:
            n = cfg["activities"]
            base = realised.get((p.year, theme.pk))
            for i in range(n):
                start = rng.randint(1, 6)
                end = rng.randint(max(start, 6), 12)
                if base:
                    hours = (base / n * Decimal(rng.uniform(0.8, 1.3))).quantize(Decimal("1"))
                else:
                    hours = Decimal(rng.randrange(80, 800, 20))
                activities.append(
                    Activity(
                        programme=p,
                        theme=theme,
                        title=f"{WHAT[(i + theme.pk) % len(WHAT)]} {theme.name.lower()} {i + 1}",
                        planned_hours=hours,
                        start_month=start,
                        end_month=end,
                        priority=rng.choice([1, 1, 2, 2, 2, 3]),
                        deferred=rng.random() < 0.05,
                        created_by=boa,
                    )
                )
            activities.append(
                Activity(
                    programme=p,
                    theme=theme,
                    title=f"Reactieve capaciteit {theme.name.lower()}",
                    kind=Activity.Kind.REACTIVE,
                    planned_hours=Decimal(rng.randrange(200, 1200, 50)),
                    start_month=1,
                    end_month=12,
                    priority=2,
                    created_by=boa,
                )
            )
    Activity.objects.bulk_create(activities, batch_size=2000)
    if districts:
        through = Activity.areas.through
        through.objects.bulk_create(
            [
                through(activity_id=a.pk, area_id=rng.choice(districts).pk)
                for a in activities
                if a.kind == Activity.Kind.PLANNED
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )

    CapacityEntry.objects.bulk_create(
        [
            CapacityEntry(
                team=team,
                year=y,
                month=m,
                people=(people := rng.randint(4, 12)),
                contract_hours=Decimal(130),
                leave_hours=Decimal(people * (32 if m in (7, 8) else 10)),
                training_hours=Decimal(people * 4),
                overhead_hours=Decimal(people * 18),
            )
            for team in teams
            for y in years
            for m in range(1, 13)
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )

    # Theme plans with goals and indicators, an expert group per theme with meetings.
    existing_plans = set(ThemePlan.objects.values_list("theme_id", "year"))
    plans = ThemePlan.objects.bulk_create(
        [
            ThemePlan(theme=t, year=y, title=f"Themaplan {t.name.lower()} {y}", created_by=policy)
            for t in themes
            for y in years
            if (t.pk, y) not in existing_plans
        ]
    )
    goals = Goal.objects.bulk_create(
        [
            Goal(plan=p, title=f"Doel {i} {p.theme.name.lower()}", order=i)
            for p in plans
            for i in (1, 2, 3)
        ]
    )
    sources = [s for s, _label in Indicator.Source.choices]
    Indicator.objects.bulk_create(
        [
            Indicator(
                goal=g,
                name=f"Indicator {g.title}",
                baseline=Decimal(rng.randint(50, 200)),
                target=Decimal(rng.randint(30, 150)),
                measurement="Uit de registratie of enquête",
                source=sources[g.order % len(sources)],
            )
            for g in goals
        ]
    )
    existing_groups = set(ExpertGroup.objects.values_list("theme_id", flat=True))
    groups = ExpertGroup.objects.bulk_create(
        [
            ExpertGroup(theme=t, name=f"Expertgroep {t.name.lower()}", created_by=policy)
            for t in themes
            if t.pk not in existing_groups
        ],
        ignore_conflicts=True,
    )
    groups = list(ExpertGroup.objects.filter(theme__in=themes))
    members = ExpertGroupMember.objects.bulk_create(
        [
            ExpertGroupMember(group=g, name=f"Deskundige {i}", organisation=org, role="Lid")
            for g in groups
            if not g.members.exists()
            for i, org in enumerate(["Politie", "Jongerenwerk", "Woningcorporatie"], start=1)
        ]
    )
    meetings = []
    for g in groups:
        for y in years:
            for k in range(cfg["meetings"]):
                day = dt.date(y, 1 + k * (12 // cfg["meetings"]), rng.randint(1, 28))
                if day <= timezone.localdate() and not (
                    g.theme_id % 4 == 0 and y == this_year  # some groups fall behind
                ):
                    meetings.append(Meeting(group=g, held_on=day, created_by=policy))
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    goals_by_theme_year: dict[tuple[int, int], list[Goal]] = {}
    for g in Goal.objects.select_related("plan"):
        goals_by_theme_year.setdefault((g.plan.theme_id, g.plan.year), []).append(g)
    group_theme = {g.pk: g.theme_id for g in groups}
    judgements = [j for j, _label in Evaluation.Judgement.choices]
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                meeting=m,
                goal=goal,
                judgement=rng.choice(judgements),
                comment="Besproken",
                created_by=policy,
            )
            for m in meetings
            for goal in goals_by_theme_year.get((group_theme[m.group_id], m.held_on.year), [])
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    linked = link_planned_effort(percent=cfg["link_percent"], years=years)
    # Enforcement's generator loads with triggers off (replica mode), so the effort
    # rollup that monitoring reads is recomputed once here, after all loading.
    with connection.cursor() as cur:
        cur.execute("SELECT planning_effort_rollup_rebuild()")
    stdout.write(
        f"  planning: {len(programmes)} programma's, {len(activities)} activiteiten, "
        f"{len(plans)} themaplannen, {len(meetings)} bijeenkomsten, {len(members)} leden, "
        f"{linked} inzetregels gekoppeld"
    )
