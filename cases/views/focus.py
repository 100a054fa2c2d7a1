"""Team lead's "focus deze week": forecast hotspots of the team's districts, ranked by
expected incidents and policy priority (forecast.selectors), each added to a briefing
agenda with one action (cases.services.briefings.agenda_item_add)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import submissions
from accounts.access import require
from accounts.submissions import submission_once
from cases import permissions as perms
from cases.models import Briefing
from cases.services import briefings as services
from forecast.permissions import can_view_forecast
from forecast.selectors import focus_for_team


def can_view_focus(user) -> bool:
    return can_view_forecast(user) and perms.can_plan_briefing(user)


def upcoming_briefings(user):
    """The team's planned briefings from now on that the user may set the agenda of."""
    return (
        perms.briefings_visible_to(user)
        .filter(team_id=user.team_id, status=Briefing.Status.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at")
    )


class FocusAddForm(forms.Form):
    cell = forms.IntegerField(min_value=1)
    briefing = forms.IntegerField(min_value=1)


@login_required
def focus_week(request):
    user = request.user
    require(can_view_focus(user))
    return render(
        request,
        "cases/focus/week.html",
        {
            "items": focus_for_team(team_id=user.team_id),
            "briefings": list(upcoming_briefings(user)[:10]),
        },
    )


@login_required
@require_POST
@submission_once
def focus_add(request):
    user = request.user
    require(can_view_focus(user))
    form = FocusAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een briefing en een focuspunt."))
        return redirect("cases:focus_week")
    items = {i["cell"].pk: i for i in focus_for_team(team_id=user.team_id)}
    item = items.get(form.cleaned_data["cell"])
    briefing = upcoming_briefings(user).filter(pk=form.cleaned_data["briefing"]).first()
    require(item is not None and briefing is not None)
    try:
        agenda_item = services.agenda_item_add(actor=user, briefing=briefing, text=item["text"])
    except PermissionDenied:
        require(False)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("cases:focus_week")
    submissions.created(request, agenda_item)
    messages.success(
        request, _("Toegevoegd aan de agenda van %(briefing)s.") % {"briefing": briefing.title}
    )
    return redirect("cases:focus_week")
