"""Partners contribute focus areas; drafters accept or decline them with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.submissions import submission_once
from planning import permissions
from planning.forms import FocusAreaDecisionForm, FocusAreaForm
from planning.models import Programme
from planning.services import programme as svc


@login_required
def focus_area_list(request):
    user = request.user
    require(has_capability(user, C.PROGRAMME_CONTRIBUTE) or has_capability(user, C.PROGRAMME_DRAFT))
    focus_areas = (
        permissions.focus_areas_visible_to(user)
        .select_related("programme", "theme", "partner_organisation", "decided_by")
        .prefetch_related("areas")
    )
    open_programmes = Programme.objects.filter(status=Programme.Status.DRAFT)
    return render(
        request,
        "planning/focus_area_list.html",
        {
            "focus_areas": focus_areas,
            "can_contribute": has_capability(user, C.PROGRAMME_CONTRIBUTE)
            and open_programmes.exists(),
        },
    )


@login_required
@submission_once
def focus_area_create(request):
    user = request.user
    require(has_capability(user, C.PROGRAMME_CONTRIBUTE))
    programmes = Programme.objects.filter(status=Programme.Status.DRAFT)
    form = FocusAreaForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            svc.focus_area_submit(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Aandachtsgebied ingediend. U ziet hier de uitkomst."))
            return redirect("planning:focus_area_list")
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Aandachtsgebied aandragen"),
            "cancel_url": reverse("planning:focus_area_list"),
        },
    )


@login_required
def focus_area_decide(request, pk: int):
    fa = get_object_or_404(
        permissions.focus_areas_visible_to(request.user).select_related("programme"), pk=pk
    )
    require(permissions.can_decide_focus_area(request.user, fa))
    form = FocusAreaDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.focus_area_decide(actor=request.user, focus_area=fa, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Besluit over het aandachtsgebied vastgelegd."))
            return redirect("planning:programme_detail", fa.programme_id)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Aandachtsgebied beoordelen"),
            "subtitle": f"{fa.title} — {fa.partner_organisation}",
            "intro": fa.description,
            "cancel_url": reverse("planning:programme_detail", args=[fa.programme_id]),
        },
    )
