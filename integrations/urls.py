from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("", views.index, name="index"),
    path("webhooks/nieuw/", views.webhook_create, name="webhook_create"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/wijzigen/", views.webhook_edit, name="webhook_edit"),
    path("webhooks/<int:pk>/deactiveren/", views.webhook_deactivate, name="webhook_deactivate"),
    path("signalen/import/", views.signalen_import, name="signalen_import"),
]
