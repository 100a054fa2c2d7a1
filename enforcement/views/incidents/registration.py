"""Views that register an incident: the form, address suggestions, incidents nearby."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import offline
from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.submissions import submission_once
from accounts.validators import has_control_characters
from enforcement import geo, permissions
from enforcement.forms.incidents import IncidentForm
from enforcement.selectors import incidents as selectors
from enforcement.selectors import reference as reference_selectors
from enforcement.services import incidents as services


def _float(value) -> float | None:
    try:
        return float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None


def _nearby_for(request, *, latitude, longitude, address, exclude_id=None):
    # Runs before the form validates: the address is checked before it is queried.
    address = (address or "").strip()
    if has_control_characters(address) or len(address) > 300:
        address = ""
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    inside = (
        latitude is not None
        and longitude is not None
        and min_lat <= latitude <= max_lat
        and min_lon <= longitude <= max_lon
    )
    if not inside:
        latitude = longitude = None
    return selectors.incidents_nearby(
        user=request.user,
        latitude=latitude,
        longitude=longitude,
        address=address or "",
        exclude_id=exclude_id,
    )


@login_required
@offline.offline_page
@submission_once
def incident_create_view(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_incident(request.user))
    user = request.user
    recent = {
        "recent_theme_ids": selectors.recent_theme_ids(user=user),
        "recent_category_ids": selectors.recent_category_ids(user=user),
    }
    nearby = None
    if request.method == "POST":
        form = IncidentForm(request.POST, request.FILES, user=user, **recent)
        if form.is_valid():
            data = form.cleaned_data
            reported_by = data.get("reported_by") if form.on_behalf else user
            try:
                incident = services.incident_create(
                    actor=user,
                    **form.incident_fields(),
                    reported_by=reported_by,
                    photos=data.get("photos") or [],
                    recorded_at=data.get("recorded_at"),
                    request=request,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied:
                form.add_error("reported_by", _("U mag niet namens deze boa registreren."))
            else:
                if offline.shows_messages(request):
                    messages.success(
                        request,
                        _("Melding %(reference)s is opgeslagen.")
                        % {"reference": incident.reference},
                    )
                return offline.confirmed(
                    request,
                    url=reverse("enforcement:incident_detail", args=[incident.pk]),
                    reference=incident.reference,
                    obj=incident,
                )
        if offline.is_queued(request):
            return offline.refused(request, form=form)
        nearby = _nearby_for(
            request,
            latitude=_float(request.POST.get("latitude")),
            longitude=_float(request.POST.get("longitude")),
            address=request.POST.get("address", ""),
        )
    else:
        form = IncidentForm(user=user, **recent)
    categories = [{"id": c.pk, "theme": c.theme_id} for c in form.fields["category"].queryset]
    return render(
        request,
        "enforcement/incidents/form.html",
        {"form": form, "nearby": nearby, "categories": categories},
    )


class _PointForm(forms.Form):
    latitude = forms.FloatField(min_value=-90, max_value=90)
    longitude = forms.FloatField(min_value=-180, max_value=180)


@login_required
@require_GET
def incident_address_suggest_view(request: HttpRequest) -> HttpResponse:
    """JSON: the nearest known address within 25 m of a GPS fix, as a suggestion."""
    require(permissions.can_create_incident(request.user))
    point = _PointForm(request.GET)
    if not point.is_valid():
        return JsonResponse({"address": ""}, status=400)
    lat, lon = point.cleaned_data["latitude"], point.cleaned_data["longitude"]
    found = reference_selectors.address_nearest(latitude=lat, longitude=lon)
    if found is None and settings.GEOCODER_URL:
        online = geo.reverse_geocode(url=settings.GEOCODER_URL, latitude=lat, longitude=lon)
        if online is not None and online[1] <= reference_selectors.SUGGEST_RADIUS_M:
            found = (*online, "geocoder")
    if found is None:
        return JsonResponse({"address": ""})
    address, metres, source = found
    return JsonResponse({"address": address, "distance_m": metres, "source": source})


@login_required
@require_GET
def incident_nearby_view(request: HttpRequest) -> HttpResponse:
    """htmx partial: earlier incidents and violations around the location being registered."""
    require(permissions.can_create_incident(request.user))
    nearby = _nearby_for(
        request,
        latitude=_float(request.GET.get("latitude")),
        longitude=_float(request.GET.get("longitude")),
        address=request.GET.get("address", ""),
    )
    return render(request, "enforcement/incidents/_nearby.html", {"nearby": nearby, "asked": True})
