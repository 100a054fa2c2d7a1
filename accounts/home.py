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


def nav_for(user) -> list[dict]:
    out = []
    for item in sorted(_nav.values(), key=lambda i: (i.order, i.key)):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"key": item.key, "label": item.label, "url": url, "icon": item.icon})
    return out
