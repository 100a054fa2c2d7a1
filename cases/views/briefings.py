"""Briefing views: plan, agenda, minutes and action items during the meeting (htmx)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import submissions
from accounts.access import require
from accounts.models import PartnerOrganisation
from accounts.roles import is_partner
from accounts.submissions import submission_once
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    AgendaItemForm,
    BriefingActionItemForm,
    BriefingForm,
    BriefingListForm,
    MinutesForm,
)
from cases.models import OPEN_STATUSES, AgendaItem, Briefing, Case


def _visible(request, pk: int) -> Briefing:
    return get_object_or_404(
        perms.briefings_visible_to(request.user).select_related("team", "chair"), pk=pk
    )


@login_required
def briefing_list(request):
    require(perms.can_list_briefings(request.user))
    qs = perms.briefings_visible_to(request.user).select_related("chair")
    show = BriefingListForm(request.GET).value()
    now = timezone.now() - dt.timedelta(hours=2)
    qs = (
        qs.filter(starts_at__gte=now).order_by("starts_at")
        if show == "upcoming"
        else qs.filter(starts_at__lt=now).order_by("-starts_at")
    )
    return render(
        request,
        "cases/briefing_list.html",
        {
            "briefings": list(qs[:50]),
            "show": show,
            "can_plan": perms.can_plan_briefing(request.user),
        },
    )


@login_required
@submission_once
def briefing_create(request):
    require(perms.can_plan_briefing(request.user))
    form = BriefingForm(
        request.POST or None, team_id=request.user.team_id, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["recurring"]:
                series = services.briefing_series_create(
                    actor=request.user,
                    title=d["title"],
                    weekdays=d["weekdays"],
                    time=d["time"],
                    start_date=d["date"],
                    areas=d["areas"],
                    participants=d["participants"],
                    weeks=d["weeks"],
                    location=d["location"],
                )
                n = series.briefings.count()
                messages.success(
                    request,
                    _("Reeks gepland: %(n)s briefings in de komende %(weeks)s weken.")
                    % {"n": n, "weeks": d["weeks"]},
                )
                return redirect("cases:briefing_list")
            briefing = services.briefing_create(
                actor=request.user,
                title=d["title"],
                starts_at=dt.datetime.combine(
                    d["date"], d["time"], tzinfo=timezone.get_current_timezone()
                ),
                areas=d["areas"],
                participants=d["participants"],
                location=d["location"],
            )
        except ValidationError as e:
            for field, errs in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("Briefing gepland."))
            return redirect("cases:briefing_detail", briefing.pk)
    return render(request, "cases/briefing_form.html", {"form": form})


def _owner_choices(briefing: Briefing) -> list[tuple[str, str]]:
    participants = list(briefing.participants.select_related("partner_organisation"))
    staff = [u for u in participants if not is_partner(u)]
    partners = [u for u in participants if is_partner(u)]
    orgs = PartnerOrganisation.objects.filter(pk__in={u.partner_organisation_id for u in partners})
    return (
        [("", "—")]
        + [(f"u:{u.pk}", str(u)) for u in staff]
        + [(f"u:{u.pk}", f"{u} ({u.partner_organisation})") for u in partners]
        + [(f"o:{o.pk}", f"{o} (organisatie)") for o in orgs]
    )


def _agenda_cases(briefing: Briefing, user) -> list[Case]:
    """The cases on this briefing's agenda that the user may see (a short list)."""
    ids = briefing.agenda_items.filter(removed=False, case__isnull=False).values("case_id")
    return list(perms.cases_visible_to(user, Case.objects.filter(pk__in=ids)).order_by("reference"))


def _action_form(request, briefing: Briefing, data=None) -> BriefingActionItemForm:
    return BriefingActionItemForm(
        data,
        agenda_cases=_agenda_cases(briefing, request.user),
        visible_cases=perms.cases_visible_to(request.user).filter(status__in=OPEN_STATUSES),
        owners=_owner_choices(briefing),
    )


def _context(request, briefing: Briefing, **extra) -> dict:
    user = request.user
    runs = perms.can_run_briefing(user, briefing)
    items = selectors.briefing_action_items(user=user, briefing=briefing)
    ctx = {
        "briefing": briefing,
        "runs": runs,
        "editable": runs and briefing.status != Briefing.Status.HELD,
        "partner_view": perms.is_partner_view(user),
        "agenda": selectors.agenda_for(user=user, briefing=briefing),
        "removed": list(briefing.agenda_items.filter(removed=True)) if runs else [],
        "areas": list(briefing.areas.all()),
        "participants": list(briefing.participants.all()),
        "action_items": items,
        "agenda_form": AgendaItemForm(),
        "minutes_form": MinutesForm(initial={"minutes": briefing.minutes}),
    }
    ctx.update(extra)
    if runs and "action_form" not in extra:
        ctx["action_form"] = _action_form(request, briefing)
    elif not runs:
        ctx["action_form"] = None
    return ctx


@login_required
def briefing_detail(request, pk: int):
    briefing = _visible(request, pk)
    return render(request, "cases/briefing_detail.html", _context(request, briefing))


@login_required
def briefing_print(request, pk: int):
    briefing = _visible(request, pk)
    return render(request, "cases/briefing_print.html", _context(request, briefing))


def _runs_or_404(request, pk) -> Briefing:
    briefing = _visible(request, pk)
    require(perms.can_run_briefing(request.user, briefing))
    return briefing


@login_required
@require_POST
def briefing_generate(request, pk: int):
    briefing = _runs_or_404(request, pk)
    try:
        items = services.briefing_agenda_generate(actor=request.user, briefing_id=briefing.pk)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Agenda gemaakt: %(n)s punten.") % {"n": len(items)})
    return redirect("cases:briefing_detail", pk)


@login_required
@require_POST
@submission_once
def agenda_item_add(request, pk: int):
    briefing = _runs_or_404(request, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            item = services.agenda_item_add(
                actor=request.user, briefing=briefing, text=form.cleaned_data["text"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            submissions.created(request, item)  # answered with a fragment, not a redirect
        return _agenda_response(request, briefing)
    return render(
        request,
        "cases/briefing_detail.html",
        _context(request, briefing, agenda_form=form),
        status=400,
    )


@login_required
@require_POST
def agenda_item_remove(request, pk: int, item_id: int):
    briefing = _runs_or_404(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_id, briefing=briefing)
    try:
        services.agenda_item_remove(actor=request.user, item_id=item.pk)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return _agenda_response(request, briefing)


def _agenda_response(request, briefing):
    if request.headers.get("HX-Request"):
        return render(request, "cases/_agenda.html", _context(request, briefing))
    return redirect("cases:briefing_detail", briefing.pk)


@login_required
@require_POST
def briefing_minutes(request, pk: int):
    briefing = _runs_or_404(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        services.briefing_minutes_save(
            actor=request.user,
            briefing_id=briefing.pk,
            minutes=form.cleaned_data["minutes"],
            held="held" in request.POST,
        )
        held = "held" in request.POST
        if request.headers.get("HX-Request") and not held:
            return render(request, "cases/_saved.html", {"at": timezone.localtime()})
        if held:
            messages.success(request, _("Verslag opgeslagen; de briefing is afgerond."))
            if request.headers.get("HX-Request"):
                # The page changes as a whole (status, no more editing): load it anew.
                response = HttpResponse("")
                response["HX-Redirect"] = reverse("cases:briefing_detail", args=[pk])
                return response
        else:
            messages.success(request, _("Verslag opgeslagen."))
    return redirect("cases:briefing_detail", pk)


@login_required
@require_POST
@submission_once
def briefing_action_item(request, pk: int):
    briefing = _runs_or_404(request, pk)
    form = _action_form(request, briefing, request.POST)
    saved = False
    if form.is_valid():
        owner_user, owner_org = form.owner_objects()
        try:
            item = services.action_item_create(
                actor=request.user,
                case=form.cleaned_data["case_obj"],
                description=form.cleaned_data["description"],
                due_date=form.cleaned_data["due_date"],
                owner_user=owner_user,
                owner_organisation=owner_org,
                briefing=briefing,
            )
        except ValidationError as e:
            for field, errs in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            saved = True
            submissions.created(request, item)  # answered with a fragment, not a redirect
            if not request.headers.get("HX-Request"):
                messages.success(request, _("Actiepunt vastgelegd."))
                return redirect("cases:briefing_detail", pk)
            form = _action_form(request, briefing)
    ctx = _context(request, briefing, action_form=form)
    if request.headers.get("HX-Request"):
        return render(request, "cases/_briefing_actions.html", ctx)
    return render(request, "cases/briefing_detail.html", ctx, status=200 if saved else 400)
