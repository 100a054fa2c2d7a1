"""Error pages speak Dutch and lead back home; 404 is what users get for others' records."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def test_404_for_another_teams_incident_is_dutch_and_leads_home(make_user, client_for):
    boa = make_user(Role.BOA, team=TeamFactory(name="Team Centrum"))
    other_team_boa = make_user(Role.BOA, team=TeamFactory(name="Team Noord"))
    theirs = IncidentFactory(registered_by=other_team_boa)
    response = client_for(boa).get(reverse("enforcement:incident_detail", args=[theirs.pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Niet gevonden" in html and "geen toegang" in html
    assert f'href="{reverse("home")}"' in html
    assert "Not Found" not in html and theirs.reference not in html


def test_404_for_anonymous_visitor_is_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_500_page_is_dutch_and_english_and_standalone(client):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Er ging iets mis" in html and 'lang="nl"' in html
    # The chosen language is unknown to it, so it says it in English too.
    assert '<div lang="en">' in html and "Something went wrong" in html


def test_production_500_page_shows_no_template_source(rf, settings):
    """With DEBUG off, Django's handler renders 500.html: no raw template comment or tag."""
    from django.views.defaults import server_error

    settings.DEBUG = False
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "Something went wrong" in html
    assert "{#" not in html and "#}" not in html and "{%" not in html
    assert "Rendered without context" not in html
