"""What the API answers about cases and takes for their steps (output and request
shapes only; the rules are in cases.services and cases.permissions)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import ActionItem, Case, CaseStatus


class CaseSerializer(serializers.ModelSerializer):
    case_type_name = serializers.CharField(source="case_type.name", read_only=True)
    theme_name = serializers.CharField(
        source="theme.name", read_only=True, default=None, allow_null=True
    )
    area_name = serializers.CharField(
        source="area.name", read_only=True, default=None, allow_null=True
    )
    assignee_name = serializers.CharField(
        source="assignee.get_full_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "title",
            "status",
            "priority",
            "case_type",
            "case_type_name",
            "theme",
            "theme_name",
            "area",
            "area_name",
            "team",
            "assignee",
            "assignee_name",
            "due_date",
            "opened_at",
            "closed_at",
            "version",
        ]
        read_only_fields = fields


class ActionItemSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "description", "owner", "due_date", "done_at"]
        read_only_fields = fields

    def get_owner(self, obj) -> str:
        return str(obj.owner_user or obj.owner_organisation or "")


class CaseDetailSerializer(CaseSerializer):
    description = serializers.SerializerMethodField()
    action_items = serializers.SerializerMethodField()
    incidents = serializers.SerializerMethodField()
    next_statuses = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "description",
            "action_items",
            "incidents",
            "next_statuses",
        ]
        read_only_fields = fields

    def get_description(self, obj) -> str | None:
        return obj.description if self.context["detail"]["internals"] else None

    @extend_schema_field(ActionItemSerializer(many=True))
    def get_action_items(self, obj):
        return ActionItemSerializer(self.context["detail"]["action_items"], many=True).data

    def get_incidents(self, obj) -> list[int]:
        return [i.pk for i in self.context["detail"]["incidents"]]

    def get_next_statuses(self, obj) -> list[str]:
        return list(self.context.get("next_statuses", []))


class TransitionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    to_status = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
    confirm_open_items = serializers.BooleanField(required=False, default=False)


class AssignSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    assignee = serializers.IntegerField(required=False, allow_null=True)


class ActionItemCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=500)
    owner = serializers.CharField(
        help_text=_("u:<id> voor een persoon, o:<id> voor een organisatie")
    )
    due_date = serializers.DateField()
