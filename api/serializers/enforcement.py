"""What the API answers about registration records. Output only: serializers hold no
rules; what a caller may see is decided by the selectors and permission functions,
and a view passes ``personal`` only when the caller may read personal data."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enforcement.models import Category, Incident, PatrolLog, Theme, Violation


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "code", "name", "active"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "theme", "name", "active"]


class IncidentSerializer(serializers.ModelSerializer):
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    category_name = serializers.CharField(
        source="category.name", read_only=True, default=None, allow_null=True
    )
    area_name = serializers.CharField(
        source="area.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Incident
        fields = [
            "id",
            "reference",
            "source",
            "status",
            "priority",
            "theme",
            "theme_name",
            "category",
            "category_name",
            "occurred_at",
            "reported_at",
            "address",
            "latitude",
            "longitude",
            "area",
            "area_name",
            "description",
        ]
        read_only_fields = fields


class IncidentDetailSerializer(IncidentSerializer):
    """The detail adds the reporter, as ``null`` for a caller who may not read it."""

    reporter_name = serializers.SerializerMethodField()
    reporter_contact = serializers.SerializerMethodField()

    class Meta(IncidentSerializer.Meta):
        fields = [*IncidentSerializer.Meta.fields, "reporter_name", "reporter_contact"]
        read_only_fields = fields

    def _personal(self, obj, field) -> str | None:
        return getattr(obj, field) if self.context.get("personal") else None

    def get_reporter_name(self, obj) -> str | None:
        return self._personal(obj, "reporter_name")

    def get_reporter_contact(self, obj) -> str | None:
        return self._personal(obj, "reporter_contact")


class IncidentCreateSerializer(serializers.Serializer):
    """The request body of a new incident: the fields of the page's incident form."""

    theme = serializers.IntegerField()
    category = serializers.IntegerField(required=False, allow_null=True)
    occurred_at = serializers.DateTimeField()
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)
    latitude = serializers.FloatField(required=False, allow_null=True)
    longitude = serializers.FloatField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    priority = serializers.ChoiceField(choices=Incident.Priority.choices)
    source = serializers.ChoiceField(choices=Incident.Source.choices)
    reporter_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reporter_contact = serializers.CharField(required=False, allow_blank=True, max_length=200)


class PatrolLogSerializer(serializers.ModelSerializer):
    boa_name = serializers.CharField(source="boa.get_full_name", read_only=True)
    team_name = serializers.CharField(
        source="team.name", read_only=True, default=None, allow_null=True
    )
    areas = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = PatrolLog
        fields = [
            "id",
            "boa",
            "boa_name",
            "team",
            "team_name",
            "areas",
            "mode",
            "joint_with_police",
            "started_at",
            "ended_at",
        ]
        read_only_fields = fields


class OffenderSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    address = serializers.CharField()
    coc_number = serializers.CharField()


class ViolationSerializer(serializers.ModelSerializer):
    offence_code = serializers.CharField(source="offence.code", read_only=True)
    offence_description = serializers.CharField(source="offence.description", read_only=True)
    intervention_name = serializers.CharField(source="intervention.name", read_only=True)
    incident_reference = serializers.CharField(source="incident.reference", read_only=True)
    offender = serializers.SerializerMethodField()

    class Meta:
        model = Violation
        fields = [
            "id",
            "reference",
            "incident",
            "incident_reference",
            "offence",
            "offence_code",
            "offence_description",
            "intervention",
            "intervention_name",
            "consequence",
            "amount",
            "committed_on",
            "offender",
        ]
        read_only_fields = fields

    @extend_schema_field(OffenderSerializer(allow_null=True))
    def get_offender(self, obj):
        if not self.context.get("personal") or obj.offender_id is None:
            return None
        return OffenderSerializer(obj.offender).data
