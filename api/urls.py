"""The REST API, version 1 (docs/api.md)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from api.views import cases, docs, enforcement, incidents, reports
from api.views.common import not_found

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    path("meldingen/", incidents.IncidentList.as_view(), name="incident_list"),
    path("meldingen/<int:pk>/", incidents.IncidentDetail.as_view(), name="incident_detail"),
    path("diensten/", enforcement.PatrolLogList.as_view(), name="patrol_list"),
    path("diensten/<int:pk>/", enforcement.PatrolLogDetail.as_view(), name="patrol_detail"),
    path("overtredingen/", enforcement.ViolationList.as_view(), name="violation_list"),
    path("overtredingen/<int:pk>/", enforcement.ViolationDetail.as_view(), name="violation_detail"),
    path("zaken/", cases.CaseList.as_view(), name="case_list"),
    path("zaken/<int:pk>/", cases.CaseDetail.as_view(), name="case_detail"),
    path("zaken/<int:pk>/fase/", cases.CaseTransition.as_view(), name="case_transition"),
    path("zaken/<int:pk>/toewijzen/", cases.CaseAssign.as_view(), name="case_assign"),
    path("zaken/<int:pk>/actiepunten/", cases.ActionItemList.as_view(), name="case_action_items"),
    path("referentie/themas/", enforcement.ThemeList.as_view(), name="theme_list"),
    path("referentie/categorieen/", enforcement.CategoryList.as_view(), name="category_list"),
    path("raadsrapportages/", reports.ReportList.as_view(), name="report_list"),
    path("raadsrapportages/<int:pk>/", reports.ReportFigures.as_view(), name="report_figures"),
    # Last: an address that matches nothing above answers in the error shape too.
    re_path(r"^[\s\S]*$", not_found, name="not_found"),
]
