from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Registratie")

    def ready(self) -> None:
        from enforcement import home_panels_patrols  # noqa: F401  (patrol/violation panels)
