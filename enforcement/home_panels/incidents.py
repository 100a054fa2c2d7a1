"""What incidents contribute to the home page and menu (patrols/violations add their own module)."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from accounts.roles import Capability
from enforcement import permissions
from enforcement.selectors import incidents as selectors


def _incidents_context(user) -> dict:
    return {
        "mine": selectors.my_recent_incidents(user=user),
        "team_new": selectors.team_new_incidents(user=user),
        "can_create": permissions.can_create_incident(user),
    }


home.register_panel(
    home.HomePanel(
        key="incidents",
        template="enforcement/home/incidents.html",
        visible=lambda user: user.can(Capability.INCIDENT_CREATE),
        context=_incidents_context,
        order=10,
    )
)
home.register_nav(
    home.NavItem(
        key="incidents",
        label=_("Meldingen"),
        url_name="enforcement:incident_list",
        visible=permissions.can_list_incidents,
        order=10,
        icon="list-ul",
    )
)
home.register_nav(
    home.NavItem(
        key="incident-create",
        label=_("Nieuwe melding"),
        url_name="enforcement:incident_create",
        visible=permissions.can_create_incident,
        order=11,
        icon="plus-circle",
    )
)
