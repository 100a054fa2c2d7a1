"""Who hears about council reports, and the notifications as text in the active language.

``accounts.services.notification_create`` calls them in each recipient's language, so
they are passed as ``lambda: notices.x(...)``, not as finished text.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Capability, roles_with
from accounts.services import notification_create


def report_managers() -> list[User]:
    roles = roles_with(Capability.REPORT_MANAGE)
    return list(User.objects.filter(role__in=roles, is_active=True))


def notify_managers(*, message: Callable[[], str], url: str, also: User | None = None) -> None:
    """Every active report manager (and ``also``), each in their own language."""
    users = {u.pk: u for u in report_managers()}
    if also is not None and also.is_active:
        users.setdefault(also.pk, also)
    for user in users.values():
        notification_create(user=user, message=message, url=url)


def draft_ready(*, period: str, version: int) -> str:
    return _("Concept-raadsrapportage %(period)s (versie %(version)s) staat klaar.") % {
        "period": period,
        "version": version,
    }


def build_failed(*, publish: bool, period: str, error: str) -> str:
    text = (
        _("De publicatie van de raadsrapportage %(period)s is mislukt: %(error)s")
        if publish
        else _("De opbouw van de raadsrapportage %(period)s is mislukt: %(error)s")
    )
    return text % {"period": period, "error": error[:200]}


def published(*, period: str, version: int) -> str:
    text = (
        _("Raadsrapportage %(period)s is gepubliceerd (versie %(version)s).")
        if version > 1
        else _("Raadsrapportage %(period)s is gepubliceerd.")
    )
    return text % {"period": period, "version": version}
