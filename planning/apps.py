from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from enforcement import extensions
        from planning import home_panels  # noqa: F401  (registers panels and menu)
        from planning.services.effort import provider

        extensions.register(extensions.EFFORT_ACTIVITY, provider)
        from forecast.extensions import register_theme_priority
        from planning.selectors.theme_priority import theme_priorities

        register_theme_priority(theme_priorities)
