"""The handhavingsstrategie pages of the functional admin: versions, matrix, ladders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import capability_required
from accounts.forms_util import apply_errors
from accounts.roles import Capability
from accounts.submissions import submission_once
from enforcement import matrix
from enforcement.forms.strategy import StrategyAdoptForm, StrategyForm
from enforcement.models import Strategy
from enforcement.services import strategy as svc
from enforcement.views.reference import KINDS

MANAGE = Capability.REFERENCE_DATA_MANAGE


@capability_required(MANAGE)
def strategy_list(request: HttpRequest) -> HttpResponse:
    in_force = matrix.strategy_in_force(on=timezone.localdate())
    return render(
        request,
        "enforcement/strategy/list.html",
        {
            "kinds": KINDS.values(),
            "strategies": Strategy.objects.select_related("adopted_by"),
            "in_force": in_force,
            "default_name": matrix.DEFAULT_NAME,
        },
    )


@capability_required(MANAGE)
@require_POST
@submission_once
def strategy_new(request: HttpRequest) -> HttpResponse:
    try:
        strategy = svc.strategy_draft_create(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("enforcement:strategy_list")
    messages.success(request, _("Nieuwe conceptversie %(n)s gemaakt.") % {"n": strategy.version})
    return redirect("enforcement:strategy_detail", strategy.pk)


@capability_required(MANAGE)
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, pk=pk)
    groups = svc.strategy_groups()
    form = StrategyForm(
        request.POST if request.method == "POST" and not strategy.adopted else None,
        strategy=strategy,
        groups=groups,
    )
    if strategy.adopted:
        for field in form.fields.values():
            field.disabled = True
    elif request.method == "POST" and form.is_valid():
        try:
            svc.strategy_draft_update(
                actor=request.user,
                strategy=strategy,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                repeat_window_days=form.cleaned_data["repeat_window_days"],
                cells=form.cells(),
                ladders=form.ladders(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Conceptversie opgeslagen."))
            return redirect("enforcement:strategy_detail", strategy.pk)
    return render(
        request,
        "enforcement/strategy/detail.html",
        {
            "kinds": KINDS.values(),
            "strategy": strategy,
            "form": form,
            "adopt_form": StrategyAdoptForm(),
            "used": strategy.violations.count(),
        },
    )


@capability_required(MANAGE)
@require_POST
def strategy_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, pk=pk)
    form = StrategyAdoptForm(request.POST)
    if form.is_valid():
        try:
            svc.strategy_adopt(
                actor=request.user, strategy=strategy, adopted_on=form.cleaned_data["adopted_on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Versie %(n)s is vastgesteld.") % {"n": strategy.version})
            return redirect("enforcement:strategy_detail", strategy.pk)
    return render(
        request,
        "enforcement/strategy/detail.html",
        {
            "kinds": KINDS.values(),
            "strategy": strategy,
            "form": StrategyForm(strategy=strategy, groups=svc.strategy_groups()),
            "adopt_form": form,
            "used": strategy.violations.count(),
        },
        status=200,
    )
