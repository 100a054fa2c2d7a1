"""Theme plans, goals, indicators, expert groups, meetings, evaluations, action items."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry
from accounts.roles import is_partner
from accounts.services import access_log_record, notification_create
from planning import permissions
from planning.models import (
    ActionItem,
    ChangeProposal,
    Evaluation,
    ExpertGroup,
    ExpertGroupMember,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
    Programme,
    ThemePlan,
)


def _require_manager(actor) -> None:
    if not permissions.can_manage_theme_plan(actor):
        raise PermissionDenied(_("Alleen beleidsmedewerkers OOV beheren themaplannen."))


@transaction.atomic
def theme_plan_create(*, actor, theme, year: int, title: str, summary: str = "") -> ThemePlan:
    _require_manager(actor)
    if ThemePlan.objects.filter(theme=theme, year=year).exists():
        raise ValidationError(
            _("Voor %(t)s is er al een themaplan %(y)s.") % {"t": theme.name, "y": year}
        )
    return ThemePlan.objects.create(
        theme=theme, year=year, title=title, summary=summary, created_by=actor
    )


@transaction.atomic
def goal_save(
    *, actor, plan: ThemePlan, goal: Goal | None = None, goal_data: dict, indicator_data: dict
) -> Goal:
    """A goal with its indicator (name, baseline, target, how measured, source)."""
    _require_manager(actor)
    areas = indicator_data.pop("areas", None)
    if indicator_data.get("category") and indicator_data["category"].theme_id != plan.theme_id:
        raise ValidationError({"category": _("Kies een categorie van het thema van dit plan.")})
    if goal is None:
        goal = Goal(plan=plan)
    for k, v in goal_data.items():
        setattr(goal, k, v)
    goal.save()
    try:
        indicator = goal.indicator
    except Indicator.DoesNotExist:
        indicator = Indicator(goal=goal)
    for k, v in indicator_data.items():
        setattr(indicator, k, v)
    indicator.full_clean(exclude=["goal"])
    indicator.save()
    if areas is not None:
        indicator.areas.set(areas)
    return goal


@transaction.atomic
def indicator_value_record(
    *, actor, indicator: Indicator, measured_on: dt.date, value, source: str
) -> IndicatorValue:
    _require_manager(actor)
    if indicator.is_computed:
        raise ValidationError(
            _("Deze indicator wordt berekend uit de registratie; u voert geen waarde in.")
        )
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("Een meetdatum ligt niet in de toekomst.")})
    return IndicatorValue.objects.create(
        indicator=indicator, measured_on=measured_on, value=value, source=source, recorded_by=actor
    )


@transaction.atomic
def expert_group_create(*, actor, theme, name: str, description: str = "") -> ExpertGroup:
    _require_manager(actor)
    if ExpertGroup.objects.filter(name=name).exists():
        raise ValidationError({"name": _("Er is al een expertgroep met deze naam.")})
    return ExpertGroup.objects.create(
        theme=theme, name=name, description=description, created_by=actor
    )


@transaction.atomic
def member_add(
    *,
    actor,
    group: ExpertGroup,
    user=None,
    name: str = "",
    organisation: str = "",
    role: str = "",
    request=None,
) -> ExpertGroupMember:
    """Add a member; the name of an external member is personal data, so it is logged."""
    _require_manager(actor)
    if user is None and not name.strip():
        raise ValidationError(_("Kies een gebruiker of vul de naam van de externe deskundige in."))
    if user is not None:
        if group.members.filter(user=user).exists():
            raise ValidationError(_("%(u)s is al lid van deze groep.") % {"u": user})
        if not organisation:
            organisation = (
                user.partner_organisation.name
                if is_partner(user) and user.partner_organisation_id
                else _("Gemeente")
            )
    if not organisation.strip():
        raise ValidationError({"organisation": _("Vul de organisatie in.")})
    member = ExpertGroupMember.objects.create(
        group=group, user=user, name=name.strip(), organisation=organisation, role=role
    )
    access_log_record(actor=actor, action=AccessLogEntry.Action.CREATE, obj=member, request=request)
    return member


@transaction.atomic
def member_remove(*, actor, member: ExpertGroupMember, request=None) -> None:
    _require_manager(actor)
    member.active = False
    member.save(update_fields=["active"])
    access_log_record(actor=actor, action=AccessLogEntry.Action.CHANGE, obj=member, request=request)


@transaction.atomic
def meeting_record(
    *, actor, group: ExpertGroup, held_on: dt.date, attendees, notes: str, planned: bool = False
) -> Meeting:
    """A meeting that was held (with its report), or one planned for today or later.

    A meeting in the future cannot have been held: it is recorded as planned, without
    attendees, and counts as a meeting of the group only once its date has come."""
    _require_manager(actor)
    today = timezone.localdate()
    if held_on > today + dt.timedelta(days=365):
        raise ValidationError({"held_on": _("Deze datum ligt te ver in de toekomst.")})
    attendees = list(attendees)
    if planned:
        if held_on < today:
            raise ValidationError({"held_on": _("Een geplande bijeenkomst ligt vandaag of later.")})
        if attendees:
            raise ValidationError(
                {"attendees": _("Wie aanwezig was, legt u vast als de bijeenkomst gehouden is.")}
            )
    else:
        if held_on > today:
            raise ValidationError(
                {
                    "held_on": _(
                        "Deze datum ligt in de toekomst: de bijeenkomst is nog niet gehouden. "
                        "Leg haar vast als gepland."
                    )
                }
            )
        if not notes.strip():
            raise ValidationError({"notes": _("Vul het verslag van de bijeenkomst in.")})
    if any(m.group_id != group.pk for m in attendees):
        raise ValidationError(_("Aanwezigen moeten lid zijn van deze groep."))
    meeting = Meeting.objects.create(group=group, held_on=held_on, notes=notes, created_by=actor)
    meeting.attendees.set(attendees)
    if held_on <= timezone.localdate():
        # The group has met: its "has not met for six months" reminders are dealt with.
        from planning.services.reminders import group_reminders_handled

        group_reminders_handled(group=group)
    return meeting


def goals_for_group(group: ExpertGroup):
    return Goal.objects.filter(plan__theme_id=group.theme_id).select_related("plan", "indicator")


@transaction.atomic
def evaluation_record(
    *,
    actor,
    meeting: Meeting,
    goal: Goal,
    judgement: str,
    comment: str = "",
    adjustment: str = "",
    follow_up: str = Evaluation.FollowUp.NONE,
    action_owner=None,
    action_due_on: dt.date | None = None,
) -> Evaluation:
    """One goal's evaluation at a meeting; the adjustment may become an action or proposal."""
    _require_manager(actor)
    if meeting.held_on > timezone.localdate():
        raise ValidationError(
            _("Deze bijeenkomst is nog niet gehouden; evalueer de doelen op of na de datum.")
        )
    if goal.plan.theme_id != meeting.group.theme_id:
        raise ValidationError(
            _(
                "Dit doel hoort niet bij deze expertgroep; evalueer alleen doelen van de eigen groep."
            )
        )
    if follow_up != Evaluation.FollowUp.NONE and not adjustment.strip():
        raise ValidationError({"adjustment": _("Beschrijf de bijsturing voor het vervolg.")})
    if follow_up == Evaluation.FollowUp.ACTION and (action_owner is None or action_due_on is None):
        raise ValidationError(_("Een actiepunt heeft een eigenaar en een datum."))
    evaluation, _created = Evaluation.objects.update_or_create(
        meeting=meeting,
        goal=goal,
        defaults={
            "judgement": judgement,
            "comment": comment,
            "adjustment": adjustment,
            "created_by": actor,
        },
    )
    if follow_up == Evaluation.FollowUp.ACTION:
        item = ActionItem.objects.create(
            group=meeting.group,
            evaluation=evaluation,
            title=adjustment.strip()[:300],
            owner=action_owner,
            due_on=action_due_on,
            created_by=actor,
        )
        notification_create(
            user=action_owner,
            message=lambda: (
                _("Actiepunt voor u uit %(g)s: %(t)s") % {"g": meeting.group, "t": item.title}
            ),
            url=f"/planning/expertgroepen/{meeting.group_id}/",
        )
    elif follow_up == Evaluation.FollowUp.PROPOSAL:
        year = goal.plan.year
        target = (
            Programme.objects.filter(year=year, status=Programme.Status.DRAFT)
            .order_by("-version")
            .first()
        )
        ChangeProposal.objects.create(
            year=year,
            programme=target,
            text=adjustment.strip(),
            evaluation=evaluation,
            created_by=actor,
        )
    return evaluation


@transaction.atomic
def action_item_complete(*, actor, item: ActionItem) -> ActionItem:
    if not permissions.can_complete_action_item(actor, item):
        raise PermissionDenied
    if item.done_at is None:
        item.done_at = timezone.now()
        item.save(update_fields=["done_at"])
    return item
