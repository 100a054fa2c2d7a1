"""Case and incident services publish domain events (accounts.events) in their own transaction."""

import pytest
from django.db import transaction

from accounts import events
from accounts.models import OutboundEvent, QueuedTask
from accounts.roles import Role
from cases import services
from enforcement.models import Incident
from enforcement.services.incidents import incident_create, incident_status_change
from enforcement.tests.factories import CaseTypeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _kinds():
    return list(OutboundEvent.objects.order_by("id").values_list("kind", flat=True))


def test_incident_services_publish_created_status_and_handled(boa):
    theme = ThemeFactory(code="overlast")
    incident = incident_create(
        actor=boa,
        theme=theme,
        address="Markt 1",
        description="Jan de Vries maakt lawaai",
        source=Incident.Source.RESIDENT,
        reporter_name="Piet Bewoner",
        reporter_contact="06-12345678",
    )
    incident_status_change(actor=boa, incident=incident, status=Incident.Status.IN_PROGRESS)
    incident_status_change(actor=boa, incident=incident, status=Incident.Status.CLOSED)
    assert _kinds() == ["incident.created", "incident.status_changed", "incident.handled"]
    event = OutboundEvent.objects.get(kind="incident.handled")
    assert event.object_type == "incident" and event.object_id == incident.pk
    data = event.payload["data"]
    assert data["reference"] == incident.reference
    assert data["theme"] == "overlast" and data["status"] == "closed"
    assert event.payload["object"]["url"].endswith(f"/meldingen/{incident.pk}/")
    # No personal data anywhere in the payload.
    text = str(event.payload)
    for secret in ("Piet", "06-12345678", "Jan de Vries", "lawaai"):
        assert secret not in text
    # Each event is queued for dispatch through the task outbox.
    dispatches = QueuedTask.objects.filter(task="accounts.tasks.outbound_event_dispatch")
    assert dispatches.count() == 3


def test_a_rolled_back_service_leaves_no_event(boa):
    theme = ThemeFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        incident_create(actor=boa, theme=theme, address="Markt 1")
        raise RuntimeError
    assert not OutboundEvent.objects.exists()


def test_case_services_publish_created_assigned_transitioned(lead, boa_c, make_user):
    incident = incident_create(actor=boa_c, theme=ThemeFactory(), address="Markt 1")
    OutboundEvent.objects.all().delete()
    case = services.case_open(
        actor=boa_c, title="Overlast Jan", case_type=CaseTypeFactory(), incident_ids=[incident.pk]
    )
    services.case_assign(actor=lead, case_id=case.pk, assignee=boa_c)
    services.case_transition(
        actor=lead, case_id=case.pk, to_status="investigating", expected_version=None
    )
    assert _kinds() == ["case.created", "case.assigned", "case.transitioned"]
    last = OutboundEvent.objects.get(kind="case.transitioned")
    assert last.payload["data"]["status"] == "investigating"
    assert last.payload["data"]["assignee"] == boa_c.pk
    assert "Overlast Jan" not in str(last.payload)
    assert last.payload["object"]["url"].endswith(f"/{case.pk}/")


def test_dispatch_runs_each_handler_once(boa):
    seen = []
    handler = seen.append
    events.handler_register(handler)
    try:
        incident = incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
        event = OutboundEvent.objects.get(object_id=incident.pk)
        assert events.event_dispatch(event_id=event.pk) is True
        assert events.event_dispatch(event_id=event.pk) is False  # a task delivered twice
        assert seen == [event]
        event.refresh_from_db()
        assert event.dispatched_at is not None
    finally:
        events._handlers.remove(handler)


def test_a_payload_with_personal_data_is_refused(make_user):
    user = make_user(Role.BOA)
    with pytest.raises(ValueError, match="reporter_name"):
        events.event_publish(
            kind=events.EventKind.INCIDENT_CREATED, obj=user, payload={"reporter_name": "x"}
        )
