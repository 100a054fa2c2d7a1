"""Django admin obeys the same account rules as the application's user management.

Rules in one place (accounts.permissions, services.user_change_check); a superuser
is out of the functional admin's reach in both; every change in admin is logged.
"""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from enforcement.models import InterventionType
from enforcement.tests.factories import InterventionTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    return make_user(Role.FUNCTIONAL_ADMIN, username="breekglas", is_superuser=True, is_staff=True)


def _password_data(password="Nieuw-Wachtwoord-93"):
    return {"password1": password, "password2": password, "usable_password": "true"}


def _admin_change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": "",
        "role": user.role,
        "team": user.team_id or "",
        "partner_organisation": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


# Each page a functional admin could use to take over a superuser, in the admin
# and in the application: all answer 404 with the Dutch "not found" page.
SUPERUSER_PAGES = [
    ("get", lambda u: reverse("admin:accounts_user_change", args=[u.pk])),
    ("post", lambda u: reverse("admin:accounts_user_change", args=[u.pk])),
    ("get", lambda u: reverse("admin:auth_user_password_change", args=[u.pk])),
    ("post", lambda u: reverse("admin:auth_user_password_change", args=[u.pk])),
    ("get", lambda u: reverse("admin:accounts_user_history", args=[u.pk])),
    ("get", lambda u: reverse("accounts:user_update", args=[u.pk])),
    ("post", lambda u: reverse("accounts:user_update", args=[u.pk])),
    ("post", lambda u: reverse("accounts:user_deactivate", args=[u.pk])),
    ("post", lambda u: reverse("accounts:user_send_password_link", args=[u.pk])),
]


@pytest.mark.parametrize(("method", "url"), SUPERUSER_PAGES)
def test_functional_admin_cannot_reach_a_superuser(
    method, url, client_for, functional_admin, superuser
):
    client = client_for(functional_admin)
    data = {**_admin_change_data(superuser, role=Role.BOA), **_password_data()}
    response = getattr(client, method)(url(superuser), data if method == "post" else None)
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    superuser.refresh_from_db()
    assert superuser.check_password("demo")
    assert superuser.is_active and superuser.is_superuser
    assert not AccessLogEntry.objects.filter(
        object_id=str(superuser.pk), action__in=["change", "view"]
    ).exists()


def test_superuser_is_not_listed_for_functional_admin(client_for, functional_admin, superuser):
    client = client_for(functional_admin)
    links = {
        reverse("admin:accounts_user_changelist"): "admin:accounts_user_change",
        reverse("accounts:user_list"): "accounts:user_update",
    }
    for list_url, detail in links.items():
        page = client.get(list_url).content.decode()
        assert reverse(detail, args=[functional_admin.pk]) in page
        assert reverse(detail, args=[superuser.pk]) not in page
    client.force_login(superuser)
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert reverse("accounts:user_update", args=[superuser.pk]) in page


def test_superuser_may_change_another_superuser(client_for, superuser, make_user):
    other = make_user(Role.FUNCTIONAL_ADMIN, username="breekglas2", is_superuser=True)
    client = client_for(superuser)
    url = reverse("admin:auth_user_password_change", args=[other.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, _password_data()).status_code == 302
    other.refresh_from_db()
    assert other.check_password("Nieuw-Wachtwoord-93")


def test_own_role_change_in_admin_is_refused_with_message(client_for, functional_admin):
    client = client_for(functional_admin)
    url = reverse("admin:accounts_user_change", args=[functional_admin.pk])
    response = client.post(url, _admin_change_data(functional_admin, role=Role.MANAGER))
    assert response.status_code == 200
    assert "U kunt uw eigen rol niet wijzigen." in response.content.decode()
    functional_admin.refresh_from_db()
    assert functional_admin.role == Role.FUNCTIONAL_ADMIN
    assert not AccessLogEntry.objects.filter(action="change").exists()


def test_own_deactivation_in_admin_is_refused(client_for, functional_admin):
    client = client_for(functional_admin)
    url = reverse("admin:accounts_user_change", args=[functional_admin.pk])
    data = _admin_change_data(functional_admin)
    del data["is_active"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    functional_admin.refresh_from_db()
    assert functional_admin.is_active


def test_technical_flags_cannot_be_posted_by_functional_admin(client_for, functional_admin, boa):
    client = client_for(functional_admin)
    url = reverse("admin:accounts_user_change", args=[boa.pk])
    response = client.post(url, _admin_change_data(boa, is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    boa.refresh_from_db()
    assert not boa.is_superuser and not boa.is_staff


@pytest.mark.parametrize(
    ("actor_kind", "changes", "refused"),
    [
        ("functional_admin", {"is_superuser": True}, "Alleen een superuser"),
        ("functional_admin", {"is_staff": True}, "Alleen een superuser"),
        ("functional_admin", {"role": Role.MANAGER}, None),
        ("functional_admin", {"is_active": False}, None),
        ("superuser", {"is_superuser": True}, None),
        ("superuser", {"is_staff": True}, None),
    ],
)
def test_user_change_check_table(actor_kind, changes, refused, request, boa):
    from accounts.services import AccountError, user_change_check

    actor = request.getfixturevalue(actor_kind)
    if refused:
        with pytest.raises(AccountError, match=refused):
            user_change_check(actor=actor, user=boa, changes=changes)
    else:
        user_change_check(actor=actor, user=boa, changes=changes)


def test_user_change_check_refuses_superuser_target_and_own_role(functional_admin, superuser):
    from accounts.services import AccountError, user_change_check

    with pytest.raises(AccountError, match="niet beheren"):
        user_change_check(actor=functional_admin, user=superuser, changes={"last_name": "X"})
    with pytest.raises(AccountError, match="eigen rol"):
        user_change_check(actor=functional_admin, user=functional_admin, changes={"role": Role.BOA})


def test_password_set_in_admin_is_logged(client_for, functional_admin, boa):
    client = client_for(functional_admin)
    url = reverse("admin:auth_user_password_change", args=[boa.pk])
    assert client.post(url, _password_data()).status_code == 302
    boa.refresh_from_db()
    assert boa.check_password("Nieuw-Wachtwoord-93")
    entry = AccessLogEntry.objects.get(object_id=str(boa.pk), action="change")
    assert entry.user == functional_admin
    assert entry.detail == {"via": "admin", "fields": ["password"]}
    assert "Nieuw-Wachtwoord" not in str(entry.detail)


def test_reference_data_add_change_delete_in_admin_are_logged(client_for, functional_admin):
    client = client_for(functional_admin)
    response = client.post(
        reverse("admin:enforcement_interventiontype_add"),
        {"code": "logtest", "name": "Logsoort", "ladder_step": 1, "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kind = InterventionType.objects.get(code="logtest")
    created = AccessLogEntry.objects.get(
        object_type="enforcement.interventiontype", action="create"
    )
    assert created.object_id == str(kind.pk) and created.detail["via"] == "admin"

    response = client.post(
        reverse("admin:enforcement_interventiontype_change", args=[kind.pk]),
        {"code": "logtest", "name": "Andere soort", "ladder_step": 1, "active": "on"},
    )
    assert response.status_code == 302
    changed = AccessLogEntry.objects.get(
        object_type="enforcement.interventiontype", action="change"
    )
    assert changed.detail == {"via": "admin", "fields": ["name"]}

    response = client.post(
        reverse("admin:enforcement_interventiontype_delete", args=[kind.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not InterventionType.objects.filter(pk=kind.pk).exists()
    deleted = AccessLogEntry.objects.get(
        object_type="enforcement.interventiontype", action="delete"
    )
    assert deleted.object_id == str(kind.pk) and deleted.user == functional_admin


def test_bulk_delete_in_admin_logs_each_object(client_for, functional_admin):
    kinds = [InterventionTypeFactory(code=f"bulk{i}", name=f"Bulk {i}") for i in range(2)]
    client = client_for(functional_admin)
    response = client.post(
        reverse("admin:enforcement_interventiontype_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [t.pk for t in kinds],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not InterventionType.objects.filter(code__startswith="bulk").exists()
    logged = set(
        AccessLogEntry.objects.filter(
            object_type="enforcement.interventiontype", action="delete"
        ).values_list("object_id", flat=True)
    )
    assert logged == {str(t.pk) for t in kinds}


def test_admin_add_user_is_logged_once(client_for, functional_admin):
    from accounts.tests.factories import TeamFactory

    team = TeamFactory(name="Team Log")
    client = client_for(functional_admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwviaadmin",
            "role": Role.BOA,
            "team": team.pk,
            "partner_organisation": "",
            "usable_password": "false",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuwviaadmin")
    entries = AccessLogEntry.objects.filter(object_id=str(user.pk), object_type="accounts.user")
    assert [e.action for e in entries] == ["create"]
