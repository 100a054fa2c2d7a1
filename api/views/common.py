"""What every API view shares: the page's form as validator, a service's refusals as
the API's answers, and the query parameters of the schema."""

from __future__ import annotations

from contextlib import contextmanager

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions

from api.errors import django_validation_detail


def require(allowed: bool) -> None:
    """The API's ``accounts.access.require``: what the caller may not see is a 404."""
    if not allowed:
        raise Http404


def filter_params(request):
    """The query parameters a list's filter form reads: all but the paginator's own."""
    params = request.query_params.copy()
    for name in ("cursor", "page_size"):
        params.pop(name, None)
    return params


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {
        ("algemeen" if field == "__all__" else field): [str(m) for m in messages]
        for field, messages in form.errors.items()
    }


def valid(form: forms.Form) -> dict:
    """The form's cleaned data, or a 400 naming the fields at fault."""
    if not form.is_valid():
        raise exceptions.ValidationError(form_errors(form))
    return form.cleaned_data


def query_form(form: forms.Form) -> forms.Form:
    """A GET filter form: unknown values are refused with their field names."""
    valid(form)
    return form


@contextmanager
def service_errors():
    """A service's PermissionDenied is a 404, its ValidationError a 400 with field names."""
    try:
        yield
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(django_validation_detail(exc)) from None


def json_form_data(data) -> dict:
    """A JSON body as a Django form's data: None stays empty, numbers become text."""
    if not isinstance(data, dict):
        raise exceptions.ValidationError({"algemeen": [_("Stuur een JSON-object.")]})
    return {k: ("" if v is None else v) for k, v in data.items()}


@csrf_exempt  # it changes nothing; a POST to no address is a 404, not a CSRF page
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in the API's error shape, not a page."""
    from django.http import JsonResponse
    from django.utils.translation import gettext as _

    from api.errors import error_body

    return JsonResponse(error_body("niet_gevonden", _("Niet gevonden.")), status=404)
