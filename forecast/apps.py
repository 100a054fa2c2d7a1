from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "forecast"
    verbose_name = _("Vooruitblik")

    def ready(self) -> None:
        from forecast import home_panels  # noqa: F401  (registers the menu entry)
