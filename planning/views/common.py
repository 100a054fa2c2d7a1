from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, so what the user typed is kept."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
