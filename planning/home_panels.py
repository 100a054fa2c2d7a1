"""What planning contributes to the home page and the menu."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from accounts.roles import Capability as C
from planning import permissions


def _overdue_context(user) -> dict:
    from planning.selectors.expert_groups import expert_groups_overdue

    return {"overdue_groups": list(expert_groups_overdue()[:10])}


def _programme_context(user) -> dict:
    from django.utils import timezone

    year = timezone.localdate().year
    programme = (
        permissions.programmes_visible_to(user)
        .filter(year=year)
        .exclude(status="superseded")
        .order_by("-version")
        .first()
    )
    behind = 0
    if programme is not None and programme.status == "adopted":
        from planning.selectors.monitoring import programme_monitoring

        behind = programme_monitoring(programme=programme).behind_count
    # Tell the person what is theirs to do next (the workflow's own next steps).
    todo: list[str] = []
    if programme is not None:
        from planning.services.programme import next_steps

        todo = [label for to, label in next_steps(user=user, programme=programme) if to != "draft"]
        if programme.status == "draft" and permissions.can_change_programme(user, programme):
            todo.insert(0, _("Activiteiten aanvullen"))
    return {"programme": programme, "behind": behind, "todo": todo}


home.register_panel(
    home.HomePanel(
        key="planning-overdue-groups",
        template="planning/home/overdue_groups.html",
        visible=lambda user: user.can(C.THEME_PLAN_MANAGE),
        context=_overdue_context,
        order=30,
    )
)
home.register_panel(
    home.HomePanel(
        key="planning-programme",
        template="planning/home/programme.html",
        visible=lambda user: user.can(C.PROGRAMME_DRAFT) or user.can(C.PROGRAMME_PRIORITISE),
        context=_programme_context,
        order=40,
    )
)
home.register_nav(
    home.NavItem(
        key="programme",
        label=_("Programma"),
        url_name="planning:programme_list",
        visible=permissions.can_list_programmes,
        order=40,
        icon="calendar3",
    )
)
home.register_nav(
    home.NavItem(
        key="capacity",
        label=_("Capaciteit"),
        url_name="planning:capacity",
        visible=permissions.can_view_capacity,
        order=41,
        icon="hourglass-split",
    )
)
home.register_nav(
    home.NavItem(
        key="focus-areas",
        label=_("Aandachtsgebieden"),
        url_name="planning:focus_area_list",
        visible=lambda user: user.can(C.PROGRAMME_CONTRIBUTE),
        order=42,
        icon="pin-map",
    )
)
home.register_nav(
    home.NavItem(
        key="theme-plans",
        label=_("Themaplannen"),
        url_name="planning:plan_list",
        visible=lambda user: user.can(C.THEME_PLAN_MANAGE) or user.can(C.PROGRAMME_PRIORITISE),
        order=43,
        icon="bullseye",
    )
)
home.register_nav(
    home.NavItem(
        key="expert-groups",
        label=_("Expertgroepen"),
        url_name="planning:group_list",
        visible=lambda user: user.can(C.EXPERT_GROUP_PARTICIPATE) or user.can(C.THEME_PLAN_MANAGE),
        order=44,
        icon="people",
    )
)
