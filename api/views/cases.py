"""Cases through the API: the page's filters, selectors, workflow, services and
permission functions (cases/views/cases.py). A partner sees only shared cases."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts import privacy
from api.errors import Conflict
from api.serializers.cases import (
    ActionItemCreateSerializer,
    ActionItemSerializer,
    AssignSerializer,
    CaseDetailSerializer,
    CaseSerializer,
    TransitionSerializer,
)
from api.views.common import filter_params, json_form_data, require, service_errors, valid
from api.views.idempotency import IDEMPOTENCY_PARAMETER, IdempotentCreate, once
from cases import permissions as perms
from cases import selectors, services
from cases.forms import ActionItemForm, AssignForm, TransitionForm, case_filters
from cases.models import ActionItem, Case
from cases.workflow import next_steps

CASE_FILTERS = [
    OpenApiParameter(n, str, required=False)
    for n in (
        "status",
        "case_type",
        "theme",
        "area",
        "assignee",
        "due",
        "shared_with",
        "q",
        "purpose",
        "opened_from",
        "opened_to",
        "closed_from",
        "closed_to",
        "open_on",
        "due_to",
    )
]


def _visible_case(user, pk: int) -> Case:
    case = (
        perms.cases_visible_to(user)
        .select_related("case_type", "theme", "area", "team", "assignee")
        .filter(pk=pk)
        .first()
    )
    require(case is not None)
    return case


def _detail(request, case: Case, *, code: int = 200) -> Response:
    detail = selectors.case_detail(user=request.user, case=case, request=request)
    steps = [s.to for s in next_steps(case.status)] if detail["can_change"] else []
    context = {"detail": detail, "next_statuses": steps}
    return Response(CaseDetailSerializer(case, context=context).data, status=code)


class CaseList(GenericAPIView):
    serializer_class = CaseSerializer
    queryset = Case.objects.none()

    @extend_schema(
        operation_id="zaken_lijst",
        parameters=CASE_FILTERS,
        responses=CaseSerializer(many=True),
        summary="Zaken (binnen de bladergrens)",
    )
    def get(self, request):
        user = request.user
        require(perms.can_list_cases(user))
        filters = case_filters(filter_params(request))
        qs = selectors.case_list(user=user, filters=filters).select_related("assignee")
        self.paginator.ordering = ("-opened_at", "-id")
        page = self.paginate_queryset(qs)
        privacy.reach_search_logged(
            filters.reach,
            actor=user,
            object_type="cases.case",
            found=page,
            request=request,
            extra={"api": True},
        )
        return self.get_paginated_response(CaseSerializer(page, many=True).data)


class CaseDetail(GenericAPIView):
    serializer_class = CaseDetailSerializer
    queryset = Case.objects.none()

    @extend_schema(operation_id="zaak", summary="Zaak")
    def get(self, request, pk: int):
        return _detail(request, _visible_case(request.user, pk))


class CaseTransition(GenericAPIView):
    serializer_class = CaseDetailSerializer
    queryset = Case.objects.none()

    @extend_schema(
        operation_id="zaak_fase",
        request=TransitionSerializer,
        summary="Zaak naar een volgende fase",
    )
    def post(self, request, pk: int):
        case = _visible_case(request.user, pk)
        require(perms.can_change_case(request.user, case))
        data = valid(TransitionForm(json_form_data(request.data)))
        try:
            with service_errors():
                case = services.case_transition(
                    actor=request.user,
                    case_id=case.pk,
                    to_status=data["to_status"],
                    reason=data["reason"],
                    expected_version=data["version"],
                    confirm_open_items=data["confirm_open_items"],
                )
        except services.OpenActionItems as exc:
            raise exceptions.ValidationError({"confirm_open_items": [str(exc)]}) from None
        except services.CaseConflict as exc:
            raise Conflict(str(exc)) from None
        return _detail(request, _visible_case(request.user, pk))


class CaseAssign(GenericAPIView):
    serializer_class = CaseDetailSerializer
    queryset = Case.objects.none()

    @extend_schema(
        operation_id="zaak_toewijzen", request=AssignSerializer, summary="Zaak toewijzen"
    )
    def post(self, request, pk: int):
        user = request.user
        case = _visible_case(user, pk)
        require(perms.can_assign_case(user, case))
        form = AssignForm(json_form_data(request.data), team_id=case.team_id or user.team_id)
        data = valid(form)
        try:
            with service_errors():
                services.case_assign(
                    actor=user,
                    case_id=case.pk,
                    assignee=data["assignee"],
                    team=user.team,
                    expected_version=data["version"],
                )
        except services.CaseConflict as exc:
            raise Conflict(str(exc)) from None
        return _detail(request, _visible_case(user, pk))


class ActionItemList(IdempotentCreate, GenericAPIView):
    serializer_class = ActionItemSerializer
    queryset = ActionItem.objects.none()
    pagination_class = None

    @extend_schema(
        operation_id="actiepunten",
        responses=ActionItemSerializer(many=True),
        summary="Actiepunten van een zaak",
    )
    def get(self, request, pk: int):
        case = _visible_case(request.user, pk)
        detail = selectors.case_detail(user=request.user, case=case, request=request)
        return Response(ActionItemSerializer(detail["action_items"], many=True).data)

    @extend_schema(
        request=ActionItemCreateSerializer,
        responses={201: ActionItemSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
        operation_id="actiepunt_toevoegen",
        summary="Actiepunt toevoegen",
    )
    def post(self, request, pk: int):
        case = _visible_case(request.user, pk)
        require(perms.can_change_case(request.user, case))

        def create():
            form = ActionItemForm(json_form_data(request.data), case=case)
            valid(form)
            owner_user, owner_org = form.owner_objects()
            with service_errors():
                item = services.action_item_create(
                    actor=request.user,
                    case=case,
                    description=form.cleaned_data["description"],
                    due_date=form.cleaned_data["due_date"],
                    owner_user=owner_user,
                    owner_organisation=owner_org,
                )
            return _item_created(item), item

        return once(request, create=create, replay=lambda item: _item_created(item, again=True))


def _item_created(item: ActionItem | None, *, again: bool = False) -> Response:
    require(item is not None)
    response = Response(ActionItemSerializer(item).data, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api:case_action_items", args=[item.case_id])
    if again:
        response["Idempotent-Replayed"] = "true"
    return response
