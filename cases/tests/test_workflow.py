import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import CaseEvent, CaseStatus
from cases.workflow import TRANSITIONS, next_steps

S = CaseStatus

ALLOWED = {(frm, step.to) for frm, steps in TRANSITIONS.items() for step in steps}


def test_every_status_has_a_way_on():
    for status in S.values:
        assert next_steps(status), status


def test_happy_path_is_in_the_table():
    path = [S.NEW, S.ASSIGNED, S.INVESTIGATING, S.INTERVENTION, S.MONITORING, S.CLOSED]
    for a, b in zip(path, path[1:], strict=False):
        assert (a, b) in ALLOWED
    assert (S.CLOSED, S.INVESTIGATING) in ALLOWED
    assert (S.INVESTIGATING, S.ON_HOLD) in ALLOWED
    assert (S.ON_HOLD, S.INVESTIGATING) in ALLOWED


@pytest.mark.django_db
@pytest.mark.parametrize("frm", S.values)
@pytest.mark.parametrize("to", S.values)
def test_transition_table_is_enforced(lead, case, frm, to):
    case.status = frm
    case.assignee = lead
    case.save()
    allowed = (frm, to) in ALLOWED
    if allowed:
        services.case_transition(
            actor=lead, case_id=case.pk, to_status=to, reason="reden", expected_version=None
        )
        case.refresh_from_db()
        assert case.status == to
    else:
        with pytest.raises(ValidationError) as exc:
            services.case_transition(
                actor=lead, case_id=case.pk, to_status=to, reason="reden", expected_version=None
            )
        assert "kan de zaak niet naar" in exc.value.messages[0]
        case.refresh_from_db()
        assert case.status == frm


@pytest.mark.django_db
@pytest.mark.parametrize(("frm", "to"), [(S.MONITORING, S.CLOSED), (S.CLOSED, S.INVESTIGATING)])
def test_closing_and_reopening_need_a_reason(lead, case, frm, to):
    case.status = frm
    case.save()
    with pytest.raises(ValidationError, match="reden"):
        services.case_transition(
            actor=lead, case_id=case.pk, to_status=to, reason="  ", expected_version=None
        )
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=to, reason="Opgelost", expected_version=None
    )
    event = CaseEvent.objects.filter(case=case, kind="status").last()
    assert "Opgelost" in event.message and event.actor == lead


@pytest.mark.django_db
def test_second_concurrent_change_is_refused_and_keeps_input(client_for, lead, case):
    version = case.version
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=S.INVESTIGATING, expected_version=version
    )
    with pytest.raises(services.CaseConflict):
        services.case_transition(
            actor=lead, case_id=case.pk, to_status=S.CLOSED, reason="x", expected_version=version
        )
    # through the form: the stale edit is re-shown with the input and the current state
    client = client_for(lead)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {
            "version": version,
            "title": "Mijn nieuwe titel",
            "description": "",
            "priority": 3,
            "due_date": case.due_date.isoformat(),
            "area": case.area_id,
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft zaak" in body
    assert "Mijn nieuwe titel" in body
    assert "Onderzoek" in body  # current phase shown
    case.refresh_from_db()
    assert case.title != "Mijn nieuwe titel"
    # the re-shown form carries the current version: submitting again works
    assert f'value="{case.version}"' in body


@pytest.mark.django_db
def test_detail_shows_next_steps_as_buttons_and_refuses_unlisted_step(client_for, lead, case):
    client = client_for(lead)
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Start onderzoek" in body and "Naar monitoren" not in body
    response = client.post(
        reverse("cases:transition", args=[case.pk]),
        {"version": case.version, "to_status": S.MONITORING},
    )
    assert response.status_code == 400
    assert "kan de zaak niet naar" in response.content.decode()


@pytest.mark.django_db
def test_assigned_is_reached_by_assigning_not_by_a_button(lead, case):
    from cases.workflow import buttons

    assert S.ASSIGNED not in [s.to for s in buttons(S.NEW)]
    with pytest.raises(ValidationError, match="Wijs de zaak eerst toe"):
        services.case_transition(
            actor=lead, case_id=case.pk, to_status=S.ASSIGNED, expected_version=None
        )


@pytest.mark.django_db
def test_on_hold_and_back(lead, case):
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=S.INVESTIGATING, expected_version=None
    )
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=S.ON_HOLD, expected_version=None
    )
    case.refresh_from_db()
    assert case.status_before_hold == S.INVESTIGATING
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=S.INVESTIGATING, expected_version=None
    )
    case.refresh_from_db()
    assert case.status == S.INVESTIGATING


@pytest.mark.django_db
def test_closing_with_open_action_items_lists_them_and_asks_to_confirm(client_for, lead, case):
    from cases.tests.factories import ActionItemFactory

    ActionItemFactory(case=case, description="Buurtbewoners terugbellen", owner_user=lead)
    done = ActionItemFactory(case=case, description="Al gedaan", owner_user=lead)
    done.done_at = timezone.now()
    done.save()
    case.status = S.MONITORING
    case.assignee = lead
    case.save()
    client = client_for(lead)
    url = reverse("cases:transition", args=[case.pk])
    data = {"version": case.version, "to_status": S.CLOSED, "reason": "Opgelost"}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Deze zaak heeft nog 1 open actiepunt" in body
    assert "Buurtbewoners terugbellen" in body and "Al gedaan" not in body
    case.refresh_from_db()
    assert case.status == S.MONITORING  # nothing closed yet
    response = client.post(url, {**data, "confirm_open_items": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSED
    event = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.STATUS).latest("pk")
    assert "1 actiepunt(en) nog open" in event.message


@pytest.mark.django_db
def test_closing_without_open_action_items_needs_no_confirmation(lead, case):
    case.status = S.MONITORING
    case.assignee = lead
    case.save()
    services.case_transition(
        actor=lead, case_id=case.pk, to_status=S.CLOSED, reason="x", expected_version=None
    )
    case.refresh_from_db()
    assert case.status == S.CLOSED
