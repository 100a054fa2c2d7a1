"""The device's side of offline registration: what to keep, and the queue page (issue 15)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import offline
from accounts.roles import Capability as C
from enforcement import permissions as perms
from enforcement.models import Incident, PatrolLog
from enforcement.selectors import patrols as patrol_sel

# Violation forms kept for this many of the boa's latest incidents.
RECENT_INCIDENT_FORMS = 5


def street_pages(user) -> list[str]:
    """The pages a boa needs in the street, for this user (the device keeps a copy)."""
    pages = [reverse("home"), reverse("enforcement:offline_queue")]
    if perms.can_create_incident(user):
        pages += [
            reverse("enforcement:incident_create"),
            reverse("enforcement:incident_list") + "?scope=mine",
        ]
    if user.can(C.INCIDENT_CREATE):
        pages.append(reverse("enforcement:violation_create_pending"))
        recent = (
            perms.incidents_visible_to(user)
            .filter(registered_by=user)
            .exclude(status=Incident.Status.CLOSED)
            .order_by("-reported_at")
            .values_list("pk", flat=True)[:RECENT_INCIDENT_FORMS]
        )
        pages += [reverse("enforcement:violation_create", args=[pk]) for pk in recent]
    if user.can(C.PATROL_LOG_OWN):
        pages += [reverse("enforcement:patrol_start"), reverse("enforcement:patrol_end_pending")]
        running = patrol_sel.open_patrol_log_for(user=user)
        latest = running or PatrolLog.objects.filter(boa=user).order_by("-started_at").first()
        if latest is not None and perms.can_change_patrol_log(user, latest):
            pages += [
                reverse("enforcement:patrol_detail", args=[latest.pk]),
                reverse("enforcement:patrol_effort", args=[latest.pk]),
            ]
    return pages


@require_GET
@never_cache
def offline_status(request: HttpRequest) -> JsonResponse:
    """Before sending its queue the device asks who is logged in and for a fresh CSRF token.

    Not behind login_required: an expired session answers 401 (JSON), not a login page."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"ok": False, "login_url": reverse("login")},
            status=401,
        )
    return JsonResponse(
        {
            "ok": True,
            "user": request.user.pk,
            "csrf": get_token(request),
            "pages": street_pages(request.user),
        }
    )


@login_required
@offline.offline_page
def offline_queue(request: HttpRequest) -> HttpResponse:
    """What waits on this device (filled in by the page's script from IndexedDB)."""
    return render(request, "enforcement/offline/queue.html")
