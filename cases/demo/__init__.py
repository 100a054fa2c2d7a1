"""Demo cases, a recurring briefing and action items (for the partner user ``partner``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import PartnerOrganisation, User
from cases import services
from cases.models import ActionItem, BriefingSeries, Case, CaseStatus
from enforcement.models import Area, CaseType, Incident, Theme

CASES = [
    # title, case type, theme, status, assignee, share with partner, partner action item
    (
        "Overlast portiek Marktstraat",
        "overlast-adres",
        "overlast",
        CaseStatus.INVESTIGATING,
        "boa",
        True,
        True,
    ),
    ("Jongeren bij winkelcentrum", "jeugdgroep", "jeugd", CaseStatus.ASSIGNED, "boa2", True, False),
    ("Dumping achter sporthal", "afval-hotspot", "afval", CaseStatus.NEW, None, False, False),
    (
        "Terras café De Hoek",
        "horeca-controle",
        "horeca",
        CaseStatus.INTERVENTION,
        "boa",
        False,
        False,
    ),
]


def seed(*, stdout) -> None:
    lead = User.objects.filter(username="teamlead").first()
    partner = User.objects.filter(username="partner").first()
    if lead is None or not CaseType.objects.exists():
        stdout.write("  zaken: overgeslagen (geen teamleider of thema's)")
        return
    police = partner.partner_organisation if partner else PartnerOrganisation.objects.first()
    area = Area.objects.filter(kind=Area.Kind.DISTRICT).first() or Area.objects.first()
    made = 0
    for title, type_code, theme_code, status, assignee, share, partner_item in CASES:
        if Case.objects.filter(title=title).exists():
            continue
        theme = Theme.objects.filter(code=theme_code).first() or Theme.objects.first()
        incident_ids = list(
            Incident.objects.filter(theme=theme, team=lead.team).values_list("pk", flat=True)[:2]
        )
        case = services.case_open(
            actor=lead,
            title=title,
            case_type=CaseType.objects.filter(code=type_code).first() or CaseType.objects.first(),
            theme=theme,
            area=area,
            incident_ids=incident_ids,
        )
        user = User.objects.filter(username=assignee).first() if assignee else None
        if user:
            services.case_assign(actor=lead, case_id=case.pk, assignee=user)
        path = {
            CaseStatus.INVESTIGATING: [CaseStatus.INVESTIGATING],
            CaseStatus.INTERVENTION: [CaseStatus.INVESTIGATING, CaseStatus.INTERVENTION],
        }.get(status, [])
        for step in path:
            services.case_transition(
                actor=lead, case_id=case.pk, to_status=step, expected_version=None
            )
        if share and police:
            services.case_share(actor=lead, case_id=case.pk, partner_organisation=police)
            services.case_note_create(
                actor=lead,
                case=case,
                text="Wijkagent loopt extra rondes; graag terugkoppeling in de briefing.",
                visible_to_partners=True,
            )
        if partner_item and partner:
            services.action_item_create(
                actor=lead,
                case=case,
                description="Gesprek met bewoners portiek en terugkoppeling",
                owner_user=partner,
                due_date=timezone.localdate() + dt.timedelta(days=3),
            )
        if user:
            services.action_item_create(
                actor=lead,
                case=case,
                description="Situatie ter plaatse opnemen met foto's",
                owner_user=user,
                due_date=timezone.localdate() + dt.timedelta(days=2),
            )
        made += 1
    if not BriefingSeries.objects.filter(title="Briefing Centrum").exists():
        participants = list(
            User.objects.filter(username__in=["boa", "boa2", "teamlead", "partner"])
        )
        services.briefing_series_create(
            actor=lead,
            title="Briefing Centrum",
            weekdays=[0, 2, 4],
            time=dt.time(8, 30),
            start_date=timezone.localdate(),
            areas=[area] if area else [],
            participants=participants,
            weeks=3,
            location="Stadskantoor, kamer 2.14",
        )
    stdout.write(
        f"  zaken: {made} nieuw, {Case.objects.count()} totaal; "
        f"actiepunten: {ActionItem.objects.count()}; briefingreeks Centrum (ma/wo/vr 08:30)"
    )
