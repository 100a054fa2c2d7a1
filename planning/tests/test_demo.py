import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from planning.models import Activity, CapacityEntry, ExpertGroup, Meeting, Programme

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_every_page_renders_for_every_demo_user(client):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    counts = [m.objects.count() for m in (Programme, Activity, CapacityEntry, Meeting)]
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert counts == [m.objects.count() for m in (Programme, Activity, CapacityEntry, Meeting)]
    assert Programme.objects.filter(status="draft").exists()
    group = ExpertGroup.objects.get()
    assert group.members.filter(user__username="partner").exists()
    draft = Programme.objects.get(status="draft")
    adopted = Programme.objects.get(status="adopted")
    meeting = group.meetings.get()
    plan = group.meetings.get().evaluations.get().goal.plan
    urls = [
        reverse("home"),
        reverse("planning:programme_list"),
        reverse("planning:programme_detail", args=[draft.pk]),
        reverse("planning:programme_detail", args=[adopted.pk]),
        reverse("planning:programme_monitoring", args=[adopted.pk]),
        reverse("planning:programme_prioritise", args=[draft.pk]),
        reverse("planning:programme_transition", args=[draft.pk, "prioritised"]),
        reverse("planning:activity_create", args=[draft.pk]),
        reverse("planning:focus_area_list"),
        reverse("planning:focus_area_create"),
        reverse("planning:capacity"),
        reverse("planning:plan_list"),
        reverse("planning:plan_detail", args=[plan.pk]),
        reverse("planning:goal_create", args=[plan.pk]),
        reverse("planning:group_list"),
        reverse("planning:group_detail", args=[group.pk]),
        reverse("planning:meeting_detail", args=[group.pk, meeting.pk]),
        reverse("planning:meeting_create", args=[group.pk]),
        reverse("planning:member_add", args=[group.pk]),
    ]
    for user in User.objects.all():
        client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            assert status in (200, 403, 404), (user.username, url, status)
    client.force_login(User.objects.get(username="partner"))
    assert client.get(reverse("planning:group_detail", args=[group.pk])).status_code == 200
    assert client.get(reverse("planning:programme_detail", args=[draft.pk])).status_code == 404
