"""Case views: thin; rules in services and permissions."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import privacy
from accounts.access import require
from accounts.exports import choice_labels, csv_response
from accounts.forms_util import apply_errors
from accounts.listing import paginate, query_without_page
from accounts.models import AccessLogEntry, PartnerOrganisation, User
from accounts.services import access_log_record
from accounts.submissions import submission_once
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    ActionItemForm,
    AssignForm,
    BulkAssignForm,
    CaseDateFilterForm,
    CaseEditForm,
    CaseOpenForm,
    DocumentForm,
    LinkForm,
    NoteForm,
    ShareForm,
    TransitionForm,
    case_filters,
    valid_ids,
)
from cases.models import Case, CaseDocument, CaseStatus
from cases.workflow import buttons
from enforcement.models import Area, CaseType, Theme
from enforcement.permissions import (
    can_view_personal_data,
    incidents_visible_to,
    violations_visible_to,
)

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


def _visible_case(request, pk: int) -> Case:
    return get_object_or_404(
        perms.cases_visible_to(request.user).select_related(
            "case_type", "theme", "area", "team", "assignee", "opened_by"
        ),
        pk=pk,
    )


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
    qs = selectors.case_list(user=request.user, filters=filters)
    personal = can_view_personal_data(request.user)
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
    with transaction.atomic():
        access_log_record(
            actor=request.user,
            action=AccessLogEntry.Action.EXPORT,
            object_type="cases.case",
            detail={
                "filters": request.GET.dict(),
                "count": qs.count(),
                "personal_data": personal,
                "purpose": filters.reach.purpose,
                "older_included": filters.reach.older_allowed,
            },
            request=request,
        )

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


def _parse_refs(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,;]+", text or "") if t]


def _incident_ids(user, tokens: list[str]) -> tuple[list[int], list[str]]:
    ids = [int(t) for t in tokens if t.isdigit()]
    refs = [t for t in tokens if not t.isdigit()]
    found = list(
        incidents_visible_to(user).filter(pk__in=ids).values_list("pk", "reference")
    ) + list(incidents_visible_to(user).filter(reference__in=refs).values_list("pk", "reference"))
    found_keys = {str(pk) for pk, _ in found} | {ref for _, ref in found}
    return sorted({pk for pk, _ in found}), [t for t in tokens if t not in found_keys]


@login_required
@submission_once
def case_open(request):
    user = request.user
    require(perms.can_open_case(user))
    # From a list selection (?incidents=1&incidents=2) or from one incident (?incident=7).
    preset = request.GET.getlist("incidents") + request.GET.getlist("incident")
    initial = {}
    if preset:
        # Shown as the references users know (M-2026-000001), not database ids;
        # incidents the user may not see are left out.
        found = list(
            incidents_visible_to(user)
            .filter(pk__in=valid_ids(preset))
            .select_related("theme", "area")
            .order_by("pk")
        )
        initial["incidents"] = ", ".join(i.reference for i in found)
        if found:
            inc = found[0]
            initial.update(
                title=f"{inc.theme} {inc.address}".strip(), theme=inc.theme_id, area=inc.area_id
            )
    form = CaseOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        tokens = _parse_refs(form.cleaned_data["incidents"])
        ids, unknown = _incident_ids(user, tokens)
        if unknown:
            form.add_error("incidents", f"Niet gevonden of niet zichtbaar: {', '.join(unknown)}")
        elif not ids and not perms.can_open_case_directly(user):
            form.add_error(
                "incidents",
                "Kies ten minste één melding; alleen een teamleider opent een zaak zonder melding.",
            )
        else:
            try:
                case = services.case_open(
                    actor=user,
                    title=form.cleaned_data["title"],
                    case_type=form.cleaned_data["case_type"],
                    theme=form.cleaned_data["theme"],
                    area=form.cleaned_data["area"],
                    priority=form.cleaned_data["priority"],
                    description=form.cleaned_data["description"],
                    incident_ids=ids,
                    request=request,
                )
            except (ValidationError, PermissionDenied) as e:
                apply_errors(form, e)
            else:
                messages.success(request, f"Zaak {case.reference} is geopend.")
                return redirect("cases:detail", case.pk)
    return render(request, "cases/case_open.html", {"form": form})


def _detail_context(request, case: Case, **extra) -> dict:
    user = request.user
    ctx = selectors.case_detail(user=user, case=case, request=request)
    ctx |= {
        "steps": buttons(case.status) if ctx["can_change"] else (),
        "transition_form": TransitionForm(initial={"version": case.version}),
        "edit_form": CaseEditForm(
            initial={
                "version": case.version,
                "title": case.title,
                "description": case.description,
                "priority": case.priority,
                "due_date": case.due_date,
                "area": case.area_id,
            }
        ),
        "assign_form": AssignForm(
            initial={"version": case.version, "assignee": case.assignee_id},
            team_id=case.team_id or user.team_id,
        ),
        "share_form": ShareForm(),
        "action_form": ActionItemForm(case=case),
        "note_form": NoteForm(),
        "document_form": DocumentForm(),
        "link_form": LinkForm(),
    }
    ctx.update(extra)
    return ctx


@login_required
def case_detail(request, pk: int):
    case = _visible_case(request, pk)
    return render(request, "cases/case_detail.html", _detail_context(request, case))


def _rerender(request, pk: int, status: int = 200, **extra):
    case = _visible_case(request, pk)
    return render(
        request, "cases/case_detail.html", _detail_context(request, case, **extra), status=status
    )


@login_required
@require_POST
def case_edit(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = CaseEditForm(request.POST)
    if form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case_id=case.pk,
                expected_version=form.cleaned_data["version"],
                **{
                    k: form.cleaned_data[k]
                    for k in ("title", "description", "priority", "due_date", "area")
                },
            )
        except services.CaseConflict as e:
            data = request.POST.copy()
            data["version"] = e.case.version
            messages.error(request, str(e))
            return _rerender(request, pk, 409, edit_form=CaseEditForm(data), open_edit=True)
        messages.success(request, "De zaak is bijgewerkt.")
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, edit_form=form, open_edit=True)


@login_required
@require_POST
def case_transition(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Deze stap is niet geldig.")
        return redirect("cases:detail", pk)
    try:
        services.case_transition(
            actor=request.user,
            case_id=case.pk,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            confirm_open_items=form.cleaned_data["confirm_open_items"],
        )
    except services.OpenActionItems as e:
        return render(
            request,
            "cases/close_confirm.html",
            {"case": case, "items": e.items, "form": form},
        )
    except services.CaseConflict as e:
        messages.error(request, str(e))
        data = request.POST.copy()
        data["version"] = e.case.version
        return _rerender(
            request,
            pk,
            409,
            transition_form=TransitionForm(data),
            pending_step=form.cleaned_data["to_status"],
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _rerender(
            request, pk, 400, transition_form=form, pending_step=form.cleaned_data["to_status"]
        )
    messages.success(request, f"Fase is nu: {CaseStatus(form.cleaned_data['to_status']).label}.")
    return redirect("cases:detail", pk)


@login_required
@require_POST
def case_assign(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_assign_case(request.user, case))
    form = AssignForm(request.POST, team_id=case.team_id or request.user.team_id)
    if form.is_valid():
        try:
            services.case_assign(
                actor=request.user,
                case_id=case.pk,
                assignee=form.cleaned_data["assignee"],
                team=request.user.team,
                expected_version=form.cleaned_data["version"],
            )
        except services.CaseConflict as e:
            messages.error(request, str(e))
            data = request.POST.copy()
            data["version"] = e.case.version
            return _rerender(request, pk, 409, assign_form=AssignForm(data, team_id=case.team_id))
        except (ValidationError, PermissionDenied) as e:
            messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
            return _rerender(request, pk, 400, assign_form=form)
        who = form.cleaned_data["assignee"] or f"team {request.user.team}"
        messages.success(request, f"Zaak toegewezen aan {who}.")
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, assign_form=form)


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


@login_required
@require_POST
def case_share(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_share_case(request.user, case))
    form = ShareForm(request.POST)
    if form.is_valid():
        services.case_share(
            actor=request.user,
            case_id=case.pk,
            partner_organisation=form.cleaned_data["partner_organisation"],
            include_personal_data=form.cleaned_data["include_personal_data"],
            request=request,
        )
        messages.success(request, f"Gedeeld met {form.cleaned_data['partner_organisation']}.")
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, share_form=form)


@login_required
@require_POST
def case_unshare(request, pk: int, org_id: int):
    case = _visible_case(request, pk)
    require(perms.can_share_case(request.user, case))
    org = get_object_or_404(PartnerOrganisation, pk=org_id)
    services.case_unshare(
        actor=request.user, case_id=case.pk, partner_organisation=org, request=request
    )
    messages.success(request, f"Delen met {org} is beëindigd.")
    return redirect("cases:detail", pk)


@login_required
@require_POST
@submission_once
def action_item_create(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = ActionItemForm(request.POST, case=case)
    if form.is_valid():
        owner_user, owner_org = form.owner_objects()
        try:
            services.action_item_create(
                actor=request.user,
                case=case,
                description=form.cleaned_data["description"],
                due_date=form.cleaned_data["due_date"],
                owner_user=owner_user,
                owner_organisation=owner_org,
            )
        except ValidationError as e:
            for field, errs in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, "Actiepunt toegevoegd.")
            return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, action_form=form)


@login_required
@require_POST
def action_item_complete(request, item_id: int):
    item = get_object_or_404(perms.action_items_visible_to(request.user), pk=item_id)
    require(perms.can_complete_action_item(request.user, item))
    services.action_item_complete(actor=request.user, item_id=item.pk)
    messages.success(request, "Actiepunt afgerond.")
    nxt = request.POST.get("next", "")
    return redirect(
        nxt if nxt.startswith("/") and not nxt.startswith("//") else "cases:my_action_items"
    )


@login_required
def my_action_items(request):
    require(perms.can_list_own_action_items(request.user))
    items = selectors.my_action_items(user=request.user, limit=200)
    return render(request, "cases/my_action_items.html", {"items": items})


@login_required
@require_POST
@submission_once
def note_create(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = NoteForm(request.POST)
    if form.is_valid():
        services.case_note_create(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, "Notitie toegevoegd.")
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, note_form=form)


@login_required
@require_POST
@submission_once
def document_upload(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                actor=request.user, case=case, upload=form.cleaned_data["file"]
            )
        except ValidationError as e:
            form.add_error("file", e)
        else:
            messages.success(request, "Document toegevoegd.")
            return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, document_form=form)


@login_required
def document_download(request, pk: int, doc_id: int):
    case = _visible_case(request, pk)
    require(perms.can_view_case_internals(request.user, case))
    doc = get_object_or_404(CaseDocument, pk=doc_id, case=case)
    with transaction.atomic():
        access_log_record(
            actor=request.user,
            action=AccessLogEntry.Action.VIEW,
            obj=case,
            detail={"document": doc.pk, "filename": doc.filename},
            request=request,
        )
    response = FileResponse(doc.file.open("rb"), content_type=doc.content_type)
    response["Content-Disposition"] = f'inline; filename="{doc.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@submission_once
def case_link(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = LinkForm(request.POST)
    if form.is_valid():
        tokens = _parse_refs(form.cleaned_data["references"])
        # Only what the user may see: others' references answer "not found" as well.
        inc = dict(
            incidents_visible_to(request.user)
            .filter(reference__in=tokens)
            .values_list("reference", "pk")
        )
        vio = dict(
            violations_visible_to(request.user)
            .filter(reference__in=tokens)
            .values_list("reference", "pk")
        )
        unknown = [t for t in tokens if t not in inc and t not in vio]
        if unknown:
            form.add_error("references", f"Niet gevonden: {', '.join(unknown)}")
        else:
            try:
                services.case_link(
                    actor=request.user,
                    case=case,
                    incident_ids=inc.values(),
                    violation_ids=vio.values(),
                )
            except ValidationError as e:
                form.add_error("references", e)
            else:
                messages.success(request, "Gekoppeld.")
                return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, link_form=form)
