"""Published council-report figures: the only part of the API a council member's token
reaches (reports.permissions); the numbers as the open-data files give them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.serializers.reports import ReportFiguresSerializer, ReportSerializer
from api.views.common import require
from reports import opendata, permissions, renderers
from reports.models import CouncilReport


def _fields(report: CouncilReport) -> dict:
    return {
        "id": report.pk,
        "period": report.period,
        "version": report.version,
        "published_at": report.published_at,
        "threshold": report.threshold,
    }


class ReportList(GenericAPIView):
    serializer_class = ReportSerializer
    queryset = CouncilReport.objects.none()

    @extend_schema(
        operation_id="raadsrapportages",
        responses=ReportSerializer(many=True),
        summary="Gepubliceerde raadsrapportages",
    )
    def get(self, request):
        require(permissions.can_read_published_reports(request.user))
        qs = permissions.published_reports_visible_to(request.user).only(
            "pk", "period", "version", "published_at", "threshold"
        )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response([_fields(r) for r in page])


class ReportFigures(GenericAPIView):
    serializer_class = ReportFiguresSerializer
    queryset = CouncilReport.objects.none()

    @extend_schema(
        operation_id="raadsrapportage_cijfers",
        summary="Cijfers van een gepubliceerde raadsrapportage",
    )
    def get(self, request, pk: int):
        require(permissions.can_read_published_reports(request.user))
        report = permissions.published_reports_visible_to(request.user).filter(pk=pk).first()
        require(report is not None)
        rows = opendata.open_data_rows(renderers.full_tables(report))
        return Response({**_fields(report), "figures": rows})
