"""Who manages the integrations: the functional admin (INTEGRATIONS_MANAGE)."""

from accounts.roles import Capability, has_capability


def can_manage_integrations(user) -> bool:
    return has_capability(user, Capability.INTEGRATIONS_MANAGE)
