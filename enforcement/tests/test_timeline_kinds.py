"""Timeline kinds are an enum: the data migration maps the strings stored before."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from enforcement.models import IncidentEvent, PatrolLogEvent
from enforcement.tests.factories import IncidentFactory, PatrolLogFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("enforcement.migrations.0013_timeline_kind_strings_to_enum")


class _Editor:
    connection = connection


def test_the_migration_keeps_enum_values_normalises_variants_and_parks_the_rest(boa):
    incident = IncidentFactory(registered_by=boa)
    log = PatrolLogFactory(boa=boa)
    rows = {
        "created": IncidentEvent.objects.create(incident=incident, kind="created", message="a"),
        "Photos-Added": IncidentEvent.objects.create(incident=incident, kind="Photos-Added"),
        "escalated": IncidentEvent.objects.create(
            incident=incident, kind="escalated", data={"x": 1}
        ),
        " Ended ": PatrolLogEvent.objects.create(patrol_log=log, kind=" Ended "),
        "paused": PatrolLogEvent.objects.create(patrol_log=log, kind="paused"),
    }
    migration.forwards(apps, _Editor())
    after = {
        old: (type(r).objects.get(pk=r.pk).kind, type(r).objects.get(pk=r.pk).data)
        for old, r in rows.items()
    }
    assert after == {
        "created": ("created", {}),
        "Photos-Added": ("photos_added", {}),
        "escalated": ("other", {"x": 1, "kind_before": "escalated"}),
        " Ended ": ("ended", {}),
        "paused": ("other", {"kind_before": "paused"}),
    }
    for model in (IncidentEvent, PatrolLogEvent):
        assert set(model.objects.values_list("kind", flat=True)) <= set(model.Kind.values)

    migration.backwards(apps, _Editor())
    assert IncidentEvent.objects.get(pk=rows["escalated"].pk).kind == "escalated"
    assert PatrolLogEvent.objects.get(pk=rows["paused"].pk).data == {}


def test_services_write_the_enum(boa):
    from enforcement.services.incidents import incident_status_change

    incident = IncidentFactory(registered_by=boa, status="new")
    incident_status_change(actor=boa, incident=incident, status="in_progress")
    event = incident.events.get(kind=IncidentEvent.Kind.STATUS)
    assert event.get_kind_display() == "Status"
