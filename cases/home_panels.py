"""What cases contributes to the home page and the menu."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from accounts.roles import Capability as C
from cases import permissions as perms
from cases import selectors
from cases.models import OPEN_STATUSES


def _my_cases(user) -> dict:
    cases = list(
        perms.cases_visible_to(user)
        .filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("theme")
        .order_by("due_date")[:10]
    )
    return {"cases": cases}


def _my_action_items(user) -> dict:
    return {"items": selectors.my_action_items(user=user, limit=10)}


def _workload(user) -> dict:
    return {"rows": selectors.workload_for_team(team_id=user.team_id) if user.team_id else []}


def _briefings(user) -> dict:
    return {"briefings": selectors.upcoming_briefings(user=user, limit=3)}


home.register_panel(
    home.HomePanel(
        key="cases-mine",
        template="cases/home/my_cases.html",
        visible=lambda u: u.can(C.CASE_WORK),
        context=_my_cases,
        order=20,
    )
)
home.register_panel(
    home.HomePanel(
        key="cases-action-items",
        template="cases/home/my_action_items.html",
        visible=perms.can_list_own_action_items,
        context=_my_action_items,
        order=21,
    )
)
home.register_panel(
    home.HomePanel(
        key="cases-workload",
        template="cases/home/workload.html",
        visible=perms.can_view_workload,
        context=_workload,
        order=22,
    )
)
home.register_panel(
    home.HomePanel(
        key="cases-briefings",
        template="cases/home/briefings.html",
        visible=perms.can_list_briefings,
        context=_briefings,
        order=23,
    )
)
home.register_nav(
    home.NavItem(
        key="cases",
        label=_("Zaken"),
        url_name="cases:list",
        visible=perms.can_list_cases,
        order=20,
        icon="folder2-open",
    )
)
home.register_nav(
    home.NavItem(
        key="workload",
        label=_("Werkvoorraad"),
        url_name="cases:workload",
        visible=perms.can_view_workload,
        order=21,
        icon="people",
    )
)
home.register_nav(
    home.NavItem(
        key="briefings",
        label=_("Briefings"),
        url_name="cases:briefing_list",
        visible=perms.can_list_briefings,
        order=22,
        icon="calendar-event",
    )
)


def _focus(user) -> dict:
    from forecast.selectors import focus_for_team

    return {"items": focus_for_team(team_id=user.team_id, limit=3)}


def _sees_focus(user) -> bool:
    from cases.views.focus import can_view_focus

    return can_view_focus(user)


home.register_panel(
    home.HomePanel(
        key="cases-focus-week", template="cases/home/focus.html", visible=_sees_focus,
        context=_focus, order=24,
    )
)  # fmt: skip
