"""Demo planning data: this year's programme in draft, capacity, a theme plan and an
expert group with one meeting. Idempotent (get_or_create); runs after accounts and
enforcement demo data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Team, User
from enforcement.models import Area, Theme
from planning.models import (
    Activity,
    CapacityEntry,
    Evaluation,
    ExpertGroup,
    ExpertGroupMember,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
    Programme,
    ProgrammeDecision,
    ThemePlan,
)

# theme code, what, districts, hours, start, end, kind
ACTIVITIES = [
    ("jeugd", "Surveillance hangplekken", ["Centrum", "Noord"], 480, 3, 10, "planned"),
    ("afval", "Controle bijplaatsingen bij containers", ["Zuid", "West"], 360, 1, 12, "planned"),
    ("horeca", "Sluitingstijden horeca controleren", ["Centrum"], 200, 5, 9, "planned"),
    ("parkeren", "Fietsparkeren stationsgebied", ["Centrum"], 240, 1, 12, "planned"),
    ("overlast", "Reactieve capaciteit voor meldingen", [], 1800, 1, 12, "reactive"),
]
# team, people, contract hours per person per month
CAPACITY = [("Team Centrum", 6, Decimal("130")), ("Team Noord", 4, Decimal("130"))]


def _activities(programme: Programme, actor: User) -> None:
    for code, title, districts, hours, start, end, kind in ACTIVITIES:
        theme = Theme.objects.filter(code=code).first()
        if theme is None:
            continue
        activity, created = Activity.objects.get_or_create(
            programme=programme,
            title=title,
            defaults={
                "theme": theme,
                "planned_hours": Decimal(hours),
                "start_month": start,
                "end_month": end,
                "kind": kind,
                "created_by": actor,
            },
        )
        if created:
            activity.areas.set(Area.objects.filter(name__in=districts, kind="wijk"))


def seed(*, stdout) -> None:
    boa = User.objects.filter(username="boa").first()
    policy = User.objects.filter(username="policy").first()
    manager = User.objects.filter(username="manager").first()
    partner = User.objects.filter(username="partner").first()
    if not (boa and policy and manager):
        stdout.write("  planning: demogebruikers ontbreken, overgeslagen")
        return
    year = timezone.localdate().year

    previous, created = Programme.objects.get_or_create(
        year=year - 1,
        version=1,
        defaults={
            "title": f"Uitvoeringsprogramma {year - 1}",
            "status": Programme.Status.ADOPTED,
            "adopted_on": dt.date(year - 1, 1, 20),
            "created_by": boa,
        },
    )
    if created:
        _activities(previous, boa)
        ProgrammeDecision.objects.create(
            programme=previous,
            from_status=Programme.Status.PRIORITISED,
            to_status=Programme.Status.ADOPTED,
            decision="Vastgesteld door het college.",
            decided_on=previous.adopted_on,
            actor=manager,
        )
    current, created = Programme.objects.get_or_create(
        year=year,
        version=1,
        defaults={"title": f"Uitvoeringsprogramma {year}", "created_by": boa},
    )
    if created:
        _activities(current, boa)

    for name, people, hours in CAPACITY:
        team = Team.objects.filter(name=name).first()
        if team is None:
            continue
        for y in (year - 1, year):
            for month in range(1, 13):
                CapacityEntry.objects.get_or_create(
                    team=team,
                    year=y,
                    month=month,
                    defaults={
                        "people": people,
                        "contract_hours": hours,
                        "leave_hours": Decimal(people * (30 if month in (7, 8) else 10)),
                        "training_hours": Decimal(people * 4),
                        "overhead_hours": Decimal(people * 20),
                        "updated_by": manager,
                    },
                )

    theme = Theme.objects.filter(code="jeugd").first()
    if theme is None:
        return
    plan, _ = ThemePlan.objects.get_or_create(
        theme=theme,
        year=year,
        defaults={
            "title": f"Themaplan jeugd {year}",
            "summary": "Minder overlast van jongeren in het centrum, samen met jongerenwerk en politie.",
            "created_by": policy,
        },
    )
    goal1, created = Goal.objects.get_or_create(
        plan=plan, title="Minder meldingen jeugdoverlast in het centrum", defaults={"order": 1}
    )
    if created:
        ind = Indicator.objects.create(
            goal=goal1,
            name="Meldingen jeugdoverlast centrum",
            baseline=Decimal(120),
            target=Decimal(90),
            measurement="Aantal meldingen met thema jeugd in wijk Centrum in de registratie.",
            source=Indicator.Source.INCIDENTS,
        )
        ind.areas.set(Area.objects.filter(name="Centrum"))
    goal2, created = Goal.objects.get_or_create(
        plan=plan, title="Jongeren voelen zich gehoord", defaults={"order": 2}
    )
    if created:
        ind = Indicator.objects.create(
            goal=goal2,
            name="Aandeel jongeren tevreden over contact",
            baseline=Decimal(40),
            target=Decimal(60),
            measurement="Enquête jongerenwerk, percentage tevreden.",
            source=Indicator.Source.MANUAL,
        )
        IndicatorValue.objects.create(
            indicator=ind,
            measured_on=dt.date(year, 1, 15),
            value=Decimal(45),
            source="Enquête jongerenwerk januari",
            recorded_by=policy,
        )

    group, _ = ExpertGroup.objects.get_or_create(
        name="Expertgroep jeugd",
        defaults={
            "theme": theme,
            "description": "Gemeente, politie, jongerenwerk en woningcorporatie.",
            "created_by": policy,
        },
    )
    members = [
        ExpertGroupMember.objects.get_or_create(
            group=group, user=policy, defaults={"organisation": "Gemeente", "role": "Voorzitter"}
        )[0],
        ExpertGroupMember.objects.get_or_create(
            group=group,
            name="Fatima Benali",
            defaults={"organisation": "Jongerenwerk De Schakel", "role": "Jongerenwerker"},
        )[0],
    ]
    if partner:
        members.append(
            ExpertGroupMember.objects.get_or_create(
                group=group,
                user=partner,
                defaults={"organisation": str(partner.partner_organisation), "role": "Wijkagent"},
            )[0]
        )
    meeting, created = Meeting.objects.get_or_create(
        group=group,
        held_on=timezone.localdate() - dt.timedelta(days=45),
        defaults={
            "notes": "Voortgang besproken; avonduren blijven een zorg.",
            "created_by": policy,
        },
    )
    if created:
        meeting.attendees.set(members)
        Evaluation.objects.create(
            meeting=meeting,
            goal=goal1,
            judgement=Evaluation.Judgement.AT_RISK,
            comment="Meldingen stijgen in de avond.",
            adjustment="Extra avondsurveillance op vrijdag.",
            created_by=policy,
        )
    stdout.write(
        f"  planning: programma {year} (concept) en {year - 1} (vastgesteld), capaciteit, "
        f"themaplan jeugd, expertgroep met {len(members)} leden"
    )
