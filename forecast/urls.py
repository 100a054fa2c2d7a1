from django.urls import path

from forecast import views

app_name = "forecast"

urlpatterns = [
    path("", views.forecast_overview, name="overview"),
    path("hotspots/", views.hotspot_map, name="hotspots"),
]
