"""The functional admin's webhook pages: create (secret once), edit, deactivate, log; 404 for others."""

import re

import pytest
from django.urls import reverse

from accounts.models import OutboundEvent
from accounts.roles import Role
from integrations.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db

CREATE = reverse("integrations:webhook_create")


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True


def _form(**extra):
    return {
        "name": "Meldkamer",
        "target_url": "http://127.0.0.1:9/hook",
        "event_kinds": ["incident.created", "case.assigned"],
        **extra,
    }


def test_create_shows_the_secret_once(functional_admin, client_for):
    client = client_for(functional_admin)
    response = client.post(CREATE, _form(), follow=True)
    subscription = WebhookSubscription.objects.get()
    page = response.content.decode()
    assert subscription.secret in page
    assert "alleen nu zichtbaar" in page
    again = client.get(reverse("integrations:webhook_detail", args=[subscription.pk]))
    assert subscription.secret not in again.content.decode()
    assert subscription.event_kinds == ["case.assigned", "incident.created"]


def test_an_internal_address_is_refused_and_the_form_keeps_the_input(
    functional_admin, client_for, settings
):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    response = client_for(functional_admin).post(CREATE, _form(target_url="https://10.1.2.3/x"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "intern netwerkadres" in page and "Meldkamer" in page
    assert not WebhookSubscription.objects.exists()


def test_no_event_kind_is_refused(functional_admin, client_for):
    response = client_for(functional_admin).post(CREATE, _form(event_kinds=[]))
    # Django's own Dutch for a required field, shown at the field.
    assert response.status_code == 200
    assert re.search(
        r'id="error_1_id_event_kinds"><strong>Dit veld is vereist', response.content.decode()
    )
    assert not WebhookSubscription.objects.exists()


def test_edit_and_deactivate_with_confirmation(functional_admin, client_for):
    client = client_for(functional_admin)
    client.post(CREATE, _form())
    subscription = WebhookSubscription.objects.get()
    secret = subscription.secret
    response = client.post(
        reverse("integrations:webhook_edit", args=[subscription.pk]),
        _form(name="Meldkamer 2", event_kinds=["case.created"]),
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.name == "Meldkamer 2" and subscription.secret == secret
    url = reverse("integrations:webhook_deactivate", args=[subscription.pk])
    confirm = client.get(url)
    assert "deactiveren?" in confirm.content.decode()
    subscription.refresh_from_db()
    assert subscription.active  # a GET changes nothing
    client.post(url)
    subscription.refresh_from_db()
    assert not subscription.active and subscription.deactivated_at


def test_delivery_log_lists_attempts_in_few_queries(
    functional_admin, client_for, django_assert_num_queries
):
    client = client_for(functional_admin)
    client.post(CREATE, _form())
    subscription = WebhookSubscription.objects.get()
    for n in range(30):
        event = OutboundEvent.objects.create(
            uuid=f"00000000-0000-0000-0000-{n:012d}",
            kind="incident.created",
            object_type="incident",
            object_id=n,
            payload={},
        )
        WebhookDelivery.objects.create(
            subscription=subscription, event=event, attempt=1, status_code=500, error="Antwoord 500"
        )
    url = reverse("integrations:webhook_detail", args=[subscription.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(8):  # session, user, two-factor, subscription, count, page
        response = client.get(url)
    page = response.content.decode()
    assert page.count("Antwoord 500") == 25  # one page
    assert "Pagina 1 van 2" in page


@pytest.mark.parametrize(
    "role",
    [
        Role.BOA,
        Role.TEAM_LEAD,
        Role.MANAGER,
        Role.COUNCIL_MEMBER,
        Role.PARTNER,
        Role.POLICY_OFFICER,
    ],
)
def test_other_roles_get_404(make_user, client_for, role, functional_admin):
    subscription = WebhookSubscription.objects.create(
        name="X", target_url="https://example.org", secret="s", event_kinds=["case.created"]
    )
    client = client_for(make_user(role))
    for name, args in [
        ("index", []),
        ("webhook_create", []),
        ("webhook_detail", [subscription.pk]),
        ("webhook_edit", [subscription.pk]),
        ("webhook_deactivate", [subscription.pk]),
    ]:
        response = client.get(reverse(f"integrations:{name}", args=args))
        assert response.status_code == 404, name
        assert "Webhook" not in response.content.decode()
    assert (
        client.post(reverse("integrations:webhook_deactivate", args=[subscription.pk])).status_code
        == 404
    )
    subscription.refresh_from_db()
    assert subscription.active


def test_index_shows_empty_state(functional_admin, client_for):
    page = client_for(functional_admin).get(reverse("integrations:index")).content.decode()
    assert "Er zijn nog geen webhooks." in page
    assert "niet ingesteld" in page
