"""Login throttling with django-axes: per username and per address, logged, on our login page.

Axes counts failed logins per username and per client address. A username is
locked after LOGIN_FAILURE_LIMIT failures, an address after
LOGIN_FAILURE_LIMIT_PER_ADDRESS (higher: one office behind one address holds
many honest users), each for LOGIN_LOCKOUT_MINUTES after the last failure. Any
username is counted, existing or not, and the refusal reads the same, so the
message never tells whether an account exists. The message is shown on the
login form itself (``accounts.forms.LoginForm``); the functional admin lifts a
username's lock in the user management (``services.user_login_unlock``).
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate (higher) limit for an address.

    Axes has one limit for all its lockout parameters; the count it compares
    with that limit is the username's failures, raised to the limit once the
    address has reached its own.
    """

    def get_failures(self, request, credentials=None) -> int:
        by_username, by_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        request.login_failures = {"username": by_username, "ip_address": by_address}
        if by_address >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            return max(by_username, settings.LOGIN_FAILURE_LIMIT)
        return by_username


def lockout_response(request, original_response=None, credentials=None):
    """The login page as the view rendered it (with the lockout message), as 429."""
    if original_response is None:
        from django.shortcuts import redirect

        return redirect(settings.LOGIN_URL)
    original_response.status_code = 429
    return original_response


def username_is_locked(username: str) -> bool:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.LOGIN_FAILURE_LIMIT


@receiver(user_locked_out)
def _record_lockout(sender, request, username, ip_address, **kwargs):
    # Axes decides the lockout inside its own handler; this receiver is the hook
    # it offers, and only hands the moment to the accounts service.
    from accounts.services import login_lockout_record

    failures = getattr(request, "login_failures", {})
    reasons = []
    if failures.get("username") == settings.LOGIN_FAILURE_LIMIT:
        reasons.append("username")
    if failures.get("ip_address") == settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
        reasons.append("ip_address")
    if reasons:  # the moment a limit is reached, not every refused try after it
        login_lockout_record(username=username or "", reasons=reasons, request=request)
