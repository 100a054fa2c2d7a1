from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    """Other systems: webhooks and the Signalen connector. Nothing imports this app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "integrations"
    verbose_name = "Koppelingen"

    def ready(self) -> None:
        from accounts import events
        from integrations.services import handlers

        events.handler_register(handlers.on_event)
