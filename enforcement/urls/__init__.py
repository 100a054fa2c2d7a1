from django.urls import include, path

app_name = "enforcement"

# One urls module per subdomain; all share the "enforcement" namespace.
urlpatterns = [
    path("", include("enforcement.urls_incidents")),
    path("diensten/", include("enforcement.urls_patrols")),
    path("overtredingen/", include("enforcement.urls_violations")),
    path("referentie/", include("enforcement.urls_reference")),
    path("offline/", include("enforcement.urls_offline")),
]
