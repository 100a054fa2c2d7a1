"""Retention of the submission keys (issue 15, accounts.submissions).

A key is kept as long as a device may hold a form (OFFLINE_MAX_AGE_DAYS, plus the
clock tolerance), and deleted by a daily beat job in batches. Past the term a form sent
again is refused for its device time, so deleting its key never makes a second record.
"""

import datetime as dt
import uuid

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts import offline, submissions, tasks
from accounts.models import Submission
from enforcement.models import Incident
from enforcement.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

QUEUED = {"HTTP_X_HH_OFFLINE": "1"}
START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _claim(user) -> Submission:
    return Submission.objects.create(user=user, key=uuid.uuid4(), path="/")


def test_the_term_is_the_longest_time_a_device_may_hold_a_form(settings):
    assert submissions.retention() == dt.timedelta(days=3) + offline.FUTURE_TOLERANCE
    settings.OFFLINE_MAX_AGE_DAYS = 7  # the one setting: the term follows it
    assert submissions.retention() == dt.timedelta(days=7) + offline.FUTURE_TOLERANCE


def test_keys_older_than_the_term_are_deleted_and_younger_ones_kept(boa):
    with time_machine.travel(START, tick=False):
        old = _claim(boa)
    with time_machine.travel(START + dt.timedelta(days=2), tick=False):
        young = _claim(boa)
    term = submissions.retention()
    with time_machine.travel(START + term - dt.timedelta(seconds=1), tick=False):
        assert submissions.submissions_delete_expired() == 0
    with time_machine.travel(START + term + dt.timedelta(seconds=1), tick=False):
        assert submissions.submissions_delete_expired() == 1
        assert submissions.submissions_delete_expired() == 0  # running twice is harmless
    assert list(Submission.objects.values_list("pk", flat=True)) == [young.pk]
    assert not Submission.objects.filter(pk=old.pk).exists()


def test_deletes_in_batches_each_its_own_transaction(boa, django_assert_num_queries):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            _claim(boa)
    # Batches of 2, 2 and 1: per batch one SELECT of ids, and the DELETE inside its own
    # savepoint (the test's transaction stands in for the outer one).
    later = START + dt.timedelta(days=10)
    with time_machine.travel(later, tick=False), django_assert_num_queries(3 * 4):
        assert submissions.submissions_delete_expired(batch_size=2) == 5
    assert not Submission.objects.exists()


def test_beat_runs_the_task_daily_and_the_task_deletes(boa):
    entry = settings.CELERY_BEAT_SCHEDULE["accounts-submissions-delete-expired"]
    assert entry["task"] == tasks.submissions_delete_expired.name
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
    with time_machine.travel(START, tick=False):
        _claim(boa)
    with time_machine.travel(START + dt.timedelta(days=4), tick=False):
        assert tasks.submissions_delete_expired.apply().get() == 1
    assert not Submission.objects.exists()


def test_a_form_sent_again_after_its_key_was_deleted_is_refused_not_saved_twice(client_for, boa):
    """The device never heard the answer and sends the form again, days later."""
    theme = ThemeFactory()
    url = reverse("enforcement:incident_create")
    with time_machine.travel(START, tick=False):
        data = {
            "theme": theme.pk,
            "address": "Markt 1",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "priority": 2,
            "source": "own",
            "submission_key": str(uuid.uuid4()),
            "recorded_at": timezone.now().isoformat(),
        }
        client = client_for(boa)
        assert client.post(url, data, **QUEUED).status_code == 201
    # Within the term, the key answers with the first record.
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        client = client_for(boa)
        again = client.post(url, data, **QUEUED)
        assert again.status_code == 200 and again.json()["ok"] is True
    # Past the term, the key is gone, and the device time is too old to accept.
    with time_machine.travel(START + submissions.retention() + dt.timedelta(minutes=1)):
        assert submissions.submissions_delete_expired() == 1
        client = client_for(boa)
        late = client.post(url, data, **QUEUED)
        assert late.status_code == 422
        assert "meer dan 3 dagen geleden" in " ".join(late.json()["errors"]["recorded_at"])
    assert Incident.objects.count() == 1
    assert not Submission.objects.exists()  # the refused attempt gave its key back
