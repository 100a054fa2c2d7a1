"""Patrol logs, violations and reference data through the API, with the pages' filter
forms, selectors and permission functions (enforcement/views/)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts import privacy
from accounts.listing import valid_filters
from api.serializers.enforcement import (
    CategorySerializer,
    PatrolLogSerializer,
    ThemeSerializer,
    ViolationSerializer,
)
from api.views.common import filter_params, query_form, require
from enforcement import permissions
from enforcement.forms.patrols import PatrolFilterForm
from enforcement.forms.violations import ViolationFilterForm
from enforcement.models import Category, PatrolLog, Theme, Violation
from enforcement.selectors import patrols as patrol_selectors
from enforcement.selectors import violations as violation_selectors
from enforcement.services import violations as violation_services


def _query(names: tuple[str, ...]) -> list[OpenApiParameter]:
    return [OpenApiParameter(n, str, required=False) for n in names]


class PatrolLogList(GenericAPIView):
    serializer_class = PatrolLogSerializer
    queryset = PatrolLog.objects.none()

    @extend_schema(
        parameters=_query(("boa", "date_from", "date_to", "state", "area", "theme")),
        operation_id="diensten_lijst",
        responses=PatrolLogSerializer(many=True),
        summary="Diensten (binnen de bladergrens)",
    )
    def get(self, request):
        user = request.user
        require(permissions.can_list_patrol_logs(user))
        filters = valid_filters(query_form(PatrolFilterForm(filter_params(request), user=user)))
        qs = patrol_selectors.patrol_log_list(
            user=user,
            boa_id=filters["boa"].pk if filters.get("boa") else None,
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
            state=filters.get("state") or "",
            area_id=filters["area"].pk if filters.get("area") else None,
            theme_id=filters["theme"].pk if filters.get("theme") else None,
        )
        self.paginator.ordering = ("-started_at", "-id")
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(PatrolLogSerializer(page, many=True).data)


class PatrolLogDetail(GenericAPIView):
    serializer_class = PatrolLogSerializer
    queryset = PatrolLog.objects.none()

    @extend_schema(operation_id="dienst", summary="Dienst")
    def get(self, request, pk: int):
        log = patrol_selectors.patrol_log_detail(user=request.user, pk=pk)
        return Response(PatrolLogSerializer(log).data)


class ViolationList(GenericAPIView):
    serializer_class = ViolationSerializer
    queryset = Violation.objects.none()

    @extend_schema(
        parameters=_query(
            ("q", "person", "date_of_birth", "purpose", "intervention", "theme", "area")
            + ("date_from", "date_to", "mine")
        ),
        operation_id="overtredingen_lijst",
        responses=ViolationSerializer(many=True),
        summary="Overtredingen (binnen de bladergrens)",
    )
    def get(self, request):
        user = request.user
        require(permissions.can_list_violations(user))
        personal = permissions.can_view_personal_data(user)
        form = query_form(ViolationFilterForm(filter_params(request), personal_data=personal))
        filters = valid_filters(form)
        asked = {
            "q": filters.get("q") or "",
            "person": (filters.get("person") or "").strip(),
            "date_of_birth": filters.get("date_of_birth"),
        }
        purpose = filters.get("purpose") or ""
        qs = violation_selectors.violation_list(
            user=user,
            **asked,
            purpose=purpose,
            intervention_id=filters["intervention"].pk if filters.get("intervention") else None,
            theme_id=filters["theme"].pk if filters.get("theme") else None,
            area_id=filters["area"].pk if filters.get("area") else None,
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
            mine=bool(filters.get("mine")),
        )
        self.paginator.ordering = ("-committed_on", "-id")
        page = self.paginate_queryset(qs)
        reach = privacy.reach(violation_selectors.violation_search(user=user, **asked), purpose)
        privacy.reach_search_logged(
            reach,
            actor=user,
            object_type="enforcement.violation",
            found=page,
            request=request,
            extra={"api": True},
        )
        # The list never carries offender data; the detail does, logged per record.
        return self.get_paginated_response(ViolationSerializer(page, many=True).data)


class ViolationDetail(GenericAPIView):
    serializer_class = ViolationSerializer
    queryset = Violation.objects.none()

    @extend_schema(
        operation_id="overtreding", summary="Overtreding (met overtreder voor wie die mag zien)"
    )
    def get(self, request, pk: int):
        user = request.user
        with transaction.atomic():
            violation = violation_selectors.violation_detail(user=user, pk=pk)
            personal = permissions.can_view_personal_data(user)
            if personal:
                violation_services.violation_view_logged(
                    actor=user, violation=violation, request=request
                )
        return Response(ViolationSerializer(violation, context={"personal": personal}).data)


class ThemeList(GenericAPIView):
    serializer_class = ThemeSerializer
    queryset = Theme.objects.none()
    pagination_class = None

    @extend_schema(operation_id="themas", responses=ThemeSerializer(many=True), summary="Thema's")
    def get(self, request):
        require(permissions.can_list_incidents(request.user) or _registers(request.user))
        themes = Theme.objects.order_by("order", "name")
        return Response(ThemeSerializer(themes, many=True).data)


class CategoryList(GenericAPIView):
    serializer_class = CategorySerializer
    queryset = Category.objects.none()
    pagination_class = None

    @extend_schema(
        operation_id="categorieen", responses=CategorySerializer(many=True), summary="Categorieën"
    )
    def get(self, request):
        require(permissions.can_list_incidents(request.user) or _registers(request.user))
        categories = Category.objects.order_by("theme__order", "name")
        return Response(CategorySerializer(categories, many=True).data)


def _registers(user) -> bool:
    return permissions.can_create_incident(user) or permissions.can_manage_reference_data(user)
