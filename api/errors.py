"""One error shape for every API answer that is not a success (docs/api.md, "Fouten").

    {"fout": {"code": "niet_gevonden", "melding": "…", "velden": {"veld": ["…"]}}}

``velden`` is there only for validation errors and names the fields at fault, as the
service or the serializer named them; ``algemeen`` holds what no field owns.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

GENERAL = "algemeen"


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [m for v in value.values() for m in _messages(v)]
    if isinstance(value, list):
        return [m for v in value for m in _messages(v)]
    return [str(value)]


def _fields(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            (GENERAL if key in ("non_field_errors", "__all__") else key): _messages(value)
            for key, value in detail.items()
        }
    return {GENERAL: _messages(detail)}


def django_validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as field → messages (``algemeen`` without a field)."""
    if hasattr(exc, "error_dict"):
        return {
            (GENERAL if k == "__all__" else k): [m for e in v for m in e.messages]
            for k, v in exc.error_dict.items()
        }
    return {GENERAL: list(exc.messages)}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"code": code, "melding": message}
    if fields:
        body["velden"] = fields
    return {"fout": body}


class KeyReused(exceptions.APIException):
    status_code = 422
    error_code = "sleutel_al_gebruikt"
    default_detail = "Deze Idempotency-Key is al gebruikt door een ander systeem of account."


class Conflict(exceptions.APIException):
    status_code = 409
    error_code = "conflict"
    default_detail = "Iemand anders heeft dit intussen gewijzigd; haal het opnieuw op."


def _translate(exc):
    """(status, code, message, fields) for the exceptions the API knows."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_validation_detail(exc))
    if isinstance(exc, (Http404, exceptions.NotFound, PermissionDenied)):
        # What the caller may not see does not exist for them (docs/architecture.md).
        return 404, "niet_gevonden", _("Niet gevonden."), None
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        # The web session writes with its CSRF token, as every form of the application.
        return (
            403,
            "csrf",
            _("Het CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw."),
            None,
        )
    if isinstance(exc, exceptions.PermissionDenied):
        return 404, "niet_gevonden", _("Niet gevonden."), None
    if isinstance(exc, exceptions.ValidationError):
        return 400, "ongeldig", _("De gegevens zijn niet geldig."), _fields(exc.detail)
    if isinstance(exc, exceptions.NotAuthenticated):
        return 401, "niet_aangemeld", _("Geef een geldige API-sleutel mee."), None
    if isinstance(exc, exceptions.AuthenticationFailed):
        return 401, "sleutel_ongeldig", str(exc.detail), None
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        message = _("Te veel verzoeken met deze sleutel; probeer het over %(s)s seconden opnieuw.")
        return 429, "te_veel_verzoeken", message % {"s": wait}, None
    if isinstance(exc, exceptions.MethodNotAllowed):
        return 405, "methode_niet_toegestaan", _("Deze methode is hier niet toegestaan."), None
    if isinstance(exc, exceptions.NotAcceptable):
        return 406, "niet_aanvaardbaar", _("Dit antwoordformaat wordt niet geleverd."), None
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return 415, "formaat_niet_ondersteund", _("Stuur de gegevens als JSON."), None
    if isinstance(exc, exceptions.ParseError):
        return 400, "onleesbaar", _("De gegevens zijn geen geldige JSON."), None
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, getattr(exc, "error_code", "fout"), str(exc.detail), None
    return None


def exception_handler(exc, context):
    translated = _translate(exc)
    if translated is None:
        return drf_exception_handler(exc, context)
    code, name, message, fields = translated
    response = Response(error_body(name, message, fields), status=code)
    if code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    if isinstance(exc, exceptions.Throttled) and exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response
