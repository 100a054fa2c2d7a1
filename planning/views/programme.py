"""Views of the execution programme. Thin: permissions, a form, a service, a template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.pdf import render_pdf
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.submissions import submission_once
from planning import permissions
from planning.forms import ActivityForm, DecisionForm, PriorityForm, ProgrammeForm
from planning.models import ChangeProposal, Programme
from planning.selectors import monitoring as monitoring_selectors
from planning.selectors.programme import (
    capacity_overview,
    group_by_theme,
    programme_activities,
    programme_diff,
    programme_fit,
)
from planning.services import programme as svc


def _visible_programme(user, pk: int) -> Programme:
    return get_object_or_404(permissions.programmes_visible_to(user), pk=pk)


@login_required
def programme_list(request):
    user = request.user
    require(permissions.can_list_programmes(user))
    programmes = permissions.programmes_visible_to(user).select_related("previous")
    return render(
        request,
        "planning/programme_list.html",
        {"programmes": programmes, "can_create": permissions.can_create_programme(user)},
    )


@login_required
@submission_once
def programme_create(request):
    require(permissions.can_create_programme(request.user))
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = svc.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Programma aangemaakt. Voeg nu activiteiten toe."))
            return redirect("planning:programme_detail", programme.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Nieuw uitvoeringsprogramma"),
            "cancel_url": reverse("planning:programme_list"),
        },
    )


def _programme_context(user, programme: Programme) -> dict:
    activities = programme_activities(programme=programme)
    overview = capacity_overview(programme=programme, activities=activities)
    works = has_capability(user, C.PROGRAMME_DRAFT) or has_capability(user, C.PROGRAMME_PRIORITISE)
    return {
        "programme": programme,
        "themes": group_by_theme(activities),
        "activities": activities,
        "overview": overview,
        "fit": programme_fit(programme=programme, activities=activities),
        "any_priority": any(a.priority for a in activities),
        "diff": programme_diff(programme=programme),
        "decisions": programme.decisions.select_related("actor"),
        "works_on": works,
    }


@login_required
def programme_detail(request, pk: int):
    user = request.user
    programme = _visible_programme(user, pk)
    ctx = _programme_context(user, programme)
    if ctx["works_on"]:
        ctx["focus_areas"] = programme.focus_areas.select_related(
            "partner_organisation", "theme", "submitted_by"
        )
        ctx["proposals"] = ChangeProposal.objects.filter(programme=programme).select_related(
            "created_by"
        )
    ctx.update(
        {
            "can_change": permissions.can_change_programme(user, programme),
            "can_prioritise": permissions.can_prioritise_programme(user, programme),
            "can_new_version": permissions.can_new_version(user, programme),
            "can_monitor": permissions.can_monitor_programme(user, programme),
            "next_steps": svc.next_steps(user=user, programme=programme),
            "newer": programme.next_versions.filter(
                status__in=permissions.READABLE_WHEN_ADOPTED
            ).first()
            if not ctx["works_on"]
            else programme.next_versions.first(),
        }
    )
    return render(request, "planning/programme_detail.html", ctx)


@login_required
def programme_pdf(request, pk: int):
    programme = _visible_programme(request.user, pk)
    ctx = _programme_context(request.user, programme)
    html = render_to_string("planning/programme_pdf.html", ctx, request=request)
    pdf = render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="uitvoeringsprogramma-{programme.year}-v{programme.version}.pdf"'
    )
    return response


@login_required
def programme_transition(request, pk: int, to: str):
    programme = _visible_programme(request.user, pk)
    steps = dict(svc.next_steps(user=request.user, programme=programme))
    require(to in steps)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.programme_transition(
                actor=request.user, programme=programme, to_status=to, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Besluit vastgelegd: %(s)s.") % {"s": steps[to]})
            return redirect("planning:programme_detail", programme.pk)
    activities = programme_activities(programme=programme)
    return render(
        request,
        "planning/programme_transition.html",
        {
            "programme": programme,
            "form": form,
            "label": steps[to],
            "overview": capacity_overview(programme=programme, activities=activities),
            "fit": programme_fit(programme=programme, activities=activities),
        },
    )


@login_required
def programme_prioritise(request, pk: int):
    programme = _visible_programme(request.user, pk)
    require(has_capability(request.user, C.PROGRAMME_PRIORITISE))
    if not permissions.can_prioritise_programme(request.user, programme):
        return _back_to_programme(
            request, programme, _("Een vastgesteld programma is alleen-lezen.")
        )
    activities = programme_activities(programme=programme)
    form = PriorityForm(request.POST or None, activities=activities)
    if request.method == "POST" and form.is_valid():
        svc.activities_prioritise(actor=request.user, programme=programme, choices=form.choices())
        messages.success(request, _("Prioriteiten opgeslagen."))
        return redirect("planning:programme_detail", programme.pk)
    return render(
        request,
        "planning/programme_prioritise.html",
        {
            "programme": programme,
            "form": form,
            "overview": capacity_overview(programme=programme, activities=activities),
        },
    )


@login_required
@require_POST
@submission_once
def programme_new_version(request, pk: int):
    programme = _visible_programme(request.user, pk)
    require(has_capability(request.user, C.PROGRAMME_DRAFT))
    try:
        new = svc.programme_new_version(actor=request.user, programme=programme)
    except ValidationError as exc:
        return _back_to_programme(request, programme, " ".join(exc.messages))
    messages.success(
        request, _("Versie %(v)s aangemaakt als concept; wijzig daar.") % {"v": new.version}
    )
    return redirect("planning:programme_detail", new.pk)


@login_required
def programme_monitoring(request, pk: int):
    programme = _visible_programme(request.user, pk)
    if not permissions.can_monitor_programme(request.user, programme):
        require(not programme.is_read_only)
        return _back_to_programme(
            request, programme, _("Monitoring kan pas als het programma is vastgesteld.")
        )
    return render(
        request,
        "planning/programme_monitoring.html",
        {
            "programme": programme,
            "m": monitoring_selectors.programme_monitoring(programme=programme),
        },
    )


# --- activities ------------------------------------------------------------------


def _editable_or_refused(request, programme):
    """None when the user may change the programme; else the refusal (docs/architecture.md).

    A user who may not change it at all gets 404; a read-only (adopted) programme is shown
    again with the reason, and nothing changes.
    """
    if permissions.can_change_programme(request.user, programme):
        return None
    require(programme.is_read_only)
    return _back_to_programme(
        request,
        programme,
        _("Een vastgesteld programma is alleen-lezen. Maak een nieuwe versie om te wijzigen."),
    )


def _back_to_programme(request, programme, message: str):
    """The step is not open for this programme now: back to it, with the reason."""
    messages.error(request, message)
    return redirect("planning:programme_detail", programme.pk)


@login_required
@submission_once
def activity_edit(request, pk: int, activity_pk: int | None = None):
    programme = _visible_programme(request.user, pk)
    activity = get_object_or_404(programme.activities, pk=activity_pk) if activity_pk else None
    if (response := _editable_or_refused(request, programme)) is not None:
        return response
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in ActivityForm.Meta.fields}
        try:
            svc.activity_save(actor=request.user, programme=programme, activity=activity, data=data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Activiteit opgeslagen."))
            return redirect("planning:programme_detail", programme.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Activiteit wijzigen") if activity else _("Nieuwe activiteit"),
            "subtitle": str(programme),
            "cancel_url": programme_url(programme),
        },
    )


def programme_url(programme: Programme) -> str:
    return reverse("planning:programme_detail", args=[programme.pk])


@login_required
def activity_delete(request, pk: int, activity_pk: int):
    programme = _visible_programme(request.user, pk)
    activity = get_object_or_404(programme.activities, pk=activity_pk)
    if (response := _editable_or_refused(request, programme)) is not None:
        return response
    if request.method == "POST":
        try:
            svc.activity_delete(actor=request.user, activity=activity)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Activiteit verwijderd."))
        return redirect("planning:programme_detail", programme.pk)
    return render(
        request,
        "planning/confirm.html",
        {
            "title": _("Activiteit verwijderen?"),
            "text": _("'%(a)s' wordt uit het concept verwijderd.") % {"a": activity},
            "cancel_url": programme_url(programme),
            "submit_label": _("Verwijderen"),
        },
    )
