"""The functional admin manages users, teams and partner organisations in the application."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AccessLogEntry, PartnerOrganisation, Team, User
from accounts.roles import Role
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory, UserFactory
from accounts.tests.helpers import logs_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, functional_admin):
    return client_for(functional_admin)


def _user_data(**overrides):
    data = {
        "username": "nieuw",
        "first_name": "Nina",
        "last_name": "Nieuwenhuis",
        "email": "nina@gemeente.example",
        "phone": "",
        "role": Role.BOA,
        "team": "",
        "partner_organisation": "",
    }
    data.update(overrides)
    return data


def test_admin_creates_boa_with_team_and_link_is_mailed(admin_client, functional_admin):
    team = TeamFactory(name="Team Noord")
    response = admin_client.post(
        reverse("accounts:user_create"), _user_data(team=team.pk, send_link="1")
    )
    user = User.objects.get(username="nieuw")
    assert response.status_code == 302
    assert user.team == team and user.role == Role.BOA
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@gemeente.example"]
    assert "/wachtwoord/reset/" in mail.outbox[0].body
    entry = AccessLogEntry.objects.get(object_id=str(user.pk), action="create")
    assert entry.user == functional_admin


def test_boa_without_team_is_refused_with_dutch_message_and_form_keeps_input(admin_client):
    response = admin_client.post(reverse("accounts:user_create"), _user_data())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies het team van deze handhaver of teamleider." in body
    assert 'value="Nieuwenhuis"' in body
    assert not User.objects.filter(username="nieuw").exists()


def test_partner_needs_organisation_and_others_may_not_have_one(admin_client):
    org = PartnerOrganisationFactory(name="Jongerenwerk")
    response = admin_client.post(reverse("accounts:user_create"), _user_data(role=Role.PARTNER))
    assert "Kies de organisatie van deze partner." in response.content.decode()
    response = admin_client.post(
        reverse("accounts:user_create"),
        _user_data(role=Role.POLICY_OFFICER, partner_organisation=org.pk),
    )
    assert "Alleen een partner hoort bij een partnerorganisatie" in response.content.decode()
    response = admin_client.post(
        reverse("accounts:user_create"), _user_data(role=Role.PARTNER, partner_organisation=org.pk)
    )
    assert response.status_code == 302
    assert User.objects.get(username="nieuw").partner_organisation == org


def test_duplicate_username_and_email_are_refused(admin_client, boa):
    response = admin_client.post(
        reverse("accounts:user_create"),
        _user_data(username="boa1", email=boa.email.upper(), role=Role.MANAGER),
    )
    body = response.content.decode()
    assert "Er bestaat al een gebruiker met deze gebruikersnaam" in body
    assert "Dit e-mailadres hoort al bij een andere gebruiker." in body


def test_edit_user_logs_view_and_changed_fields(admin_client, boa, functional_admin):
    url = reverse("accounts:user_update", args=[boa.pk])
    assert admin_client.get(url).status_code == 200
    assert AccessLogEntry.objects.filter(action="view", object_id=str(boa.pk)).exists()
    other = TeamFactory(name="Team Zuid")
    response = admin_client.post(
        url,
        _user_data(
            username=boa.username,
            first_name=boa.first_name,
            last_name="Nieuwe Achternaam",
            email=boa.email,
            team=other.pk,
        ),
    )
    assert response.status_code == 302
    boa.refresh_from_db()
    assert boa.last_name == "Nieuwe Achternaam" and boa.team == other
    entry = AccessLogEntry.objects.get(action="change", object_id=str(boa.pk))
    assert entry.detail == {"fields": ["last_name", "team"]}
    assert entry.user == functional_admin


def test_deactivate_asks_confirmation_then_blocks_login(admin_client, boa, client):
    url = reverse("accounts:user_deactivate", args=[boa.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "deactiveren?" in response.content.decode()
    boa.refresh_from_db()
    assert boa.is_active
    admin_client.post(url)
    boa.refresh_from_db()
    assert not boa.is_active
    assert AccessLogEntry.objects.filter(
        object_id=str(boa.pk), detail={"is_active": False}
    ).exists()
    admin_client.logout()
    assert not logs_in(client, "boa1", "demo")
    # Reactivate again
    admin_client.force_login(User.objects.get(username="admin1"))
    admin_client.post(reverse("accounts:user_reactivate", args=[boa.pk]))
    boa.refresh_from_db()
    assert boa.is_active


def test_admin_cannot_deactivate_self(admin_client, functional_admin):
    admin_client.post(reverse("accounts:user_deactivate", args=[functional_admin.pk]))
    functional_admin.refresh_from_db()
    assert functional_admin.is_active


def test_send_password_link_mails_a_working_link(admin_client, boa, client):
    response = admin_client.post(reverse("accounts:user_send_password_link", args=[boa.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/reset/" in line)
    admin_client.logout()
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Zomer-Avond-2026!", "new_password2": "Zomer-Avond-2026!"},
    )
    assert response.status_code == 302
    assert logs_in(client, "boa1", "Zomer-Avond-2026!")


def test_user_list_search_filter_sort_and_paginate(admin_client):
    team = TeamFactory(name="Team Oost")
    UserFactory(username="zoekmij", last_name="Zwart", role=Role.BOA, team=team)
    UserFactory(username="anders", last_name="Aalders", role=Role.MANAGER)
    UserFactory(username="weg", last_name="Weg", role=Role.MANAGER, is_active=False)
    url = reverse("accounts:user_list")
    body = admin_client.get(url, {"q": "zoek"}).content.decode()
    assert "zoekmij" in body and "anders" not in body
    body = admin_client.get(url, {"role": Role.MANAGER}).content.decode()
    assert "anders" in body and "zoekmij" not in body and ">weg<" not in body
    body = admin_client.get(url, {"active": "0"}).content.decode()
    assert ">weg<" in body and "anders" not in body
    body = admin_client.get(url, {"team": team.pk}).content.decode()
    assert "zoekmij" in body and "anders" not in body
    body = admin_client.get(url, {"sort": "-name"}).content.decode()
    assert body.index("Zwart") < body.index("Aalders")
    UserFactory.create_batch(30, role=Role.MANAGER)
    page2 = admin_client.get(url, {"page": 2})
    assert page2.status_code == 200
    assert "Pagina 2 van 2" in page2.content.decode()


def test_user_list_query_count_is_independent_of_rows(
    admin_client, django_assert_num_queries, functional_admin
):
    UserFactory.create_batch(3, role=Role.BOA)
    with django_assert_num_queries(9):
        admin_client.get(reverse("accounts:user_list"))
    UserFactory.create_batch(20, role=Role.PARTNER)
    with django_assert_num_queries(9):
        admin_client.get(reverse("accounts:user_list"))


def test_team_create_edit_and_deactivate(admin_client, boa):
    admin_client.post(reverse("accounts:team_create"), {"name": "Team West"})
    team = Team.objects.get(name="Team West")
    admin_client.post(reverse("accounts:team_update", args=[team.pk]), {"name": "Team West-Oost"})
    team.refresh_from_db()
    assert team.name == "Team West-Oost"
    response = admin_client.post(reverse("accounts:team_create"), {"name": "Team West-Oost"})
    assert "bestaat al" in response.content.decode()
    admin_client.post(reverse("accounts:team_deactivate", args=[team.pk]))
    team.refresh_from_db()
    assert not team.active
    # A team with active members is not deactivated.
    response = admin_client.post(
        reverse("accounts:team_deactivate", args=[boa.team.pk]), follow=True
    )
    assert "nog actieve leden" in response.content.decode()
    boa.team.refresh_from_db()
    assert boa.team.active


def test_partner_organisation_create_and_deactivate(admin_client):
    admin_client.post(reverse("accounts:partner_create"), {"name": "Zorg Noord", "kind": "care"})
    org = PartnerOrganisation.objects.get(name="Zorg Noord")
    assert org.kind == "care"
    admin_client.post(reverse("accounts:partner_deactivate", args=[org.pk]))
    org.refresh_from_db()
    assert not org.active
    response = admin_client.get(reverse("accounts:partner_list"))
    assert "Zorg Noord" in response.content.decode()


def test_admin_home_panel_shows_what_to_do(admin_client):
    UserFactory(role=Role.BOA, team=None, username="losse")
    body = admin_client.get(reverse("home")).content.decode()
    assert "1 handhaver of teamleider zonder team" in body
    assert reverse("accounts:user_create") in body
    # Full-size buttons, as on every home panel (the menu keeps its small ones).
    main = body[body.index("<main") : body.index("</main>")]
    assert "btn-sm" not in main and reverse("enforcement:reference_index") in main


def test_other_roles_do_not_see_admin_panel_or_menu(client_for, boa):
    response = client_for(boa).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("enforcement:incident_create") in body  # the boa's own home page
    assert reverse("accounts:user_list") not in body


@pytest.mark.parametrize("url_name", ["accounts:team_list", "accounts:partner_list"])
def test_team_and_partner_lists_query_count_is_fixed(
    admin_client, django_assert_num_queries, url_name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    TeamFactory.create_batch(2)
    PartnerOrganisationFactory.create_batch(2)
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(reverse(url_name))
    TeamFactory.create_batch(15)
    PartnerOrganisationFactory.create_batch(15)
    UserFactory.create_batch(5, role=Role.BOA)
    with django_assert_num_queries(len(ctx)):
        admin_client.get(reverse(url_name))
