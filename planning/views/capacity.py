"""Available boa hours per team per month, as one table per team and year."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.models import Team
from planning import permissions
from planning.forms import CapacityMonthForm, CapacityYearForm
from planning.models import CapacityEntry
from planning.services.capacity import capacity_save_month

FIELDS = ["people", "contract_hours", "leave_hours", "training_hours", "overhead_hours"]


def _year(request) -> int:
    return CapacityYearForm(request.GET).year(default=timezone.localdate().year)


@login_required
def capacity_overview(request):
    user = request.user
    require(permissions.can_view_capacity(user))
    year = _year(request)
    teams = list(Team.objects.filter(active=True))
    entries = permissions.capacity_visible_to(user).filter(year=year)
    table = {(e.team_id, e.month): e for e in entries}
    rows = []
    totals = [Decimal(0)] * 12
    for team in teams:
        cells = []
        for m in range(1, 13):
            e = table.get((team.pk, m))
            hours = e.available_hours if e else None
            if hours:
                totals[m - 1] += hours
            cells.append(hours)
        rows.append(
            {
                "team": team,
                "cells": cells,
                "total": sum((c for c in cells if c), Decimal(0)),
                "can_edit": permissions.can_manage_capacity(user, team),
            }
        )
    return render(
        request,
        "planning/capacity_overview.html",
        {
            "year": year,
            "rows": rows,
            "totals": totals,
            "grand_total": sum(totals, Decimal(0)),
            "months": [MONTHS[m] for m in range(1, 13)],
        },
    )


@login_required
def capacity_edit(request, team_pk: int, year: int):
    user = request.user
    require(permissions.can_view_capacity(user))
    team = get_object_or_404(Team, pk=team_pk)
    require(permissions.can_manage_capacity(user, team))
    existing = {e.month: e for e in CapacityEntry.objects.filter(team=team, year=year)}
    forms = [
        CapacityMonthForm(
            request.POST or None, instance=existing.get(m), prefix=f"m{m}", initial={}
        )
        for m in range(1, 13)
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            with transaction.atomic():
                failed = False
                for m, form in enumerate(forms, start=1):
                    try:
                        capacity_save_month(
                            actor=user,
                            team=team,
                            year=year,
                            month=m,
                            **{k: form.cleaned_data[k] for k in FIELDS},
                        )
                    except ValidationError as exc:
                        apply_errors(form, exc)
                        failed = True
                if failed:
                    raise ValidationError(_("Niet opgeslagen: controleer de gemarkeerde maanden."))
        except ValidationError:
            messages.error(request, _("Niet opgeslagen: controleer de gemarkeerde maanden."))
        else:
            messages.success(
                request, _("Capaciteit %(t)s %(y)s opgeslagen.") % {"t": team, "y": year}
            )
            return redirect(f"{_overview_url()}?jaar={year}")
    return render(
        request,
        "planning/capacity_edit.html",
        {
            "team": team,
            "year": year,
            "rows": [(MONTHS[m], forms[m - 1], existing.get(m)) for m in range(1, 13)],
        },
    )


def _overview_url() -> str:
    from django.urls import reverse

    return reverse("planning:capacity")
