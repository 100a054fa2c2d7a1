"""Who calls the API: a system with a token (``Authorization: Bearer hh_…``) or a person
with the web application's session (and its CSRF token on writes)."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from accounts.services.tokens import TokenRefused, api_token_authenticate


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Geef één API-sleutel mee na 'Bearer'.")
        try:
            token = api_token_authenticate(header[1])
        except TokenRefused as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from None
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The web session, as DRF has it (CSRF enforced), for a person who is logged in.

    A system account never has a session; this refuses one that somehow would."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is not None and getattr(found[0], "is_system_account", False):
            return None
        return found
