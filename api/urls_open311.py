"""Open311 GeoReport v2 (api/views/open311.py): every resource in .json and .xml."""

from django.urls import path, register_converter

from api.views import open311 as views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"

urlpatterns = [
    path("", views.Discovery.as_view(), name="root"),
    path("discovery.<open311_format:format>", views.Discovery.as_view(), name="discovery"),
    path("services.<open311_format:format>", views.Services.as_view(), name="services"),
    path(
        "services/<str:code>.<open311_format:format>",
        views.ServiceDefinition.as_view(),
        name="service_definition",
    ),
    path("requests.<open311_format:format>", views.Requests.as_view(), name="requests"),
    path(
        "requests/<str:reference>.<open311_format:format>",
        views.RequestDetail.as_view(),
        name="request_detail",
    ),
]
