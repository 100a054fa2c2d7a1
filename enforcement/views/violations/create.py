"""Views that record a violation (overtreding): the form, its htmx parts, the offence search."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import offline
from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.roles import Capability as C
from accounts.submissions import submission_object, submission_once
from enforcement import permissions as perms
from enforcement.forms.violations import (
    OffenceSearchForm,
    ViolationForm,
)
from enforcement.models import (
    Incident,
    InterventionType,
    Offence,
    Offender,
    Violation,
)
from enforcement.selectors import violations as sel
from enforcement.services import violations as svc

REFRESH_FIELDS = ("offence", "attitude", "consequence", "intervention", "offender_kind")
PROPOSAL_FIELDS = (
    "committed_on",
    "address",
    "offender_name",
    "offender_date_of_birth",
    "offender_address",
    "offender_coc_number",
)


def _incident_for(request, incident_pk: int):
    incident = get_object_or_404(perms.incidents_visible_to(request.user), pk=incident_pk)
    require(perms.can_create_violation(request.user, incident))
    return incident


def _incident_url(incident) -> str:
    try:
        return reverse("enforcement:incident_detail", args=[incident.pk])
    except NoReverseMatch:
        return ""


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _pk_of(model, value):
    try:
        return model.objects.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError):
        return None


def _offender_from(data) -> svc.OffenderData | None:
    name = (data.get("offender_name") or "").strip()
    coc = (data.get("offender_coc_number") or "").strip()
    dob = data.get("offender_date_of_birth")
    if isinstance(dob, str):
        dob = _parse_date(dob)
    address = (data.get("offender_address") or "").strip()
    if not (name or coc or dob or address):
        return None
    return svc.OffenderData(
        kind=data.get("offender_kind") or Offender.Kind.PERSON,
        name=name,
        date_of_birth=dob,
        address=address,
        coc_number=coc,
    )


def _state(request, raw, incident) -> dict:
    """What the form shows for the values typed so far: proposal, earlier violations, sections.

    The look-up goes through ``violation_lookup``: it shows only violations this user
    may open and writes the access log in the same transaction."""
    offence = _pk_of(Offence, raw.get("offence"))
    attitude = raw.get("attitude") if raw.get("attitude") in Violation.Attitude.values else None
    consequence = raw.get("consequence")
    if consequence not in Violation.Consequence.values:
        consequence = None
    chosen = _pk_of(InterventionType, raw.get("intervention"))
    lookup = None
    if attitude and consequence:
        lookup = svc.violation_lookup(
            actor=request.user,
            incident=incident,
            offence=offence,
            attitude=attitude,
            consequence=consequence,
            offender=_offender_from(raw),
            address=(raw.get("address") or incident.address or ""),
            committed_on=_parse_date(raw.get("committed_on") or "") or dt.date.today(),
            request=request,
        )
    proposal = lookup.proposal if lookup else None
    required = svc.violation_requirements(
        chosen=chosen, proposed=proposal.intervention if proposal else None
    )
    return {
        "offence": offence,
        "proposal": proposal,
        "earlier": lookup.repeats if lookup else [],
        "earlier_hidden": lookup.repeats_hidden if lookup else 0,
        "address_history": lookup.address_history if lookup else [],
        "chosen": chosen,
        "deviates": required.deviates,
        "needs_offender": required.needs_offender,
        "needs_amount": required.needs_amount,
        "company": raw.get("offender_kind") == Offender.Kind.COMPANY,
        "premises_bound": bool(offence and offence.premises_bound),
    }


def _refreshed_form(request, incident) -> ViolationForm:
    """An unbound form carrying what was typed (no errors yet), with the offence's amount."""
    initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    offence = _pk_of(Offence, initial.get("offence"))
    previous_default = initial.pop("amount_default", "")
    amount_untouched = not initial.get("amount") or initial.get("amount") == previous_default
    if offence and offence.default_amount is not None and amount_untouched:
        initial["amount"] = offence.default_amount
    return _form(request, incident, initial=initial)


def _form(request, incident, **kwargs) -> ViolationForm:
    form = ViolationForm(incident=incident, **kwargs)
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    for name in REFRESH_FIELDS:
        form.fields[name].widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "change",
                "hx-target": "#violation-form-body",
                "hx-include": "closest form",
                # A newer choice replaces a request still in flight: the last answer wins.
                "hx-sync": "closest form:replace",
            }
        )
    # Who and where the offence is change only the proposal (and its basis): refresh that
    # part alone, so the field being typed in keeps its focus.
    for name in PROPOSAL_FIELDS:
        form.fields[name].widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "change",
                "hx-target": "#proposal",
                "hx-select": "#proposal",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
                "hx-sync": "closest form:replace",
            }
        )
    q = _offence_search(request).value("offence_q")
    if q and not form.is_bound:  # a saved choice from the full list stays valid
        form.fields["offence"].queryset = Offence.objects.filter(
            pk__in=[o.pk for o in sel.offence_search(q=q)]
        ).order_by("code")
    return form


def _offence_search(request) -> OffenceSearchForm:
    data = request.POST if request.POST.get("offence_q") else request.GET
    return OffenceSearchForm(data)


def _context(request, incident, form, raw) -> dict:
    state = _state(request, raw, incident)
    offence = state["offence"]
    return {
        "incident": incident,
        "incident_url": _incident_url(incident),
        "form": form,
        "offence_q": OffenceSearchForm(request.POST).value("offence_q") or "",
        "amount_default": offence.default_amount if offence else "",
        **state,
    }


@login_required
@offline.offline_page
@submission_once
def violation_create(request: HttpRequest, incident_pk: int) -> HttpResponse:
    incident = _incident_for(request, incident_pk)
    return _violation_create(request, incident)


def _violation_create(request: HttpRequest, incident) -> HttpResponse:
    if request.method != "POST":
        form = _form(request, incident)
        raw = {"address": incident.address}
        return render(
            request, "enforcement/violations/create.html", _context(request, incident, form, raw)
        )
    if "refresh" in request.POST:
        form = _refreshed_form(request, incident)
        return render(
            request,
            "enforcement/violations/create.html",
            _context(request, incident, form, request.POST),
        )
    form = _form(request, incident, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        intervention = data["intervention"]
        try:
            violation = svc.violation_create(
                actor=request.user,
                incident=incident,
                offence=data["offence"],
                attitude=data["attitude"],
                consequence=data["consequence"],
                intervention=intervention,
                deviation_reason=data["deviation_reason"],
                offender=_offender_from(data),
                amount=data["amount"],
                committed_on=data["committed_on"],
                address=data["address"],
                recorded_at=data.get("recorded_at"),
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied:
            require(False)
        else:
            if offline.shows_messages(request):
                messages.success(
                    request,
                    _("Overtreding %(reference)s vastgelegd.") % {"reference": violation.reference},
                )
            return offline.confirmed(
                request,
                url=reverse("enforcement:violation_detail", args=[violation.pk]),
                reference=violation.reference,
                obj=violation,
            )
    if offline.is_queued(request):
        return offline.refused(request, form=form)
    return render(
        request,
        "enforcement/violations/create.html",
        _context(request, incident, form, request.POST),
    )


class _PendingIncidentForm(forms.Form):
    incident_key = forms.UUIDField()


@login_required
@offline.offline_page
@submission_once
def violation_create_pending(request: HttpRequest) -> HttpResponse:
    """A violation on an incident that still waits on the boa's device (no connection).

    The page is the violation form without an incident; the device fills in the
    incident's submission key and sends the violation after the incident, and the
    server finds the incident the boa's submission with that key created."""
    require(request.user.can(C.INCIDENT_CREATE))
    if request.method == "POST":
        keys = _PendingIncidentForm(request.POST)
        incident = None
        if keys.is_valid():
            incident = submission_object(
                user=request.user, key=keys.cleaned_data["incident_key"], model=Incident
            )
            if incident is not None and not perms.can_view_incident(request.user, incident):
                incident = None
        if incident is None or not perms.can_create_violation(request.user, incident):
            message = _("De melding bij deze overtreding is niet (meer) op de server gevonden.")
            if offline.is_queued(request):
                return offline.refused(request, message=message)
            require(False)
        return _violation_create(request, incident)
    form = ViolationForm(
        initial={
            "committed_on": timezone.localdate(),
            "offender_kind": Offender.Kind.PERSON,
        }
    )
    return render(
        request,
        "enforcement/violations/create_pending.html",
        {"form": form, "needs_offender": True, "needs_amount": True, "company": False},
    )


@login_required
@require_POST
def violation_form_part(request: HttpRequest, incident_pk: int) -> HttpResponse:
    """htmx: the form body again for the choices made so far (proposal, needed fields)."""
    incident = _incident_for(request, incident_pk)
    form = _refreshed_form(request, incident)
    return render(
        request,
        "enforcement/violations/_form_body.html",
        _context(request, incident, form, request.POST),
    )


@login_required
def violation_offence_search(request: HttpRequest, incident_pk: int) -> HttpResponse:
    """htmx: the offence select narrowed to the catalogue entries matching the search."""
    incident = _incident_for(request, incident_pk)
    form = _form(request, incident, initial={"offence": _offence_search(request).value("offence")})
    return HttpResponse(str(form["offence"]))


# --- letter templates (functional admin) ------------------------------------------
