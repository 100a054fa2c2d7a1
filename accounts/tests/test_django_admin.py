"""Django admin: only functional admins (by capability) get in; the access log is read-only."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from accounts.services import access_log_record

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in Role]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_functional_admin_enters_django_admin(role, make_user, client):
    user = make_user(role)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    if role == Role.FUNCTIONAL_ADMIN:
        assert response.status_code == 200
        body = response.content.decode()
        assert reverse("admin:accounts_user_changelist") in body
        assert reverse("admin:enforcement_offence_changelist") in body
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert client.get(reverse("admin:accounts_user_changelist")).status_code == 302


def test_is_staff_alone_does_not_open_the_admin(make_user, client):
    client.force_login(make_user(Role.BOA, is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 302


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_inactive_functional_admin_is_refused(make_user, client):
    user = make_user(Role.FUNCTIONAL_ADMIN, is_active=False)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize(
    "model",
    [
        "accounts_user",
        "accounts_team",
        "accounts_partnerorganisation",
        "accounts_accesslogentry",
        "enforcement_area",
        "enforcement_theme",
        "enforcement_category",
        "enforcement_offence",
        "enforcement_interventiontype",
        "enforcement_casetype",
    ],
)
def test_admin_changelists_open_for_functional_admin(model, client_for, functional_admin):
    response = client_for(functional_admin).get(reverse(f"admin:{model}_changelist"), {"q": "x"})
    assert response.status_code == 200


def test_access_log_admin_is_read_only(client_for, functional_admin, boa):
    entry = access_log_record(actor=boa, action="view", obj=boa)
    client = client_for(functional_admin)
    assert client.get(reverse("admin:accounts_accesslogentry_add")).status_code == 403
    change = client.get(reverse("admin:accounts_accesslogentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    response = client.post(
        reverse("admin:accounts_accesslogentry_change", args=[entry.pk]), {"action": "change"}
    )
    assert response.status_code == 403
    delete = client.get(reverse("admin:accounts_accesslogentry_delete", args=[entry.pk]))
    assert delete.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk, action="view").exists()


def test_users_cannot_be_deleted_in_admin(client_for, functional_admin, boa):
    client = client_for(functional_admin)
    assert client.get(reverse("admin:accounts_user_delete", args=[boa.pk])).status_code == 403


def test_admin_user_change_checks_team_and_logs(client_for, functional_admin, boa):
    client = client_for(functional_admin)
    url = reverse("admin:accounts_user_change", args=[boa.pk])
    data = {
        "username": boa.username,
        "first_name": boa.first_name,
        "last_name": "Gewijzigd",
        "email": boa.email,
        "phone": "",
        "role": Role.BOA,
        "team": "",
        "partner_organisation": "",
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies het team van deze handhaver of teamleider." in response.content.decode()
    response = client.post(url, {**data, "team": boa.team_id})
    assert response.status_code == 302
    boa.refresh_from_db()
    assert boa.last_name == "Gewijzigd"
    entry = AccessLogEntry.objects.get(object_id=str(boa.pk), action="change")
    assert entry.detail["fields"] == ["last_name"]
    assert entry.detail["via"] == "admin"


def test_functional_admin_cannot_make_superusers(client_for, functional_admin, boa):
    client = client_for(functional_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[boa.pk])).content.decode()
    assert 'name="is_superuser"' not in page
    assert not User.objects.get(pk=boa.pk).is_superuser


def test_admin_add_user_requires_team_for_boa_and_logs(client_for, functional_admin):
    from accounts.tests.factories import TeamFactory

    client = client_for(functional_admin)
    data = {
        "username": "viaadmin",
        "role": Role.BOA,
        "team": "",
        "partner_organisation": "",
        "usable_password": "false",
        "password1": "",
        "password2": "",
    }
    response = client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200
    assert "Kies het team van deze handhaver of teamleider." in response.content.decode()
    team = TeamFactory(name="Team Admin")
    response = client.post(reverse("admin:accounts_user_add"), {**data, "team": team.pk})
    assert response.status_code == 302
    user = User.objects.get(username="viaadmin")
    assert user.team == team
    assert AccessLogEntry.objects.filter(object_id=str(user.pk), action="create").exists()
