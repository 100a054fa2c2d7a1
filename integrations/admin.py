from django.contrib import admin

from integrations.models import SignalenLink, WebhookDelivery, WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "target_url", "active", "created_at")
    exclude = ("secret",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("subscription", "event", "attempt", "status_code", "succeeded", "started_at")
    list_select_related = ("subscription", "event")


@admin.register(SignalenLink)
class SignalenLinkAdmin(admin.ModelAdmin):
    list_display = ("signal_id", "incident", "origin", "last_status_sent", "created_at")
    list_select_related = ("incident",)
