from django.urls import path

from reports.views import dashboard, manage, portal

app_name = "reports"

urlpatterns = [
    path("", manage.report_list, name="report_list"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("opbouwen/", manage.build_request, name="build_request"),
    path("opbouw/<int:pk>/", manage.build_detail, name="build_detail"),
    path("<int:pk>/", manage.report_detail, name="report_detail"),
    path("<int:pk>/publiceren/", manage.report_publish_view, name="report_publish"),
    path("<int:pk>/correctie/", manage.report_correct, name="report_correct"),
    path("raad/", portal.portal, name="portal"),
    path("raad/vergelijken/", portal.portal_compare, name="portal_compare"),
    path("raad/verloop/", portal.portal_trend, name="portal_trend"),
    path("raad/<int:pk>/", portal.portal_detail, name="portal_detail"),
    path("raad/<int:pk>/<str:fmt>/", portal.portal_download, name="portal_download"),
]
