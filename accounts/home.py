"""Home page panels and navigation entries, contributed by the apps.

``accounts`` knows no domain, so each higher app registers what it shows on
the home page and in the menu from its ``AppConfig.ready()``:

    home.register_panel(HomePanel(key="my-cases", template="cases/home/my_cases.html",
                                  context=my_cases_context, order=20,
                                  visible=lambda user: user.can(Capability.CASE_WORK)))
    home.register_nav(NavItem(label=_("Zaken"), url_name="cases:list", order=20,
                              visible=lambda user: ...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    visible: Callable[[Any], bool]
    context: Callable[[Any], dict] = field(default=lambda user: {})
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100
    icon: str = ""


_panels: dict[str, HomePanel] = {}
_nav: dict[str, NavItem] = {}


def register_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def panels_for(user) -> list[dict]:
    """The panels this user sees, in order, each with its context computed."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.visible(user):
            out.append({"key": panel.key, "template": panel.template, **panel.context(user)})
    return out


# The menu groups items by task; an app picks its group through its items' order.
NAV_GROUPS = [
    (20, "registratie", _("Registratie")),
    (40, "zaken", _("Zaken")),
    (60, "planning", _("Planning")),
    (80, "informatie", _("Informatie")),
    (200, "beheer", _("Beheer")),
]
# From this order on an item is personal (password, two-factor): the user menu.
PERSONAL_ORDER = 200


def _group_of(order: int) -> tuple[str, str]:
    for upper, key, label in NAV_GROUPS:
        if order < upper:
            return key, label
    return "persoonlijk", _("Persoonlijk")


def nav_for(user) -> list[dict]:
    out = []
    for item in sorted(_nav.values(), key=lambda i: (i.order, i.key)):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        group, group_label = _group_of(item.order)
        out.append(
            {
                "key": item.key,
                "label": item.label,
                "url": url,
                "icon": item.icon,
                "group": group,
                "group_label": group_label,
                "personal": item.order >= PERSONAL_ORDER,
            }
        )
    return out


def _is_current(item_url: str, path: str) -> bool:
    return path == item_url or (item_url != "/" and path.startswith(item_url))


def menu_for(user, path: str) -> dict:
    """The menu bar: task groups (a group of one item is a plain link) and the
    personal items, with the current page marked (the longest matching menu URL)."""
    items = nav_for(user)
    matching = [i for i in items if _is_current(i["url"], path)]
    current = max(matching, key=lambda i: len(i["url"]))["url"] if matching else None
    groups: list[dict] = []
    personal = []
    for item in items:
        item = {**item, "current": item["url"] == current}
        if item["personal"]:
            personal.append(item)
            continue
        if not groups or groups[-1]["key"] != item["group"]:
            groups.append({"key": item["group"], "label": item["group_label"], "items": []})
        groups[-1]["items"].append(item)
    for group in groups:
        group["current"] = any(i["current"] for i in group["items"])
    return {"groups": groups, "personal": personal}
