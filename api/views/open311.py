"""Open311 GeoReport v2 at /open311/v2/ (api/open311.py has the mapping): discovery,
services, service definitions, POST requests (an incident through the incident form
and service, with the api_key of a system token) and GET requests, in JSON and XML."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services.tokens import TokenRefused, api_token_authenticate
from api import open311
from api.renderers import Open311JSONRenderer, Open311XMLRenderer
from api.views.common import form_errors, json_form_data
from api.views.idempotency import IdempotentCreate, once
from enforcement import permissions
from enforcement.forms.incidents import IncidentForm
from enforcement.models import Incident
from enforcement.services import incidents as services


class ApiKeyAuthentication:
    """Open311's ``api_key`` parameter: the key of a system token (accounts.services.tokens)."""

    def authenticate(self, request):
        key = request.data.get("api_key") if request.method == "POST" else None
        key = key or request.query_params.get("api_key")
        if not key:
            return None
        try:
            token = api_token_authenticate(key)
        except TokenRefused as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from None
        return token.user, token

    def authenticate_header(self, request):
        return None


@extend_schema(exclude=True)
class Open311View(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [AllowAny]
    renderer_classes = [Open311JSONRenderer, Open311XMLRenderer]
    parser_classes = [parsers.FormParser, parsers.MultiPartParser, parsers.JSONParser]
    root, item = "", ""

    def answer(self, data, code: int = 200, *, root=None, item=None) -> Response:
        response = Response(data, status=code)
        response.xml_names = (root or self.root, item if item is not None else self.item)
        return response

    def handle_exception(self, exc):
        """Errors as the standard writes them: a list of {code, description}."""
        if isinstance(exc, Http404 | exceptions.NotFound):
            code, text = 404, "Niet gevonden."
        elif isinstance(exc, exceptions.AuthenticationFailed | exceptions.NotAuthenticated):
            code = status.HTTP_403_FORBIDDEN  # the standard's answer to a missing or bad api_key
            text = (
                str(exc.detail)
                if isinstance(exc, exceptions.AuthenticationFailed)
                else ("Geef een geldige api_key mee.")
            )
        elif isinstance(exc, exceptions.PermissionDenied):
            code, text = status.HTTP_403_FORBIDDEN, "Deze api_key mag geen meldingen indienen."
        elif isinstance(exc, exceptions.Throttled):
            code, text = 429, "Te veel verzoeken; probeer het later opnieuw."
        elif isinstance(exc, exceptions.ValidationError):
            code, text = 400, _flatten(exc.detail)
        elif isinstance(exc, exceptions.APIException):
            code, text = exc.status_code, str(exc.detail)
        else:
            raise exc
        self.headers = {}
        return self.answer([{"code": code, "description": text}], code, root="errors", item="error")


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return " ".join(f"{k}: {_flatten(v)}" for k, v in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(v) for v in detail)
    return str(detail)


class Discovery(Open311View):
    root, item = "discovery", None

    def get(self, request, format=None):
        base = request.build_absolute_uri(reverse("open311:root"))
        return self.answer(
            {
                "changeset": "2026-12-01T00:00:00Z",
                "contact": f"{settings.MUNICIPALITY_NAME}, Handhaving OOV",
                "key_service": "Een api_key vraagt u aan bij de functioneel beheerder.",
                "endpoints": [
                    {
                        "specification": "http://wiki.open311.org/GeoReport_v2",
                        "url": base.rstrip("/"),
                        "changeset": "2026-12-01T00:00:00Z",
                        "type": "production",
                        "formats": ["application/json", "text/xml"],
                    }
                ],
            }
        )


class Services(Open311View):
    root, item = "services", "service"

    def get(self, request, format=None):
        return self.answer(open311.services())


class ServiceDefinition(Open311View):
    root, item = "service_definition", None

    def get(self, request, code: str, format=None):
        if open311.service_for(code) is None:
            raise Http404
        return self.answer(open311.definition(code))


class _RequestsQuery(forms.Form):
    service_request_id = forms.CharField(required=False, max_length=2000)
    service_code = forms.CharField(required=False, max_length=2000)
    start_date = forms.DateTimeField(required=False)
    end_date = forms.DateTimeField(required=False)
    status = forms.CharField(required=False, max_length=20)

    def clean_status(self):
        values = [v.strip() for v in self.cleaned_data["status"].split(",") if v.strip()]
        if any(v not in open311.STATUSES for v in values):
            raise forms.ValidationError(_("Gebruik open of closed."))
        return values


def _datetime(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


class Requests(IdempotentCreate, Open311View):
    root, item = "service_requests", "request"

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

    def get(self, request, format=None):
        query = _RequestsQuery(request.query_params)
        if not query.is_valid():
            raise exceptions.ValidationError(form_errors(query))
        data = query.cleaned_data
        qs = open311.requests_visible()
        ids = [v.strip() for v in data["service_request_id"].split(",") if v.strip()]
        if ids:  # the standard: this overrides every other parameter
            qs = qs.filter(reference__in=ids[: open311.MAX_REQUESTS])
        else:
            try:
                start, end = open311.window(
                    _datetime(data["start_date"]), _datetime(data["end_date"])
                )
            except ValueError as exc:
                raise exceptions.ValidationError({"start_date": [str(exc)]}) from None
            qs = qs.filter(reported_at__gte=start, reported_at__lte=end)
            codes = [c.strip() for c in data["service_code"].split(",") if c.strip()]
            if codes:
                found = [s for s in map(open311.service_for, codes) if s is not None]
                theme_ids = [t.pk for t, c in found if c is None]
                category_ids = [c.pk for _t, c in found if c is not None]
                qs = qs.filter(theme_id__in=theme_ids) | qs.filter(category_id__in=category_ids)
            if data["status"]:
                wanted = [s for v in data["status"] for s in open311.STATUSES[v]]
                qs = qs.filter(status__in=wanted)
        rows = qs.order_by("-reported_at", "-id")[: open311.MAX_REQUESTS]
        return self.answer([open311.request_answer(i) for i in rows])

    def post(self, request, format=None):
        """Once per Idempotency-Key, as the REST API's creates (docs/api.md)."""
        return once(request, create=lambda: self._create(request), replay=self._created)

    def _created(self, incident: Incident | None) -> Response:
        if incident is None:
            raise Http404
        answer = {
            "service_request_id": incident.reference,
            "service_notice": f"Uw melding is geregistreerd als {incident.reference}.",
            "account_id": None,
        }
        return self.answer([answer], status.HTTP_201_CREATED)

    def _create(self, request):
        user = request.user
        if not permissions.can_create_incident(user):
            raise exceptions.PermissionDenied
        data = request.data
        found = open311.service_for(data.get("service_code", ""))
        if found is None:
            raise exceptions.ValidationError({"service_code": [_("Onbekende service_code.")]})
        source = open311.source_from(data.get(f"attribute[{open311.ATTRIBUTE_SOURCE}]", ""))
        if source is None:
            raise exceptions.ValidationError({"bron": [_("Gebruik resident of partner.")]})
        theme, category = found
        name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        contact = " ".join(p for p in (data.get("email"), data.get("phone")) if p)
        form = IncidentForm(
            json_form_data(
                {
                    "theme": theme.pk,
                    "category": category.pk if category else "",
                    "latitude": data.get("lat", ""),
                    "longitude": data.get("long", ""),
                    "address": data.get("address_string", ""),
                    "description": data.get("description", ""),
                    "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M:%S"),
                    "priority": Incident.Priority.NORMAL,
                    "source": source,
                    "reporter_name": name[:200],
                    "reporter_contact": contact[:200],
                }
            ),
            user=user,
        )
        if not form.is_valid():
            errors = form_errors(form)
            for ours, theirs in (
                ("latitude", "lat"),
                ("longitude", "long"),
                ("address", "address_string"),
            ):
                if ours in errors:
                    errors[theirs] = errors.pop(ours)
            raise exceptions.ValidationError(errors)
        try:
            # The form was given ``source`` and accepted it: its cleaned source is the same.
            incident = services.incident_create(
                actor=user,
                **form.incident_fields(),
                reported_by=None if form.on_behalf else user,
                request=request,
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied from None
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.messages) from None
        return self._created(incident), incident


class RequestDetail(Requests):
    def get(self, request, reference: str, format=None):
        incident = open311.requests_visible().filter(reference=reference).first()
        if incident is None:
            raise Http404
        return self.answer([open311.request_answer(incident)])

    def post(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")
