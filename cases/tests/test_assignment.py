import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Notification
from cases import services
from cases.models import CaseEvent, CaseStatus
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_assign_sets_status_writes_timeline_and_notifies(
    lead, boa_c, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.case_assign(actor=lead, case_id=case.pk, assignee=boa_c)
    case.refresh_from_db()
    assert case.assignee == boa_c and case.status == CaseStatus.ASSIGNED
    assert CaseEvent.objects.filter(case=case, kind="assigned", actor=lead).exists()
    notification = Notification.objects.get(user=boa_c)
    assert case.reference in notification.message
    assert notification.url == reverse("cases:detail", args=[case.pk])
    assert len(callbacks) == 2  # the e-mail and the domain event, queued after the commit


def test_assignment_mail_goes_out_once(lead, boa_c, case):
    from accounts.services import notification_email_send

    services.case_assign(actor=lead, case_id=case.pk, assignee=boa_c)
    notification = Notification.objects.get(user=boa_c)
    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False  # ran twice
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [boa_c.email]
    assert case.reference in mail.outbox[0].body


def test_lead_assigning_to_self_gets_no_notification(lead, case):
    services.case_assign(actor=lead, case_id=case.pk, assignee=lead)
    assert not Notification.objects.filter(user=lead).exists()


def test_bulk_assign_is_all_or_nothing(lead, boa_c, centrum, noord):
    mine = [CaseFactory(team=centrum, opened_by=lead) for _ in range(3)]
    foreign = CaseFactory(team=noord)
    with pytest.raises(PermissionDenied, match="niets toegewezen"):
        services.cases_bulk_assign(
            actor=lead, case_ids=[c.pk for c in mine] + [foreign.pk], assignee=boa_c
        )
    for c in mine:
        c.refresh_from_db()
        assert c.assignee is None
    assert (
        services.cases_bulk_assign(actor=lead, case_ids=[c.pk for c in mine], assignee=boa_c) == 3
    )


def test_bulk_assign_view_refuses_whole_with_message(client_for, lead, boa_c, centrum, noord):
    mine = CaseFactory(team=centrum, opened_by=lead)
    foreign = CaseFactory(team=noord)
    client = client_for(lead)
    response = client.post(
        reverse("cases:bulk_assign"),
        {"cases": [mine.pk, foreign.pk], "assignee": boa_c.pk, "next": "/zaken/werkvoorraad/"},
        follow=True,
    )
    assert "Er is niets toegewezen" in response.content.decode()
    mine.refresh_from_db()
    assert mine.assignee is None


def test_boa_may_not_assign(client_for, boa_c, case):
    client = client_for(boa_c)
    assert (
        client.post(reverse("cases:assign", args=[case.pk]), {"assignee": boa_c.pk}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("cases:bulk_assign"), {"cases": [case.pk], "assignee": boa_c.pk}
        ).status_code
        == 404
    )
    assert client.get(reverse("cases:workload")).status_code == 404


def test_workload_counts_per_boa(client_for, lead, boa_c, centrum, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    CaseFactory(team=centrum, assignee=boa_c, due_date=today - dt.timedelta(days=1))
    CaseFactory(team=centrum, assignee=boa_c, due_date=today + dt.timedelta(days=3))
    CaseFactory(team=centrum, assignee=boa_c, due_date=today + dt.timedelta(days=30))
    CaseFactory(team=centrum, assignee=boa_c, status=CaseStatus.CLOSED)
    client = client_for(lead)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cases:workload"))
    rows = {r["user"]: r for r in response.context["rows"]}
    assert (rows[boa_c]["open"], rows[boa_c]["due_soon"], rows[boa_c]["overdue"]) == (3, 1, 1)


def test_assign_view_conflict_keeps_choice(client_for, lead, boa_c, case):
    client = client_for(lead)
    stale = case.version
    services.case_transition(
        actor=lead, case_id=case.pk, to_status="investigating", expected_version=None
    )
    response = client.post(
        reverse("cases:assign", args=[case.pk]), {"assignee": boa_c.pk, "version": stale}
    )
    assert response.status_code == 409
    assert "Iemand anders heeft zaak" in response.content.decode()
    case.refresh_from_db()
    assert case.assignee is None


def test_reassign_to_the_team_pool_and_refuse_other_team(client_for, lead, boa_c, boa_n, case):
    from django.core.exceptions import ValidationError

    case = services.case_assign(actor=lead, case_id=case.pk, assignee=boa_c)
    response = client_for(lead).post(
        reverse("cases:assign", args=[case.pk]), {"assignee": "", "version": case.version}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee is None and case.team == lead.team
    with pytest.raises(ValidationError, match="eigen team"):
        services.case_assign(actor=lead, case_id=case.pk, assignee=boa_n)


@pytest.mark.parametrize("version", [None, ""])
def test_assign_without_version_is_refused_so_the_conflict_check_runs(
    client_for, lead, boa_c, case, version
):
    data = {"assignee": boa_c.pk}
    if version is not None:
        data["version"] = version
    response = client_for(lead).post(reverse("cases:assign", args=[case.pk]), data)
    assert response.status_code == 400
    assert "mist de versie van de zaak" in response.content.decode()
    case.refresh_from_db()
    assert case.assignee is None
