"""Case views for what is added to a case: shares, action items, notes, documents, links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.models import PartnerOrganisation
from accounts.submissions import submission_once
from cases import permissions as perms
from cases import selectors, services
from cases.forms import (
    ActionItemForm,
    DocumentForm,
    LinkForm,
    NoteForm,
    ShareForm,
)
from cases.models import CaseDocument
from cases.views.cases.detail import _parse_refs, _rerender, _visible_case
from enforcement.permissions import (
    incidents_visible_to,
    violations_visible_to,
)


@login_required
@require_POST
def case_share(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_share_case(request.user, case))
    form = ShareForm(request.POST)
    if form.is_valid():
        services.case_share(
            actor=request.user,
            case_id=case.pk,
            partner_organisation=form.cleaned_data["partner_organisation"],
            include_personal_data=form.cleaned_data["include_personal_data"],
            request=request,
        )
        messages.success(
            request,
            _("Gedeeld met %(organisation)s.")
            % {"organisation": form.cleaned_data["partner_organisation"]},
        )
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, share_form=form)


@login_required
@require_POST
def case_unshare(request, pk: int, org_id: int):
    case = _visible_case(request, pk)
    require(perms.can_share_case(request.user, case))
    org = get_object_or_404(PartnerOrganisation, pk=org_id)
    services.case_unshare(
        actor=request.user, case_id=case.pk, partner_organisation=org, request=request
    )
    messages.success(request, _("Delen met %(organisation)s is beëindigd.") % {"organisation": org})
    return redirect("cases:detail", pk)


@login_required
@require_POST
@submission_once
def action_item_create(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = ActionItemForm(request.POST, case=case)
    if form.is_valid():
        owner_user, owner_org = form.owner_objects()
        try:
            services.action_item_create(
                actor=request.user,
                case=case,
                description=form.cleaned_data["description"],
                due_date=form.cleaned_data["due_date"],
                owner_user=owner_user,
                owner_organisation=owner_org,
            )
        except ValidationError as e:
            for field, errs in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("Actiepunt toegevoegd."))
            return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, action_form=form)


@login_required
@require_POST
def action_item_complete(request, item_id: int):
    item = get_object_or_404(perms.action_items_visible_to(request.user), pk=item_id)
    require(perms.can_complete_action_item(request.user, item))
    services.action_item_complete(actor=request.user, item_id=item.pk)
    messages.success(request, _("Actiepunt afgerond."))
    nxt = request.POST.get("next", "")
    return redirect(
        nxt if nxt.startswith("/") and not nxt.startswith("//") else "cases:my_action_items"
    )


@login_required
def my_action_items(request):
    require(perms.can_list_own_action_items(request.user))
    items = selectors.my_action_items(user=request.user, limit=200)
    return render(request, "cases/my_action_items.html", {"items": items})


@login_required
@require_POST
@submission_once
def note_create(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = NoteForm(request.POST)
    if form.is_valid():
        services.case_note_create(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Notitie toegevoegd."))
        return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, note_form=form)


@login_required
@require_POST
@submission_once
def document_upload(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                actor=request.user, case=case, upload=form.cleaned_data["file"]
            )
        except ValidationError as e:
            form.add_error("file", e)
        else:
            messages.success(request, _("Document toegevoegd."))
            return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, document_form=form)


@login_required
def document_download(request, pk: int, doc_id: int):
    case = _visible_case(request, pk)
    require(perms.can_view_case_internals(request.user, case))
    doc = get_object_or_404(CaseDocument, pk=doc_id, case=case)
    selectors.case_document_opened(user=request.user, case=case, document=doc, request=request)
    response = FileResponse(doc.file.open("rb"), content_type=doc.content_type)
    response["Content-Disposition"] = f'inline; filename="{doc.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@submission_once
def case_link(request, pk: int):
    case = _visible_case(request, pk)
    require(perms.can_change_case(request.user, case))
    form = LinkForm(request.POST)
    if form.is_valid():
        tokens = _parse_refs(form.cleaned_data["references"])
        # Only what the user may see: others' references answer "not found" as well.
        inc = dict(
            incidents_visible_to(request.user)
            .filter(reference__in=tokens)
            .values_list("reference", "pk")
        )
        vio = dict(
            violations_visible_to(request.user)
            .filter(reference__in=tokens)
            .values_list("reference", "pk")
        )
        unknown = [t for t in tokens if t not in inc and t not in vio]
        if unknown:
            form.add_error(
                "references", _("Niet gevonden: %(refs)s") % {"refs": ", ".join(unknown)}
            )
        else:
            try:
                services.case_link(
                    actor=request.user,
                    case=case,
                    incident_ids=inc.values(),
                    violation_ids=vio.values(),
                )
            except ValidationError as e:
                form.add_error("references", e)
            else:
                messages.success(request, _("Gekoppeld."))
                return redirect("cases:detail", pk)
    return _rerender(request, pk, 400, link_form=form)
