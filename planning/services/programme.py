"""Services that change the execution programme. Each is one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.services import notification_create
from accounts.workflow import Step, Workflow
from planning import permissions
from planning.models import Activity, ChangeProposal, FocusArea, Programme, ProgrammeDecision

S = Programme.Status

# from -> the steps, each owned by the capability of a role (the shape of accounts.workflow).
WORKFLOW = Workflow(
    S,
    {
        S.DRAFT: (
            Step(S.PRIORITISED, "Prioritering vastleggen", capability=C.PROGRAMME_PRIORITISE),
        ),
        S.PRIORITISED: (
            Step(S.DRAFT, "Terug naar concept", capability=C.PROGRAMME_PRIORITISE),
            Step(S.ADOPTED, "Programma vaststellen", capability=C.PROGRAMME_PRIORITISE),
        ),
    },
)


def next_steps(*, user, programme: Programme) -> list[tuple[str, str]]:
    """(to_status, label) the user may take from the programme's current status."""
    return [(s.to, s.label) for s in WORKFLOW.next_steps(programme.status, user=user)]


def programme_create(*, actor, year: int, title: str) -> Programme:
    if not permissions.can_create_programme(actor):
        raise PermissionDenied
    if Programme.objects.filter(year=year, status=S.ADOPTED).exists():
        raise ValidationError(
            _(
                "Voor %(year)s is al een programma vastgesteld. Maak daarvan een nieuwe versie "
                "als u het wilt wijzigen."
            )
            % {"year": year}
        )
    if Programme.objects.filter(year=year, status__in=[S.DRAFT, S.PRIORITISED]).exists():
        raise ValidationError(
            _("Voor %(year)s is al een programma in voorbereiding; werk dat bij.") % {"year": year}
        )
    version = (
        Programme.objects.filter(year=year).order_by("-version").values_list("version", flat=True)
    ).first() or 0
    try:
        with transaction.atomic():
            return Programme.objects.create(
                year=year, title=title, version=version + 1, created_by=actor
            )
    except IntegrityError as exc:  # a parallel create won the race
        raise ValidationError(
            _("Voor %(year)s bestaat al een programma.") % {"year": year}
        ) from exc


@transaction.atomic
def programme_transition(
    *, actor, programme: Programme, to_status: str, decision: str, decided_on: dt.date
) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    step = WORKFLOW.check(programme.status, to_status)
    if not has_capability(actor, step.capability):
        raise PermissionDenied(_("Deze stap is voorbehouden aan de leidinggevende."))
    if not decision.strip():
        raise ValidationError(_("Leg het besluit vast."))
    # Steps follow each other in time: a programme is not adopted before it was prioritised.
    last = (
        programme.decisions.order_by("-decided_on", "-id")
        .values_list("decided_on", "to_status")
        .first()
    )
    if last is not None and decided_on < last[0]:
        raise ValidationError(
            {
                "decided_on": _(
                    "Deze datum ligt vóór het vorige besluit (%(step)s op %(date)s); "
                    "een stap volgt op de vorige."
                )
                % {"step": S(last[1]).label.lower(), "date": last[0].strftime("%d-%m-%Y")}
            }
        )
    if to_status == S.ADOPTED:
        previous = Programme.objects.select_for_update().filter(
            year=programme.year, status=S.ADOPTED
        )
        previous.update(status=S.SUPERSEDED)
        programme.adopted_on = decided_on
    ProgrammeDecision.objects.create(
        programme=programme,
        from_status=programme.status,
        to_status=to_status,
        decision=decision.strip(),
        decided_on=decided_on,
        actor=actor,
    )
    programme.status = to_status
    programme.save(update_fields=["status", "adopted_on"])
    return programme


@transaction.atomic
def programme_new_version(*, actor, programme: Programme) -> Programme:
    """Copy an adopted programme into a new draft version (version+1, linked to it)."""
    if not permissions.can_new_version(actor, programme):
        raise ValidationError(
            _("Alleen van een vastgesteld programma kan een nieuwe versie worden gemaakt.")
        )
    last = Programme.objects.filter(year=programme.year).order_by("-version").first()
    new = Programme.objects.create(
        year=programme.year,
        title=programme.title,
        version=last.version + 1,
        previous=programme,
        created_by=actor,
    )
    for activity in programme.activities.prefetch_related("areas"):
        areas = list(activity.areas.all())
        copy = Activity.objects.create(
            programme=new,
            theme_id=activity.theme_id,
            title=activity.title,
            description=activity.description,
            kind=activity.kind,
            planned_hours=activity.planned_hours,
            start_month=activity.start_month,
            end_month=activity.end_month,
            priority=activity.priority,
            deferred=activity.deferred,
            proposed_hours=activity.proposed_hours,
            proposal_reason=activity.proposal_reason,
            copied_from=activity,
            created_by=actor,
        )
        copy.areas.set(areas)
    ChangeProposal.objects.filter(year=programme.year, programme__isnull=True).update(programme=new)
    return new


def _check_editable(actor, programme: Programme) -> None:
    if programme.is_read_only:
        raise ValidationError(
            _("Een vastgesteld programma is alleen-lezen. Maak een nieuwe versie om te wijzigen.")
        )
    if not permissions.can_change_programme(actor, programme):
        raise PermissionDenied(_("U mag dit programma niet wijzigen."))


@transaction.atomic
def activity_save(
    *, actor, programme: Programme, activity: Activity | None = None, data: dict
) -> Activity:
    _check_editable(actor, programme)
    areas = data.pop("areas", None)
    if (
        data.get("start_month")
        and data.get("end_month")
        and data["start_month"] > data["end_month"]
    ):
        raise ValidationError(_("De eerste maand ligt na de laatste maand."))
    if activity is None:
        activity = Activity(programme=programme, created_by=actor)
    for key, value in data.items():
        setattr(activity, key, value)
    activity.full_clean()
    activity.save()
    if areas is not None:
        activity.areas.set(areas)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    _check_editable(actor, activity.programme)
    if activity.effort_links.exists():
        raise ValidationError(_("Op deze activiteit is al inzet geboekt; zet haar op uitgesteld."))
    activity.delete()


@transaction.atomic
def activities_prioritise(
    *, actor, programme: Programme, choices: dict[int, tuple[int | None, bool]]
) -> int:
    """Set priority and deferral per activity id. Refused for roles that may not."""
    if not has_capability(actor, C.PROGRAMME_PRIORITISE):
        raise PermissionDenied(_("Prioriteren is voorbehouden aan de leidinggevende."))
    if not permissions.can_prioritise_programme(actor, programme):
        raise ValidationError(_("Dit programma kan niet meer geprioriteerd worden."))
    changed = 0
    for activity in programme.activities.select_for_update():
        if activity.pk not in choices:
            continue
        priority, deferred = choices[activity.pk]
        if (activity.priority, activity.deferred) != (priority, deferred):
            activity.priority, activity.deferred = priority, deferred
            activity.save(update_fields=["priority", "deferred", "updated_at"])
            changed += 1
    return changed


# --- focus areas -------------------------------------------------------------------


@transaction.atomic
def focus_area_submit(
    *, actor, programme: Programme, title: str, description: str, theme=None, areas=()
) -> FocusArea:
    if not permissions.can_contribute_focus_area(actor, programme):
        raise ValidationError(
            _("Aandachtsgebieden kunnen alleen bij een concept worden ingediend.")
        )
    fa = FocusArea.objects.create(
        programme=programme,
        partner_organisation_id=actor.partner_organisation_id,
        submitted_by=actor,
        theme=theme,
        title=title,
        description=description,
    )
    fa.areas.set(areas)
    return fa


@transaction.atomic
def focus_area_decide(*, actor, focus_area: FocusArea, accept: bool, reason: str) -> FocusArea:
    focus_area = FocusArea.objects.select_for_update().get(pk=focus_area.pk)
    if not permissions.can_decide_focus_area(actor, focus_area):
        raise PermissionDenied(_("U mag over dit aandachtsgebied niet beslissen."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden, zodat de partner weet waarom."))
    focus_area.status = FocusArea.Status.ACCEPTED if accept else FocusArea.Status.DECLINED
    focus_area.reason = reason.strip()
    focus_area.decided_by = actor
    focus_area.decided_at = timezone.now()
    focus_area.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    notification_create(
        user=focus_area.submitted_by,
        message=lambda: (
            _("Uw aandachtsgebied '%(t)s' is %(s)s.")
            % {"t": focus_area.title, "s": focus_area.get_status_display().lower()}
        ),
        url="/planning/aandachtsgebieden/",
    )
    return focus_area


def hours(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.1"))
