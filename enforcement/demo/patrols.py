"""Demo patrol logs and violations, so demo users see real shifts, effort and letters.

Called from enforcement/demo.py after the reference data (and any demo incidents).
Idempotent: a boa who already has shifts gets none added.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from enforcement.letters import letter_template_ensure_default
from enforcement.models import (
    Incident,
    InterventionType,
    Offence,
    Offender,
    PatrolEffort,
    PatrolLog,
    PatrolLogEvent,
    Theme,
    Violation,
)
from enforcement.offenders import offender_key
from enforcement.services.numbering import reference_next
from enforcement.services.patrols import patrol_logs_flag_open


def _shifts(boa: User, rng: random.Random, themes: list[Theme]) -> int:
    if boa.team_id is None or PatrolLog.objects.filter(boa=boa).exists():
        return 0
    today = timezone.localdate()
    made = 0
    for days_ago in range(14, 0, -1):
        day = today - dt.timedelta(days=days_ago)
        if day.weekday() >= 5 and rng.random() < 0.6:
            continue
        start_hour = rng.choice([7, 8, 14, 15, 18])
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(start_hour)))
        end = start + dt.timedelta(hours=8)
        if end > timezone.now() - dt.timedelta(hours=16):
            continue  # leave room for the open shift below
        log = PatrolLog.objects.create(
            boa=boa,
            team_id=boa.team_id,
            mode=rng.choice(PatrolLog.Mode.values),
            joint_with_police=rng.random() < 0.2,
            started_at=start,
            ended_at=end,
        )
        remaining = 8 * 60 - 30
        for theme in rng.sample(themes, k=min(3, len(themes))):
            minutes = min(remaining, rng.choice([60, 90, 120, 150]))
            if minutes <= 0:
                break
            PatrolEffort.objects.create(
                patrol_log=log,
                theme=theme,
                kind=rng.choice(PatrolEffort.Kind.values),
                minutes=minutes,
            )
            remaining -= minutes
        PatrolLogEvent.objects.create(
            patrol_log=log,
            actor=boa,
            at=start,
            kind=PatrolLogEvent.Kind.STARTED,
            message="Dienst gestart",
        )
        PatrolLogEvent.objects.create(
            patrol_log=log,
            actor=boa,
            at=end,
            kind=PatrolLogEvent.Kind.ENDED,
            message="Dienst beëindigd",
        )
        made += 1
    return made


def _violations(boa: User, rng: random.Random) -> int:
    if Violation.objects.filter(recorded_by=boa).exists():
        return 0
    incidents = list(Incident.objects.filter(registered_by=boa).order_by("-occurred_at")[:3])
    offences = list(Offence.objects.filter(active=True).select_related("default_intervention"))
    warning = InterventionType.objects.filter(code="written-warning").first()
    if not incidents or not offences or warning is None:
        return 0
    for incident in incidents:
        offence = rng.choice(offences)
        person = {
            "kind": Offender.Kind.PERSON,
            "name": rng.choice(["Jan de Vries", "Fatima Bouali", "Kees Smit"]),
            "date_of_birth": dt.date(1980 + rng.randrange(20), rng.randrange(1, 13), 1),
            "address": "Dorpsstraat 12",
        }
        offender = Offender.objects.create(**person, match_key=offender_key(**person))
        day = timezone.localdate(incident.occurred_at)
        Violation.objects.create(
            reference=reference_next(prefix="O", year=day.year),
            incident=incident,
            offence=offence,
            offender=offender,
            attitude="B",
            consequence="limited",
            proposed_intervention=warning,
            intervention=warning,
            amount=None if not warning.needs_amount else Decimal("100.00"),
            committed_on=day,
            address=incident.address,
            recorded_by=boa,
            team_id=boa.team_id,
        )
    return len(incidents)


def seed(*, stdout) -> None:
    rng = random.Random(3)
    themes = list(Theme.objects.filter(active=True))
    if not themes:
        return
    shifts = violations = 0
    for boa in User.objects.filter(username__in=["boa", "boa2", "boa3"]).order_by("username"):
        shifts += _shifts(boa, rng, themes)
        violations += _violations(boa, rng)
    boa2 = User.objects.filter(username="boa2").first()
    if boa2 and boa2.team_id and not PatrolLog.objects.filter(boa=boa2, ended_at=None).exists():
        # A shift left open too long, so the team lead's panel shows one.
        PatrolLog.objects.create(
            boa=boa2, team_id=boa2.team_id, started_at=timezone.now() - dt.timedelta(hours=15)
        )
        shifts += 1
    patrol_logs_flag_open()
    letter_template_ensure_default()
    stdout.write(f"  diensten: {shifts} toegevoegd; overtredingen: {violations} toegevoegd")
