from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Registratie")

    def ready(self) -> None:
        from enforcement import reference_home  # noqa: F401  (registers panel and menu)
        from enforcement import home_panels  # noqa: F401  (registers menu and home panels)
