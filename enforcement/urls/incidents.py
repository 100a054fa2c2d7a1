from django.urls import path

from enforcement.views import incidents as views

urlpatterns = [
    path("meldingen/", views.incident_list_view, name="incident_list"),
    path("meldingen/nieuw/", views.incident_create_view, name="incident_create"),
    path(
        "meldingen/adres-bij-locatie/",
        views.incident_address_suggest_view,
        name="incident_address_suggest",
    ),
    path("meldingen/in-de-buurt/", views.incident_nearby_view, name="incident_nearby"),
    path("meldingen/export.<str:fmt>", views.incident_export_view, name="incident_export"),
    path("meldingen/<int:pk>/", views.incident_detail_view, name="incident_detail"),
    path("meldingen/<int:pk>/status/", views.incident_status_view, name="incident_status"),
    path("meldingen/<int:pk>/fotos/", views.incident_photos_add_view, name="incident_photos_add"),
    path(
        "meldingen/<int:pk>/fotos/<int:photo_pk>/",
        views.incident_photo_view,
        name="incident_photo",
    ),
]
