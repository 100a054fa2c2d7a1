"""Case views for one case: open, detail, edit, transition, assign. Thin; rules in services."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.submissions import submission_once
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    ActionItemForm,
    AssignForm,
    CaseEditForm,
    CaseOpenForm,
    DocumentForm,
    LinkForm,
    NoteForm,
    ShareForm,
    TransitionForm,
    valid_ids,
)
from cases.models import Case, CaseStatus
from cases.workflow import buttons
from enforcement.permissions import (
    incidents_visible_to,
)


def _visible_case(request, pk: int) -> Case:
    return get_object_or_404(
        perms.cases_visible_to(request.user).select_related(
            "case_type", "theme", "area", "team", "assignee", "opened_by"
        ),
        pk=pk,
    )


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
            form.add_error(
                "incidents",
                _("Niet gevonden of niet zichtbaar: %(refs)s") % {"refs": ", ".join(unknown)},
            )
        elif not ids and not perms.can_open_case_directly(user):
            form.add_error(
                "incidents",
                _(
                    "Kies ten minste één melding; alleen een teamleider opent een zaak zonder melding."
                ),
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
                messages.success(
                    request, _("Zaak %(reference)s is geopend.") % {"reference": case.reference}
                )
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
        messages.success(request, _("De zaak is bijgewerkt."))
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, edit_form=form, open_edit=True)


@login_required
@require_POST
def case_transition(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deze stap is niet geldig."))
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
    messages.success(
        request,
        _("Fase is nu: %(status)s.") % {"status": CaseStatus(form.cleaned_data["to_status"]).label},
    )
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
        messages.success(request, _("Zaak toegewezen aan %(who)s.") % {"who": who})
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, assign_form=form)
