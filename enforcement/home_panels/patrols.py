"""Home page panels and menu entries of patrol logs and violations."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from accounts.roles import Capability as C
from enforcement.permissions import (
    can_change_patrol_log,
    can_list_patrol_logs,
    can_list_violations,
    can_manage_reference_data,
)
from enforcement.selectors.patrols import flagged_open_logs_for_team, open_patrol_log_for


def _shift_context(user) -> dict:
    running = open_patrol_log_for(user=user)
    return {
        "running": running,
        # A companion is on the shift but the boa who started it ends it.
        "can_end": running is not None and can_change_patrol_log(user, running),
    }


def _flagged_context(user) -> dict:
    return {"flagged": list(flagged_open_logs_for_team(user=user)[:20])}


home.register_panel(
    home.HomePanel(
        key="patrol-shift",
        template="enforcement/patrols/home_shift.html",
        visible=lambda user: user.can(C.PATROL_LOG_OWN),
        context=_shift_context,
        order=5,
    )
)
home.register_panel(
    home.HomePanel(
        key="patrol-flagged",
        template="enforcement/patrols/home_flagged.html",
        visible=lambda user: user.can(C.PATROL_LOG_CORRECT_TEAM),
        context=_flagged_context,
        order=6,
    )
)
home.register_nav(
    home.NavItem(
        key="patrols",
        label=_("Diensten"),
        url_name="enforcement:patrol_list",
        visible=can_list_patrol_logs,
        order=15,
        icon="clock-history",
    )
)
home.register_nav(
    home.NavItem(
        key="violations",
        label=_("Overtredingen"),
        url_name="enforcement:violation_list",
        visible=can_list_violations,
        order=16,
        icon="exclamation-octagon",
    )
)
home.register_nav(
    home.NavItem(
        key="letter-templates",
        label=_("Briefsjablonen"),
        url_name="enforcement:letter_template_list",
        visible=can_manage_reference_data,
        order=85,
        icon="envelope-paper",
    )
)
