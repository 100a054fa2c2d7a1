"""An absolute limit on a login session, on top of the idle timeout.

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
from django.utils.translation import gettext as _

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
