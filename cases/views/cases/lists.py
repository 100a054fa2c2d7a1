"""Case views over many cases: the list, the export, bulk assignment, the workload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import privacy
from accounts.access import require
from accounts.exports import choice_labels, csv_response
from accounts.listing import paginate, query_without_page
from accounts.models import PartnerOrganisation, User
from accounts.selectors import users_for_choice
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    BulkAssignForm,
    CaseDateFilterForm,
    case_filters,
    valid_ids,
)
from cases.models import Case, CaseStatus
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
    return case_filters(request.GET, date_form)


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
    privacy.reach_search_logged(
        reach,
        actor=request.user,
        object_type="cases.case",
        found=page.object_list,
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
            "assignees": users_for_choice().filter(team_id=request.user.team_id)
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
        # Plain values and labels looked up once (accounts.exports.choice_labels).
        priority, status = choice_labels(Case.Priority.choices), choice_labels(CaseStatus.choices)
        fields = ("reference", "title", "case_type__name", "theme__name", "area__name",
                  "priority", "status", "team__name", "assignee_id", "assignee__first_name",
                  "assignee__last_name", "assignee__username", "opened_at", "due_date")  # fmt: skip
        for (ref, title, case_type, theme, area, prio, st, team, assignee_id, first, last,
             login, opened_at, due_date) in qs.values_list(*fields).iterator(chunk_size=2000):  # fmt: skip
            if personal:
                assignee = f"{first} {last}".strip() or login if assignee_id else ""
            else:
                assignee = "ja" if assignee_id else ""
            yield [ref, title, case_type, theme, area or "", priority.get(prio, prio),
                   status.get(st, st), team or "", assignee, opened_at.strftime("%Y-%m-%d"),
                   due_date.isoformat()]  # fmt: skip

    return csv_response(header=header, rows=rows(), filename="zaken.csv")


@login_required
@require_POST
def cases_bulk_assign(request):
    require(perms.can_bulk_assign_cases(request.user))
    form = BulkAssignForm(request.POST, team_id=request.user.team_id)
    ids = valid_ids(request.POST.getlist("cases"))
    back = request.POST.get("next") or "cases:workload"
    if not form.is_valid():
        messages.error(request, _("Kies een handhaver om aan toe te wijzen."))
    else:
        try:
            n = services.cases_bulk_assign(
                actor=request.user, case_ids=ids, assignee=form.cleaned_data["assignee"]
            )
        except (ValidationError, PermissionDenied) as e:
            messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        else:
            messages.success(
                request,
                _("%(n)s zaken toegewezen aan %(who)s.")
                % {"n": n, "who": form.cleaned_data["assignee"]},
            )
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
            "filters": filters,
            "bulk_form": BulkAssignForm(team_id=request.user.team_id),
        },
    )
