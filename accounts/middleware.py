"""Request checks that hold for every page: no control characters in parameters,
and an absolute limit on a login session, on top of the idle timeout.

SESSION_COOKIE_AGE (with SESSION_SAVE_EVERY_REQUEST) ends a session after a
period without activity; a session that stays active would otherwise live for
ever. This ends every login SESSION_ABSOLUTE_SECONDS after it began, however
busy it is, and the person logs in again.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.validators import CONTROL_CHARACTER_MESSAGE, has_control_characters


class RefuseControlCharactersMiddleware:
    """A request parameter with a control character (``%00`` and the like): a 400 in Dutch.

    No person types these; they come from tampered links and requests. Refusing
    them here, for every page (Django admin, htmx fragments, look-ups that run
    before a form validates, exports), keeps them from reaching a query, where
    PostgreSQL would refuse NUL with a 500. Query strings and form fields (not
    uploaded files) are checked; tab and line breaks stay allowed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            params.append(request.POST)
        if any(
            has_control_characters(key) or has_control_characters(value)
            for query in params
            for key, values in query.lists()
            for value in values
        ):
            if request.path.startswith(settings.JSON_ERROR_PATH_PREFIXES):
                # The REST API answers in its error shape (docs/api.md), not with a page.
                return JsonResponse(
                    {"fout": {"code": "ongeldig", "melding": str(CONTROL_CHARACTER_MESSAGE)}},
                    status=400,
                )
            message = escape(str(CONTROL_CHARACTER_MESSAGE))
            return HttpResponseBadRequest(
                '<!doctype html><html lang="nl"><meta charset="utf-8">'
                f"<title>Ongeldig adres</title><h1>Ongeldig adres</h1><p>{message}</p></html>",
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)


SESSION_STARTED_KEY = "accounts_login_started_at"


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
        return self.get_response(request)


# Pages a person who must still enrol may reach: enrolment itself, logging out, and pages
# that hold nothing personal (health, language switch, the web app's worker and manifest).
TWO_FACTOR_OPEN_URL_NAMES = {
    "accounts:two_factor",
    "accounts:two_factor_qr",
    "logout",
    "login",
    "login_code",
    "health",
    "set_language",
    "service_worker",
    "manifest",
    "offline",
}


class TwoFactorEnrolmentMiddleware:
    """A person who must use two-factor authentication reaches nothing before it is done.

    Without a confirmed authenticator they are sent to the enrolment page; with one, but in
    a session that never gave a code (a login from before the requirement), they log in
    again with a code. Requests that are not page views (JSON, htmx) get a 401 instead of
    a page, so no script mistakes the enrolment page for data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from accounts import two_factor

        user = request.user
        if (
            not two_factor.two_factor_required_for(user)
            or user.is_verified()
            or request.path.startswith(settings.STATIC_URL)
            or self._open(request)
        ):
            return self.get_response(request)
        if two_factor.two_factor_is_set_up(user):
            logout(request)
            messages.info(request, _("Log opnieuw in, met de code uit uw authenticator-app."))
            target = reverse("login")
        else:
            target = reverse("accounts:two_factor")
        if request.headers.get("HX-Request") or "text/html" not in request.headers.get(
            "Accept", "text/html"
        ):
            response = JsonResponse({"ok": False, "two_factor_url": target}, status=401)
            response["HX-Redirect"] = target
            return response
        return redirect(target)

    @staticmethod
    def _open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in TWO_FACTOR_OPEN_URL_NAMES


class _NoMessages(BaseStorage):
    """Message storage that reads nothing and keeps nothing."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


class OfflineRefreshMiddleware:
    """A page the service worker fetches to keep on the device (``X-HH-Refresh: 1``)
    neither shows nor adds the boa's one-time messages: they belong to the page the boa
    opens next, and a refresh running alongside a form's POST would otherwise swallow
    the "saved" message or add one of its own (issue 15)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.headers.get("X-HH-Refresh") == "1":
            request._messages = _NoMessages(request)
        return self.get_response(request)


class RefusalAsNotFoundMiddleware:
    """A PermissionDenied that leaves one of our views answers 404, as ``require`` does.

    A view checks before it calls a service, and the service checks again on the record it
    locked. When the record changed in between (reassigned, moved to another team, no
    longer shared) the service's refusal would otherwise reach Django as a 403, telling the
    user the object exists (docs/architecture.md, "Refusal"). Django's admin keeps its 403:
    there the user sees the record and only the action is refused.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        match = request.resolver_match
        if match is None or "admin" in match.namespaces:
            return None
        return response_for_exception(request, Http404())
