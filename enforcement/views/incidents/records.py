"""Views of one incident: detail, status, photos. Thin: permissions, selectors, services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import require
from accounts.submissions import submission_once
from enforcement import extensions, permissions
from enforcement.forms.incidents import PhotosForm, StatusForm
from enforcement.models import Incident, IncidentPhoto
from enforcement.selectors import incident_reads
from enforcement.selectors import incidents as selectors
from enforcement.services import incidents as services


def _violation_create_url(incident: Incident) -> str | None:
    try:
        return reverse("enforcement:violation_create", args=[incident.pk])
    except NoReverseMatch:
        return None


def _open_case_url(user, incident_ids: list[int]) -> str | None:
    """Where this user opens a case from these incidents (cases decides who may), else None."""
    provider = extensions.get(extensions.OPEN_CASES)
    open_url = getattr(provider, "open_url", None)
    return open_url(user=user, incident_ids=incident_ids) if open_url else None


@login_required
def incident_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(
        permissions.incidents_visible_to(request.user).select_related(
            "theme", "category", "area", "reported_by", "registered_by", "team", "patrol_log"
        ),
        pk=pk,
    )
    user = request.user
    show_personal = incident_reads.incident_reporter_shown(
        user=user, incident=incident, request=request
    )
    can_change = permissions.can_change_incident(user, incident)
    status_choices = (
        [(s, Incident.Status(s).label) for s in services.next_statuses(incident)]
        if can_change
        else []
    )
    violation_url = (
        _violation_create_url(incident)
        if permissions.can_create_violation(user, incident)
        else None
    )
    photos = list(incident.photos.all())
    provider_cases = {}
    provider = extensions.get(extensions.OPEN_CASES)
    if provider is not None:
        provider_cases = provider.for_incidents(incident_ids=[incident.pk], user=user)
    return render(
        request,
        "enforcement/incidents/detail.html",
        {
            "incident": incident,
            "show_personal": show_personal,
            "events": incident.events.select_related("actor"),
            "photos": photos,
            "violations": selectors.violations_of_incident(user=user, incident=incident),
            "status_choices": status_choices,
            "can_change": can_change,
            "can_add_photos": can_change and len(photos) < services.MAX_PHOTOS,
            "violation_url": violation_url,
            "open_cases": provider_cases.get(incident.pk, []),
            "open_case_url": _open_case_url(user, [incident.pk]),
        },
    )


@login_required
@require_POST
def incident_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(permissions.incidents_visible_to(request.user), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect("enforcement:incident_detail", pk=pk)
    try:
        incident = services.incident_status_change(
            actor=request.user, incident=incident, status=form.cleaned_data["status"]
        )
    except PermissionDenied:
        require(False)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Status is nu: %(status)s.") % {"status": incident.get_status_display()}
        )
    return redirect("enforcement:incident_detail", pk=pk)


@login_required
@require_POST
@submission_once
def incident_photos_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(permissions.incidents_visible_to(request.user), pk=pk)
    require(permissions.can_change_incident(request.user, incident))
    form = PhotosForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("photos", []):
            messages.error(request, error)
        return redirect("enforcement:incident_detail", pk=pk)
    try:
        stored = services.incident_photos_add(
            actor=request.user, incident=incident, photos=form.cleaned_data["photos"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s foto('s) toegevoegd.") % {"n": len(stored)})
    return redirect("enforcement:incident_detail", pk=pk)


@login_required
@require_GET
def incident_photo_view(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    incident = get_object_or_404(permissions.incidents_visible_to(request.user), pk=pk)
    photo = get_object_or_404(IncidentPhoto, pk=photo_pk, incident=incident)
    field = incident_reads.incident_photo_file(
        user=request.user,
        incident=incident,
        photo=photo,
        thumbnail=bool(request.GET.get("thumb")),
        request=request,
    )
    content_type = "image/jpeg" if field is photo.thumbnail else photo.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
