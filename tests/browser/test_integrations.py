"""The functional admin on a phone: adds a webhook, reads its secret once, sees the log."""

from pathlib import Path

import pytest

from accounts.roles import Role
from integrations.models import WebhookSubscription

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/work/notes/shots/integrations")


def _shot(page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / name), full_page=True)


def test_admin_adds_a_webhook_on_a_phone(browser_page, login, make_user, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="fb-hooks")
    login(browser_page, admin)
    page = browser_page
    page.goto("/koppelingen/")
    assert "Er zijn nog geen webhooks." in page.content()
    _shot(page, "index-375.png")
    page.get_by_role("link", name="Nieuwe webhook").click()
    page.get_by_label("Naam").fill("Meldkamer")
    page.get_by_label("Adres (URL)").fill("https://10.0.0.8/hook")
    page.get_by_label("Melding afgehandeld").check()
    page.get_by_role("button", name="Opslaan").click()
    assert "intern netwerkadres" in page.content()
    assert page.get_by_label("Naam").input_value() == "Meldkamer"
    _shot(page, "form-error-375.png")
    page.get_by_label("Adres (URL)").fill("http://127.0.0.1:9/hook")
    page.get_by_role("button", name="Opslaan").click()
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in page.content()
    _shot(page, "detail-secret-375.png")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    assert subscription.secret not in page.content()
    _shot(page, "detail-1280.png")
    page.goto("/koppelingen/signalen/import/")
    _shot(page, "signalen-import-1280.png")
