"""Views of incidents: thin, they call permissions, selectors and services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import offline, privacy
from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.listing import query_without_page
from accounts.models import AccessLogEntry
from accounts.services import access_log_record
from accounts.submissions import submission_once
from accounts.validators import has_control_characters
from enforcement import exports, extensions, geo, permissions
from enforcement.forms.incidents import IncidentFilterForm, IncidentForm, PhotosForm, StatusForm
from enforcement.models import Incident, IncidentPhoto
from enforcement.selectors import incidents as selectors
from enforcement.selectors import reference as reference_selectors
from enforcement.services import incidents as services

MAP_MAX_POINTS = 250


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
                    theme=data["theme"],
                    category=data.get("category"),
                    occurred_at=data["occurred_at"],
                    address=data.get("address") or "",
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    description=data.get("description") or "",
                    priority=data["priority"],
                    source=data["source"],
                    reporter_name=data.get("reporter_name") or "",
                    reporter_contact=data.get("reporter_contact") or "",
                    reported_by=reported_by,
                    photos=data.get("photos") or [],
                    recorded_at=data.get("recorded_at"),
                    request=request,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied:
                form.add_error("reported_by", "U mag niet namens deze boa registreren.")
            else:
                if offline.shows_messages(request):
                    messages.success(request, f"Melding {incident.reference} is opgeslagen.")
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
    with transaction.atomic():
        show_personal = selectors.incident_reporter_read(
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
        messages.error(request, "Kies een geldige status.")
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
        messages.success(request, f"Status is nu: {incident.get_status_display()}.")
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
        messages.success(request, f"{len(stored)} foto('s) toegevoegd.")
    return redirect("enforcement:incident_detail", pk=pk)


@login_required
@require_GET
def incident_photo_view(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    incident = get_object_or_404(permissions.incidents_visible_to(request.user), pk=pk)
    photo = get_object_or_404(IncidentPhoto, pk=photo_pk, incident=incident)
    field = photo.thumbnail if request.GET.get("thumb") and photo.thumbnail else photo.image
    content_type = "image/jpeg" if field is photo.thumbnail else photo.content_type
    # A photo may show people, number plates, a front door: every opening is logged.
    with transaction.atomic():
        access_log_record(
            actor=request.user,
            action=AccessLogEntry.Action.VIEW,
            obj=incident,
            detail={"photo": photo.pk, "thumbnail": field is photo.thumbnail},
            request=request,
        )
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _list_context(request):
    form = IncidentFilterForm(request.GET or None)
    filters = form.to_filter() if form.is_bound else selectors.IncidentFilter()
    return form, filters


def _own_recent(request) -> bool:
    """'My recent registrations': the boa's own list, first page, no other filters."""
    return dict(request.GET.items()) == {"scope": "mine"}


@login_required
@require_GET
@offline.offline_page(when=_own_recent)
def incident_list_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(permissions.can_list_incidents(user))
    form, filters = _list_context(request)
    per_page = (form.cleaned_data.get("per_page") if form.is_bound else 25) or 25
    qs = selectors.incident_list(user=user, filters=filters)
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("page"))
    items = list(page.object_list)
    reach = filters.reach
    older_hidden = False
    if reach.needs_purpose:
        older_hidden = (
            selectors.incident_list(user=user, filters=filters, older=True)
            .filter(occurred_at__lt=selectors.browse_limit_start())
            .exists()
        )
    if reach.search is not None:
        privacy.targeted_search_logged(
            actor=user,
            object_type="enforcement.incident",
            search=reach.search,
            purpose=reach.purpose,
            found=[i.pk for i in items],
            older_included=reach.older_allowed,
            request=request,
        )
    # The map shows the filtered incidents (newest MAP_MAX_POINTS), not only this page.
    points = list(
        qs.filter(latitude__isnull=False)
        .select_related(None)
        .values_list("pk", "reference", "latitude", "longitude")[:MAP_MAX_POINTS]
    )
    return render(
        request,
        "enforcement/incidents/list.html",
        {
            "form": form,
            "page": page,
            "items": items,
            "points": points,
            "map_max_points": MAP_MAX_POINTS,
            "querystring": query_without_page(request),
            "browse": privacy.browse_context(reach, older_hidden=older_hidden),
            "can_export": permissions.can_export_incidents(user),
            "export_max_rows": f"{exports.EXPORT_MAX_ROWS:,}".replace(",", "."),
            "can_create": permissions.can_create_incident(user),
            "open_case_url": _open_case_url(user, []) if items else None,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@login_required
@require_GET
def incident_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    user = request.user
    require(permissions.can_export_incidents(user) and fmt in ("csv", "xlsx"))
    form, filters = _list_context(request)
    personal = permissions.can_view_personal_data(user)
    qs = selectors.incident_list(user=user, filters=filters)
    rows = exports.incident_rows(qs, personal=personal)
    with transaction.atomic():
        access_log_record(
            actor=user,
            action=AccessLogEntry.Action.EXPORT,
            object_type="enforcement.incident",
            detail={
                "format": fmt,
                "filter": filters.as_detail(),
                "rows": len(rows),
                "personal_data": personal,
                "purpose": filters.reach.purpose,
                "older_included": filters.reach.older_allowed,
            },
            request=request,
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        body = exports.incidents_csv(rows, personal=personal)
        content_type = "text/csv; charset=utf-8"
    else:
        body = exports.incidents_xlsx(rows, personal=personal)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="meldingen-{stamp}.{fmt}"'
    return response
