"""Request checks that hold for every page, before any view or query runs."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.html import escape

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
            message = escape(str(CONTROL_CHARACTER_MESSAGE))
            return HttpResponseBadRequest(
                '<!doctype html><html lang="nl"><meta charset="utf-8">'
                f"<title>Ongeldig adres</title><h1>Ongeldig adres</h1><p>{message}</p></html>",
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
