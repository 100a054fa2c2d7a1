"""Role table: each role × each kind of object in user and reference management × view/change.

Only the functional admin may; every other role gets 404 (not 403), so the
pages do not even reveal that the object exists.
"""

import pytest
from django.urls import reverse

from accounts.roles import Capability, Role, has_capability
from accounts.tests.factories import AccessLogEntryFactory, PartnerOrganisationFactory, TeamFactory
from enforcement.tests.factories import AreaFactory, CaseTypeFactory, OffenceFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role]


def _objects(make_user):
    return {
        "user": make_user(Role.MANAGER, username="doelwit"),
        "team": TeamFactory(name="Team Tabel"),
        "partner": PartnerOrganisationFactory(name="Partner Tabel"),
        "area": AreaFactory(code="WK555555"),
        "theme": ThemeFactory(code="tabel"),
        "offence": OffenceFactory(code="T001"),
        "case_type": CaseTypeFactory(code="tabel-type"),
        "access_log": AccessLogEntryFactory(),
    }


def _view_url(kind, obj):
    return {
        "user": lambda: reverse("accounts:user_update", args=[obj.pk]),
        "team": lambda: reverse("accounts:team_update", args=[obj.pk]),
        "partner": lambda: reverse("accounts:partner_update", args=[obj.pk]),
        "area": lambda: reverse("enforcement:reference_update", args=["gebieden", obj.pk]),
        "theme": lambda: reverse("enforcement:reference_update", args=["themas", obj.pk]),
        "offence": lambda: reverse("enforcement:reference_update", args=["feiten", obj.pk]),
        "case_type": lambda: reverse("enforcement:reference_update", args=["zaaktypen", obj.pk]),
        "access_log": lambda: reverse("accounts:access_log"),
    }[kind]()


def _change_url(kind, obj):
    """A POST that changes the object (deactivate), or for the log: the export."""
    return {
        "user": lambda: reverse("accounts:user_deactivate", args=[obj.pk]),
        "team": lambda: reverse("accounts:team_deactivate", args=[obj.pk]),
        "partner": lambda: reverse("accounts:partner_deactivate", args=[obj.pk]),
        "area": lambda: reverse("enforcement:reference_deactivate", args=["gebieden", obj.pk]),
        "theme": lambda: reverse("enforcement:reference_deactivate", args=["themas", obj.pk]),
        "offence": lambda: reverse("enforcement:reference_deactivate", args=["feiten", obj.pk]),
        "case_type": lambda: reverse(
            "enforcement:reference_deactivate", args=["zaaktypen", obj.pk]
        ),
        "access_log": lambda: reverse("accounts:access_log_export"),
    }[kind]()


CAPABILITY_FOR = {
    "user": Capability.USERS_MANAGE,
    "team": Capability.USERS_MANAGE,
    "partner": Capability.USERS_MANAGE,
    "area": Capability.REFERENCE_DATA_MANAGE,
    "theme": Capability.REFERENCE_DATA_MANAGE,
    "offence": Capability.REFERENCE_DATA_MANAGE,
    "case_type": Capability.REFERENCE_DATA_MANAGE,
    "access_log": Capability.ACCESS_LOG_VIEW,
}
KINDS = list(CAPABILITY_FOR)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_view(role, kind, make_user, client):
    actor = make_user(role)
    obj = _objects(make_user)[kind]
    client.force_login(actor)
    response = client.get(_view_url(kind, obj))
    allowed = role == Role.FUNCTIONAL_ADMIN
    assert has_capability(actor, CAPABILITY_FOR[kind]) == allowed
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_change(role, kind, make_user, client):
    actor = make_user(role)
    obj = _objects(make_user)[kind]
    client.force_login(actor)
    method = client.get if kind == "access_log" else client.post
    response = method(_change_url(kind, obj))
    if role == Role.FUNCTIONAL_ADMIN:
        assert response.status_code == (200 if kind == "access_log" else 302)
        if kind != "access_log":
            obj.refresh_from_db()
            assert not (obj.is_active if kind == "user" else obj.active)
    else:
        assert response.status_code == 404
        assert "Niet gevonden" in response.content.decode()
        if kind != "access_log":
            obj.refresh_from_db()
            assert obj.is_active if kind == "user" else obj.active


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_is_sent_to_login(kind, make_user, client):
    obj = _objects(make_user)[kind]
    response = client.get(_view_url(kind, obj))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:user_list",
        "accounts:user_create",
        "accounts:team_list",
        "accounts:partner_list",
        "accounts:access_log",
        "enforcement:reference_index",
    ],
)
@pytest.mark.parametrize("role", [r for r in ROLES if r != Role.FUNCTIONAL_ADMIN])
def test_lists_and_create_pages_are_404_for_others(role, url_name, make_user, client):
    client.force_login(make_user(role))
    response = client.get(reverse(url_name))
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


@pytest.mark.parametrize("role", [r for r in ROLES if r != Role.FUNCTIONAL_ADMIN])
def test_reference_import_is_404_for_others(role, make_user, client):
    client.force_login(make_user(role))
    assert client.get(reverse("enforcement:reference_import", args=["feiten"])).status_code == 404
    assert (
        client.get(reverse("enforcement:reference_import_example", args=["feiten"])).status_code
        == 404
    )


def test_deactivated_admin_loses_access(make_user, client):
    admin = make_user(Role.FUNCTIONAL_ADMIN)
    client.force_login(admin)
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = client.get(reverse("accounts:user_list"))
    # The session of a deactivated account no longer logs in: back to the login page.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
