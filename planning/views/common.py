from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render


def refused(request, message: str, status: int = 403):
    """Visible but not allowed: say so, in Dutch, with a way back."""
    return render(request, "planning/refused.html", {"message": message}, status=status)


def require(condition: bool) -> None:
    """A section this user has no part in at all: it does not exist for them."""
    if not condition:
        raise Http404


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, so what the user typed is kept."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
