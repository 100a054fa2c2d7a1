"""What reference-data management contributes to the home page and menu."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from enforcement.permissions import can_manage_reference_data


def _context(user) -> dict:
    from enforcement.selectors.reference import reference_overview

    return {"overview": reference_overview()}


home.register_panel(
    home.HomePanel(
        key="reference-admin",
        template="enforcement/home/reference_admin.html",
        visible=can_manage_reference_data,
        context=_context,
        order=11,
    )
)
home.register_nav(
    home.NavItem(
        key="reference",
        label=_("Referentiegegevens"),
        url_name="enforcement:reference_index",
        visible=can_manage_reference_data,
        order=91,
        icon="list-check",
    )
)
