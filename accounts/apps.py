from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Gebruikers en rechten")

    def ready(self) -> None:
        from accounts import (
            home_panels,  # noqa: F401  (registers panels and menu)
            login_throttle,  # noqa: F401  (access-logs lockouts)
        )
