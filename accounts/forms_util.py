"""The one way a service's refusal reaches a form (see docs/architecture.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def apply_errors(form, exc: Exception) -> None:
    """Put a service's error on ``form``, so the page shows it next to what the user typed.

    A ``ValidationError`` goes on the field it names when the form has that field, else
    it is a non-field error. Any other refusal of a service (``AccountError``, a
    ``PermissionDenied`` with a Dutch message) is a non-field error with its message.
    """
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            for message in exc.messages:
                form.add_error(None, message)
        return
    form.add_error(None, str(exc) or _("Niet toegestaan."))
