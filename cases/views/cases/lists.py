"""Case views over many cases: the list, the export, bulk assignment, the workload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import privacy
from accounts.access import require
from accounts.exports import csv_response
from accounts.listing import paginate, query_without_page
from accounts.models import PartnerOrganisation, User
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    BulkAssignForm,
    CaseDateFilterForm,
    CaseFilterForm,
    valid_ids,
)
from cases.models import CaseStatus
from enforcement.models import Area, CaseType, Theme

PAGE_SIZE = 25


SORT_OPTIONS = [
    ("due", "Streefdatum (eerst)"),
    ("-due", "Streefdatum (laatst)"),
    ("-opened", "Nieuwste"),
    ("opened", "Oudste"),
    ("-priority", "Prioriteit"),
    ("reference", "Zaaknummer"),
    ("status", "Fase"),
]


def _filters(request, date_form: CaseDateFilterForm | None = None) -> selectors.CaseFilters:
    g = request.GET
    date_form = date_form or CaseDateFilterForm(g or None)
    form = CaseFilterForm(g, sorts=selectors.SORTS)
    v = form.values()
    # No parameters at all, or a status that is none: the open cases; other filters
    # without a status: every status.
    if "status" in g:
        status = "open" if "status" in form.errors else v.get("status", "")
    else:
        status = "" if g else "open"
    return selectors.CaseFilters(
        status=status,
        case_type=v.get("case_type"),
        theme=v.get("theme"),
        area=v.get("area"),
        assignee=v.get("assignee"),
        due=v.get("due", ""),
        shared_with=v.get("shared_with"),
        q=v.get("q", ""),
        sort=v.get("sort", "due"),
        purpose=v.get("purpose", "")[: privacy.PURPOSE_MAX_LENGTH],
        **date_form.dates(),
    )


def _has_case_access(user) -> None:
    require(perms.can_list_cases(user))


@login_required
def case_list(request):
    _has_case_access(request.user)
    date_form = CaseDateFilterForm(request.GET or None)
    filters = _filters(request, date_form)
    qs = selectors.case_list(user=request.user, filters=filters)
    page = paginate(request, qs, PAGE_SIZE)
    reach = filters.reach
    older_hidden = reach.needs_purpose and (
        selectors.case_list(user=request.user, filters=filters, older=True)
        .exclude(selectors.within_browse_limit())
        .exists()
    )
    if reach.search is not None:
        privacy.targeted_search_logged(
            actor=request.user,
            object_type="cases.case",
            search=reach.search,
            purpose=reach.purpose,
            found=[c.pk for c in page.object_list],
            older_included=reach.older_allowed,
            request=request,
        )
    themes = Theme.objects.filter(Q(active=True) | Q(pk=filters.theme or 0))
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query_without_page(request),
            "statuses": CaseStatus.choices,
            "case_types": CaseType.objects.filter(active=True),
            # An inactive theme still has its cases (and report figures link to them).
            "themes": themes,
            "date_form": date_form,
            "areas": Area.objects.filter(active=True),
            "assignees": User.objects.filter(team_id=request.user.team_id, is_active=True)
            if request.user.team_id
            else User.objects.none(),
            "partners": PartnerOrganisation.objects.filter(active=True),
            "can_export": perms.can_export_cases(request.user),
            "can_open": perms.can_open_case_directly(request.user),
            # The empty state says "no results for these filters" only when the user filtered.
            "filtered": any(
                v for k, v in request.GET.items() if k not in ("page", "sort", "status")
            )
            or request.GET.get("status", "open") != "open",
            "is_partner": perms.is_partner_view(request.user),
            "bulk_form": BulkAssignForm(team_id=request.user.team_id)
            if perms.can_bulk_assign_cases(request.user)
            else None,
            "partner_view": perms.is_partner_view(request.user),
            "sort_options": SORT_OPTIONS,
            "browse": privacy.browse_context(reach, older_hidden=older_hidden),
        },
    )


@login_required
def case_export(request):
    require(perms.can_export_cases(request.user))
    filters = _filters(request)
    qs, personal = selectors.cases_for_export(user=request.user, filters=filters, request=request)
    header = [
        "zaaknummer",
        "titel",
        "zaaktype",
        "thema",
        "gebied",
        "prioriteit",
        "fase",
        "team",
        "behandelaar",
        "geopend",
        "streefdatum",
    ]

    def rows():
        for c in qs.iterator(chunk_size=2000):
            yield [
                c.reference,
                c.title,
                c.case_type.name,
                c.theme.name,
                c.area.name if c.area else "",
                c.get_priority_display(),
                c.get_status_display(),
                c.team.name if c.team else "",
                (str(c.assignee) if c.assignee else "")
                if personal
                else ("ja" if c.assignee_id else ""),
                c.opened_at.strftime("%Y-%m-%d"),
                c.due_date.isoformat(),
            ]

    return csv_response(header=header, rows=rows(), filename="zaken.csv")


@login_required
@require_POST
def cases_bulk_assign(request):
    require(perms.can_bulk_assign_cases(request.user))
    form = BulkAssignForm(request.POST, team_id=request.user.team_id)
    ids = valid_ids(request.POST.getlist("cases"))
    back = request.POST.get("next") or "cases:workload"
    if not form.is_valid():
        messages.error(request, "Kies een handhaver om aan toe te wijzen.")
    else:
        try:
            n = services.cases_bulk_assign(
                actor=request.user, case_ids=ids, assignee=form.cleaned_data["assignee"]
            )
        except (ValidationError, PermissionDenied) as e:
            messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        else:
            messages.success(request, f"{n} zaken toegewezen aan {form.cleaned_data['assignee']}.")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("cases:workload")


@login_required
def workload(request):
    require(perms.can_view_workload(request.user))
    rows = selectors.workload_for_team(team_id=request.user.team_id)
    filters = _filters(request)
    filters.status = filters.status or "open"
    qs = selectors.case_list(user=request.user, filters=filters).filter(
        team_id=request.user.team_id
    )
    page = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "cases/workload.html",
        {
            "rows": rows,
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "bulk_form": BulkAssignForm(team_id=request.user.team_id),
        },
    )
