"""Menu items of the privacy pages (registered on start-up, see apps.py)."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from privacy import permissions

home.register_nav(
    home.NavItem(
        key="retention",
        label=_("Bewaartermijnen"),
        url_name="privacy:retention",
        visible=permissions.can_manage_retention,
        order=93,
        icon="trash",
    )
)
home.register_nav(
    home.NavItem(
        key="privacy-audit",
        label=_("Wpg-audit"),
        url_name="privacy:audits",
        # A capability, so no query on every page; the privacy officer is led to the
        # audit by notifications (designation, an audit ready to sign).
        visible=permissions.can_build_audit,
        order=94,
        icon="clipboard-check",
    )
)
