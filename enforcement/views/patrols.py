"""Views of patrol logs (diensten). Thin: permissions, forms, services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import offline, privacy
from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.listing import paginate, valid_filters
from accounts.roles import Capability as C
from accounts.submissions import submission_object, submission_once
from enforcement import permissions as perms
from enforcement.forms.patrols import (
    PatrolCorrectForm,
    PatrolEndForm,
    PatrolFilterForm,
    PatrolStartForm,
    effort_formset,
)
from enforcement.models import PatrolLog, PatrolLogEvent
from enforcement.selectors import patrols as sel
from enforcement.services import patrols as svc

PAGE_SIZE = 25


def _incident_url(pk: int) -> str:
    try:
        return reverse("enforcement:incident_detail", args=[pk])
    except NoReverseMatch:
        return ""


@login_required
@offline.offline_page
@submission_once
def patrol_start(request: HttpRequest) -> HttpResponse:
    require(request.user.can(C.PATROL_LOG_OWN))
    form = PatrolStartForm(request.POST or None, user=request.user)
    valid = request.method == "POST" and form.is_valid()
    running = sel.open_patrol_log_for(user=request.user)
    if running is not None:
        if offline.is_queued(request):
            return offline.refused(
                request, message=_("U was al in dienst; deze start is niet opgeslagen.")
            )
        # A double tap on "start" lands on the running shift, not on an error.
        messages.info(request, _("U bent al in dienst."))
        return redirect("enforcement:patrol_detail", running.pk)
    if valid:
        data = form.cleaned_data
        try:
            log = svc.patrol_log_start(
                actor=request.user,
                started_at=data.get("started_at") or data.get("recorded_at"),
                team=data["team"],
                companions=data["companions"],
                areas=data["areas"],
                mode=data["mode"],
                joint_with_police=data["joint_with_police"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if offline.shows_messages(request):
                messages.success(request, _("Dienst gestart. Goede dienst!"))
            return offline.confirmed(request, url=_patrol_url(log), obj=log)
    if offline.is_queued(request):
        return offline.refused(request, form=form)
    return render(request, "enforcement/patrols/start.html", {"form": form})


def _patrol_url(log) -> str:
    return reverse("enforcement:patrol_detail", args=[log.pk])


@login_required
@offline.offline_page
def patrol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    log = sel.patrol_log_detail(user=request.user, pk=pk)
    incidents = list(log.incidents.select_related("theme").order_by("occurred_at"))
    for incident in incidents:
        incident.url = _incident_url(incident.pk)
    efforts = sel.effort_rows(patrol_log=log)
    events = list(log.events.select_related("actor"))
    for event in events:
        event.changes = (
            sel.event_changes(event) if event.kind != PatrolLogEvent.Kind.STARTED else []
        )
    return render(
        request,
        "enforcement/patrols/detail.html",
        {
            "log": log,
            "companions": list(log.companions.all()),
            "areas": list(log.areas.all()),
            "efforts": efforts,
            "effort_total": sum(e.minutes for e in efforts),
            "incidents": incidents,
            "events": events,
            "can_change": perms.can_change_patrol_log(request.user, log),
            "can_correct": perms.can_correct_patrol_log(request.user, log),
            "end_form": PatrolEndForm(),
        },
    )


@login_required
@require_POST
@submission_once
def patrol_end(request: HttpRequest, pk: int) -> HttpResponse:
    log = sel.patrol_log_detail(user=request.user, pk=pk)
    require(perms.can_change_patrol_log(request.user, log))
    return _patrol_end(request, log)


class _PendingShiftForm(forms.Form):
    start_key = forms.UUIDField()


@login_required
@offline.offline_page
@submission_once
def patrol_end_pending(request: HttpRequest) -> HttpResponse:
    """End a shift whose start still waits on the boa's device (no connection).

    The device fills in the start's submission key and sends the end after the start;
    the server finds the shift that the boa's submission with that key started."""
    require(request.user.can(C.PATROL_LOG_OWN))
    if request.method != "POST":
        return render(
            request, "enforcement/patrols/end_pending.html", {"end_form": PatrolEndForm()}
        )
    keys = _PendingShiftForm(request.POST)
    log = None
    if keys.is_valid():
        log = submission_object(
            user=request.user, key=keys.cleaned_data["start_key"], model=PatrolLog
        )
    if log is None or not perms.can_change_patrol_log(request.user, log):
        if offline.is_queued(request):
            return offline.refused(
                request,
                message=_("De dienst bij deze eindtijd is niet (meer) op de server gevonden."),
            )
        raise Http404
    return _patrol_end(request, log)


def _patrol_end(request: HttpRequest, log) -> HttpResponse:
    form = PatrolEndForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            svc.patrol_log_end(
                actor=request.user,
                patrol_log=log,
                ended_at=data["ended_at"] or data.get("recorded_at"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if offline.shows_messages(request):
                messages.success(
                    request, _("Dienst beëindigd. Verdeel nu uw inzet over de thema's.")
                )
            return offline.confirmed(
                request, url=reverse("enforcement:patrol_effort", args=[log.pk]), obj=log
            )
    if offline.is_queued(request):
        return offline.refused(request, form=form)
    for error in form.errors.values():
        for message in error:
            messages.error(request, message)
    return redirect("enforcement:patrol_detail", log.pk)


def _effort_left(log, formset) -> dict:
    """The minutes of the shift (until now while it runs) and what is left to divide."""
    end = log.ended_at or timezone.now()
    length = max(0, int((end - log.started_at).total_seconds() // 60))
    divided = 0
    for form in formset.forms:
        raw = form["minutes"].value()
        try:
            divided += max(0, int(raw)) if raw not in (None, "") else 0
        except (TypeError, ValueError):
            continue
    return {
        "split_length": length,
        "divided": divided,
        "left": length - divided,
        "over": divided - length,
    }


@login_required
@offline.offline_page
@submission_once
def patrol_effort(request: HttpRequest, pk: int) -> HttpResponse:
    log = sel.patrol_log_detail(user=request.user, pk=pk)
    require(perms.can_change_patrol_log(request.user, log))
    formset = effort_formset(patrol_log=log, data=request.POST or None)
    _recorded_at, key_errors = offline.request_recorded_at(request)
    if key_errors:
        formset._non_form_errors = formset.error_class(key_errors)
    elif request.method == "POST" and formset.is_valid():
        rows = [
            svc.EffortRow(
                theme=f.cleaned_data["theme"],
                kind=f.cleaned_data["kind"],
                minutes=f.cleaned_data["minutes"],
                activity_id=f.cleaned_data.get("activity"),
            )
            for f in formset.forms
            if f.cleaned_data.get("theme") and f.cleaned_data.get("minutes")
        ]
        correcting = log.boa_id != request.user.pk and perms.can_correct_patrol_log(
            request.user, log
        )
        try:
            if correcting:
                svc.patrol_effort_correct(actor=request.user, patrol_log=log, rows=rows)
            else:
                svc.patrol_effort_set(actor=request.user, patrol_log=log, rows=rows)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        except PermissionDenied:
            require(False)
        else:
            if offline.shows_messages(request):
                messages.success(request, _("Inzet opgeslagen."))
            return offline.confirmed(request, url=_patrol_url(log), obj=log)
    if request.method == "POST" and offline.is_queued(request):
        return offline.refused(request, form=formset)
    return render(
        request,
        "enforcement/patrols/effort.html",
        {
            "log": log,
            "formset": formset,
            "has_activity": formset.activity_choices is not None,
            "length": log.duration_minutes,
            **_effort_left(log, formset),
        },
    )


@login_required
def patrol_correct(request: HttpRequest, pk: int) -> HttpResponse:
    log = sel.patrol_log_detail(user=request.user, pk=pk)
    require(perms.can_correct_patrol_log(request.user, log))
    form = PatrolCorrectForm.for_log(log, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.patrol_log_correct(
                actor=request.user,
                patrol_log=log,
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                areas=data["areas"],
                mode=data["mode"],
                joint_with_police=data["joint_with_police"],
                reason=data["reason"],
                companions=data["companions"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Dienst gecorrigeerd; de wijziging staat in de tijdlijn."))
            return redirect("enforcement:patrol_detail", log.pk)
    return render(request, "enforcement/patrols/correct.html", {"log": log, "form": form})


@login_required
def patrol_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(perms.can_list_patrol_logs(user))
    form = PatrolFilterForm(request.GET or None, user=user)
    filters = valid_filters(form)
    qs = sel.patrol_log_list(
        user=user,
        boa_id=filters.get("boa").pk if filters.get("boa") else None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        state=filters.get("state") or "",
        area_id=filters["area"].pk if filters.get("area") else None,
        theme_id=filters["theme"].pk if filters.get("theme") else None,
        sort=filters.get("sort") or "-start",
    )
    page = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "enforcement/patrols/list.html",
        {
            "form": form,
            "page": page,
            "running": sel.open_patrol_log_for(user=user) if user.can(C.PATROL_LOG_OWN) else None,
            "browse": privacy.browse_context(privacy.reach(None)),
        },
    )
