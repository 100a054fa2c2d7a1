from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Registratie")

    def ready(self) -> None:
        # Each module registers its menu items and home panels.
        from enforcement import home_panels  # noqa: F401
