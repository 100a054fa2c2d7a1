"""Incidents through the API: the page's filter form and browse limit, its create form
and service, and its permission functions (enforcement/views/incidents.py)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts import privacy
from accounts.submissions import IDEMPOTENCY_HEADER
from api.serializers.enforcement import (
    IncidentCreateSerializer,
    IncidentDetailSerializer,
    IncidentSerializer,
)
from api.views.common import (
    filter_params,
    json_form_data,
    query_form,
    require,
    service_errors,
    valid,
)
from api.views.idempotency import IDEMPOTENCY_PARAMETER, IdempotentCreate, once
from enforcement import permissions
from enforcement.forms.incidents import IncidentFilterForm, IncidentForm
from enforcement.models import Incident
from enforcement.selectors import incident_reads
from enforcement.selectors import incidents as selectors
from enforcement.services import incidents as services

FILTERS = [
    OpenApiParameter(name, str, required=False, description=description)
    for name, description in (
        ("q", "Woorden, of een volledig kenmerk (gericht zoeken)"),
        ("address", "Volledig adres (gericht) of het begin van een adres"),
        ("purpose", "Doel van een gerichte zoekvraag naar oudere gegevens"),
        ("theme", "Thema-id"),
        ("area", "Gebied-id (met onderliggende buurten)"),
        ("status", "new, in_progress of closed"),
        ("source", "own, resident, police, partner of import"),
        ("date_from", "JJJJ-MM-DD"),
        ("date_to", "JJJJ-MM-DD (tot en met)"),
        ("scope", "mine of team"),
    )
]


class IncidentList(IdempotentCreate, GenericAPIView):
    serializer_class = IncidentSerializer

    def get_queryset(self):
        return Incident.objects.none()  # for the schema; the list comes from the selector

    @extend_schema(
        operation_id="meldingen_lijst",
        parameters=FILTERS,
        responses=IncidentSerializer(many=True),
        summary="Meldingen (binnen de bladergrens)",
    )
    def get(self, request):
        user = request.user
        require(permissions.can_list_incidents(user))
        form = query_form(IncidentFilterForm(filter_params(request)))
        filters = form.to_filter()
        qs = selectors.incident_list(user=user, filters=filters)
        self.paginator.ordering = ("-occurred_at", "-id")
        page = self.paginate_queryset(qs)
        privacy.reach_search_logged(
            filters.reach,
            actor=user,
            object_type="enforcement.incident",
            found=page,
            request=request,
            extra={"api": True},
        )
        return self.get_paginated_response(IncidentSerializer(page, many=True).data)

    @extend_schema(
        request=IncidentCreateSerializer,
        responses={201: IncidentDetailSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
        operation_id="melding_registreren",
        summary="Melding registreren",
    )
    def post(self, request):
        user = request.user
        require(permissions.can_create_incident(user))

        def create():
            form = IncidentForm(json_form_data(request.data), user=user)
            data = valid(form)
            with service_errors():
                incident = services.incident_create(
                    actor=user,
                    **form.incident_fields(),
                    reported_by=data.get("reported_by") if form.on_behalf else user,
                    request=request,
                )
            return _created(request, incident), incident

        return once(request, create=create, replay=lambda obj: _created(request, obj, again=True))


def _created(request, incident: Incident | None, *, again: bool = False) -> Response:
    if incident is None:  # the first record was removed since (retention)
        require(False)
    incident = _visible(request.user, incident.pk)
    body = IncidentDetailSerializer(incident, context={"personal": False}).data
    response = Response(body, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api:incident_detail", args=[incident.pk])
    if again:
        response["Idempotent-Replayed"] = "true"
    return response


def _visible(user, pk: int) -> Incident:
    incident = (
        permissions.incidents_visible_to(user)
        .select_related("theme", "category", "area")
        .filter(pk=pk)
        .first()
    )
    require(incident is not None)
    return incident


class IncidentDetail(GenericAPIView):
    serializer_class = IncidentDetailSerializer

    @extend_schema(operation_id="melding", summary="Melding")
    def get(self, request, pk: int):
        incident = _visible(request.user, pk)
        personal = incident_reads.incident_reporter_shown(
            user=request.user, incident=incident, request=request
        )
        body = IncidentDetailSerializer(incident, context={"personal": personal}).data
        return Response(body)


__all__ = ["IDEMPOTENCY_HEADER", "IncidentDetail", "IncidentList"]
