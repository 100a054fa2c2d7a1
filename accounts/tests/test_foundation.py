import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.services import access_log_record

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_health_answers_503_when_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logged_in_user_reaches_home(client_for, boa):
    response = client_for(boa).get(reverse("home"))
    assert response.status_code == 200
    assert "Goedendag" in response.content.decode()


def test_access_log_refuses_update_and_delete(boa):
    entry = access_log_record(actor=boa, action="view", obj=boa)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(action="change")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.action == "view"
    assert entry.username == "boa1"
    assert entry.object_type == "accounts.user"


def test_seed_demo_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent(settings):
    from accounts.models import User
    from enforcement.models import Area, Theme

    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Area.objects.count(), Theme.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Area.objects.count(), Theme.objects.count()) == counts
    assert User.objects.get(username="council").check_password("demo")


def test_make_run_seeds_only_an_empty_database(settings):
    # `make run` calls seed_demo --if-empty: a demo record deleted while trying the
    # application stays deleted on the next start.
    import io

    from django.db.models.deletion import ProtectedError

    from enforcement.models import Area

    settings.DEBUG = True
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    areas = Area.objects.count()
    assert areas
    deleted = 0
    for area in Area.objects.all():
        try:
            area.delete()
            deleted += 1
            break
        except ProtectedError:
            continue
    assert deleted
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Area.objects.count() == areas - 1
    assert "overgeslagen" in out.getvalue()
    # Without the flag the demo is completed again (the idempotent seed).
    call_command("seed_demo", stdout=io.StringIO())
    assert Area.objects.count() == areas
