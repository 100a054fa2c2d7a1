"""The one confirmation page before a record is deactivated or activated again."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def confirm_set_active(
    request: HttpRequest, *, obj, active: bool, explanation: str, cancel_url: str
) -> HttpResponse:
    """Ask before (de)activating ``obj``; ``explanation`` says what deactivating means."""
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": (_("%(name)s weer activeren?") if active else _("%(name)s deactiveren?"))
            % {"name": obj},
            "explanation": "" if active else explanation,
            "button": _("Activeren") if active else _("Deactiveren"),
            "danger": not active,
            "cancel_url": cancel_url,
        },
    )
