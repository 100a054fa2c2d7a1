"""Volume data for cases and briefings, built on the incidents enforcement generated.

    python manage.py generate_data --scale small|medium|large --seed N

Cases (large: 300,000) are opened from sampled incidents of each team (theme,
area, team and date from the incident), most of them long closed, the recent
ones spread over the phases; one or two incidents linked; a timeline line per
case; action items; a few shared with a partner. Every team gets a recurring
briefing (Mon/Wed/Fri 08:30) over the last eight weeks and the coming four.
All with COPY; deterministic per seed. Refuses to run twice.

With no incidents in the database (registration's generator not run), it first
loads a plain set of incidents itself so the case volumes can still be built.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import PartnerOrganisation, Team, User
from accounts.roles import Role
from cases.models import Case, CaseStatus
from enforcement.demo.generate.bulk import CopyBuffer, next_id, set_sequence
from enforcement.models import Area, CaseType, Incident, ReferenceCounter, Theme


@dataclass(frozen=True)
class Scale:
    cases: int
    fallback_incidents: int


SCALES = {
    "tiny": Scale(cases=300, fallback_incidents=2_000),
    "small": Scale(cases=3_000, fallback_incidents=20_000),
    "medium": Scale(cases=30_000, fallback_incidents=200_000),
    "large": Scale(cases=300_000, fallback_incidents=2_000_000),
}
OPEN_PHASES = [
    (CaseStatus.NEW, 1),
    (CaseStatus.ASSIGNED, 2),
    (CaseStatus.INVESTIGATING, 3),
    (CaseStatus.INTERVENTION, 2),
    (CaseStatus.MONITORING, 2),
    (CaseStatus.ON_HOLD, 1),
]


def _ensure_people(rng: random.Random) -> dict[int, dict]:
    """Per team: team lead and boa ids (from registration's generator, or made here)."""
    password = make_password("demo")
    teams = list(Team.objects.filter(active=True).order_by("pk"))
    if not teams:
        teams = [Team.objects.create(name=f"Team gen {i + 1}") for i in range(3)]
    out = {}
    for team in teams:
        leads = list(
            User.objects.filter(team=team, role=Role.TEAM_LEAD, is_active=True).values_list(
                "pk", flat=True
            )
        )
        boas = list(
            User.objects.filter(team=team, role=Role.BOA, is_active=True).values_list(
                "pk", flat=True
            )
        )
        if not leads:
            leads = [
                User.objects.create(
                    username=f"gen-cases-tl-{team.pk}",
                    role=Role.TEAM_LEAD,
                    team=team,
                    password=password,
                ).pk
            ]
        if not boas:
            boas = [
                User.objects.create(
                    username=f"gen-cases-boa-{team.pk}-{i}",
                    role=Role.BOA,
                    team=team,
                    password=password,
                ).pk
                for i in range(4)
            ]
        out[team.pk] = {"leads": leads, "boas": boas}
    return out


def _fallback_incidents(n: int, people: dict[int, dict], rng: random.Random, stdout) -> None:
    """Plain incidents (no photos, no coordinates) when registration generated none."""
    themes = list(Theme.objects.values_list("pk", flat=True))
    areas = list(Area.objects.values_list("pk", flat=True))
    if not themes or not areas:
        from enforcement import demo

        demo.seed(stdout=stdout)
        themes = list(Theme.objects.values_list("pk", flat=True))
        areas = list(Area.objects.values_list("pk", flat=True))
    team_ids = list(people)
    now = timezone.now()
    copy = CopyBuffer(
        "enforcement_incident",
        [
            "reference", "source", "theme_id", "occurred_at", "reported_at", "address",
            "area_id", "description", "priority", "status", "registered_by_id", "reported_by_id",
            "team_id", "reporter_name", "reporter_contact", "created_at", "updated_at",
        ],
    )  # fmt: skip
    span = 10 * 365 * 86400
    stamps = sorted(now - dt.timedelta(seconds=rng.random() * span) for _ in range(n))
    per_year: dict[int, int] = {}
    for at in stamps:
        year = at.year
        per_year[year] = per_year.get(year, 0) + 1
        team = rng.choice(team_ids)
        boa = rng.choice(people[team]["boas"])
        copy.add((
            f"G-{year}-{per_year[year]:07d}", "own", rng.choice(themes), at, at,
            f"Straat {rng.randint(1, 400)}", rng.choice(areas), "Gegenereerde melding",
            rng.randint(1, 4), "closed" if at < now - dt.timedelta(days=30) else "new",
            boa, boa, team, "", "", at, at,
        ))  # fmt: skip
    copy.flush()
    stdout.write(
        f"  cases: {copy.total} eenvoudige meldingen aangemaakt (geen registratiegenerator)"
    )


def generate(*, scale: str, seed: int, stdout) -> None:
    spec = SCALES[scale]
    if Case.objects.filter(reference__startswith="Z-").filter(title__startswith="[gen]").exists():
        stdout.write("  cases: al gegenereerd, overgeslagen")
        return
    rng = random.Random(seed * 7919 + 4)
    started = time.monotonic()
    with transaction.atomic():
        people = _ensure_people(rng)
        if not Incident.objects.exists():
            _fallback_incidents(spec.fallback_incidents, people, rng, stdout)
        if not CaseType.objects.exists():
            from enforcement import demo

            demo.seed(stdout=stdout)
        _generate_cases(spec, people, rng, stdout, seed=seed)
        _generate_briefings(people, rng, stdout)
    with connection.cursor() as cursor:
        for table in ("cases_case", "cases_caseevent", "cases_actionitem", "cases_case_incidents"):
            cursor.execute(f"ANALYZE {table}")
    stdout.write(f"  cases: klaar in {time.monotonic() - started:.1f} s")


def _sample_incidents(n: int, *, seed: int) -> list[tuple]:
    """About n incidents spread over all teams: (id, team, theme, area, occurred_at).

    Sampled by a hash of id and seed, not SQL random(), so a seed gives the same cases.
    """
    total = Incident.objects.count()
    fraction = min(1.0, n * 1.2 / max(total, 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, team_id, theme_id, area_id, occurred_at FROM enforcement_incident "
            "WHERE team_id IS NOT NULL "
            "AND (hashtext(id::text || ':' || %s) & 2147483647) < %s * 2147483647.0 "
            "ORDER BY occurred_at, id",
            [str(seed), fraction],
        )
        rows = cursor.fetchall()
    if len(rows) > n:
        # Drop at random (not the newest), keeping the time order.
        keep = sorted(random.Random(len(rows)).sample(range(len(rows)), n))
        rows = [rows[i] for i in keep]
    return rows


def _generate_cases(spec: Scale, people: dict, rng: random.Random, stdout, *, seed: int) -> None:
    types = list(CaseType.objects.values_list("pk", "standard_term_days"))
    partners = list(PartnerOrganisation.objects.filter(active=True).values_list("pk", flat=True))
    sample = _sample_incidents(spec.cases, seed=seed)
    if not sample:
        stdout.write("  cases: geen meldingen met team, geen zaken gemaakt")
        return
    now = timezone.now()
    today = timezone.localdate()
    open_cum, total = [], 0
    for _, w in OPEN_PHASES:
        total += w
        open_cum.append(total)
    case_id = next_id("cases_case")
    event_id = next_id("cases_caseevent")
    cases = CopyBuffer(
        "cases_case",
        [
            "id", "reference", "title", "description", "case_type_id", "theme_id", "area_id",
            "priority", "status", "status_before_hold", "status_changed_at", "team_id",
            "assignee_id", "due_date", "opened_at", "opened_by_id", "closed_at", "version",
        ],
    )  # fmt: skip
    links = CopyBuffer("cases_case_incidents", ["case_id", "incident_id"])
    events = CopyBuffer(
        "cases_caseevent",
        ["id", "case_id", "at", "actor_id", "kind", "message", "visible_to_partners", "data"],
    )
    items = CopyBuffer(
        "cases_actionitem",
        [
            "case_id", "description", "owner_user_id", "owner_organisation_id", "due_date",
            "done_at", "done_by_id", "created_by_id", "created_at",
        ],
    )  # fmt: skip
    shares = CopyBuffer(
        "cases_caseshare",
        [
            "case_id",
            "partner_organisation_id",
            "include_personal_data",
            "shared_by_id",
            "shared_at",
        ],
    )
    per_year: dict[int, int] = dict(
        ReferenceCounter.objects.filter(prefix="Z").values_list("year", "last")
    )
    for n, (incident_id, team_id, theme_id, area_id, occurred_at) in enumerate(sample):
        team = people.get(team_id)
        if team is None:
            continue
        opened_at = occurred_at + dt.timedelta(hours=rng.randint(2, 72))
        if opened_at > now:
            opened_at = now
        year = timezone.localtime(opened_at).year
        per_year[year] = per_year.get(year, 0) + 1
        type_id, term = rng.choice(types)
        due = timezone.localtime(opened_at).date() + dt.timedelta(days=int(term * 1.4))
        age_days = (now - opened_at).days
        # Old cases are closed; of the last four months a growing share is open.
        if age_days > 120 or rng.random() < age_days / 150:
            status = CaseStatus.CLOSED
        else:
            status = OPEN_PHASES[rng.choices(range(len(open_cum)), cum_weights=open_cum)[0]][0]
        lead = team["leads"][0]
        assignee = None if status == CaseStatus.NEW else rng.choice(team["boas"])
        changed = min(now, opened_at + dt.timedelta(days=rng.randint(0, max(1, min(age_days, 60)))))
        closed_at = changed if status == CaseStatus.CLOSED else None
        cases.add((
            case_id, f"Z-{year}-{per_year[year]:06d}", f"[gen] Zaak {n + 1}", "", type_id,
            theme_id, area_id, rng.randint(1, 4), status,
            CaseStatus.INVESTIGATING if status == CaseStatus.ON_HOLD else "", changed,
            team_id, assignee, due, opened_at, lead, closed_at, 1,
        ))  # fmt: skip
        links.add((case_id, incident_id))
        events.add((event_id, case_id, opened_at, lead, "opened", "Zaak geopend", True, "{}"))
        event_id += 1
        if status != CaseStatus.NEW:
            events.add((
                event_id, case_id, changed, assignee or lead, "status",
                f"Fase → {CaseStatus(status).label}", True, json.dumps({"to": str(status)}),
            ))  # fmt: skip
            event_id += 1
        if assignee and rng.random() < 0.6:
            item_due = today + dt.timedelta(days=rng.randint(-10, 20)) if closed_at is None else due
            done = closed_at if closed_at else None
            items.add((
                case_id, "Controle ter plaatse", assignee, None, item_due, done,
                assignee if done else None, lead, opened_at,
            ))  # fmt: skip
        if partners and closed_at is None and rng.random() < 0.08:
            org = rng.choice(partners)
            shares.add((case_id, org, False, lead, opened_at))
            items.add((
                case_id, "Terugkoppeling partner", None, org,
                today + dt.timedelta(days=rng.randint(-5, 14)), None, None, lead, opened_at,
            ))  # fmt: skip
        case_id += 1
    for buf in (cases, links, events, items, shares):
        buf.flush()
    for table in ("cases_case", "cases_caseevent", "cases_actionitem", "cases_caseshare"):
        set_sequence(table)
    for year, last in per_year.items():
        ReferenceCounter.objects.update_or_create(prefix="Z", year=year, defaults={"last": last})
    stdout.write(
        f"  cases: {cases.total} zaken, {links.total} koppelingen, {events.total} tijdlijnregels, "
        f"{items.total} actiepunten, {shares.total} delingen"
    )


def _generate_briefings(people: dict, rng: random.Random, stdout) -> None:
    from cases.models import Briefing, BriefingSeries

    districts = list(
        Area.objects.filter(kind=Area.Kind.DISTRICT).values_list("pk", flat=True)
    ) or list(Area.objects.values_list("pk", flat=True))
    partner_users = list(
        User.objects.filter(role=Role.PARTNER, is_active=True).values_list("pk", flat=True)
    )
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    start = today - dt.timedelta(weeks=8)
    count = 0
    team_ids = sorted(people)
    for i, team_id in enumerate(team_ids):
        lead = people[team_id]["leads"][0]
        areas = districts[i :: len(team_ids)] or districts[:1]
        participants = [lead, *people[team_id]["boas"], *partner_users[:1]]
        series = BriefingSeries.objects.create(
            title=f"[gen] Briefing team {team_id}", team_id=team_id, chair_id=lead,
            weekdays=[0, 2, 4], time=dt.time(8, 30), start_date=start, created_by_id=lead,
        )  # fmt: skip
        series.areas.set(areas)
        series.participants.set(participants)
        day = start
        briefings = []
        while day <= today + dt.timedelta(weeks=4):
            if day.weekday() in (0, 2, 4):
                at = dt.datetime.combine(day, dt.time(8, 30), tzinfo=tz)
                briefings.append(
                    Briefing(
                        series=series, title=series.title, team_id=team_id, chair_id=lead,
                        starts_at=at, created_by_id=lead,
                        status=Briefing.Status.HELD if day < today else Briefing.Status.PLANNED,
                    )
                )  # fmt: skip
            day += dt.timedelta(days=1)
        Briefing.objects.bulk_create(briefings)
        through_a = Briefing.areas.through
        through_p = Briefing.participants.through
        through_a.objects.bulk_create(
            [through_a(briefing_id=b.pk, area_id=a) for b in briefings for a in areas]
        )
        through_p.objects.bulk_create(
            [through_p(briefing_id=b.pk, user_id=u) for b in briefings for u in participants]
        )
        count += len(briefings)
    stdout.write(f"  cases: {len(team_ids)} briefingreeksen, {count} briefings")
