from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField()
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    threshold = serializers.IntegerField(help_text=_("Aantallen hieronder zijn onderdrukt."))


class FigureSerializer(serializers.Serializer):
    """One number of the open-data rows (reports.opendata), small counts suppressed."""

    periode = serializers.CharField()
    maatstaf = serializers.CharField()
    thema = serializers.CharField()
    gebied = serializers.CharField()
    categorie = serializers.CharField()
    waarde = serializers.FloatField(allow_null=True)
    onderdrukt = serializers.BooleanField()


class ReportFiguresSerializer(ReportSerializer):
    figures = FigureSerializer(many=True)
