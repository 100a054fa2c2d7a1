"""The weekly reminder about expert groups that have not met for six months."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Capability as C
from accounts.roles import roles_with
from accounts.services import notification_create, notifications_mark_handled
from planning.models import ExpertGroupReminder
from planning.selectors.expert_groups import expert_groups_overdue


def _recipients() -> list[User]:
    return list(User.objects.filter(role__in=roles_with(C.THEME_PLAN_MANAGE), is_active=True))


def _group_url(group) -> str:
    return reverse("planning:group_detail", args=[group.pk])


def group_reminders_handled(*, group) -> int:
    """Mark the unread reminders about ``group`` read (it met, or a newer one replaces
    them), so the policy officer's home page shows at most one per group."""
    return notifications_mark_handled(urls=[_group_url(group)])


def expert_group_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind policy officers of each overdue group, once per group per week."""
    today = today or timezone.localdate()
    week_start = today - dt.timedelta(days=today.weekday())
    recipients = _recipients()
    sent = 0
    for group in expert_groups_overdue(as_of=today):
        try:
            with transaction.atomic():
                ExpertGroupReminder.objects.create(group=group, week_start=week_start)
                url = _group_url(group)
                group_reminders_handled(group=group)  # last week's is replaced by this one

                def message(group=group) -> str:  # in each recipient's own language
                    last = (
                        _("laatste bijeenkomst %(d)s") % {"d": f"{group.last_met_on:%d-%m-%Y}"}
                        if group.last_met_on
                        else _("nog geen bijeenkomst")
                    )
                    return _(
                        "Expertgroep %(g)s is al zes maanden niet bijeengekomen (%(l)s). "
                        "Plan een bijeenkomst."
                    ) % {"g": group.name, "l": last}

                # notification_create also mails each recipient once, after the commit.
                for user in recipients:
                    notification_create(user=user, message=message, url=url)
                sent += 1
        except IntegrityError:
            continue  # already reminded this week
    return sent
