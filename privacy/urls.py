from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("bewaartermijnen/", views.retention, name="retention"),
    path("bewaartermijnen/bewaarplicht/", views.hold_place, name="hold_place"),
    path("bewaartermijnen/bewaarplicht/<int:pk>/opheffen/", views.hold_lift, name="hold_lift"),
    path("audit/", views.audits, name="audits"),
    path("audit/privacy-officer/", views.officer_designate, name="officer_designate"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("audit/<int:pk>/<str:fmt>/", views.audit_file, name="audit_file"),
]
