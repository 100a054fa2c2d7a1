"""Who sees the forecast: policy staff, managers and team leads (the roles with
management information); 404 for everyone else (accounts.access.require)."""

from accounts.roles import Capability, has_capability


def can_view_forecast(user) -> bool:
    return has_capability(user, Capability.DASHBOARD_VIEW)
