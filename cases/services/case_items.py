"""What is added to a case: action items, notes, documents and links to incidents and violations.

Each is one transaction and writes its timeline row there; none bumps the case version
(see docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.images import image_intake
from accounts.models import PartnerOrganisation, User
from accounts.services import notification_create
from cases import permissions as perms
from cases.models import (
    ActionItem,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNote,
)
from cases.services.cases import _event
from cases.uploads import check_upload
from enforcement.models import Incident, Violation
from enforcement.permissions import incidents_visible_to, violations_visible_to


@transaction.atomic
def action_item_create(
    *,
    actor: User,
    case: Case,
    description: str,
    due_date: dt.date,
    owner_user: User | None = None,
    owner_organisation: PartnerOrganisation | None = None,
    briefing=None,
) -> ActionItem:
    if not perms.can_change_case(actor, case) and not (
        briefing is not None and perms.can_run_briefing(actor, briefing)
    ):
        raise PermissionDenied
    errors = {}
    if not description.strip():
        errors["description"] = "Beschrijf de actie."
    if (owner_user is None) == (owner_organisation is None):
        errors["owner"] = "Kies één eigenaar: een persoon of een partnerorganisatie."
    elif not perms.owner_allowed_for_case(
        case=case, owner_user=owner_user, owner_organisation=owner_organisation
    ):
        errors["owner"] = (
            f"{owner_user or owner_organisation} valt buiten de deling van deze zaak: "
            "deel de zaak eerst met de organisatie."
        )
    if due_date < timezone.localdate():
        errors["due_date"] = "De datum ligt in het verleden."
    if errors:
        raise ValidationError(errors)
    item = ActionItem.objects.create(
        case=case,
        description=description.strip(),
        owner_user=owner_user,
        owner_organisation=owner_organisation,
        due_date=due_date,
        briefing=briefing,
        created_by=actor,
    )
    _event(
        case,
        actor,
        CaseEvent.Kind.ACTION_ITEM,
        f"Actiepunt voor {item.owner}: {item.description} (uiterlijk {due_date:%d-%m-%Y})",
        partners=owner_organisation is not None
        or owner_user is not None
        and owner_user.partner_organisation_id is not None,
        action_item=item.pk,
    )
    if owner_user is not None and owner_user.pk != actor.pk:
        notification_create(
            user=owner_user,
            message=lambda: (
                _("Nieuw actiepunt voor u bij %(case)s: %(item)s")
                % {"case": case.reference, "item": item.description}
            ),
            url=reverse("cases:my_action_items"),
        )
    return item


@transaction.atomic
def action_item_complete(*, actor: User, item_id: int) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("case").get(pk=item_id)
    if not perms.can_complete_action_item(actor, item):
        raise PermissionDenied
    if item.done_at is not None:
        return item
    item.done_at = timezone.now()
    item.done_by = actor
    item.save(update_fields=["done_at", "done_by"])
    _event(
        item.case,
        actor,
        CaseEvent.Kind.ACTION_ITEM,
        f"Actiepunt afgerond: {item.description}",
        partners=True,
        action_item=item.pk,
    )
    return item


@transaction.atomic
def case_note_create(
    *, actor: User, case: Case, text: str, visible_to_partners: bool = False
) -> CaseNote:
    if not perms.can_change_case(actor, case):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("De notitie is leeg.")})
    note = CaseNote.objects.create(
        case=case, author=actor, text=text.strip(), visible_to_partners=visible_to_partners
    )
    _event(
        case,
        actor,
        CaseEvent.Kind.NOTE,
        "Notitie toegevoegd" + (" (zichtbaar voor partners)" if visible_to_partners else ""),
        partners=visible_to_partners,
        note=note.pk,
    )
    return note


@transaction.atomic
def document_upload(*, actor: User, case: Case, upload) -> CaseDocument:
    if not perms.can_change_case(actor, case):
        raise PermissionDenied
    content_type = check_upload(upload)
    original = os.path.basename(upload.name)[:200]
    if content_type == "application/pdf":
        stored, name, size = upload, f"{uuid.uuid4().hex}.pdf", upload.size
    else:
        # Photos go through the one image intake: no bombs, no GPS or other metadata.
        image = image_intake(upload, label=_("Het bestand '%(name)s'") % {"name": upload.name})
        content_type, name = image.content_type, image.name
        stored, size = ContentFile(image.content), len(image.content)
        if original:
            original = f"{os.path.splitext(original)[0]}.{name.rsplit('.', 1)[1]}"[:200]
    original = original or f"document.{name.rsplit('.', 1)[1]}"
    doc = CaseDocument(
        case=case,
        filename=original,
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    doc.file.save(name, stored, save=False)
    doc.save()
    _event(
        case, actor, CaseEvent.Kind.DOCUMENT, f"Document toegevoegd: {original}", document=doc.pk
    )
    return doc


@transaction.atomic
def case_link(
    *, actor: User, case: Case, incident_ids: Iterable[int] = (), violation_ids: Iterable[int] = ()
) -> None:
    if not perms.can_change_case(actor, case):
        raise PermissionDenied
    incident_ids, violation_ids = set(incident_ids), set(violation_ids)
    incidents = list(incidents_visible_to(actor, Incident.objects.filter(pk__in=incident_ids)))
    violations = list(violations_visible_to(actor, Violation.objects.filter(pk__in=violation_ids)))
    if len(incidents) != len(incident_ids) or len(violations) != len(violation_ids):
        raise ValidationError(_("Een of meer meldingen of overtredingen zijn niet gevonden."))
    violations += list(
        violations_visible_to(actor, Violation.objects.filter(incident__in=incidents)).exclude(
            pk__in=[v.pk for v in violations]
        )
    )
    case.incidents.add(*incidents)
    case.violations.add(*violations)
    refs = [i.reference for i in incidents] + [v.reference for v in violations]
    if refs:
        _event(case, actor, CaseEvent.Kind.LINKED, "Gekoppeld: " + ", ".join(refs))
