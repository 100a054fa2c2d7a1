from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken en briefings")

    def ready(self) -> None:
        from cases import home_panels  # noqa: F401  (registers panels and nav)
        from cases.extensions import OpenCases
        from enforcement import extensions

        extensions.register(extensions.OPEN_CASES, OpenCases())
