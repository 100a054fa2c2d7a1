"""Privacy (Wpg) pages: retention preview, run log and legal holds; the yearly audit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.decorators import capability_required
from accounts.roles import Capability
from accounts.submissions import submission_once
from privacy import permissions, services
from privacy.forms import (
    AuditRequestForm,
    AuditSignForm,
    LegalHoldForm,
    LiftHoldForm,
    PrivacyOfficerForm,
)
from privacy.models import LegalHold, PrivacyAudit, PrivacyOfficer, RetentionRun
from privacy.retention import KINDS, retention_preview


def _retention_context(hold_form=None):
    preview = retention_preview()
    runs = list(RetentionRun.objects.select_related("actor")[:50])
    return {
        "preview": [(KINDS[kind], count) for kind, count in preview.items()],
        "preview_total": sum(preview.values()),
        "kinds": list(KINDS.items()),
        "runs": [(run, [run.counts.get(kind, 0) for kind in KINDS]) for run in runs],
        "holds": LegalHold.objects.select_related("case", "placed_by", "lifted_by")[:200],
        "hold_form": hold_form or LegalHoldForm(),
        "lift_form": LiftHoldForm(),
    }


@capability_required(Capability.RETENTION_MANAGE)
def retention(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/retention.html", _retention_context())


@require_POST
@capability_required(Capability.RETENTION_MANAGE)
@submission_once
def hold_place(request: HttpRequest) -> HttpResponse:
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        try:
            services.legal_hold_place(
                actor=request.user,
                case=form.cleaned_data["case"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error("case_reference" if field == "case" else field, errors)
        else:
            messages.success(request, _("De bewaarplicht is vastgelegd."))
            return redirect("privacy:retention")
    return render(request, "privacy/retention.html", _retention_context(form), status=400)


@require_POST
@capability_required(Capability.RETENTION_MANAGE)
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(LegalHold, pk=pk, lifted_at__isnull=True)
    form = LiftHoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de reden van het opheffen."))
        return redirect("privacy:retention")
    services.legal_hold_lift(
        actor=request.user, hold_id=hold.pk, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("De bewaarplicht is opgeheven."))
    return redirect("privacy:retention")


# --- the yearly audit -------------------------------------------------------------


def _audit_guard(request):
    require(permissions.can_view_audits(request.user))


@login_required
@submission_once
def audits(request: HttpRequest) -> HttpResponse:
    _audit_guard(request)
    form = AuditRequestForm(request.POST or None)
    if request.method == "POST":
        require(permissions.can_build_audit(request.user))
        if form.is_valid():
            from privacy.audit import audit_request

            audit_request(actor=request.user, year=form.cleaned_data["year"])
            messages.success(
                request, _("De audit wordt gemaakt; ververs de pagina over een minuut.")
            )
            return redirect("privacy:audits")
    return render(
        request,
        "privacy/audits.html",
        {
            "form": form,
            "audits": PrivacyAudit.objects.select_related("requested_by", "signed_by")[:50],
            "can_build": permissions.can_build_audit(request.user),
            "officers": PrivacyOfficer.objects.select_related("user"),
            "officer_form": PrivacyOfficerForm()
            if permissions.can_build_audit(request.user)
            else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _audit_guard(request)
    audit = get_object_or_404(PrivacyAudit, pk=pk)
    form = AuditSignForm(request.POST or None, initial={"improvement_plan": audit.improvement_plan})
    if request.method == "POST":
        require(permissions.can_sign_audit(request.user, audit))
        if form.is_valid():
            from privacy.audit import audit_sign

            audit_sign(
                actor=request.user,
                audit_id=audit.pk,
                improvement_plan=form.cleaned_data["improvement_plan"],
            )
            messages.success(request, _("De audit is afgetekend en vastgelegd."))
            return redirect("privacy:audit_detail", pk=audit.pk)
    return render(
        request,
        "privacy/audit_detail.html",
        {
            "audit": audit,
            "data": audit.data,
            "form": form,
            "can_sign": permissions.can_sign_audit(request.user, audit),
        },
    )


@login_required
def audit_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _audit_guard(request)
    audit = get_object_or_404(PrivacyAudit, pk=pk)
    field = {"pdf": audit.pdf, "xlsx": audit.xlsx}.get(fmt)
    require(field)
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=f"wpg-audit-{audit.year}.{fmt}"
    )


@require_POST
@capability_required(Capability.USERS_MANAGE)
def officer_designate(request: HttpRequest) -> HttpResponse:
    form = PrivacyOfficerForm(request.POST)
    if form.is_valid():
        services.privacy_officer_designate(actor=request.user, user=form.cleaned_data["user"])
        messages.success(
            request,
            _("%(user)s is aangewezen als privacy officer.") % {"user": form.cleaned_data["user"]},
        )
    else:
        messages.error(request, _("Kies een actieve gebruiker die geen functioneel beheerder is."))
    return redirect("privacy:audits")
