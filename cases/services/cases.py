"""Services that change cases. Each is one transaction; timeline and access log in the same one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.events import EventKind, event_publish
from accounts.models import AccessLogEntry, Team, User
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.services import access_log_record, notification_create
from cases import permissions as perms
from cases.dates import add_working_days
from cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
)
from cases.workflow import WORKFLOW
from enforcement.models import Area, CaseType, Incident, Theme, Violation
from enforcement.permissions import incidents_visible_to, violations_visible_to
from enforcement.services.numbering import reference_next


class OpenActionItems(Exception):
    """Closing a case that still has open action items needs the user's confirmation."""

    def __init__(self, items: list):
        self.items = items
        super().__init__(
            f"Deze zaak heeft nog {len(items)} open actiepunt(en). Bevestig dat u haar toch sluit."
        )


class CaseConflict(Exception):
    """Someone else changed the case since the form was loaded."""

    def __init__(self, case: Case):
        self.case = case
        super().__init__(
            f"Iemand anders heeft zaak {case.reference} intussen gewijzigd "
            f"(fase nu: {case.get_status_display()}). Uw invoer is niet opgeslagen maar staat "
            "hieronder nog ingevuld: controleer de huidige stand en verstuur opnieuw."
        )


def _event(
    case: Case, actor, kind: CaseEvent.Kind, message: str, *, partners: bool = False, **data
):
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=kind,
        message=message[:500],
        visible_to_partners=partners,
        data=data,
    )


def _lock(case_id: int, expected_version: int | None) -> Case:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("team", "assignee")
        .get(pk=case_id)
    )
    if expected_version is not None and case.version != expected_version:
        raise CaseConflict(case)
    return case


def _bump(case: Case, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def _event_data(case: Case) -> dict:
    """What other systems learn of a case (accounts.events): no title, no personal data."""
    return {
        "reference": case.reference,
        "theme": case.theme.code if case.theme_id else None,
        "status": case.status,
        "team": case.team_id,
        "assignee": case.assignee_id,
        "status_changed_at": case.status_changed_at.isoformat(),
    }


def due_date_for(case_type: CaseType, start: dt.date | None = None) -> dt.date:
    return add_working_days(start or timezone.localdate(), case_type.standard_term_days)


@transaction.atomic
def case_open(
    *,
    actor: User,
    title: str,
    case_type: CaseType,
    theme: Theme | None = None,
    area: Area | None = None,
    priority: int = Case.Priority.NORMAL,
    description: str = "",
    incident_ids: Iterable[int] = (),
    violation_ids: Iterable[int] = (),
    request=None,
) -> Case:
    incident_ids = sorted(set(incident_ids))
    if not incident_ids and not perms.can_open_case_directly(actor):
        raise PermissionDenied(_("Alleen een teamleider opent een zaak zonder melding."))
    if not perms.can_open_case(actor):
        raise PermissionDenied(_("U mag geen zaken openen."))
    incidents = list(
        incidents_visible_to(actor, Incident.objects.filter(pk__in=incident_ids))
        .select_related("theme", "area")
        .order_by("pk")
    )
    if len(incidents) != len(incident_ids):
        raise ValidationError(
            _("Een of meer meldingen bestaan niet of zijn niet voor u zichtbaar.")
        )
    # The violations recorded on the incidents come along with them.
    violations = list(
        violations_visible_to(
            actor,
            Violation.objects.filter(
                Q(pk__in=set(violation_ids)) | Q(incident_id__in=incident_ids)
            ),
        )
    )
    if theme is None:
        if not incidents:
            raise ValidationError(_("Kies een thema."))
        theme = incidents[0].theme
    if area is None and incidents:
        area = next((i.area for i in incidents if i.area_id), None)
    now = timezone.now()
    case = Case.objects.create(
        reference=reference_next(prefix="Z", year=timezone.localdate().year),
        title=title.strip(),
        description=description,
        case_type=case_type,
        theme=theme,
        area=area,
        priority=priority,
        team=actor.team,
        due_date=due_date_for(case_type),
        opened_by=actor,
        opened_at=now,
        status_changed_at=now,
    )
    if incidents:
        case.incidents.add(*incidents)
    if violations:
        case.violations.add(*violations)
    _event(
        case,
        actor,
        CaseEvent.Kind.OPENED,
        f"Zaak geopend ({case_type}, streefdatum {case.due_date:%d-%m-%Y})"
        + (f" met meldingen {', '.join(i.reference for i in incidents)}" if incidents else ""),
        partners=True,
    )
    event_publish(kind=EventKind.CASE_CREATED, obj=case, payload=_event_data(case))
    if incidents or violations:
        access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.CREATE,
            obj=case,
            detail={"incidents": incident_ids, "violations": [v.pk for v in violations]},
            request=request,
        )
    return case


@transaction.atomic
def case_update(
    *,
    actor: User,
    case_id: int,
    expected_version: int,
    title: str,
    description: str,
    priority: int,
    due_date: dt.date,
    area: Area | None,
) -> Case:
    case = _lock(case_id, expected_version)
    if not perms.can_change_case(actor, case):
        raise PermissionDenied
    changes = {}
    for field, value in (
        ("title", title),
        ("description", description),
        ("priority", priority),
        ("due_date", due_date),
        ("area", area),
    ):
        if getattr(case, field) != value:
            changes[field] = str(value)
            setattr(case, field, value)
    if changes:
        _bump(case, list(changes))
        _event(case, actor, CaseEvent.Kind.CHANGED, "Gewijzigd: " + ", ".join(changes), **changes)
    return case


@transaction.atomic
def case_transition(
    *,
    actor: User,
    case_id: int,
    to_status: str,
    reason: str = "",
    expected_version: int | None,
    confirm_open_items: bool = False,
) -> Case:
    """Move the case to ``to_status``. Closing it while action items are still open
    raises OpenActionItems (listing them) unless the user confirmed."""
    case = _lock(case_id, expected_version)
    if not perms.can_change_case(actor, case):
        raise PermissionDenied
    step = WORKFLOW.check(case.status, to_status)
    if to_status == CaseStatus.ASSIGNED and case.assignee_id is None:
        raise ValidationError(_("Wijs de zaak eerst toe aan een handhaver."))
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise ValidationError(
            _("Geef een reden op om '%(step)s' te kiezen.") % {"step": step.label}
        )
    open_items = []
    if to_status == CaseStatus.CLOSED:
        open_items = list(
            case.action_items.filter(done_at__isnull=True)
            .select_related("owner_user", "owner_organisation")
            .order_by("due_date", "pk")
        )
        if open_items and not confirm_open_items:
            raise OpenActionItems(open_items)
    if open_items:
        reason = (reason + " " if reason else "") + f"({len(open_items)} actiepunt(en) nog open)"
    old = case.status
    case.status_before_hold = old if to_status == CaseStatus.ON_HOLD else ""
    case.status = to_status
    case.status_changed_at = timezone.now()
    case.closed_at = case.status_changed_at if to_status == CaseStatus.CLOSED else None
    _bump(case, ["status", "status_before_hold", "status_changed_at", "closed_at"])
    label = CaseStatus(to_status).label
    _event(
        case,
        actor,
        CaseEvent.Kind.STATUS,
        f"Fase {CaseStatus(old).label} → {label}" + (f": {reason}" if reason else ""),
        partners=True,
        **{"from": old, "to": to_status, "reason": reason},
    )
    event_publish(kind=EventKind.CASE_TRANSITIONED, obj=case, payload=_event_data(case))
    return case


def _notify_assignee(case: Case, user: User) -> None:
    # In the application now; accounts mails it through Celery after the commit.
    notification_create(
        user=user,
        message=lambda: (
            _("Zaak %(case)s is aan u toegewezen: %(title)s (streefdatum %(due)s)")
            % {"case": case.reference, "title": case.title, "due": f"{case.due_date:%d-%m-%Y}"}
        ),
        url=reverse("cases:detail", args=[case.pk]),
    )


def _assign_locked(*, actor: User, case: Case, assignee: User | None, team: Team | None) -> None:
    if not perms.can_assign_case(actor, case):
        raise PermissionDenied(_("U mag zaak %(case)s niet toewijzen.") % {"case": case.reference})
    if assignee is not None:
        if not has_capability(assignee, C.CASE_WORK):
            raise ValidationError(_("%(user)s kan geen zaken behandelen.") % {"user": assignee})
        team = assignee.team or team
    if team is not None and team.pk != actor.team_id:
        raise ValidationError(_("U kunt alleen aan uw eigen team toewijzen."))
    if case.assignee_id == (assignee.pk if assignee else None) and case.team_id == (
        team.pk if team else None
    ):
        return
    case.assignee = assignee
    case.team = team
    fields = ["assignee", "team"]
    if case.status == CaseStatus.NEW and assignee is not None:
        case.status = CaseStatus.ASSIGNED
        case.status_changed_at = timezone.now()
        fields += ["status", "status_changed_at"]
    _bump(case, fields)
    who = str(assignee) if assignee else f"team {team}"
    _event(
        case,
        actor,
        CaseEvent.Kind.ASSIGNED,
        f"Toegewezen aan {who}",
        partners=True,
        assignee=assignee.pk if assignee else None,
        team=team.pk if team else None,
    )
    event_publish(kind=EventKind.CASE_ASSIGNED, obj=case, payload=_event_data(case))
    if assignee is not None and assignee.pk != actor.pk:
        _notify_assignee(case, assignee)


@transaction.atomic
def case_assign(
    *,
    actor: User,
    case_id: int,
    assignee: User | None = None,
    team: Team | None = None,
    expected_version: int | None = None,
) -> Case:
    if assignee is None and team is None:
        raise ValidationError(_("Kies een handhaver of een team."))
    case = _lock(case_id, expected_version)
    _assign_locked(actor=actor, case=case, assignee=assignee, team=team)
    return case


@transaction.atomic
def cases_bulk_assign(
    *, actor: User, case_ids: Iterable[int], assignee: User | None = None, team: Team | None = None
) -> int:
    """Assign all or nothing: one case the actor may not touch refuses the whole batch."""
    case_ids = sorted(set(case_ids))
    if not case_ids:
        raise ValidationError(_("Selecteer ten minste één zaak."))
    if assignee is None and team is None:
        raise ValidationError(_("Kies een handhaver of een team."))
    cases = list(
        perms.cases_visible_to(actor, Case.objects.filter(pk__in=case_ids))
        .select_for_update(of=("self",))
        .select_related("team", "assignee")
        .order_by("pk")
    )
    refused = [c.reference for c in cases if not perms.can_assign_case(actor, c)]
    if len(cases) != len(case_ids) or refused:
        missing = len(case_ids) - len(cases)
        parts = []
        if refused:
            parts.append(", ".join(refused[:10]))
        if missing:
            parts.append(_("%(n)s onbekende of niet zichtbare zaak/zaken") % {"n": missing})
        raise PermissionDenied(
            _("Er is niets toegewezen: u mag niet alle geselecteerde zaken toewijzen (%(why)s).")
            % {"why": "; ".join(parts)}
        )
    for case in cases:
        _assign_locked(actor=actor, case=case, assignee=assignee, team=team)
    return len(cases)
