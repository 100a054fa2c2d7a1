"""Logging in through the real login page, as a person does (throttling included)."""

from django.urls import reverse


def login_post(client, username: str, password: str, **request_meta):
    """POST the password step of the login page; returns the response."""
    return client.post(
        reverse("login"), {"username": username, "password": password}, **request_meta
    )


def logs_in(client, username: str, password: str) -> bool:
    return login_post(client, username, password).status_code == 302
