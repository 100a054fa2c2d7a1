"""Views of the warning-letter templates (functional admin): list, edit, preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.submissions import submission_once
from enforcement import letters
from enforcement import permissions as perms
from enforcement.forms.violations import (
    LetterTemplateForm,
)
from enforcement.models import (
    LetterTemplate,
)
from enforcement.services import violations as svc


def _require_reference_manager(user) -> None:
    require(perms.can_manage_reference_data(user))


@login_required
def letter_template_list(request: HttpRequest) -> HttpResponse:
    _require_reference_manager(request.user)
    return render(
        request,
        "enforcement/violations/letter_template_list.html",
        {"templates": LetterTemplate.objects.all()},
    )


@login_required
@submission_once
def letter_template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_reference_manager(request.user)
    instance = get_object_or_404(LetterTemplate, pk=pk) if pk else None
    form = LetterTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        svc.letter_template_save(actor=request.user, template=form.save(commit=False))
        messages.success(request, _("Briefsjabloon opgeslagen."))
        return redirect("enforcement:letter_template_list")
    return render(
        request,
        "enforcement/violations/letter_template_form.html",
        {"form": form, "instance": instance, "placeholders": letters.PLACEHOLDERS},
    )


@login_required
def letter_template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The template as PDF with made-up data (no personal data, so nothing to log)."""
    _require_reference_manager(request.user)
    template = get_object_or_404(LetterTemplate, pk=pk)
    response = HttpResponse(
        letters.letter_preview_pdf(template=template), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="voorbeeld-{template.code}.pdf"'
    return response
