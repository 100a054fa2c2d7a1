from django.urls import path

from enforcement.views import reference as views
from enforcement.views import strategy

urlpatterns = [
    path("", views.reference_index, name="reference_index"),
    path("handhavingsstrategie/", strategy.strategy_list, name="strategy_list"),
    path("handhavingsstrategie/nieuw/", strategy.strategy_new, name="strategy_new"),
    path("handhavingsstrategie/<int:pk>/", strategy.strategy_detail, name="strategy_detail"),
    path(
        "handhavingsstrategie/<int:pk>/vaststellen/",
        strategy.strategy_adopt,
        name="strategy_adopt",
    ),
    path("importeren/<slug:kind>/", views.reference_import, name="reference_import"),
    path(
        "importeren/<slug:kind>/voorbeeld.csv",
        views.reference_import_example,
        name="reference_import_example",
    ),
    path("<slug:kind>/", views.reference_list_view, name="reference_list"),
    path("<slug:kind>/nieuw/", views.reference_edit, name="reference_create"),
    path("<slug:kind>/<int:pk>/wijzigen/", views.reference_edit, name="reference_update"),
    path(
        "<slug:kind>/<int:pk>/deactiveren/",
        views.reference_set_active,
        {"active": False},
        name="reference_deactivate",
    ),
    path(
        "<slug:kind>/<int:pk>/activeren/",
        views.reference_set_active,
        {"active": True},
        name="reference_reactivate",
    ),
]
