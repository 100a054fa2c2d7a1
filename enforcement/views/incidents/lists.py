"""Views over many incidents: the list with its map, the export."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import offline, privacy
from accounts.access import require
from accounts.listing import paginate, query_without_page
from enforcement import exports, permissions
from enforcement.forms.incidents import IncidentFilterForm
from enforcement.selectors import incident_reads
from enforcement.selectors import incidents as selectors
from enforcement.views.incidents.records import _open_case_url

MAP_MAX_POINTS = 250


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
    page = paginate(request, qs, per_page)
    items = list(page.object_list)
    reach = filters.reach
    older_hidden = False
    if reach.needs_purpose:
        older_hidden = (
            selectors.incident_list(user=user, filters=filters, older=True)
            .filter(occurred_at__lt=selectors.browse_limit_start())
            .exists()
        )
    privacy.reach_search_logged(
        reach, actor=user, object_type="enforcement.incident", found=items, request=request
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
    rows, personal = incident_reads.incidents_for_export(
        user=user, filters=filters, fmt=fmt, request=request
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
