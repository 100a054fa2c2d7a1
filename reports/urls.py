from django.urls import path

from reports import views, views_portal

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("opbouwen/", views.build_request, name="build_request"),
    path("opbouw/<int:pk>/", views.build_detail, name="build_detail"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/publiceren/", views.report_publish_view, name="report_publish"),
    path("<int:pk>/correctie/", views.report_correct, name="report_correct"),
    path("raad/", views_portal.portal, name="portal"),
    path("raad/vergelijken/", views_portal.portal_compare, name="portal_compare"),
    path("raad/<int:pk>/", views_portal.portal_detail, name="portal_detail"),
    path("raad/<int:pk>/<str:fmt>/", views_portal.portal_download, name="portal_download"),
]
