"""Violation services for warning letters: the letter templates and logging a letter download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from accounts.models import AccessLogEntry, User
from accounts.services import access_log_record
from enforcement import letters
from enforcement import permissions as perms
from enforcement.models import (
    LetterTemplate,
    Violation,
)


def violation_letter_logged(
    *, actor: User, violation: Violation, template: LetterTemplate, request=None
) -> None:
    """Log the download of a warning letter (it holds the offender's name and address)."""
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.EXPORT,
        obj=violation,
        detail={"letter": template.code, "offender": violation.offender_id},
        request=request,
    )


@transaction.atomic
def letter_template_save(*, actor: User, template: LetterTemplate) -> LetterTemplate:
    """Create or change a letter template (functional admin); only known placeholders."""
    if not perms.can_manage_reference_data(actor):
        raise PermissionDenied
    for text in (template.subject, template.body):
        try:
            letters.check_template_text(text)
        except letters.LetterTemplateError as exc:
            raise ValidationError(str(exc)) from exc
    if not template.code:
        base = slugify(template.name)[:30] or "brief"
        code, n = base, 1
        while LetterTemplate.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        template.code = code
    template.updated_by = actor
    template.save()
    return template
