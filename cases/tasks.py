"""Celery tasks: thin, receive ids, safe to run twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from celery import shared_task
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.services import notification_create
from cases.models import OPEN_STATUSES, ActionItem, Case, ReminderLog


def _once(kind: str, object_id: int, user: User, on_date: dt.date) -> bool:
    """Claim a reminder; False when it was already sent (the task ran before)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(kind=kind, object_id=object_id, user=user, on_date=on_date)
        return True
    except IntegrityError:
        return False


def _send(user: User, text: Callable[[], tuple[str, str]], url: str) -> None:
    """In the application, and by e-mail through accounts' notification mail task.

    ``text`` returns (subject, body); it is called in the recipient's language."""

    def message() -> str:
        subject, body = text()
        return f"{subject[:200]}. {body}"[:500]

    notification_create(user=user, message=message, url=url)


@shared_task
def send_daily_reminders() -> dict:
    """Action items due today or tomorrow and cases due within two days: remind the owner.

    What is already overdue goes to the team lead's digest, not to a daily reminder."""
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=1)
    sent = {"action_items": 0, "cases": 0}
    items = ActionItem.objects.filter(
        done_at__isnull=True, due_date__gte=today, due_date__lte=horizon, owner_user__is_active=True
    ).select_related("case", "owner_user")
    for item in items:
        if _once("action_item_due", item.pk, item.owner_user, today):
            _send(
                item.owner_user,
                lambda item=item: (
                    _("Actiepunt verloopt %(day)s: %(item)s")
                    % {"day": f"{item.due_date:%d-%m}", "item": item.description},
                    _("Zaak %(case)s: %(item)s, uiterlijk %(due)s.")
                    % {
                        "case": item.case.reference,
                        "item": item.description,
                        "due": f"{item.due_date:%d-%m-%Y}",
                    },
                ),
                reverse("cases:my_action_items"),
            )
            sent["action_items"] += 1
    # Organisation-owned items: remind every active member of the organisation.
    org_items = ActionItem.objects.filter(
        done_at__isnull=True,
        due_date__gte=today,
        due_date__lte=horizon,
        owner_organisation__isnull=False,
    ).select_related("case", "owner_organisation")
    members: dict[int, list[User]] = {}
    for item in org_items:
        org_id = item.owner_organisation_id
        if org_id not in members:
            members[org_id] = list(
                User.objects.filter(partner_organisation_id=org_id, is_active=True)
            )
        for user in members[org_id]:
            if _once("action_item_due", item.pk, user, today):
                _send(
                    user,
                    lambda item=item: (
                        _("Actiepunt voor %(owner)s: %(item)s")
                        % {"owner": item.owner_organisation, "item": item.description},
                        _("Uiterlijk %(due)s.") % {"due": f"{item.due_date:%d-%m-%Y}"},
                    ),
                    reverse("cases:my_action_items"),
                )
                sent["action_items"] += 1
    cases = Case.objects.filter(
        status__in=OPEN_STATUSES,
        due_date__gte=today,
        due_date__lte=today + dt.timedelta(days=2),
        assignee__is_active=True,
    ).select_related("assignee")
    for case in cases:
        if _once("case_due", case.pk, case.assignee, today):
            _send(
                case.assignee,
                lambda case=case: (
                    _("Zaak %(case)s verloopt op %(due)s")
                    % {"case": case.reference, "due": f"{case.due_date:%d-%m-%Y}"},
                    case.title,
                ),
                reverse("cases:detail", args=[case.pk]),
            )
            sent["cases"] += 1
    return sent


@shared_task
def send_overdue_digest() -> int:
    """One message per team lead: the team's overdue cases and action items."""
    today = timezone.localdate()
    sent = 0
    leads = [
        u
        for u in User.objects.filter(is_active=True, team__isnull=False).select_related("team")
        if has_capability(u, C.CASE_ASSIGN)
    ]
    for lead in leads:
        cases = list(
            Case.objects.filter(team_id=lead.team_id, status__in=OPEN_STATUSES, due_date__lt=today)
            .select_related("assignee")
            .order_by("due_date")[:50]
        )
        items = list(
            ActionItem.objects.filter(
                case__team_id=lead.team_id, done_at__isnull=True, due_date__lt=today
            )
            .select_related("case")
            .order_by("due_date")[:50]
        )
        if not cases and not items:
            continue
        if not _once("overdue_digest", lead.team_id, lead, today):
            continue
        _send(
            lead, lambda cases=cases, items=items: _digest(cases, items), reverse("cases:workload")
        )
        sent += 1
    return sent


def _digest(cases: list[Case], items: list[ActionItem]) -> tuple[str, str]:
    """The team lead's overdue digest: (subject, body), in the active language."""
    lines = [
        f"{c.reference} {c.title} ({c.assignee or _('niet toegewezen')}), {c.due_date:%d-%m}"
        for c in cases
    ]
    lines += [
        _("actiepunt %(case)s: %(item)s, %(due)s")
        % {"case": a.case.reference, "item": a.description, "due": f"{a.due_date:%d-%m}"}
        for a in items
    ]
    subject = _("Overzicht verlopen: %(cases)s zaken, %(items)s actiepunten") % {
        "cases": len(cases),
        "items": len(items),
    }
    return subject, "; ".join(lines)


@shared_task
def extend_briefing_series() -> int:
    """Keep four weeks of occurrences of every running briefing series."""
    from cases.models import BriefingSeries
    from cases.services import briefing_series_extend

    today = timezone.localdate()
    running = BriefingSeries.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    total = 0
    for pk in running.values_list("pk", flat=True):
        total += briefing_series_extend(series_id=pk, until=today + dt.timedelta(weeks=4))
    return total
