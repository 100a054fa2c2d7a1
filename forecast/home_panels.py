"""The forecast's menu entry."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from forecast.permissions import can_view_forecast

home.register_nav(
    home.NavItem(
        key="forecast", label=_("Vooruitblik"), url_name="forecast:overview",
        visible=can_view_forecast, order=65,
    )
)  # fmt: skip
