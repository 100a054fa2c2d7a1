"""Views of recorded violations: detail, offender correction, warning letter, list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import HiddenInput
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import privacy
from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.listing import paginate, valid_filters
from enforcement import letters
from enforcement import permissions as perms
from enforcement.forms.violations import (
    OffenderForm,
    ViolationFilterForm,
)
from enforcement.models import (
    Violation,
)
from enforcement.selectors import violations as sel
from enforcement.services import violations as svc
from enforcement.views.violations.create import _incident_url, _offender_from

PAGE_SIZE = 25


def _offender_visible(user) -> bool:
    return perms.can_view_personal_data(user)


def _visible_earlier(user, violation: Violation) -> list[Violation]:
    """The earlier violations the proposal counted, as far as this user may open them."""
    pks = (violation.proposal_basis or {}).get("repeats") or []
    if not pks:
        return []
    return list(
        perms.violations_visible_to(user)
        .filter(pk__in=pks)
        .select_related("offence", "intervention")
        .order_by("-committed_on", "-id")
    )


@login_required
def violation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        violation = sel.violation_detail(user=request.user, pk=pk)
        show_offender = _offender_visible(request.user)
        if show_offender:
            svc.violation_view_logged(actor=request.user, violation=violation, request=request)
        return render(
            request,
            "enforcement/violations/detail.html",
            {
                "violation": violation,
                "show_offender": show_offender,
                "incident_url": _incident_url(violation.incident),
                "earlier": _visible_earlier(request.user, violation) if show_offender else [],
                "can_letter": show_offender
                and violation.intervention.produces_letter
                and violation.offender_id is not None,
                "can_change_offender": show_offender
                and perms.can_create_violation(request.user, violation.incident),
            },
        )


@login_required
def violation_offender_change(request: HttpRequest, pk: int) -> HttpResponse:
    violation = sel.violation_detail(user=request.user, pk=pk)
    require(
        _offender_visible(request.user)
        and perms.can_create_violation(request.user, violation.incident)
    )
    offender = violation.offender
    initial = {}
    if offender is not None:
        initial = {
            "offender_kind": offender.kind,
            "offender_name": offender.name,
            "offender_date_of_birth": offender.date_of_birth,
            "offender_address": offender.address,
            "offender_coc_number": offender.coc_number,
        }
    form = OffenderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.violation_offender_update(
                actor=request.user,
                violation=violation,
                offender=_offender_from(form.cleaned_data),
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Gegevens van de overtreder bijgewerkt."))
            return redirect("enforcement:violation_detail", violation.pk)
    elif request.method != "POST" and offender is not None:
        with transaction.atomic():
            svc.violation_view_logged(actor=request.user, violation=violation, request=request)
    return render(
        request,
        "enforcement/violations/offender_form.html",
        {"violation": violation, "form": form},
    )


@login_required
def violation_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The written warning as PDF; holds personal data, so permission-checked and logged."""
    violation = sel.violation_detail(user=request.user, pk=pk)
    require(
        _offender_visible(request.user)
        and violation.intervention.produces_letter
        and violation.offender_id is not None
    )
    template = letters.letter_template_for(violation)
    if template is None:
        messages.error(
            request, _("Er is geen actief briefsjabloon. Vraag de functioneel beheerder.")
        )
        return redirect("enforcement:violation_detail", violation.pk)
    with transaction.atomic():
        svc.violation_letter_logged(
            actor=request.user, violation=violation, template=template, request=request
        )
        pdf = letters.letter_pdf(violation=violation, template=template)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="waarschuwing-{violation.reference}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def violation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(perms.can_list_violations(user))
    personal = _offender_visible(user)
    form = ViolationFilterForm(request.GET or None, personal_data=personal)
    filters = valid_filters(form)
    person = (filters.get("person") or "").strip()
    asked = {
        "q": filters.get("q") or "",
        "person": person,
        "date_of_birth": filters.get("date_of_birth"),
    }
    kwargs = {
        **asked,
        "purpose": filters.get("purpose") or "",
        "intervention_id": filters["intervention"].pk if filters.get("intervention") else None,
        "theme_id": filters["theme"].pk if filters.get("theme") else None,
        "area_id": filters["area"].pk if filters.get("area") else None,
        "date_from": filters.get("date_from"),
        "date_to": filters.get("date_to"),
        "mine": bool(filters.get("mine")),
        "sort": filters.get("sort") or "-date",
    }
    qs = sel.violation_list(user=user, **kwargs)
    page = paginate(request, qs, PAGE_SIZE)
    reach = privacy.reach(sel.violation_search(user=user, **asked), kwargs["purpose"])
    older_hidden = False
    if reach.needs_purpose:
        older_hidden = (
            sel.violation_list(user=user, older=True, **kwargs)
            .filter(committed_on__lt=sel.browse_since())
            .exists()
        )
    if reach.search is None and not filters.get("purpose"):
        # The purpose is asked once the search is targeted (the note says why).
        form.fields["purpose"].widget = HiddenInput()
    found = [v.pk for v in page.object_list]
    logged = privacy.reach_search_logged(
        reach,
        actor=user,
        object_type="enforcement.violation",
        found=page.object_list,
        request=request,
    )
    if logged is None and person:
        # A search by a person's data is itself processing of personal data.
        svc.violation_search_logged(actor=user, term=person, found=found, request=request)
    return render(
        request,
        "enforcement/violations/list.html",
        {
            "form": form,
            "page": page,
            "browse": privacy.browse_context(reach, older_hidden=older_hidden),
        },
    )
