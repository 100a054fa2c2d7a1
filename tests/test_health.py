"""GET /health/ for a load balancer: 200 when database and broker answer, 503 otherwise."""

import pytest
from django.db import connection


@pytest.fixture
def database_down():
    """Point the default connection at a closed port; a fresh connection then fails.

    Needs a transactional test: the connection must not sit in the test's
    transaction, so it can be closed and opened again with these settings.
    """
    saved = connection.settings_dict.copy()
    saved_options = dict(saved.get("OPTIONS", {}))
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    connection.settings_dict["OPTIONS"] = {
        k: v for k, v in saved_options.items() if k != "host"
    } | {"connect_timeout": 2}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        connection.settings_dict["OPTIONS"] = saved_options


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_database_is_down(client, database_down):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "broker": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_both_are_down(client, database_down, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "broker": "down"}


@pytest.mark.django_db
def test_health_needs_no_login_and_no_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
